/**
 * Shared look of the screens: large touch targets (48px and up), plain status colours, errors shown in place.
 * Screens adopt `screenStyles` beside their own.
 */
import { css } from 'lit';
import { formatMoney } from '../engine/domain/money.ts';

export const screenStyles = css`
  :host {
    display: block;
    font: 400 1.0625rem/1.4 system-ui, sans-serif;
    color: #1c2530;
    --ok: #1b5e20;
    --ok-bg: #e8f5e9;
    --warn: #7a4f01;
    --warn-bg: #fff8e1;
    --bad: #b71c1c;
    --bad-bg: #ffebee;
    --info: #0d47a1;
    --info-bg: #e3f2fd;
    --line: #cfd6de;
  }
  button {
    min-height: 48px;
    min-width: 48px;
    padding: 0.5rem 1rem;
    border-radius: 10px;
    border: 2px solid #546e7a;
    background: #fff;
    color: #1c2530;
    font: 600 1.0625rem/1.2 system-ui, sans-serif;
    cursor: pointer;
  }
  button.primary { background: #1565c0; border-color: #0d47a1; color: #fff; }
  button.danger { background: #fff; border-color: var(--bad); color: var(--bad); }
  button:disabled { opacity: 0.45; cursor: not-allowed; }
  button:focus-visible, input:focus-visible, select:focus-visible { outline: 3px solid #ffb300; outline-offset: 2px; }
  input, select {
    min-height: 48px;
    box-sizing: border-box;
    padding: 0.5rem 0.75rem;
    border: 2px solid #90a4ae;
    border-radius: 8px;
    font: inherit;
    background: #fff;
  }
  label { display: flex; flex-direction: column; gap: 0.25rem; font-weight: 600; }
  .error { background: var(--bad-bg); color: var(--bad); border: 2px solid var(--bad); border-radius: 8px; padding: 0.75rem 1rem; font-weight: 600; }
  .notice { background: var(--ok-bg); color: var(--ok); border: 2px solid #43a047; border-radius: 8px; padding: 0.75rem 1rem; font-weight: 600; }
  .warning { background: var(--warn-bg); color: var(--warn); border: 2px solid #ffb300; border-radius: 8px; padding: 0.75rem 1rem; font-weight: 600; }
  .row { display: flex; gap: 0.75rem; align-items: center; flex-wrap: wrap; }
  .panel { background: #fff; border: 1px solid var(--line); border-radius: 12px; padding: 1rem; }
  .muted { color: #546e7a; }
  table { border-collapse: collapse; width: 100%; }
  th, td { text-align: left; padding: 0.6rem 0.5rem; border-bottom: 1px solid var(--line); vertical-align: middle; }
  th { font-size: 0.9rem; text-transform: uppercase; letter-spacing: 0.03em; color: #546e7a; }
  .money { font-variant-numeric: tabular-nums; text-align: right; white-space: nowrap; }
  .offline { background: var(--bad-bg); color: var(--bad); padding: 0.25rem 0.75rem; border-radius: 999px; font-weight: 700; }
  .online { background: var(--ok-bg); color: var(--ok); padding: 0.25rem 0.75rem; border-radius: 999px; font-weight: 700; }
`;

/** Money in minor units as every screen shows it, in the store's currency. */
export function money(minor: number, currency = 'USD'): string {
  return formatMoney(minor, currency);
}
