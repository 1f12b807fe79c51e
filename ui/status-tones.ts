/**
 * Statuses shown in colour: a status table (each status's label and tone) and the tones' one palette, shared by the
 * order and line status badges and the analyst's link pills.
 */
import { css } from 'lit';

export type Tone = 'amber' | 'blue' | 'purple' | 'teal' | 'indigo' | 'green' | 'red' | 'grey';

/** Lookups into a status table; a status the table does not know is shown as the server sent it, in grey. */
export interface StatusTable<S extends string> {
  /** Every status, in the table's (lifecycle) order. */
  readonly statuses: readonly S[];
  label(status: string): string;
  tone(status: string): Tone;
}

export function statusTable<S extends string>(info: Record<S, { label: string; tone: Tone }>): StatusTable<S> {
  return {
    statuses: Object.keys(info) as (keyof typeof info)[],
    label: (status) => info[status as S]?.label ?? status,
    tone: (status) => info[status as S]?.tone ?? 'grey',
  };
}

/** The tones as `tone-*` classes (background, text and border colours). */
export const toneStyles = css`
  .tone-amber { background: #fff8e1; color: #6d4500; border-color: #ffb300; }
  .tone-blue { background: #e3f2fd; color: #0d47a1; border-color: #1e88e5; }
  .tone-purple { background: #f3e5f5; color: #6a1b9a; border-color: #ab47bc; }
  .tone-teal { background: #e0f2f1; color: #00574b; border-color: #26a69a; }
  .tone-indigo { background: #e8eaf6; color: #283593; border-color: #5c6bc0; }
  .tone-green { background: #e8f5e9; color: #1b5e20; border-color: #43a047; }
  .tone-red { background: #ffebee; color: #b71c1c; border-color: #e53935; }
  .tone-grey { background: #eceff1; color: #37474f; border-color: #90a4ae; }
`;
