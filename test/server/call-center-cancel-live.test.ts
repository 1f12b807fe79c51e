/**
 * CC-21 live: a call-center order the call center cancels leaves the owning store's fulfilment screen and pickup
 * board as it happens, over Socket.IO (the cancel's distribution package is pushed in the same command).
 */
import type { Socket } from 'socket.io-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Envelope, SubscribeReply } from '../../engine/server/gateway.ts';
import { accepted, emitWithAck, signIn, socketOf, testServer, type TestServer } from './server-helpers.ts';

let t: TestServer;
let socket: Socket | undefined;
beforeEach(async () => { t = await testServer(); });
afterEach(async () => {
  socket?.close();
  await t.close();
});

/** Waits until the socket has received an update that `predicate` accepts (the broadcast races the HTTP answer). */
async function until(received: Envelope[], predicate: (envelope: Envelope) => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!received.some(predicate)) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; got ${JSON.stringify(received).slice(0, 500)}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

type LocationOrder = { lines: unknown[]; pickup: unknown };

describe('CC-21 a call-center cancel reaches the store\'s screens live', () => {
  it('CC-21 the cancelled pickup order leaves S1\'s fulfilment list and pickup board as the agent cancels it', async () => {
    const agent = await signIn(t.url, 'agent1', 'S1');
    socket = await socketOf(t.url, await signIn(t.url, 'manager1', 'S1'));
    const received: Envelope[] = [];
    socket.on('update', (envelope: Envelope) => received.push(envelope));
    expect(await emitWithAck<SubscribeReply>(socket, 'subscribe', { rooms: ['location:S1'] })).toMatchObject({ ok: true });
    const [started] = await accepted(t.url, agent, { type: 'callCenter.startOrder', operatorId: 'agent1', customerId: 'C-ANNA' });
    const desk = { operatorId: 'agent1', orderId: started!.orderId as string };
    await accepted(t.url, agent,
      { type: 'callCenter.addLine', ...desk, productId: 'P-LAMP', quantity: 1, modeCode: 'PICKUP', locationId: 'S1' },
      { type: 'callCenter.complete', ...desk },
      { type: 'callCenter.addPayment', ...desk, methodId: 'CARD', percent: 10_000, cardToken: 'TOK-ANNA' },
      { type: 'callCenter.submit', ...desk });
    const atS1 = (e: Envelope, listed: boolean) => e.type === 'locationOrder' && e.id === desk.orderId && ((e.view as LocationOrder).lines.length > 0) === listed;
    await until(received, (e) => atS1(e, true), 'the order on S1\'s screens');
    received.length = 0;
    await accepted(t.url, agent, { type: 'callCenter.cancel', ...desk });
    await until(received, (e) => atS1(e, false), 'the order gone from S1\'s screens');
    expect(received.filter((e) => e.type === 'locationOrder' && e.id === desk.orderId).at(-1)).toMatchObject({ room: 'location:S1', view: { lines: [], pickup: null } });
  });
});
