/**
 * <till-screen .api=${api}>: the register a store associate works (R1, R2...), against the server's API only
 * (`StoreApi`: commands, reads and the live rooms).
 *
 * - Shift: opened by the signed-in operator, closed when no transaction is open.
 * - Layout: fits the window (no page scrolling): products, the transaction (its cart scrolls inside) and the
 *   payment side by side, the operations in a bar under them that wraps as it grows.
 * - Sale: a product finder (search, barcode scan) with a quantity and a price override for the next product (ST-5), the cart (quantities, remove, highlight a line), totals, tax, charges and the
 *   amount due (CO-5); customer search and creation (CO-1, CU-1..CU-6); ship / pick up / carry out all or selected
 *   and change of mode (CO-2, CO-3); quote (CO-9); deposit override (CO-7) and charge override (CH-4) with a
 *   manager's approval when the operator lacks the permission; tender (cash with change, card with a card token,
 *   the order's card token: CO-8); void.
 * - Recall (CO-10, CO-11, FF-6): search and filters, then edit (finished by a tender), cancel (the proposed charge,
 *   adjustable with approval, confirmed by a tender) or pick up; returns (RT-1..RT-3) by receipt, order number,
 *   channel reference or invoice, with a manager's approval when the server says RT-3 needs one.
 * - Live: the `register:<id>` room (the register's state) and the `store:<storeId>` room (recent orders with their
 *   status, the link to headquarters with its queue), the connection state.
 * Every refusal is shown in place (role="alert") with the rule and the server's message.
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { APPROVABLE } from '../engine/protocol/approvals.ts';
import type { Approval, CommandAnswer, Envelope, OrderRow, StoreApi } from './api.ts';
import { BarcodeScanner } from './barcode-scanner.ts';
import { LiveRooms } from './live-rooms.ts';
import type { ProductFinder } from './product-finder.ts';
import { money, screenStyles } from './styles.ts';
import {
  locationNames, tillStyles, unreachable, violationText,
  type CustomerView, type RegisterUpdate, type RegisterView, type RuleViolation, type SyncView, type Transaction,
} from './till-shared.ts';
import type { AmountChoice } from './amount-dialog.ts';
import type { ChargeAddition, ChargeOverride } from './charges-dialog.ts';
import type { ChosenCustomer } from './customer-dialog.ts';
import type { DeliveryAction, DeliveryScope } from './delivery-dialog.ts';
import type { Recalled } from './order-recall.ts';
import type { ReturnLineChoice } from './return-dialog.ts';
import type { TenderChoice } from './tender-panel.ts';
import type { ShiftReport } from '../engine/domain/shift.ts';
import './amount-dialog.ts';
import './approval-dialog.ts';
import './charges-dialog.ts';
import './customer-dialog.ts';
import './delivery-dialog.ts';
import './order-recall.ts';
import './order-status-badge.ts';
import './product-finder.ts';
import './return-dialog.ts';
import './tender-panel.ts';
import './end-of-day.ts';
import './till-cart.ts';
import { ViewportFit } from './viewport-fit.ts';

type Area = 'shift' | 'pad' | 'cart' | 'operations' | 'tender' | 'return' | 'cancel';
type Permission = 'depositOverride' | 'chargeOverride' | 'managerOverride' | 'priceOverride';

type Dialog =
  | { kind: 'customer'; mode: 'find' | 'create' | 'edit' }
  | { kind: 'charges' }
  | { kind: 'delivery'; action: DeliveryAction; scope: DeliveryScope }
  | { kind: 'recall' }
  | { kind: 'return' }
  | { kind: 'deposit' }
  | { kind: 'price' }
  | { kind: 'charge'; key: string; amount: number; chargeCode: string }
  | { kind: 'cancelCharge' }
  | { kind: 'openShift' }
  | { kind: 'closeShift' }
  | { kind: 'shiftReport'; report: ShiftReport }
  | { kind: 'receipt'; emailedTo: string | null };

interface PendingApproval {
  reason: string;
  command: Record<string, unknown>;
  /** The refusal that asked for it, if the server asked. */
  needed: RuleViolation | null;
  area: Area;
  done(answer: CommandAnswer & { ok: true }): void;
}

/** A refusal that a manager's approval answers: the operator lacks the permission (CO-7, CH-4, ST-5) or RT-3. */
export function asksForApproval(command: Record<string, unknown>, error: RuleViolation): boolean {
  return APPROVABLE.has(String(command.type)) && (error.field === 'operatorId' || error.field === 'approverId');
}

const LINK_TEXT: Record<string, { label: string; tone: string; detail: string }> = {
  online: { label: 'Online', tone: 'ok', detail: 'orders and customers reach headquarters in real time' },
  degraded: { label: 'Degraded', tone: 'warn', detail: 'real-time service unreachable; batch data still moves' },
  offline: { label: 'Offline', tone: 'bad', detail: 'working offline: orders and customers are queued' },
};

const KIND_TITLE: Record<Transaction['kind'], string> = { sale: 'Sale', orderEdit: 'Editing order', cancellation: 'Cancelling order', pickup: 'Pickup of order', return: 'Return' };

@customElement('till-screen')
export class TillScreen extends LitElement {
  static override styles = [screenStyles, tillStyles, css`
    /* The screen is the window's height (ViewportFit); its areas scroll inside, the page never does. */
    :host { max-width: 100rem; margin: 0 auto; height: var(--fit-height, auto); display: flex; flex-direction: column; gap: 0.5rem; overflow: hidden; }
    .status-bar { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; justify-content: space-between; }
    .status-bar .row { gap: 0.5rem; }
    .status-bar .big { font-size: 1.2rem; }
    .message { flex: none; padding: 0.5rem 0.75rem; }
    .layout { flex: 1 1 0; min-height: 0; display: grid; grid-template-columns: minmax(13rem, 0.9fr) minmax(0, 2fr) minmax(20rem, 1.1fr); gap: 0.75rem; }
    .layout.closed { grid-template-columns: minmax(0, 1fr) minmax(18rem, 1.1fr); }
    .column { display: flex; flex-direction: column; gap: 0.75rem; min-width: 0; min-height: 0; }
    .column > * { flex: none; }
    .column > .fill { flex: 1 1 0; min-height: 6rem; overflow: auto; }
    /* The payment side scrolls only should its panel outgrow a very small window. */
    .column.side { overflow-y: auto; }
    .products { display: flex; flex-direction: column; gap: 0.5rem; }
    .products product-finder { flex: 1 1 0; }
    .qty-picker, .price-override { display: flex; align-items: center; gap: 0.5rem; flex-wrap: wrap; }
    .price-override p { margin: 0; }
    .qty-picker input { width: 3.5rem; text-align: center; font-size: 1.2rem; font-weight: 700; }
    .transaction { display: flex; flex-direction: column; gap: 0.5rem; padding: 0.75rem; }
    /* Short labels (the accessible names say "customer") keep the customer to one row above the cart. */
    .transaction .customer { gap: 0.5rem; }
    .transaction .customer .row { gap: 0.4rem; }
    .transaction .customer button { padding: 0.35rem 0.6rem; }
    .transaction till-cart, .transaction return-lines { flex: 1 1 0; min-height: 0; }
    .ops { flex: none; display: flex; flex-wrap: wrap; gap: 0.4rem 0.5rem; align-items: center; padding: 0.5rem 0.75rem; }
    /* One flow of labels and buttons, so the bar wraps only when the row is full. */
    .ops .group { display: contents; }
    .ops button { padding: 0.35rem 0.6rem; font-size: 0.95rem; }
    .ops h4 { margin: 0 0 0 0.5rem; font-size: 0.8rem; text-transform: uppercase; letter-spacing: 0.04em; color: #546e7a; }
    .ops .hint { margin: 0; font-size: 0.9rem; }
    .ops > .error { flex-basis: 100%; }
    .customer { display: flex; gap: 0.75rem; align-items: center; flex-wrap: wrap; justify-content: space-between; }
    .shift { display: grid; gap: 1rem; justify-items: start; align-content: start; padding: 2rem; }
    ul.orders { list-style: none; margin: 0; padding: 0; display: grid; }
    ul.orders li { padding: 0.5rem 0.25rem; border-bottom: 1px solid var(--line); display: grid; gap: 0.25rem; }
    .order-head { display: flex; justify-content: space-between; align-items: center; gap: 0.5rem; flex-wrap: wrap; }
    .updated { background: #e8f5e9; }
    .transaction-head { display: flex; justify-content: space-between; align-items: center; gap: 1rem; flex-wrap: wrap; }
    .transaction-head h2 { margin: 0; font-size: 1.3rem; }
    .big { font-size: 1.35rem; font-weight: 800; }
    .offline-banner { background: var(--bad-bg); color: var(--bad); border: 2px solid var(--bad); border-radius: 8px; padding: 0.75rem 1rem; font-weight: 600; }
    .orders .tag { font-size: 0.85rem; font-weight: 700; padding: 0 0.4rem; border-radius: 6px; }
    .orders .tag.fresh { background: var(--ok-bg); color: var(--ok); border: 1px solid #43a047; }
    .orders .tag.waiting { background: var(--warn-bg); color: var(--warn); border: 1px solid #ffb300; }
  `];

  @property({ attribute: false }) accessor api: StoreApi | null = null;

  @state() accessor register: RegisterView | null = null;
  @state() accessor orders: OrderRow[] = [];
  @state() accessor sync: SyncView | null = null;
  @state() accessor customer: CustomerView | null = null;
  @state() accessor quantity = 1;
  /** ST-5: the unit price the next product is added at, minor units (null = its price). */
  @state() accessor priceOverride: number | null = null;
  @state() accessor dialog: Dialog | null = null;
  @state() accessor dialogError: RuleViolation | null = null;
  @state() accessor approval: PendingApproval | null = null;
  @state() accessor approvalError: RuleViolation | null = null;
  @state() accessor errors: Partial<Record<Area, RuleViolation>> = {};
  @state() accessor notice: string | null = null;
  @state() accessor busy = false;
  /** CO-11: the charge the recall proposed for the order being cancelled. */
  @state() accessor proposedCharge: number | null = null;
  /** Orders changed live a moment ago (highlighted). */
  @state() accessor fresh: ReadonlySet<string> = new Set();

  private customerRequest = '';

  private readonly freshTimers = new Map<string, ReturnType<typeof setTimeout>>();

  /** This register's room and the store's room (again when the api or the register changes). */
  private readonly live = new LiveRooms(this, {
    rooms: (api) => (this.registerId === '' || api.setup.store === null ? [] : [`register:${this.registerId}`, `store:${this.storeId}`]),
    reset: () => { this.register = null; },
    // The register as it is now, should the feed be slow to answer (the feed's state wins when it has come).
    started: (api) => {
      void api.get<{ register: RegisterView }>(`registers/${this.registerId}`).then(
        (body) => { if (this.register === null && this.api === api) this.register = body.register; },
        () => undefined,
      );
    },
    state: (room, value) => this.roomState(room, value),
    update: (envelope) => this.roomUpdate(envelope),
  });

  constructor() {
    super();
    new ViewportFit(this);
    // A scan typed outside any field adds its product while the till takes products (no dialog open).
    new BarcodeScanner(this, (code) => this.finder?.scan(code), () => this.dialog === null && this.approval === null && this.canAddProducts());
  }

  private get finder(): ProductFinder | null {
    return this.renderRoot.querySelector('product-finder');
  }

  /** Products are added to a sale (a new one when none is open) or to an order being edited. */
  private canAddProducts(): boolean {
    const register = this.register;
    const transaction = register?.transaction ?? null;
    return register?.operatorId !== null && register !== null && (transaction === null || transaction.kind === 'sale' || transaction.kind === 'orderEdit');
  }

  /** The register the session signed in at: till work is done there only (ST-5, docs/access.md). */
  get registerId(): string {
    return this.api?.setup.session.registerId ?? '';
  }

  private get storeId(): string {
    return this.api?.setup.store?.id ?? '';
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    for (const timer of this.freshTimers.values()) clearTimeout(timer);
    this.freshTimers.clear();
  }

  override willUpdate(): void {
    const customerId = this.register?.transaction?.cart.customerId ?? null;
    if (customerId === null) {
      this.customer = null;
      this.customerRequest = '';
    } else if (customerId !== this.customerRequest) {
      this.customerRequest = customerId;
      void this.loadCustomer(customerId);
    }
  }

  private roomState(room: string, value: unknown): void {
    if (room === `register:${this.registerId}`) {
      this.register = value as RegisterView;
    } else if (room === `store:${this.storeId}`) {
      const store = value as { orders: OrderRow[]; sync: SyncView };
      this.orders = [...store.orders];
      this.sync = store.sync;
    }
  }

  private roomUpdate(envelope: Envelope): void {
    switch (envelope.type) {
      case 'register':
        // The receipts come on their own (`receipts`), only when they change.
        if (envelope.id === this.registerId) this.register = { ...(envelope.view as RegisterUpdate), receipts: this.register?.receipts ?? [] };
        return;
      case 'receipts':
        if (envelope.id === this.registerId && this.register !== null) this.register = { ...this.register, receipts: envelope.view as RegisterView['receipts'] };
        return;
      case 'order': {
        const row = envelope.view as OrderRow;
        const others = this.orders.filter((o) => o.orderId !== row.orderId);
        this.orders = [row, ...others].sort((a, b) => b.createdAt - a.createdAt || (a.orderId < b.orderId ? 1 : -1)).slice(0, 50);
        this.markFresh(row.orderId);
        return;
      }
      case 'sync':
        this.sync = envelope.view as SyncView;
        return;
      case 'customer': {
        const view = envelope.view as { customerId: string; account: string; pendingSync: boolean; name: string };
        if (this.customer !== null && this.customer.customerId === view.customerId) {
          this.customer = { ...this.customer, account: view.account, pendingSync: view.pendingSync, record: { ...this.customer.record, name: view.name } };
        }
        return;
      }
      default:
        return;
    }
  }

  private markFresh(orderId: string): void {
    clearTimeout(this.freshTimers.get(orderId));
    this.fresh = new Set([...this.fresh, orderId]);
    this.freshTimers.set(orderId, setTimeout(() => {
      this.freshTimers.delete(orderId);
      this.fresh = new Set([...this.fresh].filter((id) => id !== orderId));
    }, 6000));
  }

  private async loadCustomer(customerId: string): Promise<void> {
    try {
      const body = await this.api!.get<{ customer: CustomerView }>(`customers/${encodeURIComponent(customerId)}`);
      if (this.customerRequest === customerId) this.customer = body.customer;
    } catch {
      // The cart shows the customer's id until its record can be read.
    }
  }

  private async refreshRegister(): Promise<void> {
    try {
      const body = await this.api!.get<{ register: RegisterView }>(`registers/${this.registerId}`);
      this.register = body.register;
    } catch {
      // Shown as it was; the feed brings it when it is back.
    }
  }

  // --- Commands ---

  private setError(area: Area, error: RuleViolation | null): void {
    const errors = { ...this.errors };
    if (error === null) delete errors[area];
    else errors[area] = error;
    this.errors = errors;
  }

  /** Sends a command; a refusal is kept for `area` (shown there), an acceptance clears it. */
  private async send(command: Record<string, unknown>, area: Area): Promise<CommandAnswer> {
    this.busy = true;
    this.notice = null;
    let answer: CommandAnswer;
    try {
      answer = await this.api!.command(command);
    } catch (error) {
      answer = { ok: false, error: unreachable(error) };
    }
    this.busy = false;
    this.setError(area, answer.ok ? null : answer.error);
    // Without the live feed, read what the command changed.
    if (answer.ok && this.live.online !== true) await this.refreshRegister();
    return answer;
  }

  private registerCommand(type: string, fields: Record<string, unknown> = {}): Record<string, unknown> {
    return { type, registerId: this.registerId, ...fields };
  }

  /** The shift's operator may do it alone when they are the signed-in operator and hold the permission (ST-5). */
  private mayAlone(permission: Permission): boolean {
    const session = this.api!.setup.session;
    return this.register?.operatorId === session.operatorId && session.permissions.includes(permission);
  }

  private askApproval(pending: PendingApproval): void {
    this.approvalError = null;
    this.approval = pending;
  }

  private async approve(event: CustomEvent<Approval>): Promise<void> {
    const pending = this.approval;
    if (pending === null) return;
    this.busy = true;
    let answer: CommandAnswer;
    try {
      answer = await this.api!.command(pending.command, event.detail);
    } catch (error) {
      answer = { ok: false, error: unreachable(error) };
    }
    this.busy = false;
    if (!answer.ok) {
      this.approvalError = answer.error;
      return;
    }
    this.approval = null;
    this.approvalError = null;
    this.setError(pending.area, null);
    if (this.live.online !== true) await this.refreshRegister();
    pending.done(answer);
  }

  private closeDialog(): void {
    this.dialog = null;
    this.dialogError = null;
  }

  private openDialog(dialog: Dialog): void {
    this.dialogError = null;
    this.notice = null;
    this.dialog = dialog;
  }

  // --- Shift ---

  /** A command from the end-of-day dialogs (shift, receipt): refused, it stays in the dialog; accepted, the dialog moves on. */
  private async shiftCommand(command: Record<string, unknown>, next: (answer: CommandAnswer & { ok: true }) => void): Promise<void> {
    this.dialogError = null;
    const answer = await this.send(command, 'shift');
    this.setError('shift', null);
    if (answer.ok) next(answer);
    else this.dialogError = answer.error;
  }

  private async showXReport(): Promise<void> {
    try {
      const { report } = await this.api!.get<{ report: ShiftReport }>(`registers/${encodeURIComponent(this.registerId)}/x-report`);
      this.openDialog({ kind: 'shiftReport', report });
    } catch (error) {
      this.setError('shift', unreachable(error));
    }
  }

  // --- Cart ---

  private async addItem(productId: string): Promise<void> {
    const added = () => { this.quantity = 1; this.priceOverride = null; };
    if (this.priceOverride === null) {
      const answer = await this.send(this.registerCommand('register.addItem', { productId, quantity: this.quantity }), 'pad');
      if (answer.ok) added();
      return;
    }
    // ST-5: a price other than the product's needs the price override permission, or a manager's approval.
    const setup = this.api!.setup;
    const command = this.registerCommand('register.addItem', { productId, quantity: this.quantity, unitPrice: this.priceOverride });
    const reason = `Price override: ${setup.products.find((p) => p.id === productId)?.name ?? productId} at ${money(this.priceOverride, setup.currency)}`;
    if (!this.mayAlone('priceOverride')) {
      this.askApproval({ reason, command, needed: null, area: 'pad', done: added });
      return;
    }
    const answer = await this.send(command, 'pad');
    if (answer.ok) added();
  }

  private setPriceOverride(event: CustomEvent<AmountChoice>): void {
    this.priceOverride = event.detail.amount;
    this.closeDialog();
  }

  private setQuantityText(text: string): void {
    const quantity = Number(text);
    if (Number.isInteger(quantity) && quantity >= 1) this.quantity = quantity;
  }

  // --- Delivery (CO-2, CO-3) ---

  private async deliverNow(action: DeliveryAction, scope: DeliveryScope): Promise<void> {
    const transaction = this.register?.transaction;
    // Carry out needs no choices: all lines, or the highlighted one; otherwise the picker opens.
    if (action === 'carryOut' && (scope === 'all' || transaction?.cart.selectedLineId !== null)) {
      await this.send(this.registerCommand(scope === 'all' ? 'register.carryOutAll' : 'register.carryOutSelected'), 'operations');
      return;
    }
    this.openDialog({ kind: 'delivery', action, scope });
  }

  private async deliver(event: CustomEvent<Record<string, unknown>>): Promise<void> {
    const answer = await this.send(this.registerCommand(String(event.detail.type), Object.fromEntries(Object.entries(event.detail).filter(([k]) => k !== 'type'))), 'operations');
    if (answer.ok) this.closeDialog();
    else {
      this.setError('operations', null);
      this.dialogError = answer.error;
    }
  }

  // --- Deposit and charges (CO-7, CH-4) ---

  private async overrideDeposit(event: CustomEvent<AmountChoice>): Promise<void> {
    const currency = this.api!.setup.currency;
    const command = this.registerCommand('register.overrideDeposit', { amount: event.detail.amount });
    await this.sendDialogCommand(command, 'depositOverride', `Deposit override: ${money(event.detail.amount, currency)}`);
  }

  private async overrideCharge(event: CustomEvent<AmountChoice>): Promise<void> {
    const dialog = this.dialog;
    if (dialog?.kind !== 'charge') return;
    const currency = this.api!.setup.currency;
    const command = this.registerCommand('register.overrideCharge', { key: dialog.key, amount: event.detail.amount, reasonCode: event.detail.reasonCode });
    await this.sendDialogCommand(command, 'chargeOverride', `Charge override: ${dialog.chargeCode} to ${money(event.detail.amount, currency)}`);
  }

  /** CH-1 / CH-4 from the charges dialog: the shipping charge entered by hand needs no permission, other charges do. */
  private async addCharge(event: CustomEvent<ChargeAddition>): Promise<void> {
    const { currency, manualShippingChargeCode } = this.api!.setup;
    const charge = event.detail;
    const command = this.registerCommand('register.addCharge', { ...charge });
    const reason = `Charge ${charge.chargeCode}: ${money(charge.amount, currency)}`;
    if (charge.level === 'header' && charge.chargeCode === manualShippingChargeCode) {
      const answer = await this.send(command, 'operations');
      this.setError('operations', null);
      if (answer.ok) this.closeDialog();
      else this.dialogError = answer.error;
      return;
    }
    await this.sendDialogCommand(command, 'chargeOverride', reason);
  }

  private async overrideChargeOf(event: CustomEvent<ChargeOverride>): Promise<void> {
    const { key, chargeCode, amount, reasonCode } = event.detail;
    const command = this.registerCommand('register.overrideCharge', { key, amount, reasonCode });
    await this.sendDialogCommand(command, 'chargeOverride', `Charge override: ${chargeCode} to ${money(amount, this.api!.setup.currency)}`);
  }

  /** CO-9: the recalled quote becomes an order (a manager's override); the tender that finishes collects the deposit. */
  private async approveQuote(): Promise<void> {
    const command = this.registerCommand('register.approveQuote');
    const orderId = this.register?.transaction?.order?.orderId ?? '';
    const done = () => { this.notice = `Quote ${orderId} approved: take the deposit to place the order.`; };
    if (!this.mayAlone('managerOverride')) {
      this.askApproval({ reason: `Approve quote ${orderId} into an order`, command, needed: null, area: 'operations', done });
      return;
    }
    const answer = await this.send(command, 'operations');
    if (answer.ok) done();
  }

  private async adjustCancellationCharge(event: CustomEvent<AmountChoice>): Promise<void> {
    const currency = this.api!.setup.currency;
    const command = this.registerCommand('register.adjustCancellationCharge', { amount: event.detail.amount });
    await this.sendDialogCommand(command, 'chargeOverride', `Cancellation charge: ${money(event.detail.amount, currency)}`);
  }

  /** A dialog's command that needs a permission: approval when needed, the refusal shown in the dialog. */
  private async sendDialogCommand(command: Record<string, unknown>, permission: Permission, reason: string): Promise<void> {
    this.dialogError = null;
    if (!this.mayAlone(permission)) {
      this.askApproval({ reason, command, needed: null, area: 'operations', done: () => this.closeDialog() });
      return;
    }
    const answer = await this.send(command, 'operations');
    this.setError('operations', null);
    if (answer.ok) this.closeDialog();
    else if (asksForApproval(command, answer.error)) this.askApproval({ reason, command, needed: answer.error, area: 'operations', done: () => this.closeDialog() });
    else this.dialogError = answer.error;
  }

  // --- Tender ---

  private async tender(event: CustomEvent<TenderChoice>): Promise<void> {
    const transaction = this.register?.transaction;
    if (transaction === null || transaction === undefined) return;
    const command = this.registerCommand('register.tender', { ...event.detail });
    const currency = this.api!.setup.currency;
    const done = (answer: CommandAnswer & { ok: true }) => { this.notice = this.completion(transaction, event.detail, answer.result); };
    const answer = await this.send(command, 'tender');
    if (answer.ok) done(answer);
    else if (asksForApproval(command, answer.error)) {
      this.setError('tender', null);
      const what = event.detail.amount < 0 ? `Refund of ${money(-event.detail.amount, currency)}` : `Payment of ${money(event.detail.amount, currency)}`;
      this.askApproval({ reason: what, command, needed: answer.error, area: 'tender', done });
    }
  }

  /** What a tender did, in words (the server's result: change, order, receipt, RMA, confirmation number). */
  private completion(transaction: Transaction, tender: TenderChoice, result: Record<string, unknown>): string {
    const currency = this.api!.setup.currency;
    if (result.completed !== true) return `Tendered ${money(Math.abs(tender.amount), currency)} by ${tender.method}; the rest is still due.`;
    const parts: string[] = [];
    const orderId = result.orderId as string | undefined;
    switch (transaction.kind) {
      case 'sale':
        if (result.receiptId !== undefined) parts.push(`Sale complete: receipt ${String(result.receiptId)}`);
        else parts.push(`${transaction.cart.orderType === 'quote' ? 'Quote' : 'Customer order'} ${orderId ?? ''} created`);
        break;
      case 'orderEdit': parts.push(`Order ${orderId ?? transaction.order?.orderId ?? ''} saved`); break;
      case 'cancellation': parts.push(`Order ${transaction.order?.orderId ?? ''} cancelled: ${tender.amount < 0 ? `refunded ${money(-tender.amount, currency)}` : tender.amount > 0 ? `charge of ${money(tender.amount, currency)} paid` : 'nothing to refund'}`); break;
      case 'pickup': parts.push(`Order ${transaction.order?.orderId ?? ''} picked up${result.invoiceId === undefined ? '' : `, invoice ${String(result.invoiceId)}`}`); break;
      case 'return': parts.push(`Return posted: RMA ${String(result.rmaNumber ?? '')}, refunded ${money(Math.abs(tender.amount), currency)}`); break;
    }
    if (result.confirmationNumber !== undefined) {
      parts.push(`confirmation ${String(result.confirmationNumber)} (${String(result.mode ?? '')}${result.salesOrderId === undefined ? '' : `, sales order ${String(result.salesOrderId)}`})`);
    }
    if (typeof result.change === 'number' && result.change > 0) parts.push(`Change ${money(result.change, currency)}`);
    return `${parts.join('; ')}.`;
  }

  // --- Recall, returns ---

  private recalled(event: CustomEvent<Recalled>): void {
    const { purpose, result, orderId } = event.detail;
    this.closeDialog();
    this.proposedCharge = purpose === 'cancel' && typeof result.proposedCharge === 'number' ? result.proposedCharge : null;
    this.notice = purpose === 'edit' ? `Order ${orderId} is in the cart: change it, then finish with a tender.`
      : purpose === 'cancel' ? `Cancelling order ${orderId}: check the charge, then confirm with a tender.`
        : `Order ${orderId} is ready to hand over: take the payment due.`;
    if (this.live.online !== true) void this.refreshRegister();
  }

  private returnStarted(): void {
    this.closeDialog();
    if (this.live.online !== true) void this.refreshRegister();
  }

  private async setReturnLines(event: CustomEvent<{ lines: ReturnLineChoice[]; invoiceId?: string }>): Promise<void> {
    const { lines, invoiceId } = event.detail;
    await this.send(this.registerCommand('register.setReturnLines', invoiceId === undefined ? { lines } : { lines, invoiceId }), 'return');
  }

  /** CU-1 / CU-5: the customer was edited or got a card: read it again (the dialog stays open to say so). */
  private customerChanged(): void {
    const customerId = this.customer?.customerId;
    if (customerId !== undefined) void this.loadCustomer(customerId);
  }

  private customerChosen(event: CustomEvent<ChosenCustomer>): void {
    const { name, account, pendingSync } = event.detail;
    this.closeDialog();
    this.notice = `Customer ${name} (${pendingSync ? 'Pending sync' : account}) added to the sale.`;
    if (this.live.online !== true) void this.refreshRegister();
  }

  // --- Rendering ---

  override render() {
    const api = this.api;
    if (api === null) return html`<p class="muted">Connecting...</p>`;
    const setup = api.setup;
    if (setup.store === null) return html`<div class="error" role="alert">The till works at a store: sign in at a store and register.</div>`;
    if (this.registerId === '') return html`<div class="error" role="alert">A till is worked signed in at its register: sign out, then sign in with the register's id (${setup.store.registerIds.join(', ')}).</div>`;
    return html`
      ${this.renderStatusBar()}
      ${this.live.refusal === null ? null : html`<div class="error message" role="alert">${violationText(this.live.refusal)}</div>`}
      ${this.notice === null ? null : html`<div class="notice message" role="status">${this.notice}</div>`}
      ${this.register === null ? html`<p class="muted" role="status">Loading register ${this.registerId}...</p>` : this.renderRegister(this.register)}
      ${this.renderDialog()}
      ${this.approval === null ? null : html`
        <approval-dialog .reason=${this.approval.reason} .needed=${this.approval.needed} .staff=${setup.staff} .error=${this.approvalError} ?busy=${this.busy}
          @approve=${this.approve} @close=${() => { this.approval = null; this.approvalError = null; }}></approval-dialog>`}`;
  }

  private renderStatusBar() {
    const register = this.register;
    const shift = register === null ? null : register.operatorId;
    const staffName = (id: string) => this.api!.setup.staff.find((s) => s.operatorId === id)?.name ?? id;
    const link = this.sync === null ? null : LINK_TEXT[this.sync.link] ?? { label: this.sync.link, tone: 'grey', detail: '' };
    const online = this.live.online;
    return html`
      <div class="status-bar" role="group" aria-label="Register status">
        <div class="row">
          <span class="big">Register ${this.registerId}</span>
          ${register === null ? null : shift === null
            ? html`<span class="pill grey" data-testid="shift">Shift closed</span>`
            : html`<span class="pill ok" data-testid="shift">Shift open: ${staffName(shift)}</span>`}
        </div>
        <div class="row">
          <span class="pill ${online === null ? 'grey' : online ? 'ok' : 'bad'}" data-testid="connection" role="status">
            ${online === null ? 'Connecting...' : online ? 'Live' : 'Disconnected: reconnecting'}
          </span>
          ${link === null ? null : html`
            <span class="pill ${link.tone}" data-testid="link" title=${link.detail} role="status">
              Headquarters: ${link.label}${this.sync!.pending > 0 ? ` - ${this.sync!.pending} queued` : ' - nothing queued'}
            </span>`}
        </div>
      </div>
      ${link !== null && this.sync!.link !== 'online' ? html`
        <div class="message ${this.sync!.link === 'offline' ? 'offline-banner' : 'warning'}">Link to headquarters ${link.label.toLowerCase()}: ${link.detail}.</div>` : null}`;
  }

  private renderRegister(register: RegisterView) {
    const session = this.api!.setup.session;
    if (register.operatorId === null) {
      return html`
        <div class="layout closed">
          <section class="panel shift" aria-labelledby="shift-heading">
            <h2 id="shift-heading" style="margin: 0">Register ${this.registerId} is closed</h2>
            <button type="button" class="primary" ?disabled=${this.busy} @click=${() => this.openDialog({ kind: 'openShift' })}>Open shift as ${session.name}</button>
            ${this.errorAt('shift')}
          </section>
          <div class="column">${this.renderOrders()}</div>
        </div>`;
    }
    const transaction = register.transaction;
    return html`
      <div class="layout">
        <div class="column">${this.renderPad(transaction)}</div>
        <div class="column">
          ${transaction === null ? this.renderIdle(register) : this.renderTransaction(register, transaction)}
        </div>
        <div class="column side">
          ${transaction === null ? null : this.renderTenderPanel(register, transaction)}
          ${this.renderOrders()}
        </div>
      </div>
      ${transaction === null ? null : this.renderOperations(transaction)}`;
  }

  private errorAt(area: Area) {
    const error = this.errors[area];
    return error === undefined ? null : html`<div class="error" role="alert" data-area=${area}>${violationText(error)}</div>`;
  }

  private renderPad(transaction: Transaction | null) {
    const setup = this.api!.setup;
    const canAdd = this.canAddProducts();
    return html`
      <section class="panel products fill" aria-labelledby="pad-heading">
        <h3 id="pad-heading">Products</h3>
        <div class="qty-picker" role="group" aria-label="Quantity to add">
          <button type="button" aria-label="Quantity down" ?disabled=${!canAdd || this.quantity <= 1} @click=${() => { this.quantity = Math.max(1, this.quantity - 1); }}>-</button>
          <label class="sr-only" for="pad-qty">Quantity</label>
          <input id="pad-qty" type="number" min="1" step="1" inputmode="numeric" .value=${String(this.quantity)} ?disabled=${!canAdd}
            @change=${(e: Event) => this.setQuantityText((e.target as HTMLInputElement).value)}>
          <button type="button" aria-label="Quantity up" ?disabled=${!canAdd} @click=${() => { this.quantity += 1; }}>+</button>
        </div>
        <div class="price-override">
          ${this.priceOverride === null
            ? html`<button type="button" ?disabled=${this.busy || !canAdd} @click=${() => this.openDialog({ kind: 'price' })}>Price override</button>`
            : html`<p role="status">Next product at <strong data-testid="price-override">${money(this.priceOverride, setup.currency)}</strong></p>
              <button type="button" ?disabled=${this.busy} @click=${() => { this.priceOverride = null; }}>Clear price</button>`}
        </div>
        ${canAdd || transaction === null ? null : html`<p class="muted" style="margin: 0">Products are added to a sale or an order being edited.</p>`}
        ${this.errorAt('pad')}
        <product-finder .products=${setup.products} .currency=${setup.currency} ?disabled=${this.busy || !canAdd}
          @add-product=${(e: CustomEvent<{ productId: string }>) => this.addItem(e.detail.productId)}></product-finder>
      </section>`;
  }

  private renderIdle(register: RegisterView) {
    const session = this.api!.setup.session;
    const mine = register.operatorId === session.operatorId;
    return html`
      <section class="panel" aria-labelledby="idle-heading" style="display: grid; gap: 0.75rem">
        <h2 id="idle-heading" style="margin: 0">Ready for the next customer</h2>
        ${mine ? null : html`<div class="warning">The shift is ${register.operatorId}'s: close it to open your own.</div>`}
        <div class="row">
          <button type="button" class="primary" ?disabled=${this.busy} @click=${() => this.openDialog({ kind: 'customer', mode: 'find' })}>Add customer</button>
          <button type="button" ?disabled=${this.busy} @click=${() => this.openDialog({ kind: 'recall' })}>Recall order</button>
          <button type="button" ?disabled=${this.busy} @click=${() => this.openDialog({ kind: 'return' })}>Return</button>
          <button type="button" ?disabled=${this.busy} @click=${this.showXReport}>X report</button>
          ${register.receipts.length === 0 ? null : html`<button type="button" ?disabled=${this.busy} @click=${() => this.openDialog({ kind: 'receipt', emailedTo: null })}>Receipt</button>`}
          <button type="button" class="danger" ?disabled=${this.busy} @click=${() => this.openDialog({ kind: 'closeShift' })}>Close shift</button>
        </div>
        ${this.errorAt('shift')}
        ${this.errorAt('operations')}
      </section>`;
  }

  private renderCustomer(transaction: Transaction) {
    const customerId = transaction.cart.customerId;
    const canChange = transaction.kind === 'sale';
    const view = this.customer;
    return html`
      <div class="customer" data-testid="customer">
        ${customerId === null ? html`<span class="muted">No customer</span>` : html`
          <span><strong>${view?.record.name ?? customerId}</strong>
            ${view === null ? null : view.pendingSync ? html`<span class="pill warn">Pending sync</span>` : html`<span class="muted">${view.account}</span>`}</span>`}
        ${canChange || view !== null ? html`
          <span class="row">
            ${view === null ? null : html`<button type="button" aria-label="Edit customer" ?disabled=${this.busy} @click=${() => this.openDialog({ kind: 'customer', mode: 'edit' })}>Edit</button>`}
            ${canChange ? html`
            <button type="button" aria-label=${customerId === null ? 'Add customer' : 'Change customer'} ?disabled=${this.busy} @click=${() => this.openDialog({ kind: 'customer', mode: 'find' })}>${customerId === null ? 'Add customer' : 'Change'}</button>
            <button type="button" aria-label="New customer" ?disabled=${this.busy} @click=${() => this.openDialog({ kind: 'customer', mode: 'create' })}>New</button>` : null}
          </span>` : null}
      </div>`;
  }

  private renderTransaction(register: RegisterView, transaction: Transaction) {
    const setup = this.api!.setup;
    const editable = transaction.kind === 'sale' || transaction.kind === 'orderEdit';
    const orderId = transaction.order?.orderId ?? transaction.returnOriginal?.id ?? '';
    const quote = transaction.kind === 'sale' && transaction.cart.orderType === 'quote';
    return html`
      <section class="panel transaction fill" aria-labelledby="transaction-heading">
        <div class="transaction-head">
          <h2 id="transaction-heading">${KIND_TITLE[transaction.kind]} ${orderId} <span class="muted" style="font-size: 1rem">${transaction.transactionId}</span></h2>
          ${quote ? html`<span class="pill grey">Quote</span>` : null}
        </div>
        ${this.renderCustomer(transaction)}
        ${transaction.kind === 'cancellation' ? this.renderCancellation(register, transaction) : null}
        ${transaction.kind === 'return' ? html`
          <return-lines .setup=${setup} .transaction=${transaction} .error=${this.errors.return ?? null} ?busy=${this.busy}
            @return-lines=${this.setReturnLines}></return-lines>` : html`
          <till-cart .setup=${setup} .transaction=${this.shownTransaction(transaction)} .totals=${transaction.kind === 'cancellation' ? null : register.totals} .due=${register.due}
            ?editable=${editable} ?chargesEditable=${editable} ?busy=${this.busy}
            @select-line=${(e: CustomEvent<{ lineId: string | null }>) => this.send(this.registerCommand('register.selectLine', { lineId: e.detail.lineId }), 'cart')}
            @set-quantity=${(e: CustomEvent<{ lineId: string; quantity: number }>) => this.send(this.registerCommand('register.setQuantity', e.detail), 'cart')}
            @remove-line=${(e: CustomEvent<{ lineId: string }>) => this.send(this.registerCommand('register.removeLine', e.detail), 'cart')}
            @override-charge=${(e: CustomEvent<{ key: string; amount: number; chargeCode: string }>) => this.openDialog({ kind: 'charge', ...e.detail })}></till-cart>`}
        ${this.errorAt('cart')}
      </section>`;
  }

  /** A cancellation's cart is empty: it shows the lines and charges of the order being cancelled. */
  private shownTransaction(transaction: Transaction): Transaction {
    if (transaction.kind !== 'cancellation' || transaction.order === null) return transaction;
    const lines = transaction.order.lines.map(({ progress: _progress, ...line }) => line);
    return { ...transaction, cart: { ...transaction.cart, lines, charges: transaction.order.charges } };
  }

  private renderCancellation(register: RegisterView, transaction: Transaction) {
    const currency = this.api!.setup.currency;
    const charge = transaction.cancellationCharge ?? 0;
    const due = register.due;
    const held = charge - due;
    return html`
      <div class="panel" style="display: grid; gap: 0.5rem" data-testid="cancellation">
        <div class="row" style="justify-content: space-between"><span>Proposed cancellation charge (CO-11)</span>
          <span class="money" data-testid="proposed-charge">${money(this.proposedCharge ?? charge, currency)}</span></div>
        <div class="row" style="justify-content: space-between"><span>Cancellation charge</span>
          <span class="money big" data-testid="cancellation-charge">${money(charge, currency)}</span></div>
        <div class="row" style="justify-content: space-between"><span>Deposits held</span><span class="money">${money(held, currency)}</span></div>
        <div class="row" style="justify-content: space-between" data-testid="cancellation-outcome">
          <span>${due < 0 ? 'Refund to the customer' : due > 0 ? 'The customer owes' : 'Nothing to refund'}</span>
          <span class="money big" style="color: ${due < 0 ? 'var(--bad)' : 'inherit'}">${money(Math.abs(due), currency)}</span>
        </div>
        <div class="row">
          <button type="button" ?disabled=${this.busy} @click=${() => this.openDialog({ kind: 'cancelCharge' })}>Adjust charge</button>
        </div>
        ${this.errorAt('cancel')}
      </div>`;
  }

  private renderTenderPanel(register: RegisterView, transaction: Transaction) {
    const setup = this.api!.setup;
    const tendered = transaction.tenders.reduce((sum, t) => sum + t.amount, 0);
    const cart = transaction.cart;
    const total = register.totals?.total ?? 0;
    const hasShip = cart.lines.some((l) => l.delivery.kind === 'ship');
    const token = transaction.order?.cardToken ?? transaction.cardToken;
    // What a sale or an edit keeps of the cash (engine keptOnCompletion): up to what the order still owes.
    const paidBefore = transaction.kind === 'orderEdit' ? (transaction.order?.payments ?? []).filter((p) => p.kind !== 'returnRefund').reduce((sum, p) => sum + p.amount, 0) : 0;
    const keepUpTo = transaction.kind === 'sale' || transaction.kind === 'orderEdit' ? (cart.orderType === 'quote' ? 0 : Math.max(register.due, total - paidBefore)) : register.due;
    const heading = transaction.kind === 'cancellation' ? 'Confirm the cancellation' : transaction.kind === 'return' ? 'Refund' : transaction.kind === 'orderEdit' ? 'Finish the edit' : 'Payment';
    const waitingForLines = transaction.kind === 'return' && transaction.returnLines.length === 0;
    return html`
      <tender-panel .due=${register.due} .tendered=${tendered} .keepUpTo=${keepUpTo} .currency=${setup.currency} .orderCardToken=${token}
        ?needsCardToken=${hasShip && cart.orderType === 'customerOrder' && register.due < total && token === null}
        .heading=${heading} .error=${this.errors.tender ?? null} ?busy=${this.busy} ?disabled=${waitingForLines}
        @tender=${this.tender}></tender-panel>`;
  }

  private renderOperations(transaction: Transaction) {
    const sale = transaction.kind === 'sale';
    const editing = sale || transaction.kind === 'orderEdit';
    const selected = transaction.cart.selectedLineId !== null;
    const b = this.busy;
    return html`
      <section class="panel ops" aria-labelledby="ops-heading">
        <h3 id="ops-heading" class="sr-only">Operations</h3>
        ${editing ? html`
          <div class="group">
            <h4 id="ops-delivery">Delivery</h4>
            <button type="button" ?disabled=${b} @click=${() => this.deliverNow('ship', 'all')}>Ship all</button>
            <button type="button" ?disabled=${b} @click=${() => this.deliverNow('ship', 'selected')}>Ship selected</button>
            <button type="button" ?disabled=${b} @click=${() => this.deliverNow('pickup', 'all')}>Pick up all</button>
            <button type="button" ?disabled=${b} @click=${() => this.deliverNow('pickup', 'selected')}>Pick up selected</button>
            <button type="button" ?disabled=${b} @click=${() => this.deliverNow('carryOut', 'all')}>Carry out all</button>
            <button type="button" ?disabled=${b} @click=${() => this.deliverNow('carryOut', 'selected')}>Carry out selected</button>
            <button type="button" ?disabled=${b} aria-label="Change mode of delivery" @click=${() => this.deliverNow('changeMode', 'selected')}>Change mode</button>
          </div>
          <div class="group">
            <h4 id="ops-order">Order</h4>
            ${sale ? html`
              <button type="button" aria-pressed=${transaction.cart.orderType === 'quote' ? 'true' : 'false'} ?disabled=${b}
                @click=${() => this.send(this.registerCommand('register.setOrderType', { orderType: transaction.cart.orderType === 'quote' ? 'customerOrder' : 'quote' }), 'operations')}>
                Quote</button>` : null}
            <button type="button" ?disabled=${b} @click=${() => this.openDialog({ kind: 'deposit' })}>Deposit override</button>
            <button type="button" ?disabled=${b} @click=${() => this.openDialog({ kind: 'charges' })}>Charges</button>
            ${transaction.kind === 'orderEdit' && transaction.order?.isQuote === true && transaction.cart.orderType === 'quote' ? html`
              <button type="button" class="primary" ?disabled=${b} @click=${this.approveQuote}>Approve quote</button>` : null}
            <button type="button" ?disabled=${b} @click=${() => this.send(this.registerCommand('register.recalculate'), 'operations')}>Recalculate</button>
          </div>` : null}
        <div class="group">
          <h4 id="ops-transaction">Transaction</h4>
          <button type="button" class="danger" ?disabled=${b} @click=${() => this.send(this.registerCommand('register.void'), 'operations')}>Void</button>
        </div>
        ${editing && !selected ? html`<p class="muted hint">No line highlighted: "selected" opens a picker.</p>` : null}
        ${this.errorAt('operations')}
      </section>`;
  }

  private renderOrders() {
    const setup = this.api!.setup;
    const names = locationNames(setup);
    const rows = this.orders.slice(0, 8);
    const where = (row: OrderRow) => [...new Set(row.lines.map((l) => (l.kind === 'carryOut' ? 'Carry out' : `${l.kind === 'ship' ? 'Ship from' : 'Pick up at'} ${names.get(l.locationId) ?? l.locationId}`)))].join(', ');
    return html`
      <section class="panel fill" aria-labelledby="orders-heading" tabindex="0" style="display: grid; gap: 0.5rem; align-content: start">
        <h3 id="orders-heading">Store orders <span class="muted" style="font-weight: 500; font-size: 0.9rem">(live)</span></h3>
        ${rows.length === 0 ? html`<p class="muted" style="margin: 0">No customer orders yet.</p>` : html`
          <ul class="orders" aria-label="Recent customer orders of the store">
            ${rows.map((row) => html`
              <li data-order=${row.orderId} class=${this.fresh.has(row.orderId) ? 'updated' : ''}>
                <div class="order-head">
                  <span><strong>${row.orderId}</strong>
                    ${this.fresh.has(row.orderId) ? html`<span class="tag fresh">Updated</span>` : null}
                    ${row.existsAtHeadquarters ? null : html`<span class="tag waiting">Awaiting headquarters</span>`}</span>
                  <order-status-badge .status=${row.headerStatus}></order-status-badge>
                </div>
                <div class="muted">${row.customerName} - ${where(row)} - <span class="money">${money(row.total, setup.currency)}</span></div>
              </li>`)}
          </ul>`}
      </section>`;
  }

  private renderDialog() {
    const dialog = this.dialog;
    const api = this.api!;
    const setup = api.setup;
    const transaction = this.register?.transaction ?? null;
    if (dialog === null) return nothing;
    const close = () => this.closeDialog();
    switch (dialog.kind) {
      case 'customer':
        return html`<customer-dialog .api=${api} .registerId=${this.registerId} .mode=${dialog.mode} .customer=${this.customer}
          @customer-chosen=${this.customerChosen} @customer-changed=${this.customerChanged} @close=${close}></customer-dialog>`;
      case 'charges':
        return html`<charges-dialog .setup=${setup} .transaction=${transaction} .error=${this.dialogError} ?busy=${this.busy}
          @add-charge=${this.addCharge} @override-charge=${this.overrideChargeOf} @close=${close}></charges-dialog>`;
      case 'delivery':
        return html`<delivery-dialog .setup=${setup} .api=${api} .action=${dialog.action} .scope=${dialog.scope} .lines=${transaction?.cart.lines ?? []}
          .selectedLineId=${transaction?.cart.selectedLineId ?? null} .customer=${this.customer} .error=${this.dialogError} ?busy=${this.busy}
          @deliver=${this.deliver} @close=${close}></delivery-dialog>`;
      case 'recall':
        return html`<order-recall .api=${api} .registerId=${this.registerId} @recalled=${this.recalled} @return-started=${this.returnStarted} @close=${close}></order-recall>`;
      case 'return':
        return html`<return-lookup .api=${api} .registerId=${this.registerId} @return-started=${this.returnStarted} @close=${close}></return-lookup>`;
      case 'deposit': {
        const ordered = this.register?.totals?.orderedTotal ?? 0;
        return html`<amount-dialog heading="Deposit override" label="Deposit" submitLabel="Override deposit"
          hint=${`CO-7: between ${money(0, setup.currency)} and the ordered total ${money(ordered, setup.currency)}. Needs the deposit override permission.`}
          .value=${Math.max(0, this.register?.due ?? 0)} .error=${this.dialogError} ?busy=${this.busy}
          @amount=${this.overrideDeposit} @close=${close}></amount-dialog>`;
      }
      case 'price':
        return html`<amount-dialog heading="Price override" label="Unit price" submitLabel="Use this price"
          hint="ST-5: the next product tapped is added at this unit price. Needs the price override permission, or a manager's approval."
          .value=${0} .error=${this.dialogError} ?busy=${this.busy} @amount=${this.setPriceOverride} @close=${close}></amount-dialog>`;
      case 'charge':
        return html`<amount-dialog heading="Override charge ${dialog.chargeCode}" label="Charge amount" submitLabel="Override charge" withReason
          hint="CH-4: the override stays until Recalculate. Needs the charge override permission."
          .value=${dialog.amount} .error=${this.dialogError} ?busy=${this.busy} @amount=${this.overrideCharge} @close=${close}></amount-dialog>`;
      case 'cancelCharge':
        return html`<amount-dialog heading="Cancellation charge" label="Charge" submitLabel="Set charge"
          hint=${`CO-11: proposed ${money(this.proposedCharge ?? transaction?.cancellationCharge ?? 0, setup.currency)}. Changing it needs the charge override permission.`}
          .value=${transaction?.cancellationCharge ?? 0} .error=${this.dialogError} ?busy=${this.busy}
          @amount=${this.adjustCancellationCharge} @close=${close}></amount-dialog>`;
      case 'openShift':
        return html`<amount-dialog heading="Open shift" label="Opening float" submitLabel="Open shift"
          hint="The cash in the drawer to start with (change for the first customers)." .value=${0} .error=${this.dialogError} ?busy=${this.busy}
          @amount=${(e: CustomEvent<AmountChoice>) => this.shiftCommand(this.registerCommand('register.openShift', { operatorId: api.setup.session.operatorId, openingFloat: e.detail.amount }), () => this.closeDialog())}
          @close=${close}></amount-dialog>`;
      case 'closeShift':
        return html`<shift-close-dialog .error=${this.dialogError} ?busy=${this.busy} @close=${close}
          @declare=${(e: CustomEvent<{ declaration: Record<string, number> }>) => this.shiftCommand(this.registerCommand('register.closeShift', e.detail),
            (answer) => this.openDialog({ kind: 'shiftReport', report: answer.result.zReport as ShiftReport }))}></shift-close-dialog>`;
      case 'shiftReport':
        return html`<shift-report-dialog .report=${dialog.report} currency=${setup.currency} @close=${close}></shift-report-dialog>`;
      case 'receipt':
        return html`<receipt-dialog .receipts=${this.register?.receipts ?? []} .emailedTo=${dialog.emailedTo} .error=${this.dialogError} ?busy=${this.busy} @close=${close}
          @email-receipt=${(e: CustomEvent<{ email: string; transactionId: string }>) => this.shiftCommand(this.registerCommand('register.emailReceipt', e.detail),
            () => { this.dialog = { kind: 'receipt', emailedTo: e.detail.email }; })}></receipt-dialog>`;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap { 'till-screen': TillScreen }
}
