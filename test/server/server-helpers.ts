/**
 * A real server on 127.0.0.1 over a durable demo chain in a temporary directory (its sessions kept there too), that
 * a test can restart on the same directory and port, and clients for it.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { io, type Socket } from 'socket.io-client';
import { DurableChain, type DurableOptions } from '../../engine/persistence/durable-chain.ts';
import type { Operations } from '../../engine/operations/operations.ts';
import type { GatewayOptions } from '../../engine/server/gateway.ts';
import type { Screens } from '../../engine/server/http.ts';
import { startServer, type RunningServer } from '../../engine/server/server.ts';

export const DEMO_CHAIN = fileURLToPath(new URL('../../scenarios/demo-chain.json', import.meta.url));

/** The demo staff's PINs (scenarios/demo-chain.json holds only their hashes). */
export const PIN = { cashier1: '1111', lead1: '2222', cashier2: '3333', cashier3: '4444', analyst1: '5555', picker1: '6666', manager1: '9999', agent1: '7777', agent2: '8888', supervisor1: '8181', clerk1: '1212', coordinator1: '1313' } as const;

export interface TestServer {
  server: RunningServer;
  durable: DurableChain;
  dir: string;
  url: string;
  /** Stops the server and opens it again on the same data directory and port (`meanwhile` runs while it is down). */
  restart(meanwhile?: () => Promise<void>): Promise<void>;
  close(): Promise<void>;
}

/** No screens: the API and the socket only (the end-to-end tests give the real ones). */
const NO_SCREENS: Screens = { html: '<!doctype html><title>test</title>', script: 'export {};' };

export async function testServer(options: { gateway?: GatewayOptions; screens?: Screens; operations?: Operations; durable?: Pick<DurableOptions, 'files' | 'snapshotEvery' | 'startAt'>; config?: (config: Record<string, unknown>) => void } = {}): Promise<TestServer> {
  const dir = await mkdtemp(join(tmpdir(), 'storefront-server-'));
  const config = JSON.parse(await readFile(DEMO_CHAIN, 'utf8')) as Record<string, unknown>;
  options.config?.(config);
  const open = async (port?: number) => {
    const durable = await DurableChain.open(dir, { config, seed: 5, startAt: Date.UTC(2026, 10, 23, 9), ...options.durable });
    try {
      const server = await startServer(durable, { screens: options.screens ?? NO_SCREENS, dataDir: dir, ...(port === undefined ? {} : { port }), ...(options.operations === undefined ? {} : { operations: options.operations }), ...(options.gateway === undefined ? {} : { gateway: options.gateway }) });
      return { durable, server };
    } catch (error) {
      await durable.close();
      throw error;
    }
  };
  const opened = await open().catch(async (error: unknown) => {
    await rm(dir, { recursive: true, force: true });
    throw error;
  });
  const t: TestServer = {
    ...opened, dir, url: '',
    restart: async (meanwhile) => {
      await t.server.close();
      await t.durable.close();
      await meanwhile?.();
      Object.assign(t, await open(Number(new URL(t.url).port)));
    },
    close: async () => {
      try {
        await t.server.close();
        await t.durable.close();
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  };
  t.url = t.server.url;
  return t;
}

export interface Answer { status: number; body: Record<string, unknown> & { ok: boolean; error?: { rule: string; field?: string; message: string } } }

export async function call(url: string, method: string, path: string, options: { token?: string; body?: unknown; raw?: string } = {}): Promise<Answer> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
  const response = await fetch(`${url}${path}`, { method, headers, ...(options.raw !== undefined ? { body: options.raw } : options.body === undefined ? {} : { body: JSON.stringify(options.body) }) });
  const text = await response.text();
  return { status: response.status, body: text === '' ? { ok: response.ok } : JSON.parse(text) as Answer['body'] };
}

export async function signIn(url: string, operatorId: keyof typeof PIN, siteId: string, registerId?: string): Promise<string> {
  const answer = await call(url, 'POST', '/api/session', { body: { operatorId, pin: PIN[operatorId], siteId, ...(registerId === undefined ? {} : { registerId }) } });
  if (answer.status !== 201) throw new Error(`sign-in of ${operatorId} failed: ${JSON.stringify(answer.body)}`);
  return answer.body.token as string;
}

export function command(url: string, token: string, cmd: Record<string, unknown>, approval?: { operatorId: string; pin: string }): Promise<Answer> {
  return call(url, 'POST', '/api/commands', { token, body: approval === undefined ? { command: cmd } : { command: cmd, approval } });
}

/** Runs commands that must be accepted. */
export async function accepted(url: string, token: string, ...cmds: Record<string, unknown>[]): Promise<Record<string, unknown>[]> {
  const results = [];
  for (const cmd of cmds) {
    const answer = await command(url, token, cmd);
    if (answer.status !== 200) throw new Error(`${String(cmd.type)} refused: ${JSON.stringify(answer.body)}`);
    results.push(answer.body.result as Record<string, unknown>);
  }
  return results;
}

export function socketOf(url: string, token: string): Promise<Socket> {
  const socket = io(url, { transports: ['websocket'], forceNew: true, reconnection: false, auth: { token } });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (error) => { socket.close(); reject(error); });
  });
}

export function emitWithAck<T>(socket: Socket, event: string, payload: unknown): Promise<T> {
  return new Promise((resolve) => socket.emit(event, payload, (answer: T) => resolve(answer)));
}
