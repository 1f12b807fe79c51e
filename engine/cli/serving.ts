/** What the commands that serve the screens share (`demo`, `run --serve`): the port flag and the screens' addresses. */
import type { Catalog } from '../domain/catalog.ts';
import { chainSites, screenLinks } from '../protocol/sites.ts';
import { ScenarioError } from '../scenario.ts';

export function portOf(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65_535) throw new ScenarioError('command line', '--port', `expected a port number (0-65535), got "${value}"`);
  return port;
}

/** Every screen of the chain by site, as the landing page (`/`) lists them. */
export function screenAddresses(catalog: Catalog, url: string): string[] {
  return screenLinks(chainSites(catalog)).flatMap((site) => site.screens.map((screen) => `  ${site.name}, ${screen.label}: ${url}${screen.path}`));
}
