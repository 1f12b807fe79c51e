/** The chain's sites and registers (`GET /api/sites`, read before signing in): the landing page and the sign-in pickers. */
import type { ChainSites } from '../engine/protocol/sites.ts';

export type { ChainSites };

export async function loadSites(baseUrl = ''): Promise<ChainSites> {
  const response = await fetch(`${baseUrl}/api/sites`);
  if (!response.ok) throw new Error(`the list of stores cannot be loaded (${response.status})`);
  return (await response.json() as { sites: ChainSites }).sites;
}
