/**
 * A minimal hand-written reducer of the engine's rules over plain objects, for benchmarks: no XState, no zod, no
 * rollback, no validation, no headquarters (it trusts commands the engine has accepted). It keeps the same
 * contexts the actors keep (engine/domain) and changes them with the same domain functions the machines' actions
 * and the engine's flows call, and draws ids in the same order as the engine, so `compareWithEngine` can check it
 * against an engine that ran the same commands (test/engine/reducer-equivalence.test.ts does, on a small day).
 *
 * Covers every command type the synthetic day uses; it throws on the few it does not (order edits,
 * headquarters.resetFulfillment, manual charges).
 */
import { addItem, emptyCart, removeLine, resolveDelivery, setCustomer, setDelivery, setQuantity, targetLines, type Cart } from '../engine/domain/cart.ts';
import { buildCatalog, type Catalog } from '../engine/domain/catalog.ts';
import { cancellationCharge } from '../engine/domain/cancellation.ts';
import {
  cancelOrder, fulfillmentAssignments, invoiceOrder, isFullyInvoiced, markLines as markOrderLines, postReturn, progressLines, type CustomerOrderContext,
  type PaymentReceipt,
} from '../engine/domain/customer-order.ts';
import { allLines, assignLines, markLines, newFulfillmentGroup, operate, shelfMoved, type FulfillmentGroupContext, type LineQuantity } from '../engine/domain/fulfillment-group.ts';
import { applyInvoice, applyPack, applyPick, applyReject, productQuantities, uninvoicedQuantity, type LineProgress, type ProductQuantity } from '../engine/domain/fulfillment.ts';
import { sumMinor } from '../engine/domain/money.ts';
import { buildInvoice, registerInvoice, type QuantityOfLine } from '../engine/domain/order-invoicing.ts';
import { amountInvoiced, amountPaid, type TenderMethod } from '../engine/domain/payments.ts';
import {
  amountKept, cancellationTransaction, completesTransaction, newTransaction, pickupTransaction, recalledOrder, returnTransaction, tendered, withTender,
  type RegisterContext, type RegisterTransaction, type ReturnOriginal,
} from '../engine/domain/register-transaction.ts';
import { orderTotals } from '../engine/domain/sales.ts';
import { orderSource, receiptSource, type Receipt, type ReturnOrder } from '../engine/domain/store-records.ts';
import { openShift, recordTransaction, shiftReport } from '../engine/domain/shift.ts';
import { receiptBody, receiptDocument, receiptOrder, withReceipt } from '../engine/domain/receipt-document.ts';
import type { ReturnRecord } from '../engine/domain/returns.ts';
import { carriedOut, newOrderLines, registerPayments, returnRecord, saleReceipt } from '../engine/domain/transaction-completion.ts';
import type { Chain } from '../engine/chain.ts';
import { deliveryRequest } from '../engine/command-handlers.ts';
import { DEFAULT_START, SeededIds } from '../engine/ids.ts';
import { OrderIndex } from '../engine/order-index.ts';
import type { Command } from '../engine/protocol/commands.ts';

export type OrderStatus = 'quote' | 'open' | 'completed' | 'cancelled';
export interface ReducerOrder extends CustomerOrderContext { status: OrderStatus }

export interface ReducerState {
  catalog: Catalog;
  seq: number;
  clock: number;
  ids: SeededIds;
  registers: Map<string, RegisterContext>;
  orders: Map<string, ReducerOrder>;
  locations: Map<string, FulfillmentGroupContext>;
  receipts: Map<string, Receipt>;
  returnOrders: ReturnOrder[];
  index: OrderIndex;
}

export function initialState(config: unknown, catalog: Catalog = buildCatalog(config)): ReducerState {
  const state: ReducerState = {
    catalog, seq: 0, clock: DEFAULT_START, ids: new SeededIds(1), registers: new Map(), orders: new Map(), locations: new Map(),
    receipts: new Map(), returnOrders: [], index: new OrderIndex(),
  };
  for (const [registerId, storeId] of catalog.registers) state.registers.set(registerId, { registerId, storeId, operatorId: null, transaction: null, shift: null, zReports: [], receipts: [] });
  for (const location of catalog.config.locations) {
    const store = catalog.storeAtLocation.get(location.id);
    const onHand = Object.fromEntries(catalog.config.inventory.filter((i) => i.locationId === location.id).map((i) => [i.productId, i.onHand]));
    state.locations.set(location.id, newFulfillmentGroup({ locationId: location.id, storeId: store?.id ?? null, manualAccept: store?.manualAccept ?? false, onHand }));
  }
  return state;
}

// --- Helpers ---

function register(state: ReducerState, registerId: string): RegisterContext {
  return state.registers.get(registerId)!;
}

function updateCart(reg: RegisterContext, update: (cart: Cart) => Cart): void {
  const t = reg.transaction!;
  reg.transaction = { ...t, cart: update(t.cart) };
}

/** The open transaction, or a new sale (ADD_ITEM / SET_CUSTOMER start one). */
function saleTransaction(state: ReducerState, reg: RegisterContext): RegisterTransaction {
  reg.transaction ??= newTransaction(emptyCart(state.catalog, reg.storeId), state.ids.next(`T-${reg.registerId}`), 'sale');
  return reg.transaction;
}

/** An order changes: the index takes in what it gained (invoices), and an open order fully invoiced completes. */
function changeOrder(state: ReducerState, order: ReducerOrder, change: Partial<CustomerOrderContext>): void {
  const before = { invoices: order.invoices };
  Object.assign(order, change);
  if (order.status === 'open' && isFullyInvoiced(order)) order.status = 'completed';
  state.index.note(order, before);
}

function location(state: ReducerState, locationId: string): FulfillmentGroupContext {
  return state.locations.get(locationId)!;
}

/** The order's ship and pickup lines reach their locations (fulfillmentRequested / fulfillmentChanged). */
function assignToLocations(state: ReducerState, order: ReducerOrder): void {
  const lines = fulfillmentAssignments(order);
  for (const locationId of new Set(lines.map((l) => l.locationId))) {
    const at = location(state, locationId);
    at.lines = assignLines(at, order.orderId, lines.filter((l) => l.locationId === locationId));
  }
}

/** A fulfilment operation: the location's lines and shelf, and the order's lines. */
function operateOn(state: ReducerState, locationId: string, orderId: string, lines: readonly QuantityOfLine[], apply: (p: LineProgress, q: number) => LineProgress): void {
  const at = location(state, locationId);
  Object.assign(at, operate(at, lines.map((l): LineQuantity => ({ orderId, lineId: l.lineId, quantity: l.quantity })), apply));
  const order = state.orders.get(orderId)!;
  changeOrder(state, order, { lines: progressLines(order, lines, apply) });
}

function invoiceAt(state: ReducerState, locationId: string, orderId: string, invoiceId: string, kind: 'ship' | 'pickup', lines: readonly QuantityOfLine[], payment: PaymentReceipt): void {
  const at = location(state, locationId);
  Object.assign(at, operate(at, lines.map((l) => ({ orderId, lineId: l.lineId, quantity: l.quantity })), applyInvoice));
  const order = state.orders.get(orderId)!;
  changeOrder(state, order, invoiceOrder(order, invoiceId, kind, lines, payment));
}

function moveShelf(state: ReducerState, storeId: string, lines: readonly ProductQuantity[], direction: 'sold' | 'returned'): void {
  const at = location(state, state.catalog.stores.get(storeId)!.locationId);
  at.onHand = shelfMoved(at.onHand, lines, direction);
}

function byOrder<T extends { orderId: string }>(lines: readonly T[]): Map<string, T[]> {
  const grouped = new Map<string, T[]>();
  for (const line of lines) grouped.set(line.orderId, [...(grouped.get(line.orderId) ?? []), line]);
  return grouped;
}

// --- Completing a register transaction ---

/** What a completion made that its receipt prints. */
interface Completed { orderId: string | null; receiptId: string | null; invoiceId: string | null; returnRecord: ReturnRecord | null }

/** The completion, then its receipt kept at the register (as the engine's issue-receipt flow does). */
function completeTransaction(state: ReducerState, reg: RegisterContext, transaction: RegisterTransaction): void {
  const { catalog } = state;
  const completed = settleTransaction(state, reg, transaction);
  const order = completed.orderId === null ? null : state.orders.get(completed.orderId)!;
  const made = { invoice: order?.invoices.find((i) => i.invoiceId === completed.invoiceId) ?? null, returnRecord: completed.returnRecord };
  const receipt = receiptDocument(catalog, transaction, receiptBody(catalog, transaction, made), {
    storeId: reg.storeId, registerId: reg.registerId, shiftId: reg.shift?.shiftId ?? null, operatorId: reg.operatorId ?? '', at: state.clock,
    isQuote: transaction.kind === 'sale' && transaction.cart.orderType === 'quote',
    references: { receiptId: completed.receiptId ?? undefined, invoiceId: completed.invoiceId ?? undefined, rmaNumber: completed.returnRecord?.rmaNumber },
    order: order === null ? null : receiptOrder(order),
  });
  reg.receipts = withReceipt(reg.receipts, receipt);
}

function settleTransaction(state: ReducerState, reg: RegisterContext, transaction: RegisterTransaction): Completed {
  const { catalog, ids } = state;
  const made = (facts: Partial<Completed>): Completed => ({ orderId: null, receiptId: null, invoiceId: null, returnRecord: null, ...facts });
  const kept = amountKept(catalog, transaction, tendered(transaction));
  const method: TenderMethod = transaction.tenders.at(-1)?.method ?? 'cash';
  const payment = (): PaymentReceipt => ({ paymentId: ids.next('PAY'), method });
  switch (transaction.kind) {
    case 'sale': {
      const { cart } = transaction;
      if (!cart.lines.some((l) => l.delivery.kind !== 'carryOut')) {
        const receipt = saleReceipt(cart, transaction.transactionId, reg.storeId, reg.registerId, state.clock);
        state.receipts.set(receipt.receiptId, receipt);
        moveShelf(state, reg.storeId, receipt.lines, 'sold');
        return made({ receiptId: receipt.receiptId });
      }
      const payments = registerPayments(kept, method, () => ids.next('PAY'));
      const orderId = ids.next('CO');
      const lines = newOrderLines(catalog, cart);
      const carried = carriedOut(lines);
      const invoice = registerInvoice({ lines, charges: cart.charges, invoices: [], payments }, 'pending', carried);
      moveShelf(state, reg.storeId, productQuantities({ lines }, carried), 'sold');
      const order: ReducerOrder = {
        orderId, createdAs: cart.orderType, channelReference: `${reg.storeId}-${transaction.transactionId}`, storeId: reg.storeId, customerId: cart.customerId!,
        createdAt: state.clock, origin: 'pos', orderCompletion: false, salesOrderId: ids.next('SO'),
        lines, charges: cart.charges, depositOverride: cart.depositOverride, cardToken: transaction.cardToken,
        payments, invoices: invoice === null ? [] : [{ ...invoice, invoiceId: ids.next('INV') }], returns: [], editedBy: null, cancellation: null,
        status: cart.orderType === 'quote' ? 'quote' : 'open',
      };
      state.orders.set(orderId, order);
      state.index.note(order, undefined);
      if (order.status === 'open') {
        assignToLocations(state, order);
        changeOrder(state, order, {});
      }
      return made({ orderId });
    }
    case 'cancellation': {
      const order = state.orders.get(transaction.order!.orderId)!;
      changeOrder(state, order, cancelOrder(order, transaction.cancellationCharge ?? 0, payment()));
      if (order.status === 'open') for (const at of state.locations.values()) at.lines = at.lines.delete(order.orderId);
      order.status = 'cancelled';
      return made({ orderId: order.orderId });
    }
    case 'pickup': {
      const invoiceId = ids.next('INV');
      invoiceAt(state, catalog.stores.get(reg.storeId)!.locationId, transaction.order!.orderId, invoiceId, 'pickup', transaction.pickupLines, payment());
      return made({ orderId: transaction.order!.orderId, invoiceId });
    }
    case 'return': {
      const original = transaction.returnOriginal!;
      const record = returnRecord(catalog, original, transaction.returnLines, ids.next('RMA'));
      if (original.kind === 'order') {
        const order = state.orders.get(original.id)!;
        changeOrder(state, order, postReturn(order, record, payment()));
        // The locations list an open order's lines with their returned units too (FF-1).
        if (order.status === 'open') assignToLocations(state, order);
      } else {
        const receipt = state.receipts.get(original.id)!;
        state.receipts.set(receipt.receiptId, { ...receipt, returns: [...receipt.returns, record] });
      }
      moveShelf(state, reg.storeId, productQuantities(original.source, record.lines), 'returned');
      state.returnOrders.push({ rmaNumber: record.rmaNumber, storeId: reg.storeId, original: { kind: original.kind, id: original.id }, customerId: original.customerId, at: state.clock, record });
      return made({ returnRecord: record });
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
  const { catalog, ids } = state;
  state.seq += 1;
  switch (command.type) {
    case 'clock.advance':
      state.clock += command.ms;
      break;
    case 'register.openShift': {
      const reg = register(state, command.registerId);
      reg.operatorId = command.operatorId;
      reg.shift = openShift(ids.next(`SH-${reg.registerId}`), command.operatorId, state.clock, command.openingFloat ?? 0);
      break;
    }
    case 'register.closeShift': {
      const reg = register(state, command.registerId);
      if (reg.shift !== null) reg.zReports = [...reg.zReports, shiftReport('Z', reg, reg.shift, state.clock, command.declaration ?? null)];
      reg.operatorId = null;
      reg.shift = null;
      break;
    }
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
      updateCart(register(state, command.registerId), (cart) => {
        const lineIds = targetLines(cart, request);
        const delivery = resolveDelivery(catalog, cart, request);
        if (!Array.isArray(lineIds) || 'rule' in delivery) throw new Error(`reducer: ${command.type} does not resolve`);
        return setDelivery(catalog, cart, lineIds, delivery);
      });
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
      const transaction = withTender(before, ids.next('TND'), command);
      const completes = completesTransaction(catalog, before, command.amount);
      reg.transaction = completes ? null : transaction;
      if (completes && reg.shift !== null) reg.shift = { ...reg.shift, totals: recordTransaction(catalog, reg.shift.totals, transaction) };
      if (completes) completeTransaction(state, reg, transaction);
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
      const transactionId = ids.next(`T-${reg.registerId}`);
      const order = state.orders.get(command.orderId)!;
      const recalled = recalledOrder(order, order.status === 'quote');
      if (command.purpose === 'cancel') {
        const proposed = cancellationCharge(orderTotals(order.lines.filter((l) => l.delivery.kind !== 'carryOut'), order.charges).total, catalog.config.parameters.cancellationChargePct);
        reg.transaction = cancellationTransaction(catalog, reg.storeId, transactionId, recalled, proposed);
      } else if (command.purpose === 'pickup') {
        const locationId = catalog.stores.get(reg.storeId)!.locationId;
        const lines = command.lines ?? order.lines
          .filter((l) => l.delivery.kind === 'pickup' && l.delivery.locationId === locationId && uninvoicedQuantity(l.progress) > 0)
          .map((l) => ({ lineId: l.lineId, quantity: uninvoicedQuantity(l.progress) }));
        reg.transaction = pickupTransaction(catalog, reg.storeId, transactionId, recalled, lines, buildInvoice(order, 'preview', 'pickup', lines).collect);
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
        const orderId = by === 'orderId' ? value : by === 'invoiceId' ? state.index.withInvoice(value)! : state.index.withChannelReference(value)!;
        const order = state.orders.get(orderId)!;
        original = { kind: 'order', id: orderId, customerId: order.customerId, source: orderSource(order) };
      }
      reg.transaction = returnTransaction(catalog, reg.storeId, ids.next(`T-${reg.registerId}`), original);
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
      changeOrder(state, order, {});
      break;
    }
    case 'fulfillment.accept':
    case 'fulfillment.printPickList': {
      const pickListId = command.type === 'fulfillment.printPickList' ? ids.next('PL') : null;
      const change = (p: LineProgress): LineProgress => (pickListId === null ? { ...p, accepted: true } : { ...p, pickListId });
      const at = location(state, command.locationId);
      at.lines = markLines(at, command.lines, (l) => change(l.progress));
      for (const [orderId, refs] of byOrder(command.lines)) {
        const order = state.orders.get(orderId)!;
        changeOrder(state, order, { lines: markOrderLines(order, refs.map((r) => r.lineId), (l) => change(l.progress)) });
      }
      break;
    }
    case 'fulfillment.pick':
    case 'fulfillment.reject':
      for (const [orderId, lines] of byOrder(command.lines)) operateOn(state, command.locationId, orderId, lines, command.type === 'fulfillment.pick' ? applyPick : applyReject);
      break;
    case 'fulfillment.pack':
      ids.next('PS');
      operateOn(state, command.locationId, command.orderId, command.lines, applyPack);
      break;
    case 'fulfillment.ship': {
      const invoiceId = ids.next('INV');
      // CO-8: what deposits do not cover is charged to the card token at invoicing.
      invoiceAt(state, command.locationId, command.orderId, invoiceId, 'ship', command.lines, { paymentId: ids.next('PAY'), method: 'cardToken' });
      break;
    }
    default:
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
 * line's progress, payments total, invoices total, order total), every receipt, the return orders, every
 * location's on-hand stock and open lines, and every register's shift totals, Z reports and kept receipts.
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
  for (const [locationId, at] of state.locations) {
    const view = engine.fulfillmentView(locationId);
    const listed = new Map(allLines(at).map((l) => [`${l.orderId}/${l.lineId}`, l]));
    if (view.lines.length !== listed.size) problem(`${locationId}: ${view.lines.length} lines listed in the engine, ${listed.size} in the reducer`);
    for (const row of view.lines) {
      const other = listed.get(`${row.orderId}/${row.lineId}`);
      if (other === undefined || PROGRESS_KEYS.some((key) => row.progress[key] !== other.progress[key])) problem(`${locationId}: line ${row.orderId}/${row.lineId} differs`);
    }
    for (const [productId, onHand] of Object.entries(view.onHand)) {
      if (at.onHand.get(productId) !== onHand) problem(`${locationId}/${productId}: on hand engine ${onHand}, reducer ${at.onHand.get(productId)}`);
    }
  }
  for (const reg of state.registers.values()) {
    const view = engine.registerView(reg.registerId);
    if ((view.transaction === null) !== (reg.transaction === null) || view.operatorId !== reg.operatorId) problem(`${reg.registerId}: register state differs`);
    // End of day: the shift's running totals, its Z reports and the receipts kept to print.
    if (JSON.stringify(view.shift) !== JSON.stringify(reg.shift)) problem(`${reg.registerId}: shift totals differ`);
    if (JSON.stringify(engine.zReports(reg.storeId).filter((z) => z.registerId === reg.registerId).reverse()) !== JSON.stringify(reg.zReports)) problem(`${reg.registerId}: Z reports differ`);
    if (JSON.stringify(view.receipts) !== JSON.stringify(reg.receipts)) problem(`${reg.registerId}: receipts differ`);
  }
  if (engine.store.seq !== state.seq) problem(`seq: engine ${engine.store.seq}, reducer ${state.seq}`);
  if (problems.length > 0) throw new Error(`reducer and engine disagree:\n  ${problems.join('\n  ')}`);
  return { orders: state.orders.size, lines, receipts: state.receipts.size, returnOrders: state.returnOrders.length, locations: state.locations.size };
}
