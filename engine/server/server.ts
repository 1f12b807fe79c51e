/**
 * The live store server: the durable chain behind the HTTP API and the Socket.IO gateway, and the screens (Lit
 * components in ui/, bundled with esbuild when the server starts).
 */
import { createServer } from 'node:http';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { Server } from 'socket.io';
import type { DurableChain } from '../persistence/durable-chain.ts';
import { Gateway, type GatewayOptions } from './gateway.ts';
import { createApp, type Screens } from './http.ts';
import { SessionStore, SESSIONS_FILE } from './sessions.ts';
import type { Chain } from '../chain.ts';
import { createOperations, type Operations, type SyncBacklog } from '../operations/operations.ts';

const UI_ENTRY = fileURLToPath(new URL('../../ui/main.ts', import.meta.url));

/** The page around one element: the landing page's list of screens, or the screens' app. */
const page = (element: string) => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Storefront</title>
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
<script type="module" src="/app.js"></script>
</head>
<body style="margin:0;font-family:system-ui,sans-serif;background:#f4f5f7">
<${element}></${element}>
</body>
</html>
`;

/** The screens' script: ui/main.ts and what it imports (lit, socket.io-client) in one module. */
export async function bundleScreens(entry = UI_ENTRY): Promise<Screens> {
  const result = await build({ entryPoints: [entry], bundle: true, format: 'esm', target: 'es2022', write: false, sourcemap: 'inline', logLevel: 'silent' });
  return { html: page('storefront-app'), landing: page('landing-page'), script: result.outputFiles[0]!.text };
}

export interface RunningServer { url: string; gateway: Gateway; sessions: SessionStore; close(): Promise<void> }

export interface ServerOptions {
  port?: number;
  host?: string;
  screens?: Screens;
  gateway?: GatewayOptions;
  /**
   * The chain's data directory: the sessions are kept there (sessions.json), so that screens survive a restart, and
   * the analyst's scrubber reads its journals.
   */
  dataDir?: string;
  /** The server's logger and metrics (default: a logger at LOG_LEVEL, and a registry of its own). */
  operations?: Operations;
}

export async function startServer(durable: DurableChain, options: ServerOptions = {}): Promise<RunningServer> {
  const sessions = await SessionStore.open(durable.chain.catalog, options.dataDir === undefined ? {} : { file: join(options.dataDir, SESSIONS_FILE) });
  const operations = options.operations ?? createOperations();
  const app = createApp(durable, sessions, options.screens ?? await bundleScreens(), operations, { dataDir: options.dataDir });
  const http = createServer(app);
  const io = new Server(http, { serveClient: false, maxHttpBufferSize: 256_000 });
  const gateway = new Gateway(io, durable, sessions, operations, options.gateway);
  operations.metrics.watchSync(() => syncBacklog(durable.chain));
  // A socket's own room (its id) is not a screen's room.
  operations.metrics.watchScreens(() => new Map([...io.sockets.adapter.rooms].filter(([room]) => !io.sockets.sockets.has(room)).map(([room, sockets]) => [room, sockets.size])));
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { address, port } = http.address() as AddressInfo;
  const url = `http://${address}:${port}`;
  operations.log.info({ url, seq: durable.chain.seq }, 'server started');
  return {
    url,
    gateway,
    sessions,
    close: async () => {
      gateway.close();
      await io.close(); // closes the HTTP server too
      await sessions.close();
      operations.log.info({ url }, 'server stopped');
    },
  };
}

/** Each store's outbound queue: its depth, and how long (chain clock) its oldest item has waited. */
function syncBacklog(chain: Chain): SyncBacklog[] {
  const outbound = chain.store.parts.outbound;
  return [...chain.catalog.stores.keys()].map((storeId) => {
    const oldest = outbound.pending(storeId)[0];
    return { storeId, depth: outbound.size(storeId), lagSeconds: oldest === undefined ? 0 : Math.max(0, chain.now - oldest.at) / 1000 };
  });
}
