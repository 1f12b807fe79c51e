/**
 * The quotation machine (SM-6, MK-2, MK-4): Created -> Sent (again) -> Confirmed (emitting its sales order), Lost or
 * Cancelled with a reason; final states take nothing; each guard named after its rule, each refusal explained from
 * the chart; a restored quotation starts where its record says.
 */
import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { closeQuotation, confirmQuotation, quotationStatus, sendQuotation, type Quotation } from '../../../engine/domain/sales/quotation.ts';
import { createQuotationMachine, quotationRules, quotationStateOf, type QuotationEmitted, type QuotationEvent } from '../../../machines/quotation.machine.ts';
import { explainRefusal } from '../../../machines/rules.ts';
import { customerDraft, prospectDraft, quotation } from './quotation-fixture.ts';

const machine = createQuotationMachine();

function start(input: Quotation = quotation()) {
  const actor = createActor(machine, { input });
  const confirmed: QuotationEmitted[] = [];
  actor.on('quotationConfirmed', (e) => confirmed.push(e));
  return Object.assign(actor.start(), { confirmed });
}

/** Sends an event the quotation must take; if it refuses, the test names why. */
function take(actor: ReturnType<typeof start>, event: QuotationEvent) {
  expect(actor.getSnapshot().can(event), JSON.stringify(explainRefusal(actor.getSnapshot(), event))).toBe(true);
  actor.send(event);
}

/** Sends an event the quotation must refuse, changing nothing; returns why. */
function refuse(actor: ReturnType<typeof start>, event: QuotationEvent) {
  const before = actor.getSnapshot();
  actor.send(event);
  expect(actor.getSnapshot()).toBe(before);
  return explainRefusal(before, event);
}

const CONFIRM = { type: 'CONFIRM', salesOrderId: 'SO-000042', on: '2027-03-05', priority: 2 } as const;

describe('quotation machine', () => {
  it('names each guard after its rule', () => {
    expect(Object.keys(quotationRules)).toEqual([
      'SM-6 sendable', 'SM-6 linesChangeable', 'SM-6 expiryExtended', 'MK-2 prospectConverted', 'SM-6 confirmableByCustomerBeforeExpiry', 'SM-6 reasonGiven',
    ]);
  });

  it('SM-6 Created -> Sent -> Sent again -> Confirmed emits the sales order with the same lines and prices', () => {
    const actor = start();
    expect(actor.getSnapshot().value).toEqual({ open: 'created' });
    take(actor, { type: 'SEND', on: '2027-03-02' });
    take(actor, { type: 'SEND', on: '2027-03-03' });
    expect(actor.getSnapshot().value).toEqual({ open: 'sent' });
    expect(actor.getSnapshot().context.sends).toBe(2);
    take(actor, CONFIRM);
    expect(quotationStateOf(actor.getSnapshot())).toBe('confirmed');
    expect(actor.getSnapshot().status).toBe('done');
    expect(actor.getSnapshot().context.salesOrderId).toBe('SO-000042');
    expect(actor.confirmed).toHaveLength(1);
    const { salesOrder } = actor.confirmed[0]!;
    expect(salesOrder).toEqual(confirmQuotation(sendQuotation(sendQuotation(quotation(), '2027-03-02'), '2027-03-03'), CONFIRM).salesOrder);
    expect(salesOrder.header).toMatchObject({ type: 'salesOrder', origin: 'quotation', quotationId: 'QT-000001', priority: 2 });
  });

  it('SM-6 Created -> Confirmed directly', () => {
    const actor = start();
    take(actor, CONFIRM);
    expect(quotationStateOf(actor.getSnapshot())).toBe('confirmed');
  });

  it('SM-6 a prospect is converted before confirming (MK-2)', () => {
    const actor = start(quotation(prospectDraft()));
    expect(refuse(actor, CONFIRM)).toMatchObject({ rule: 'SM-6', field: 'partyRole' });
    take(actor, { type: 'CONVERT_PROSPECT', customerAccount: 'C-300' });
    expect(refuse(actor, { type: 'CONVERT_PROSPECT', customerAccount: 'C-301' })).toMatchObject({ rule: 'MK-2', field: 'partyRole' });
    take(actor, CONFIRM);
    expect(actor.confirmed[0]!.salesOrder.header.customerAccount).toBe('C-300');
  });

  it('SM-6 (decision) no confirm after expiry until the date is extended', () => {
    const actor = start();
    const late = { ...CONFIRM, on: '2027-04-02' };
    expect(refuse(actor, late)).toEqual({ rule: 'SM-6', field: 'expiryDate', message: 'quotation QT-000001 expired on 2027-03-31: extend its expiry date to confirm it' });
    expect(refuse(actor, { type: 'EXTEND_EXPIRY', expiryDate: '2027-03-15', on: '2027-04-02' })).toMatchObject({ rule: 'SM-6', field: 'expiryDate' });
    take(actor, { type: 'EXTEND_EXPIRY', expiryDate: '2027-04-30', on: '2027-04-02' });
    expect(quotationStateOf(actor.getSnapshot())).toBe('created');
    take(actor, late);
    expect(quotationStateOf(actor.getSnapshot())).toBe('confirmed');
  });

  it('SM-6 Sent -> Lost or Cancelled needs a reason; a quotation never sent is neither', () => {
    const created = start();
    expect(refuse(created, { type: 'MARK_LOST', reason: 'price', on: '2027-03-06' })).toEqual({
      rule: 'SM-6', field: 'quotationId', message: 'quotation QT-000001 cannot mark lost now: it has not been sent yet (only when it has been sent)',
    });
    take(created, { type: 'SEND', on: '2027-03-02' });
    expect(refuse(created, { type: 'CANCEL', reason: ' ', on: '2027-03-06' })).toMatchObject({ rule: 'SM-6', field: 'reason' });
    take(created, { type: 'CANCEL', reason: 'customer changed plans', on: '2027-03-06' });
    expect(quotationStateOf(created.getSnapshot())).toBe('cancelled');
    const lost = start(sendQuotation(quotation(), '2027-03-02'));
    take(lost, { type: 'MARK_LOST', reason: 'went with a competitor', on: '2027-03-06' });
    expect(quotationStateOf(lost.getSnapshot())).toBe('lost');
    expect(lost.getSnapshot().context.closing).toEqual({ outcome: 'lost', reason: 'went with a competitor', on: '2027-03-06' });
  });

  it('SM-6 an open quotation\'s lines change, checked like new ones', () => {
    const actor = start();
    const [tent] = quotation().lines;
    take(actor, { type: 'CHANGE_LINES', lines: [{ ...tent!, quantity: 4 }] });
    expect(actor.getSnapshot().context.lines).toEqual([{ ...tent!, quantity: 4 }]);
    expect(refuse(actor, { type: 'CHANGE_LINES', lines: [] })).toMatchObject({ rule: 'VALIDATION', field: 'lines' });
  });

  it.each([
    ['confirmed', confirmQuotation(quotation(), CONFIRM).quotation, 'it is confirmed and read-only'],
    ['lost', closeQuotation(sendQuotation(quotation(), '2027-03-02'), 'lost', 'price', '2027-03-06'), 'it was lost and is read-only'],
    ['cancelled', closeQuotation(sendQuotation(quotation(), '2027-03-02'), 'cancelled', 'duplicate', '2027-03-06'), 'it is cancelled and read-only'],
  ])('SM-6 a %s quotation starts final and takes nothing', (status, record, means) => {
    const actor = start(record);
    expect(quotationStateOf(actor.getSnapshot())).toBe(status);
    expect(actor.getSnapshot().status).toBe('done');
    const events: QuotationEvent[] = [
      { type: 'SEND', on: '2027-03-07' }, { type: 'CHANGE_LINES', lines: record.lines }, { type: 'EXTEND_EXPIRY', expiryDate: '2027-05-01', on: '2027-03-07' },
      { type: 'CONVERT_PROSPECT', customerAccount: 'C-300' }, { ...CONFIRM, salesOrderId: 'SO-000099' },
      { type: 'MARK_LOST', reason: 'late', on: '2027-03-07' }, { type: 'CANCEL', reason: 'late', on: '2027-03-07' },
    ];
    for (const event of events) {
      expect(actor.getSnapshot().can(event)).toBe(false);
      expect(explainRefusal(actor.getSnapshot(), event)).toMatchObject({ rule: 'SM-6', field: 'quotationId', message: expect.stringContaining(`: ${means}`) });
    }
    expect(actor.confirmed).toEqual([]);
  });

  it('SM-6 a restored quotation starts where its record says, agreeing with quotationStatus', () => {
    const sent = sendQuotation(quotation(customerDraft({ campaignId: 'CMP-1' })), '2027-03-02');
    const actor = start(sent);
    expect(quotationStateOf(actor.getSnapshot())).toBe(quotationStatus(sent));
    take(actor, CONFIRM);
    // MK-4: the campaign id rides on to the order.
    expect(actor.confirmed[0]!.salesOrder.header.campaignId).toBe('CMP-1');
  });
});
