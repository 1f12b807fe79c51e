/**
 * Acme Outfitters' sales agreement with headquarters for the second half of 2027, the trade agreements around it and
 * order lines to release against it, for the agreement and price tests (SM-7..SM-9, SM-15). Records are frozen deep:
 * a rule that mutated its input would throw.
 */
import type { AgreementCommitment, AgreementState, ProductCategories, SalesAgreement } from '../../../engine/domain/sales/agreements.ts';
import type { TradeAgreement, TradePricing } from '../../../engine/domain/sales/prices.ts';
import type { SalesLine, SalesOrderHeader } from '../../../engine/domain/sales/types.ts';

export function frozen<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const inner of Object.values(value)) frozen(inner);
    Object.freeze(value);
  }
  return value;
}

export const ACME = 'C-ACME';

/** 100 tents at 150.00 less 5%, Max enforced, price and discount fixed. */
export const tentCommitment: AgreementCommitment = {
  commitmentId: 'L1', kind: 'productQuantity', productId: 'P-TENT', categoryId: null, committed: 100, unitPrice: 15000, discountPct: 500, maxEnforced: true, priceFixed: true,
};
/** 5,000.00 of stoves at 80.00, neither option. */
export const stoveCommitment: AgreementCommitment = {
  commitmentId: 'L2', kind: 'productAmount', productId: 'P-STOVE', categoryId: null, committed: 500_000, unitPrice: 8000, discountPct: 0, maxEnforced: false, priceFixed: false,
};
/** 1,000.00 of lighting at the usual price less 10%, Max enforced, fixed. */
export const lightingCommitment: AgreementCommitment = {
  commitmentId: 'L3', kind: 'categoryAmount', productId: null, categoryId: 'lighting', committed: 100_000, unitPrice: null, discountPct: 1000, maxEnforced: true, priceFixed: true,
};
/** 10,000.00 of anything less 2%. */
export const anyCommitment: AgreementCommitment = {
  commitmentId: 'L4', kind: 'anyProductAmount', productId: null, categoryId: null, committed: 1_000_000, unitPrice: null, discountPct: 200, maxEnforced: false, priceFixed: false,
};

export const acmeAgreement: SalesAgreement = frozen({
  agreementId: 'SA-000001', customerAccount: ACME, currency: 'USD', effective: '2027-07-01', expiration: '2027-12-31',
  commitments: [tentCommitment, stoveCommitment, lightingCommitment, anyCommitment],
});

export const effective = (agreement: SalesAgreement = acmeAgreement): AgreementState => frozen({ agreement, status: 'effective' });

export const categories: ProductCategories = frozen({ 'P-LAMP': 'lighting', 'P-HEADLAMP': 'lighting', 'P-TENT': 'shelter', 'P-STOVE': 'cooking' });

export const basePrices = frozen({ 'P-TENT': 19999, 'P-LAMP': 2499, 'P-HEADLAMP': 3299, 'P-STOVE': 8950, 'P-SOCKS': 1299 });

const trade = (tradeAgreementId: string, party: TradeAgreement['party'], productId: string, unitPrice: number, change: Partial<TradeAgreement> = {}): TradeAgreement => ({
  tradeAgreementId, party, productId, currency: 'USD', unitPrice, fromQuantity: 1, effective: null, expiration: null, ...change,
});

const wholesale = { kind: 'priceGroup', priceGroupId: 'WHOLESALE' } as const;
const acme = { kind: 'customer', customerAccount: ACME } as const;

export const tradeAgreements: TradeAgreement[] = frozen([
  trade('TA-1', acme, 'P-TENT', 16000),
  trade('TA-2', wholesale, 'P-TENT', 17000),
  trade('TA-3', wholesale, 'P-LAMP', 2000),
  trade('TA-4', wholesale, 'P-LAMP', 1800, { fromQuantity: 10 }),
  trade('TA-5', wholesale, 'P-STOVE', 7000, { effective: '2027-01-01', expiration: '2027-06-30' }),
  trade('TA-6', { kind: 'customer', customerAccount: 'C-OTHER' }, 'P-HEADLAMP', 1000),
  trade('TA-7', wholesale, 'P-HEADLAMP', 2500, { currency: 'EUR' }),
]);

export const acmePricing: TradePricing = frozen({ kind: 'trade', customerAccount: ACME, priceGroupId: 'WHOLESALE', currency: 'USD', tradeAgreements, basePrices });

export const orderHeader = (change: Partial<SalesOrderHeader> = {}): SalesOrderHeader => frozen({
  salesOrderId: 'SO-000001', type: 'salesOrder', customerAccount: ACME, currency: 'USD', orderDate: '2027-07-10', priority: 5, rmaNumber: null,
  origin: 'backOffice', campaignId: null, quotationId: null, ...change,
});

/** An open order line as order entry priced it (at the customer's trade price), not linked yet. */
export const orderLine = (lineId: string, productId: string, quantity: number, change: Partial<SalesLine> = {}): SalesLine => frozen({
  lineId, productId, quantity, unitPrice: 16000, discount: 0, priceSource: 'customerTradeAgreement', deliverRemainder: quantity, invoiceRemainder: 0,
  delivered: 0, invoiced: 0, cancelled: 0, inventory: 'reserved', requestedShipDate: '2027-08-02', confirmedShipDate: null, previousConfirmedShipDate: null,
  notifyCustomer: false, warehouseId: 'W1', agreement: null, ...change,
});

/** A line already linked to a commitment of Acme's agreement. */
export const linkedLine = (lineId: string, commitmentId: string, productId: string, quantity: number, change: Partial<SalesLine> = {}): SalesLine =>
  orderLine(lineId, productId, quantity, { priceSource: 'agreement', agreement: { agreementId: acmeAgreement.agreementId, commitmentId }, ...change });
