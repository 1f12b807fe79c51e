/**
 * The layers go one way: engine/domain (pure) <- engine/protocol <- machines <- the host (engine/, engine/flows)
 * <- engine/persistence <- engine/lab (scenario lab) <- engine/server; the screens (ui/) see only the protocol and the domain; the command line
 * loads the server only to start it. Every import of every source file is checked against that.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

type Layer = 'domain' | 'protocol' | 'machines' | 'host' | 'persistence' | 'operations' | 'lab' | 'server' | 'cli' | 'ui';

function layerOf(file: string): Layer | null {
  const path = relative(ROOT, file);
  if (path.startsWith('engine/domain/')) return 'domain';
  if (path.startsWith('engine/protocol/')) return 'protocol';
  if (path.startsWith('machines/')) return 'machines';
  if (path.startsWith('engine/persistence/')) return 'persistence';
  if (path.startsWith('engine/operations/')) return 'operations';
  if (path.startsWith('engine/server/')) return 'server';
  if (path.startsWith('engine/lab/')) return 'lab';
  if (path === 'engine/cli.ts' || path.startsWith('engine/cli/')) return 'cli';
  if (path.startsWith('engine/')) return 'host';
  if (path.startsWith('ui/') && !path.includes('/testing/') && !path.endsWith('.test.ts')) return 'ui';
  return null;
}

/** What each layer may import from the project (and which packages). */
const ALLOWED: Record<Layer, { layers: Layer[]; packages: RegExp }> = {
  domain: { layers: ['domain'], packages: /^zod$/ },
  protocol: { layers: ['domain', 'protocol'], packages: /^zod$/ },
  machines: { layers: ['domain', 'machines'], packages: /^xstate$/ },
  host: { layers: ['domain', 'protocol', 'machines', 'host'], packages: /^(xstate|zod|node:.*)$/ },
  persistence: { layers: ['domain', 'protocol', 'machines', 'host', 'persistence'], packages: /^(lowdb|lowdb\/node|node:.*)$/ },
  // Logs and metrics (issue 14): they time the persistence's writes; the server and the CLI hand them out.
  operations: { layers: ['domain', 'protocol', 'machines', 'host', 'persistence', 'operations'], packages: /^(pino|prom-client|node:.*)$/ },
  // The server keeps its sessions in a small lowdb file of its own.
  server: { layers: ['domain', 'protocol', 'machines', 'host', 'persistence', 'operations', 'lab', 'server'], packages: /^(express|express-rate-limit|helmet|socket\.io|esbuild|zod|lowdb|lowdb\/node|node:.*)$/ },
  // The analysts' and testers' lab: scenario files, reports, generated days, lifecycle paths (over the machines).
  lab: { layers: ['domain', 'protocol', 'machines', 'host', 'persistence', 'lab'], packages: /^(zod|xstate|@xstate\/graph|node:.*)$/ },
  cli: { layers: ['domain', 'protocol', 'machines', 'host', 'persistence', 'operations', 'lab', 'cli'], packages: /^(commander|cli-progress|node:.*)$/ },
  ui: { layers: ['domain', 'protocol', 'ui'], packages: /^(lit|lit\/.*|socket\.io-client)$/ },
};

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

/** Static imports and re-exports (`import ... from`, `export ... from`, `import '...'`); dynamic `import()` is not one. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/^(?:import|export)\s[^'"]*?from\s+'([^']+)'|^import\s+'([^']+)'/gm)].map((m) => m[1] ?? m[2]!);
}

describe('layers', () => {
  const files = [...sources(join(ROOT, 'engine')), ...sources(join(ROOT, 'machines')), ...sources(join(ROOT, 'ui'))];

  it('every import goes to a layer below (or the same), and only to the packages the layer uses', () => {
    const wrong: string[] = [];
    let checked = 0;
    for (const file of files) {
      const layer = layerOf(file);
      if (layer === null) continue;
      for (const target of importsOf(file)) {
        checked += 1;
        if (!target.startsWith('.')) {
          if (!ALLOWED[layer].packages.test(target)) wrong.push(`${relative(ROOT, file)} (${layer}) imports the package ${target}`);
          continue;
        }
        const to = layerOf(resolve(dirname(file), target));
        if (to === null || !ALLOWED[layer].layers.includes(to)) wrong.push(`${relative(ROOT, file)} (${layer}) imports ${target} (${to ?? 'outside the layers'})`);
      }
    }
    expect(checked).toBeGreaterThan(300);
    expect(wrong).toEqual([]);
  });

  it('the command line loads the server only to start it', () => {
    const cli = readFileSync(join(ROOT, 'engine/cli.ts'), 'utf8');
    expect(importsOf(join(ROOT, 'engine/cli.ts')).some((target) => target.includes('server'))).toBe(false);
    expect(cli).toMatch(/await import\('\.\/server\/server\.ts'\)/);
  });
});
