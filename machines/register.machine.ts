/**
 * Register (till) actor: shift, cart, customer, the POS operations of CO-2, tender, void and recall
 * (edit CO-10, cancel CO-11, pick up FF-6, return RT-1..RT-3). A completed transaction is emitted for the host
 * to turn into a customer order, a sale, an order update, a cancellation, a pickup or a return.
 */
import { and, assign, emit, setup, type SnapshotFrom } from 'xstate';
import {
  addCharge, addItem, cartAmountDue, checkAddItem, checkChargeOverride, checkCompletion, checkCustomer, checkDepositOverride,
  checkLineExists, checkManualCharge, checkOverrideCharge, emptyCart, keptOnCompletion, overrideCartCharge, recalculateCart, removeLine,
  repriceCart, resolveDelivery, setCustomer, setDelivery, setQuantity, targetLines, type Cart,
} from '../engine/domain/cart.ts';
import { hasPermission, type Catalog } from '../engine/domain/catalog.ts';
import { openQuantity } from '../engine/domain/fulfillment.ts';
import { sumMinor, type Minor } from '../engine/domain/money.ts';
import { editAmountDue } from '../engine/domain/order-edit.ts';
import { paidTowardsOrder, unappliedPrepayment } from '../engine/domain/payments.ts';
import { calculateReturn, checkReturnRequest } from '../engine/domain/returns.ts';
import { isViolation, violation, type RuleViolation } from '../engine/domain/violation.ts';
import type { CustomerOrderContext, OrderLine } from './customer-order.types.ts';
import type { RecalledOrder, RegisterContext, RegisterEmitted, RegisterEvent, RegisterInput, RegisterTransaction, TransactionKind } from './register.types.ts';

type EventOf<T extends RegisterEvent['type']> = Extract<RegisterEvent, { type: T }>;

export function tendered(transaction: RegisterTransaction): Minor {
  return sumMinor(transaction.tenders.map((t) => t.amount));
}

/** What the transaction asks of the customer: positive = pay, negative = refund. */
export function transactionDue(catalog: Catalog, transaction: RegisterTransaction): Minor {
  const { order } = transaction;
  switch (transaction.kind) {
    case 'sale':
      return cartAmountDue(catalog, transaction.cart).due;
    case 'orderEdit':
      return editAmountDue(catalog, transaction.cart, order!);
    case 'cancellation':
      // CO-11: refund = deposits held - charge (negative = the customer owes).
      return (transaction.cancellationCharge ?? 0) - unappliedPrepayment(order!.payments, order!.invoices);
    case 'pickup':
      return transaction.pickupDue;
    case 'return':
      return transaction.returnOriginal === null || transaction.returnLines.length === 0
        ? 0 : calculateReturn(catalog, transaction.returnOriginal.source, transaction.returnLines).total;
  }
}

/** What was paid on the order before this transaction (an edit counts it towards the new total). */
function paidBefore(transaction: RegisterTransaction): Minor {
  return transaction.kind === 'orderEdit' ? paidTowardsOrder(transaction.order!.payments) : 0;
}

/**
 * What a completing transaction keeps of `received`: a refund as tendered; for a sale or an edit the due, and cash
 * beyond it as prepayment up to what the order still owes (the rest is change); otherwise the due.
 */
export function amountKept(catalog: Catalog, transaction: RegisterTransaction, received: Minor): Minor {
  const due = transactionDue(catalog, transaction);
  if (due < 0) return received;
  if (transaction.kind === 'sale' || transaction.kind === 'orderEdit') return keptOnCompletion(transaction.cart, due, paidBefore(transaction), received);
  return Math.min(received, due);
}

/** The register's view of an order it recalls for edit, cancel or pickup. */
export function recalledOrder(order: CustomerOrderContext, isQuote: boolean): RecalledOrder {
  return {
    orderId: order.orderId, customerId: order.customerId, lines: order.lines, payments: order.payments, invoices: order.invoices,
    cardToken: order.cardToken, charges: order.charges, depositOverride: order.depositOverride, isQuote,
  };
}

function newTransaction(storeCart: Cart, transactionId: string, kind: TransactionKind, extra: Partial<RegisterTransaction> = {}): RegisterTransaction {
  return {
    transactionId, kind, cart: storeCart, tenders: [], cardToken: null, order: null, cancellationCharge: null,
    pickupLines: [], pickupDue: 0, returnOriginal: null, returnLines: [], approvedBy: null, ...extra,
  };
}

/** The recalled order's progress for a cart line, if the line was on the order before the edit. */
function recalledProgress(transaction: RegisterTransaction, lineId: string): OrderLine['progress'] | undefined {
  return transaction.order?.lines.find((l) => l.lineId === lineId)?.progress;
}

/** CO-10: the recalled order's lines with invoiced units: their price and charges are what was invoiced. */
function invoicedLineIds(transaction: RegisterTransaction): Set<string> {
  return new Set((transaction.order?.lines ?? []).filter((l) => l.progress.invoiced > 0).map((l) => l.lineId));
}

function checkChargeOfInvoicedLine(transaction: RegisterTransaction | null, lineId: string | undefined, field: string): RuleViolation | null {
  if (transaction === null || lineId === undefined || !invoicedLineIds(transaction).has(lineId)) return null;
  return violation('CO-10', `line ${lineId} has invoiced units: its charges stay as invoiced`, field);
}

/** CO-10: an edit may not take back what fulfilment has already done to a line. */
function checkEditOfLine(transaction: RegisterTransaction, lineId: string, change: 'quantity' | 'remove' | 'delivery', quantity = 0): RuleViolation | null {
  const progress = recalledProgress(transaction, lineId);
  if (progress === undefined) return null;
  const processed = progress.quantity - openQuantity(progress);
  const isSoldCarryOut = transaction.order?.lines.find((l) => l.lineId === lineId)?.delivery.kind === 'carryOut';
  if (change === 'quantity' && isSoldCarryOut) {
    return quantity === progress.quantity ? null : violation('CO-10', `line ${lineId} was carried out and invoiced: add a new line instead`, 'quantity');
  }
  if (change === 'quantity') {
    return quantity >= processed ? null : violation('CO-10', `line ${lineId} has ${processed} units in fulfilment: quantity cannot go below that`, 'quantity');
  }
  return processed === 0 ? null : violation('CO-10', `line ${lineId} is in fulfilment: it cannot be ${change === 'remove' ? 'removed' : 're-routed'}`, 'lineId');
}

function approver(context: RegisterContext, approverId: string | undefined): string {
  return approverId ?? context.operatorId ?? '';
}

function needTransaction(context: RegisterContext): RegisterTransaction | RuleViolation {
  return context.transaction ?? violation('STATE', `register ${context.registerId} has no open transaction`, 'registerId');
}


function checkTender(catalog: Catalog, transaction: RegisterTransaction, event: EventOf<'TENDER'>): RuleViolation | null {
  const due = transactionDue(catalog, transaction);
  const remaining = due - tendered(transaction);
  if (!Number.isInteger(event.amount)) return violation('VALIDATION', 'amount must be a whole number of minor units', 'amount');
  if (due > 0 || (due === 0 && remaining !== 0)) {
    if (event.amount <= 0 && !(remaining <= 0 && event.amount === 0)) return violation('VALIDATION', 'a payment must be positive', 'amount');
    if (event.method !== 'cash' && event.amount > remaining) return violation('VALIDATION', `card payments cannot exceed the ${remaining} remaining`, 'amount');
  } else if (due < 0) {
    if (event.amount >= 0 || event.amount < remaining) return violation('VALIDATION', `a refund is negative and at most ${-remaining}`, 'amount');
  } else if (event.amount !== 0) {
    return violation('VALIDATION', 'nothing is due: finish with a zero payment', 'amount');
  }
  if (event.method === 'cardToken' && (transaction.order?.cardToken ?? transaction.cardToken) === null) {
    return violation('CO-8', 'the order has no card token to charge', 'method');
  }
  if (!completes(catalog, transaction, event)) return null;
  const cardToken = event.cardToken ?? transaction.cardToken ?? transaction.order?.cardToken ?? null;
  if (transaction.kind === 'sale' || transaction.kind === 'orderEdit') {
    const paidAfter = paidBefore(transaction) + amountKept(catalog, transaction, tendered(transaction) + event.amount);
    const found = checkCompletion(transaction.cart, paidAfter, cardToken);
    if (found !== null) return found;
  }
  if (transaction.kind === 'return') {
    if (transaction.returnLines.length === 0) return violation('RT-1', 'choose the lines to return first', 'lines');
    const calculation = calculateReturn(catalog, transaction.returnOriginal!.source, transaction.returnLines);
    const approvedBy = event.approverId ?? transaction.approvedBy;
    if (calculation.needsApproval && (approvedBy === undefined || approvedBy === null || !hasPermission(catalog, approvedBy, 'managerOverride'))) {
      return violation('RT-3', `shipping refunds over ${catalog.config.parameters.maxShippingRefundWithoutApproval} need a manager override`, 'approverId');
    }
  }
  return null;
}

/** Whether this tender settles the transaction. */
function completes(catalog: Catalog, transaction: RegisterTransaction, event: EventOf<'TENDER'>): boolean {
  const due = transactionDue(catalog, transaction);
  const after = tendered(transaction) + event.amount;
  return due >= 0 ? after >= due : after === due;
}

/** Why the register's rules refuse an event here (null = allowed by the rules; the state may still refuse it). */
export function registerRule(catalog: Catalog, context: RegisterContext, event: RegisterEvent): RuleViolation | null {
  const storeCart = () => context.transaction?.cart ?? emptyCart(catalog, context.storeId);
  switch (event.type) {
    case 'OPEN_SHIFT': {
      const staff = catalog.staff.get(event.operatorId);
      if (staff === undefined) return violation('NOT_FOUND', `unknown operator "${event.operatorId}"`, 'operatorId');
      return staff.storeIds.includes(context.storeId) ? null : violation('ST-5', `operator ${event.operatorId} does not work at store ${context.storeId}`, 'operatorId');
    }
    case 'CLOSE_SHIFT':
    case 'VOID':
    case 'RECALCULATE':
      return null;
    case 'ADD_ITEM':
      return checkAddItem(catalog, event.productId, event.quantity, event.unitPrice, approver(context, event.approverId));
    case 'SET_CUSTOMER':
      return checkCustomer(catalog, event.customerId);
    case 'SELECT_LINE':
      return checkLineExists(storeCart(), event.lineId);
    case 'SET_QUANTITY':
    case 'REMOVE_LINE': {
      const transaction = needTransaction(context);
      if (isViolation(transaction)) return transaction;
      const missing = checkLineExists(transaction.cart, event.lineId);
      if (missing !== null) return missing;
      if (event.type === 'REMOVE_LINE') return checkEditOfLine(transaction, event.lineId, 'remove');
      if (!Number.isInteger(event.quantity) || event.quantity <= 0) return violation('VALIDATION', 'quantity must be a positive whole number', 'quantity');
      return checkEditOfLine(transaction, event.lineId, 'quantity', event.quantity);
    }
    case 'SET_DELIVERY': {
      const transaction = needTransaction(context);
      if (isViolation(transaction)) return transaction;
      const lineIds = targetLines(transaction.cart, event.request);
      if (isViolation(lineIds)) return lineIds;
      const delivery = resolveDelivery(catalog, transaction.cart, event.request);
      if (isViolation(delivery)) return delivery;
      for (const lineId of lineIds) {
        const found = checkEditOfLine(transaction, lineId, 'delivery');
        if (found !== null) return found;
      }
      return null;
    }
    case 'SET_ORDER_TYPE':
      return null;
    case 'OVERRIDE_DEPOSIT':
      return checkDepositOverride(catalog, storeCart(), event.amount, approver(context, event.approverId));
    case 'ADD_CHARGE':
      return checkManualCharge(catalog, storeCart(), event, approver(context, event.approverId))
        ?? checkChargeOfInvoicedLine(context.transaction, event.level === 'line' ? event.lineId : undefined, 'lineId');
    case 'OVERRIDE_CHARGE':
      return checkOverrideCharge(storeCart(), event.key)
        ?? checkChargeOfInvoicedLine(context.transaction, storeCart().charges.find((c) => c.key === event.key)?.lineId, 'key')
        ?? checkChargeOverride(catalog, approver(context, event.approverId), event.amount);
    case 'TENDER': {
      const transaction = needTransaction(context);
      return isViolation(transaction) ? transaction : checkTender(catalog, transaction, event);
    }
    case 'RECALL_EDIT':
    case 'RECALL_CANCEL':
    case 'START_PICKUP':
      return null;
    case 'START_RETURN':
      return event.original.source.lines.some((l) => l.invoiced > 0)
        ? null : violation('RT-1', 'customer orders are returnable once invoiced: nothing on this original is invoiced yet', 'original');
    case 'ADJUST_CANCELLATION_CHARGE': {
      // CO-11: the charge is shown and adjustable before confirming; changing it is a charge override (ST-5).
      return checkChargeOverride(catalog, approver(context, event.approverId), event.amount);
    }
    case 'SET_RETURN_LINES': {
      const transaction = needTransaction(context);
      if (isViolation(transaction)) return transaction;
      return checkReturnRequest(catalog, transaction.returnOriginal!.source, event.lines);
    }
  }
}

export function createRegisterMachine(catalog: Catalog) {
  const updateCart = (update: (cart: Cart, event: RegisterEvent, context: RegisterContext) => Cart) =>
    assign<RegisterContext, RegisterEvent, undefined, RegisterEvent, never>({ transaction: ({ context, event }) =>
      ({ ...context.transaction!, cart: update(context.transaction!.cart, event, context) }) });
  const cartEditing = {
    ADD_ITEM: { guard: 'allowed', actions: 'addItem' },
    SET_QUANTITY: { guard: 'allowed', actions: 'setQuantity' },
    REMOVE_LINE: { guard: 'allowed', actions: 'removeLine' },
    SELECT_LINE: { guard: 'allowed', actions: 'selectLine' },
    SET_DELIVERY: { guard: 'allowed', actions: 'setDelivery' },
    OVERRIDE_DEPOSIT: { guard: 'allowed', actions: 'overrideDeposit' },
    ADD_CHARGE: { guard: 'allowed', actions: 'addCharge' },
    OVERRIDE_CHARGE: { guard: 'allowed', actions: 'overrideCharge' },
  } as const;

  return setup({
    types: {
      context: {} as RegisterContext,
      events: {} as RegisterEvent,
      input: {} as RegisterInput,
      emitted: {} as RegisterEmitted,
    },
    guards: {
      allowed: ({ context, event }) => registerRule(catalog, context, event) === null,
      completes: ({ context, event }) => completes(catalog, context.transaction!, event as EventOf<'TENDER'>),
    },
    actions: {
      openShift: assign({ operatorId: ({ event }) => (event as EventOf<'OPEN_SHIFT'>).operatorId }),
      closeShift: assign({ operatorId: null }),
      beginSale: assign({ transaction: ({ context, event }) =>
        newTransaction(emptyCart(catalog, context.storeId), (event as EventOf<'ADD_ITEM' | 'SET_CUSTOMER'>).transactionId, 'sale') }),
      addItem: updateCart((cart, event) => {
        const e = event as EventOf<'ADD_ITEM'>;
        return addItem(catalog, cart, `${e.transactionId}-${cart.nextLineNumber}`, e.productId, e.quantity, e.unitPrice);
      }),
      setQuantity: updateCart((cart, event) => setQuantity(catalog, cart, (event as EventOf<'SET_QUANTITY'>).lineId, (event as EventOf<'SET_QUANTITY'>).quantity)),
      removeLine: updateCart((cart, event) => removeLine(catalog, cart, (event as EventOf<'REMOVE_LINE'>).lineId)),
      selectLine: updateCart((cart, event) => ({ ...cart, selectedLineId: (event as EventOf<'SELECT_LINE'>).lineId })),
      setCustomer: updateCart((cart, event) => setCustomer(catalog, cart, (event as EventOf<'SET_CUSTOMER'>).customerId)),
      setDelivery: updateCart((cart, event) => {
        const { request } = event as EventOf<'SET_DELIVERY'>;
        return setDelivery(catalog, cart, targetLines(cart, request) as string[], resolveDelivery(catalog, cart, request) as Exclude<ReturnType<typeof resolveDelivery>, RuleViolation>);
      }),
      setOrderType: updateCart((cart, event) => ({ ...cart, orderType: (event as EventOf<'SET_ORDER_TYPE'>).orderType })),
      overrideDeposit: updateCart((cart, event) => ({ ...cart, depositOverride: (event as EventOf<'OVERRIDE_DEPOSIT'>).amount })),
      addCharge: updateCart((cart, event) => addCharge(catalog, cart, event as EventOf<'ADD_CHARGE'>)),
      overrideCharge: updateCart((cart, event) => {
        const e = event as EventOf<'OVERRIDE_CHARGE'>;
        return overrideCartCharge(cart, e.key, e.amount, e.reasonCode);
      }),
      recalculate: updateCart((cart, _event, context) => recalculateCart(catalog, cart, invoicedLineIds(context.transaction!))),
      beginEdit: assign({ transaction: ({ context, event }) => {
        const { order, transactionId } = event as EventOf<'RECALL_EDIT'>;
        // CO-10: existing lines keep their prices and discounts until Recalculate.
        const lines = order.lines.map(({ progress: _progress, ...line }) => ({ ...line, priceLocked: true }));
        const cart = repriceCart(catalog, {
          ...emptyCart(catalog, context.storeId), customerId: order.customerId, lines, nextLineNumber: lines.length + 1,
          charges: order.charges, depositOverride: order.depositOverride, orderType: order.isQuote ? 'quote' : 'customerOrder',
        });
        return newTransaction(cart, transactionId, 'orderEdit', { order, cardToken: order.cardToken });
      } }),
      beginCancel: assign({ transaction: ({ context, event }) => {
        const { order, transactionId, proposedCharge } = event as EventOf<'RECALL_CANCEL'>;
        return newTransaction({ ...emptyCart(catalog, context.storeId), customerId: order.customerId }, transactionId, 'cancellation', { order, cancellationCharge: proposedCharge });
      } }),
      adjustCancellationCharge: assign({ transaction: ({ context, event }) => ({ ...context.transaction!, cancellationCharge: (event as EventOf<'ADJUST_CANCELLATION_CHARGE'>).amount }) }),
      beginPickup: assign({ transaction: ({ context, event }) => {
        const { order, transactionId, lines, due } = event as EventOf<'START_PICKUP'>;
        // FF-6: the whole order is loaded in the cart, lines not picked up now at quantity 0.
        const cartLines = order.lines.map(({ progress: _progress, ...line }) => ({ ...line, quantity: lines.find((l) => l.lineId === line.lineId)?.quantity ?? 0, priceLocked: true }));
        const cart = { ...emptyCart(catalog, context.storeId), customerId: order.customerId, lines: cartLines };
        return newTransaction(cart, transactionId, 'pickup', { order, pickupLines: lines, pickupDue: due, cardToken: order.cardToken });
      } }),
      beginReturn: assign({ transaction: ({ context, event }) => {
        const { original, transactionId } = event as EventOf<'START_RETURN'>;
        return newTransaction({ ...emptyCart(catalog, context.storeId), customerId: original.customerId }, transactionId, 'return', { returnOriginal: original });
      } }),
      setReturnLines: assign({ transaction: ({ context, event }) => ({ ...context.transaction!, returnLines: (event as EventOf<'SET_RETURN_LINES'>).lines }) }),
      addTender: assign({ transaction: ({ context, event }) => {
        const e = event as EventOf<'TENDER'>;
        return {
          ...context.transaction!,
          tenders: [...context.transaction!.tenders, { tenderId: e.tenderId, method: e.method, amount: e.amount }],
          cardToken: e.cardToken ?? context.transaction!.cardToken,
          approvedBy: e.approverId ?? context.transaction!.approvedBy,
        };
      } }),
      emitCompleted: emit(({ context }) => ({
        type: 'transactionCompleted' as const, registerId: context.registerId, storeId: context.storeId,
        operatorId: context.operatorId ?? '', transaction: context.transaction!,
      })),
      emitVoided: emit(({ context }) => ({ type: 'transactionVoided' as const, registerId: context.registerId, transaction: context.transaction! })),
      endTransaction: assign({ transaction: null }),
    },
  }).createMachine({
    id: 'register',
    context: ({ input }) => ({ ...input, operatorId: null, transaction: null }),
    initial: 'closed',
    states: {
      closed: {
        on: { OPEN_SHIFT: { guard: 'allowed', target: 'ready', actions: 'openShift' } },
      },
      ready: {
        on: {
          CLOSE_SHIFT: { target: 'closed', actions: 'closeShift' },
          ADD_ITEM: { guard: 'allowed', target: 'transaction.sale', actions: ['beginSale', 'addItem'] },
          SET_CUSTOMER: { guard: 'allowed', target: 'transaction.sale', actions: ['beginSale', 'setCustomer'] },
          RECALL_EDIT: { target: 'transaction.orderEdit', actions: 'beginEdit' },
          RECALL_CANCEL: { target: 'transaction.cancellation', actions: 'beginCancel' },
          START_PICKUP: { target: 'transaction.pickup', actions: 'beginPickup' },
          START_RETURN: { guard: 'allowed', target: 'transaction.return', actions: 'beginReturn' },
        },
      },
      transaction: {
        // Entered through the kind's own state (e.g. 'transaction.sale'); 'sale' is only the default.
        initial: 'sale',
        on: {
          TENDER: [
            { guard: and(['allowed', 'completes']), target: 'ready', actions: ['addTender', 'emitCompleted', 'endTransaction'] },
            { guard: 'allowed', actions: 'addTender' },
          ],
          VOID: { target: 'ready', actions: ['emitVoided', 'endTransaction'] },
        },
        states: {
          sale: {
            on: {
              ...cartEditing,
              SET_CUSTOMER: { guard: 'allowed', actions: 'setCustomer' },
              SET_ORDER_TYPE: { actions: 'setOrderType' },
            },
          },
          orderEdit: { on: { ...cartEditing, RECALCULATE: { actions: 'recalculate' } } },
          cancellation: { on: { ADJUST_CANCELLATION_CHARGE: { guard: 'allowed', actions: 'adjustCancellationCharge' } } },
          pickup: {},
          return: { on: { SET_RETURN_LINES: { guard: 'allowed', actions: 'setReturnLines' } } },
        },
      },
    },
  });
}

export type RegisterMachine = ReturnType<typeof createRegisterMachine>;
export type RegisterSnapshot = SnapshotFrom<RegisterMachine>;
