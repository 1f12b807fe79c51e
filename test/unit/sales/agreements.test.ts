/**
 * Sales agreements (SM-7, SM-8, SM-9): commitments, releasing order lines against them, and what each commitment has
 * ordered, delivered, invoiced and left. Inputs are frozen: a refusal (or an acceptance) changes nothing given.
 */
import { describe, expect, it } from 'vitest';
import {
  agreementFulfilment, changeLinePrice, checkAgreement, checkCommitmentRoom, linkableCommitments, linkLine, linkReturnLine, moveShipDate, releaseOrder, removeCommitment,
  setCommitment, type AgreementState,
} from '../../../engine/domain/sales/agreements.ts';
import { isViolation } from '../../../engine/domain/violation.ts';
import type { SalesLine } from '../../../engine/domain/sales/types.ts';
import {
  acmeAgreement, acmePricing, anyCommitment, categories, effective, frozen, lightingCommitment, linkedLine, orderHeader, orderLine, stoveCommitment, tentCommitment,
} from './agreement-fixture.ts';

const linkContext = (otherLinkedLines: readonly SalesLine[] = []) => ({ categories, otherLinkedLines, pricing: acmePricing });

function linked(state: AgreementState, line: SalesLine, commitmentId: string, others: readonly SalesLine[] = []): SalesLine {
  const result = linkLine(state, orderHeader(), line, commitmentId, linkContext(others));
  if (isViolation(result)) throw new Error(result.message);
  return result;
}

const refusalOf = (result: unknown) => (isViolation(result) ? result : null);

describe('SM-7 sales agreement records', () => {
  it('SM-7 an agreement with a customer, dates and the four kinds of commitment line is whole', () => {
    expect(checkAgreement(acmeAgreement)).toBeNull();
    expect(acmeAgreement.commitments.map((c) => c.kind)).toEqual(['productQuantity', 'productAmount', 'categoryAmount', 'anyProductAmount']);
  });

  it.each([
    ['no customer', { customerAccount: ' ' }, 'SM-7', 'customerAccount'],
    ['an unreadable currency', { currency: 'dollars' }, 'VALIDATION', 'currency'],
    ['an effective date that is no date', { effective: '2027-02-30' }, 'VALIDATION', 'effective'],
    ['an expiration before the effective date', { expiration: '2027-06-30' }, 'SM-7', 'expiration'],
  ] as const)('SM-7 refuses an agreement with %s, naming the field', (_what, change, rule, field) => {
    expect(checkAgreement({ ...acmeAgreement, ...change })).toMatchObject({ rule, field });
  });

  it.each([
    ['a product commitment with no product', { ...tentCommitment, productId: null }, 'productId'],
    ['a category commitment naming a product', { ...lightingCommitment, productId: 'P-LAMP' }, 'productId'],
    ['a category commitment with no category', { ...lightingCommitment, categoryId: null }, 'categoryId'],
    ['an any-product commitment naming a category', { ...anyCommitment, categoryId: 'lighting' }, 'categoryId'],
    ['nothing committed', { ...tentCommitment, committed: 0 }, 'committed'],
    ['a part of a unit or a cent committed', { ...stoveCommitment, committed: 10.5 }, 'committed'],
    ['a unit price on an amount of a category', { ...lightingCommitment, unitPrice: 2000 }, 'unitPrice'],
    ['a negative unit price', { ...tentCommitment, unitPrice: -1 }, 'unitPrice'],
    ['a discount over 100%', { ...tentCommitment, discountPct: 10_001 }, 'discountPct'],
    ['an unknown kind', { ...tentCommitment, kind: 'productWeight' }, 'kind'],
  ] as const)('SM-7 refuses %s, naming the commitment line\'s field', (_what, commitment, field) => {
    const agreement = { ...acmeAgreement, commitments: [acmeAgreement.commitments[0]!, commitment as never] };
    expect(checkAgreement(agreement)?.field).toBe(`commitments.1.${field}`);
  });

  it('SM-7 refuses the same commitment line twice', () => {
    expect(checkAgreement({ ...acmeAgreement, commitments: [tentCommitment, tentCommitment] })).toMatchObject({ field: 'commitments.1.commitmentId' });
  });

  it('SM-7 a commitment line is added, replaced by its id, or removed; the agreement given stays as it was', () => {
    const extra = { ...tentCommitment, commitmentId: 'L5', productId: 'P-SOCKS', committed: 500 };
    const added = setCommitment(acmeAgreement, extra);
    expect(added.commitments.map((c) => c.commitmentId)).toEqual(['L1', 'L2', 'L3', 'L4', 'L5']);
    const replaced = setCommitment(added, { ...extra, committed: 600 });
    expect(replaced.commitments.map((c) => c.committed)).toEqual([100, 500_000, 100_000, 1_000_000, 600]);
    expect(removeCommitment(replaced, 'L2').commitments.map((c) => c.commitmentId)).toEqual(['L1', 'L3', 'L4', 'L5']);
    expect(acmeAgreement.commitments).toHaveLength(4);
  });
});

describe('SM-8 linking order lines to an agreement', () => {
  it('SM-8 a line chosen at order entry links to an effective agreement and takes its price and discount over the trade agreement', () => {
    const line = orderLine('1', 'P-TENT', 10);
    const result = linked(effective(), line, 'L1');
    // 10 x 150.00 = 1,500.00 less 5% = 75.00; the customer's trade price (160.00) is set aside.
    expect(result).toMatchObject({ unitPrice: 15000, discount: 7500, priceSource: 'agreement', agreement: { agreementId: 'SA-000001', commitmentId: 'L1' } });
    expect(line.agreement).toBeNull();
  });

  it('SM-8 a category commitment covers the category\'s items at their usual price, with the agreement\'s discount', () => {
    const result = linked(effective(), orderLine('1', 'P-LAMP', 3, { unitPrice: 2000, priceSource: 'priceGroupTradeAgreement' }), 'L3');
    expect(result).toMatchObject({ unitPrice: 2000, discount: 600, priceSource: 'priceGroupTradeAgreement', agreement: { commitmentId: 'L3' } });
    expect(refusalOf(linkLine(effective(), orderHeader(), orderLine('2', 'P-TENT', 1), 'L3', linkContext()))).toMatchObject({ rule: 'SM-8', field: 'productId' });
    // Any product: the tent at the customer's price less 2%.
    expect(linked(effective(), orderLine('3', 'P-TENT', 2), 'L4')).toMatchObject({ unitPrice: 16000, discount: 640 });
  });

  it('SM-8 the requested ship date must lie within the agreement\'s dates, both days included', () => {
    expect(linked(effective(), orderLine('1', 'P-TENT', 1, { requestedShipDate: '2027-07-01' }), 'L1').agreement).not.toBeNull();
    expect(linked(effective(), orderLine('1', 'P-TENT', 1, { requestedShipDate: '2027-12-31' }), 'L1').agreement).not.toBeNull();
    for (const requestedShipDate of ['2027-06-30', '2028-01-01']) {
      expect(refusalOf(linkLine(effective(), orderHeader(), orderLine('1', 'P-TENT', 1, { requestedShipDate }), 'L1', linkContext()))).toEqual({
        rule: 'SM-8', field: 'requestedShipDate',
        message: `agreement SA-000001 runs from 2027-07-01 to 2027-12-31: a line shipping on ${requestedShipDate} cannot use it`,
      });
    }
  });

  it.each([
    ['on hold', { status: 'onHold' }, {}, 'L1', 'agreementId', 'agreement SA-000001 is on hold: only an effective agreement takes orders'],
    ['closed', { status: 'closed' }, {}, 'L1', 'agreementId', 'agreement SA-000001 is closed: only an effective agreement takes orders'],
    ['of another customer', {}, { customerAccount: 'C-OTHER' }, 'L1', 'customerAccount', 'agreement SA-000001 is with customer C-ACME, not C-OTHER'],
    ['in another currency', {}, { currency: 'EUR' }, 'L1', 'currency', 'agreement SA-000001 is in USD, the order in EUR'],
    ['for another product', {}, {}, 'L2', 'productId', 'commitment line L2 of agreement SA-000001 is for product P-STOVE, not for item P-TENT'],
    ['with no such commitment line', {}, {}, 'L9', 'commitmentId', 'agreement SA-000001 has no commitment line L9'],
  ] as const)('SM-8 refuses a link to an agreement %s, and the line stays unlinked', (_what, stateChange, headerChange, commitmentId, field, message) => {
    const state = frozen({ ...effective(), ...stateChange });
    const line = orderLine('1', 'P-TENT', 1);
    expect(refusalOf(linkLine(state, orderHeader(headerChange), line, commitmentId, linkContext()))).toMatchObject({ field, message });
    expect(line.agreement).toBeNull();
  });

  it('SM-8 at order entry, the clerk is offered the commitment lines the line may use: its product, its category, any product', () => {
    const offered = (line: SalesLine, state: AgreementState = effective()) => linkableCommitments(state, orderHeader(), line, categories).map((c) => c.commitmentId);
    expect(offered(orderLine('1', 'P-TENT', 1))).toEqual(['L1', 'L4']);
    expect(offered(orderLine('1', 'P-LAMP', 1))).toEqual(['L3', 'L4']);
    expect(offered(orderLine('1', 'P-SOCKS', 1))).toEqual(['L4']);
    expect(offered(orderLine('1', 'P-TENT', 1, { requestedShipDate: '2028-01-01' }))).toEqual([]);
    expect(offered(orderLine('1', 'P-TENT', 1), frozen({ ...effective(), status: 'onHold' }))).toEqual([]);
  });

  it('SM-8 a release order is created from the agreement: every line linked, the order marked as a release', () => {
    const order = releaseOrder(effective(), orderHeader(), [
      { line: orderLine('1', 'P-TENT', 20), commitmentId: 'L1' },
      { line: orderLine('2', 'P-STOVE', 5, { unitPrice: 8950, priceSource: 'basePrice' }), commitmentId: 'L2' },
    ], linkContext());
    if (isViolation(order)) throw new Error(order.message);
    expect(order.header.origin).toBe('agreementRelease');
    expect(order.lines.map((l) => [l.lineId, l.unitPrice, l.discount, l.agreement?.commitmentId])).toEqual([['1', 15000, 15000, 'L1'], ['2', 8000, 0, 'L2']]);
  });

  it('SM-8 a release order\'s lines count against each other: the one past Max enforced is refused by its place', () => {
    const order = releaseOrder(effective(), orderHeader(), [
      { line: orderLine('1', 'P-TENT', 60), commitmentId: 'L1' },
      { line: orderLine('2', 'P-TENT', 41), commitmentId: 'L1' },
    ], linkContext());
    expect(refusalOf(order)).toMatchObject({ rule: 'SM-9', field: 'lines.1.quantity' });
    expect(refusalOf(releaseOrder(effective(), orderHeader(), [], linkContext()))).toMatchObject({ field: 'lines' });
  });

  it('SM-8 a linked line whose ship date moves outside the agreement is unlinked and priced again without it', () => {
    const line = linked(effective(), orderLine('1', 'P-TENT', 10), 'L1');
    const inside = moveShipDate(effective(), line, '2027-12-31', acmePricing);
    expect(inside).toEqual({ ...line, requestedShipDate: '2027-12-31' });
    const outside = moveShipDate(effective(), line, '2028-01-04', acmePricing);
    expect(outside).toEqual({ ...line, requestedShipDate: '2028-01-04', agreement: null, unitPrice: 16000, discount: 0, priceSource: 'customerTradeAgreement' });
    expect(line.requestedShipDate).toBe('2027-08-02');
  });

  it('SM-8 moving a ship date: an unlinked line just moves; a bad date or a missing agreement is refused', () => {
    const free = orderLine('1', 'P-TENT', 10);
    expect(moveShipDate(null, free, '2028-03-01', acmePricing)).toEqual({ ...free, requestedShipDate: '2028-03-01' });
    const line = linked(effective(), free, 'L1');
    expect(refusalOf(moveShipDate(effective(), line, '1 March', acmePricing))).toMatchObject({ rule: 'VALIDATION', field: 'requestedShipDate' });
    expect(refusalOf(moveShipDate(null, line, '2028-03-01', acmePricing))).toMatchObject({ field: 'agreementId' });
    const other = frozen({ ...effective(), agreement: { ...acmeAgreement, agreementId: 'SA-000002' } });
    expect(refusalOf(moveShipDate(other, line, '2028-03-01', acmePricing))).toMatchObject({ field: 'agreementId' });
  });

  it('SM-8 changing the price of a line with Price and discount fixed unlinks it: the price entered stays, the discount is priced again', () => {
    const line = linked(effective(), orderLine('1', 'P-TENT', 10), 'L1');
    const result = changeLinePrice(effective(), line, { unitPrice: 14000, discount: line.discount }, acmePricing);
    expect(result).toEqual({ ...line, unitPrice: 14000, discount: 0, priceSource: 'manual', agreement: null });
  });

  it('SM-8 changing only the discount of a fixed line unlinks it too: the discount entered stays, the price is priced again', () => {
    const line = linked(effective(), orderLine('1', 'P-TENT', 10), 'L1');
    const result = changeLinePrice(effective(), line, { unitPrice: line.unitPrice, discount: 10000 }, acmePricing);
    expect(result).toEqual({ ...line, unitPrice: 16000, discount: 10000, priceSource: 'customerTradeAgreement', agreement: null });
  });

  it('SM-8 a price change on a line of a commitment that is not fixed keeps the link; no change keeps the line as it was', () => {
    const line = linked(effective(), orderLine('1', 'P-STOVE', 10), 'L2');
    expect(changeLinePrice(effective(), line, { unitPrice: 7900, discount: 0 }, acmePricing)).toEqual({ ...line, unitPrice: 7900, priceSource: 'manual' });
    const fixed = linked(effective(), orderLine('2', 'P-TENT', 10), 'L1');
    expect(changeLinePrice(effective(), fixed, { unitPrice: fixed.unitPrice, discount: fixed.discount }, acmePricing)).toBe(fixed);
  });

  it.each([
    ['a negative price', { unitPrice: -100, discount: 0 }, 'unitPrice'],
    ['a discount over the line amount', { unitPrice: 15000, discount: 150_001 }, 'discount'],
    ['a negative discount', { unitPrice: 15000, discount: -1 }, 'discount'],
  ] as const)('SM-8 a price change with %s is refused and the line keeps its link', (_what, change, field) => {
    const line = linked(effective(), orderLine('1', 'P-TENT', 10), 'L1');
    expect(refusalOf(changeLinePrice(effective(), line, change, acmePricing))).toMatchObject({ rule: 'VALIDATION', field });
    expect(line.agreement).not.toBeNull();
  });
});

describe('SM-9 commitment fulfilment', () => {
  const lines = frozen([
    linkedLine('1', 'L1', 'P-TENT', 40, { unitPrice: 15000, discount: 30000, deliverRemainder: 10, delivered: 30, invoiceRemainder: 10, invoiced: 20 }),
    linkedLine('2', 'L1', 'P-TENT', 30, { unitPrice: 15000, discount: 22500, deliverRemainder: 0, cancelled: 30 - 20, delivered: 20, invoiced: 20 }),
    linkedLine('3', 'L2', 'P-STOVE', 10, { unitPrice: 8000, deliverRemainder: 5, delivered: 5, invoiceRemainder: 5 }),
    // Another agreement's line, and an unlinked one: neither counts.
    orderLine('4', 'P-TENT', 5, { agreement: { agreementId: 'SA-000002', commitmentId: 'L1' } }),
    orderLine('5', 'P-TENT', 5),
  ]);

  it('SM-9 per commitment line: ordered (less cancelled), delivered, invoiced and remaining, in units or in money', () => {
    expect(agreementFulfilment(acmeAgreement, lines)).toEqual([
      { commitmentId: 'L1', measure: 'quantity', committed: 100, ordered: 60, delivered: 50, invoiced: 40, remaining: 40 },
      { commitmentId: 'L2', measure: 'amount', committed: 500_000, ordered: 80_000, delivered: 40_000, invoiced: 0, remaining: 420_000 },
      { commitmentId: 'L3', measure: 'amount', committed: 100_000, ordered: 0, delivered: 0, invoiced: 0, remaining: 100_000 },
      { commitmentId: 'L4', measure: 'amount', committed: 1_000_000, ordered: 0, delivered: 0, invoiced: 0, remaining: 1_000_000 },
    ]);
  });

  it('SM-9 an amount commitment counts each line net of its discount, in proportion for a part delivered', () => {
    // 3 lamps at 20.00 less 10%: 54.00 ordered; 1 delivered = 18.00.
    const lamp = linkedLine('1', 'L3', 'P-LAMP', 3, { unitPrice: 2000, discount: 600, delivered: 1, deliverRemainder: 2 });
    expect(agreementFulfilment(acmeAgreement, [lamp])[2]).toMatchObject({ ordered: 5400, delivered: 1800, remaining: 94_600 });
  });

  it('SM-9 with Max enforced, a quantity past the commitment is refused; exactly what remains is allowed', () => {
    const refusal = refusalOf(linkLine(effective(), orderHeader(), orderLine('6', 'P-TENT', 41), 'L1', linkContext(lines)));
    expect(refusal).toEqual({ rule: 'SM-9', field: 'quantity', message: 'commitment line L1 of agreement SA-000001 allows at most 100 units, 40 units left: this line would take it 1 unit over' });
    expect(linked(effective(), orderLine('6', 'P-TENT', 40), 'L1', lines).agreement).not.toBeNull();
  });

  it('SM-9 with Max enforced, an amount past the commitment is refused, in the agreement\'s currency', () => {
    const spent = [linkedLine('1', 'L3', 'P-LAMP', 50, { unitPrice: 2000, discount: 10000 })];
    // 900.00 ordered of 1,000.00: 6 lamps at 18.00 net (108.00) go 8.00 over; 5 (90.00) fit exactly.
    const refusal = refusalOf(linkLine(effective(), orderHeader(), orderLine('2', 'P-LAMP', 6, { unitPrice: 2000 }), 'L3', linkContext(spent)));
    expect(refusal).toMatchObject({ rule: 'SM-9', field: 'quantity', message: 'commitment line L3 of agreement SA-000001 allows at most $1,000.00, $100.00 left: this line would take it $8.00 over' });
    expect(linked(effective(), orderLine('2', 'P-LAMP', 5, { unitPrice: 2000 }), 'L3', spent).discount).toBe(1000);
  });

  it('SM-9 without Max enforced, the commitment may be passed: remaining goes below zero', () => {
    const big = linked(effective(), orderLine('6', 'P-STOVE', 70, { unitPrice: 8950 }), 'L2', lines);
    expect(agreementFulfilment(acmeAgreement, [...lines, big])[1]).toMatchObject({ ordered: 640_000, remaining: -140_000 });
  });

  it('SM-9 a quantity change is checked against what the other linked lines took', () => {
    const [first, ...others] = lines;
    expect(checkCommitmentRoom(acmeAgreement, { ...first!, quantity: 80 }, others)).toBeNull();
    expect(checkCommitmentRoom(acmeAgreement, { ...first!, quantity: 81 }, others)).toMatchObject({ rule: 'SM-9', field: 'quantity' });
    expect(checkCommitmentRoom(acmeAgreement, orderLine('9', 'P-TENT', 500), others)).toBeNull();
  });

  it('SM-9 a return linked to the original order reduces what was ordered, delivered and invoiced, and frees room under Max enforced', () => {
    const returned = linkReturnLine(lines[0]!, orderLine('R1', 'P-TENT', -15, { deliverRemainder: 0, delivered: -15, invoiced: -15, unitPrice: 15000, discount: -11250 }));
    if (isViolation(returned)) throw new Error(returned.message);
    expect(returned.agreement).toEqual({ agreementId: 'SA-000001', commitmentId: 'L1' });
    expect(agreementFulfilment(acmeAgreement, [...lines, returned])[0]).toEqual({ commitmentId: 'L1', measure: 'quantity', committed: 100, ordered: 45, delivered: 35, invoiced: 25, remaining: 55 });
    expect(linked(effective(), orderLine('6', 'P-TENT', 55), 'L1', [...lines, returned]).agreement).not.toBeNull();
  });

  it('SM-9 a return against an amount commitment takes back its net amount, in proportion for what it received', () => {
    // 3 of the 10 stoves (80.00 each) come back, 2 received so far.
    const returned = linkReturnLine(lines[2]!, orderLine('R2', 'P-STOVE', -3, { unitPrice: 8000, deliverRemainder: -1, delivered: -2, invoiced: 0 }));
    if (isViolation(returned)) throw new Error(returned.message);
    expect(agreementFulfilment(acmeAgreement, [...lines, returned])[1]).toEqual({
      commitmentId: 'L2', measure: 'amount', committed: 500_000, ordered: 56_000, delivered: 24_000, invoiced: 0, remaining: 444_000,
    });
  });

  it('SM-8 a return is not released against the agreement on its own: it takes the original line\'s link', () => {
    expect(refusalOf(linkLine(effective(), orderHeader({ type: 'returnedOrder' }), orderLine('R1', 'P-TENT', -2), 'L1', linkContext()))).toMatchObject({ rule: 'SM-8', field: 'quantity' });
  });

  it('SM-9 a return of an unlinked line stays unlinked; a return must be negative and of the same item', () => {
    expect(linkReturnLine(lines[4]!, orderLine('R1', 'P-TENT', -1))).toMatchObject({ agreement: null });
    expect(refusalOf(linkReturnLine(lines[0]!, orderLine('R1', 'P-TENT', 1)))).toMatchObject({ rule: 'SM-9', field: 'quantity' });
    expect(refusalOf(linkReturnLine(lines[0]!, orderLine('R1', 'P-LAMP', -1)))).toMatchObject({ rule: 'SM-9', field: 'productId' });
  });
});
