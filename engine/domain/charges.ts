/**
 * Charges (CH-1..CH-5): advanced auto charges (header, line and prorated header charges), manual charges and
 * overrides. Pure functions over immutable inputs; money is integer minor units, rates are basis points.
 *
 * - CH-1 `useAdvancedAutoCharges` off: no auto charges; shipping is entered by hand (`addManualCharge`).
 * - CH-2 matching by account / mode of delivery / item / channel; the most specific auto charge of a level wins;
 *   it applies every tier in the chain currency whose range (From inclusive, To exclusive) contains the value.
 * - CH-3 header charges only when every line shares one mode (POS), or on the header mode (call center).
 * - CH-4 manual charges and overrides survive cart changes; Recalculate resets overrides.
 * - CH-5 proration: header charges per mode group, split over the group's lines by line value.
 */
import type { AutoCharge, ChainConfig, ChargeTier, Customer, ModeOfDelivery, Product } from './config.ts';
import type { Minor } from './money.ts';
import { percentOf, splitByWeights, sumMinor } from './money.ts';

export interface ChargeableLine {
  lineId: string;
  productId: string;
  modeCode: string;
  /** net line amount excl. tax, minor units */
  value: Minor;
}

export interface AppliedCharge {
  /**
   * stable identity: header: `H:<chargeCode>:<autoChargeId|manual>`; line: `L:<lineId>:<chargeCode>:<autoChargeId|manual>`;
   * prorated header charge: `P:<lineId>:<chargeCode>:<autoChargeId>`
   */
  key: string;
  level: 'header' | 'line';
  /** line level only */
  lineId?: string;
  chargeCode: string;
  amount: Minor;
  source: 'auto' | 'manual';
  autoChargeId?: string;
  /** CH-4: an auto charge whose amount a user changed */
  overridden: boolean;
  reasonCode?: string;
}

export interface ChargeInput {
  config: ChainConfig;
  storeId: string;
  customer: Customer;
  lines: readonly ChargeableLine[];
  /**
   * CH-3 call center: header charges follow the order header's mode of delivery (matched with this mode, tiered
   * on the order value) whatever the lines' modes. Absent (POS) = header charges only when all lines share one mode.
   * Ignored when header charges are prorated (CH-5 groups by the lines' own modes).
   */
  headerModeCode?: string;
}

export interface ManualChargeInput {
  level: 'header' | 'line';
  lineId?: string;
  chargeCode: string;
  amount: Minor;
  reasonCode?: string;
}

type RelationCode = 'table' | 'group' | 'all';

const RELATION_RANK: Record<RelationCode, number> = { table: 0, group: 1, all: 2 };

function relationMatches(
  relation: { code: RelationCode; relation?: string | undefined },
  tableValue: string,
  groupValue: string | undefined,
): boolean {
  switch (relation.code) {
    case 'table':
      return relation.relation === tableValue;
    case 'group':
      return groupValue !== undefined && relation.relation === groupValue;
    case 'all':
      return true;
  }
}

function channelMatches(autoCharge: AutoCharge, storeId: string): boolean {
  return autoCharge.channel === undefined || autoCharge.channel === storeId;
}

function tiersInCurrency(autoCharge: AutoCharge, currency: string): ChargeTier[] {
  return autoCharge.tiers.filter((t) => t.currency === currency);
}

function tierContains(tier: ChargeTier, value: Minor): boolean {
  return value >= tier.from && (tier.to === null || value < tier.to);
}

function tierAmount(tier: ChargeTier, value: Minor): Minor {
  return tier.category === 'fixed' ? tier.value : percentOf(value, tier.value);
}

/** Lexicographic comparison of specificity vectors (lower = more specific). */
function compareRanks(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/**
 * CH-2: the single most specific candidate. Ties on the relation ranks prefer a channel-specific auto charge over an
 * every-channel one, then the first in configuration order.
 */
function mostSpecific(
  candidates: readonly { autoCharge: AutoCharge; index: number }[],
  rank: (ac: AutoCharge) => number[],
): AutoCharge | undefined {
  let best: { autoCharge: AutoCharge; index: number; rank: number[] } | undefined;
  for (const c of candidates) {
    const r = [...rank(c.autoCharge), c.autoCharge.channel === undefined ? 1 : 0, c.index];
    if (best === undefined || compareRanks(r, best.rank) < 0) best = { ...c, rank: r };
  }
  return best?.autoCharge;
}

interface MatchContext {
  config: ChainConfig;
  storeId: string;
  customer: Customer;
  modes: ReadonlyMap<string, ModeOfDelivery>;
  products: ReadonlyMap<string, Product>;
}

function eligible(ctx: MatchContext, level: 'header' | 'line'): { autoCharge: AutoCharge; index: number }[] {
  const { config, storeId, customer } = ctx;
  return config.autoCharges
    .map((autoCharge, index) => ({ autoCharge, index }))
    .filter(
      ({ autoCharge }) =>
        autoCharge.level === level &&
        channelMatches(autoCharge, storeId) &&
        relationMatches(autoCharge.account, customer.accountId, customer.chargeGroup) &&
        // An auto charge with no tier in the chain currency is not set up for it and never competes.
        tiersInCurrency(autoCharge, config.currency).length > 0,
    );
}

/** CH-2 header: account table > group > all, then delivery table > group > all. Item relations are ignored. */
function findHeaderAutoCharge(ctx: MatchContext, modeCode: string): AutoCharge | undefined {
  const mode = ctx.modes.get(modeCode);
  const candidates = eligible(ctx, 'header').filter(({ autoCharge }) =>
    relationMatches(autoCharge.delivery, modeCode, mode?.chargeGroup),
  );
  return mostSpecific(candidates, (ac) => [RELATION_RANK[ac.account.code], RELATION_RANK[ac.delivery.code]]);
}

/** CH-2 line: account, then item, then delivery; each table > group > all. */
function findLineAutoCharge(ctx: MatchContext, line: ChargeableLine): AutoCharge | undefined {
  const mode = ctx.modes.get(line.modeCode);
  const product = ctx.products.get(line.productId);
  const candidates = eligible(ctx, 'line').filter(
    ({ autoCharge }) =>
      relationMatches(autoCharge.delivery, line.modeCode, mode?.chargeGroup) &&
      relationMatches(autoCharge.item, line.productId, product?.chargeGroup),
  );
  return mostSpecific(candidates, (ac) => [
    RELATION_RANK[ac.account.code],
    RELATION_RANK[ac.item.code],
    RELATION_RANK[ac.delivery.code],
  ]);
}

/**
 * CH-2: amounts per charge code of every tier in the chain currency whose range contains `value`. Tiers of the same
 * charge code that both contain the value add up (one charge per code). Zero amounts are left out.
 */
function tierAmounts(autoCharge: AutoCharge, currency: string, value: Minor): { chargeCode: string; amount: Minor }[] {
  const byCode = new Map<string, Minor>();
  for (const tier of tiersInCurrency(autoCharge, currency)) {
    if (!tierContains(tier, value)) continue;
    byCode.set(tier.chargeCode, (byCode.get(tier.chargeCode) ?? 0) + tierAmount(tier, value));
  }
  return [...byCode].filter(([, amount]) => amount !== 0).map(([chargeCode, amount]) => ({ chargeCode, amount }));
}

function headerKey(chargeCode: string, autoChargeId: string | undefined): string {
  return `H:${chargeCode}:${autoChargeId ?? 'manual'}`;
}
function lineKey(lineId: string, chargeCode: string, autoChargeId: string | undefined): string {
  return `L:${lineId}:${chargeCode}:${autoChargeId ?? 'manual'}`;
}
function proratedKey(lineId: string, chargeCode: string, autoChargeId: string): string {
  return `P:${lineId}:${chargeCode}:${autoChargeId}`;
}

/** CH-1..CH-3, CH-5: the auto charges of an order, in deterministic order. */
export function computeAutoCharges(input: ChargeInput): AppliedCharge[] {
  const { config, storeId, customer, lines } = input;
  const { parameters } = config;
  if (!parameters.useAdvancedAutoCharges) return []; // CH-1
  if (lines.length === 0) return [];
  const lineIds = new Set<string>();
  for (const line of lines) {
    if (lineIds.has(line.lineId)) throw new RangeError(`duplicate lineId ${line.lineId}`);
    lineIds.add(line.lineId);
  }

  const ctx: MatchContext = {
    config,
    storeId,
    customer,
    modes: new Map(config.modesOfDelivery.map((m) => [m.code, m])),
    products: new Map(config.products.map((p) => [p.id, p])),
  };
  const charges: AppliedCharge[] = [];

  if (parameters.prorateHeaderCharges) {
    // CH-5: one header charge per mode group, tiered on the group value, split by line value.
    const groups = new Map<string, ChargeableLine[]>();
    for (const line of lines) {
      const group = groups.get(line.modeCode);
      if (group) group.push(line);
      else groups.set(line.modeCode, [line]);
    }
    for (const [modeCode, groupLines] of groups) {
      const autoCharge = findHeaderAutoCharge(ctx, modeCode);
      if (!autoCharge) continue;
      const groupValue = sumMinor(groupLines.map((l) => l.value));
      for (const { chargeCode, amount } of tierAmounts(autoCharge, config.currency, groupValue)) {
        const shares = splitByWeights(
          amount,
          groupLines.map((l) => l.value),
        );
        groupLines.forEach((line, i) => {
          const share = shares[i] ?? 0;
          if (share === 0) return;
          charges.push({
            key: proratedKey(line.lineId, chargeCode, autoCharge.id),
            level: 'line',
            lineId: line.lineId,
            chargeCode,
            amount: share,
            source: 'auto',
            autoChargeId: autoCharge.id,
            overridden: false,
          });
        });
      }
    }
  } else {
    // CH-3: POS = only when all lines share one mode; call center = the header's mode.
    const firstMode = lines[0]?.modeCode;
    const headerMode =
      input.headerModeCode ?? (firstMode !== undefined && lines.every((l) => l.modeCode === firstMode) ? firstMode : undefined);
    if (headerMode !== undefined) {
      const autoCharge = findHeaderAutoCharge(ctx, headerMode);
      if (autoCharge) {
        const orderValue = sumMinor(lines.map((l) => l.value));
        for (const { chargeCode, amount } of tierAmounts(autoCharge, config.currency, orderValue)) {
          charges.push({
            key: headerKey(chargeCode, autoCharge.id),
            level: 'header',
            chargeCode,
            amount,
            source: 'auto',
            autoChargeId: autoCharge.id,
            overridden: false,
          });
        }
      }
    }
  }

  // Line-level auto charges always apply per line.
  for (const line of lines) {
    const autoCharge = findLineAutoCharge(ctx, line);
    if (!autoCharge) continue;
    for (const { chargeCode, amount } of tierAmounts(autoCharge, config.currency, line.value)) {
      charges.push({
        key: lineKey(line.lineId, chargeCode, autoCharge.id),
        level: 'line',
        lineId: line.lineId,
        chargeCode,
        amount,
        source: 'auto',
        autoChargeId: autoCharge.id,
        overridden: false,
      });
    }
  }

  return sortCharges(
    charges,
    lines.map((l) => l.lineId),
  );
}

/**
 * Deterministic order: header charges first, then line charges by line order (`lineOrder`, then first appearance
 * in `charges`), then by charge code, then by key.
 */
function sortCharges(charges: readonly AppliedCharge[], lineOrder: Iterable<string> = []): AppliedCharge[] {
  const rank = new Map<string, number>();
  for (const id of lineOrder) if (!rank.has(id)) rank.set(id, rank.size);
  for (const c of charges) if (c.lineId !== undefined && !rank.has(c.lineId)) rank.set(c.lineId, rank.size);
  const lineRank = (c: AppliedCharge): number => (c.level === 'header' ? -1 : (rank.get(c.lineId ?? '') ?? rank.size));
  const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  return [...charges].sort(
    (a, b) => lineRank(a) - lineRank(b) || cmp(a.chargeCode, b.chargeCode) || cmp(a.key, b.key),
  );
}

/** The charge "slot" an override pins: same level kind (H/L/P), same line, same charge code. */
function slotOf(c: AppliedCharge): string {
  return `${c.key.charAt(0)}\u0000${c.lineId ?? ''}\u0000${c.chargeCode}`;
}

function lineStillExists(c: AppliedCharge, lineIds: ReadonlySet<string>): boolean {
  return c.level === 'header' || (c.lineId !== undefined && lineIds.has(c.lineId));
}

/** Without an explicit set, the existing lines are the ones `fresh` was computed from (those that carry a charge). */
function resolveLineIds(fresh: readonly AppliedCharge[], lineIds?: ReadonlySet<string>): ReadonlySet<string> {
  if (lineIds) return lineIds;
  const ids = new Set<string>();
  for (const c of fresh) if (c.lineId !== undefined) ids.add(c.lineId);
  return ids;
}

/**
 * CH-4: after any cart change. Keeps manual charges and overridden charges of lines that still exist, and takes the
 * fresh auto charges for everything else. A fresh auto charge in a slot (level, line, charge code) held by an
 * overridden charge is suppressed, so an override is never charged twice. Pass `lineIds` (the cart's current line
 * ids, in line order): without it only lines that carry a fresh charge count as existing.
 */
export function applyChargeChanges(
  existing: readonly AppliedCharge[],
  fresh: readonly AppliedCharge[],
  lineIds?: ReadonlySet<string>,
): AppliedCharge[] {
  const live = resolveLineIds(fresh, lineIds);
  const kept = existing.filter((c) => (c.source === 'manual' || c.overridden) && lineStillExists(c, live));
  const pinnedSlots = new Set(kept.filter((c) => c.overridden).map(slotOf));
  const keptKeys = new Set(kept.map((c) => c.key));
  const freshAuto = fresh.filter(
    (c) => c.source === 'auto' && !keptKeys.has(c.key) && !pinnedSlots.has(slotOf(c)) && lineStillExists(c, live),
  );
  return sortCharges([...kept, ...freshAuto], lineIds ?? fresh.map((c) => c.lineId ?? '').filter((id) => id !== ''));
}

/**
 * CH-4 Recalculate: resets overrides; manual charges of still-existing lines + the fresh auto charges. The charges
 * of `invoicedLineIds` stay exactly as they are (CO-10: they were invoiced at those amounts).
 */
export function recalculateCharges(
  existing: readonly AppliedCharge[],
  fresh: readonly AppliedCharge[],
  lineIds?: ReadonlySet<string>,
  invoicedLineIds: ReadonlySet<string> = new Set(),
): AppliedCharge[] {
  const live = resolveLineIds(fresh, lineIds);
  const isInvoiced = (c: AppliedCharge) => c.lineId !== undefined && invoicedLineIds.has(c.lineId);
  const kept = existing.filter((c) => (c.source === 'manual' || isInvoiced(c)) && lineStillExists(c, live));
  const freshAuto = fresh.filter((c) => c.source === 'auto' && !isInvoiced(c) && lineStillExists(c, live));
  return sortCharges([...kept, ...freshAuto], lineIds ?? fresh.map((c) => c.lineId ?? '').filter((id) => id !== ''));
}

function assertAmount(amount: Minor): void {
  if (!Number.isSafeInteger(amount)) throw new RangeError(`charge amount must be an integer of minor units: ${amount}`);
  if (amount < 0) throw new RangeError(`charge amount must not be negative: ${amount}`);
}

/**
 * CH-4: sets a charge's amount and reason code. An auto charge becomes `overridden` (kept until Recalculate); a
 * manual charge simply takes the new amount. Throws RangeError for an unknown key or a negative amount.
 */
export function overrideCharge(
  existing: readonly AppliedCharge[],
  key: string,
  amount: Minor,
  reasonCode: string,
): AppliedCharge[] {
  assertAmount(amount);
  if (!existing.some((c) => c.key === key)) throw new RangeError(`unknown charge ${key}`);
  return sortCharges(
    existing.map((c) => (c.key === key ? { ...c, amount, reasonCode, overridden: c.source === 'auto' } : c)),
  );
}

/**
 * CH-1/CH-4: adds a manual charge (e.g. the shipping charge under `parameters.shippingChargeCode`, level header).
 * One manual charge per level/line and charge code: adding the same code again replaces its amount and reason.
 */
export function addManualCharge(existing: readonly AppliedCharge[], charge: ManualChargeInput): AppliedCharge[] {
  assertAmount(charge.amount);
  if (charge.chargeCode === '') throw new RangeError('chargeCode is required');
  let added: AppliedCharge;
  if (charge.level === 'header') {
    if (charge.lineId !== undefined) throw new RangeError('a header charge has no lineId');
    added = {
      key: headerKey(charge.chargeCode, undefined),
      level: 'header',
      chargeCode: charge.chargeCode,
      amount: charge.amount,
      source: 'manual',
      overridden: false,
    };
  } else {
    if (charge.lineId === undefined || charge.lineId === '') throw new RangeError('a line charge needs a lineId');
    added = {
      key: lineKey(charge.lineId, charge.chargeCode, undefined),
      level: 'line',
      lineId: charge.lineId,
      chargeCode: charge.chargeCode,
      amount: charge.amount,
      source: 'manual',
      overridden: false,
    };
  }
  if (charge.reasonCode !== undefined) added.reasonCode = charge.reasonCode;
  return sortCharges([...existing.filter((c) => c.key !== added.key), added]);
}

/** The line's own charges plus its prorated share of header charges. */
export function chargesForLine(charges: readonly AppliedCharge[], lineId: string): AppliedCharge[] {
  return charges.filter((c) => c.level === 'line' && c.lineId === lineId);
}

export function headerCharges(charges: readonly AppliedCharge[]): AppliedCharge[] {
  return charges.filter((c) => c.level === 'header');
}
