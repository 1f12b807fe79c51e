/**
 * The scenario lab's report file (`storefront run --report out.json`): what a replay did to the chain, hour by hour,
 * in figures an analyst compares between runs (`storefront diff`). Money is in integer minor units of `currency`;
 * durations in milliseconds; every hourly series is aligned with `hours` (the start of each hour of the run, UTC).
 */
import { z } from 'zod';
import type { SalesOfficeFigures } from '../protocol/report.ts';
import { parseJson, readText, ScenarioError } from '../scenario.ts';

export const LAB_REPORT_FORMAT = 'storefront-lab-report';
export const LAB_REPORT_VERSION = 1;

/** The money and counts kept per store and hour. */
export const STORE_FIGURES = [
  'sales', 'receipts', 'orders', 'returns', 'refunds', 'deposits', 'balancesCaptured', 'cancellations', 'cancellationCharges', 'depositsRefunded',
] as const;
export type StoreFigure = typeof STORE_FIGURES[number];
export type StoreFigures = Record<StoreFigure, number>;

/** Which figures are money (the rest are counts). */
export const MONEY_FIGURES: ReadonlySet<StoreFigure> = new Set(['sales', 'refunds', 'deposits', 'balancesCaptured', 'cancellationCharges', 'depositsRefunded']);

/** What each figure counts, in the words the report's tables use. */
export const FIGURE_LABELS: Record<StoreFigure, string> = {
  sales: 'Sales (invoiced orders and cash-and-carry receipts)',
  receipts: 'Cash-and-carry receipts',
  orders: 'Customer orders placed',
  returns: 'Returns',
  refunds: 'Refunded on returns',
  deposits: 'Deposits taken',
  balancesCaptured: 'Balances captured (shipped or picked up)',
  cancellations: 'Orders cancelled',
  cancellationCharges: 'Cancellation charges',
  depositsRefunded: 'Deposits refunded',
};

/**
 * Fulfilment lead times: each stage is the time between two moments of a line at its location (a line reaches a
 * moment when all its units not rejected have).
 */
export const STAGES = ['accept', 'pick', 'pack', 'ship', 'pickup', 'acceptedToShipped', 'acceptedToPickedUp'] as const;
export type Stage = typeof STAGES[number];
export const STAGE_LABELS: Record<Stage, string> = {
  accept: 'pending → accepted',
  pick: 'accepted → picked',
  pack: 'picked → packed',
  ship: 'packed → shipped',
  pickup: 'ready → picked up',
  acceptedToShipped: 'accepted → shipped (whole)',
  acceptedToPickedUp: 'accepted → picked up (whole)',
};

const count = z.number().int().nonnegative();
const minor = z.number().int();
const iso = z.iso.datetime();

export const percentilesSchema = z.object({
  count: count.min(1), p50: count, p90: count, p99: count, max: count,
  /** exact: every sample kept; sketch: log buckets, within 1% (see duration-sketch.ts). */
  method: z.enum(['exact', 'sketch']),
}).strict();
export type Percentiles = z.infer<typeof percentilesSchema>;

const storeFiguresSchema = z.object(Object.fromEntries(STORE_FIGURES.map((f) => [f, MONEY_FIGURES.has(f) ? minor : count])) as Record<StoreFigure, z.ZodNumber>).strict();
const stagesSchema = z.partialRecord(z.enum(STAGES), percentilesSchema);
const gaugeSchema = z.object({ end: z.array(count), peak: z.array(count) }).strict();
const tallySchema = z.record(z.string(), count);

/** Headquarters' sales office at the end of the run (engine/report-sales.ts); absent when it did nothing. */
const salesOfficeSchema: z.ZodType<SalesOfficeFigures> = z.object({
  ordersByType: z.record(z.string(), tallySchema),
  invoices: z.object({ count, total: minor, freeText: z.object({ count, total: minor }).strict() }).strict(),
  openBackorders: z.object({
    lines: count, quantity: count,
    byItem: z.array(z.object({ productName: z.string(), open: count, onHand: count, expected: count, shortage: count }).strict()),
  }).strict(),
  agreements: z.array(z.object({
    agreementId: z.string(), customerName: z.string(), status: z.string(),
    commitments: z.array(z.object({ what: z.string(), measure: z.enum(['quantity', 'amount']), committed: count, ordered: minor, invoiced: minor }).strict()),
  }).strict()),
  quotationsByStatus: tallySchema,
  campaigns: z.array(z.object({ name: z.string(), type: z.string(), status: z.string(), targets: count, leftOut: count, positive: count, negative: count, none: count }).strict()),
  pipeline: z.object({ prospects: count, leadsByStatus: tallySchema, opportunitiesByStatus: tallySchema }).strict(),
}).strict();

export const labReportSchema = z.object({
  format: z.literal(LAB_REPORT_FORMAT),
  version: z.literal(LAB_REPORT_VERSION),
  scenario: z.object({
    name: z.string().min(1),
    seed: z.number().int().nonnegative(),
    /** What-if overrides on the scenario's configuration (`--set path=value`), as given. */
    overrides: z.record(z.string(), z.unknown()).optional(),
  }).strict(),
  currency: z.string().length(3),
  period: z.object({ from: iso, to: iso }).strict(),
  steps: z.object({ total: count, accepted: count, refused: count }).strict(),
  hours: z.array(iso),
  stores: z.array(z.object({ id: z.string(), name: z.string() }).strict()),
  locations: z.array(z.object({ id: z.string(), name: z.string(), kind: z.string() }).strict()),
  totals: storeFiguresSchema,
  byStore: z.record(z.string(), z.object({ totals: storeFiguresSchema, hourly: z.array(storeFiguresSchema) }).strict()),
  leadTimes: z.object({ all: stagesSchema, byLocation: z.record(z.string(), stagesSchema) }).strict(),
  /** Open fulfilment lines (not invoiced, not rejected) per location: at the end of each hour and the most within it. */
  backlog: z.record(z.string(), gaugeSchema),
  /** Per store: queued at the store -> received at headquarters, items received per hour, and the outbound queue's depth. */
  sync: z.record(z.string(), z.object({ lag: percentilesSchema.nullable(), received: z.array(count), queueDepth: gaugeSchema }).strict()),
  refusals: z.array(z.object({ rule: z.string(), count: count.min(1), example: z.object({ step: count, command: z.string(), message: z.string() }).strict() }).strict()),
  topProducts: z.array(z.object({ productId: z.string(), name: z.string(), quantity: z.number().int(), revenue: minor }).strict()),
  salesOffice: salesOfficeSchema.optional(),
}).strict().superRefine((report, ctx) => {
  // Every hourly series has one entry per hour of the run.
  const hours = report.hours.length;
  const check = (series: readonly unknown[], path: (string | number)[]) => {
    if (series.length !== hours) ctx.addIssue({ code: 'custom', path, message: `expected ${hours} hourly entries (one per entry of hours), got ${series.length}` });
  };
  for (const [storeId, store] of Object.entries(report.byStore)) check(store.hourly, ['byStore', storeId, 'hourly']);
  for (const [locationId, gauge] of Object.entries(report.backlog)) {
    check(gauge.end, ['backlog', locationId, 'end']);
    check(gauge.peak, ['backlog', locationId, 'peak']);
  }
  for (const [storeId, sync] of Object.entries(report.sync)) {
    check(sync.received, ['sync', storeId, 'received']);
    check(sync.queueDepth.end, ['sync', storeId, 'queueDepth', 'end']);
    check(sync.queueDepth.peak, ['sync', storeId, 'queueDepth', 'peak']);
  }
});

export type LabReport = z.infer<typeof labReportSchema>;
export type HourlyGauge = z.infer<typeof gaugeSchema>;
export type StageTimes = z.infer<typeof stagesSchema>;

export class LabReportError extends Error {
  constructor(readonly field: string, detail: string, readonly file?: string) {
    super(`${file === undefined ? '' : `${file}: `}${field}: ${detail}`);
  }
}

/** Validates a report file's content; the error names the first field that is wrong (`byStore.S1.hourly.3.sales`). */
export function parseLabReport(json: unknown, file?: string): LabReport {
  const parsed = labReportSchema.safeParse(json);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  throw new LabReportError(issue.path.join('.') || '(root)', issue.message, file);
}

/** Reads and validates a report file: an unreadable file, bad JSON (with its line and column) or a wrong field is named. */
export async function loadLabReport(file: string): Promise<LabReport> {
  let json: unknown;
  try {
    // Read and parsed as a scenario file is: the same plain words, a line and column for any JSON error.
    json = parseJson(await readText(file), file);
  } catch (error) {
    if (!(error instanceof ScenarioError)) throw error;
    const [problem] = error.problems;
    throw new LabReportError(problem!.field, problem!.detail, file);
  }
  return parseLabReport(json, file);
}

export function emptyFigures(): StoreFigures {
  return Object.fromEntries(STORE_FIGURES.map((f) => [f, 0])) as StoreFigures;
}
