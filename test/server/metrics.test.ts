/**
 * Issue 14, operations: GET /metrics in the Prometheus text format, from the server's own registry.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOperations, type Operations } from '../../engine/operations/operations.ts';
import { nodeFiles } from '../../engine/persistence/files.ts';
import { accepted, command, emitWithAck, signIn, socketOf, testServer, type TestServer } from './server-helpers.ts';

let t: TestServer;
let operations: Operations;
beforeEach(async () => {
  operations = createOperations({ level: 'silent' });
  t = await testServer({ operations, durable: { files: operations.metrics.timed(nodeFiles) } });
});
afterEach(async () => { await t.close(); });

async function scrape(): Promise<string> {
  const response = await fetch(`${t.url}/metrics`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('text/plain');
  return response.text();
}

/** A sample's value (`name{labels} value`), or undefined when the series is not there. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('issue 14 /metrics', () => {
  it('ops: commands are counted by type and outcome, and timed', async () => {
    const token = await signIn(t.url, 'cashier1', 'S1', 'R1');
    const before = await scrape();
    expect(sample(before, 'storefront_commands_total{type="register.openShift",outcome="accepted"}')).toBeUndefined();
    await accepted(t.url, token, { type: 'register.openShift', registerId: 'R1', operatorId: 'cashier1' });
    expect((await command(t.url, token, { type: 'register.addItem', registerId: 'R1', productId: 'P-NONE', quantity: 1 })).status).toBeGreaterThanOrEqual(400);
    expect((await command(t.url, token, { type: 'no.such' })).status).toBe(400);
    const after = await scrape();
    expect(sample(after, 'storefront_commands_total{type="register.openShift",outcome="accepted"}')).toBe(1);
    expect(sample(after, 'storefront_commands_total{type="register.addItem",outcome="refused"}')).toBe(1);
    expect(sample(after, 'storefront_commands_total{type="invalid",outcome="refused"}')).toBe(1);
    expect(sample(after, 'storefront_command_duration_seconds_count{type="register.openShift"}')).toBe(1);
    expect(after).toContain('# TYPE storefront_command_duration_seconds histogram');
    // Default process metrics come along.
    expect(after).toContain('process_cpu_user_seconds_total');
  });

  it('ops: journal fsyncs are timed', async () => {
    const token = await signIn(t.url, 'cashier1', 'S1', 'R1');
    await accepted(t.url, token, { type: 'register.openShift', registerId: 'R1', operatorId: 'cashier1' });
    const text = await scrape();
    expect(text).toContain('# TYPE storefront_journal_fsync_seconds histogram');
    expect(sample(text, 'storefront_journal_fsync_seconds_count')).toBeGreaterThan(0);
  });

  it('ops: SY-3 an offline store\'s outbound queue shows as its queue depth and sync lag', async () => {
    const empty = await scrape();
    expect(sample(empty, 'storefront_sync_queue_depth{store="S1"}')).toBe(0);
    expect(await t.durable.execute({ type: 'sync.setLink', storeId: 'S1', state: 'offline' })).toMatchObject({ ok: true });
    const token = await signIn(t.url, 'cashier1', 'S1', 'R1');
    await accepted(t.url, token,
      { type: 'register.openShift', registerId: 'R1', operatorId: 'cashier1' },
      { type: 'customer.create', registerId: 'R1', customer: { name: 'Olive Offline' } });
    expect(await t.durable.execute({ type: 'clock.advance', ms: 90_000 })).toMatchObject({ ok: true });
    const text = await scrape();
    expect(sample(text, 'storefront_sync_queue_depth{store="S1"}')).toBe(t.durable.chain.store.parts.outbound.size('S1'));
    expect(sample(text, 'storefront_sync_queue_depth{store="S1"}')).toBeGreaterThan(0);
    expect(sample(text, 'storefront_sync_lag_seconds{store="S1"}')).toBeGreaterThanOrEqual(90);
    expect(sample(text, 'storefront_sync_queue_depth{store="S2"}')).toBe(0);
  });

  it('ops: screens connected per room follow a socket joining', async () => {
    const token = await signIn(t.url, 'cashier1', 'S1', 'R1');
    const socket = await socketOf(t.url, token);
    try {
      expect(sample(await scrape(), 'storefront_screens_connected{room="register:R1"}')).toBeUndefined();
      expect(await emitWithAck(socket, 'subscribe', { rooms: ['register:R1'] })).toMatchObject({ ok: true });
      const text = await scrape();
      expect(sample(text, 'storefront_screens_connected{room="register:R1"}')).toBe(1);
      // A socket's own id is no room.
      expect(text).not.toContain(`room="${socket.id}"`);
    } finally {
      socket.close();
    }
  });

  it('ops: each server has its own registry', async () => {
    const other = await testServer();
    try {
      const token = await signIn(t.url, 'cashier1', 'S1', 'R1');
      await accepted(t.url, token, { type: 'register.openShift', registerId: 'R1', operatorId: 'cashier1' });
      const text = await (await fetch(`${other.url}/metrics`)).text();
      expect(sample(text, 'storefront_commands_total{type="register.openShift",outcome="accepted"}')).toBeUndefined();
    } finally {
      await other.close();
    }
  });
});
