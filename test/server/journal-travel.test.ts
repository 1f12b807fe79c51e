/**
 * GET /api/journal: the analyst's scrubber over the running server's journals. Headquarters' work only; a bad
 * position is a 400 naming the field and the range, never a 5xx; the point carries the chain as it was then.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JournalPoint } from '../../engine/protocol/journal.ts';
import { accepted, call, command, signIn, testServer, type TestServer } from './server-helpers.ts';

let t: TestServer;
let analyst: string;
let till: string;

beforeAll(async () => {
  t = await testServer();
  analyst = await signIn(t.url, 'analyst1', 'S1');
  till = await signIn(t.url, 'cashier1', 'S1', 'R1');
});
afterAll(async () => { await t.close(); });

const journal = async (query: string, token = analyst) => call(t.url, 'GET', `/api/journal${query}`, { token });
const pointOf = async (query: string) => {
  const answer = await journal(query);
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return answer.body.point as JournalPoint;
};

describe('GET /api/journal', () => {
  it('ST-5 is headquarters\' work: a till is refused, signing in is needed', async () => {
    expect(await journal('?seq=0', till)).toMatchObject({ status: 403, body: { error: { rule: 'ST-5' } } });
    expect((await call(t.url, 'GET', '/api/journal?seq=0')).status).toBe(401);
  });

  it('shows the chain at any command, follows the server as it goes on, and finds the refusals', async () => {
    expect(await pointOf('')).toMatchObject({ seq: 0, last: 0, at: '2026-11-23T09:00:00.000Z', command: null, refusals: [], nextRefusal: null, report: { commands: 0 } });
    await accepted(t.url, till, { type: 'register.openShift', registerId: 'R1', operatorId: 'cashier1' }, { type: 'register.addItem', registerId: 'R1', productId: 'P-LAMP', quantity: 1 });
    expect(await command(t.url, till, { type: 'register.addItem', registerId: 'R1', productId: 'P-NONE', quantity: 1 })).toMatchObject({ status: 404 });
    await accepted(t.url, analyst, { type: 'clock.advance', ms: 15 * 60_000 });
    const live = await pointOf('');
    expect(live.seq).toBe(t.durable.chain.seq);
    expect(live.last).toBe(live.seq);
    expect(live.report.clock).toBe('2026-11-23T09:15:00.000Z');
    expect(live.report.refusedByRule).toEqual({ NOT_FOUND: 1 });
    expect(live.previousRefusal).toBe(2);

    const first = await pointOf('?seq=1');
    expect(first).toMatchObject({ seq: 1, command: { engine: 'store', type: 'register.openShift' }, nextRefusal: 2, previousRefusal: null, report: { commands: 1, refusedByRule: {} } });
    const refused = await pointOf('?seq=2');
    expect(refused.refusals).toEqual([{ type: 'register.addItem', at: '2026-11-23T09:00:00.000Z', rule: 'NOT_FOUND', field: 'productId', message: expect.stringContaining('P-NONE') }]);
    expect(refused.nextRefusal).toBeNull();
    expect(await pointOf('?time=2026-11-23T09:10:00Z')).toMatchObject({ seq: 2 });
    // The report as of then, not as of now: the clock had not moved.
    expect(refused.report.clock).toBe('2026-11-23T09:00:00.000Z');
  });

  it('a bad position is a 400 naming the field and the range, never a 5xx', async () => {
    const last = t.durable.chain.seq;
    const cases: [string, string, RegExp][] = [
      ['?seq=abc', 'seq', /seq: a command number/],
      ['?seq=-1', 'seq', /seq: a command number/],
      [`?seq=${last + 1}`, 'seq', new RegExp(`seq: expected a command number from 0 \\(the start\\) to ${last} \\(the last command\\), got ${last + 1}`)],
      ['?seq=99999999999999999999', 'seq', /seq: a command number/],
      ['?time=yesterday', 'time', /time: expected a time from 2026-11-23T09:00:00.000Z \(the start\) onwards \(the last command is at .*\)$/],
      ['?time=2026-11-23T08:00:00Z', 'time', /got 2026-11-23T08:00:00.000Z/],
      ['?seq=1&time=2026-11-23T09:00:00Z', 'seq', /not both/],
      ['?position=3', '', /position/],
      ['?seq=1&seq=2', 'seq', /./],
    ];
    // A time after the last command is the last command (as of the last command at or before it), not an error.
    expect(await pointOf('?time=2030-01-01T00:00:00Z')).toMatchObject({ seq: last });
    for (const [query, field, message] of cases) {
      const answer = await journal(query);
      expect(answer.status, query).toBe(400);
      expect(answer.body.error!.rule, query).toBe('VALIDATION');
      if (field !== '') expect(answer.body.error!.field, query).toBe(field);
      expect(answer.body.error!.message, query).toMatch(message);
    }
  });
});
