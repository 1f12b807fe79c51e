/** SM-12 packing slips and invoices, SM-13 invoice posting, SM-14 the pro forma of an order invoice. */
import { describe, expect, it } from 'vitest';
import type { Numbering } from '../../../engine/domain/numbering.ts';
import {
  postInvoice, postPackingSlip, proFormaInvoice, transactionStatus, type InvoiceSelection, type LineTaxRate, type OrderPostings, type PackingSlipEntry,
} from '../../../engine/domain/sales/documents.ts';
import { invoicePrintLines } from '../../../engine/domain/sales/invoice-document.ts';
import { lineStatus, newSalesOrder, reserveLines, salesOrderStatus, type NewSalesOrder } from '../../../engine/domain/sales/sales-order.ts';
import type { SalesInvoice, SalesOrderRecord } from '../../../engine/domain/sales/types.ts';
import { isViolation, type RuleViolation } from '../../../engine/domain/violation.ts';

/** Freezes a record all the way down, so a function that changed its input would throw. */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

const DAY = '2027-03-01';

function order(salesOrderId: string, change: (o: NewSalesOrder) => void = () => {}): OrderPostings {
  const entered: NewSalesOrder = {
    salesOrderId, type: 'salesOrder', customerAccount: 'C-1001', currency: 'USD', orderDate: '2027-02-20',
    lines: [
      { lineId: 'L1', productId: 'P-TENT', quantity: 3, unitPrice: 10000, requestedShipDate: DAY, warehouseId: 'W1' },
      { lineId: 'L2', productId: 'P-LAMP', quantity: 3, unitPrice: 999, discount: 100, requestedShipDate: DAY, warehouseId: 'W1' },
    ],
  };
  change(entered);
  const record = newSalesOrder(entered);
  if (isViolation(record)) throw new Error(record.message);
  return deepFreeze({ order: record, packingSlips: [], transactions: [] });
}

const numbering = (): Numbering => deepFreeze({ counters: { PSLIP: 9, SINV: 41 }, rng: 7 });

/** 8.25% on tents, lamps exempt: the host's CO-12 rate per line. */
const taxRate: LineTaxRate = (_order, line) => (line.productId === 'P-LAMP' ? 0 : 825);
const taxAll: LineTaxRate = () => 825;

type Slipped = Exclude<ReturnType<typeof postPackingSlip>, RuleViolation>;
type Invoiced = Exclude<ReturnType<typeof postInvoice>, RuleViolation>;

function slip(postings: OrderPostings, lines: PackingSlipEntry['lines'], numbers = numbering()): Slipped {
  const posted = postPackingSlip(postings, { postedOn: DAY, lines }, numbers);
  if (isViolation(posted)) throw new Error(posted.message);
  return deepFreeze(posted);
}

function invoice(selection: InvoiceSelection, rate: LineTaxRate = taxRate, numbers = numbering()): Invoiced {
  const posted = postInvoice(selection, rate, numbers);
  if (isViolation(posted)) throw new Error(posted.message);
  return deepFreeze(posted);
}

const line = (record: SalesOrderRecord, lineId: string) => record.lines.find((l) => l.lineId === lineId)!;
const fromOrders = (...orders: OrderPostings[]): InvoiceSelection => ({ from: 'orders', orders, invoiceDate: DAY });
const fromSlips = (orders: OrderPostings[], packingSlipIds: string[]): InvoiceSelection => ({ from: 'packingSlips', orders, packingSlipIds, invoiceDate: DAY });

describe('packing slips', () => {
  it('SM-12 a packing slip lowers the deliver remainder, raises the invoice remainder and posts a transaction per line', () => {
    const { postings, packingSlip, numbering: after } = slip(order('SO-1'), [{ lineId: 'L1', quantity: 2 }]);
    expect(packingSlip).toEqual({ packingSlipId: 'PSLIP-000010', salesOrderId: 'SO-1', customerAccount: 'C-1001', postedOn: DAY, lines: [{ lineId: 'L1', productId: 'P-TENT', quantity: 2 }], invoiceId: null });
    expect(line(postings.order, 'L1')).toMatchObject({ deliverRemainder: 1, invoiceRemainder: 2, delivered: 2, inventory: 'onOrder' });
    expect(line(postings.order, 'L2')).toEqual(line(order('SO-1').order, 'L2'));
    expect(postings.transactions).toEqual([{ salesOrderId: 'SO-1', lineId: 'L1', productId: 'P-TENT', warehouseId: 'W1', quantity: 2, packingSlipId: 'PSLIP-000010', postedOn: DAY, invoiceId: null }]);
    expect(transactionStatus(postings.transactions[0]!)).toBe('deducted');
    expect(postings.packingSlips).toEqual([packingSlip]);
    expect(after).toEqual({ counters: { PSLIP: 10, SINV: 41 }, rng: 7 });
    expect(lineStatus(line(postings.order, 'L1'))).toBe('openOrder');
  });

  it('SM-12 a line is Delivered, its stock deducted, when its deliver remainder reaches 0; the order when every line is', () => {
    const first = slip(order('SO-1'), [{ lineId: 'L1', quantity: 3 }]);
    expect(line(first.postings.order, 'L1')).toMatchObject({ deliverRemainder: 0, invoiceRemainder: 3, inventory: 'deducted' });
    expect(lineStatus(line(first.postings.order, 'L1'))).toBe('delivered');
    expect(salesOrderStatus(first.postings.order)).toBe('openOrder');
    const second = slip(first.postings, [{ lineId: 'L2', quantity: 3 }], first.numbering);
    expect(second.packingSlip.packingSlipId).toBe('PSLIP-000011');
    expect(salesOrderStatus(second.postings.order)).toBe('delivered');
    expect(second.postings.transactions.map((t) => t.packingSlipId)).toEqual(['PSLIP-000010', 'PSLIP-000011']);
  });

  it('SM-12 a quantity above the deliver remainder is refused, naming the line\'s quantity; nothing changes', () => {
    const first = slip(order('SO-1'), [{ lineId: 'L1', quantity: 2 }]);
    const numbers = numbering();
    const refused = postPackingSlip(first.postings, { postedOn: DAY, lines: [{ lineId: 'L2', quantity: 1 }, { lineId: 'L1', quantity: 2 }] }, numbers);
    expect(refused).toEqual({ rule: 'SM-12', message: 'line L1 has 1 unit left to deliver, not 2 units', field: 'lines.1.quantity' });
    expect(numbers).toEqual(numbering());
    // Exactly the remainder is fine.
    expect(postPackingSlip(first.postings, { postedOn: DAY, lines: [{ lineId: 'L1', quantity: 1 }] }, numbers)).not.toHaveProperty('rule');
  });

  it('SM-12 a slip line must name a line of the order once, with a whole quantity of the line\'s sign, on a day', () => {
    const postings = order('SO-1');
    const post = (lines: PackingSlipEntry['lines'], postedOn = DAY) => postPackingSlip(postings, { postedOn, lines }, numbering());
    expect(post([{ lineId: 'L9', quantity: 1 }])).toMatchObject({ rule: 'NOT_FOUND', field: 'lines.0.lineId' });
    expect(post([{ lineId: 'L1', quantity: 1 }, { lineId: 'L1', quantity: 1 }])).toMatchObject({ rule: 'VALIDATION', field: 'lines.1.lineId' });
    expect(post([{ lineId: 'L1', quantity: 0 }])).toMatchObject({ rule: 'VALIDATION', field: 'lines.0.quantity' });
    expect(post([{ lineId: 'L1', quantity: 1.5 }])).toMatchObject({ rule: 'VALIDATION', field: 'lines.0.quantity' });
    expect(post([{ lineId: 'L1', quantity: -1 }])).toMatchObject({ rule: 'VALIDATION', field: 'lines.0.quantity' });
    expect(post([])).toMatchObject({ rule: 'VALIDATION', field: 'lines' });
    expect(post([{ lineId: 'L1', quantity: 1 }], '01/03/2027')).toMatchObject({ rule: 'VALIDATION', field: 'postedOn' });
  });

  it('SM-12 a reserved line stays Reserved while part is still to deliver, and is Deducted once all is', () => {
    const reserved = reserveLines(order('SO-1').order, [{ productId: 'P-TENT', warehouseId: 'W1', quantity: 5 }]);
    if (isViolation(reserved)) throw new Error(reserved.message);
    const part = slip({ order: reserved, packingSlips: [], transactions: [] }, [{ lineId: 'L1', quantity: 1 }]);
    expect(line(part.postings.order, 'L1').inventory).toBe('reserved');
    const rest = slip(part.postings, [{ lineId: 'L1', quantity: 2 }], part.numbering);
    expect(line(rest.postings.order, 'L1').inventory).toBe('deducted');
  });

  it('SM-12 a fully delivered line takes no more', () => {
    const done = slip(order('SO-1'), [{ lineId: 'L1', quantity: 3 }]);
    expect(postPackingSlip(done.postings, { postedOn: DAY, lines: [{ lineId: 'L1', quantity: 1 }] }, numbering())).toMatchObject({ rule: 'SM-12', field: 'lines.0.quantity' });
  });

  it('SM-1 a journal cannot be delivered', () => {
    const journal = order('SO-J', (o) => { o.type = 'journal'; });
    expect(postPackingSlip(journal, { postedOn: DAY, lines: [{ lineId: 'L1', quantity: 1 }] }, numbering())).toMatchObject({ rule: 'SM-1', field: 'salesOrderId' });
  });

  it('SM-12 a returned order\'s slip takes negative quantities back into stock (received)', () => {
    const rma = order('RO-1', (o) => { o.type = 'returnedOrder'; o.rmaNumber = 'RMA-000001'; o.lines = [{ ...o.lines[0]!, quantity: -2 }]; });
    expect(postPackingSlip(rma, { postedOn: DAY, lines: [{ lineId: 'L1', quantity: -3 }] }, numbering())).toMatchObject({ rule: 'SM-12', field: 'lines.0.quantity' });
    expect(postPackingSlip(rma, { postedOn: DAY, lines: [{ lineId: 'L1', quantity: 1 }] }, numbering())).toMatchObject({ rule: 'VALIDATION', field: 'lines.0.quantity' });
    const { postings } = slip(rma, [{ lineId: 'L1', quantity: -2 }]);
    expect(line(postings.order, 'L1')).toMatchObject({ deliverRemainder: 0, invoiceRemainder: -2, inventory: 'received' });
    expect(transactionStatus(postings.transactions[0]!)).toBe('received');
  });
});

describe('invoices', () => {
  it('SM-12 an invoice from the order bills what is delivered and not invoiced (the invoice remainders), not what is still to deliver', () => {
    const delivered = slip(order('SO-1'), [{ lineId: 'L1', quantity: 2 }]);
    const { invoice: posted } = invoice(fromOrders(delivered.postings));
    expect(posted).toEqual({
      invoiceId: 'SINV-000042', kind: 'order', customerAccount: 'C-1001', currency: 'USD', postedOn: DAY, salesOrderIds: ['SO-1'], packingSlipIds: ['PSLIP-000010'],
      lines: [{ salesOrderId: 'SO-1', lineId: 'L1', productId: 'P-TENT', mainAccount: null, text: 'P-TENT', quantity: 2, amount: 20000, tax: 1650 }],
      subtotal: 20000, tax: 1650, total: 21650,
    } satisfies SalesInvoice);
  });

  it('SM-13 posting lowers the invoice remainder, stamps the invoice number on the slip and its inventory transactions, line Invoiced', () => {
    const delivered = slip(order('SO-1'), [{ lineId: 'L1', quantity: 3 }]);
    const { orders: [after], numbering: numbers } = invoice(fromOrders(delivered.postings));
    expect(numbers).toEqual({ counters: { PSLIP: 9, SINV: 42 }, rng: 7 });
    expect(line(after!.order, 'L1')).toMatchObject({ invoiceRemainder: 0, invoiced: 3, inventory: 'sold' });
    expect(lineStatus(line(after!.order, 'L1'))).toBe('invoiced');
    expect(after!.packingSlips.map((s) => s.invoiceId)).toEqual(['SINV-000042']);
    expect(after!.transactions.map((t) => [t.invoiceId, transactionStatus(t)])).toEqual([['SINV-000042', 'sold']]);
  });

  it('SM-13 the order is Invoiced only when nothing is left to deliver or invoice on any line; otherwise its status is unchanged', () => {
    const part = slip(order('SO-1'), [{ lineId: 'L1', quantity: 3 }, { lineId: 'L2', quantity: 1 }]);
    const partInvoiced = invoice(fromOrders(part.postings));
    expect(salesOrderStatus(part.postings.order)).toBe('openOrder');
    expect(salesOrderStatus(partInvoiced.orders[0]!.order)).toBe('openOrder');
    const rest = slip(partInvoiced.orders[0]!, [{ lineId: 'L2', quantity: 2 }], part.numbering);
    expect(salesOrderStatus(rest.postings.order)).toBe('delivered');
    const done = invoice(fromOrders(rest.postings), taxRate, partInvoiced.numbering);
    expect(done.invoice.invoiceId).toBe('SINV-000043');
    expect(done.invoice.packingSlipIds).toEqual(['PSLIP-000011']);
    expect(salesOrderStatus(done.orders[0]!.order)).toBe('invoiced');
    expect(done.orders[0]!.transactions.map((t) => t.invoiceId)).toEqual(['SINV-000042', 'SINV-000042', 'SINV-000043']);
  });

  it('SM-13 an order with nothing delivered waiting to be invoiced is refused, naming it', () => {
    expect(postInvoice(fromOrders(order('SO-1')), taxRate, numbering())).toMatchObject({ rule: 'SM-13', field: 'salesOrderIds.0' });
    const done = invoice(fromOrders(slip(order('SO-1'), [{ lineId: 'L1', quantity: 1 }]).postings));
    expect(postInvoice(fromOrders(done.orders[0]!), taxRate, numbering())).toMatchObject({ rule: 'SM-13', field: 'salesOrderIds.0' });
  });

  it('SM-13 a line billed over several invoices adds up exactly to its net after discount and its tax', () => {
    // 3 x 9.99 less 1.00 = 28.97; tax 8.25% = 2.39 (rounded once on the whole line).
    let postings = order('SO-1');
    let numbers = numbering();
    const billed: { amount: number; tax: number }[] = [];
    for (const quantity of [1, 1, 1]) {
      const delivered = slip(postings, [{ lineId: 'L2', quantity }], numbers);
      const posted = invoice(fromOrders(delivered.postings), taxAll, delivered.numbering);
      billed.push({ amount: posted.invoice.lines[0]!.amount, tax: posted.invoice.lines[0]!.tax });
      postings = posted.orders[0]!;
      numbers = posted.numbering;
    }
    expect(billed).toEqual([{ amount: 966, tax: 80 }, { amount: 965, tax: 79 }, { amount: 966, tax: 80 }]);
    expect(billed.reduce((sum, b) => sum + b.amount, 0)).toBe(2897);
    expect(billed.reduce((sum, b) => sum + b.tax, 0)).toBe(239);
  });

  it('SM-12 an invoice from packing slips bills exactly the chosen slips; the others wait', () => {
    const first = slip(order('SO-1'), [{ lineId: 'L1', quantity: 1 }, { lineId: 'L2', quantity: 2 }]);
    const second = slip(first.postings, [{ lineId: 'L1', quantity: 2 }], first.numbering);
    const posted = invoice(fromSlips([second.postings], ['PSLIP-000011']));
    expect(posted.invoice).toMatchObject({ kind: 'packingSlips', packingSlipIds: ['PSLIP-000011'], subtotal: 20000, tax: 1650 });
    expect(posted.invoice.lines).toEqual([{ salesOrderId: 'SO-1', lineId: 'L1', productId: 'P-TENT', mainAccount: null, text: 'P-TENT', quantity: 2, amount: 20000, tax: 1650 }]);
    const [after] = posted.orders;
    expect(after!.packingSlips.map((s) => [s.packingSlipId, s.invoiceId])).toEqual([['PSLIP-000010', null], ['PSLIP-000011', 'SINV-000042']]);
    expect(after!.transactions.map((t) => t.invoiceId)).toEqual([null, null, 'SINV-000042']);
    expect(line(after!.order, 'L1')).toMatchObject({ invoiceRemainder: 1, invoiced: 2, inventory: 'deducted' });
    expect(line(after!.order, 'L2')).toMatchObject({ invoiceRemainder: 2, invoiced: 0 });
  });

  it('SM-12 a packing slip is invoiced once: again, from slips or from the order, it is refused or left out', () => {
    const delivered = slip(order('SO-1'), [{ lineId: 'L1', quantity: 1 }]);
    const once = invoice(fromSlips([delivered.postings], ['PSLIP-000010']));
    expect(postInvoice(fromSlips(once.orders, ['PSLIP-000010']), taxRate, numbering()))
      .toEqual({ rule: 'SM-12', message: 'packing slip PSLIP-000010 is already invoiced on SINV-000042', field: 'packingSlipIds.0' });
    const more = slip(once.orders[0]!, [{ lineId: 'L1', quantity: 1 }], delivered.numbering);
    expect(invoice(fromOrders(more.postings)).invoice).toMatchObject({ packingSlipIds: ['PSLIP-000011'], lines: [{ quantity: 1 }] });
  });

  it('SM-12 invoicing from packing slips needs at least one posted, known slip per order, each chosen once', () => {
    const one = slip(order('SO-1'), [{ lineId: 'L1', quantity: 1 }]);
    const two = slip(order('SO-2'), [{ lineId: 'L1', quantity: 1 }], one.numbering);
    const refuse = (orders: OrderPostings[], ids: string[]) => postInvoice(fromSlips(orders, ids), taxRate, numbering());
    expect(refuse([one.postings, two.postings], ['PSLIP-000010'])).toMatchObject({ rule: 'SM-12', field: 'packingSlipIds', message: 'choose at least one posted packing slip of order SO-2' });
    expect(refuse([order('SO-3')], [])).toMatchObject({ rule: 'SM-12', field: 'packingSlipIds' });
    expect(refuse([one.postings], ['PSLIP-000011'])).toMatchObject({ rule: 'NOT_FOUND', field: 'packingSlipIds.0' });
    expect(refuse([one.postings], ['PSLIP-000010', 'PSLIP-000010'])).toMatchObject({ rule: 'VALIDATION', field: 'packingSlipIds.1' });
  });

  it('SM-12 a collective invoice gathers several orders\' slips of one invoice account on one invoice', () => {
    const one = slip(order('SO-1'), [{ lineId: 'L1', quantity: 1 }]);
    const two = slip(order('SO-2'), [{ lineId: 'L2', quantity: 3 }], one.numbering);
    const posted = invoice(fromOrders(one.postings, two.postings));
    expect(posted.invoice).toMatchObject({ invoiceId: 'SINV-000042', kind: 'collective', salesOrderIds: ['SO-1', 'SO-2'], packingSlipIds: ['PSLIP-000010', 'PSLIP-000011'], subtotal: 12897, tax: 825, total: 13722 });
    expect(posted.orders.map((o) => o.transactions.map((t) => t.invoiceId))).toEqual([['SINV-000042'], ['SINV-000042']]);
    const bySlips = invoice(fromSlips([one.postings, two.postings], ['PSLIP-000011', 'PSLIP-000010']));
    expect(bySlips.invoice).toMatchObject({ kind: 'collective', packingSlipIds: ['PSLIP-000011', 'PSLIP-000010'], total: 13722 });
  });

  it('SM-12 a collective invoice across invoice accounts or currencies is refused and changes nothing', () => {
    const one = slip(order('SO-1'), [{ lineId: 'L1', quantity: 1 }]);
    const other = slip(order('SO-2', (o) => { o.customerAccount = 'C-2002'; }), [{ lineId: 'L1', quantity: 1 }]);
    const euro = slip(order('SO-3', (o) => { o.currency = 'EUR'; }), [{ lineId: 'L1', quantity: 1 }]);
    const numbers = numbering();
    expect(postInvoice(fromOrders(one.postings, other.postings), taxRate, numbers))
      .toEqual({ rule: 'SM-12', message: 'one invoice bills one invoice account: order SO-2 is billed to C-2002, not C-1001', field: 'customerAccount' });
    expect(postInvoice(fromSlips([one.postings, euro.postings], ['PSLIP-000010']), taxRate, numbers)).toMatchObject({ rule: 'SM-12', field: 'currency' });
    expect(postInvoice(fromOrders(one.postings, one.postings), taxRate, numbers)).toMatchObject({ rule: 'VALIDATION', field: 'salesOrderIds.1' });
    expect(postInvoice(fromOrders(), taxRate, numbers)).toMatchObject({ rule: 'VALIDATION', field: 'salesOrderIds' });
    expect(postInvoice({ ...fromOrders(one.postings), invoiceDate: 'tomorrow' }, taxRate, numbers)).toMatchObject({ rule: 'VALIDATION', field: 'invoiceDate' });
    expect(numbers).toEqual(numbering());
  });

  it('SM-13 with SM-3 a subscription\'s invoice starts its next cycle: remainders restored, totals kept, slips stamped', () => {
    const subscription = order('SO-S', (o) => { o.type = 'subscription'; o.lines = [o.lines[0]!]; });
    const delivered = slip(subscription, [{ lineId: 'L1', quantity: 3 }]);
    const posted = invoice(fromOrders(delivered.postings));
    const [after] = posted.orders;
    expect(line(after!.order, 'L1')).toMatchObject({ deliverRemainder: 3, invoiceRemainder: 0, delivered: 3, invoiced: 3 });
    expect(salesOrderStatus(after!.order)).toBe('openOrder');
    expect(after!.transactions.map((t) => t.invoiceId)).toEqual(['SINV-000042']);
    const next = slip(after!, [{ lineId: 'L1', quantity: 3 }], delivered.numbering);
    expect(invoice(fromOrders(next.postings), taxRate, posted.numbering).invoice).toMatchObject({ invoiceId: 'SINV-000043', packingSlipIds: ['PSLIP-000011'], subtotal: 30000 });
  });

  it('SM-1 a journal cannot be invoiced', () => {
    expect(postInvoice(fromOrders(order('SO-J', (o) => { o.type = 'journal'; })), taxRate, numbering())).toMatchObject({ rule: 'SM-1', field: 'salesOrderIds.0' });
  });

  it('SM-13 a returned order\'s invoice credits the customer; its stock stays received', () => {
    const rma = order('RO-1', (o) => { o.type = 'returnedOrder'; o.rmaNumber = 'RMA-000001'; o.lines = [{ ...o.lines[0]!, quantity: -2 }]; });
    const posted = invoice(fromOrders(slip(rma, [{ lineId: 'L1', quantity: -2 }]).postings));
    expect(posted.invoice).toMatchObject({ lines: [{ quantity: -2, amount: -20000, tax: -1650 }], total: -21650 });
    expect(line(posted.orders[0]!.order, 'L1')).toMatchObject({ invoiceRemainder: 0, invoiced: -2, inventory: 'received' });
    expect(salesOrderStatus(posted.orders[0]!.order)).toBe('invoiced');
  });
});

describe('pro forma invoices', () => {
  it('SM-14 the pro forma of an order invoice has the totals posting would give, and posts nothing: records unchanged', () => {
    const delivered = slip(order('SO-1'), [{ lineId: 'L1', quantity: 2 }, { lineId: 'L2', quantity: 1 }]);
    const before = structuredClone(delivered.postings);
    const selection = fromOrders(delivered.postings);
    const preview = proFormaInvoice(selection, taxRate);
    expect(delivered.postings).toEqual(before);
    const { invoiceId, ...posting } = invoice(selection).invoice;
    expect(invoiceId).toBe('SINV-000042');
    expect(preview).toEqual({ ...posting, proForma: true });
    expect(salesOrderStatus(delivered.postings.order)).toBe('openOrder');
    expect(line(delivered.postings.order, 'L1').invoiceRemainder).toBe(2);
  });

  it('SM-14 a pro forma prints the same every time, in the currency, and says it is not posted', () => {
    const delivered = slip(order('SO-1'), [{ lineId: 'L1', quantity: 2 }, { lineId: 'L2', quantity: 1 }]);
    const preview = proFormaInvoice(fromSlips([delivered.postings], ['PSLIP-000010']), taxRate);
    if (isViolation(preview)) throw new Error(preview.message);
    expect(invoicePrintLines(preview)).toEqual([
      { text: 'Pro forma invoice (not posted, nothing to pay)', amount: null },
      { text: 'Customer C-1001, dated 2027-03-01', amount: null },
      { text: 'Sales orders SO-1', amount: null },
      { text: 'Packing slips PSLIP-000010', amount: null },
      { text: '2 x P-TENT', amount: '$200.00' },
      { text: '1 x P-LAMP', amount: '$9.66' },
      { text: 'Subtotal', amount: '$209.66' },
      { text: 'Tax', amount: '$16.50' },
      { text: 'Total', amount: '$226.16' },
    ]);
    expect(invoicePrintLines(preview)).toEqual(invoicePrintLines(preview));
    expect(proFormaInvoice(fromSlips([delivered.postings], ['PSLIP-000010']), taxRate)).toEqual(preview);
  });

  it('SM-14 a pro forma is refused for the same reasons as the posting', () => {
    expect(proFormaInvoice(fromOrders(order('SO-1')), taxRate)).toMatchObject({ rule: 'SM-13', field: 'salesOrderIds.0' });
  });
});
