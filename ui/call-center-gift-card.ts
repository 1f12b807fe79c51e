/**
 * <call-center-gift-card>: a gift card payment's card (CC-8: a gift card must cover its amount). The agent types the
 * card number; the element shows what the card holds, in money, as soon as the number is entered, and `card()` gives
 * the number with its balance, for the screen to check the share against (the domain's checkPaymentEntry) before
 * anything is sent.
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { formatMoney, type Minor } from '../engine/domain/money.ts';
import { violation, type RuleViolation } from '../engine/domain/violation.ts';
import type { CallCenterDesk } from './call-center-desk.ts';
import { violationOf } from './screen-kit.ts';
import { screenStyles } from './styles.ts';

@customElement('call-center-gift-card')
export class CallCenterGiftCard extends LitElement {
  static override styles = [screenStyles, css`
    /* Its label and balance sit in the payment form's row of fields. */
    :host { display: contents; }
    label { font-size: 0.95rem; }
    .balance { align-self: end; margin: 0 0 0.6rem; }
  `];

  @property({ attribute: false }) accessor desk!: CallCenterDesk;
  /** The card the balance was read for, and what it holds (null: not read yet). */
  @state() accessor card: { number: string; balance: Minor } | null = null;

  private get typed(): string {
    return this.renderRoot.querySelector<HTMLInputElement>('input[name="giftCardNumber"]')?.value.trim() ?? '';
  }

  /** What the typed card holds, read once per number; a card that cannot be read says why. */
  async balance(): Promise<Minor | RuleViolation> {
    const number = this.typed;
    if (number === '') return violation('CC-8', "enter the gift card's number", 'giftCardNumber');
    if (this.card?.number === number) return this.card.balance;
    try {
      const balance = await this.desk.giftCardBalance(number);
      this.card = { number, balance };
      return balance;
    } catch (error) {
      this.card = null;
      return violationOf(error);
    }
  }

  /** CC-8: the typed card with what it holds, or why it cannot be read. */
  async giftCard(): Promise<{ number: string; balance: Minor } | RuleViolation> {
    const balance = await this.balance();
    return typeof balance === 'number' ? { number: this.card!.number, balance } : balance;
  }

  /** The number on the screen is not kept once its payment is on the order. */
  clear(): void {
    const input = this.renderRoot.querySelector<HTMLInputElement>('input[name="giftCardNumber"]');
    if (input !== null) input.value = '';
    this.card = null;
  }

  override render() {
    const card = this.card;
    return html`
      <label>Gift card number<input name="giftCardNumber" autocomplete="off" @change=${() => void this.balance()}></label>
      ${card === null ? nothing : html`<p class="balance" role="status" data-balance>This card holds <strong>${formatMoney(card.balance, this.desk.currency)}</strong>.</p>`}`;
  }
}

declare global {
  interface HTMLElementTagNameMap { 'call-center-gift-card': CallCenterGiftCard }
}
