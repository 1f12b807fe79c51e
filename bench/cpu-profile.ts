/**
 * Where a V8 CPU profile (.cpuprofile: node --cpu-prof, or the inspector's Profiler.stop) spends its time: per
 * function self and total time, and self time per area (a source file of this repository, a package, node's
 * internals, the garbage collector, idle).
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

interface ProfileNode { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }
interface Profile { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }

export interface ProfileRow { name: string; selfMs: number; selfPct: number; totalMs: number; totalPct: number }
export interface ProfileSummary {
  sampledMs: number;
  /** The functions with the most self time, and those with the most total (inclusive) time. */
  bySelf: ProfileRow[];
  byTotal: ProfileRow[];
  areas: { area: string; selfMs: number; selfPct: number }[];
}

const REPO = fileURLToPath(new URL('..', import.meta.url));

function place(url: string): { file: string; area: string } {
  const path = url.startsWith('file://') ? fileURLToPath(url) : url;
  const inModules = path.lastIndexOf('node_modules/');
  if (inModules >= 0) {
    const rest = path.slice(inModules + 'node_modules/'.length).split('/');
    const pkg = rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!;
    return { file: `${pkg}/${rest.at(-1)}`, area: pkg };
  }
  if (path.startsWith(REPO)) return { file: path.slice(REPO.length), area: path.slice(REPO.length) };
  if (path.startsWith('node:')) return { file: path, area: 'node internals' };
  return { file: path, area: path === '' ? '(native or VM)' : path };
}

export async function summarizeProfile(path: string, top: number): Promise<ProfileSummary> {
  const profile = JSON.parse(await readFile(path, 'utf8')) as Profile;
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const keyOf = new Map<number, { name: string; area: string }>();
  for (const node of profile.nodes) {
    const { functionName, url, lineNumber } = node.callFrame;
    const { file, area } = place(url);
    const special = url === '' && functionName.startsWith('(');
    keyOf.set(node.id, {
      // tsx hands V8 transpiled TypeScript without line breaks kept: a .ts file's line would always read 1.
      name: special ? functionName : `${functionName || '(anonymous)'} ${file}${url === '' || url.endsWith('.ts') ? '' : `:${lineNumber + 1}`}`,
      area: special ? functionName : area,
    });
  }
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  const areas = new Map<string, number>();
  let sampledUs = 0;
  // A sample's time is the delta to the next sample.
  for (let i = 0; i < profile.samples.length; i++) {
    const us = profile.timeDeltas[i + 1] ?? 0;
    sampledUs += us;
    const leaf = keyOf.get(profile.samples[i]!)!;
    self.set(leaf.name, (self.get(leaf.name) ?? 0) + us);
    areas.set(leaf.area, (areas.get(leaf.area) ?? 0) + us);
    const seen = new Set<string>();
    for (let id: number | undefined = profile.samples[i]; id !== undefined; id = parent.get(id)) {
      const name = keyOf.get(id)!.name;
      if (seen.has(name)) continue; // recursion counts once
      seen.add(name);
      total.set(name, (total.get(name) ?? 0) + us);
    }
  }
  const pct = (us: number) => (100 * us) / Math.max(1, sampledUs);
  const row = (name: string): ProfileRow => ({
    name, selfMs: (self.get(name) ?? 0) / 1000, selfPct: pct(self.get(name) ?? 0), totalMs: (total.get(name) ?? 0) / 1000, totalPct: pct(total.get(name) ?? 0),
  });
  const most = (times: Map<string, number>, skip: (name: string) => boolean) =>
    [...times.keys()].filter((name) => !skip(name)).sort((a, b) => times.get(b)! - times.get(a)!).slice(0, top).map(row);
  return {
    sampledMs: sampledUs / 1000,
    bySelf: most(self, () => false),
    // (root), (program) and the like hold everything or nothing of interest.
    byTotal: most(total, (name) => name.startsWith('(')),
    areas: [...areas].sort((a, b) => b[1] - a[1]).slice(0, top).map(([area, us]) => ({ area, selfMs: us / 1000, selfPct: pct(us) })),
  };
}
