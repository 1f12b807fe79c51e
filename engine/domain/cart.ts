/**
 * The register's cart: the POS operations of CO-2 on the lines of a transaction (CO-1..CO-8, CO-12), as pure
 * functions. Each `check*` says why an operation is refused; each operation returns the new cart.
 */
import {
  addManualCharge, applyChargeChanges, computeAutoCharges, overrideCharge, recalculateCharges, type AppliedCharge,
} from './charges.ts';
import { customerOrdersEnabled, hasPermission, lacksPermission, offeredLocations, type Catalog } from './catalog.ts';
import type { Collector } from './collector.ts';
import type { Address, Customer, DeliveryKind, Store } from './config.ts';
import { formatMoney, type Minor } from './money.ts';
import { checkLineAmount, checkLineCount } from './limits.ts';
import { amountDue, defaultDepositRate, isCustomerOrder, orderTotals, type AmountDue, type LineDelivery, type SalesLine } from './sales.ts';
import { withContact } from './customers.ts';
import { taxRateFor } from './tax.ts';
import { violation, type RuleViolation } from './violation.ts';

export type OrderType = 'customerOrder' | 'quote';

export interface Cart {
  storeId: string;
  customerId: string | null;
  orderType: OrderType;
  lines: SalesLine[];
  charges: AppliedCharge[];
  /** CO-2: the highlighted line, used by the "selected" operations. */
  selectedLineId: string | null;
  /** CO-7: deposit set by a user with the privilege. */
  depositOverride: Minor | null;
  nextLineNumber: number;
}

export function emptyCart(catalog: Catalog, storeId: string): Cart {
  return {
    storeId,
    customerId: null,
    orderType: catalog.config.parameters.defaultOrderType,
    lines: [],
    charges: [],
    selectedLineId: null,
    depositOverride: null,
    nextLineNumber: 1,
  };
}

function storeOf(catalog: Catalog, cart: Cart): Store {
  return catalog.stores.get(cart.storeId)!;
}

/** The cart's customer, or the store's default customer for pricing and charges before one is added. */
export function pricingCustomer(catalog: Catalog, cart: Pick<Cart, 'customerId' | 'storeId'>): Customer {
  const store = catalog.stores.get(cart.storeId)!;
  return catalog.customers.get(cart.customerId ?? store.defaultCustomerId)!;
}

function carryOutDelivery(catalog: Catalog, store: Store): LineDelivery {
  return { kind: 'carryOut', modeCode: catalog.config.parameters.carryOutMode, locationId: store.locationId };
}

/** Re-derives tax rates (CO-12) and auto charges (CH-2..CH-5, keeping CH-4 overrides) after any change. */
export function repriceCart(catalog: Catalog, cart: Cart, options: { recalculate?: { invoicedLineIds: ReadonlySet<string> } } = {}): Cart {
  const store = storeOf(catalog, cart);
  const customer = pricingCustomer(catalog, cart);
  const lines = cart.lines.map((line) => {
    const taxRate = taxRateFor(catalog, store, cart.customerId === null ? undefined : customer, line.delivery);
    return { ...line, taxRate };
  });
  const fresh = computeAutoCharges({
    config: catalog.config,
    storeId: cart.storeId,
    customer,
    lines: lines.map((l) => ({ lineId: l.lineId, productId: l.productId, modeCode: l.delivery.modeCode, value: l.quantity * l.unitPrice })),
  });
  const lineIds = new Set(lines.map((l) => l.lineId));
  const charges = options.recalculate === undefined
    ? applyChargeChanges(cart.charges, fresh, lineIds)
    : recalculateCharges(cart.charges, fresh, lineIds, options.recalculate.invoicedLineIds);
  // CO-7: an override that no longer fits the ordered lines (removed, shrunk, carried out) is dropped.
  const ordered = orderTotals(lines, charges).orderedTotal;
  const depositOverride = cart.depositOverride !== null && isCustomerOrder(lines) && cart.depositOverride <= ordered ? cart.depositOverride : null;
  return { ...cart, lines, charges, depositOverride };
}

// --- Lines ---

export function checkAddItem(catalog: Catalog, cart: Cart, productId: string, quantity: number, unitPrice: Minor | undefined, operatorId: string): RuleViolation | null {
  const product = catalog.products.get(productId);
  if (product === undefined) return violation('NOT_FOUND', `unknown product "${productId}"`, 'productId');
  if (!Number.isInteger(quantity) || quantity <= 0) return violation('VALIDATION', 'quantity must be a positive whole number', 'quantity');
  if (unitPrice !== undefined && unitPrice !== product.price && !hasPermission(catalog, operatorId, 'priceOverride')) {
    return lacksPermission(catalog, 'priceOverride', 'ST-5', 'unitPrice');
  }
  const same = lineToRaise(catalog, cart, productId, unitPrice);
  if (same !== undefined) return checkLineAmount(same.quantity + quantity, same.unitPrice);
  return checkLineCount(cart.lines.length) ?? checkLineAmount(quantity, unitPrice ?? product.price);
}

/**
 * CO-2: the line a second add of the same product raises instead of a new line: a carry-out line at the product's
 * own price, not locked by an order, with no charge a user added or changed. Anything else was modified on purpose.
 */
export function lineToRaise(catalog: Catalog, cart: Cart, productId: string, unitPrice: Minor | undefined): SalesLine | undefined {
  const price = catalog.products.get(productId)?.price;
  if (price === undefined || (unitPrice !== undefined && unitPrice !== price)) return undefined;
  return cart.lines.find((l) => l.productId === productId && l.delivery.kind === 'carryOut' && !l.priceLocked && l.unitPrice === price
    && !cart.charges.some((c) => c.lineId === l.lineId && (c.source === 'manual' || c.overridden)));
}

/** Adds a line, or raises the quantity of the same product's unmodified carry-out line (`lineToRaise`). */
export function addItem(catalog: Catalog, cart: Cart, lineId: string, productId: string, quantity: number, unitPrice: Minor | undefined): Cart {
  const same = lineToRaise(catalog, cart, productId, unitPrice);
  if (same !== undefined) {
    return repriceCart(catalog, {
      ...cart,
      lines: cart.lines.map((l) => (l.lineId === same.lineId ? { ...l, quantity: l.quantity + quantity } : l)),
      selectedLineId: same.lineId,
    });
  }
  const store = storeOf(catalog, cart);
  const line: SalesLine = {
    lineId,
    productId,
    quantity,
    unitPrice: unitPrice ?? catalog.products.get(productId)!.price,
    taxRate: 0,
    delivery: carryOutDelivery(catalog, store),
    priceLocked: false,
  };
  return repriceCart(catalog, { ...cart, lines: [...cart.lines, line], selectedLineId: lineId, nextLineNumber: cart.nextLineNumber + 1 });
}

export function findLine(cart: Cart, lineId: string): SalesLine | undefined {
  return cart.lines.find((l) => l.lineId === lineId);
}

export function checkLineExists(cart: Cart, lineId: string | null): RuleViolation | null {
  if (lineId === null) return null;
  return findLine(cart, lineId) === undefined ? violation('NOT_FOUND', `no line "${lineId}" in the cart`, 'lineId') : null;
}

export function setQuantity(catalog: Catalog, cart: Cart, lineId: string, quantity: number): Cart {
  return repriceCart(catalog, { ...cart, lines: cart.lines.map((l) => (l.lineId === lineId ? { ...l, quantity } : l)) });
}

export function removeLine(catalog: Catalog, cart: Cart, lineId: string): Cart {
  return repriceCart(catalog, {
    ...cart,
    lines: cart.lines.filter((l) => l.lineId !== lineId),
    selectedLineId: cart.selectedLineId === lineId ? null : cart.selectedLineId,
  });
}

export function checkCustomer(catalog: Catalog, customerId: string): RuleViolation | null {
  return catalog.customers.has(customerId) ? null : violation('NOT_FOUND', `unknown customer "${customerId}"`, 'customerId');
}

export function setCustomer(catalog: Catalog, cart: Cart, customerId: string): Cart {
  return repriceCart(catalog, { ...cart, customerId });
}

// --- Delivery (CO-2, CO-3) ---

export interface DeliveryRequest {
  scope: 'all' | 'selected';
  /** The picker's choice; overrides the highlighted line and earlier choices. */
  lineIds?: string[] | undefined;
  /** Undefined: the kind of the mode chosen (change mode of delivery). */
  kind?: DeliveryKind | undefined;
  /** Ship: a ship mode (required). Pickup: a pickup mode, else the parameters' one. Carry-out: the parameters' mode. */
  modeCode?: string | undefined;
  /** Ship-from location or pickup store location. */
  locationId?: string | undefined;
  /** Ship-to address; defaults to the customer's delivery (or first) address. */
  address?: Address | undefined;
  /** Requested ship date or pickup date. */
  date?: string | undefined;
  /** CO-15: another person who collects (pickup lines only). */
  collector?: Collector | undefined;
}

/** CO-2: "all" sets every line; "selected" sets the picker's lines, else the highlighted one. */
export function targetLines(cart: Cart, request: Pick<DeliveryRequest, 'scope' | 'lineIds'>): string[] | RuleViolation {
  if (request.scope === 'all') {
    return cart.lines.length > 0 ? cart.lines.map((l) => l.lineId) : violation('CO-2', 'the cart has no lines', 'scope');
  }
  if (request.lineIds !== undefined && request.lineIds.length > 0) {
    const missing = request.lineIds.find((id) => findLine(cart, id) === undefined);
    return missing === undefined ? [...new Set(request.lineIds)] : violation('NOT_FOUND', `no line "${missing}" in the cart`, 'lineIds');
  }
  if (cart.selectedLineId !== null) return [cart.selectedLineId];
  return violation('CO-2', 'no line is highlighted: choose the lines in the picker (lineIds)', 'lineIds');
}

function customerAddress(customer: Customer): Address | undefined {
  return customer.addresses.find((a) => a.id === customer.deliveryAddressId) ?? customer.addresses[0];
}

/** Resolves a delivery request into the delivery the lines get, or why it is refused (ST-1, CO-1, CO-3). */
export function resolveDelivery(catalog: Catalog, cart: Cart, request: DeliveryRequest): LineDelivery | RuleViolation {
  const store = storeOf(catalog, cart);
  const { parameters } = catalog.config;
  const mode = request.modeCode === undefined ? undefined : catalog.modes.get(request.modeCode);
  const kind = request.kind ?? mode?.kind ?? 'ship';
  if (request.collector !== undefined && kind !== 'pickup') return violation('CO-15', 'only pickup lines name a person who collects', 'collector');
  if (kind === 'carryOut') return carryOutDelivery(catalog, store);
  if (!customerOrdersEnabled(catalog)) {
    return violation('ST-1', 'customer orders need at least one ship mode and a pickup mode of delivery', 'kind');
  }
  if (request.modeCode !== undefined && mode === undefined) return violation('CO-3', `unknown mode of delivery "${request.modeCode}"`, 'modeCode');
  if (kind === 'pickup') {
    // CO-3: any pickup mode of the chain; without one, the parameters' pickup mode.
    if (mode !== undefined && mode.kind !== 'pickup') return violation('CO-3', `pickup lines need a pickup mode of delivery: "${mode.code}" is a ${mode.kind} mode`, 'modeCode');
    const offered = offeredLocations(catalog, cart.storeId, 'pickup');
    const locationId = request.locationId ?? (offered.includes(store.locationId) ? store.locationId : offered[0]);
    if (locationId === undefined || !offered.includes(locationId)) {
      return violation('CO-3', `pickup location must be one of the store's pickup locations: ${offered.join(', ') || 'none'}`, 'locationId');
    }
    return { kind: 'pickup', modeCode: mode?.code ?? parameters.pickupMode, locationId, date: request.date, ...(request.collector === undefined ? {} : { collector: request.collector }) };
  }
  if (mode?.kind !== 'ship') return violation('CO-3', 'ship lines need a ship mode of delivery', 'modeCode');
  const offered = offeredLocations(catalog, cart.storeId, 'ship');
  const locationId = request.locationId ?? (offered.includes(store.warehouseId) ? store.warehouseId : offered[0]);
  if (locationId === undefined || !offered.includes(locationId)) {
    return violation('CO-3', `ship-from must be one of the store's ship locations: ${offered.join(', ') || 'none'}`, 'locationId');
  }
  if (cart.customerId === null) return violation('CO-1', 'add a customer before shipping: the address comes from the customer', 'customerId');
  const customer = catalog.customers.get(cart.customerId)!;
  const address = request.address ?? customerAddress(customer);
  if (address === undefined) return violation('CO-3', 'the customer has no address to ship to', 'address');
  // CU-9: the order ships to the address's contact (the customer unless the address names another).
  return { kind: 'ship', modeCode: mode.code, locationId, address: withContact(address, customer), date: request.date };
}

export function setDelivery(catalog: Catalog, cart: Cart, lineIds: readonly string[], delivery: LineDelivery): Cart {
  const target = new Set(lineIds);
  return repriceCart(catalog, { ...cart, lines: cart.lines.map((l) => (target.has(l.lineId) ? { ...l, delivery } : l)) });
}

// --- Charges (CH-1, CH-4) and deposit (CO-6, CO-7) ---

export function checkChargeOverride(catalog: Catalog, operatorId: string, amount: Minor): RuleViolation | null {
  if (!Number.isInteger(amount) || amount < 0) return violation('VALIDATION', 'the amount must be zero or more', 'amount');
  return hasPermission(catalog, operatorId, 'chargeOverride') ? null : lacksPermission(catalog, 'chargeOverride', 'CH-4', 'operatorId');
}

/** CH-4: a reason code given with a manual charge or an override is one the chain lists (when it lists any). */
export function checkChargeReason(catalog: Catalog, reasonCode: string | undefined): RuleViolation | null {
  const codes = catalog.config.parameters.chargeReasonCodes;
  if (reasonCode === undefined || codes.length === 0 || codes.includes(reasonCode)) return null;
  return violation('CH-4', `reason code "${reasonCode}" is not one of ${codes.join(', ')}`, 'reasonCode');
}

export function checkManualCharge(catalog: Catalog, cart: Cart, charge: { level: 'header' | 'line'; lineId?: string | undefined; chargeCode: string; amount: Minor }, operatorId: string): RuleViolation | null {
  if (!catalog.chargeCodes.has(charge.chargeCode)) return violation('NOT_FOUND', `unknown charge code "${charge.chargeCode}"`, 'chargeCode');
  if (charge.level === 'line' && (charge.lineId === undefined || findLine(cart, charge.lineId) === undefined)) {
    return violation('NOT_FOUND', 'a line charge needs a line of the cart', 'lineId');
  }
  if (charge.level === 'header' && charge.lineId !== undefined) return violation('VALIDATION', 'a header charge has no line', 'lineId');
  // CH-1: without advanced auto charges, the shipping charge is entered by hand by the cashier.
  const isManualShipping = !catalog.config.parameters.useAdvancedAutoCharges
    && charge.level === 'header' && charge.chargeCode === catalog.config.parameters.shippingChargeCode;
  if (isManualShipping) {
    return Number.isInteger(charge.amount) && charge.amount >= 0 ? null : violation('VALIDATION', 'the amount must be zero or more', 'amount');
  }
  return checkChargeOverride(catalog, operatorId, charge.amount);
}

export function addCharge(catalog: Catalog, cart: Cart, charge: { level: 'header' | 'line'; lineId?: string | undefined; chargeCode: string; amount: Minor; reasonCode?: string | undefined }): Cart {
  const manual = { level: charge.level, chargeCode: charge.chargeCode, amount: charge.amount,
    ...(charge.lineId === undefined ? {} : { lineId: charge.lineId }),
    ...(charge.reasonCode === undefined ? {} : { reasonCode: charge.reasonCode }) };
  return repriceCart(catalog, { ...cart, charges: addManualCharge(cart.charges, manual) });
}

export function checkOverrideCharge(cart: Cart, key: string): RuleViolation | null {
  return cart.charges.some((c) => c.key === key) ? null : violation('NOT_FOUND', `no charge "${key}" on the cart`, 'key');
}

export function overrideCartCharge(cart: Cart, key: string, amount: Minor, reasonCode: string): Cart {
  return { ...cart, charges: overrideCharge(cart.charges, key, amount, reasonCode) };
}

export function depositRateOf(catalog: Catalog, cart: Cart): number {
  return defaultDepositRate(catalog.config.parameters.defaultDepositPct, pricingCustomer(catalog, cart));
}

/** A quote: a customer order (CO-4) of order type quote, which takes no payment (CO-9). */
export function isQuote(cart: Pick<Cart, 'orderType' | 'lines'>): boolean {
  return cart.orderType === 'quote' && isCustomerOrder(cart.lines);
}

/** CO-5..CO-7: what the customer pays now for a new order or sale. Quotes take no payment. */
export function cartAmountDue(catalog: Catalog, cart: Cart): AmountDue {
  if (isQuote(cart)) return { deposit: 0, carryOut: 0, due: 0 };
  return amountDue(orderTotals(cart.lines, cart.charges), depositRateOf(catalog, cart), cart.depositOverride);
}

/** CO-7: deposit override needs the privilege and stays within the ordered lines' total. */
export function checkDepositOverride(catalog: Catalog, cart: Cart, amount: Minor, operatorId: string): RuleViolation | null {
  if (!hasPermission(catalog, operatorId, 'depositOverride')) {
    return lacksPermission(catalog, 'depositOverride', 'CO-7', 'operatorId');
  }
  if (!isCustomerOrder(cart.lines)) return violation('CO-7', 'a deposit applies to ship or pickup lines only', 'amount');
  const ordered = orderTotals(cart.lines, cart.charges).orderedTotal;
  if (!Number.isInteger(amount) || amount < 0 || amount > ordered) {
    return violation('CO-7', `the deposit must be between ${formatMoney(0, catalog.config.currency)} and the order's ${formatMoney(ordered, catalog.config.currency)}`, 'amount', { ordered });
  }
  return null;
}

/**
 * What a completing tender keeps: at least the amount due, and cash beyond it as prepayment up to what the
 * order still owes; anything more is change. A quote keeps nothing: what was tendered before the cart became a
 * quote is handed back (CO-9).
 */
export function keptOnCompletion(cart: Cart, due: Minor, alreadyPaid: Minor, received: Minor): Minor {
  if (isQuote(cart)) return 0;
  const owed = orderTotals(cart.lines, cart.charges).total - alreadyPaid;
  return Math.min(received, Math.max(due, owed));
}

/** CO-1, CO-8: what must hold before the cart can be completed as a sale, order or quote. */
export function checkCompletion(cart: Cart, paidAfter: Minor, cardToken: string | null): RuleViolation | null {
  if (cart.lines.length === 0) return violation('CO-2', 'the cart has no lines', 'lines');
  const order = isCustomerOrder(cart.lines);
  if (cart.orderType === 'quote' && !order) return violation('CO-9', 'a quote needs ship or pickup lines', 'orderType');
  // A quote takes no payment, so nothing can be carried out (and invoiced) on it.
  if (cart.orderType === 'quote' && cart.lines.some((l) => l.delivery.kind === 'carryOut')) {
    return violation('CO-9', 'a quote cannot carry out lines: ship or pick up every line, or sell the carry-out lines separately', 'orderType');
  }
  if (order && cart.customerId === null) return violation('CO-1', 'a customer is required for a customer order or quote', 'customerId');
  const total = orderTotals(cart.lines, cart.charges).total;
  const hasShip = cart.lines.some((l) => l.delivery.kind === 'ship');
  if (cart.orderType === 'customerOrder' && hasShip && paidAfter < total && cardToken === null) {
    return violation('CO-8', 'this ship order is not fully paid: take a card for the balance', 'cardToken');
  }
  return null;
}

/**
 * CO-10 / CH-4 Recalculate: every line back to its current price and auto charges, except the lines of a recalled
 * order with invoiced units, which keep the price and charges they were invoiced at.
 */
export function recalculateCart(catalog: Catalog, cart: Cart, invoicedLineIds: ReadonlySet<string> = new Set()): Cart {
  const unlocked = {
    ...cart,
    lines: cart.lines.map((l) => (invoicedLineIds.has(l.lineId) ? l : { ...l, priceLocked: false, unitPrice: catalog.products.get(l.productId)!.price })),
  };
  return repriceCart(catalog, unlocked, { recalculate: { invoicedLineIds } });
}
