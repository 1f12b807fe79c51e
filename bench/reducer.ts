/**
 * A minimal hand-written reducer of the engine's rules over plain objects, for benchmarks: no XState, no zod, no
 * rollback, no validation (it trusts commands the engine has accepted). It applies the same domain functions
 * (engine/domain) to compute the same carts, dues, orders, invoices, payments and fulfilment quantities, and
 * draws ids in the same order as the engine, so `compareWithEngine` can check it against an engine that ran the
 * same commands.
 *
 * Covers every command type the synthetic day uses; it throws on the few it does not (order edits,
 * headquarters.resetFulfillment, manual charges).
 */
import type { Command } from '../engine/commands.ts';
import {
  addItem, emptyCart, removeLine, resolveDelivery, setCustomer, setDelivery, setQuantity, targetLines, type Cart,
} from '../engine/domain/cart.ts';
import { buildCatalog, type Catalog } from '../engine/domain/catalog.ts';
import { cancellationCharge } from '../engine/domain/cancellation.ts';
import {
  applyInvoice, applyPack, applyPick, applyReject, newProgress, productQuantities, shelfMoved, uninvoicedQuantity, unitsIssued, type LineProgress, type ProductQuantity,
} from '../engine/domain/fulfillment.ts';
import { sumMinor } from '../engine/domain/money.ts';
import { DEFAULT_START } from '../engine/ids.ts';
import { buildInvoice, registerInvoice, type QuantityOfLine } from '../engine/domain/order-invoicing.ts';
import { amountInvoiced, amountPaid, unappliedPrepayment, type Payment, type TenderMethod } from '../engine/domain/payments.ts';
import { calculateReturn, type ReturnRecord, type ReturnSource } from '../engine/domain/returns.ts';
import { isCustomerOrder, orderTotals, type LineDelivery } from '../engine/domain/sales.ts';
import type { Chain } from '../engine/chain.ts';
import { deliveryRequest, type Receipt, type ReturnOrder } from '../engine/store-engine.ts';
import type { CustomerOrderContext, OrderLine } from '../machines/customer-order.types.ts';
import { amountKept, recalledOrder, transactionDue } from '../machines/register.machine.ts';
import type { RegisterTransaction, ReturnOriginal, TransactionKind } from '../machines/register.types.ts';

export interface ReducerRegister {
  registerId: string;
  storeId: string;
  operatorId: string | null;
  transaction: RegisterTransaction | null;
}

export type OrderStatus = 'quote' | 'open' | 'completed' | 'cancelled';
export interface ReducerOrder extends CustomerOrderContext { status: OrderStatus }

export interface ReducerLocation {
  locationId: string;
  /** The order lines this location ships or hands over, still on its list (key `orderId\u0000lineId`). */
  lines: Map<string, { orderId: string; lineId: string }>;
  onHand: Record<string, number>;
}

export interface ReducerState {
  catalog: Catalog;
  seq: number;
  clock: number;
  counters: Map<string, number>;
  registers: Map<string, ReducerRegister>;
  orders: Map<string, ReducerOrder>;
  locations: Map<string, ReducerLocation>;
  receipts: Map<string, Receipt>;
  returnOrders: ReturnOrder[];
  /** Lookups the engine does by scanning (RT-1): invoice id and channel reference to order id. */
  orderByInvoice: Map<string, string>;
  orderByChannelReference: Map<string, string>;
  manualAcceptByLocation: Map<string, boolean>;
}

export function initialState(config: unknown, catalog: Catalog = buildCatalog(config)): ReducerState {
  const state: ReducerState = {
    catalog, seq: 0, clock: DEFAULT_START, counters: new Map(), registers: new Map(), orders: new Map(), locations: new Map(),
    receipts: new Map(), returnOrders: [], orderByInvoice: new Map(), orderByChannelReference: new Map(), manualAcceptByLocation: new Map(),
  };
  for (const [registerId, storeId] of catalog.registers) state.registers.set(registerId, { registerId, storeId, operatorId: null, transaction: null });
  for (const store of catalog.config.stores) state.manualAcceptByLocation.set(store.locationId, store.manualAccept);
  for (const location of catalog.config.locations) {
    const onHand: Record<string, number> = {};
    for (const i of catalog.config.inventory) if (i.locationId === location.id) onHand[i.productId] = i.onHand;
    state.locations.set(location.id, { locationId: location.id, lines: new Map(), onHand });
  }
  return state;
}

// --- Helpers ---

function nextId(state: ReducerState, prefix: string): string {
  const n = (state.counters.get(prefix) ?? 0) + 1;
  state.counters.set(prefix, n);
  return `${prefix}-${String(n).padStart(6, '0')}`;
}

const lineKey = (orderId: string, lineId: string) => `${orderId}\u0000${lineId}`;

function newTransaction(cart: Cart, transactionId: string, kind: TransactionKind, extra: Partial<RegisterTransaction> = {}): RegisterTransaction {
  return {
    transactionId, kind, cart, tenders: [], cardToken: null, order: null, cancellationCharge: null,
    pickupLines: [], pickupDue: 0, returnOriginal: null, returnLines: [], approvedBy: null, ...extra,
  };
}

function register(state: ReducerState, registerId: string): ReducerRegister {
  return state.registers.get(registerId)!;
}

/** The open transaction, or a new sale (ADD_ITEM / SET_CUSTOMER start one). */
function saleTransaction(state: ReducerState, reg: ReducerRegister): RegisterTransaction {
  reg.transaction ??= newTransaction(emptyCart(state.catalog, reg.storeId), nextId(state, `T-${reg.registerId}`), 'sale');
  return reg.transaction;
}

function updateCart(reg: ReducerRegister, update: (cart: Cart) => Cart): void {
  const t = reg.transaction!;
  reg.transaction = { ...t, cart: update(t.cart) };
}

function orderSource(order: ReducerOrder): ReturnSource {
  return {
    lines: order.lines.map((l) => ({ lineId: l.lineId, productId: l.productId, quantity: l.quantity, unitPrice: l.unitPrice, taxRate: l.taxRate, invoiced: l.progress.invoiced })),
    charges: order.charges,
    returns: order.returns,
  };
}

function receiptSource(receipt: Receipt): ReturnSource {
  return {
    lines: receipt.lines.map((l) => ({ lineId: l.lineId, productId: l.productId, quantity: l.quantity, unitPrice: l.unitPrice, taxRate: l.taxRate, invoiced: l.quantity })),
    charges: receipt.charges,
    returns: receipt.returns,
  };
}

// --- Orders and locations ---

/** The order's ship and pickup lines reach their locations (fulfillmentRequested). */
function assignToLocations(state: ReducerState, order: ReducerOrder): void {
  for (const line of order.lines) {
    if (line.delivery.kind === 'carryOut') continue;
    const p = line.progress;
    if (uninvoicedQuantity(p) > 0 || p.rejected > 0) state.locations.get(line.delivery.locationId)!.lines.set(lineKey(order.orderId, line.lineId), { orderId: order.orderId, lineId: line.lineId });
  }
}

function completeIfInvoiced(order: ReducerOrder): void {
  if (order.status === 'open' && order.lines.length > 0 && order.lines.every((l) => l.progress.invoiced === l.progress.quantity)) order.status = 'completed';
}

/**
 * A fulfilment operation on one order's lines at a location: the order's buckets change, units that leave the open
 * bucket leave the location's shelf, and lines with nothing left to do leave its list.
 */
function operate(state: ReducerState, locationId: string, orderId: string, lines: readonly QuantityOfLine[], apply: (p: LineProgress, q: number) => LineProgress): void {
  const order = state.orders.get(orderId)!;
  const location = state.locations.get(locationId)!;
  const byLine = new Map<string, number>();
  for (const l of lines) byLine.set(l.lineId, l.quantity);
  order.lines = order.lines.map((line) => {
    const quantity = byLine.get(line.lineId);
    if (quantity === undefined) return line;
    const progress = apply(line.progress, quantity);
    location.onHand[line.productId] = (location.onHand[line.productId] ?? 0) - unitsIssued(line.progress, progress);
    if (uninvoicedQuantity(progress) === 0 && progress.rejected === 0) location.lines.delete(lineKey(orderId, line.lineId));
    return { ...line, progress };
  });
}

function setOnLines(order: ReducerOrder, lineIds: readonly string[], change: (p: LineProgress) => LineProgress): void {
  const ids = new Set(lineIds);
  order.lines = order.lines.map((l) => (ids.has(l.lineId) ? { ...l, progress: change(l.progress) } : l));
}

/** FF-5 / FF-6: invoice lines of an order shipped or picked up at a location, collecting what deposits do not cover. */
function invoiceOrder(state: ReducerState, locationId: string, orderId: string, invoiceId: string, kind: 'ship' | 'pickup', lines: readonly QuantityOfLine[], payment: { paymentId: string; method: TenderMethod }): void {
  const order = state.orders.get(orderId)!;
  const { invoice, collect } = buildInvoice(order, invoiceId, kind, lines);
  operate(state, locationId, orderId, lines, applyInvoice);
  order.invoices = [...order.invoices, invoice];
  if (collect > 0) order.payments = [...order.payments, { paymentId: payment.paymentId, kind: kind === 'ship' ? 'capture' : 'pickup', method: payment.method, amount: collect }];
  state.orderByInvoice.set(invoiceId, orderId);
  completeIfInvoiced(order);
}

/** Groups `{orderId, lineId, quantity}` rows by order. */
function byOrder<T extends { orderId: string }>(lines: readonly T[]): Map<string, T[]> {
  const grouped = new Map<string, T[]>();
  for (const line of lines) {
    const group = grouped.get(line.orderId);
    if (group === undefined) grouped.set(line.orderId, [line]);
    else group.push(line);
  }
  return grouped;
}

// --- Completing a register transaction ---

/** Carried-out units leave the register's store shelf; returned ones come back onto it. */
function moveShelf(state: ReducerState, storeId: string, lines: readonly ProductQuantity[], direction: 'sold' | 'returned'): void {
  const location = state.locations.get(state.catalog.stores.get(storeId)!.locationId)!;
  location.onHand = shelfMoved(location.onHand, lines, direction);
}

function completeTransaction(state: ReducerState, reg: ReducerRegister, transaction: RegisterTransaction): void {
  const { catalog } = state;
  const paid = amountKept(catalog, transaction, sumMinor(transaction.tenders.map((t) => t.amount)));
  const method: TenderMethod = transaction.tenders.at(-1)?.method ?? 'cash';
  switch (transaction.kind) {
    case 'sale': {
      const { cart } = transaction;
      if (!isCustomerOrder(cart.lines)) {
        state.receipts.set(transaction.transactionId, {
          receiptId: transaction.transactionId, storeId: reg.storeId, registerId: reg.registerId, customerId: cart.customerId, at: state.clock,
          lines: cart.lines, charges: cart.charges, total: orderTotals(cart.lines, cart.charges).total, returns: [],
        });
        moveShelf(state, reg.storeId, cart.lines, 'sold');
        return;
      }
      const orderId = nextId(state, 'CO');
      const lines: OrderLine[] = cart.lines.map((line) => ({ ...line, progress: newProgress(line.quantity, line.delivery.kind, state.manualAcceptByLocation.get(line.delivery.locationId) ?? false) }));
      const payments: Payment[] = paid === 0 ? [] : [{ paymentId: nextId(state, 'PAY'), kind: 'prepayment', method, amount: paid }];
      // CO-5: carry-out lines of a hybrid order are invoiced at once.
      const carried = lines.filter((l) => l.delivery.kind === 'carryOut').map((l) => ({ lineId: l.lineId, quantity: l.quantity }));
      const invoice = registerInvoice({ lines, charges: cart.charges, invoices: [], payments }, 'pending', carried);
      const invoices = invoice === null ? [] : [{ ...invoice, invoiceId: nextId(state, 'INV') }];
      moveShelf(state, reg.storeId, lines.filter((l) => l.delivery.kind === 'carryOut'), 'sold');
      const channelReference = `${reg.storeId}-${transaction.transactionId}`;
      const order: ReducerOrder = {
        orderId, createdAs: cart.orderType, channelReference, storeId: reg.storeId, customerId: cart.customerId!,
        createdAt: state.clock, origin: 'pos', orderCompletion: false, salesOrderId: nextId(state, 'SO'),
        lines, charges: cart.charges, depositOverride: cart.depositOverride, cardToken: transaction.cardToken,
        payments, invoices, returns: [], editedBy: null, cancellation: null,
        status: cart.orderType === 'quote' ? 'quote' : 'open',
      };
      state.orders.set(orderId, order);
      state.orderByChannelReference.set(channelReference, orderId);
      for (const invoice of invoices) state.orderByInvoice.set(invoice.invoiceId, orderId);
      if (order.status === 'open') {
        assignToLocations(state, order);
        completeIfInvoiced(order);
      }
      return;
    }
    case 'cancellation': {
      const order = state.orders.get(transaction.order!.orderId)!;
      const paymentId = nextId(state, 'PAY');
      const charge = transaction.cancellationCharge ?? 0;
      const refund = unappliedPrepayment(order.payments, order.invoices) - charge;
      if (refund !== 0) order.payments = [...order.payments, { paymentId, kind: 'refund', method, amount: -refund }];
      order.cancellation = { charge, refund };
      if (order.status === 'open') {
        for (const line of order.lines) {
          if (line.delivery.kind !== 'carryOut') state.locations.get(line.delivery.locationId)!.lines.delete(lineKey(order.orderId, line.lineId));
        }
      }
      order.status = 'cancelled';
      return;
    }
    case 'pickup': {
      const orderId = transaction.order!.orderId;
      const invoiceId = nextId(state, 'INV');
      const locationId = catalog.stores.get(reg.storeId)!.locationId;
      invoiceOrder(state, locationId, orderId, invoiceId, 'pickup', transaction.pickupLines, { paymentId: nextId(state, 'PAY'), method });
      return;
    }
    case 'return': {
      const original = transaction.returnOriginal!;
      const calculation = calculateReturn(catalog, original.source, transaction.returnLines);
      const record: ReturnRecord = { rmaNumber: nextId(state, 'RMA'), lines: calculation.lines, charges: calculation.charges, total: calculation.total };
      if (original.kind === 'order') {
        const order = state.orders.get(original.id)!;
        const paymentId = nextId(state, 'PAY');
        const returned = new Map(record.lines.map((l) => [l.lineId, l.quantity]));
        order.returns = [...order.returns, record];
        order.lines = order.lines.map((l) => (returned.has(l.lineId) ? { ...l, progress: { ...l.progress, returned: l.progress.returned + returned.get(l.lineId)! } } : l));
        order.payments = [...order.payments, { paymentId, kind: 'returnRefund', method, amount: record.total }];
      } else {
        const receipt = state.receipts.get(original.id)!;
        state.receipts.set(receipt.receiptId, { ...receipt, returns: [...receipt.returns, record] });
      }
      moveShelf(state, reg.storeId, productQuantities(original.source, record.lines), 'returned');
      state.returnOrders.push({ rmaNumber: record.rmaNumber, storeId: reg.storeId, original: { kind: original.kind, id: original.id }, customerId: original.customerId, at: state.clock, record });
      return;
    }
    case 'orderEdit':
      throw new Error('reducer: order edits are not covered');
  }
}

// --- The reducer ---

function unsupported(command: Command): never {
  throw new Error(`reducer: ${command.type} is not covered`);
}

/** Applies an accepted command. Mutates and returns `state`. */
export function reduce(state: ReducerState, command: Command): ReducerState {
  const { catalog } = state;
  state.seq += 1;
  switch (command.type) {
    case 'clock.advance':
      state.clock += command.ms;
      break;
    case 'register.openShift':
      register(state, command.registerId).operatorId = command.operatorId;
      break;
    case 'register.closeShift':
      register(state, command.registerId).operatorId = null;
      break;
    case 'register.addItem': {
      const reg = register(state, command.registerId);
      const { transactionId } = saleTransaction(state, reg);
      updateCart(reg, (cart) => addItem(catalog, cart, `${transactionId}-${cart.nextLineNumber}`, command.productId, command.quantity, command.unitPrice));
      break;
    }
    case 'register.setQuantity':
      updateCart(register(state, command.registerId), (cart) => setQuantity(catalog, cart, command.lineId, command.quantity));
      break;
    case 'register.removeLine':
      updateCart(register(state, command.registerId), (cart) => removeLine(catalog, cart, command.lineId));
      break;
    case 'register.selectLine':
      updateCart(register(state, command.registerId), (cart) => ({ ...cart, selectedLineId: command.lineId }));
      break;
    case 'register.setCustomer': {
      const reg = register(state, command.registerId);
      saleTransaction(state, reg);
      updateCart(reg, (cart) => setCustomer(catalog, cart, command.customerId));
      break;
    }
    case 'register.shipAll':
    case 'register.shipSelected':
    case 'register.changeModeOfDelivery':
    case 'register.pickupAll':
    case 'register.pickupSelected':
    case 'register.carryOutAll':
    case 'register.carryOutSelected': {
      const request = deliveryRequest(command);
      updateCart(register(state, command.registerId), (cart) =>
        setDelivery(catalog, cart, targetLines(cart, request) as string[], resolveDelivery(catalog, cart, request) as LineDelivery));
      break;
    }
    case 'register.setOrderType':
      updateCart(register(state, command.registerId), (cart) => ({ ...cart, orderType: command.orderType }));
      break;
    case 'register.overrideDeposit':
      updateCart(register(state, command.registerId), (cart) => ({ ...cart, depositOverride: command.amount }));
      break;
    case 'register.tender': {
      const reg = register(state, command.registerId);
      const before = reg.transaction!;
      const tenderId = nextId(state, 'TND');
      const due = transactionDue(catalog, before);
      const after = sumMinor(before.tenders.map((t) => t.amount)) + command.amount;
      const transaction: RegisterTransaction = {
        ...before,
        tenders: [...before.tenders, { tenderId, method: command.method, amount: command.amount }],
        cardToken: command.cardToken ?? before.cardToken,
        approvedBy: command.approverId ?? before.approvedBy,
      };
      if (due >= 0 ? after >= due : after === due) {
        reg.transaction = null;
        completeTransaction(state, reg, transaction);
      } else {
        reg.transaction = transaction;
      }
      break;
    }
    case 'register.void': {
      const reg = register(state, command.registerId);
      if (reg.transaction?.kind === 'orderEdit') unsupported(command);
      reg.transaction = null;
      break;
    }
    case 'register.recallOrder': {
      const reg = register(state, command.registerId);
      const transactionId = nextId(state, `T-${reg.registerId}`);
      const order = state.orders.get(command.orderId)!;
      if (command.purpose === 'cancel') {
        const proposed = cancellationCharge(orderTotals(order.lines.filter((l) => l.delivery.kind !== 'carryOut'), order.charges).total, catalog.config.parameters.cancellationChargePct);
        reg.transaction = newTransaction({ ...emptyCart(catalog, reg.storeId), customerId: order.customerId }, transactionId, 'cancellation', { order: recalledOrder(order, order.status === 'quote'), cancellationCharge: proposed });
      } else if (command.purpose === 'pickup') {
        const locationId = catalog.stores.get(reg.storeId)!.locationId;
        const lines = command.lines ?? order.lines
          .filter((l) => l.delivery.kind === 'pickup' && l.delivery.locationId === locationId && uninvoicedQuantity(l.progress) > 0)
          .map((l) => ({ lineId: l.lineId, quantity: uninvoicedQuantity(l.progress) }));
        const due = buildInvoice(order, 'preview', 'pickup', lines).collect;
        // FF-6: the whole order is loaded in the cart, lines not picked up now at quantity 0.
        const cartLines = order.lines.map(({ progress: _progress, ...line }) => ({ ...line, quantity: lines.find((l) => l.lineId === line.lineId)?.quantity ?? 0, priceLocked: true }));
        const cart = { ...emptyCart(catalog, reg.storeId), customerId: order.customerId, lines: cartLines };
        reg.transaction = newTransaction(cart, transactionId, 'pickup', { order: recalledOrder(order, order.status === 'quote'), pickupLines: lines, pickupDue: due, cardToken: order.cardToken });
      } else {
        unsupported(command);
      }
      break;
    }
    case 'register.adjustCancellationCharge': {
      const reg = register(state, command.registerId);
      reg.transaction = { ...reg.transaction!, cancellationCharge: command.amount };
      break;
    }
    case 'register.startReturn': {
      const reg = register(state, command.registerId);
      const { by, value } = command.lookup;
      let original: ReturnOriginal;
      if (by === 'receipt') {
        const receipt = state.receipts.get(value)!;
        original = { kind: 'receipt', id: receipt.receiptId, customerId: receipt.customerId, source: receiptSource(receipt) };
      } else {
        const orderId = by === 'orderId' ? value : by === 'invoiceId' ? state.orderByInvoice.get(value)! : state.orderByChannelReference.get(value)!;
        const order = state.orders.get(orderId)!;
        original = { kind: 'order', id: orderId, customerId: order.customerId, source: orderSource(order) };
      }
      const transactionId = nextId(state, `T-${reg.registerId}`);
      reg.transaction = newTransaction({ ...emptyCart(catalog, reg.storeId), customerId: original.customerId }, transactionId, 'return', { returnOriginal: original });
      break;
    }
    case 'register.setReturnLines': {
      const reg = register(state, command.registerId);
      reg.transaction = { ...reg.transaction!, returnLines: command.lines };
      break;
    }
    case 'order.approveQuote': {
      const order = state.orders.get(command.orderId)!;
      order.status = 'open';
      assignToLocations(state, order);
      completeIfInvoiced(order);
      break;
    }
    case 'fulfillment.accept':
      for (const [orderId, refs] of byOrder(command.lines)) setOnLines(state.orders.get(orderId)!, refs.map((r) => r.lineId), (p) => ({ ...p, accepted: true }));
      break;
    case 'fulfillment.printPickList': {
      const pickListId = nextId(state, 'PL');
      for (const [orderId, refs] of byOrder(command.lines)) setOnLines(state.orders.get(orderId)!, refs.map((r) => r.lineId), (p) => ({ ...p, pickListId }));
      break;
    }
    case 'fulfillment.pick':
      for (const [orderId, lines] of byOrder(command.lines)) operate(state, command.locationId, orderId, lines, applyPick);
      break;
    case 'fulfillment.reject':
      for (const [orderId, lines] of byOrder(command.lines)) operate(state, command.locationId, orderId, lines, applyReject);
      break;
    case 'fulfillment.pack':
      nextId(state, 'PS');
      operate(state, command.locationId, command.orderId, command.lines, applyPack);
      break;
    case 'fulfillment.ship': {
      const invoiceId = nextId(state, 'INV');
      // CO-8: what deposits do not cover is charged to the card token at invoicing.
      invoiceOrder(state, command.locationId, command.orderId, invoiceId, 'ship', command.lines, { paymentId: nextId(state, 'PAY'), method: 'cardToken' });
      break;
    }
    case 'register.addCharge':
    case 'register.overrideCharge':
    case 'register.recalculate':
    case 'headquarters.resetFulfillment':
      unsupported(command);
  }
  return state;
}

// --- Equivalence with the engine ---

function engineStatus(state: unknown): OrderStatus {
  if (state === 'completed' || state === 'cancelled') return state;
  if (typeof state === 'object' && state !== null) {
    if ('quote' in state) return 'quote';
    if ('open' in state) return 'open';
  }
  throw new Error(`unexpected engine order state ${JSON.stringify(state)}`);
}

const PROGRESS_KEYS = ['quantity', 'accepted', 'pickListId', 'picked', 'packed', 'invoiced', 'rejected', 'returned'] as const;

export interface Equivalence { orders: number; lines: number; receipts: number; returnOrders: number; locations: number }

/**
 * Throws, listing the first differences, unless the reducer and the engine agree on every order (lifecycle, each
 * line's progress, payments total, invoices total, order total), every receipt, the return orders and every
 * location's on-hand stock and list length.
 */
export function compareWithEngine(state: ReducerState, engine: Chain): Equivalence {
  const problems: string[] = [];
  const problem = (message: string) => { if (problems.length < 20) problems.push(message); };
  const engineOrders = engine.orderIds();
  if (engineOrders.length !== state.orders.size) problem(`order count: engine ${engineOrders.length}, reducer ${state.orders.size}`);
  let lines = 0;
  for (const orderId of engineOrders) {
    const expected = engine.orderView(orderId);
    const actual = state.orders.get(orderId);
    if (actual === undefined) { problem(`${orderId}: missing in the reducer`); continue; }
    const status = engineStatus(expected.state);
    if (status !== actual.status) problem(`${orderId}: status engine ${status}, reducer ${actual.status}`);
    if (expected.lines.length !== actual.lines.length) problem(`${orderId}: ${expected.lines.length} lines in the engine, ${actual.lines.length} in the reducer`);
    expected.lines.forEach((line, i) => {
      lines += 1;
      const other = actual.lines[i];
      if (other === undefined || other.lineId !== line.lineId) { problem(`${orderId}: line ${i} is ${line.lineId} in the engine, ${other?.lineId} in the reducer`); return; }
      for (const key of PROGRESS_KEYS) {
        if (line.progress[key] !== other.progress[key]) problem(`${orderId}/${line.lineId}: progress.${key} engine ${line.progress[key]}, reducer ${other.progress[key]}`);
      }
      if (line.unitPrice !== other.unitPrice || line.taxRate !== other.taxRate || line.delivery.locationId !== other.delivery.locationId) problem(`${orderId}/${line.lineId}: price, tax or location differ`);
    });
    const paid = [amountPaid(expected.payments), amountPaid(actual.payments)];
    if (paid[0] !== paid[1]) problem(`${orderId}: payments total engine ${paid[0]}, reducer ${paid[1]}`);
    const invoiced = [amountInvoiced(expected.invoices), amountInvoiced(actual.invoices)];
    if (invoiced[0] !== invoiced[1]) problem(`${orderId}: invoices total engine ${invoiced[0]}, reducer ${invoiced[1]}`);
    const total = orderTotals(actual.lines, actual.charges).total;
    if (expected.totals.total !== total) problem(`${orderId}: order total engine ${expected.totals.total}, reducer ${total}`);
  }
  for (const [receiptId, receipt] of state.receipts) {
    const expected = engine.receipt(receiptId);
    if (expected === undefined) { problem(`receipt ${receiptId}: not in the engine`); continue; }
    if (expected.total !== receipt.total || expected.returns.length !== receipt.returns.length
      || sumMinor(expected.returns.map((r) => r.total)) !== sumMinor(receipt.returns.map((r) => r.total))) problem(`receipt ${receiptId}: total or returns differ`);
  }
  const returns = engine.allReturnOrders();
  if (returns.length !== state.returnOrders.length || sumMinor(returns.map((r) => r.record.total)) !== sumMinor(state.returnOrders.map((r) => r.record.total))) {
    problem(`return orders: engine ${returns.length}, reducer ${state.returnOrders.length} (or their totals differ)`);
  }
  for (const [locationId, location] of state.locations) {
    const view = engine.fulfillmentView(locationId);
    if (view.lines.length !== location.lines.size) problem(`${locationId}: ${view.lines.length} lines listed in the engine, ${location.lines.size} in the reducer`);
    for (const [productId, onHand] of Object.entries(view.onHand)) {
      if (location.onHand[productId] !== onHand) problem(`${locationId}/${productId}: on hand engine ${onHand}, reducer ${location.onHand[productId]}`);
    }
  }
  for (const reg of state.registers.values()) {
    const view = engine.registerView(reg.registerId);
    if ((view.transaction === null) !== (reg.transaction === null) || view.operatorId !== reg.operatorId) problem(`${reg.registerId}: register state differs`);
  }
  if (engine.store.seq !== state.seq) problem(`seq: engine ${engine.store.seq}, reducer ${state.seq}`);
  if (problems.length > 0) throw new Error(`reducer and engine disagree:\n  ${problems.join('\n  ')}`);
  return { orders: state.orders.size, lines, receipts: state.receipts.size, returnOrders: state.returnOrders.length, locations: state.locations.size };
}
