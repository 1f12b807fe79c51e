/**
 * <call-center-screen>: the agent's order entry (CC-3..CC-13, CC-22) and completion (CC-6..CC-9).
 *
 * Find or create the customer (CC-3), then the header: source code with its lookup, All or Targeted (CC-4), and the
 * mode of delivery (CC-22: a change offers to update the lines). Items by number or by words, with a quantity; after
 * a line the item's scripts and the up-sell / cross-sell offers (CC-10, CC-11). Coupons say in plain words whether
 * they took something off (CC-13). The script panel beside shows the source code's Beginning scripts, then the
 * item's, then on the summary the End scripts.
 *
 * A line's "Change price" opens <call-center-price-dialog> (CC-20): an agent allowed to set prices changes it within
 * their tolerance (beyond it the refusal says the range allowed); any other agent's change becomes a request for a
 * supervisor, the line keeping its price until the request is decided, and the order reads itself again when the
 * call center's room says it was (`heardRequests`).
 *
 * The summary (CC-6) shows what the order comes to (a continuity club line is billed by the program's shipments,
 * CC-15) and takes payments in the channel's methods (CC-8; a gift card's balance is read and checked before the
 * payment is sent, <call-center-gift-card>); Submit gives each payment its status and shows the holds it placed
 * (CC-9). With order completion on, leaving an order with lines that was not submitted opens the summary instead:
 * Submit, Hold or Cancel (CC-7).
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { SourceCodeChoice, SourceCodeFilter } from '../engine/domain/call-center/catalog.ts';
import type { PaymentMethod } from '../engine/domain/call-center/config.ts';
import type { CouponEntryResult } from '../engine/domain/call-center/coupons.ts';
import type { Script, SuggestionOffer } from '../engine/domain/call-center/guided-selling.ts';
import { isOpen } from '../engine/domain/call-center/holds.ts';
import { linesOffMode, type CallCenterLine } from '../engine/domain/call-center/order.ts';
import { checkPaymentEntry } from '../engine/domain/call-center/payments.ts';
import { formatMoney, type Minor } from '../engine/domain/money.ts';
import type { RuleViolation } from '../engine/domain/violation.ts';
import { loadSites, type ChainSites } from './chain-sites.ts';
import { contactLine } from './call-center-service.ts';
import type { CallCenterDesk, CallCenterOrderView, CustomerMatch, DeskAnswer, ItemChoice, PaymentInput, PriceChangeRequestRow } from './call-center-desk.ts';
import type { CallCenterGiftCard } from './call-center-gift-card.ts';
import './call-center-gift-card.ts';
import type { PriceChangeEntry } from './call-center-price-dialog.ts';
import './call-center-price-dialog.ts';
import { refusal, violationOf } from './screen-kit.ts';
import { screenStyles } from './styles.ts';
import { parseMoney } from './till-shared.ts';

const PERCENT_KINDS = new Set(['card', 'giftCard', 'onAccount']);

/** CC-20: a price change request this screen filed for the open order, until a supervisor decides it. */
interface AwaitedPrice { requestId: string; lineId: string; requestedPrice: Minor }

/** The CC-22 offer waiting for the agent's answer: the new mode and how many lines go by another. */
interface ModeOffer { modeCode: string; lines: number }

@customElement('call-center-screen')
export class CallCenterScreen extends LitElement {
  static override styles = [screenStyles, css`
    :host { max-width: 1366px; }
    .layout { display: grid; grid-template-columns: minmax(0, 1fr) 22rem; gap: 1rem; align-items: start; }
    h1 { margin: 0; font-size: 1.5rem; }
    h2 { margin: 0; font-size: 1.1rem; }
    .top { display: flex; justify-content: space-between; align-items: center; gap: 1rem; margin-bottom: 0.5rem; }
    .stack { display: grid; gap: 0.5rem; }
    .panel { padding: 0.6rem 0.75rem; }
    label { font-size: 0.95rem; }
    .fields { display: flex; gap: 0.5rem; flex-wrap: wrap; align-items: end; }
    .fields label { flex: 1 1 9rem; }
    .fields label.narrow { flex: 0 0 6rem; }
    .choices { list-style: none; margin: 0; padding: 0; display: grid; gap: 0.35rem; max-height: 11rem; overflow: auto; }
    .choices button { width: 100%; text-align: left; }
    .filters button[aria-pressed='true'] { background: #263238; border-color: #263238; color: #fff; }
    .scripts { display: grid; gap: 0.5rem; }
    .script { margin: 0; background: var(--info-bg); color: var(--info); border-radius: 8px; padding: 0.6rem 0.75rem; }
    .offer { display: flex; flex-wrap: wrap; align-items: center; justify-content: space-between; gap: 0.5rem; background: var(--warn-bg); border: 2px solid #ffb300; border-radius: 8px; padding: 0.75rem; }
    .lines { max-height: 9.5rem; overflow: auto; }
    td, th { padding: 0.35rem 0.5rem; }
    .totals td { border: none; padding: 0.2rem 0.5rem; }
    .totals tr.total td { font-weight: 700; font-size: 1.2rem; border-top: 2px solid #263238; }
    td[data-tone='ok'] { color: var(--ok); font-weight: 700; }
    td[data-tone='bad'] { color: var(--bad); font-weight: 700; }
    /* 1024 wide: a narrower script panel and fields, so the entry still fits without scrolling the page. */
    @media (max-width: 1200px) {
      .layout { grid-template-columns: minmax(0, 1fr) 17rem; }
      .fields label { flex-basis: 7rem; }
      input, select { min-width: 0; width: 100%; }
    }
    .hold { background: var(--warn-bg); border-radius: 8px; padding: 0.5rem 0.75rem; }
  `];

  @property({ attribute: false }) accessor desk!: CallCenterDesk;
  /** Where the chain's stores come from (the server by default; a test gives its own). */
  @property({ attribute: false }) accessor sitesWith: () => Promise<ChainSites> = () => loadSites();

  /** The chain's stores, for a line picked up at (or shipped from) a store; none when they cannot be loaded. */
  @state() accessor stores: ChainSites['stores'] = [];

  @state() accessor view: CallCenterOrderView | null = null;
  @state() accessor step: 'entry' | 'summary' = 'entry';
  @state() accessor error: RuleViolation | null = null;
  @state() accessor found: CustomerMatch[] = [];
  @state() accessor creating = false;
  @state() accessor codeFilter: SourceCodeFilter = 'All';
  @state() accessor codeChoices: SourceCodeChoice[] | null = null;
  @state() accessor modeOffer: ModeOffer | null = null;
  @state() accessor itemChoices: ItemChoice[] | null = null;
  @state() accessor itemScripts: Script[] = [];
  @state() accessor offers: SuggestionOffer[] = [];
  @state() accessor couponResult: CouponEntryResult | null = null;
  /** CC-7: why the summary was forced (the agent tried to leave). */
  @state() accessor mustFinish = false;
  @state() accessor methodId = '';
  @state() accessor byPercent = false;
  /** CC-20: the line whose price is being changed, the desk's refusal of the last attempt, what came of it. */
  @state() accessor pricing: CallCenterLine | null = null;
  @state() accessor priceError: RuleViolation | null = null;
  @state() accessor priceNotice = '';
  @state() accessor awaited: AwaitedPrice[] = [];

  override async connectedCallback(): Promise<void> {
    super.connectedCallback();
    // Without the list the agent still takes shipped orders; a pickup line is then refused in the desk's words.
    this.stores = await this.sitesWith().then((sites) => sites.stores, () => []);
  }

  private get currency() { return this.desk.currency; }
  private money = (minor: Minor) => formatMoney(minor, this.currency);
  private field = (name: string) => this.renderRoot.querySelector<HTMLInputElement | HTMLSelectElement>(`[name="${name}"]`);
  private value = (name: string) => this.field(name)?.value.trim() ?? '';
  private itemName = (productId: string) => this.view?.itemNames[productId] ?? productId;

  /** Runs an operation; its refusal is shown in place, its value handed on. */
  private async run<T>(answer: Promise<DeskAnswer<T>>, then: (value: T) => void): Promise<void> {
    const result = await answer;
    if (!result.ok) { this.error = result.error; return; }
    this.error = null;
    then(result.value);
  }

  /** Reads something (customers, codes, items); a read the server refuses or cannot answer is said in place. */
  private async read<T>(answer: Promise<T>): Promise<T | null> {
    try {
      const value = await answer;
      this.error = null;
      return value;
    } catch (error) {
      this.error = violationOf(error);
      return null;
    }
  }

  // --- CC-3 customer ---

  private async search(event: Event): Promise<void> {
    event.preventDefault();
    this.found = await this.read(this.desk.findCustomers({ name: this.value('name'), phone: this.value('phone'), email: this.value('email'), account: this.value('account') })) ?? [];
    this.creating = false;
  }

  private async createCustomer(event: Event): Promise<void> {
    event.preventDefault();
    await this.run(this.desk.createCustomer({ name: this.value('newName'), phone: this.value('newPhone'), email: this.value('newEmail') }), (c) => void this.take(c));
  }

  private async take(customer: CustomerMatch): Promise<void> {
    await this.run(this.desk.startOrder(customer.customerId), (view) => {
      this.view = view;
      this.step = 'entry';
      this.found = [];
      this.creating = false;
      this.itemScripts = [];
      this.offers = [];
      this.couponResult = null;
      this.priceNotice = '';
      this.awaited = [];
    });
  }

  // --- CC-4 / CC-22 header ---

  private async lookUpCodes(filter = this.codeFilter): Promise<void> {
    this.codeFilter = filter;
    this.codeChoices = await this.read(this.desk.sourceCodes({ filter, customerId: this.view!.order.customer?.account.accountId ?? null, text: this.value('sourceCode') }));
  }

  private async setSourceCode(code: string): Promise<void> {
    this.codeChoices = null;
    await this.run(this.desk.setHeader(this.view!.order.orderId, { sourceCode: code === '' ? null : code }, false), (view) => { this.view = view; });
  }

  private async chooseMode(modeCode: string): Promise<void> {
    const off = linesOffMode(this.view!.order.lines, modeCode).length;
    if (off > 0) { this.modeOffer = { modeCode, lines: off }; return; }
    await this.applyMode(modeCode, false);
  }

  private async applyMode(modeCode: string, updateLines: boolean): Promise<void> {
    this.modeOffer = null;
    await this.run(this.desk.setHeader(this.view!.order.orderId, { modeCode }, updateLines), (view) => { this.view = view; });
  }

  // --- Items, CC-10 / CC-11 ---

  private async addItem(event: Event): Promise<void> {
    event.preventDefault();
    const text = this.value('item');
    if (text === '') return;
    const found = await this.read(this.desk.findItems(text));
    if (found === null) return;
    const exact = found.find((i) => i.productId.toLowerCase() === text.toLowerCase());
    if (exact !== undefined || found.length === 1) await this.addLine(exact ?? found[0]!);
    else if (found.length === 0) this.error = { rule: 'CC-3', message: `no item matches "${text}": check the number or try other words`, field: 'productId' };
    else this.itemChoices = found;
  }

  private async addLine(item: ItemChoice): Promise<void> {
    this.itemChoices = null;
    const quantity = Number(this.value('quantity') || '1');
    // CC-22: a pickup line names its store; a shipped line with a store ships from it (else from the channel's warehouse).
    const store = this.value('store');
    const line = { productId: item.productId, quantity, ...(store === '' ? {} : { locationId: store }) };
    await this.run(this.desk.addLine(this.view!.order.orderId, line), ({ view, prompt }) => {
      this.view = view;
      this.itemScripts = prompt.scripts;
      this.offers = prompt.offers;
      const input = this.field('item');
      if (input !== null) input.value = '';
      input?.focus();
    });
  }

  private async answer(offer: SuggestionOffer, accept: boolean): Promise<void> {
    await this.run(this.desk.answerOffer(this.view!.order.orderId, offer, accept), (view) => {
      this.view = view;
      this.offers = this.offers.filter((o) => o !== offer);
    });
  }

  private async removeLine(lineId: string): Promise<void> {
    await this.run(this.desk.removeLine(this.view!.order.orderId, lineId), (view) => { this.view = view; });
  }

  // --- CC-20 price control ---

  private async changePrice(event: PriceChangeEntry): Promise<void> {
    const line = this.pricing!;
    const { unitPrice, reason } = event.detail;
    const answer = await this.desk.changePrice(this.view!.order.orderId, line.lineId, unitPrice, reason);
    if (!answer.ok) { this.priceError = answer.error; return; }
    const { view } = answer.value;
    this.view = view;
    this.pricing = null;
    this.priceError = null;
    const item = this.itemName(line.productId);
    if (answer.value.outcome === 'applied') {
      this.priceNotice = `${item} now sells at ${this.money(unitPrice)}.`;
      return;
    }
    this.awaited = [...this.awaited, { requestId: answer.value.requestId, lineId: line.lineId, requestedPrice: unitPrice }];
    this.priceNotice = `Request sent to a supervisor; the price stays ${this.money(line.unitPrice)} until it is approved.`;
  }

  /**
   * CC-20: the call center's price change requests as the room now has them. A request this screen filed that was
   * decided: the order is read again (an approved price is on the line) and the agent told what came of it.
   */
  async heardRequests(requests: readonly PriceChangeRequestRow[]): Promise<void> {
    const decided = requests.filter((r) => r.status !== 'pending' && this.awaited.some((a) => a.requestId === r.requestId));
    if (decided.length === 0 || this.view === null) return;
    this.awaited = this.awaited.filter((a) => !decided.some((r) => r.requestId === a.requestId));
    const view = await this.read(this.desk.reloadOrder(this.view.order.orderId));
    if (view === null) return;
    this.view = view;
    this.priceNotice = decided.map((r) => (r.status === 'approved'
      ? `A supervisor approved ${this.money(r.requestedPrice)} for ${r.itemName}.`
      : `A supervisor declined ${this.money(r.requestedPrice)} for ${r.itemName}${r.rejection === null ? '' : ` (${r.rejection})`}; the price stays ${this.money(r.systemPrice)}.`)).join(' ');
  }

  // --- CC-13 coupons ---

  private async enterCoupon(event: Event): Promise<void> {
    event.preventDefault();
    const code = this.value('coupon');
    if (code === '') return;
    await this.run(this.desk.enterCoupon(this.view!.order.orderId, code), ({ view, entry }) => {
      this.view = view;
      this.couponResult = entry;
    });
  }

  // --- CC-6..CC-9 summary ---

  private method(): PaymentMethod | undefined {
    const methods = this.view?.paymentMethods ?? [];
    return methods.find((m) => m.code === this.methodId) ?? methods[0];
  }

  private async addPayment(event: Event): Promise<void> {
    event.preventDefault();
    const method = this.method();
    if (method === undefined) return;
    const percent = this.byPercent && PERCENT_KINDS.has(method.kind);
    const typed = this.value('paymentAmount');
    const amount = percent ? Math.round(Number(typed) * 100) : parseMoney(typed);
    if (amount === null || !Number.isFinite(amount)) { this.error = { rule: 'CC-8', message: 'enter the amount as a number, like 25.00', field: 'share' }; return; }
    const giftCard = this.renderRoot.querySelector<CallCenterGiftCard>('call-center-gift-card');
    const card = method.kind === 'giftCard' && giftCard !== null ? await giftCard.giftCard() : null;
    if (card !== null && 'rule' in card) { this.error = card; return; }
    const entry: PaymentInput = {
      paymentId: `P${this.view!.order.payments.length + 1}`,
      methodId: method.code,
      share: percent ? { percent: amount } : { amount },
      ...(method.kind === 'check' ? { checkNumber: this.value('checkNumber') } : {}),
      ...(method.kind === 'card' ? { cardToken: this.value('cardNumber') } : {}),
      ...(card === null ? {} : { giftCard: { number: card.number } }),
      ...(method.kind === 'normal' || method.kind === 'card' ? { prepay: (this.field('prepay') as HTMLInputElement | null)?.checked ?? false } : {}),
    };
    // CC-8: a gift card must cover its share: the domain's check against the balance read, before anything is sent.
    const short = card === null ? null : checkPaymentEntry(this.view!.order, { ...entry, giftCard: card }, this.view!.summary.total);
    if (short !== null) { this.error = short; return; }
    await this.run(this.desk.addPayment(this.view!.order.orderId, entry), (view) => {
      this.view = view;
      // A card, check or gift card number is not left on the screen once its payment is on the order.
      for (const name of ['cardNumber', 'checkNumber']) {
        const field = this.field(name);
        if (field !== null) field.value = '';
      }
      giftCard?.clear();
    });
  }

  private async submit(): Promise<void> {
    await this.run(this.desk.submit(this.view!.order.orderId), (view) => { this.view = view; this.mustFinish = false; });
  }

  private async hold(): Promise<void> {
    const code = this.value('holdCode');
    await this.run(this.desk.placeHold(this.view!.order.orderId, { origin: this.step === 'summary' ? 'summary' : 'entry', ...(code === '' ? {} : { code }), notes: this.value('holdNotes') }),
      (view) => { this.view = view; this.mustFinish = false; });
  }

  private async cancel(): Promise<void> {
    await this.run(this.desk.cancel(this.view!.order.orderId), (view) => { this.view = view; this.mustFinish = false; });
  }

  /**
   * CC-7: an unsubmitted order with lines cannot be left while completion is on (the summary says what to do); with
   * completion off, leaving saves it as a plain sales order.
   */
  private async leave(): Promise<void> {
    const order = this.view?.order;
    const unfinished = order !== undefined && order.lines.length > 0 && order.submittedAt === null && order.cancelledAt === null && !order.holds.some(isOpen);
    if (unfinished && order.terms.orderCompletion) {
      this.step = 'summary';
      this.mustFinish = true;
      return;
    }
    if (unfinished) {
      const saved = await this.desk.save(order.orderId);
      if (!saved.ok) { this.error = saved.error; return; }
    }
    this.view = null;
    this.step = 'entry';
    this.error = null;
  }

  override render() {
    return html`
      <div class="top">
        <h1>${this.view === null ? 'Call center: find the customer' : `Order ${this.view.order.orderId}`}</h1>
        ${this.view === null ? nothing : html`
          <span class="row">
            <strong data-status>${this.view.detailStatus}</strong>
            ${this.step === 'entry' && this.view.order.terms.orderCompletion ? html`<button class="primary" data-action="summary" @click=${() => { this.step = 'summary'; }}>Summary</button>` : nothing}
            ${this.step === 'summary' && !this.mustFinish ? html`<button data-action="back" @click=${() => { this.step = 'entry'; }}>Back to items</button>` : nothing}
            <button data-action="leave" @click=${this.leave}>Next call</button>
          </span>`}
      </div>
      ${refusal(this.error)}
      ${this.view === null ? this.renderCustomer() : html`
        <div class="layout">
          <div class="stack">${this.step === 'entry' ? this.renderEntry(this.view) : this.renderSummary(this.view)}</div>
          <div class="stack">${this.renderScripts(this.view)}${this.step === 'entry' ? this.renderCoupons() : this.renderTotals(this.view)}</div>
        </div>`}`;
  }

  private renderCustomer() {
    return html`
      <section class="panel stack" aria-labelledby="find">
        <h2 id="find">Find the customer</h2>
        <form class="fields" @submit=${this.search}>
          <label>Name<input name="name" autocomplete="off"></label>
          <label>Phone<input name="phone" type="tel" autocomplete="off"></label>
          <label>Email<input name="email" type="email" autocomplete="off"></label>
          <label>Account<input name="account" autocomplete="off"></label>
          <button class="primary" type="submit">Search</button>
          <button type="button" data-action="new-customer" @click=${() => { this.creating = true; }}>New customer</button>
        </form>
        ${this.found.length === 0 ? nothing : html`
          <ul class="choices" aria-label="Customers found">
            ${this.found.map((c) => html`<li><button data-customer=${c.customerId} @click=${() => this.take(c)}>${c.name} · ${contactLine(c)}</button></li>`)}
          </ul>`}
        ${this.creating ? html`
          <form class="fields" aria-label="New customer" @submit=${this.createCustomer}>
            <label>Name<input name="newName" required></label>
            <label>Phone<input name="newPhone" type="tel"></label>
            <label>Email<input name="newEmail" type="email"></label>
            <button class="primary" type="submit">Create and take the order</button>
          </form>` : nothing}
      </section>`;
  }

  private renderEntry(view: CallCenterOrderView) {
    const { order } = view;
    return html`
      <section class="panel stack" aria-labelledby="header">
        <h2 id="header">${order.customer?.account.name ?? ''} <span class="muted">account ${order.customer?.account.accountId ?? ''}</span></h2>
        <div class="fields">
          <label>Source code<input name="sourceCode" .value=${order.header.sourceCode ?? ''} autocomplete="off"
            @keydown=${(e: KeyboardEvent) => { if (e.key === 'Enter') void this.setSourceCode(this.value('sourceCode')); }}></label>
          <button data-action="set-code" @click=${() => this.setSourceCode(this.value('sourceCode'))}>Use code</button>
          <button data-action="look-up-codes" @click=${() => this.lookUpCodes()}>Look up</button>
          <label>Mode of delivery
            <select name="mode" @change=${(e: Event) => this.chooseMode((e.target as HTMLSelectElement).value)}>
              ${order.header.modeCode === null ? html`<option value="" selected disabled>Choose...</option>` : nothing}
              ${view.modes.map((m) => html`<option value=${m.code} ?selected=${m.code === order.header.modeCode}>${m.name}</option>`)}
            </select>
          </label>
          ${this.renderStoreChoice(view)}
        </div>
        ${this.codeChoices === null ? nothing : html`
          <div class="stack">
            <div class="row filters" role="group" aria-label="Which source codes">
              ${(['All', 'Targeted'] as const).map((f) => html`<button aria-pressed=${String(this.codeFilter === f)} @click=${() => this.lookUpCodes(f)}>${f === 'All' ? 'All catalogs' : 'Sent to this customer'}</button>`)}
            </div>
            ${this.codeChoices.length === 0 ? html`<p class="muted">No catalog is running with a code like that.</p>` : html`
              <ul class="choices" aria-label="Source codes">
                ${this.codeChoices.map((c) => html`<li><button data-code=${c.code} @click=${() => this.setSourceCode(c.code)}>${c.code} · ${c.description} · ${c.catalogName} (until ${c.expiration})</button></li>`)}
              </ul>`}
          </div>`}
        ${this.modeOffer === null ? nothing : html`
          <div class="warning row" role="alert" data-offer="mode">
            <span>${this.modeOffer.lines} ${this.modeOffer.lines === 1 ? 'line goes' : 'lines go'} by another mode. Change ${this.modeOffer.lines === 1 ? 'it' : 'them'} to ${view.modes.find((m) => m.code === this.modeOffer!.modeCode)?.name} too?</span>
            <button class="primary" data-action="update-lines" @click=${() => this.applyMode(this.modeOffer!.modeCode, true)}>Change the lines too</button>
            <button data-action="header-only" @click=${() => this.applyMode(this.modeOffer!.modeCode, false)}>Only the header</button>
          </div>`}
      </section>
      <section class="panel stack" aria-labelledby="items">
        <h2 id="items">Items</h2>
        <form class="fields" @submit=${this.addItem}>
          <label>Item number or words<input name="item" autocomplete="off"></label>
          <label class="narrow">Quantity<input name="quantity" type="number" min="1" value="1" inputmode="numeric"></label>
          <button class="primary" type="submit">Add</button>
        </form>
        ${this.itemChoices === null ? nothing : html`
          <ul class="choices" aria-label="Items found">
            ${this.itemChoices.map((i) => html`<li><button data-item=${i.productId} @click=${() => this.addLine(i)}>${i.productId} · ${i.name} · ${this.money(i.unitPrice)}</button></li>`)}
          </ul>`}
        ${this.offers.map((o) => this.renderOffer(o))}
        <div class="lines">
          <table>
            <thead><tr><th>Item</th><th>Qty</th><th class="money">Price</th><th>Delivery</th><th><span class="muted">Change</span></th></tr></thead>
            <tbody>
              ${order.lines.map((l) => html`
                <tr data-line=${l.lineId}>
                  <td>${l.productId} ${this.itemName(l.productId)}</td>
                  <td>${l.quantity}</td>
                  <td class="money"><span data-unit-price>${this.money(l.unitPrice)}</span>${this.awaited.filter((a) => a.lineId === l.lineId).map((a) => html`<br><span class="muted" data-awaited>${this.money(a.requestedPrice)} asked</span>`)}</td>
                  <td>${view.modes.find((m) => m.code === l.modeCode)?.name ?? l.modeCode}</td>
                  <td class="row">
                    <button aria-label="Change price of ${this.itemName(l.productId)}" data-action="change-price" @click=${() => { this.pricing = l; this.priceError = null; }}>Change price</button>
                    <button aria-label="Remove ${this.itemName(l.productId)}" @click=${() => this.removeLine(l.lineId)}>Remove</button>
                  </td>
                </tr>`)}
            </tbody>
          </table>
        </div>
        ${this.priceNotice === '' ? nothing : html`<p class="notice" role="status" data-price-notice>${this.priceNotice}</p>`}
        ${this.pricing === null ? nothing : html`
          <call-center-price-dialog .itemName=${this.itemName(this.pricing.productId)} .unitPrice=${this.pricing.unitPrice} .currency=${this.currency} .error=${this.priceError}
            @price-change=${this.changePrice} @price-cancel=${() => { this.pricing = null; this.priceError = null; }}></call-center-price-dialog>`}
      </section>`;
  }

  /**
   * CC-22: a pickup line names the store it is collected at (the first store unless the agent picks another); a
   * shipped line ships from the call center's warehouse unless a store is picked.
   */
  private renderStoreChoice(view: CallCenterOrderView) {
    const pickup = view.modes.find((m) => m.code === view.order.header.modeCode)?.kind === 'pickup';
    return html`
      <label>${pickup ? 'Pickup store' : 'Ship from'}
        <select name="store">
          ${pickup ? nothing : html`<option value="">The call center's warehouse</option>`}
          ${this.stores.map((s) => html`<option value=${s.id}>${s.name}</option>`)}
        </select>
      </label>`;
  }

  private renderCoupons() {
    return html`
      <section class="panel stack" aria-labelledby="coupons">
        <h2 id="coupons">Coupons</h2>
        <form class="fields" @submit=${this.enterCoupon}>
          <label>Coupon code<input name="coupon" autocomplete="off"></label>
          <button type="submit">Enter</button>
        </form>
        ${this.renderCouponResult()}
      </section>`;
  }

  private renderOffer(offer: SuggestionOffer) {
    const { suggestion } = offer;
    const up = suggestion.kind === 'upSell';
    return html`
      <div class="offer" role="group" aria-label=${up ? 'Up-sell offer' : 'Cross-sell offer'} data-offer=${suggestion.kind}>
        <span>${up
          ? html`Offer <strong>${this.itemName(suggestion.suggestedProductId)}</strong> instead of ${this.itemName(suggestion.productId)} (same quantity).`
          : html`Offer <strong>${this.itemName(suggestion.suggestedProductId)}</strong> with ${this.itemName(suggestion.productId)}.`}</span>
        <span class="row">
          <button class="primary" data-action="accept" @click=${() => this.answer(offer, true)}>${up ? 'Accept up-sell' : 'Add cross-sell'}</button>
          <button data-action="decline" @click=${() => this.answer(offer, false)}>No, thanks</button>
        </span>
      </div>`;
  }

  private renderCouponResult() {
    const r = this.couponResult;
    if (r === null) return nothing;
    if (!r.accepted) return refusal(r.violation);
    if (r.applied) return html`<div class="notice" role="status">Coupon ${r.coupon.code} applied: ${this.money(r.discount)} off.</div>`;
    return html`<div class="warning" role="status">${r.message[0]!.toUpperCase()}${r.message.slice(1)}.</div>`;
  }

  private renderScripts(view: CallCenterOrderView) {
    const scripts = this.step === 'summary' ? view.endScripts : [...view.beginningScripts, ...this.itemScripts];
    return html`
      <aside class="panel scripts" aria-labelledby="scripts">
        <h2 id="scripts">${this.step === 'summary' ? 'Closing script' : 'Script'}</h2>
        ${scripts.length === 0 ? html`<p class="muted">Nothing to read now.</p>` : scripts.map((s) => html`<p class="script" data-from=${s.from}>${s.text}</p>`)}
      </aside>`;
  }

  /** CC-6: what the order comes to, beside the closing script. */
  private renderTotals(view: CallCenterOrderView) {
    const { summary } = view;
    const row = (label: string, amount: Minor, key: string) => html`<tr data-total=${key}><td>${label}</td><td class="money">${this.money(amount)}</td></tr>`;
    return html`
      <section class="panel" aria-labelledby="summary">
        <h2 id="summary">Summary</h2>
        <table class="totals">
          ${row('Subtotal', summary.subtotal, 'subtotal')}
          ${summary.billedByProgram === 0 ? nothing : row("Billed with the program's shipments", summary.billedByProgram, 'billedByProgram')}
          ${row('Discounts', -summary.discounts, 'discounts')}
          ${row('Order charges', summary.headerCharges, 'headerCharges')}
          ${row('Line charges', summary.lineCharges, 'lineCharges')}
          ${row('Tax', summary.tax, 'tax')}
          <tr class="total" data-total="total"><td>Total</td><td class="money">${this.money(summary.total)}</td></tr>
          ${row('Payments', summary.paid, 'paid')}
          <tr class="total" data-total="balance"><td>${summary.balance < 0 ? 'Paid over' : 'Balance'}</td><td class="money">${this.money(Math.abs(summary.balance))}</td></tr>
        </table>
        ${Object.entries(view.couponNotes).map(([code, note]) => html`<p class="warning" data-coupon=${code}>${note}</p>`)}
      </section>
    `;
  }

  private renderSummary(view: CallCenterOrderView) {
    const { summary, order } = view;
    // CC-9: a submitted order whose payment was not approved takes another payment and is submitted again.
    const done = order.cancelledAt !== null || order.holds.some(isOpen) || (order.submittedAt !== null && view.paymentStatus === 'Approved');
    const submitted = order.submittedAt !== null || order.cancelledAt !== null;
    return html`
      ${this.mustFinish ? html`<div class="warning" role="alert">This order is not finished: submit it, put it on hold or cancel it before the next call.</div>` : nothing}
      <section class="panel stack" aria-labelledby="payments">
        <h2 id="payments">Payments</h2>
        ${order.payments.length === 0 ? html`<p class="muted">No payment yet.</p>` : html`
          <table>
            <thead><tr><th>Method</th><th class="money">Amount</th><th>Status</th><th><span class="muted">Remove</span></th></tr></thead>
            <tbody>${order.payments.map((p, i) => html`
              <tr data-payment=${p.paymentId}>
                <td>${view.paymentMethods.find((m) => m.code === p.methodId)?.name ?? p.methodId}${p.checkNumber === undefined ? '' : ` #${p.checkNumber}`}${p.prepay ? ' (prepay)' : ''}</td>
                <td class="money">${this.money(summary.payments[i]?.amount ?? 0)}</td>
                <td data-tone=${p.status === 'Not authorized' ? 'bad' : p.status === 'Not submitted' ? '' : 'ok'}>${p.status}</td>
                <td>${done || p.status === 'Paid' ? nothing : html`<button aria-label="Remove payment ${i + 1}" @click=${() => this.run(this.desk.removePayment(order.orderId, p.paymentId), (v) => { this.view = v; })}>Remove</button>`}</td>
              </tr>`)}</tbody>
          </table>`}
        ${done ? nothing : this.renderPaymentEntry(view)}
        ${order.holds.filter(isOpen).map((h) => html`<p class="hold" data-hold=${h.holdId}><strong>On hold</strong>: ${h.notes || h.code} <span class="muted">(${h.holdId})</span></p>`)}
        ${submitted ? this.renderOutcome(view) : nothing}
        ${done ? nothing : html`
          <div class="fields">
            <button class="primary" data-action="submit" @click=${this.submit}>${order.submittedAt === null ? 'Submit' : 'Submit again'}</button>
            <label>Hold code
              <select name="holdCode">
                ${order.terms.holdPolicy.holdCodes.map((c) => html`<option value=${c.code} ?selected=${c.defaultForSalesOrder}>${c.description}</option>`)}
              </select>
            </label>
            <label>Hold notes<input name="holdNotes"></label>
            <button data-action="hold" @click=${this.hold}>Hold</button>
            <button class="danger" data-action="cancel" @click=${this.cancel}>Cancel order</button>
          </div>`}
      </section>`;
  }

  /** CC-9: what Submit came to, in words: processed, or why it is not (a declined payment, a hold). */
  private renderOutcome(view: CallCenterOrderView) {
    const { order } = view;
    if (order.cancelledAt !== null) return html`<p class="warning" role="status">The order is cancelled.</p>`;
    if (view.detailStatus === 'Submitted') return html`<p class="notice" role="status">Submitted: every payment is approved and the order goes on to picking.</p>`;
    const declined = view.paymentStatus === 'Declined';
    return html`<p class="warning" role="status">Submitted, but it will not be processed yet${declined ? ': a payment was declined. Ask the customer for another way to pay, then submit again' : ': it is on hold until the hold is cleared'}.</p>`;
  }

  private renderPaymentEntry(view: CallCenterOrderView) {
    const method = this.method();
    const percentAllowed = method !== undefined && PERCENT_KINDS.has(method.kind);
    return html`
      <form class="fields" aria-label="Add a payment" @submit=${this.addPayment}>
        <label>Method
          <select name="method" @change=${(e: Event) => { this.methodId = (e.target as HTMLSelectElement).value; }}>
            ${view.paymentMethods.map((m) => html`<option value=${m.code} ?selected=${m.code === method?.code}>${m.name}</option>`)}
          </select>
        </label>
        ${percentAllowed ? html`
          <div class="row filters" role="group" aria-label="Amount or percent">
            <button type="button" aria-pressed=${String(!this.byPercent)} @click=${() => { this.byPercent = false; }}>Amount</button>
            <button type="button" aria-pressed=${String(this.byPercent)} @click=${() => { this.byPercent = true; }}>% of total</button>
          </div>` : nothing}
        <label class="narrow">${percentAllowed && this.byPercent ? 'Percent' : 'Amount'}<input name="paymentAmount" inputmode="decimal" .value=${percentAllowed && this.byPercent ? '' : (view.summary.balance / 100).toFixed(2)}></label>
        ${method?.kind === 'check' ? html`<label>Check number<input name="checkNumber"></label>` : nothing}
        ${method?.kind === 'card' ? html`<label>Card number<input name="cardNumber" autocomplete="cc-number"></label>` : nothing}
        ${method?.kind === 'giftCard' ? html`<call-center-gift-card .desk=${this.desk}></call-center-gift-card>` : nothing}
        ${method?.kind === 'normal' || method?.kind === 'card' ? html`<label style="flex-direction: row; align-items: center"><input type="checkbox" name="prepay" ?checked=${method.kind === 'normal'} style="min-height: 24px; width: 24px">Prepay</label>` : nothing}
        <button type="submit">Add payment</button>
      </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap { 'call-center-screen': CallCenterScreen }
}
