/**
 * Staff sessions on their own, on a clock the test moves: sign-in lockout with backoff, approval lockout (ST-5), and
 * the sessions file that lets them survive a restart.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildCatalog } from '../../engine/domain/catalog.ts';
import { isApiError, type ApiError } from '../../engine/server/errors.ts';
import { SessionStore, type Session, type SignedIn } from '../../engine/server/sessions.ts';
import { DEMO_CHAIN, PIN } from './server-helpers.ts';

const catalog = buildCatalog(JSON.parse(await readFile(DEMO_CHAIN, 'utf8')));
const MINUTE = 60_000;

let now = Date.UTC(2026, 10, 23, 9);
const stores: SessionStore[] = [];
afterEach(async () => { for (const store of stores.splice(0)) await store.close(); });

function sessionStore(): SessionStore {
  const store = new SessionStore(catalog, { now: () => now });
  stores.push(store);
  return store;
}

const attempt = (sessions: SessionStore, operatorId: string, pin: string) => sessions.signIn({ operatorId, pin, siteId: 'S1' });
const statusOf = (answer: SignedIn | ApiError) => (isApiError(answer) ? answer.status : 201);

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
    const signIn = async (operatorId: 'cashier1' | 'lead1', registerId: string) => (await sessions.signIn({ operatorId, pin: PIN[operatorId], siteId: 'S1', registerId }) as SignedIn).session;
    const cashier = await signIn('cashier1', 'R1');
    const lead = await signIn('lead1', 'R2');
    for (let i = 0; i < 5; i++) expect(await approval(sessions, cashier, '0000')).toMatchObject({ status: 403, field: 'approval' });
    expect(await approval(sessions, cashier, PIN.manager1)).toMatchObject({
      status: 429, rule: 'RATE_LIMITED', field: 'approval', message: 'too many refused approvals for cashier1: try again in 1 minute',
    });
    const again = await signIn('cashier1', 'R2');
    expect(await approval(sessions, again, PIN.manager1)).toMatchObject({ status: 429 });
    // The manager's approvals go on at the other till.
    expect(await approval(sessions, lead, PIN.manager1)).toBeNull();
    now += MINUTE;
    expect(await approval(sessions, cashier, PIN.manager1)).toBeNull();
  });
});

describe('sessions survive a restart', () => {
  let dir: string;
  beforeEach(async () => { dir = await mkdtemp(join(tmpdir(), 'storefront-sessions-')); });
  afterEach(async () => { await rm(dir, { recursive: true, force: true }); });

  const open = async () => {
    const store = await SessionStore.open(catalog, { now: () => now, file: join(dir, 'sessions.json') });
    stores.push(store);
    return store;
  };

  it('issue 9 #10 a session is kept in the data directory with its expiry, as a hash of its token, and is back after a restart', async () => {
    const before = await open();
    const { token } = await before.signIn({ operatorId: 'cashier1', pin: PIN.cashier1, siteId: 'S1', registerId: 'R1' }) as SignedIn;
    await before.close();
    const file = await readFile(join(dir, 'sessions.json'), 'utf8');
    expect(file).not.toContain(token);
    expect(file).toContain(createHash('sha256').update(token).digest('hex'));
    const after = await open();
    expect(after.get(token)).toMatchObject({ operatorId: 'cashier1', roleId: 'cashier', permissions: ['till', 'customers'], storeId: 'S1', locationId: 'S1', registerId: 'R1' });
  });

  it('issue 9 #10 a session signed out, or idle past its expiry, is not back after a restart', async () => {
    const before = await open();
    const out = await before.signIn({ operatorId: 'cashier1', pin: PIN.cashier1, siteId: 'S1' }) as SignedIn;
    const idle = await before.signIn({ operatorId: 'lead1', pin: PIN.lead1, siteId: 'S1' }) as SignedIn;
    await before.signOut(out.session.id);
    await before.close();
    now += 13 * 3_600_000;
    const after = await open();
    expect(after.get(out.token)).toBeNull();
    expect(after.get(idle.token)).toBeNull();
    await after.close();
    expect(JSON.parse(await readFile(join(dir, 'sessions.json'), 'utf8'))).toMatchObject({ sessions: [] });
  });

  it('issue 9 #10 use keeps a session alive across a restart (its expiry is written as it moves)', async () => {
    const before = await open();
    const { token } = await before.signIn({ operatorId: 'cashier1', pin: PIN.cashier1, siteId: 'S1' }) as SignedIn;
    now += 11 * 3_600_000;
    expect(before.get(token)).not.toBeNull();
    await before.close();
    now += 2 * 3_600_000;
    expect((await open()).get(token)).toMatchObject({ operatorId: 'cashier1' });
  });

  it('issue 9 #10 a damaged sessions file starts with no sessions (everyone signs in again) instead of stopping the server', async () => {
    await writeFile(join(dir, 'sessions.json'), '{"sessions": [{"tokenHash": 12');
    const sessions = await open();
    expect(sessions.get('anything')).toBeNull();
    expect(statusOf(await sessions.signIn({ operatorId: 'cashier1', pin: PIN.cashier1, siteId: 'S1' }))).toBe(201);
  });
});
