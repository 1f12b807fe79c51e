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
}

export async function startServer(durable: DurableChain, options: ServerOptions = {}): Promise<RunningServer> {
  const sessions = await SessionStore.open(durable.chain.catalog, options.dataDir === undefined ? {} : { file: join(options.dataDir, SESSIONS_FILE) });
  const app = createApp(durable, sessions, options.screens ?? await bundleScreens(), { dataDir: options.dataDir });
  const http = createServer(app);
  const io = new Server(http, { serveClient: false, maxHttpBufferSize: 256_000 });
  const gateway = new Gateway(io, durable, sessions, options.gateway);
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { address, port } = http.address() as AddressInfo;
  return {
    url: `http://${address}:${port}`,
    gateway,
    sessions,
    close: async () => {
      gateway.close();
      await io.close(); // closes the HTTP server too
      await sessions.close();
    },
  };
}
