import { expect, fixture, html } from '@open-wc/testing';
import { LitElement } from 'lit';
import { BarcodeScanner, ScanBurst } from './barcode-scanner.ts';
import type { ProductFinder } from './product-finder.ts';
import './product-finder.ts';
import { alerts, deep, deepAll, describe, expectTouchSize, it, settle, type } from './testing/dom.ts';

const PRODUCTS = [
  { id: 'P-TENT', name: 'Two-person tent', price: 19_999, barcodes: ['0490000000108'] },
  { id: 'P-LAMP', name: 'Camp lamp', price: 2499, barcodes: ['0490000000115'] },
  { id: 'P-STOVE', name: 'Camp stove', price: 8950, barcodes: [] },
  { id: 'P-SOCKS', name: 'Wool socks', price: 1299, barcodes: [] },
];

async function finder() {
  const el = await fixture<ProductFinder>(html`<product-finder .products=${PRODUCTS} currency="USD"></product-finder>`);
  const added: string[] = [];
  el.addEventListener('add-product', (e) => added.push((e as CustomEvent<{ productId: string }>).detail.productId));
  await settle(el);
  return { el, added, search: deep<HTMLInputElement>(el, 'input[type=search]') };
}

const shown = (el: Element) => deepAll(el, 'button[data-product]').map((b) => b.dataset.product);
const key = (input: HTMLElement, k: string) => input.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, composed: true }));

describe('<product-finder>', () => {
  it('lists every product by name, and narrows as the cashier types any word', async () => {
    const { el, search } = await finder();
    expect(shown(el)).to.deep.equal(['P-LAMP', 'P-STOVE', 'P-TENT', 'P-SOCKS']);
    type(search, 'camp st');
    await settle(el);
    expect(shown(el)).to.deep.equal(['P-STOVE']);
    type(search, 'tent');
    await settle(el);
    expect(shown(el)).to.deep.equal(['P-TENT']);
    expectTouchSize(deepAll(el, 'button'));
  });

  it('Down and Up walk the matches; Enter adds the highlighted one and clears the search', async () => {
    const { el, added, search } = await finder();
    type(search, 'camp');
    await settle(el);
    key(search, 'ArrowDown');
    await settle(el);
    expect(deep(el, 'button.active').dataset.product).to.equal('P-STOVE');
    key(search, 'ArrowUp');
    key(search, 'Enter');
    await settle(el);
    expect(added).to.deep.equal(['P-LAMP']);
    expect(search.value).to.equal('');
  });

  it('a product is added with a tap', async () => {
    const { el, added } = await finder();
    deep<HTMLButtonElement>(el, 'button[data-product="P-SOCKS"]').click();
    expect(added).to.deep.equal(['P-SOCKS']);
  });

  it('a barcode typed into the field (a scanner: digits, then Enter) adds its product; an unknown one is said plainly', async () => {
    const { el, added, search } = await finder();
    type(search, '0490000000115');
    key(search, 'Enter');
    await settle(el);
    expect(added).to.deep.equal(['P-LAMP']);
    type(search, '0490000009999');
    key(search, 'Enter');
    await settle(el);
    expect(added).to.deep.equal(['P-LAMP']);
    expect(alerts(el)).to.deep.equal(['No product has barcode 0490000009999. Check the item, or find it by name.']);
  });

  it('a search that finds nothing says so', async () => {
    const { el, search } = await finder();
    type(search, 'kayak');
    await settle(el);
    expect(shown(el)).to.deep.equal([]);
    expect(deep(el, '[role=status]').textContent).to.contain('No product matches "kayak"');
  });
});

describe('barcode scanning', () => {
  it('a burst of digits then Enter is a scan; typing at a person\'s pace or too few digits is not', () => {
    const burst = new ScanBurst();
    const typeAt = (keys: string, start: number, gap: number) => [...keys].map((k, i) => burst.key(k === '\n' ? 'Enter' : k, start + i * gap)).at(-1);
    expect(typeAt('0490000000115\n', 0, 10)).to.equal('0490000000115');
    expect(typeAt('0490000000115\n', 1000, 150)).to.equal(null);
    expect(typeAt('1234\n', 5000, 5)).to.equal(null);
    expect(typeAt('12345678\n', 6000, 5)).to.equal('12345678');
  });

  it('the page listener hands over a burst typed outside any field, and leaves fields alone', async () => {
    class Host extends LitElement {}
    customElements.define('scan-host', Host);
    const host = await fixture<Host>(html`<scan-host></scan-host>`);
    const codes: string[] = [];
    let listening = true;
    new BarcodeScanner(host, (code) => codes.push(code), () => listening);
    const press = (target: EventTarget, k: string) => target.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, composed: true }));
    for (const k of '04900000001') press(document.body, k);
    press(document.body, 'Enter');
    expect(codes).to.deep.equal(['04900000001']);
    const input = document.createElement('input');
    document.body.append(input);
    for (const k of '04900000001') press(input, k);
    press(input, 'Enter');
    listening = false;
    for (const k of '04900000002') press(document.body, k);
    press(document.body, 'Enter');
    expect(codes).to.deep.equal(['04900000001']);
    input.remove();
    host.remove();
  });
});
