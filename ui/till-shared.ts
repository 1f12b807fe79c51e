/**
 * What the till's parts share: the shapes the server sends them (register, sync and customer views), money entry,
 * how a refusal is told, and the look of dialog content, fields and status pills.
 */
import { css } from 'lit';
import { collectorText } from '../engine/domain/collector.ts';
import type { RuleViolation } from '../engine/domain/violation.ts';
import type { CustomerView, LinkView, RegisterUpdate, RegisterView } from '../engine/protocol/views.ts';
import { refusalContent } from './refusal-text.ts';
import type { Approval, CommandAnswer, Setup } from './api.ts';

export type { RuleViolation };

/** The `register:<id>` room's view. */
export type { CustomerView, RegisterUpdate, RegisterView };
export type Transaction = NonNullable<RegisterView['transaction']>;
export type CartLine = Transaction['cart']['lines'][number];
export type CartCharge = Transaction['cart']['charges'][number];

/** The `store:<id>` room's link to headquarters (the queue as a count). */
export type SyncView = LinkView;

/** `GET /api/customers?q=&scope=`: one match (CU-8: what matched, and whether this store's address book holds it). */
export interface CustomerMatch {
  customerId: string;
  account: string;
  pendingSync: boolean;
  name: string;
  email: string | null;
  phone: string | null;
  type: string;
  loyaltyCardId?: string | null;
  matchedOn?: string;
  inAddressBook?: boolean;
  homeStore?: string | null;
}

/** What a till command needs to know about the screen it runs on. */
export type SendCommand = (command: Record<string, unknown>, approval?: Approval) => Promise<CommandAnswer>;

/** Money typed at the till ("12.50", "12", "0.5") as minor units; null when it is not an amount. */
export function parseMoney(text: string, allowNegative = false): number | null {
  const trimmed = text.trim().replace(/^\$/, '');
  const pattern = allowNegative ? /^-?\d+(\.\d{1,2})?$/ : /^\d+(\.\d{1,2})?$/;
  if (!pattern.test(trimmed)) return null;
  const negative = trimmed.startsWith('-');
  const [whole, fraction = ''] = trimmed.replace('-', '').split('.');
  const minor = Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
  return negative ? -minor : minor;
}

/** Minor units as the value of an amount field ("12.50"). */
export function moneyInput(minor: number): string {
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** A refusal as the till shows it: as every screen does (plain words, the rule in a detail line). */
export const violationText = refusalContent;

/** A command answer's refusal, or a network failure, as a violation (null when accepted). */
export function refusalOf(answer: CommandAnswer): RuleViolation | null {
  return answer.ok ? null : answer.error;
}

export function unreachable(error: unknown): RuleViolation {
  if (typeof error === 'object' && error !== null && 'violation' in error) return (error as { violation: RuleViolation }).violation;
  return { rule: 'UNAVAILABLE', message: 'the server cannot be reached: check the connection and try again' };
}

/** Names of the store's locations (ship-from, pickup stores, the store itself). */
export function locationNames(setup: Setup): Map<string, string> {
  const names = new Map<string, string>([[setup.location.id, setup.location.name]]);
  for (const l of [...setup.shipFrom, ...setup.pickupAt]) names.set(l.id, l.name);
  return names;
}

export function productName(setup: Setup, productId: string): string {
  return setup.products.find((p) => p.id === productId)?.name ?? productId;
}

/** How a line travels, in words: "Ship: Standard ground from Kent warehouse, 2026-11-25". */
export function deliveryText(setup: Setup, delivery: CartLine['delivery']): string {
  const where = locationNames(setup).get(delivery.locationId) ?? delivery.locationId;
  const date = delivery.date === undefined ? '' : `, ${delivery.date}`;
  switch (delivery.kind) {
    case 'carryOut': return 'Carry out';
    case 'pickup': {
      // The parameters' pickup mode goes without saying; another one (Curbside pickup) is named. CO-15: who collects.
      const mode = setup.pickupModes[0]?.code === delivery.modeCode ? '' : ` (${setup.pickupModes.find((m) => m.code === delivery.modeCode)?.name ?? delivery.modeCode})`;
      const collector = delivery.collector === undefined ? '' : `, collected by ${collectorText(delivery.collector)}`;
      return `Pick up at ${where}${mode}${date}${collector}`;
    }
    case 'ship': {
      const mode = setup.shipModes.find((m) => m.code === delivery.modeCode)?.name ?? delivery.modeCode;
      const address = delivery.address;
      // CU-9: who receives it at that address.
      const contact = address?.contactName === undefined ? '' : ` (${[address.contactName, address.contactPhone].filter((c) => c !== undefined).join(', ')})`;
      const to = address === undefined ? '' : ` to ${address.street}, ${address.city}${contact}`;
      return `Ship: ${mode} from ${where}${to}${date}`;
    }
  }
}

/** The shared look of the till's dialog content, forms and status pills (adopted beside screenStyles). */
export const tillStyles = css`
  .actions { display: flex; gap: 0.75rem; flex-wrap: wrap; justify-content: flex-end; }
  .grid2 { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(13rem, 100%), 1fr)); gap: 0.75rem; }
  /* A select is as wide as its longest option unless held: keep it (and its label) inside the dialog. */
  .grid2 > * { min-width: 0; }
  select { max-width: 100%; min-width: 0; }
  fieldset { border: 1px solid var(--line); border-radius: 10px; padding: 0.75rem; margin: 0; display: grid; gap: 0.75rem; }
  legend { font-weight: 700; padding: 0 0.25rem; }
  .field-error { color: var(--bad); font-weight: 600; font-size: 0.95rem; }
  input[aria-invalid='true'], select[aria-invalid='true'] { border-color: var(--bad); background: var(--bad-bg); }
  .check { flex-direction: row; align-items: center; gap: 0.5rem; min-height: 48px; }
  .check input { min-height: 0; width: 1.5rem; height: 1.5rem; }
  .pill { display: inline-flex; align-items: center; min-height: 2rem; padding: 0.25rem 0.75rem; border-radius: 999px; font-weight: 700; border: 2px solid transparent; }
  .pill.ok { background: var(--ok-bg); color: var(--ok); border-color: #43a047; }
  .pill.warn { background: var(--warn-bg); color: var(--warn); border-color: #ffb300; }
  .pill.bad { background: var(--bad-bg); color: var(--bad); border-color: #e53935; }
  .pill.info { background: var(--info-bg); color: var(--info); border-color: #1e88e5; }
  .pill.grey { background: #eceff1; color: #37474f; border-color: #90a4ae; }
  .sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
  h3 { margin: 0; font-size: 1.1rem; }
`;
