/**
 * Call-center prices: which price an item sells at (CC-4, CC-5) and who may change it (CC-20).
 */
import { formatMoney, percentOf, type BasisPoints, type Minor } from '../money.ts';
import { isViolation, violation, type RuleViolation } from '../violation.ts';
import type { AppliedSourceCode } from './catalog.ts';
import type { CallCenterConfig, PriceControlGroup } from './config.ts';

/** Where an item's price came from, so the screen can say why it is that price. */
export type PriceSource = 'catalog' | 'channel' | 'base';

export interface ResolvedPrice {
  productId: string;
  unitPrice: Minor;
  source: PriceSource;
  /** The price group that priced it (catalog or channel); null for the base price. */
  priceGroupId: string | null;
  /** In words, for the agent: "catalog Summer Camping price". */
  why: string;
}

function priceIn(center: CallCenterConfig, groupId: string, productId: string): Minor | undefined {
  return center.priceGroups.find((g) => g.id === groupId)?.prices.find((p) => p.productId === productId)?.price;
}

/**
 * CC-5 price resolution: an item of the source code's catalog takes its price from the catalog's price groups (the
 * first that prices it); an item outside the catalog, or with no catalog, takes the channel's price group price,
 * else the item's base price.
 */
export function resolvePrice(center: CallCenterConfig, product: { id: string; price: Minor }, sourceCode: AppliedSourceCode | null): ResolvedPrice {
  if (sourceCode !== null && sourceCode.productIds.includes(product.id)) {
    for (const groupId of sourceCode.priceGroupIds) {
      const price = priceIn(center, groupId, product.id);
      if (price !== undefined) return { productId: product.id, unitPrice: price, source: 'catalog', priceGroupId: groupId, why: `catalog ${sourceCode.catalogName} price` };
    }
  }
  const outside = sourceCode === null ? '' : ` (not in catalog ${sourceCode.catalogName})`;
  const channelGroup = center.priceGroupId;
  const channelPrice = channelGroup === undefined ? undefined : priceIn(center, channelGroup, product.id);
  if (channelGroup !== undefined && channelPrice !== undefined) {
    return { productId: product.id, unitPrice: channelPrice, source: 'channel', priceGroupId: channelGroup, why: `${center.name} price${outside}` };
  }
  return { productId: product.id, unitPrice: product.price, source: 'base', priceGroupId: null, why: `base price${outside}` };
}

/** CC-20: a request to change a line's unit price, waiting for an authorised user. */
export interface PriceChangeRequest {
  requestId: string;
  orderId: string;
  lineId: string;
  productId: string;
  requestedBy: string;
  requestedAt: number;
  /** The price the system gave the line. */
  systemPrice: Minor;
  requestedPrice: Minor;
  reason: string;
  status: 'pending' | 'approved' | 'rejected';
  decidedBy: string | null;
  decidedAt: number | null;
  /** Why it was rejected, in the approver's words. */
  rejection: string | null;
}

/** CC-20: what became of a unit price change. */
export type PriceChangeDecision =
  /** The new price goes on the line. */
  | { outcome: 'applied'; unitPrice: Minor }
  /** Beyond the user's tolerance: the price stays. */
  | { outcome: 'refused'; violation: RuleViolation }
  /** The user is not authorised: the price stays until the request is approved. */
  | { outcome: 'request-filed'; request: PriceChangeRequest };

export interface PriceChange {
  operatorId: string;
  orderId: string;
  lineId: string;
  productId: string;
  systemPrice: Minor;
  requestedPrice: Minor;
  /** The id the request gets if one is filed. */
  requestId: string;
  reason: string;
  at: number;
}

/** CC-20: the user group whose members may change prices, if the user is in one (at most one: config validation). */
export function priceControlGroupOf(center: CallCenterConfig, operatorId: string): PriceControlGroup | undefined {
  return center.priceControlGroups.find((g) => g.operatorIds.includes(operatorId));
}

/** CC-20: a price within +/- the group's tolerance of the system price, or why not. */
function checkTolerance(group: PriceControlGroup, systemPrice: Minor, price: Minor, currency: string, who: string): RuleViolation | null {
  const allowance = percentOf(systemPrice, group.tolerancePct);
  if (Math.abs(price - systemPrice) <= allowance) return null;
  const low = systemPrice - allowance;
  const high = systemPrice + allowance;
  return violation('CC-20', `${who} may set this price between ${formatMoney(Math.max(0, low), currency)} and ${formatMoney(high, currency)} (${percentWords(group.tolerancePct)} either side of ${formatMoney(systemPrice, currency)}), not ${formatMoney(price, currency)}`, 'unitPrice', { systemPrice, requestedPrice: price, low: Math.max(0, low), high });
}

const percentWords = (bp: BasisPoints) => `${bp / 100}%`;

/**
 * CC-20 decision on a unit price change. Price control off: the change applies (the chain's own price-override
 * permission, ST-5, is the host's to check). On: a user of a price-control group changes it within the group's
 * tolerance of the system price, and is refused beyond it; anyone else files a price change request and the line
 * keeps its price until the request is approved.
 */
export function decidePriceChange(center: CallCenterConfig, change: PriceChange, currency: string): PriceChangeDecision {
  if (!center.priceControl) return { outcome: 'applied', unitPrice: change.requestedPrice };
  const group = priceControlGroupOf(center, change.operatorId);
  if (group === undefined) {
    return {
      outcome: 'request-filed',
      request: {
        requestId: change.requestId, orderId: change.orderId, lineId: change.lineId, productId: change.productId, requestedBy: change.operatorId,
        requestedAt: change.at, systemPrice: change.systemPrice, requestedPrice: change.requestedPrice, reason: change.reason,
        status: 'pending', decidedBy: null, decidedAt: null, rejection: null,
      },
    };
  }
  const beyond = checkTolerance(group, change.systemPrice, change.requestedPrice, currency, 'You');
  return beyond === null ? { outcome: 'applied', unitPrice: change.requestedPrice } : { outcome: 'refused', violation: beyond };
}

/**
 * CC-20: who may decide a request: a member of a group that approves requests, not the one who asked, while the
 * request is pending.
 */
function checkDecider(center: CallCenterConfig, request: PriceChangeRequest, operatorId: string): PriceControlGroup | RuleViolation {
  if (request.status !== 'pending') return violation('CC-20', `the price change request ${request.requestId} was already ${request.status}`, 'requestId');
  const group = priceControlGroupOf(center, operatorId);
  if (group === undefined || !group.approvesRequests) {
    const approvers = center.priceControlGroups.filter((g) => g.approvesRequests).map((g) => g.name.toLowerCase());
    return violation('CC-20', `You may not decide price change requests${approvers.length === 0 ? '' : `: ask a member of ${approvers.join(' or ')}`}`, 'operatorId');
  }
  if (operatorId === request.requestedBy) return violation('CC-20', 'You may not decide your own price change request', 'operatorId');
  return group;
}

/**
 * CC-20: approve a request; the line then takes the requested price. The approver's own tolerance bounds what they
 * approve (decision: approving is changing the price, so the same limit holds).
 */
export function approvePriceChangeRequest(center: CallCenterConfig, request: PriceChangeRequest, approverId: string, at: number, currency: string): PriceChangeRequest | RuleViolation {
  const group = checkDecider(center, request, approverId);
  if (isViolation(group)) return group;
  const beyond = checkTolerance(group, request.systemPrice, request.requestedPrice, currency, 'You');
  if (beyond !== null) return beyond;
  return { ...request, status: 'approved', decidedBy: approverId, decidedAt: at };
}

/** CC-20: reject a request, saying why; the line keeps its price. */
export function rejectPriceChangeRequest(center: CallCenterConfig, request: PriceChangeRequest, approverId: string, at: number, rejection: string): PriceChangeRequest | RuleViolation {
  const group = checkDecider(center, request, approverId);
  if (isViolation(group)) return group;
  if (rejection.trim() === '') return violation('CC-20', 'say why the price change is rejected', 'rejection');
  return { ...request, status: 'rejected', decidedBy: approverId, decidedAt: at, rejection: rejection.trim() };
}
