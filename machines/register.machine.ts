/**
 * Register (till) actor: shift, cart, customer, the POS operations of CO-2, tender, void and recall
 * (edit CO-10, cancel CO-11, pick up FF-6, return RT-1..RT-3). A completed transaction is emitted for the host
 * to turn into a customer order, a sale, an order update, a cancellation, a pickup or a return.
 */
import { and, assertEvent, assign, emit, setup, type SnapshotFrom } from 'xstate';
import {
  addCharge, addItem, checkAddItem, checkChargeOverride, checkChargeReason, checkCustomer, checkDepositOverride, checkLineExists, checkManualCharge, findLine,
  checkOverrideCharge, emptyCart, overrideCartCharge, recalculateCart, removeLine, resolveDelivery, setCustomer, setDelivery, setQuantity,
  targetLines, type Cart, type DeliveryRequest, type OrderType,
} from '../engine/domain/cart.ts';
import type { Catalog } from '../engine/domain/catalog.ts';
import type { Minor } from '../engine/domain/money.ts';
import type { QuantityOfLine } from '../engine/domain/order-invoicing.ts';
import {
  approverOf, cancellationTransaction, checkQuoteApproval, checkChargeOfInvoicedLine, checkEditOfLine, checkReturnable, checkShiftOperator, checkTender,
  completesTransaction, editTransaction, invoicedLineIds, newTransaction, pickupTransaction, returnTransaction, withTender,
  type RecalledOrder, type RegisterContext, type RegisterTransaction, type ReturnOriginal,
} from '../engine/domain/register-transaction.ts';
import { openShift, recordTransaction, shiftReport, type TenderDeclaration } from '../engine/domain/shift.ts';
import { withReceipt, type ReceiptDocument } from '../engine/domain/receipt-document.ts';
import { checkReturnRequest, type ReturnRequestLine } from '../engine/domain/returns.ts';
import type { TenderMethod } from '../engine/domain/payments.ts';
import { checkLineAmount } from '../engine/domain/limits.ts';
import { isViolation, violation } from '../engine/domain/violation.ts';
import { guardsOf, type ChartMeta, type Rule } from './rules.ts';

export interface RegisterInput { registerId: string; storeId: string }

export type RegisterEvent =
  | { type: 'OPEN_SHIFT'; operatorId: string; shiftId: string; openingFloat: Minor; at: number }
  | { type: 'CLOSE_SHIFT'; at: number; declaration: TenderDeclaration | null }
  | { type: 'ADD_ITEM'; transactionId: string; productId: string; quantity: number; unitPrice?: Minor | undefined; approverId?: string | undefined }
  | { type: 'SET_QUANTITY'; lineId: string; quantity: number }
  | { type: 'REMOVE_LINE'; lineId: string }
  | { type: 'SELECT_LINE'; lineId: string | null }
  | { type: 'SET_CUSTOMER'; transactionId: string; customerId: string }
  | { type: 'SET_DELIVERY'; request: DeliveryRequest }
  | { type: 'SET_ORDER_TYPE'; orderType: OrderType }
  | { type: 'OVERRIDE_DEPOSIT'; amount: Minor; approverId?: string | undefined }
  | { type: 'ADD_CHARGE'; level: 'header' | 'line'; lineId?: string | undefined; chargeCode: string; amount: Minor; reasonCode?: string | undefined; approverId?: string | undefined }
  | { type: 'OVERRIDE_CHARGE'; key: string; amount: Minor; reasonCode: string; approverId?: string | undefined }
  | { type: 'RECALCULATE' }
  | { type: 'APPROVE_QUOTE'; approverId?: string | undefined }
  | { type: 'TENDER'; tenderId: string; method: TenderMethod; amount: Minor; cardToken?: string | undefined; approverId?: string | undefined }
  | { type: 'VOID' }
  | { type: 'RECALL_EDIT'; transactionId: string; order: RecalledOrder }
  | { type: 'RECALL_CANCEL'; transactionId: string; order: RecalledOrder; proposedCharge: Minor }
  | { type: 'ADJUST_CANCELLATION_CHARGE'; amount: Minor; approverId?: string | undefined }
  | { type: 'START_PICKUP'; transactionId: string; order: RecalledOrder; lines: QuantityOfLine[]; due: Minor }
  | { type: 'START_RETURN'; transactionId: string; original: ReturnOriginal; invoiceId?: string | undefined }
  | { type: 'SET_RETURN_LINES'; lines: ReturnRequestLine[]; invoiceId?: string | undefined }
  | { type: 'RECEIPT_ISSUED'; receipt: ReceiptDocument };

export type RegisterEmitted =
  | { type: 'transactionCompleted'; registerId: string; storeId: string; operatorId: string; transaction: RegisterTransaction }
  | { type: 'transactionVoided'; registerId: string; transaction: RegisterTransaction };

/** The cart the operation applies to (the open transaction's, or a fresh one before the first line). */
const cartOf = (catalog: Catalog, context: RegisterContext): Cart => context.transaction?.cart ?? emptyCart(catalog, context.storeId);

/** The register's rules, each the guard of the transitions it governs. */
export function registerRules(catalog: Catalog) {
  return {
    'ST-5 operatorWorksHere': (context, event) => {
      assertEvent(event, 'OPEN_SHIFT');
      return checkShiftOperator(catalog, context.storeId, event.operatorId);
    },
    'CO-2 itemAddable': (context, event) => {
      assertEvent(event, 'ADD_ITEM');
      return checkAddItem(catalog, cartOf(catalog, context), event.productId, event.quantity, event.unitPrice, approverOf(context, event.approverId));
    },
    'CO-1 customerKnown': (_context, event) => {
      assertEvent(event, 'SET_CUSTOMER');
      return checkCustomer(catalog, event.customerId);
    },
    'CO-2 lineInCart': (context, event) => {
      assertEvent(event, ['SELECT_LINE', 'SET_QUANTITY', 'REMOVE_LINE']);
      return checkLineExists(cartOf(catalog, context), event.lineId);
    },
    'CO-10 quantityEditable': (context, event) => {
      assertEvent(event, 'SET_QUANTITY');
      if (!Number.isInteger(event.quantity) || event.quantity <= 0) return violation('VALIDATION', 'quantity must be a positive whole number', 'quantity');
      const line = findLine(cartOf(catalog, context), event.lineId);
      return (line === undefined ? null : checkLineAmount(event.quantity, line.unitPrice))
        ?? checkEditOfLine(context.transaction!, event.lineId, 'quantity', event.quantity);
    },
    'CO-10 lineRemovable': (context, event) => {
      assertEvent(event, 'REMOVE_LINE');
      return checkEditOfLine(context.transaction!, event.lineId, 'remove');
    },
    'CO-3 deliveryResolves': (context, event) => {
      assertEvent(event, 'SET_DELIVERY');
      const transaction = context.transaction!;
      const lineIds = targetLines(transaction.cart, event.request);
      if (isViolation(lineIds)) return lineIds;
      const delivery = resolveDelivery(catalog, transaction.cart, event.request);
      if (isViolation(delivery)) return delivery;
      for (const lineId of lineIds) {
        const found = checkEditOfLine(transaction, lineId, 'delivery');
        if (found !== null) return found;
      }
      return null;
    },
    'CO-7 depositOverridePrivilege': (context, event) => {
      assertEvent(event, 'OVERRIDE_DEPOSIT');
      return checkDepositOverride(catalog, cartOf(catalog, context), event.amount, approverOf(context, event.approverId));
    },
    'CH-4 manualChargeAllowed': (context, event) => {
      assertEvent(event, 'ADD_CHARGE');
      return checkManualCharge(catalog, cartOf(catalog, context), event, approverOf(context, event.approverId))
        ?? checkChargeReason(catalog, event.reasonCode)
        ?? checkChargeOfInvoicedLine(context.transaction, event.level === 'line' ? event.lineId : undefined, 'lineId');
    },
    'CH-4 chargeOverrideAllowed': (context, event) => {
      assertEvent(event, 'OVERRIDE_CHARGE');
      const cart = cartOf(catalog, context);
      return checkOverrideCharge(cart, event.key)
        ?? checkChargeOfInvoicedLine(context.transaction, cart.charges.find((c) => c.key === event.key)?.lineId, 'key')
        ?? checkChargeOverride(catalog, approverOf(context, event.approverId), event.amount)
        ?? checkChargeReason(catalog, event.reasonCode);
    },
    'CO-9 quoteApproval': (context, event) => {
      assertEvent(event, 'APPROVE_QUOTE');
      return checkQuoteApproval(catalog, context.transaction, approverOf(context, event.approverId));
    },
    'CO-8 tenderAccepted': (context, event) => {
      assertEvent(event, 'TENDER');
      return checkTender(catalog, context.transaction!, event);
    },
    'RT-1 originalReturnable': (_context, event) => {
      assertEvent(event, 'START_RETURN');
      return checkReturnable(event.original);
    },
    // CO-11: the charge is shown and adjustable before confirming; changing it is a charge override (ST-5).
    'CO-11 cancellationChargeOverride': (context, event) => {
      assertEvent(event, 'ADJUST_CANCELLATION_CHARGE');
      return checkChargeOverride(catalog, approverOf(context, event.approverId), event.amount);
    },
    'RT-2 returnLinesValid': (context, event) => {
      assertEvent(event, 'SET_RETURN_LINES');
      const transaction = context.transaction!;
      return checkReturnRequest(catalog, transaction.returnOriginal!.source, event.lines, event.invoiceId ?? transaction.returnInvoiceId);
    },
  } satisfies Record<string, Rule<RegisterContext, RegisterEvent>>;
}

export function createRegisterMachine(catalog: Catalog) {
  const rules = registerRules(catalog);
  const updateCart = (update: (cart: Cart, event: RegisterEvent, context: RegisterContext) => Cart) =>
    assign<RegisterContext, RegisterEvent, undefined, RegisterEvent, never>({ transaction: ({ context, event }) =>
      ({ ...context.transaction!, cart: update(context.transaction!.cart, event, context) }) });
  const cartEditing = {
    ADD_ITEM: { guard: 'CO-2 itemAddable', actions: 'addItem' },
    SET_QUANTITY: { guard: and(['CO-2 lineInCart', 'CO-10 quantityEditable']), actions: 'setQuantity' },
    REMOVE_LINE: { guard: and(['CO-2 lineInCart', 'CO-10 lineRemovable']), actions: 'removeLine' },
    SELECT_LINE: { guard: 'CO-2 lineInCart', actions: 'selectLine' },
    SET_DELIVERY: { guard: 'CO-3 deliveryResolves', actions: 'setDelivery' },
    OVERRIDE_DEPOSIT: { guard: 'CO-7 depositOverridePrivilege', actions: 'overrideDeposit' },
    ADD_CHARGE: { guard: 'CH-4 manualChargeAllowed', actions: 'addCharge' },
    OVERRIDE_CHARGE: { guard: 'CH-4 chargeOverrideAllowed', actions: 'overrideCharge' },
    // CH-4: Recalculate resets overrides in a new sale as in an edit (CO-10 also unlocks an edit's prices).
    RECALCULATE: { actions: 'recalculate' },
  } as const;

  return setup({
    types: {
      context: {} as RegisterContext,
      events: {} as RegisterEvent,
      input: {} as RegisterInput,
      emitted: {} as RegisterEmitted,
    },
    guards: {
      ...guardsOf(rules),
      completesTransaction: ({ context, event }) => {
        assertEvent(event, 'TENDER');
        return completesTransaction(catalog, context.transaction!, event.amount);
      },
    },
    actions: {
      openShift: assign(({ event }) => {
        assertEvent(event, 'OPEN_SHIFT');
        return { operatorId: event.operatorId, shift: openShift(event.shiftId, event.operatorId, event.at, event.openingFloat) };
      }),
      // The Z report is made once, from the running totals, and kept with the register.
      closeShift: assign(({ context, event }) => {
        assertEvent(event, 'CLOSE_SHIFT');
        const zReports = context.shift === null ? context.zReports : [...context.zReports, shiftReport('Z', context, context.shift, event.at, event.declaration)];
        return { operatorId: null, shift: null, zReports };
      }),
      recordInShift: assign({ shift: ({ context }) => context.shift === null ? null
        : { ...context.shift, totals: recordTransaction(catalog, context.shift.totals, context.transaction!) } }),
      beginSale: assign({ transaction: ({ context, event }) => {
        assertEvent(event, ['ADD_ITEM', 'SET_CUSTOMER']);
        return newTransaction(emptyCart(catalog, context.storeId), event.transactionId, 'sale');
      } }),
      addItem: updateCart((cart, event) => {
        assertEvent(event, 'ADD_ITEM');
        return addItem(catalog, cart, `${event.transactionId}-${cart.nextLineNumber}`, event.productId, event.quantity, event.unitPrice);
      }),
      setQuantity: updateCart((cart, event) => {
        assertEvent(event, 'SET_QUANTITY');
        return setQuantity(catalog, cart, event.lineId, event.quantity);
      }),
      removeLine: updateCart((cart, event) => {
        assertEvent(event, 'REMOVE_LINE');
        return removeLine(catalog, cart, event.lineId);
      }),
      selectLine: updateCart((cart, event) => {
        assertEvent(event, 'SELECT_LINE');
        return { ...cart, selectedLineId: event.lineId };
      }),
      setCustomer: updateCart((cart, event) => {
        assertEvent(event, 'SET_CUSTOMER');
        return setCustomer(catalog, cart, event.customerId);
      }),
      setDelivery: updateCart((cart, event) => {
        assertEvent(event, 'SET_DELIVERY');
        const lineIds = targetLines(cart, event.request);
        const delivery = resolveDelivery(catalog, cart, event.request);
        // The guard refused anything else.
        if (isViolation(lineIds) || isViolation(delivery)) throw new Error('SET_DELIVERY taken without a resolved delivery');
        return setDelivery(catalog, cart, lineIds, delivery);
      }),
      setOrderType: updateCart((cart, event) => {
        assertEvent(event, 'SET_ORDER_TYPE');
        return { ...cart, orderType: event.orderType };
      }),
      overrideDeposit: updateCart((cart, event) => {
        assertEvent(event, 'OVERRIDE_DEPOSIT');
        return { ...cart, depositOverride: event.amount };
      }),
      addCharge: updateCart((cart, event) => {
        assertEvent(event, 'ADD_CHARGE');
        return addCharge(catalog, cart, event);
      }),
      overrideCharge: updateCart((cart, event) => {
        assertEvent(event, 'OVERRIDE_CHARGE');
        return overrideCartCharge(cart, event.key, event.amount, event.reasonCode);
      }),
      approveQuote: updateCart((cart) => ({ ...cart, orderType: 'customerOrder' })),
      recalculate: updateCart((cart, _event, context) => recalculateCart(catalog, cart, invoicedLineIds(context.transaction!))),
      beginEdit: assign({ transaction: ({ context, event }) => {
        assertEvent(event, 'RECALL_EDIT');
        return editTransaction(catalog, context.storeId, event.transactionId, event.order);
      } }),
      beginCancel: assign({ transaction: ({ context, event }) => {
        assertEvent(event, 'RECALL_CANCEL');
        return cancellationTransaction(catalog, context.storeId, event.transactionId, event.order, event.proposedCharge);
      } }),
      adjustCancellationCharge: assign({ transaction: ({ context, event }) => {
        assertEvent(event, 'ADJUST_CANCELLATION_CHARGE');
        return { ...context.transaction!, cancellationCharge: event.amount };
      } }),
      beginPickup: assign({ transaction: ({ context, event }) => {
        assertEvent(event, 'START_PICKUP');
        return pickupTransaction(catalog, context.storeId, event.transactionId, event.order, event.lines, event.due);
      } }),
      beginReturn: assign({ transaction: ({ context, event }) => {
        assertEvent(event, 'START_RETURN');
        return returnTransaction(catalog, context.storeId, event.transactionId, event.original, event.invoiceId ?? null);
      } }),
      setReturnLines: assign({ transaction: ({ context, event }) => {
        assertEvent(event, 'SET_RETURN_LINES');
        return { ...context.transaction!, returnLines: event.lines, returnInvoiceId: event.invoiceId ?? context.transaction!.returnInvoiceId };
      } }),
      addTender: assign({ transaction: ({ context, event }) => {
        assertEvent(event, 'TENDER');
        return withTender(context.transaction!, event.tenderId, event);
      } }),
      emitCompleted: emit(({ context }) => ({
        type: 'transactionCompleted' as const, registerId: context.registerId, storeId: context.storeId,
        operatorId: context.operatorId ?? '', transaction: context.transaction!,
      })),
      emitVoided: emit(({ context }) => ({ type: 'transactionVoided' as const, registerId: context.registerId, transaction: context.transaction! })),
      endTransaction: assign({ transaction: null }),
      keepReceipt: assign({ receipts: ({ context, event }) => {
        assertEvent(event, 'RECEIPT_ISSUED');
        return withReceipt(context.receipts, event.receipt);
      } }),
    },
  }).createMachine({
    id: 'register',
    context: ({ input }) => ({ ...input, operatorId: null, transaction: null, shift: null, zReports: [], receipts: [] }),
    meta: { subject: (context) => `register ${context.registerId}`, field: 'registerId', rules } satisfies ChartMeta<RegisterContext>,
    initial: 'closed',
    // The host issues the receipt once the completed transaction is recorded (the register is ready again by then).
    on: { RECEIPT_ISSUED: { actions: 'keepReceipt' } },
    states: {
      closed: {
        meta: { refuses: { means: 'no shift is open' } },
        on: { OPEN_SHIFT: { guard: 'ST-5 operatorWorksHere', target: 'ready', actions: 'openShift' } },
      },
      ready: {
        meta: { refuses: { means: 'no transaction is open' } },
        on: {
          CLOSE_SHIFT: { target: 'closed', actions: 'closeShift' },
          ADD_ITEM: { guard: 'CO-2 itemAddable', target: 'transaction.sale', actions: ['beginSale', 'addItem'] },
          SET_CUSTOMER: { guard: 'CO-1 customerKnown', target: 'transaction.sale', actions: ['beginSale', 'setCustomer'] },
          RECALL_EDIT: { target: 'transaction.orderEdit', actions: 'beginEdit' },
          RECALL_CANCEL: { target: 'transaction.cancellation', actions: 'beginCancel' },
          START_PICKUP: { target: 'transaction.pickup', actions: 'beginPickup' },
          START_RETURN: { guard: 'RT-1 originalReturnable', target: 'transaction.return', actions: 'beginReturn' },
        },
      },
      transaction: {
        meta: { refuses: { means: 'a transaction is open' } },
        // Entered through the kind's own state (e.g. 'transaction.sale'); 'sale' is only the default.
        initial: 'sale',
        on: {
          TENDER: [
            { guard: and(['CO-8 tenderAccepted', 'completesTransaction']), target: 'ready', actions: ['addTender', 'recordInShift', 'emitCompleted', 'endTransaction'] },
            { guard: 'CO-8 tenderAccepted', actions: 'addTender' },
          ],
          VOID: { target: 'ready', actions: ['emitVoided', 'endTransaction'] },
        },
        states: {
          sale: {
            meta: { refuses: { means: 'a sale is in progress' } },
            on: {
              ...cartEditing,
              SET_CUSTOMER: { guard: 'CO-1 customerKnown', actions: 'setCustomer' },
              SET_ORDER_TYPE: { actions: 'setOrderType' },
            },
          },
          orderEdit: {
            meta: { refuses: { means: 'an order edit is in progress' } },
            on: { ...cartEditing, APPROVE_QUOTE: { guard: 'CO-9 quoteApproval', actions: 'approveQuote' } },
          },
          cancellation: {
            meta: { refuses: { means: 'a cancellation is in progress' } },
            on: { ADJUST_CANCELLATION_CHARGE: { guard: 'CO-11 cancellationChargeOverride', actions: 'adjustCancellationCharge' } },
          },
          pickup: { meta: { refuses: { means: 'a pickup is in progress' } } },
          return: { meta: { refuses: { means: 'a return is in progress' } }, on: { SET_RETURN_LINES: { guard: 'RT-2 returnLinesValid', actions: 'setReturnLines' } } },
        },
      },
    },
  });
}

export type RegisterMachine = ReturnType<typeof createRegisterMachine>;
export type RegisterSnapshot = SnapshotFrom<RegisterMachine>;
