/**
 * CC-15: a continuity program is billed once. The agent sells the demo's trail club (45.00) at the desk: the parent
 * order bills nothing for it (its card is kept, authorised only for the rest of that order), and each child order
 * bills its share, so the goods billed over the whole program come to the parent line's amount, and a cancelled
 * enrolment bills only the child orders it had made.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Chain } from '../../engine/chain.ts';
import { salesOrderOf } from '../../engine/domain/headquarters.ts';
import { sumMinor } from '../../engine/domain/money.ts';
import { childOrderId } from '../../engine/flows/continuity-enrolments.ts';
import { ok } from './engine-helpers.ts';

const DAY = 86_400_000;
const CLUB_PRICE = 4500;
/** The demo chain without job schedules, so that the clock can move a month at a time. */
const demoChain = () => Chain.create({ ...JSON.parse(readFileSync(new URL('../../scenarios/demo-chain.json', import.meta.url), 'utf8')) as Record<string, unknown>, jobSchedules: [] }, { seed: 1 });

/** agent1 sells Anna the club at the desk, paid by a card kept on file; the submitted order's id. */
function sellClub(chain: Chain): { orderId: string; summary: { subtotal: number; billedByProgram: number; tax: number; total: number } } {
  const { orderId } = ok(chain, { type: 'callCenter.startOrder', operatorId: 'agent1', customerId: 'C-ANNA' }) as { orderId: string };
  const desk = (command: Record<string, unknown>) => ok(chain, { operatorId: 'agent1', orderId, ...command } as never);
  desk({ type: 'callCenter.setHeader', modeCode: 'STD' });
  desk({ type: 'callCenter.addLine', productId: 'P-CLUB', quantity: 1 });
  const { summary } = desk({ type: 'callCenter.complete' }) as { summary: { subtotal: number; billedByProgram: number; tax: number; total: number } };
  desk({ type: 'callCenter.addPayment', methodId: 'CARD', percent: 10_000, cardToken: 'tok-anna-visa' });
  expect(desk({ type: 'callCenter.submit' })).toMatchObject({ released: true });
  return { orderId, summary };
}

/** The goods a sales order bills: its lines at the prices the store holds them. */
const goodsBilled = (chain: Chain, orderId: string) => sumMinor(salesOrderOf(chain.headquarters.office, orderId)!.order.lines.map((l) => l.quantity * l.unitPrice));

const runBatches = (chain: Chain) => {
  ok(chain, { type: 'headquarters.runJob', job: 'processContinuityPayments' });
  ok(chain, { type: 'headquarters.runJob', job: 'createContinuityChildOrders' });
};

describe('CC-15 a continuity program is billed once', () => {
  it('CC-15 the parent order bills nothing for the program; its child orders bill the parent line\'s amount, once', () => {
    const chain = demoChain();
    const { orderId, summary } = sellClub(chain);
    // The summary shows the program apart: nothing of it is in this order's total.
    expect(summary).toMatchObject({ subtotal: 0, billedByProgram: CLUB_PRICE, tax: 0 });
    const parent = salesOrderOf(chain.headquarters.office, orderId)!;
    expect(goodsBilled(chain, orderId)).toBe(0);
    // The kept card is authorised for what the parent order itself costs (its freight), not for the program.
    expect(parent.callCenter!.order.payments.map((p) => [p.status, p.amount, p.cardToken])).toEqual([['Authorized', summary.total, 'tok-anna-visa']]);
    expect(parent.order.total).toBe(summary.total);
    for (let month = 0; month < 3; month += 1) {
      runBatches(chain);
      ok(chain, { type: 'clock.advance', ms: 31 * DAY });
    }
    const [enrolment] = chain.headquarters.continuity.view();
    expect(enrolment!.status).toBe('completed');
    expect(enrolment!.events.every((e) => e.salesOrderId !== null)).toBe(true);
    const children = enrolment!.events.map((e) => childOrderId(enrolment!.enrolmentId, e.event));
    expect(children.map((id) => goodsBilled(chain, id))).toEqual([1500, 1500, 1500]);
    expect(goodsBilled(chain, orderId) + sumMinor(children.map((id) => goodsBilled(chain, id)))).toBe(CLUB_PRICE);
    // Another run makes no further order: nothing is billed twice.
    runBatches(chain);
    expect(chain.headquarters.continuity.view()).toEqual([enrolment]);
  });

  it('CC-15 a cancelled enrolment keeps the child orders made and bills no more: the goods billed are their shares', () => {
    const chain = demoChain();
    const { orderId } = sellClub(chain);
    runBatches(chain);
    const [enrolment] = chain.headquarters.continuity.view();
    ok(chain, { type: 'callCenter.cancelEnrolment', enrolmentId: enrolment!.enrolmentId, operatorId: 'supervisor1' });
    for (let month = 0; month < 3; month += 1) {
      ok(chain, { type: 'clock.advance', ms: 31 * DAY });
      runBatches(chain);
    }
    const after = chain.headquarters.continuity.view()[0]!;
    expect(after.status).toBe('cancelled');
    const made = after.events.flatMap((e) => (e.salesOrderId === null ? [] : [childOrderId(after.enrolmentId, e.event)]));
    expect(made).toEqual([`${enrolment!.enrolmentId}-E1`]);
    expect(salesOrderOf(chain.headquarters.office, made[0]!)).toBeDefined();
    expect(goodsBilled(chain, orderId) + sumMinor(made.map((id) => goodsBilled(chain, id)))).toBe(1500);
  });

  it('CC-15 an order that bills a parent line as goods is refused, naming the line\'s discount, and enrols no one', () => {
    const chain = demoChain();
    const refused = chain.executeNow({
      type: 'callCenter.submitOrder',
      order: {
        orderId: 'CC-900001', callCenterId: 'CC1', enteredBy: 'agent1', customerId: 'C-ANNA', header: { modeCode: 'STD' },
        lines: [{ lineId: 'CC-900001-1', productId: 'P-CLUB', quantity: 1, unitPrice: CLUB_PRICE, modeCode: 'STD', locationId: 'W1' }],
        payments: [{ paymentId: 'CC-900001-P1', method: 'CARD', amount: CLUB_PRICE, status: 'Authorized', cardToken: 'tok-anna-visa' }],
      },
    });
    expect(refused).toMatchObject({ ok: false, error: { rule: 'CC-15', field: 'order.lines.0.discount', amounts: { amount: CLUB_PRICE, discount: 0 } } });
    expect(chain.headquarters.continuity.all()).toEqual([]);
    expect(salesOrderOf(chain.headquarters.office, 'CC-900001')).toBeUndefined();
  });
});
