/**
 * <product-finder>: finds products as the cashier types (any word of the name, the SKU, the start of a barcode) and
 * adds one with a tap, or with the keyboard: Down/Up walk the matches, Enter adds the highlighted one. A scanner
 * typing into the field (digits, then Enter) adds the product of that barcode; an unknown barcode is said plainly.
 * Emits `add-product` `{ productId }`.
 */
import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { matchProducts, productByBarcode } from '../engine/domain/product-lookup.ts';
import type { Setup } from './api.ts';
import { money, screenStyles } from './styles.ts';
import { tillStyles } from './till-shared.ts';

type FinderProduct = Setup['products'][number];

/** What a scanner types: digits only, as long as a barcode. */
const BARCODE = /^\d{8,14}$/;

@customElement('product-finder')
export class ProductFinder extends LitElement {
  static override styles = [screenStyles, tillStyles, css`
    :host { display: flex; flex-direction: column; gap: 0.5rem; min-height: 0; }
    input[type='search'] { width: 100%; }
    ul { list-style: none; margin: 0; padding: 3px; display: grid; gap: 0.35rem; overflow-y: auto; min-height: 0; flex: 1 1 auto; align-content: start; }
    li button { box-sizing: border-box; width: 100%; min-height: 48px; display: flex; flex-wrap: wrap; justify-content: space-between; align-items: center; gap: 0.5rem; text-align: left; padding: 0.35rem 0.6rem; }
    li button.active { border-color: #ffb300; background: #fff8e1; }
    .price { font-weight: 500; color: #37474f; white-space: nowrap; }
    .sku { display: block; font-size: 0.8rem; font-weight: 500; color: #546e7a; }
    .message { margin: 0; }
  `];

  @property({ attribute: false }) accessor products: FinderProduct[] = [];
  @property({ type: String }) accessor currency = 'USD';
  @property({ type: Boolean }) accessor disabled = false;

  @state() accessor query = '';
  /** The match Enter adds (index into the matches). */
  @state() accessor active = 0;
  @state() accessor message = '';

  get found(): FinderProduct[] {
    return matchProducts(this.products, this.query);
  }

  /** Adds the product of a scanned barcode; false (and says so) when no product has it. */
  scan(code: string): boolean {
    const product = productByBarcode(this.products, code);
    if (product === undefined) {
      this.message = `No product has barcode ${code}. Check the item, or find it by name.`;
      return false;
    }
    this.add(product);
    return true;
  }

  private add(product: FinderProduct): void {
    this.message = '';
    this.query = '';
    this.active = 0;
    this.dispatchEvent(new CustomEvent('add-product', { detail: { productId: product.id }, bubbles: true, composed: true }));
  }

  private typed(text: string): void {
    this.query = text;
    this.active = 0;
    this.message = '';
  }

  private onSearchKey(event: KeyboardEvent): void {
    const matches = this.found;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      this.active = Math.min(Math.max(this.active + step, 0), Math.max(matches.length - 1, 0));
      return;
    }
    if (event.key === 'Escape' && this.query !== '') {
      event.preventDefault();
      this.typed('');
      return;
    }
    if (event.key !== 'Enter' || this.disabled) return;
    event.preventDefault();
    const text = this.query.trim();
    if (BARCODE.test(text)) {
      this.scan(text);
      return;
    }
    const chosen = matches[this.active];
    if (chosen === undefined) this.message = text === '' ? '' : `No product matches "${text}".`;
    else this.add(chosen);
  }

  override render() {
    const matches = this.found;
    const active = matches[this.active]?.id;
    return html`
      <label>Find a product
        <input type="search" name="product-search" placeholder="Name, SKU or scan a barcode" autocomplete="off" spellcheck="false"
          role="combobox" aria-expanded="true" aria-controls="matches" aria-autocomplete="list"
          aria-activedescendant=${active === undefined ? '' : `match-${active}`}
          .value=${this.query} @input=${(e: Event) => this.typed((e.target as HTMLInputElement).value)} @keydown=${this.onSearchKey}>
      </label>
      ${this.message === '' ? null : html`<p class="message warning" role="alert">${this.message}</p>`}
      ${matches.length === 0 && this.query.trim() !== '' && this.message === '' ? html`<p class="message muted" role="status">No product matches "${this.query.trim()}".</p>` : null}
      <ul id="matches" aria-label="Products found">
        ${matches.map((p) => html`
          <li>
            <button type="button" id="match-${p.id}" data-product=${p.id} class=${p.id === active ? 'active' : ''} ?disabled=${this.disabled}
              @click=${() => this.add(p)}>
              <span>${p.name}<span class="sku">${p.id}</span></span><span class="price">${money(p.price, this.currency)}</span>
            </button>
          </li>`)}
      </ul>`;
  }
}

declare global {
  interface HTMLElementTagNameMap { 'product-finder': ProductFinder }
}
