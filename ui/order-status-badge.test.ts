import { expect, fixture, html } from '@open-wc/testing';
import { ORDER_HEADER_STATUSES, type OrderHeaderStatus } from '../engine/domain/fulfillment.ts';
import { OrderStatusBadge, statusLabel } from './order-status-badge.ts';
import { describe, expectTouchSize, it } from './testing/dom.ts';

const expected: Record<OrderHeaderStatus, { label: string; tone: string }> = {
  Quote: { label: 'Quote', tone: 'tone-grey' },
  Open: { label: 'Open', tone: 'tone-blue' },
  PartiallyPicked: { label: 'Partially picked', tone: 'tone-amber' },
  Picked: { label: 'Picked', tone: 'tone-amber' },
  PartiallyDelivered: { label: 'Partially delivered', tone: 'tone-amber' },
  Delivered: { label: 'Delivered', tone: 'tone-amber' },
  PartiallyInvoiced: { label: 'Partially invoiced', tone: 'tone-amber' },
  Invoiced: { label: 'Invoiced', tone: 'tone-green' },
  Rejected: { label: 'Rejected', tone: 'tone-red' },
  Cancelled: { label: 'Cancelled', tone: 'tone-red' },
};
const tones = ['tone-grey', 'tone-blue', 'tone-amber', 'tone-green', 'tone-red'];

function badgeOf(el: OrderStatusBadge): HTMLElement {
  const badge = el.shadowRoot?.querySelector<HTMLElement>('.badge');
  if (!badge) throw new Error('badge not rendered');
  return badge;
}

describe('statusLabel', () => {
  it('maps every header status to a readable label', () => {
    expect([...ORDER_HEADER_STATUSES].sort()).to.deep.equal(Object.keys(expected).sort());
    for (const status of ORDER_HEADER_STATUSES) {
      expect(statusLabel(status), status).to.equal(expected[status].label);
    }
  });
});

describe('<order-status-badge>', () => {
  it('is registered as a custom element', () => {
    expect(customElements.get('order-status-badge')).to.equal(OrderStatusBadge);
  });

  for (const status of Object.keys(expected) as OrderHeaderStatus[]) {
    it(`renders ${status} with its label and colour`, async () => {
      const el = await fixture<OrderStatusBadge>(html`<order-status-badge .status=${status}></order-status-badge>`);
      const badge = badgeOf(el);
      expect(badge.textContent?.trim()).to.equal(expected[status].label);
      expect(badge.classList.contains(expected[status].tone), badge.className).to.equal(true);
      for (const other of tones.filter((t) => t !== expected[status].tone)) {
        expect(badge.classList.contains(other), `${status} must not be ${other}`).to.equal(false);
      }
      expect(badge.getAttribute('aria-label')).to.equal(`Order status: ${expected[status].label}`);
    });
  }

  it('reads the status attribute', async () => {
    const el = await fixture<OrderStatusBadge>(html`<order-status-badge status="PartiallyInvoiced"></order-status-badge>`);
    expect(el.status).to.equal('PartiallyInvoiced');
    expect(badgeOf(el).textContent?.trim()).to.equal('Partially invoiced');
  });

  it('updates when status changes', async () => {
    const el = await fixture<OrderStatusBadge>(html`<order-status-badge status="Open"></order-status-badge>`);
    expect(badgeOf(el).classList.contains('tone-blue')).to.equal(true);

    el.status = 'Invoiced';
    await el.updateComplete;
    const badge = badgeOf(el);
    expect(badge.textContent?.trim()).to.equal('Invoiced');
    expect(badge.classList.contains('tone-green')).to.equal(true);
    expect(badge.classList.contains('tone-blue')).to.equal(false);
    expect(badge.getAttribute('aria-label')).to.equal('Order status: Invoiced');
    expect(el.getAttribute('status')).to.equal('Invoiced');

    el.setAttribute('status', 'Cancelled');
    await el.updateComplete;
    expect(badgeOf(el).textContent?.trim()).to.equal('Cancelled');
    expect(badgeOf(el).classList.contains('tone-red')).to.equal(true);
  });

  it('has role=status and an aria-label', async () => {
    const el = await fixture<OrderStatusBadge>(html`<order-status-badge status="Quote"></order-status-badge>`);
    const badge = badgeOf(el);
    expect(badge.getAttribute('role')).to.equal('status');
    expect(badge.getAttribute('aria-label')).to.equal('Order status: Quote');
  });

  it('is large enough to tap (at least 44x44 CSS px)', async () => {
    const el = await fixture<OrderStatusBadge>(html`<order-status-badge status="Open"></order-status-badge>`);
    expectTouchSize([badgeOf(el)]);
  });

  it('passes the accessibility audit', async () => {
    const el = await fixture<OrderStatusBadge>(html`<order-status-badge status="PartiallyPicked"></order-status-badge>`);
    await expect(el).to.be.accessible();
  });
});
