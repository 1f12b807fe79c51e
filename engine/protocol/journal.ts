/** The analyst's journal scrubber: the chain as it was at one point of its history (engine/persistence/time-travel.ts). */
import type { ChainReport } from './report.ts';

/** A command refused at a point, as the scrubber shows it. */
export interface JournalRefusal { type: string; at: string; rule: string; field?: string; message: string }

export interface JournalPoint {
  /** The chain's seq: its commands counted as `report` counts them (0: the chain as it started). */
  seq: number;
  /** The last seq on disk now (the live end). */
  last: number;
  /** The virtual clock after the command at `seq` (ISO). */
  at: string;
  /** The command that brought the chain to this point: which side accepted it and its type (null at 0). */
  command: { engine: 'store' | 'headquarters'; type: string } | null;
  /** Commands refused right after this point (the state they were refused in). */
  refusals: JournalRefusal[];
  /** The seqs of the nearest points with a refusal after and before this one (null: none). */
  nextRefusal: number | null;
  previousRefusal: number | null;
  /** The analyst's report as of this point (its refusals by rule: those noted up to here). */
  report: ChainReport;
}
