/** The Socket.IO gateway against a real server: authentication, rooms per site (ST-5), commands, live updates, resume. */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Socket } from 'socket.io-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Envelope, SubscribeReply } from '../../engine/server/gateway.ts';
import { accepted, call, emitWithAck, PIN, signIn, socketOf, testServer, type TestServer } from './server-helpers.ts';

let t: TestServer;
const sockets: Socket[] = [];
beforeEach(async () => { t = await testServer(); });
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.close();
  await t.close();
});

async function connect(token: string): Promise<Socket> {
  const socket = await socketOf(t.url, token);
  sockets.push(socket);
  return socket;
}

/** Collects the updates a socket receives. */
function updates(socket: Socket): Envelope[] {
  const received: Envelope[] = [];
  socket.on('update', (envelope: Envelope) => received.push(envelope));
  return received;
}

/** Waits until `predicate` holds for what was received (the broadcast races the HTTP answer: wait, don't sleep). */
async function until<T>(received: T[], predicate: (items: T[]) => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!predicate(received)) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; got ${JSON.stringify(received).slice(0, 500)}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const pickupAtS2 = [
  { type: 'register.openShift', registerId: 'R1', operatorId: 'cashier1' },
  { type: 'register.setCustomer', registerId: 'R1', customerId: 'C-ANNA' },
  { type: 'register.addItem', registerId: 'R1', productId: 'P-LAMP', quantity: 1 },
  { type: 'register.pickupAll', registerId: 'R1', locationId: 'S2' },
];

describe('socket authentication and rooms', () => {
  it('ST-5 a socket without a live session is refused', async () => {
    await expect(socketOf(t.url, 'made-up')).rejects.toThrow(/UNAUTHENTICATED/);
  });

  it('ST-5 signing out takes the session\'s screens off the air at once', async () => {
    const token = await signIn(t.url, 'cashier1', 'S1', 'R1');
    const socket = await connect(token);
    const gone = new Promise<string>((resolve) => socket.once('disconnect', resolve));
    expect((await call(t.url, 'DELETE', '/api/session', { token })).status).toBe(204);
    expect(await gone).toBe('io server disconnect');
  });

  it('ST-5 a screen subscribes only to its own site\'s rooms', async () => {
    const socket = await connect(await signIn(t.url, 'cashier1', 'S1', 'R1'));
    for (const room of ['store:S2', 'location:S2', 'location:S1', 'register:R2', 'register:R3', 'headquarters', 'store:S1:x', 'nowhere']) {
      const reply = await emitWithAck<SubscribeReply>(socket, 'subscribe', { rooms: ['store:S1', room] });
      expect(reply, room).toMatchObject({ ok: false, error: { rule: 'ST-5', field: 'rooms.1' } });
    }
    expect(await emitWithAck<SubscribeReply>(socket, 'subscribe', { rooms: [] })).toMatchObject({ ok: false, error: { rule: 'VALIDATION', field: 'rooms' } });
    expect(await emitWithAck<SubscribeReply>(socket, 'subscribe', { rooms: ['store:S1', 'register:R1'] })).toMatchObject({ ok: true, mode: 'snapshot' });
  });

  it('ST-5 a cashier token cannot perform a manager-only operation over the socket either', async () => {
    const token = await signIn(t.url, 'cashier1', 'S1', 'R1');
    await accepted(t.url, token, ...pickupAtS2);
    const socket = await connect(token);
    const before = JSON.stringify(t.durable.chain.exportState());
    const deposit = { type: 'register.overrideDeposit', registerId: 'R1', amount: 0 };
    expect(await emitWithAck(socket, 'command', { command: deposit })).toMatchObject({ ok: false, error: { rule: 'CO-7' } });
    expect(await emitWithAck(socket, 'command', { command: { ...deposit, approverId: 'manager1' } })).toMatchObject({ ok: false, error: { rule: 'ST-5', field: 'approverId' } });
    expect(await emitWithAck(socket, 'command', { command: { type: 'headquarters.runJob', job: '1010' } })).toMatchObject({ ok: false, error: { rule: 'ST-5', field: 'type' } });
    expect(await emitWithAck(socket, 'command', { command: { type: 'nope' } })).toMatchObject({ ok: false, error: { rule: 'VALIDATION', field: 'command.type' } });
    expect(JSON.stringify(t.durable.chain.exportState())).toBe(before);
    expect(await emitWithAck(socket, 'command', { command: deposit, approval: { operatorId: 'manager1', pin: PIN.manager1 } })).toMatchObject({ ok: true });
  });
});

describe('sessions across a restart', () => {
  it('issue 9 #10 after a restart a screen\'s session goes on: its socket connects and subscribes, its commands are taken', async () => {
    const token = await signIn(t.url, 'cashier1', 'S1', 'R1');
    await t.restart();
    const socket = await connect(token);
    expect(await emitWithAck<SubscribeReply>(socket, 'subscribe', { rooms: ['register:R1', 'store:S1'] })).toMatchObject({ ok: true, mode: 'snapshot' });
    await accepted(t.url, token, pickupAtS2[0]!);
  });

  it('issue 9 #10 a session that is gone after a restart (its file lost) is refused as signed out', async () => {
    const token = await signIn(t.url, 'cashier1', 'S1', 'R1');
    await t.restart(() => rm(join(t.dir, 'sessions.json')));
    await expect(socketOf(t.url, token)).rejects.toThrow(/UNAUTHENTICATED/);
    expect(await call(t.url, 'GET', '/api/session', { token })).toMatchObject({ status: 401, body: { error: { rule: 'UNAUTHENTICATED' } } });
  });
});

describe('5 idempotency over the socket', () => {
  it('5 the socket\'s command message takes a commandId alike: a repeat gets the first answer and changes nothing', async () => {
    const token = await signIn(t.url, 'cashier1', 'S1', 'R1');
    const socket = await connect(token);
    const message = { command: { type: 'register.openShift', registerId: 'R1', operatorId: 'cashier1' }, commandId: 'socket-1' };
    const first = await emitWithAck(socket, 'command', message);
    expect(first).toMatchObject({ ok: true });
    const before = JSON.stringify(t.durable.chain.exportState());
    expect(await emitWithAck(socket, 'command', message)).toEqual(first);
    expect(JSON.stringify(t.durable.chain.exportState())).toBe(before);
    expect(await emitWithAck(socket, 'command', { ...message, command: { type: 'register.closeShift', registerId: 'R1' } })).toMatchObject({ ok: false, error: { rule: 'CONFLICT', field: 'commandId' } });
    expect(await emitWithAck(socket, 'command', { ...message, commandId: '' })).toMatchObject({ ok: false, error: { rule: 'VALIDATION', field: 'commandId' } });
  });
});

describe('live updates', () => {
  it('a pickup order created at one store\'s till reaches the other store\'s fulfilment room as it happens', async () => {
    const till = await signIn(t.url, 'cashier1', 'S1', 'R1');
    const portland = await connect(await signIn(t.url, 'manager1', 'S2'));
    const received = updates(portland);
    const subscribed = await emitWithAck<SubscribeReply>(portland, 'subscribe', { rooms: ['location:S2'] });
    expect(subscribed).toMatchObject({ ok: true, mode: 'snapshot', state: { 'location:S2': { lines: [], pickups: [] } } });
    await accepted(t.url, till, ...pickupAtS2, { type: 'register.tender', registerId: 'R1', method: 'cash', amount: 275 }); // sold at S1: 10% of 2749
    await until(received, (r) => r.some((e) => e.type === 'locationOrder'), 'the order at the location');
    // One message for the order at S2: its lines there, its pickup entry and its row; nothing of the rest of S2.
    expect(received.filter((e) => e.type === 'locationOrder')).toMatchObject([{ room: 'location:S2', id: 'CO-000001', view: {
      lines: [{ orderId: 'CO-000001', kind: 'pickup', status: 'Accepted' }], pickup: { orderId: 'CO-000001', ready: false }, order: { orderId: 'CO-000001', customerName: 'Anna Berg' },
    } }]);
    expect(received.every((e) => e.room === 'location:S2')).toBe(true); // nothing of S1's own rooms
    const seqs = received.map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(seqs[0]!).toBeGreaterThan((subscribed as { seq: number }).seq);
  });

  it('issue 9 #11 the pickup store\'s own store room follows an order sold elsewhere as it is picked up there', async () => {
    const seattle = await signIn(t.url, 'cashier1', 'S1', 'R1');
    await accepted(t.url, seattle, ...pickupAtS2, { type: 'register.tender', registerId: 'R1', method: 'cash', amount: 275 });
    const till = await signIn(t.url, 'cashier2', 'S2', 'R3');
    const portland = await connect(till);
    const received = updates(portland);
    const subscribed = await emitWithAck<SubscribeReply>(portland, 'subscribe', { rooms: ['store:S2', 'register:R3'] });
    // Portland's till lists the order it will hand over (the store room holds the orders at its location too).
    expect(subscribed).toMatchObject({ ok: true, state: { 'store:S2': { orders: [{ orderId: 'CO-000001', headerStatus: 'Open' }] } } });
    const manager = await signIn(t.url, 'manager1', 'S2');
    await accepted(t.url, manager, { type: 'fulfillment.pick', locationId: 'S2', operatorId: 'manager1', lines: [{ orderId: 'CO-000001', lineId: 'T-R1-000001-1', quantity: 1 }] });
    const recalled = await accepted(t.url, till,
      { type: 'register.openShift', registerId: 'R3', operatorId: 'cashier2' },
      { type: 'register.recallOrder', registerId: 'R3', orderId: 'CO-000001', purpose: 'pickup' });
    await accepted(t.url, till, { type: 'register.tender', registerId: 'R3', method: 'cash', amount: Number(recalled[1]!.due) });
    await until(received, (r) => r.some((e) => e.room === 'store:S2' && e.type === 'order' && (e.view as { headerStatus: string }).headerStatus === 'Invoiced'), 'the invoiced order in store:S2');
  });

  it('a carry-out sale at the till moves on hand on its store\'s fulfilment screen as it happens', async () => {
    const till = await signIn(t.url, 'cashier1', 'S1', 'R1');
    const screen = await connect(await signIn(t.url, 'lead1', 'S1'));
    const received = updates(screen);
    const subscribed = await emitWithAck<SubscribeReply>(screen, 'subscribe', { rooms: ['location:S1'] });
    const before = (subscribed as { state: Record<string, { onHand: Record<string, number> }> }).state['location:S1']!.onHand['P-LAMP']!;
    await accepted(t.url, till,
      { type: 'register.openShift', registerId: 'R1', operatorId: 'cashier1' },
      { type: 'register.addItem', registerId: 'R1', productId: 'P-LAMP', quantity: 2 },
      { type: 'register.tender', registerId: 'R1', method: 'cash', amount: 5498 });
    await until(received, (r) => r.some((e) => e.type === 'onHand'), 'the on hand update');
    // Only the product that moved.
    expect(received.find((e) => e.type === 'onHand')).toMatchObject({ room: 'location:S1', id: 'S1', view: { 'P-LAMP': before - 2 } });
    expect(Object.keys(received.find((e) => e.type === 'onHand')!.view as object)).toEqual(['P-LAMP']);
  });

  it('the till\'s register room sends the receipts only when they change, not with every change of the register', async () => {
    const till = await signIn(t.url, 'cashier1', 'S1', 'R1');
    const screen = await connect(till);
    const received = updates(screen);
    const subscribed = await emitWithAck<SubscribeReply>(screen, 'subscribe', { rooms: ['register:R1'] });
    expect((subscribed as { state: Record<string, { receipts: unknown[] }> }).state['register:R1']!.receipts).toEqual([]);
    await accepted(t.url, till,
      { type: 'register.openShift', registerId: 'R1', operatorId: 'cashier1' },
      { type: 'register.addItem', registerId: 'R1', productId: 'P-LAMP', quantity: 1 });
    await until(received, (r) => r.filter((e) => e.type === 'register').length === 2, 'the register updates');
    expect(received.map((e) => e.type)).toEqual(['register', 'register']);
    expect(received[1]!.view).not.toHaveProperty('receipts');
    await accepted(t.url, till, { type: 'register.tender', registerId: 'R1', method: 'cash', amount: 2749 });
    await until(received, (r) => r.some((e) => e.type === 'receipts'), 'the receipts update');
    const receipts = received.find((e) => e.type === 'receipts')!;
    expect(receipts).toMatchObject({ room: 'register:R1', id: 'R1' });
    expect((receipts.view as { lines: { description: string }[] }[])[0]!.lines).toMatchObject([{ description: 'Camp lamp' }]);
  });

  it('a screen that reconnects gets exactly what it missed, or the current state when it cannot', async () => {
    const token = await signIn(t.url, 'cashier1', 'S1', 'R1');
    const rooms = ['store:S1', 'register:R1'];
    const first = await connect(token);
    const received = updates(first);
    const subscribed = await emitWithAck<SubscribeReply & { epoch: string; seq: number }>(first, 'subscribe', { rooms });
    await accepted(t.url, token, pickupAtS2[0]!);
    await until(received, (r) => r.some((e) => e.room === 'register:R1'), 'the shift');
    const applied = received.at(-1)!.seq;
    first.close();

    await accepted(t.url, token, ...pickupAtS2.slice(1), { type: 'register.tender', registerId: 'R1', method: 'cash', amount: 275 });
    const again = await connect(token);
    const resumed = await emitWithAck<SubscribeReply>(again, 'subscribe', { rooms, epoch: subscribed.epoch, since: applied });
    if (!resumed.ok || resumed.mode !== 'resume') throw new Error(`expected a resume, got ${JSON.stringify(resumed).slice(0, 300)}`);
    const missed = resumed.messages;
    expect(missed.length).toBeGreaterThan(3);
    expect(missed.every((m) => m.seq > applied && rooms.includes(m.room))).toBe(true);
    expect(missed.map((m) => m.seq)).toEqual([...missed.map((m) => m.seq)].sort((a, b) => a - b));
    // The last register message is the register as it is now; the store's order message is the order as it is.
    // (its receipts come in their own message, sent when they change)
    const { receipts, ...register } = JSON.parse(JSON.stringify(t.durable.chain.registerView('R1'))) as { receipts: unknown };
    expect(missed.filter((m) => m.room === 'register:R1' && m.type === 'register').at(-1)!.view).toEqual(register);
    expect(missed.filter((m) => m.type === 'receipts').at(-1)!.view).toEqual(receipts);
    expect(missed.some((m) => m.type === 'order' && (m.view as { headerStatus: string }).headerStatus === 'Open')).toBe(true);

    // Another epoch (a restarted server) or a sequence number no longer kept: the rooms' current state instead.
    expect(await emitWithAck(again, 'subscribe', { rooms, epoch: 'another', since: applied })).toMatchObject({ ok: true, mode: 'snapshot' });
    const snapshot = await emitWithAck<SubscribeReply>(again, 'subscribe', { rooms, epoch: subscribed.epoch, since: 999_999 });
    expect(snapshot).toMatchObject({ ok: true, mode: 'snapshot', state: { 'store:S1': { orders: [{ orderId: 'CO-000001' }], sync: { link: 'online' } } } });
  });

  it('what is kept for resuming is bounded by age: a screen back after the window gets its rooms\' state instead', async () => {
    await t.close();
    t = await testServer({ gateway: { keepMs: 100 } });
    const token = await signIn(t.url, 'cashier1', 'S1', 'R1');
    const rooms = ['store:S1', 'register:R1'];
    const first = await connect(token);
    const subscribed = await emitWithAck<SubscribeReply & { epoch: string; seq: number }>(first, 'subscribe', { rooms });
    first.close();
    await new Promise((resolve) => setTimeout(resolve, 250));
    await accepted(t.url, token, pickupAtS2[0]!);
    const again = await connect(token);
    const resumed = await emitWithAck<SubscribeReply>(again, 'subscribe', { rooms, epoch: subscribed.epoch, since: subscribed.seq });
    // Nobody watched the register for longer than the window: nothing was kept for it, its state comes whole; the
    // store's room missed nothing and resumes.
    expect(resumed).toMatchObject({ ok: true, mode: 'resume', messages: [], state: { 'register:R1': { operatorId: 'cashier1' } } });
    expect(Object.keys((resumed as { state: object }).state)).toEqual(['register:R1']);
  });

  it('what is kept for resuming is bounded by bytes: a screen that missed more gets its rooms\' state instead', async () => {
    await t.close();
    t = await testServer({ gateway: { keepBytes: 1 } });
    const token = await signIn(t.url, 'cashier1', 'S1', 'R1');
    const rooms = ['store:S1', 'register:R1'];
    const watcher = await connect(token);
    const received = updates(watcher);
    const subscribed = await emitWithAck<SubscribeReply & { epoch: string; seq: number }>(watcher, 'subscribe', { rooms });
    await accepted(t.url, token, pickupAtS2[0]!);
    await until(received, (r) => r.some((e) => e.room === 'register:R1'), 'the shift');
    const again = await connect(token);
    const resumed = await emitWithAck<SubscribeReply>(again, 'subscribe', { rooms, epoch: subscribed.epoch, since: subscribed.seq });
    expect(resumed).toMatchObject({ ok: true, mode: 'snapshot', state: { 'register:R1': { operatorId: 'cashier1' } } });
  });

  it('the analyst follows headquarters\' report live', async () => {
    const analyst = await signIn(t.url, 'analyst1', 'S1');
    const socket = await connect(analyst);
    const received = updates(socket);
    expect(await emitWithAck(socket, 'subscribe', { rooms: ['headquarters'] })).toMatchObject({ ok: true, state: { headquarters: { headquarters: { salesOrders: 0 } } } });
    const till = await signIn(t.url, 'cashier1', 'S1', 'R1');
    await accepted(t.url, till, ...pickupAtS2, { type: 'register.tender', registerId: 'R1', method: 'cash', amount: 275 });
    await until(received, (r) => r.some((e) => (e.view as { headquarters: { salesOrders: number } }).headquarters.salesOrders === 1), 'the report with the new sales order');
  });
});
