/**
 * Sales agreements (SM-7, SM-8, SM-9): a customer's commitment to buy a product quantity, a product amount, a
 * category amount or an amount of any product between two days, and the order lines released against it.
 *
 * - SM-7: the lifecycle (On hold -> Effective -> Closed) is the sales-agreement machine's; these rules read its status.
 * - SM-8: a line links to a commitment only while the agreement is Effective and the line's requested ship date lies
 *   in its dates; the agreement's price and discount then replace the trade agreements' (prices.ts). A ship date
 *   moved outside, or a fixed price or discount changed, unlinks the line.
 * - SM-9: what is ordered, delivered and invoiced against each commitment is summed from the linked lines (never
 *   stored); with Max enforced a line that would take it past the commitment is refused. A returned order's lines,
 *   linked to the original order's commitment, count negative, so a return reduces the fulfilment.
 *
 * Every function takes records and returns new ones (or a RuleViolation naming the field); nothing is mutated.
 */
import { formatMoney, proportionOf, type BasisPoints, type Minor } from '../money.ts';
import { isCalendarDay } from './days.ts';
import { isViolation, violation, type RuleViolation } from '../violation.ts';
import { resolveSalesPrice, type SalesPricing } from './prices.ts';
import type { SalesLine, SalesOrderHeader, SalesOrderRecord } from './types.ts';

/** SM-7: On hold (default) -> Effective -> Closed. */
export type AgreementStatus = 'onHold' | 'effective' | 'closed';

export const commitmentKinds = ['productQuantity', 'productAmount', 'categoryAmount', 'anyProductAmount'] as const;
export type CommitmentKind = (typeof commitmentKinds)[number];

export interface AgreementCommitment {
  commitmentId: string;
  kind: CommitmentKind;
  /** The product of a product quantity or product amount commitment (null for the others). */
  productId: string | null;
  /** The product category of a category amount commitment (null for the others). */
  categoryId: string | null;
  /** Units for a product quantity commitment, else an amount in minor units. */
  committed: number;
  /** The agreed unit price of a product commitment; null: the line keeps the price it would have without it. */
  unitPrice: Minor | null;
  discountPct: BasisPoints;
  /** SM-9: no line may take the commitment past what is committed. */
  maxEnforced: boolean;
  /** SM-8: a line whose price or discount is changed leaves the agreement. */
  priceFixed: boolean;
}

export interface SalesAgreement {
  agreementId: string;
  customerAccount: string;
  currency: string;
  /** First and last day the agreement covers, both inclusive. */
  effective: string;
  expiration: string;
  commitments: AgreementCommitment[];
}

/** The agreement as the rules read it: its record and the machine's status. */
export interface AgreementState { agreement: SalesAgreement; status: AgreementStatus }

/** The product -> category table a category amount commitment is matched by. */
export type ProductCategories = Readonly<Record<string, string>>;

const isProductKind = (kind: CommitmentKind) => kind === 'productQuantity' || kind === 'productAmount';
const isText = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';

/** SM-7: an agreement runs from its effective day to its expiration day. */
export function checkAgreementDates(effective: unknown, expiration: unknown): RuleViolation | null {
  if (!isCalendarDay(effective)) return violation('VALIDATION', 'the effective date must be a date (YYYY-MM-DD)', 'effective');
  if (!isCalendarDay(expiration)) return violation('VALIDATION', 'the expiration date must be a date (YYYY-MM-DD)', 'expiration');
  if (expiration < effective) return violation('SM-7', `the agreement cannot expire (${expiration}) before it takes effect (${effective})`, 'expiration');
  return null;
}

/** SM-7: a commitment line says what is committed, and only what its kind uses. */
export function checkCommitment(commitment: AgreementCommitment): RuleViolation | null {
  const { kind } = commitment;
  if (!isText(commitment.commitmentId)) return violation('VALIDATION', 'a commitment line needs an id', 'commitmentId');
  if (!commitmentKinds.includes(kind)) return violation('VALIDATION', 'a commitment is a product quantity, product amount, category amount or any-product amount', 'kind');
  if (isProductKind(kind) !== isText(commitment.productId)) {
    return violation('SM-7', isProductKind(kind) ? 'a product commitment needs its product' : 'only a product commitment names a product', 'productId');
  }
  if ((kind === 'categoryAmount') !== isText(commitment.categoryId)) {
    return violation('SM-7', kind === 'categoryAmount' ? 'a category commitment needs its category' : 'only a category commitment names a category', 'categoryId');
  }
  const wholeUnits = kind === 'productQuantity';
  if (!Number.isSafeInteger(commitment.committed) || commitment.committed <= 0) {
    return violation('VALIDATION', `the committed ${wholeUnits ? 'quantity' : 'amount'} must be more than 0`, 'committed');
  }
  if (commitment.unitPrice !== null && !isProductKind(kind)) return violation('SM-7', 'only a product commitment agrees a unit price', 'unitPrice');
  if (commitment.unitPrice !== null && (!Number.isSafeInteger(commitment.unitPrice) || commitment.unitPrice < 0)) {
    return violation('VALIDATION', 'the agreed unit price cannot be negative', 'unitPrice');
  }
  if (!Number.isSafeInteger(commitment.discountPct) || commitment.discountPct < 0 || commitment.discountPct > 10_000) {
    return violation('VALIDATION', 'the discount must be between 0% and 100%', 'discountPct');
  }
  return null;
}

/** SM-7: a new agreement's header and commitment lines, or the first thing wrong with them. */
export function checkAgreement(agreement: SalesAgreement): RuleViolation | null {
  if (!isText(agreement.agreementId)) return violation('VALIDATION', 'the agreement needs a number', 'agreementId');
  if (!isText(agreement.customerAccount)) return violation('SM-7', 'a sales agreement is made with a customer: choose one', 'customerAccount');
  if (!/^[A-Z]{3}$/.test(agreement.currency)) return violation('VALIDATION', 'the currency must be a three-letter code such as USD', 'currency');
  const dates = checkAgreementDates(agreement.effective, agreement.expiration);
  if (dates !== null) return dates;
  const seen = new Set<string>();
  for (const [i, commitment] of agreement.commitments.entries()) {
    const wrong = checkCommitment(commitment);
    if (wrong !== null) return { ...wrong, field: `commitments.${i}.${wrong.field}` };
    if (seen.has(commitment.commitmentId)) return violation('VALIDATION', `commitment line ${commitment.commitmentId} is given twice`, `commitments.${i}.commitmentId`);
    seen.add(commitment.commitmentId);
  }
  return null;
}

/** SM-7: a commitment line added, or replaced by its id (the machine allows it only On hold). */
export function setCommitment(agreement: SalesAgreement, commitment: AgreementCommitment): SalesAgreement {
  const at = agreement.commitments.findIndex((c) => c.commitmentId === commitment.commitmentId);
  const commitments = at < 0 ? [...agreement.commitments, commitment] : agreement.commitments.map((c, i) => (i === at ? commitment : c));
  return { ...agreement, commitments };
}

export function removeCommitment(agreement: SalesAgreement, commitmentId: string): SalesAgreement {
  return { ...agreement, commitments: agreement.commitments.filter((c) => c.commitmentId !== commitmentId) };
}

function commitmentOf(agreement: SalesAgreement, commitmentId: string): AgreementCommitment | RuleViolation {
  return agreement.commitments.find((c) => c.commitmentId === commitmentId)
    ?? violation('NOT_FOUND', `agreement ${agreement.agreementId} has no commitment line ${commitmentId}`, 'commitmentId');
}

/** Which products a commitment covers. */
function covers(commitment: AgreementCommitment, productId: string, categories: ProductCategories): boolean {
  if (commitment.kind === 'anyProductAmount') return true;
  if (commitment.kind === 'categoryAmount') return categories[productId] === commitment.categoryId;
  return commitment.productId === productId;
}

const withinDates = (agreement: SalesAgreement, day: string) => agreement.effective <= day && day <= agreement.expiration;

/** SM-8: whether `line` of the order may be released against the commitment, or why not. */
export function checkLink(state: AgreementState, header: SalesOrderHeader, line: SalesLine, commitmentId: string, categories: ProductCategories): RuleViolation | null {
  const { agreement, status } = state;
  const name = `agreement ${agreement.agreementId}`;
  if (status !== 'effective') return violation('SM-8', `${name} is ${status === 'onHold' ? 'on hold' : 'closed'}: only an effective agreement takes orders`, 'agreementId');
  if (header.customerAccount !== agreement.customerAccount) {
    return violation('SM-8', `${name} is with customer ${agreement.customerAccount}, not ${header.customerAccount}`, 'customerAccount');
  }
  if (header.currency !== agreement.currency) return violation('SM-8', `${name} is in ${agreement.currency}, the order in ${header.currency}`, 'currency');
  const commitment = commitmentOf(agreement, commitmentId);
  if (isViolation(commitment)) return commitment;
  if (!covers(commitment, line.productId, categories)) {
    const what = commitment.kind === 'categoryAmount' ? `category ${commitment.categoryId}` : `product ${commitment.productId}`;
    return violation('SM-8', `commitment line ${commitmentId} of ${name} is for ${what}, not for item ${line.productId}`, 'productId');
  }
  if (line.quantity <= 0) return violation('SM-8', 'only a line with a quantity to ship is released against an agreement (a return takes its original line\'s link)', 'quantity');
  if (!withinDates(agreement, line.requestedShipDate)) {
    return violation('SM-8', `${name} runs from ${agreement.effective} to ${agreement.expiration}: a line shipping on ${line.requestedShipDate} cannot use it`, 'requestedShipDate');
  }
  return null;
}

/** SM-8 at order entry: the commitment lines of the agreement the line may be linked to (none unless Effective). */
export function linkableCommitments(state: AgreementState, header: SalesOrderHeader, line: SalesLine, categories: ProductCategories): AgreementCommitment[] {
  return state.agreement.commitments.filter((c) => checkLink(state, header, line, c.commitmentId, categories) === null);
}

/** SM-9: how a line counts against a commitment: its units, or its net amount, for a part of its quantity. */
function measured(commitment: AgreementCommitment, line: SalesLine, part: number): number {
  if (commitment.kind === 'productQuantity') return part;
  const net = line.unitPrice * line.quantity - line.discount;
  // A returned line's quantity is negative: net x part / quantity with a positive divisor.
  return line.quantity < 0 ? proportionOf(-net, part, -line.quantity) : proportionOf(net, part, line.quantity);
}

/** SM-9: per commitment line, what the linked lines ordered (less cancelled), delivered and invoiced, and what remains. */
export interface CommitmentFulfilment {
  commitmentId: string;
  measure: 'quantity' | 'amount';
  committed: number;
  ordered: number;
  delivered: number;
  invoiced: number;
  /** committed - ordered; below 0 only when Max is not enforced. */
  remaining: number;
}

function fulfilmentOf(agreement: SalesAgreement, commitment: AgreementCommitment, lines: readonly SalesLine[]): CommitmentFulfilment {
  const linked = lines.filter((l) => l.agreement?.agreementId === agreement.agreementId && l.agreement.commitmentId === commitment.commitmentId);
  const sum = (part: (line: SalesLine) => number) => linked.reduce((total, line) => total + measured(commitment, line, part(line)), 0);
  const ordered = sum((l) => l.quantity - l.cancelled);
  return {
    commitmentId: commitment.commitmentId,
    measure: commitment.kind === 'productQuantity' ? 'quantity' : 'amount',
    committed: commitment.committed,
    ordered,
    delivered: sum((l) => l.delivered),
    invoiced: sum((l) => l.invoiced),
    remaining: commitment.committed - ordered,
  };
}

/** SM-9: the fulfilment of every commitment line, from the lines linked to the agreement (returns included). */
export function agreementFulfilment(agreement: SalesAgreement, linkedLines: readonly SalesLine[]): CommitmentFulfilment[] {
  return agreement.commitments.map((c) => fulfilmentOf(agreement, c, linkedLines));
}

/**
 * SM-9 Max enforced: `line` (linked, as it would be) does not take its commitment past what is committed, counting
 * `otherLinkedLines` (every other line linked to the agreement).
 */
export function checkCommitmentRoom(agreement: SalesAgreement, line: SalesLine, otherLinkedLines: readonly SalesLine[]): RuleViolation | null {
  if (line.agreement === null || line.agreement.agreementId !== agreement.agreementId) return null;
  const commitment = commitmentOf(agreement, line.agreement.commitmentId);
  if (isViolation(commitment)) return commitment;
  if (!commitment.maxEnforced) return null;
  const before = fulfilmentOf(agreement, commitment, otherLinkedLines);
  const after = fulfilmentOf(agreement, commitment, [...otherLinkedLines, line]);
  if (after.ordered <= commitment.committed) return null;
  const words = (n: number) => (before.measure === 'quantity' ? `${n} ${n === 1 ? 'unit' : 'units'}` : formatMoney(n, agreement.currency));
  const room = Math.max(0, before.remaining);
  return violation('SM-9', `commitment line ${commitment.commitmentId} of agreement ${agreement.agreementId} allows at most ${words(commitment.committed)}, `
    + `${words(room)} left: this line would take it ${words(after.ordered - commitment.committed)} over`, 'quantity', before.measure === 'amount' ? { committed: commitment.committed, remaining: room } : undefined);
}

/** What releasing a line needs besides the agreement: categories, the lines already linked (SM-9), prices (SM-15). */
export interface ReleaseContext {
  categories: ProductCategories;
  /** Every other line linked to the agreement, on any order, returns included (a line being relinked left out). */
  otherLinkedLines: readonly SalesLine[];
  pricing: SalesPricing;
}

/**
 * SM-8: the line released against a commitment: linked, priced by the agreement (SM-15), within Max enforced (SM-9).
 */
export function linkLine(
  state: AgreementState, header: SalesOrderHeader, line: SalesLine, commitmentId: string,
  context: ReleaseContext,
): SalesLine | RuleViolation {
  const refused = checkLink(state, header, line, commitmentId, context.categories);
  if (refused !== null) return refused;
  const { agreement } = state;
  const commitment = commitmentOf(agreement, commitmentId);
  if (isViolation(commitment)) return commitment;
  const price = resolveSalesPrice(context.pricing, { productId: line.productId, quantity: line.quantity, on: line.requestedShipDate, agreement: { agreementId: agreement.agreementId, commitment } });
  if (isViolation(price)) return price;
  const linked: SalesLine = { ...line, unitPrice: price.unitPrice, discount: price.discount, priceSource: price.source, agreement: { agreementId: agreement.agreementId, commitmentId } };
  return checkCommitmentRoom(agreement, linked, context.otherLinkedLines) ?? linked;
}

/**
 * SM-8 release order: an order created from the agreement, each line released against its commitment line. The lines
 * count against each other for Max enforced; the first refusal names the line.
 */
export function releaseOrder(
  state: AgreementState, header: SalesOrderHeader, releases: readonly { line: SalesLine; commitmentId: string }[],
  context: ReleaseContext,
): SalesOrderRecord | RuleViolation {
  if (releases.length === 0) return violation('VALIDATION', 'a release order needs at least one line', 'lines');
  const releaseHeader: SalesOrderHeader = { ...header, origin: 'agreementRelease' };
  const lines: SalesLine[] = [];
  for (const [i, { line, commitmentId }] of releases.entries()) {
    const linked = linkLine(state, releaseHeader, line, commitmentId, { ...context, otherLinkedLines: [...context.otherLinkedLines, ...lines] });
    if (isViolation(linked)) return { ...linked, field: `lines.${i}.${linked.field ?? 'commitmentId'}` };
    lines.push(linked);
  }
  return { header: releaseHeader, lines };
}

/** The line without its agreement, priced as it would be without it (SM-15). */
function unlinked(line: SalesLine, pricing: SalesPricing): SalesLine | RuleViolation {
  const price = resolveSalesPrice(pricing, { productId: line.productId, quantity: line.quantity, on: line.requestedShipDate, agreement: null });
  if (isViolation(price)) return price;
  return { ...line, unitPrice: price.unitPrice, discount: price.discount, priceSource: price.source, agreement: null };
}

function checkSameAgreement(state: AgreementState, line: SalesLine): RuleViolation | null {
  if (line.agreement === null || line.agreement.agreementId === state.agreement.agreementId) return null;
  return violation('VALIDATION', `line ${line.lineId} is linked to agreement ${line.agreement.agreementId}, not ${state.agreement.agreementId}`, 'agreementId');
}

/**
 * SM-8: the line's requested ship date moved. A linked line moved outside the agreement's dates leaves it and is
 * priced again without it; inside, it keeps the link and its price. `state` is the line's agreement (null: unlinked).
 */
export function moveShipDate(state: AgreementState | null, line: SalesLine, requestedShipDate: string, pricing: SalesPricing): SalesLine | RuleViolation {
  if (!isCalendarDay(requestedShipDate)) return violation('VALIDATION', 'the requested ship date must be a date (YYYY-MM-DD)', 'requestedShipDate');
  const moved = { ...line, requestedShipDate };
  if (line.agreement === null) return moved;
  if (state === null) return violation('VALIDATION', `line ${line.lineId} is linked to agreement ${line.agreement.agreementId}: give that agreement`, 'agreementId');
  const other = checkSameAgreement(state, line);
  if (other !== null) return other;
  return withinDates(state.agreement, requestedShipDate) ? moved : unlinked(moved, pricing);
}

/**
 * SM-8: a clerk changed the line's unit price or discount. On a line linked with Price and discount fixed the change
 * unlinks it (decision: what the clerk entered stays, as a manual price; the part the clerk left as the agreement
 * gave it is priced again without the agreement); otherwise the change applies and any link stays.
 */
export function changeLinePrice(state: AgreementState | null, line: SalesLine, change: { unitPrice: Minor; discount: Minor }, pricing: SalesPricing): SalesLine | RuleViolation {
  if (!Number.isSafeInteger(change.unitPrice) || change.unitPrice < 0) return violation('VALIDATION', 'the unit price cannot be negative', 'unitPrice');
  const gross = change.unitPrice * line.quantity;
  if (!Number.isSafeInteger(change.discount) || Math.abs(change.discount) > Math.abs(gross) || Math.sign(change.discount) * Math.sign(gross) < 0) {
    return violation('VALIDATION', 'the discount must be a whole amount between nothing and the line amount', 'discount');
  }
  const priceChanged = change.unitPrice !== line.unitPrice;
  const discountChanged = change.discount !== line.discount;
  if (!priceChanged && !discountChanged) return line;
  const changed: SalesLine = { ...line, unitPrice: change.unitPrice, discount: change.discount, priceSource: 'manual' };
  if (line.agreement === null) return changed;
  if (state === null) return violation('VALIDATION', `line ${line.lineId} is linked to agreement ${line.agreement.agreementId}: give that agreement`, 'agreementId');
  const other = checkSameAgreement(state, line);
  if (other !== null) return other;
  const commitment = commitmentOf(state.agreement, line.agreement.commitmentId);
  if (isViolation(commitment)) return commitment;
  if (!commitment.priceFixed) return changed;
  const repriced = unlinked(line, pricing);
  if (isViolation(repriced)) return repriced;
  return {
    ...repriced,
    unitPrice: priceChanged ? change.unitPrice : repriced.unitPrice,
    discount: discountChanged ? change.discount : repriced.discount,
    priceSource: priceChanged ? 'manual' : repriced.priceSource,
  };
}

/**
 * SM-9: a returned order's line for a linked line of the original order carries the same link, so the return
 * reduces the commitment's fulfilment. A return of an unlinked line stays unlinked.
 */
export function linkReturnLine(original: SalesLine, returnLine: SalesLine): SalesLine | RuleViolation {
  if (returnLine.productId !== original.productId) return violation('SM-9', `the return is of item ${returnLine.productId}, the original line sold ${original.productId}`, 'productId');
  if (returnLine.quantity >= 0) return violation('SM-9', 'a returned line has a negative quantity', 'quantity');
  return { ...returnLine, agreement: original.agreement };
}
