/**
 * The register (till) lifecycle model: paths derived from `createRegisterMachine` with @xstate/graph
 * (shortest paths to every abstract state, simple paths on a smaller event set), each executed against the real
 * `Chain` at register R1 (the set-up rings up at R2 the orders and the receipt the till recalls, cancels, picks up
 * and returns): after every step the engine's register is in the path's state with the same
 * transaction as the model, and the engine-wide invariants hold. Every path is one transaction from a closed
 * register: it ends when the transaction is tendered or voided (or the shift closed).
 */
import { createRegisterMachine, type RegisterEvent, type RegisterSnapshot } from '../../../../machines/register.machine.ts';
import { recalledOrder, tendered, transactionDue, type RecalledOrder, type RegisterContext, type ReturnOriginal } from '../../../domain/register-transaction.ts';
import { Chain } from '../../../chain.ts';
import { buildCatalog } from '../../../domain/catalog.ts';
import type { ReceiptDocument } from '../../../domain/receipt-document.ts';
import { buildInvoice, type QuantityOfLine } from '../../../domain/order-invoicing.ts';
import { unappliedPrepayment } from '../../../domain/payments.ts';
import { cancellationCharge } from '../../../domain/cancellation.ts';
import { calculateReturn } from '../../../domain/returns.ts';
import { orderTotals } from '../../../domain/sales.ts';
import { orderSource } from '../../../domain/store-records.ts';
import { uninvoicedQuantity } from '../../../domain/fulfillment.ts';
import { derivePaths } from '../derive.ts';
import { EngineDriver, expectSame, freshEngine, scenarioConfig, sellAt } from '../engine-driver.ts';
import { accepted, ev, labelOf } from '../events.ts';
import { fail } from '../failure.ts';
import { assertInvariants, initialOnHand } from '../invariants.ts';
import { modelEntry, type LifecycleModel } from '../model.ts';
import type { Host } from '../replay.ts';

const REGISTER = 'R1';
/** The engine's first transaction id at R1 (set-up rings everything up at R2). */
const TX = 'T-R1-000001';
/** A receipt as the engine issues one after a completion (the model takes it as is; the engine's has its own). */
const RECEIPT: ReceiptDocument = {
  transactionId: TX, kind: 'sale', isQuote: false, storeId: 'S1', storeName: 'Seattle', currency: 'USD', registerId: REGISTER, shiftId: null, operatorId: 'cashier1',
  at: 0, receiptId: TX, invoiceId: null, rmaNumber: null, lines: [], net: 0, tax: 0, charges: 0, total: 0, due: 0, tenders: [], change: 0, order: null, cancellationCharge: null,
};
/** A shift as the model opens it (its number and times are the engine's: compared by its totals only). */
const SHIFT = { shiftId: 'SH-R1-000001', openingFloat: 0, at: 0 };

function buildRegisterModel() {
  // --- Set-up: orders to recall, cancel, pick up and return, and a receipt ---------------------------------------

  function prepare() {
    const config = scenarioConfig();
    const engine = Chain.create(config, { seed: 11 });
    const driver = new EngineDriver(engine);
    driver.exec({ type: 'register.openShift', registerId: 'R2', operatorId: 'cashier1' });
    // E: edit / cancel target (pickup line at S1, ship line from W1, card token).
    const e = sellAt(driver, 'R2', [
      { productId: 'P-LAMP', quantity: 1, delivery: 'pickup' },
      { productId: 'P-TENT', quantity: 1, delivery: 'ship', modeCode: 'STD' },
    ], { customerId: 'C-ANNA', method: 'card', cardToken: 'tok_E' });
    // P: pickup target (two units to pick up at S1, deposit paid in cash, no token).
    const p = sellAt(driver, 'R2', [{ productId: 'P-SOCKS', quantity: 2, delivery: 'pickup' }], { customerId: 'C-ANNA' });
    // R: return target, shipped in full from W1 (completed; header charge FREIGHT 995).
    const r = sellAt(driver, 'R2', [{ productId: 'P-LAMP', quantity: 2, delivery: 'ship', modeCode: 'STD' }], { customerId: 'C-ANNA', method: 'card', cardToken: 'tok_R' });
    const rId = r.result.orderId as string;
    driver.exec({ type: 'fulfillment.ship', locationId: 'W1', operatorId: 'manager1', orderId: rId, lines: [{ lineId: r.lineIds[0], quantity: 2 }] });
    // Q: a quote to approve at the till (CO-9): a ship line from W1.
    const q = sellAt(driver, 'R2', [{ productId: 'P-TENT', quantity: 1, delivery: 'ship', modeCode: 'STD' }], { customerId: 'C-ANNA', quote: true });
    // A cash-and-carry receipt.
    const receipt = sellAt(driver, 'R2', [{ productId: 'P-SOCKS', quantity: 1, delivery: 'carryOut' }]);
    const receiptId = receipt.result.receiptId as string;

    const recalled = (orderId: string): RecalledOrder => {
      const o = engine.orderView(orderId);
      return recalledOrder(o, typeof o.state === 'object' && o.state !== null && 'quote' in o.state);
    };
    const eId = e.result.orderId as string;
    const pId = p.result.orderId as string;
    const eOrder = engine.orderView(eId);
    const pOrder = engine.orderView(pId);
    const rOrder = engine.orderView(rId);
    const pickup = (lines: QuantityOfLine[]) => ({ lines, due: buildInvoice(pOrder, 'preview', 'pickup', lines).collect });
    const pLine = pOrder.lines[0]!;
    const stored = engine.receipt(receiptId)!;
    const fixtures = {
      recalledE: recalled(eId),
      chargeE: cancellationCharge(orderTotals(eOrder.lines.filter((l) => l.delivery.kind !== 'carryOut'), eOrder.charges).total, engine.catalog.config.parameters.cancellationChargePct),
      recalledP: recalled(pId),
      recalledQ: recalled(q.result.orderId as string),
      pickupAll: pickup([{ lineId: pLine.lineId, quantity: uninvoicedQuantity(pLine.progress) }]),
      pickupOne: pickup([{ lineId: pLine.lineId, quantity: 1 }]),
      originalR: {
        kind: 'order', id: rId, customerId: rOrder.customerId,
        source: orderSource(rOrder),
      } satisfies ReturnOriginal,
      rInvoiceId: rOrder.invoices[0]!.invoiceId,
      rChannelReference: rOrder.channelReference,
      originalReceipt: {
        kind: 'receipt', id: receiptId, customerId: stored.customerId,
        source: { lines: stored.lines.map((l) => ({ lineId: l.lineId, productId: l.productId, quantity: l.quantity, unitPrice: l.unitPrice, taxRate: l.taxRate, invoiced: l.quantity })), charges: stored.charges, returns: stored.returns },
      } satisfies ReturnOriginal,
    };
    return {
      catalog: engine.catalog, state: engine.exportState(), fixtures, ids: { eId, pId, rId, receiptId },
      script: { config, seed: 11, commands: driver.script.commands },
    };
  }

  const setup = prepare();
  const { catalog, fixtures: F } = setup;
  const machine = createRegisterMachine(catalog);
  const INPUT = { registerId: REGISTER, storeId: 'S1' };

  // --- Events with explicit payloads -----------------------------------------------------------------------------

  const MANAGER = 'manager1';

  function tenderEvents(s: RegisterSnapshot): RegisterEvent[] {
    const tx = s.context.transaction!;
    const due = transactionDue(catalog, tx);
    const rem = due - tendered(tx);
    const none = tendered(tx) === 0;
    const t = (label: string, method: 'cash' | 'card' | 'cardToken', amount: number, extra: { cardToken?: string; approverId?: string } = {}) =>
      ev(label, { type: 'TENDER', tenderId: 'TND-model', method, amount, ...extra } as RegisterEvent);
    if (due < 0) {
      const approval = tx.kind === 'return' && tx.returnLines.length > 0 && calculateReturn(catalog, tx.returnOriginal!.source, tx.returnLines).needsApproval;
      const extra = approval ? { approverId: MANAGER } : {};
      return [t('tender:refund', 'cash', rem, extra), ...(none && rem < -100 ? [t('tender:refund:part', 'cash', -100, extra)] : [])];
    }
    if (rem <= 0) return [t('tender:zero', 'cash', 0)];
    const out = [t('tender:cash', 'cash', rem), t('tender:card', 'card', rem, { cardToken: 'tok_model' })];
    if ((tx.cardToken ?? tx.order?.cardToken ?? null) !== null) out.push(t('tender:token', 'cardToken', rem));
    if (none && rem > 100) out.push(t('tender:cash:part', 'cash', 100));
    return out;
  }

  function cartEvents(s: RegisterSnapshot): RegisterEvent[] {
    const tx = s.context.transaction!;
    const id = tx.transactionId;
    const { lines, charges } = tx.cart;
    const first = lines[0];
    const last = lines.at(-1);
    const out: RegisterEvent[] = [];
    if (lines.length < 2) {
      out.push(ev('add:tent', { type: 'ADD_ITEM', transactionId: id, productId: 'P-TENT', quantity: 1 }));
      out.push(ev('add:stove:price', { type: 'ADD_ITEM', transactionId: id, productId: 'P-STOVE', quantity: 1, unitPrice: 8000, approverId: MANAGER }));
    }
    if (first !== undefined) {
      out.push(ev('qty:first:+1', { type: 'SET_QUANTITY', lineId: first.lineId, quantity: first.quantity + 1 }));
      out.push(ev('select:first', { type: 'SELECT_LINE', lineId: first.lineId }));
      out.push(ev('carry:first', { type: 'SET_DELIVERY', request: { scope: 'selected', lineIds: [first.lineId], kind: 'carryOut' } }));
      out.push(ev('mode:first:STD', { type: 'SET_DELIVERY', request: { scope: 'selected', lineIds: [first.lineId], kind: 'ship', modeCode: 'STD' } }));
    }
    if (last !== undefined) {
      out.push(ev('remove:last', { type: 'REMOVE_LINE', lineId: last.lineId }));
      out.push(ev('ship:last:EXP', { type: 'SET_DELIVERY', request: { scope: 'selected', lineIds: [last.lineId], kind: 'ship', modeCode: 'EXP' } }));
    }
    out.push(ev('select:none', { type: 'SELECT_LINE', lineId: null }));
    out.push(ev('ship:all', { type: 'SET_DELIVERY', request: { scope: 'all', kind: 'ship', modeCode: 'STD' } }));
    out.push(ev('pickup:all', { type: 'SET_DELIVERY', request: { scope: 'all', kind: 'pickup' } }));
    out.push(ev('pickup:selected', { type: 'SET_DELIVERY', request: { scope: 'selected', kind: 'pickup' } }));
    out.push(ev('carry:all', { type: 'SET_DELIVERY', request: { scope: 'all', kind: 'carryOut' } }));
    out.push(ev('deposit:150', { type: 'OVERRIDE_DEPOSIT', amount: 150, approverId: MANAGER }));
    out.push(ev('charge:giftwrap', { type: 'ADD_CHARGE', level: 'header', chargeCode: 'GIFTWRAP', amount: 500, reasonCode: 'GIFT', approverId: MANAGER }));
    if (charges[0] !== undefined) out.push(ev('charge:override', { type: 'OVERRIDE_CHARGE', key: charges[0].key, amount: 0, reasonCode: 'GOODWILL', approverId: MANAGER }));
    return out;
  }

  function registerEvents(s: RegisterSnapshot): RegisterEvent[] {
    const tx = s.context.transaction;
    const out: RegisterEvent[] = [];
    if (s.matches('closed')) {
      out.push(ev('open:cashier1', { type: 'OPEN_SHIFT', operatorId: 'cashier1', ...SHIFT }));
      out.push(ev('open:manager1', { type: 'OPEN_SHIFT', operatorId: 'manager1', ...SHIFT }));
      out.push(ev('open:cashier2', { type: 'OPEN_SHIFT', operatorId: 'cashier2', ...SHIFT })); // ST-5: works at S2 only (refused)
    } else if (s.matches('ready')) {
      out.push(ev('close', { type: 'CLOSE_SHIFT', at: 0, declaration: null }));
      out.push(ev('receipt', { type: 'RECEIPT_ISSUED', receipt: RECEIPT }));
      out.push(ev('add:lamp', { type: 'ADD_ITEM', transactionId: TX, productId: 'P-LAMP', quantity: 1 }));
      out.push(ev('customer:anna', { type: 'SET_CUSTOMER', transactionId: TX, customerId: 'C-ANNA' }));
      out.push(ev('recall:edit', { type: 'RECALL_EDIT', transactionId: TX, order: F.recalledE }));
      out.push(ev('recall:quote', { type: 'RECALL_EDIT', transactionId: TX, order: F.recalledQ }));
      out.push(ev('recall:cancel', { type: 'RECALL_CANCEL', transactionId: TX, order: F.recalledE, proposedCharge: F.chargeE }));
      out.push(ev('recall:pickup:all', { type: 'START_PICKUP', transactionId: TX, order: F.recalledP, lines: F.pickupAll.lines, due: F.pickupAll.due }));
      out.push(ev('recall:pickup:one', { type: 'START_PICKUP', transactionId: TX, order: F.recalledP, lines: F.pickupOne.lines, due: F.pickupOne.due }));
      out.push(ev('return:order', { type: 'START_RETURN', transactionId: TX, original: F.originalR }));
      out.push(ev('return:order:byInvoice', { type: 'START_RETURN', transactionId: TX, original: F.originalR }));
      out.push(ev('return:order:byReference', { type: 'START_RETURN', transactionId: TX, original: F.originalR }));
      out.push(ev('return:receipt', { type: 'START_RETURN', transactionId: TX, original: F.originalReceipt }));
    } else if (tx !== null) {
      // A recalled quote is approved, tendered or voided here (its cart edits are those of any order edit).
      if (s.matches({ transaction: 'sale' }) || (s.matches({ transaction: 'orderEdit' }) && tx.order?.isQuote !== true)) out.push(...cartEvents(s));
      if (s.matches({ transaction: 'sale' })) {
        out.push(ev('customer:anna', { type: 'SET_CUSTOMER', transactionId: tx.transactionId, customerId: 'C-ANNA' }));
        out.push(ev('type:quote', { type: 'SET_ORDER_TYPE', orderType: 'quote' }));
        out.push(ev('type:order', { type: 'SET_ORDER_TYPE', orderType: 'customerOrder' }));
      }
      // CH-4: Recalculate in a new sale as in an edit.
      if (s.matches({ transaction: 'sale' }) || s.matches({ transaction: 'orderEdit' })) out.push(ev('recalculate', { type: 'RECALCULATE' }));
      if (s.matches({ transaction: 'orderEdit' })) out.push(ev('approve:quote', { type: 'APPROVE_QUOTE', approverId: MANAGER }));
      if (s.matches({ transaction: 'cancellation' })) out.push(ev('adjust:0', { type: 'ADJUST_CANCELLATION_CHARGE', amount: 0, approverId: MANAGER }));
      if (s.matches({ transaction: 'return' })) {
        const source = tx.returnOriginal!.source;
        const returnable = source.lines.filter((l) => l.invoiced > 0);
        out.push(ev('lines:one', { type: 'SET_RETURN_LINES', lines: [{ lineId: returnable[0]!.lineId, quantity: 1, reasonCode: 'DAMAGED' }] }));
        out.push(ev('lines:all', { type: 'SET_RETURN_LINES', lines: returnable.map((l) => ({ lineId: l.lineId, quantity: l.invoiced, reasonCode: 'CHANGED_MIND' })) }));
      }
      out.push(...tenderEvents(s));
      out.push(ev('void', { type: 'VOID' }));
    }
    return accepted(s, out);
  }

  // --- Abstraction ----------------------------------------------------------------------------------------------

  const valueText = (s: RegisterSnapshot) => (typeof s.value === 'string' ? s.value : JSON.stringify(s.value));

  /** Money class of the open transaction: decides which tenders exist and whether they complete. */
  function moneyClass(s: RegisterSnapshot): string {
    const tx = s.context.transaction!;
    const due = transactionDue(catalog, tx);
    const rem = due - tendered(tx);
    if (due < 0) return rem < -100 ? 'refund>100' : 'refund';
    return rem > 100 ? 'due>100' : rem > 0 ? 'due' : 'settled';
  }

  function fineKey(s: RegisterSnapshot): string {
    const { operatorId, transaction: tx } = s.context;
    if (tx === null) return `${valueText(s)} op=${operatorId ?? '-'}`;
    const cart = tx.cart;
    const kinds = [...new Set(cart.lines.map((l) => l.delivery.kind))].sort().join('+') || '-';
    const parts = [valueText(s), `n=${Math.min(cart.lines.length, 2)}`, `cust=${cart.customerId === null ? 0 : 1}`, `dlv=${kinds}`, `type=${cart.orderType}`,
      `sel=${cart.selectedLineId === null ? 0 : 1}`, `chg=${cart.charges.length > 0 ? 1 : 0}`, `tend=${tendered(tx) === 0 ? 0 : 1}`, `money=${moneyClass(s)}`];
    if (tx.kind === 'return') parts.push(`orig=${tx.returnOriginal!.kind}`, `rl=${tx.returnLines.length}`);
    return parts.join(' ');
  }

  /** Coarser: no selection / charges; used with a smaller event set for simple paths. */
  function coarseKey(s: RegisterSnapshot): string {
    const { operatorId, transaction: tx } = s.context;
    if (tx === null) return `${valueText(s)} op=${operatorId ?? '-'}`;
    const cart = tx.cart;
    const kinds = [...new Set(cart.lines.map((l) => l.delivery.kind))].sort().join('+') || '-';
    const parts = [valueText(s), `n=${cart.lines.length}`, `cust=${cart.customerId === null ? 0 : 1}`, `dlv=${kinds}`, `type=${cart.orderType}`, `tend=${tendered(tx) === 0 ? 0 : 1}`, `money=${moneyClass(s)}`];
    if (tx.kind === 'return') parts.push(`orig=${tx.returnOriginal!.kind}`, `rl=${tx.returnLines.length}`);
    return parts.join(' ');
  }

  /**
   * Back at ready after a transaction (or closed after a shift): a vertex of its own, and the end of the path. A
   * completing tender remembers the abstract state it completed from, so every distinct transaction that can be
   * completed is completed by some shortest path (and checked against what the engine made of it).
   */
  const afterMark = (base: (s: RegisterSnapshot) => string) => (s: RegisterSnapshot, e: { type: string }, prev: RegisterSnapshot): string | null => {
    const tx = prev.context.transaction;
    if (s.matches('ready') && tx !== null) return e.type === 'TENDER' ? ` <after TENDER from ${base(prev)}>` : ` <after ${tx.kind} ${e.type}>`;
    if (s.matches('closed')) return ` <after ${e.type}>`;
    return null;
  };

  const SIMPLE_LABELS = new Set([
    'open:cashier1', 'close', 'add:lamp', 'add:tent', 'customer:anna', 'ship:all', 'tender:card', 'tender:cash:part', 'tender:zero',
    'tender:refund', 'void', 'recall:edit', 'recall:cancel', 'recall:pickup:all', 'return:order', 'return:receipt', 'lines:all', 'adjust:0',
  ]);

  /** The simple-path graph: a sale starts with an item, a few cart operations, tenders; every other kind once. */
  function simpleEvents(s: RegisterSnapshot): RegisterEvent[] {
    return registerEvents(s).filter((e) => SIMPLE_LABELS.has(labelOf(e)) && !(s.matches('ready') && e.type === 'SET_CUSTOMER'));
  }

  // --- Host: the engine at R1 ---------------------------------------------------------------------------------------

  interface Ctx { engine: Chain; driver: EngineDriver }
  const onHand = initialOnHand(catalog);

  function toCommand(e: RegisterEvent, label: string): Record<string, unknown>[] {
    const registerId = REGISTER;
    const opt = <T extends object>(o: T) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
    switch (e.type) {
      case 'OPEN_SHIFT': return [{ type: 'register.openShift', registerId, operatorId: e.operatorId }];
      case 'CLOSE_SHIFT': return [{ type: 'register.closeShift', registerId }];
      case 'ADD_ITEM': return [{ type: 'register.addItem', registerId, ...opt({ productId: e.productId, quantity: e.quantity, unitPrice: e.unitPrice, approverId: e.approverId }) }];
      case 'SET_QUANTITY': return [{ type: 'register.setQuantity', registerId, lineId: e.lineId, quantity: e.quantity }];
      case 'REMOVE_LINE': return [{ type: 'register.removeLine', registerId, lineId: e.lineId }];
      case 'SELECT_LINE': return [{ type: 'register.selectLine', registerId, lineId: e.lineId }];
      case 'SET_CUSTOMER': return [{ type: 'register.setCustomer', registerId, customerId: e.customerId }];
      case 'SET_DELIVERY': {
        const r = e.request;
        const lineIds = r.lineIds === undefined ? {} : { lineIds: r.lineIds };
        if (label.startsWith('mode:')) return [{ type: 'register.changeModeOfDelivery', registerId, ...lineIds, modeCode: r.modeCode }];
        if (r.kind === 'carryOut') return [r.scope === 'all' ? { type: 'register.carryOutAll', registerId } : { type: 'register.carryOutSelected', registerId, ...lineIds }];
        if (r.kind === 'pickup') return [r.scope === 'all' ? { type: 'register.pickupAll', registerId } : { type: 'register.pickupSelected', registerId, ...lineIds }];
        return [r.scope === 'all' ? { type: 'register.shipAll', registerId, modeCode: r.modeCode } : { type: 'register.shipSelected', registerId, ...lineIds, modeCode: r.modeCode }];
      }
      case 'SET_ORDER_TYPE': return [{ type: 'register.setOrderType', registerId, orderType: e.orderType }];
      case 'OVERRIDE_DEPOSIT': return [{ type: 'register.overrideDeposit', registerId, ...opt({ amount: e.amount, approverId: e.approverId }) }];
      case 'ADD_CHARGE': return [{ type: 'register.addCharge', registerId, ...opt({ level: e.level, lineId: e.lineId, chargeCode: e.chargeCode, amount: e.amount, reasonCode: e.reasonCode, approverId: e.approverId }) }];
      case 'OVERRIDE_CHARGE': return [{ type: 'register.overrideCharge', registerId, ...opt({ key: e.key, amount: e.amount, reasonCode: e.reasonCode, approverId: e.approverId }) }];
      case 'RECALCULATE': return [{ type: 'register.recalculate', registerId }];
      case 'APPROVE_QUOTE': return [{ type: 'register.approveQuote', registerId, ...opt({ approverId: e.approverId }) }];
      case 'TENDER': return [{ type: 'register.tender', registerId, ...opt({ method: e.method, amount: e.amount, cardToken: e.cardToken, approverId: e.approverId }) }];
      case 'VOID': return [{ type: 'register.void', registerId }];
      case 'RECALL_EDIT': return [{ type: 'register.recallOrder', registerId, orderId: e.order.orderId, purpose: 'edit' }];
      case 'RECALL_CANCEL': return [{ type: 'register.recallOrder', registerId, orderId: e.order.orderId, purpose: 'cancel' }];
      case 'ADJUST_CANCELLATION_CHARGE': return [{ type: 'register.adjustCancellationCharge', registerId, ...opt({ amount: e.amount, approverId: e.approverId }) }];
      case 'START_PICKUP': return [{ type: 'register.recallOrder', registerId, orderId: e.order.orderId, purpose: 'pickup', lines: e.lines }];
      case 'START_RETURN': {
        const o = e.original;
        const lookup = o.kind === 'receipt' ? { by: 'receipt', value: o.id }
          : label.endsWith('byInvoice') ? { by: 'invoiceId', value: F.rInvoiceId }
            : label.endsWith('byReference') ? { by: 'channelReference', value: F.rChannelReference } : { by: 'orderId', value: o.id };
        return [{ type: 'register.startReturn', registerId, lookup }];
      }
      case 'SET_RETURN_LINES': return [{ type: 'register.setReturnLines', registerId, lines: e.lines }];
      // The engine issues it itself after a completion: no till command (the register's receipt is not compared).
      case 'RECEIPT_ISSUED': return [];
    }
  }

  /** The register context without generated ids (tender ids, shift numbers and times are the engine's; a shift by its totals). */
  function normalized(ctx: Omit<RegisterContext, 'zReports'>): unknown {
    const tx = ctx.transaction;
    return {
      registerId: ctx.registerId, storeId: ctx.storeId, operatorId: ctx.operatorId,
      transaction: tx === null ? null : { ...tx, tenders: tx.tenders.map(({ method, amount }) => ({ method, amount })) },
      shift: ctx.shift?.totals ?? null,
    };
  }

  /** What a completed transaction must have produced in the engine (checked right after the completing tender). */
  const completions: Record<string, number> = {};

  function checkCompletion(engine: Chain, before: RegisterSnapshot, amount: number, result: Record<string, unknown>): void {
    const tx = before.context.transaction!;
    const what = tx.kind === 'sale' ? (tx.cart.lines.some((l) => l.delivery.kind !== 'carryOut') ? `sale:${tx.cart.orderType}` : 'sale:receipt') : tx.kind;
    completions[what] = (completions[what] ?? 0) + 1;
    const received = tendered(tx) + amount;
    const last = engine.registerView(REGISTER);
    if (last.transaction !== null) fail('the completing tender left a transaction open');
    const due = transactionDue(catalog, tx);
    switch (tx.kind) {
      case 'sale': {
        const isOrder = tx.cart.lines.some((l) => l.delivery.kind !== 'carryOut');
        if (!isOrder) {
          const receipt = engine.receipt(result.receiptId as string) ?? fail(`no receipt for ${JSON.stringify(result)}`);
          expectSame('receipt lines', receipt.lines, tx.cart.lines);
          expectSame('receipt total', receipt.total, orderTotals(tx.cart.lines, tx.cart.charges).total);
          return;
        }
        const order = engine.orderView(result.orderId as string);
        expectSame('new order lines', order.lines.map(({ progress: _p, ...l }) => l), tx.cart.lines);
        expectSame('new order state', order.state, tx.cart.orderType === 'quote' ? { quote: 'idle' } : { open: 'idle' });
        // Cash beyond the due may be kept as prepayment (up to the order total); never less than the due, never more than received.
        if (order.paid < Math.min(received, due) || order.paid > received) fail(`new order paid ${order.paid}, due ${due}, received ${received}`);
        return;
      }
      case 'orderEdit': {
        const order = engine.orderView(tx.order!.orderId);
        expectSame('edited order lines', order.lines.map(({ progress: _p, ...l }) => l), tx.cart.lines);
        // Saved (no longer locked); a quote stays a quote unless approved (CO-9); an order whose lines are now all invoiced is completed.
        const allInvoiced = order.lines.every((l) => l.progress.invoiced === l.progress.quantity);
        expectSame('edited order state', order.state, tx.cart.orderType === 'quote' ? { quote: 'idle' } : allInvoiced ? 'completed' : { open: 'idle' });
        expectSame('edited order lock', order.editedBy, null);
        return;
      }
      case 'cancellation': {
        const order = engine.orderView(tx.order!.orderId);
        expectSame('cancelled order state', order.state, 'cancelled');
        expectSame('cancellation', order.cancellation, { charge: tx.cancellationCharge, refund: unappliedPrepayment(tx.order!.payments, tx.order!.invoices) - tx.cancellationCharge! });
        return;
      }
      case 'pickup': {
        const order = engine.orderView(tx.order!.orderId);
        for (const l of tx.pickupLines) {
          const before0 = tx.order!.lines.find((x) => x.lineId === l.lineId)!;
          const now = order.lines.find((x) => x.lineId === l.lineId)!;
          expectSame(`picked up ${l.lineId} invoiced`, now.progress.invoiced, before0.progress.invoiced + l.quantity);
        }
        return;
      }
      case 'return': {
        const rma = result.rmaNumber as string;
        const posted = engine.allReturnOrders().find((r) => r.rmaNumber === rma) ?? fail(`no return order ${rma}`);
        expectSame('return total', posted.record.total, due);
        return;
      }
    }
  }

  const host: Host<RegisterSnapshot, RegisterEvent, Ctx> = {
    fresh: () => {
      const engine = freshEngine(catalog, setup.state);
      return { engine, driver: new EngineDriver(engine) };
    },
    engineState: (ctx) => ctx.engine.registerView(REGISTER).state,
    apply: (ctx, e, label, before) => {
      let result: Record<string, unknown> = {};
      for (const command of toCommand(e, label)) {
        result = ctx.driver.exec(command);
      }
      if (e.type === 'TENDER' && result.completed === true) checkCompletion(ctx.engine, before, e.amount, result);
    },
    check: (ctx, after) => {
      const view = ctx.engine.registerView(REGISTER);
      expectSame('register state', view.state, after.value);
      const { state: _s, due, totals: _t, customer: _c, ...context } = view;
      expectSame('register context', normalized(context), normalized(after.context));
      if (after.context.transaction !== null) expectSame('amount due', due, transactionDue(catalog, after.context.transaction));
      assertInvariants(ctx.engine, { initialOnHand: onHand });
    },
  };

  // --- Run -------------------------------------------------------------------------------------------------------

  const derivation = derivePaths<RegisterSnapshot, RegisterEvent>({
    machine, scenario: 'R1', input: INPUT,
    shortest: { events: registerEvents, key: { base: fineKey, mark: afterMark(fineKey) }, stopWhen: (_s, k) => k.includes('<after') },
    simple: {
      events: simpleEvents,
      key: { base: coarseKey, mark: afterMark(coarseKey) },
      stopWhen: (_s, k) => k.includes('<after'),
    },
  });

  return {
    name: 'register', machine, scenarios: { R1: { input: INPUT } }, events: registerEvents, derivation, host,
    setup: () => setup.script,
    checks: 'same state, same transaction, invariants hold',
    report: () => `; completed transactions ${JSON.stringify(completions)}`,
  } satisfies LifecycleModel<RegisterSnapshot, RegisterEvent, Ctx>;
}

export const registerModel = modelEntry({
  name: 'register', machine: 'register',
  description: 'A till (R1) from a closed register: one transaction per path (sale, quote, order edit, cancellation, pickup, return), tendered or voided',
  createMachine: () => createRegisterMachine(buildCatalog(scenarioConfig())),
  build: buildRegisterModel,
});
