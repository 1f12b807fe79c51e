/**
 * SM-6 quotations (with MK-1/MK-2 for the prospect and MK-4 for the campaign): created for a customer or a prospect,
 * sent and sent again, confirmed into a sales order with the same lines and prices, lost or cancelled with a reason;
 * final quotations are read-only, and an expired one is not confirmed until its date is extended (decision).
 */
import { describe, expect, it } from 'vitest';
import {
  changeLines, checkChangeLines, checkClose, checkConfirm, checkConvertProspect, checkExtendExpiry, checkSend, closeQuotation, confirmQuotation,
  convertProspect, createQuotation, extendExpiry, quotationStatus, sendQuotation, type ConfirmTerms, type Quotation,
} from '../../../engine/domain/sales/quotation.ts';
import { isViolation, type RuleViolation } from '../../../engine/domain/violation.ts';
import { customerDraft, LAMP, prospectDraft, quotation, TENT } from './quotation-fixture.ts';

const TERMS: ConfirmTerms = { salesOrderId: 'SO-000042', on: '2027-03-05', priority: 3 };

function expectRefusal(found: unknown, rule: string, field: string): RuleViolation {
  expect(isViolation(found), JSON.stringify(found)).toBe(true);
  expect(found).toMatchObject({ rule, field });
  return found as RuleViolation;
}

/** The quotation frozen deep: a rule that changed its input would throw. */
function frozen(q: Quotation): Quotation {
  for (const line of q.lines) Object.freeze(line);
  Object.freeze(q.lines);
  return Object.freeze(q);
}

describe('SM-6 creating a quotation', () => {
  it('SM-6 a customer\'s quotation starts Created, with its lines copied, unsent and open', () => {
    const draft = customerDraft();
    const q = quotation(draft);
    expect(quotationStatus(q)).toBe('created');
    expect(q).toMatchObject({ partyRole: 'customer', customerAccount: 'C-100', sends: 0, lastSentOn: null, salesOrderId: null, closing: null, campaignId: null });
    expect(q.lines).toEqual([TENT, LAMP]);
    expect(q.lines[0]).not.toBe(draft.lines[0]);
  });

  it('SM-6 a prospect\'s quotation has a party and no customer account yet (MK-1)', () => {
    const q = quotation(prospectDraft());
    expect(q).toMatchObject({ partyId: 'PTY-9', partyRole: 'prospect', customerAccount: null });
  });

  it('SM-6 expires on or after the day it is made: an expiry before it is refused', () => {
    expect(quotation(customerDraft({ expiryDate: '2027-03-01' })).expiryDate).toBe('2027-03-01');
    expectRefusal(createQuotation(customerDraft({ expiryDate: '2027-02-28' })), 'SM-6', 'expiryDate');
  });

  it.each([
    ['partyId', { partyId: ' ' }, 'partyId'],
    ['quotationId', { quotationId: '' }, 'quotationId'],
    ['a role other than prospect or customer', { partyRole: 'vendor' as never }, 'partyRole'],
    ['a customer without an account', { customerAccount: null }, 'customerAccount'],
    ['an expiry date that is no day', { expiryDate: '2027-02-30' }, 'expiryDate'],
    ['a creation date that is no day', { createdOn: '1/3/2027' }, 'createdOn'],
    ['no lines', { lines: [] }, 'lines'],
    ['a line id given twice', { lines: [TENT, { ...LAMP, lineId: 'L1' }] }, 'lines.1.lineId'],
    ['a quantity of zero', { lines: [{ ...TENT, quantity: 0 }] }, 'lines.0.quantity'],
    ['a fractional quantity', { lines: [{ ...TENT, quantity: 1.5 }] }, 'lines.0.quantity'],
    ['a negative price', { lines: [{ ...TENT, unitPrice: -1 }] }, 'lines.0.unitPrice'],
    ['a discount over the line\'s amount', { lines: [{ ...TENT, discount: 2 * 19_999 + 1 }] }, 'lines.0.discount'],
    ['a line without an item', { lines: [{ ...TENT, productId: '' }] }, 'lines.0.productId'],
    ['a line without a warehouse', { lines: [{ ...TENT, warehouseId: '' }] }, 'lines.0.warehouseId'],
    ['a requested ship date that is no day', { lines: [{ ...TENT, requestedShipDate: '2027-13-01' }] }, 'lines.0.requestedShipDate'],
    ['a blank campaign id', { campaignId: '  ' }, 'campaignId'],
  ])('SM-6 refuses %s, naming the field', (_what, changes, field) => {
    expectRefusal(createQuotation(customerDraft(changes)), 'VALIDATION', field);
  });

  it('SM-6 refusals speak plain words, not field names', () => {
    expect(createQuotation(customerDraft({ partyId: '' }))).toEqual({ rule: 'VALIDATION', field: 'partyId', message: 'the quotation needs a customer or prospect' });
    expect(createQuotation(customerDraft({ quotationId: '' }))).toEqual({ rule: 'VALIDATION', field: 'quotationId', message: 'the quotation needs a number' });
  });

  it('SM-6 a prospect given a customer account is refused: it is converted first (MK-2)', () => {
    expect(expectRefusal(createQuotation(prospectDraft({ customerAccount: 'C-200' })), 'VALIDATION', 'customerAccount').message).toBe('a prospect has no customer account yet: convert the prospect first');
  });
});

describe('SM-6 sending', () => {
  it('SM-6 Created -> Sent, and sent again: each send counted, still Sent', () => {
    const created = frozen(quotation());
    expect(checkSend(created, '2027-03-02')).toBeNull();
    const sent = sendQuotation(created, '2027-03-02');
    expect(quotationStatus(sent)).toBe('sent');
    expect(checkSend(sent, '2027-03-04')).toBeNull();
    const resent = sendQuotation(sent, '2027-03-04');
    expect(resent).toMatchObject({ sends: 2, lastSentOn: '2027-03-04' });
    expect(quotationStatus(resent)).toBe('sent');
    expect(quotationStatus(created)).toBe('created');
  });

  it('SM-6 a sending date that is no day is refused', () => {
    expectRefusal(checkSend(quotation(), 'tomorrow'), 'VALIDATION', 'on');
  });
});

describe('SM-6 confirming', () => {
  it('SM-6 Created -> Confirmed makes a sales order with the same lines and prices', () => {
    const q = frozen(quotation());
    expect(checkConfirm(q, TERMS)).toBeNull();
    const { quotation: confirmed, salesOrder } = confirmQuotation(q, TERMS);
    expect(quotationStatus(confirmed)).toBe('confirmed');
    expect(confirmed.salesOrderId).toBe('SO-000042');
    expect(salesOrder.header).toEqual({
      salesOrderId: 'SO-000042', type: 'salesOrder', customerAccount: 'C-100', currency: 'USD', orderDate: '2027-03-05', priority: 3,
      rmaNumber: null, origin: 'quotation', campaignId: null, quotationId: 'QT-000001',
    });
    expect(salesOrder.lines.map((l) => [l.lineId, l.productId, l.quantity, l.unitPrice, l.discount, l.priceSource, l.agreement, l.requestedShipDate, l.warehouseId])).toEqual(
      q.lines.map((l) => [l.lineId, l.productId, l.quantity, l.unitPrice, l.discount, l.priceSource, l.agreement, l.requestedShipDate, l.warehouseId]),
    );
    // SM-1 / SM-2: a sales order's lines are on order, everything still to deliver.
    expect(salesOrder.lines[1]).toMatchObject({
      deliverRemainder: 5, invoiceRemainder: 0, delivered: 0, invoiced: 0, cancelled: 0, inventory: 'onOrder',
      confirmedShipDate: null, previousConfirmedShipDate: null, notifyCustomer: false,
    });
  });

  it('SM-6 Sent -> Confirmed too', () => {
    const sent = sendQuotation(quotation(), '2027-03-02');
    expect(checkConfirm(sent, TERMS)).toBeNull();
    expect(quotationStatus(confirmQuotation(sent, TERMS).quotation)).toBe('confirmed');
  });

  it('SM-6 a prospect\'s quotation is refused until the prospect is converted (MK-2); the party stays the same (MK-1)', () => {
    const q = frozen(quotation(prospectDraft()));
    expect(expectRefusal(checkConfirm(q, TERMS), 'SM-6', 'partyRole').message).toBe('quotation QT-000002 is for a prospect: convert the prospect to a customer before confirming');
    expect(checkConvertProspect(q, 'C-300')).toBeNull();
    const converted = convertProspect(q, 'C-300');
    expect(converted).toMatchObject({ partyId: 'PTY-9', partyRole: 'customer', customerAccount: 'C-300' });
    expect(checkConfirm(converted, TERMS)).toBeNull();
    expect(confirmQuotation(converted, TERMS).salesOrder.header.customerAccount).toBe('C-300');
  });

  it('MK-2 a customer is not converted again, and a conversion needs the new account', () => {
    expectRefusal(checkConvertProspect(quotation(), 'C-300'), 'MK-2', 'partyRole');
    expectRefusal(checkConvertProspect(quotation(prospectDraft()), ' '), 'VALIDATION', 'customerAccount');
  });

  it('SM-6 (decision) confirmed on its expiry day, refused the day after until the expiry date is extended', () => {
    const q = frozen(quotation());
    expect(checkConfirm(q, { ...TERMS, on: '2027-03-31' })).toBeNull();
    const late = { ...TERMS, on: '2027-04-01' };
    expect(expectRefusal(checkConfirm(q, late), 'SM-6', 'expiryDate').message).toBe('quotation QT-000001 expired on 2027-03-31: extend its expiry date to confirm it');
    expect(checkExtendExpiry(q, '2027-04-15', '2027-04-01')).toBeNull();
    expect(checkConfirm(extendExpiry(q, '2027-04-15'), late)).toBeNull();
  });

  it('SM-6 (decision) an extension moves the expiry later, to a day not already past', () => {
    const q = quotation();
    expectRefusal(checkExtendExpiry(q, '2027-03-31', '2027-03-05'), 'SM-6', 'expiryDate');
    expectRefusal(checkExtendExpiry(q, '2027-03-20', '2027-03-05'), 'SM-6', 'expiryDate');
    expect(expectRefusal(checkExtendExpiry(q, '2027-04-02', '2027-04-03'), 'SM-6', 'expiryDate').message).toBe('the new expiry date 2027-04-02 has already passed');
    expectRefusal(checkExtendExpiry(q, '2027-04-31', '2027-03-05'), 'VALIDATION', 'expiryDate');
  });

  it.each([
    ['no order number', { salesOrderId: '' }, 'VALIDATION', 'salesOrderId'],
    ['a priority of 0', { priority: 0 }, 'VALIDATION', 'priority'],
    ['a date that is no day', { on: '2027-3-5' }, 'VALIDATION', 'on'],
  ])('SM-6 a confirmation with %s is refused', (_what, changes, rule, field) => {
    expectRefusal(checkConfirm(quotation(), { ...TERMS, ...changes }), rule, field);
  });

  it('MK-4 the campaign id of a quotation made from a positive response carries on to its sales order', () => {
    const q = quotation(customerDraft({ campaignId: 'CMP-SPRING' }));
    expect(q.campaignId).toBe('CMP-SPRING');
    expect(confirmQuotation(q, TERMS).salesOrder.header.campaignId).toBe('CMP-SPRING');
  });
});

describe('SM-6 lost or cancelled', () => {
  const sent = () => frozen(sendQuotation(quotation(), '2027-03-02'));

  it('SM-6 Sent -> Lost or Cancelled keeps the reason and the day', () => {
    expect(checkClose(sent(), 'went with a competitor', '2027-03-06')).toBeNull();
    const lost = closeQuotation(sent(), 'lost', ' went with a competitor ', '2027-03-06');
    expect(quotationStatus(lost)).toBe('lost');
    expect(lost.closing).toEqual({ outcome: 'lost', reason: 'went with a competitor', on: '2027-03-06' });
    expect(quotationStatus(closeQuotation(sent(), 'cancelled', 'customer changed plans', '2027-03-06'))).toBe('cancelled');
  });

  it('SM-6 a reason is required', () => {
    expect(expectRefusal(checkClose(sent(), '   ', '2027-03-06'), 'SM-6', 'reason').message).toBe('say why quotation QT-000001 is closed: a reason is required');
  });

  it('SM-6 a quotation never sent is not lost or cancelled', () => {
    expectRefusal(checkClose(quotation(), 'no answer', '2027-03-06'), 'SM-6', 'quotationId');
  });
});

describe('SM-6 final states are read-only', () => {
  const finals: [string, Quotation][] = [
    ['confirmed', confirmQuotation(quotation(), TERMS).quotation],
    ['lost', closeQuotation(sendQuotation(quotation(), '2027-03-02'), 'lost', 'price too high', '2027-03-06')],
    ['cancelled', closeQuotation(sendQuotation(quotation(), '2027-03-02'), 'cancelled', 'duplicate', '2027-03-06')],
  ];

  it.each(finals)('SM-6 a %s quotation refuses every change, naming the field', (status, q) => {
    frozen(q);
    expect(quotationStatus(q)).toBe(status);
    expect(expectRefusal(checkSend(q, '2027-03-07'), 'SM-6', 'quotationId').message).toMatch(/^quotation QT-000001 (is confirmed|was lost|is cancelled): it can no longer be changed$/);
    expectRefusal(checkChangeLines(q, [TENT]), 'SM-6', 'lines');
    expectRefusal(checkExtendExpiry(q, '2027-05-01', '2027-03-07'), 'SM-6', 'expiryDate');
    expectRefusal(checkConvertProspect(q, 'C-300'), 'SM-6', 'partyRole');
    expectRefusal(checkConfirm(q, { ...TERMS, salesOrderId: 'SO-000043' }), 'SM-6', 'quotationId');
    expectRefusal(checkClose(q, 'again', '2027-03-07'), 'SM-6', 'quotationId');
  });

  it('SM-6 an open quotation\'s lines change, and are checked like new ones', () => {
    const q = frozen(quotation());
    expect(checkChangeLines(q, [LAMP])).toBeNull();
    expect(changeLines(q, [LAMP]).lines).toEqual([LAMP]);
    expectRefusal(checkChangeLines(q, []), 'VALIDATION', 'lines');
  });
});
