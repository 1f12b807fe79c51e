/**
 * Issue 14, operations: structured JSON logs (pino) under a request id that follows each command.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOperations, logLevel } from '../../engine/operations/operations.ts';
import { emitWithAck, PIN, signIn, socketOf, testServer, type TestServer } from './server-helpers.ts';

let t: TestServer;
let lines: Record<string, unknown>[];
let raw: string[];
beforeEach(async () => {
  lines = [];
  raw = [];
  const destination = { write: (line: string) => { raw.push(line); lines.push(JSON.parse(line) as Record<string, unknown>); } };
  t = await testServer({ operations: createOperations({ level: 'debug', destination }) });
});
afterEach(async () => { await t.close(); });

const openShift = { type: 'register.openShift', registerId: 'R1', operatorId: 'cashier1' };
const lampSale = [
  openShift,
  { type: 'register.setCustomer', registerId: 'R1', customerId: 'C-ANNA' },
  { type: 'register.addItem', registerId: 'R1', productId: 'P-LAMP', quantity: 1 },
  { type: 'register.pickupAll', registerId: 'R1' },
];

function post(token: string, body: unknown, requestId?: string): Promise<Response> {
  return fetch(`${t.url}/api/commands`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...(requestId === undefined ? {} : { 'x-request-id': requestId }) },
    body: JSON.stringify(body),
  });
}

describe('issue 14 structured logs', () => {
  it('ops: a command gets a request id, sent back in the x-request-id header and on each of its log lines', async () => {
    const token = await signIn(t.url, 'cashier1', 'S1', 'R1');
    const response = await post(token, { command: openShift });
    expect(response.status).toBe(200);
    const requestId = response.headers.get('x-request-id');
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    const own = lines.filter((line) => line.requestId === requestId);
    expect(own.map((line) => line.msg)).toEqual(['command accepted: register.openShift', 'request']);
    expect(own[0]).toMatchObject({ level: 20, type: 'register.openShift', seq: expect.any(Number), ms: expect.any(Number) });
    expect(own[1]).toMatchObject({ method: 'POST', path: '/api/commands', status: 200 });
    // Another request, another id.
    const again = await post(token, { command: openShift });
    expect(again.headers.get('x-request-id')).not.toBe(requestId);
  });

  it('ops: an incoming x-request-id is kept; a refusal is logged with its rule and field', async () => {
    const token = await signIn(t.url, 'cashier1', 'S1', 'R1');
    const response = await post(token, { command: { ...openShift, registerId: 'R2' } }, 'gateway-7.abc');
    expect(response.status).toBe(403);
    expect(response.headers.get('x-request-id')).toBe('gateway-7.abc');
    expect(lines.find((line) => line.requestId === 'gateway-7.abc' && line.msg === 'command refused: register.openShift'))
      .toMatchObject({ rule: 'ST-5', field: 'registerId', status: 403 });
    // An id that is not a plain short token is replaced, not echoed.
    const odd = await post(token, { command: openShift }, 'x'.repeat(65));
    expect(odd.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("ops: a socket command is logged under the screen's command id", async () => {
    const token = await signIn(t.url, 'cashier1', 'S1', 'R1');
    const socket = await socketOf(t.url, token);
    try {
      expect(await emitWithAck(socket, 'command', { command: openShift, commandId: 'screen-R1-1' })).toMatchObject({ ok: true });
      expect(lines.find((line) => line.requestId === 'screen-R1-1')).toMatchObject({ msg: 'command accepted: register.openShift', socket: socket.id });
    } finally {
      socket.close();
    }
  });

  it('ops: ST-5 no PIN or session token reaches a log line (sign-in, a manager approval)', async () => {
    const token = await signIn(t.url, 'cashier1', 'S1', 'R1');
    for (const command of lampSale) expect((await post(token, { command })).status).toBe(200);
    const deposit = { type: 'register.overrideDeposit', registerId: 'R1', amount: 0 };
    expect((await post(token, { command: deposit, approval: { operatorId: 'manager1', pin: '1234' } })).status).toBe(403);
    expect((await post(token, { command: deposit, approval: { operatorId: 'manager1', pin: PIN.manager1 } })).status).toBe(200);
    expect(lines.some((line) => line.path === '/api/session')).toBe(true);
    expect(lines.some((line) => line.msg === 'command accepted: register.overrideDeposit')).toBe(true);
    const all = raw.join('');
    expect(all).not.toContain(token);
    for (const pin of [PIN.cashier1, PIN.manager1, '1234']) expect(all).not.toContain(`"${pin}"`);
    expect(all).not.toMatch(/"(pin|token|authorization)"/i);
    // Nor a customer's name (the lamp sale is Anna's).
    expect(all).not.toContain('Anna');
  });

  it('ops: LOG_LEVEL sets the level; the test suite is quiet unless it asks', () => {
    expect(logLevel({ LOG_LEVEL: 'debug' })).toBe('debug');
    expect(logLevel({})).toBe('info');
    expect(logLevel({ NODE_ENV: 'test' })).toBe('silent');
    expect(logLevel({ VITEST: 'true' })).toBe('silent');
  });
});
