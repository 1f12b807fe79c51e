/**
 * <location-availability>: CO-17 while choosing where lines ship from or are picked up: each offered location with
 * what it has of the lines (`GET /api/registers/:id/availability`). A location that cannot cover them is marked
 * Short and stays selectable (decision: the order may wait for stock). The chosen location is highlighted.
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { LocationAvailabilityView } from '../engine/protocol/views.ts';
import { screenStyles } from './styles.ts';
import { tillStyles } from './till-shared.ts';

/** A location choice's label: its name, marked when it is short of the lines. */
export function locationLabel(name: string, availability: LocationAvailabilityView | undefined): string {
  return availability?.short === true ? `${name} (short)` : name;
}

@customElement('location-availability')
export class LocationAvailability extends LitElement {
  static override styles = [screenStyles, tillStyles, css`
    /* Many lines make the table wide: it scrolls sideways inside the dialog, which keeps its width. */
    :host { display: block; min-width: 0; max-width: 100%; overflow-x: auto; }
    table { width: 100%; border-collapse: collapse; font-size: 0.95rem; }
    th, td { text-align: left; padding: 0.25rem 0.5rem; border-bottom: 1px solid var(--line); }
    td.qty { font-variant-numeric: tabular-nums; white-space: nowrap; }
    tr.chosen { background: var(--info-bg); font-weight: 700; }
    .pill { min-height: 0; padding: 0 0.5rem; font-size: 0.85rem; }
  `];

  @property({ attribute: false }) accessor locations: LocationAvailabilityView[] = [];
  @property({ type: String }) accessor chosen = '';
  @property({ attribute: false }) accessor productName: (productId: string) => string = (id) => id;

  override render() {
    if (this.locations.length === 0 || this.locations[0]!.lines.length === 0) return nothing;
    return html`
      <table>
        <caption class="sr-only">Available quantity per location</caption>
        <thead><tr><th scope="col">Location</th>${this.locations[0]!.lines.map((l) => html`<th scope="col">${this.productName(l.productId)}</th>`)}<th scope="col"><span class="sr-only">Stock</span></th></tr></thead>
        <tbody>
          ${this.locations.map((location) => html`
            <tr data-location=${location.locationId} class=${location.locationId === this.chosen ? 'chosen' : ''}>
              <th scope="row">${location.name}</th>
              ${location.lines.map((l) => html`<td class="qty" data-line=${l.lineId}>${l.available} available${l.short ? html`, ${l.quantity} wanted` : nothing}</td>`)}
              <td>${location.short ? html`<span class="pill warn" data-short>Short</span>` : html`<span class="pill ok">In stock</span>`}</td>
            </tr>`)}
        </tbody>
      </table>`;
  }
}

declare global {
  interface HTMLElementTagNameMap { 'location-availability': LocationAvailability }
}
