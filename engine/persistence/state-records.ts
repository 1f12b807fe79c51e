/**
 * The chain's two states as snapshot records (one JSON line each) and back: a head record with everything small,
 * then one record per actor, receipt, return order, queue and back-office row, so that a snapshot is written a
 * chunk at a time and its size is what the state holds, whatever the history.
 */
import type { Kind } from '../actor-registry.ts';
import { BACK_OFFICE_TABLES, type BackOfficeTable, type HeadquartersCapture, type HeadquartersState } from '../headquarters-engine.ts';
import type { CapturedState, EngineState } from '../store-engine.ts';

const STATE_KEY = { register: 'registers', order: 'orders', fulfillment: 'fulfillment', customer: 'customers', sync: 'sync' } as const satisfies Record<Kind, keyof EngineState>;

type StoreRecord =
  | { t: 'head'; seq: number; clock: number; ids: EngineState['ids'] }
  | { t: 'actor'; kind: Kind; id: string; snapshot: unknown }
  | { t: 'receipt'; receipt: EngineState['receipts'][string] }
  | { t: 'return'; returnOrder: EngineState['returnOrders'][number] }
  | { t: 'queue'; storeId: string; items: EngineState['outbound'][string] };

export function* storeRecords(captured: CapturedState): Generator<StoreRecord> {
  yield { t: 'head', seq: captured.seq, clock: captured.clock, ids: captured.ids };
  for (const [kind, actors] of Object.entries(captured.actors) as [Kind, CapturedState['actors'][Kind]][]) {
    for (const [id, snapshot] of actors) yield { t: 'actor', kind, id, snapshot: captured.persisted(kind, snapshot) };
  }
  for (const receipt of captured.receipts) yield { t: 'receipt', receipt };
  for (const returnOrder of captured.returnOrders) yield { t: 'return', returnOrder };
  for (const [storeId, items] of Object.entries(captured.outbound)) yield { t: 'queue', storeId, items };
}

export function storeStateFrom(records: readonly unknown[]): EngineState {
  const state: EngineState = { seq: 0, clock: 0, ids: { counters: {}, rng: 0 }, registers: {}, orders: {}, fulfillment: {}, customers: {}, sync: {}, receipts: {}, returnOrders: [], outbound: {} };
  for (const record of records as StoreRecord[]) {
    switch (record.t) {
      case 'head': Object.assign(state, { seq: record.seq, clock: record.clock, ids: record.ids }); break;
      case 'actor': state[STATE_KEY[record.kind]][record.id] = record.snapshot; break;
      case 'receipt': state.receipts[record.receipt.receiptId] = record.receipt; break;
      case 'return': state.returnOrders.push(record.returnOrder); break;
      case 'queue': state.outbound[record.storeId] = record.items; break;
    }
  }
  return state;
}

type HeadquartersRecord =
  | { t: 'head'; seq: number; clock: number; snapshot: unknown; catalogs?: HeadquartersState['catalogs']; enrolments?: HeadquartersState['enrolments'] }
  | { t: 'row'; table: BackOfficeTable; key: string; value: unknown }
  | { t: 'changes'; changes: string[] }
  | { t: 'callCenter'; desk: NonNullable<HeadquartersState['callCenter']> }
  | { t: 'salesOffice'; office: NonNullable<HeadquartersState['salesOffice']> };

const CHANGES_PER_RECORD = 10_000;

export function* headquartersRecords(captured: HeadquartersCapture): Generator<HeadquartersRecord> {
  const context: Record<string, unknown> = { ...captured.snapshot.context, changes: [] };
  for (const table of BACK_OFFICE_TABLES) context[table] = {};
  yield { t: 'head', seq: captured.seq, clock: captured.clock, snapshot: { ...captured.snapshot, context }, catalogs: captured.catalogs, enrolments: captured.enrolments };
  for (const table of BACK_OFFICE_TABLES) {
    for (const [key, value] of Object.entries(captured.tables[table])) yield { t: 'row', table, key, value };
  }
  for (let from = 0; from < captured.changes.length; from += CHANGES_PER_RECORD) yield { t: 'changes', changes: captured.changes.slice(from, from + CHANGES_PER_RECORD) };
  yield { t: 'callCenter', desk: captured.callCenter };
  yield { t: 'salesOffice', office: captured.salesOffice };
}

export function headquartersStateFrom(records: readonly unknown[]): HeadquartersState {
  let state: HeadquartersState | null = null;
  let context: Record<string, Record<string, unknown>> & { changes: string[] } = { changes: [] } as never;
  for (const record of records as HeadquartersRecord[]) {
    switch (record.t) {
      case 'head':
        state = { seq: record.seq, clock: record.clock, headquarters: record.snapshot, ...(record.catalogs === undefined ? {} : { catalogs: record.catalogs }), ...(record.enrolments === undefined ? {} : { enrolments: record.enrolments }) };
        context = (record.snapshot as { context: typeof context }).context;
        break;
      case 'row': context[record.table]![record.key] = record.value; break;
      case 'changes': context.changes.push(...record.changes); break;
      case 'callCenter': state!.callCenter = record.desk; break;
      case 'salesOffice': state!.salesOffice = record.office; break;
    }
  }
  if (state === null) throw new Error('the headquarters snapshot has no head record');
  return state;
}
