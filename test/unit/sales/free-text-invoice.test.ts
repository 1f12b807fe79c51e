/** SM-14 free text invoices and their pro forma. */
import { describe, expect, it } from 'vitest';
import {
  draftFreeTextInvoice, postFreeTextInvoice, proFormaFreeTextInvoice, type FreeTextInvoiceEntry, type FreeTextTaxSetup,
} from '../../../engine/domain/sales/free-text-invoice.ts';
import { invoicePrintLines } from '../../../engine/domain/sales/invoice-document.ts';
import type { Numbering } from '../../../engine/domain/numbering.ts';

const setup: FreeTextTaxSetup = {
  salesTaxGroups: new Map([['WA', { id: 'WA', rate: 1000 }], ['OR', { id: 'OR', rate: 0 }]]),
  itemTaxGroups: new Map([['SERVICE', { id: 'SERVICE', taxable: true }], ['EXEMPT', { id: 'EXEMPT', taxable: false }]]),
};

const entry = (change: (e: FreeTextInvoiceEntry) => void = () => {}): FreeTextInvoiceEntry => {
  const e: FreeTextInvoiceEntry = {
    customerAccount: 'C-1001', currency: 'USD', invoiceDate: '2027-03-01',
    lines: [
      { mainAccount: '4010', text: 'Tent repair service', amount: 4500, salesTaxGroup: 'WA', itemTaxGroup: 'SERVICE' },
      { mainAccount: '4090', text: 'Freight refund', amount: -1000, salesTaxGroup: 'WA', itemTaxGroup: 'EXEMPT' },
    ],
  };
  change(e);
  return e;
};

const numbering = (): Numbering => ({ counters: { SINV: 41, CO: 7 }, rng: 99 });

describe('free text invoices', () => {
  it('SM-14 a free text invoice bills main accounts with a text and an amount, taxed by its groups, with no order', () => {
    const draft = draftFreeTextInvoice(entry(), setup);
    expect(draft).toEqual({
      kind: 'freeText', customerAccount: 'C-1001', currency: 'USD', postedOn: '2027-03-01', salesOrderIds: [], packingSlipIds: [],
      lines: [
        { salesOrderId: null, lineId: null, productId: null, mainAccount: '4010', text: 'Tent repair service', quantity: 1, amount: 4500, tax: 450 },
        { salesOrderId: null, lineId: null, productId: null, mainAccount: '4090', text: 'Freight refund', quantity: 1, amount: -1000, tax: 0 },
      ],
      subtotal: 3500, tax: 450, total: 3950,
    });
  });

  it('SM-14 tax is rounded on each line, half away from zero', () => {
    const draft = draftFreeTextInvoice(entry((e) => { e.lines = [{ ...e.lines[0]!, amount: 1005 }, { ...e.lines[0]!, amount: -1005 }]; }), setup);
    expect(draft).toMatchObject({ lines: [{ tax: 101 }, { tax: -101 }], subtotal: 0, tax: 0, total: 0 });
  });

  it('SM-14 posting draws the next invoice number from the sequence passed in and leaves the other counters', () => {
    const before = numbering();
    const posted = postFreeTextInvoice(entry(), setup, before);
    expect(posted).toMatchObject({ invoice: { invoiceId: 'SINV-000042', kind: 'freeText', total: 3950 }, numbering: { counters: { SINV: 42, CO: 7 }, rng: 99 } });
    expect(before).toEqual(numbering());
  });

  it('SM-14 a sequence that never issued an invoice starts at 1', () => {
    expect(postFreeTextInvoice(entry(), setup, { counters: {}, rng: 1 })).toMatchObject({ invoice: { invoiceId: 'SINV-000001' }, numbering: { counters: { SINV: 1 } } });
  });

  it('SM-14 an item number on a free text line is refused, naming the line', () => {
    const before = numbering();
    const refused = postFreeTextInvoice(entry((e) => { e.lines = [e.lines[0]!, { ...e.lines[1]!, itemNumber: 'P-TENT' }]; }), setup, before);
    expect(refused).toMatchObject({ rule: 'SM-14', field: 'lines.1.itemNumber' });
    expect((refused as { message: string }).message).toContain('cannot bill an item');
    expect(before).toEqual(numbering());
  });

  it('SM-14 the sales tax group and the item tax group are required on every line', () => {
    expect(draftFreeTextInvoice(entry((e) => { e.lines = [{ ...e.lines[0]!, salesTaxGroup: '' }]; }), setup)).toMatchObject({ rule: 'SM-14', field: 'lines.0.salesTaxGroup' });
    expect(draftFreeTextInvoice(entry((e) => { e.lines = [e.lines[0]!, { ...e.lines[1]!, itemTaxGroup: ' ' }]; }), setup)).toMatchObject({ rule: 'SM-14', field: 'lines.1.itemTaxGroup' });
    expect(draftFreeTextInvoice(entry((e) => { e.lines = [{ ...e.lines[0]!, salesTaxGroup: 'XX' }]; }), setup)).toMatchObject({ rule: 'NOT_FOUND', field: 'lines.0.salesTaxGroup' });
    expect(draftFreeTextInvoice(entry((e) => { e.lines = [{ ...e.lines[0]!, itemTaxGroup: 'GOODS' }]; }), setup)).toMatchObject({ rule: 'NOT_FOUND', field: 'lines.0.itemTaxGroup' });
  });

  it('SM-14 a line needs a main account, a text and a whole non-zero amount; the invoice a customer, a currency, a date and lines', () => {
    expect(draftFreeTextInvoice(entry((e) => { e.lines = [{ ...e.lines[0]!, mainAccount: '' }]; }), setup)).toMatchObject({ rule: 'SM-14', field: 'lines.0.mainAccount' });
    expect(draftFreeTextInvoice(entry((e) => { e.lines = [{ ...e.lines[0]!, text: '' }]; }), setup)).toMatchObject({ rule: 'SM-14', field: 'lines.0.text' });
    expect(draftFreeTextInvoice(entry((e) => { e.lines = [{ ...e.lines[0]!, amount: 0 }]; }), setup)).toMatchObject({ rule: 'VALIDATION', field: 'lines.0.amount' });
    expect(draftFreeTextInvoice(entry((e) => { e.lines = [{ ...e.lines[0]!, amount: 12.5 }]; }), setup)).toMatchObject({ rule: 'VALIDATION', field: 'lines.0.amount' });
    expect(draftFreeTextInvoice(entry((e) => { e.customerAccount = ''; }), setup)).toMatchObject({ field: 'customerAccount' });
    expect(draftFreeTextInvoice(entry((e) => { e.currency = 'dollars'; }), setup)).toMatchObject({ field: 'currency' });
    expect(draftFreeTextInvoice(entry((e) => { e.invoiceDate = '1/3/2027'; }), setup)).toMatchObject({ field: 'invoiceDate' });
    expect(draftFreeTextInvoice(entry((e) => { e.lines = []; }), setup)).toMatchObject({ field: 'lines' });
  });

  it('SM-14 the pro forma gives the same lines and totals as posting would, has no number and draws none', () => {
    const before = numbering();
    const preview = proFormaFreeTextInvoice(entry(), setup);
    const posted = postFreeTextInvoice(entry(), setup, before);
    if ('rule' in preview || 'rule' in posted) throw new Error('expected both to build');
    const { invoiceId, ...postedBody } = posted.invoice;
    expect(invoiceId).toBe('SINV-000042');
    expect(preview).toEqual({ ...postedBody, proForma: true });
    expect(before).toEqual(numbering());
  });

  it('SM-14 the pro forma prints the same every time and says it is not a bill; money in the currency', () => {
    const preview = proFormaFreeTextInvoice(entry(), setup);
    if ('rule' in preview) throw new Error('expected a pro forma');
    const printed = invoicePrintLines(preview);
    expect(invoicePrintLines(preview)).toEqual(printed);
    expect(printed).toEqual([
      { text: 'Pro forma invoice (not posted, nothing to pay)', amount: null },
      { text: 'Customer C-1001, dated 2027-03-01', amount: null },
      { text: 'Tent repair service (account 4010)', amount: '$45.00' },
      { text: 'Freight refund (account 4090)', amount: '-$10.00' },
      { text: 'Subtotal', amount: '$35.00' },
      { text: 'Tax', amount: '$4.50' },
      { text: 'Total', amount: '$39.50' },
    ]);
  });

  it('SM-14 the posted invoice prints under its number', () => {
    const posted = postFreeTextInvoice(entry(), setup, numbering());
    if ('rule' in posted) throw new Error('expected an invoice');
    expect(invoicePrintLines(posted.invoice)[0]).toEqual({ text: 'Invoice SINV-000042', amount: null });
  });
});
