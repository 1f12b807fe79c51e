/** Staff sessions on their own, on a clock the test moves: sign-in lockout with backoff, approval lockout (ST-5). */
import { readFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { buildCatalog } from '../../engine/domain/catalog.ts';
import { isApiError, type ApiError } from '../../engine/server/errors.ts';
import { SessionStore, type Session } from '../../engine/server/sessions.ts';
import { DEMO_CHAIN, PIN } from './server-helpers.ts';

const catalog = buildCatalog(JSON.parse(await readFile(DEMO_CHAIN, 'utf8')));
const MINUTE = 60_000;

let now = Date.UTC(2026, 10, 23, 9);
const stores: SessionStore[] = [];
afterEach(() => { for (const store of stores.splice(0)) store.close(); });

function sessionStore(): SessionStore {
  const store = new SessionStore(catalog, { now: () => now });
  stores.push(store);
  return store;
}

const attempt = (sessions: SessionStore, operatorId: string, pin: string) => sessions.signIn({ operatorId, pin, siteId: 'S1' });
const statusOf = (answer: Session | ApiError) => (isApiError(answer) ? answer.status : 201);

describe('signing in: a lockout per operator', () => {
  it('issue 9 #9 five wrong PINs lock the operator out for a minute, even with the right PIN; others sign in', async () => {
    const sessions = sessionStore();
    for (let i = 0; i < 5; i++) expect(statusOf(await attempt(sessions, 'cashier1', '0000'))).toBe(401);
    expect(await attempt(sessions, 'cashier1', PIN.cashier1)).toMatchObject({
      status: 429, rule: 'RATE_LIMITED', field: 'operatorId', message: 'too many wrong PINs for cashier1: try again in 1 minute',
    });
    expect(statusOf(await attempt(sessions, 'lead1', PIN.lead1))).toBe(201);
    now += MINUTE;
    expect(statusOf(await attempt(sessions, 'cashier1', PIN.cashier1))).toBe(201);
  });

  it('issue 9 #9 each further wrong PIN doubles the lockout, up to 30 minutes; a successful sign-in resets it', async () => {
    const sessions = sessionStore();
    for (let i = 0; i < 5; i++) await attempt(sessions, 'cashier1', '0000');
    const waits: string[] = [];
    for (let i = 0; i < 6; i++) {
      now += 30 * MINUTE;
      expect(statusOf(await attempt(sessions, 'cashier1', '0000'))).toBe(401);
      waits.push((await attempt(sessions, 'cashier1', PIN.cashier1) as ApiError).message);
    }
    expect(waits.map((m) => /try again in (.*)$/.exec(m)?.[1])).toEqual(['2 minutes', '4 minutes', '8 minutes', '16 minutes', '30 minutes', '30 minutes']);
    now += 30 * MINUTE;
    expect(statusOf(await attempt(sessions, 'cashier1', PIN.cashier1))).toBe(201);
    // Reset: four wrong PINs lock nothing again.
    for (let i = 0; i < 4; i++) expect(statusOf(await attempt(sessions, 'cashier1', '0000'))).toBe(401);
    expect(statusOf(await attempt(sessions, 'cashier1', PIN.cashier1))).toBe(201);
  });

  it('issue 9 #9 an unknown operator is locked out the same way (whether an operator exists is not told)', async () => {
    const sessions = sessionStore();
    for (let i = 0; i < 5; i++) expect(statusOf(await attempt(sessions, 'nobody', '0000'))).toBe(401);
    expect(await attempt(sessions, 'nobody', '0000')).toMatchObject({ status: 429, message: 'too many wrong PINs for nobody: try again in 1 minute' });
  });
});

describe('approvals: a lockout per requester', () => {
  const approval = (sessions: SessionStore, session: Session, pin: string) => sessions.approve(session, { operatorId: 'manager1', pin });

  it('issue 9 #9 five refused approvals lock out the operator asking, in every session, not the approver', async () => {
    const sessions = sessionStore();
    const cashier = await sessions.signIn({ operatorId: 'cashier1', pin: PIN.cashier1, siteId: 'S1', registerId: 'R1' }) as Session;
    const lead = await sessions.signIn({ operatorId: 'lead1', pin: PIN.lead1, siteId: 'S1', registerId: 'R2' }) as Session;
    for (let i = 0; i < 5; i++) expect(await approval(sessions, cashier, '0000')).toMatchObject({ status: 403, field: 'approval' });
    expect(await approval(sessions, cashier, PIN.manager1)).toMatchObject({
      status: 429, rule: 'RATE_LIMITED', field: 'approval', message: 'too many refused approvals for cashier1: try again in 1 minute',
    });
    const again = await sessions.signIn({ operatorId: 'cashier1', pin: PIN.cashier1, siteId: 'S1', registerId: 'R2' }) as Session;
    expect(await approval(sessions, again, PIN.manager1)).toMatchObject({ status: 429 });
    // The manager's approvals go on at the other till.
    expect(await approval(sessions, lead, PIN.manager1)).toBeNull();
    now += MINUTE;
    expect(await approval(sessions, cashier, PIN.manager1)).toBeNull();
  });
});
