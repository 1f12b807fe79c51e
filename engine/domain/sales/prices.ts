/**
 * Headquarters' sales prices (SM-15): which unit price and discount an order line gets, and where they came from.
 * A sales agreement the line is linked to (SM-8) comes first; then, for headquarters' own orders, the customer's
 * trade agreement, the customer's price group's, and the item's base price; for a call-center order the call
 * center's own order (CC-5: source-code price groups, then the channel's price group, then the base price), which
 * `resolvePrice` of the call-center domain decides; this file only adapts it.
 *
 * Decisions: trade agreements are valid by the line's requested ship date (the date SM-8 reads too); a quantity
 * break applies from its quantity up, the highest break the line reaches wins and, between equal breaks, the lower
 * price; trade agreements carry prices only, so without an agreement the discount is 0. A call-center order has no
 * trade-agreement level: its price groups (CC-5) are its trade agreements.
 */
import type { AppliedSourceCode } from '../call-center/catalog.ts';
import { isoDateSchema } from '../call-center/continuity.ts';
import type { CallCenterConfig } from '../call-center/config.ts';
import { resolvePrice, type PriceSource as CallCenterPriceSource } from '../call-center/pricing.ts';
import { percentOf, type Minor } from '../money.ts';
import { violation, type RuleViolation } from '../violation.ts';
import type { AgreementCommitment } from './agreements.ts';
import type { PriceSource } from './types.ts';

/** A price agreed for one customer, or for every customer of a price group, on one product. */
export interface TradeAgreement {
  tradeAgreementId: string;
  party: { kind: 'customer'; customerAccount: string } | { kind: 'priceGroup'; priceGroupId: string };
  productId: string;
  currency: string;
  unitPrice: Minor;
  /** The quantity from which the price applies (1: any quantity). */
  fromQuantity: number;
  /** Valid from and until these days, both inclusive; null: open-ended. */
  effective: string | null;
  expiration: string | null;
}

/** Headquarters' own orders: trade agreements, then base prices. */
export interface TradePricing {
  kind: 'trade';
  customerAccount: string;
  /** The customer's price group (CU-2 defaults), if any. */
  priceGroupId: string | null;
  currency: string;
  tradeAgreements: readonly TradeAgreement[];
  basePrices: Readonly<Record<string, Minor>>;
}

/** A call-center order (CC-2): the source code applied to it, if any, and the channel (CC-5). */
export interface CallCenterPricing {
  kind: 'callCenter';
  center: CallCenterConfig;
  sourceCode: AppliedSourceCode | null;
  basePrices: Readonly<Record<string, Minor>>;
}

export type SalesPricing = TradePricing | CallCenterPricing;

export interface PriceRequest {
  productId: string;
  /** Negative on a returned order (SM-4). */
  quantity: number;
  /** The line's requested ship date. */
  on: string;
  /** The agreement commitment the line is linked to (SM-8), if any. */
  agreement: { agreementId: string; commitment: AgreementCommitment } | null;
}

export interface ResolvedSalesPrice {
  unitPrice: Minor;
  /** The line's discount as an amount. */
  discount: Minor;
  source: PriceSource;
  /** In words, for the clerk: "agreement SA-000001 price", "price group Wholesale price". */
  why: string;
}

interface ListPrice { unitPrice: Minor; source: PriceSource; why: string }

const CALL_CENTER_SOURCES: Record<CallCenterPriceSource, PriceSource> = { catalog: 'sourceCode', channel: 'channelPriceGroup', base: 'basePrice' };

/** A trade agreement as master data takes it, or the first thing wrong with it. */
export function checkTradeAgreement(agreement: TradeAgreement): RuleViolation | null {
  const { party } = agreement;
  const partyId = party.kind === 'customer' ? party.customerAccount : party.kind === 'priceGroup' ? party.priceGroupId : undefined;
  if (typeof partyId !== 'string' || partyId.trim() === '') return violation('SM-15', 'a trade agreement is for a customer or a price group: choose one', 'party');
  if (typeof agreement.productId !== 'string' || agreement.productId.trim() === '') return violation('VALIDATION', 'a trade agreement prices a product: choose one', 'productId');
  if (!/^[A-Z]{3}$/.test(agreement.currency)) return violation('VALIDATION', 'the currency must be a three-letter code such as USD', 'currency');
  if (!Number.isSafeInteger(agreement.unitPrice) || agreement.unitPrice < 0) return violation('VALIDATION', 'the unit price cannot be negative', 'unitPrice');
  if (!Number.isFinite(agreement.fromQuantity) || agreement.fromQuantity < 1) return violation('VALIDATION', 'the quantity a price applies from must be 1 or more', 'fromQuantity');
  // Open-ended on either side: only the days given are checked.
  for (const field of ['effective', 'expiration'] as const) {
    const day = agreement[field];
    if (day !== null && !isoDateSchema.safeParse(day).success) return violation('VALIDATION', `the ${field} date must be a date (YYYY-MM-DD) or left open`, field);
  }
  if (agreement.effective !== null && agreement.expiration !== null && agreement.expiration < agreement.effective) {
    return violation('SM-15', `the trade agreement cannot expire (${agreement.expiration}) before it takes effect (${agreement.effective})`, 'expiration');
  }
  return null;
}

const validOn = (agreement: TradeAgreement, on: string) =>
  (agreement.effective === null || agreement.effective <= on) && (agreement.expiration === null || on <= agreement.expiration);

/** The best trade agreement of one party for the line: the highest quantity break it reaches, then the lower price. */
function bestTradeAgreement(candidates: readonly TradeAgreement[]): TradeAgreement | undefined {
  return [...candidates].sort((a, b) => b.fromQuantity - a.fromQuantity || a.unitPrice - b.unitPrice)[0];
}

/** SM-15: customer trade agreement, then price group trade agreement, then base price. */
function tradePrice(pricing: TradePricing, request: PriceRequest, basePrice: Minor): ListPrice {
  const applicable = pricing.tradeAgreements.filter((t) =>
    t.productId === request.productId && t.currency === pricing.currency && validOn(t, request.on) && Math.abs(request.quantity) >= t.fromQuantity);
  const forCustomer = bestTradeAgreement(applicable.filter((t) => t.party.kind === 'customer' && t.party.customerAccount === pricing.customerAccount));
  if (forCustomer !== undefined) return { unitPrice: forCustomer.unitPrice, source: 'customerTradeAgreement', why: `customer ${pricing.customerAccount} price` };
  const group = pricing.priceGroupId;
  const forGroup = group === null ? undefined : bestTradeAgreement(applicable.filter((t) => t.party.kind === 'priceGroup' && t.party.priceGroupId === group));
  if (forGroup !== undefined) return { unitPrice: forGroup.unitPrice, source: 'priceGroupTradeAgreement', why: `price group ${group} price` };
  return { unitPrice: basePrice, source: 'basePrice', why: 'base price' };
}

/** CC-5 through the call center's own resolution, its sources named as the sales lines name them. */
function callCenterPrice(pricing: CallCenterPricing, productId: string, basePrice: Minor): ListPrice {
  const resolved = resolvePrice(pricing.center, { id: productId, price: basePrice }, pricing.sourceCode);
  return { unitPrice: resolved.unitPrice, source: CALL_CENTER_SOURCES[resolved.source], why: resolved.why };
}

/**
 * SM-15: the line's unit price and discount. A linked agreement commitment with a unit price sets the price; its
 * discount percentage applies in any case (a category or any-product commitment commits an amount at the price the
 * line would have anyway, with the agreement's discount). Refused: an unknown item, a zero or unreadable quantity.
 */
export function resolveSalesPrice(pricing: SalesPricing, request: PriceRequest): ResolvedSalesPrice | RuleViolation {
  const basePrice = pricing.basePrices[request.productId];
  if (basePrice === undefined) return violation('NOT_FOUND', `there is no item ${request.productId}`, 'productId');
  if (!Number.isFinite(request.quantity) || request.quantity === 0) return violation('VALIDATION', 'the quantity must be a number other than 0', 'quantity');
  const listPrice = pricing.kind === 'trade' ? tradePrice(pricing, request, basePrice) : callCenterPrice(pricing, request.productId, basePrice);
  if (request.agreement === null) return { ...listPrice, discount: 0 };
  const { agreementId, commitment } = request.agreement;
  const agreed = commitment.unitPrice;
  const unitPrice = agreed ?? listPrice.unitPrice;
  const discount = percentOf(unitPrice * request.quantity, commitment.discountPct);
  if (agreed !== null) return { unitPrice, discount, source: 'agreement', why: `agreement ${agreementId} price` };
  return { unitPrice, discount, source: listPrice.source, why: `${listPrice.why}, agreement ${agreementId} discount` };
}
