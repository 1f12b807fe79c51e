/** Quotations the SM-6 tests start from: a customer's (two lines, one discounted) and a prospect's. */
import { createQuotation, type Quotation, type QuotationDraft, type QuotationLine } from '../../../engine/domain/sales/quotation.ts';
import { isViolation } from '../../../engine/domain/violation.ts';

export const TENT: QuotationLine = {
  lineId: 'L1', productId: 'P-TENT', quantity: 2, unitPrice: 19_999, discount: 1_000, priceSource: 'customerTradeAgreement',
  requestedShipDate: '2027-03-10', warehouseId: 'WH-MAIN', agreement: null,
};
export const LAMP: QuotationLine = {
  lineId: 'L2', productId: 'P-LAMP', quantity: 5, unitPrice: 2_450, discount: 0, priceSource: 'agreement',
  requestedShipDate: '2027-03-12', warehouseId: 'WH-MAIN', agreement: { agreementId: 'AG-1', commitmentId: 'AG-1-1' },
};

export function customerDraft(changes: Partial<QuotationDraft> = {}): QuotationDraft {
  return {
    quotationId: 'QT-000001', partyId: 'PTY-7', partyRole: 'customer', customerAccount: 'C-100', currency: 'USD',
    createdOn: '2027-03-01', expiryDate: '2027-03-31', lines: [TENT, LAMP], ...changes,
  };
}

export function prospectDraft(changes: Partial<QuotationDraft> = {}): QuotationDraft {
  return customerDraft({ quotationId: 'QT-000002', partyId: 'PTY-9', partyRole: 'prospect', customerAccount: null, ...changes });
}

/** A quotation the test expects to be accepted. */
export function quotation(draft: QuotationDraft = customerDraft()): Quotation {
  const created = createQuotation(draft);
  if (isViolation(created)) throw new Error(`fixture refused: ${created.message}`);
  return created;
}
