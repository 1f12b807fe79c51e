/**
 * `GET /api/journal?seq=N` or `?time=ISO` (neither: the last command on disk): the analyst's scrubber over the
 * running server's journals. The chain at that point is rebuilt by time travel (engine/persistence/time-travel.ts),
 * which only reads the data directory: what the engine is writing as it serves goes on untouched, and the history
 * read is what is on disk (an acknowledged command is). One travel serves every analyst: it moves from where it is,
 * so stepping costs one command.
 */
import { z } from 'zod';
import { TimeTravel, TravelError, type Refusal } from '../persistence/time-travel.ts';
import { parseWith } from '../protocol/commands.ts';
import type { JournalPoint } from '../protocol/journal.ts';
import { apiError, type ApiError } from './errors.ts';

const querySchema = z.object({
  seq: z.string().regex(/^\d{1,15}$/, 'a command number (0 is the start)').transform(Number).optional(),
  time: z.string().max(40).optional(),
}).strict().refine((q) => q.seq === undefined || q.time === undefined, { message: 'give a command number (seq) or a time, not both', path: ['seq'] });

const iso = (ms: number) => new Date(ms).toISOString();

function refusalView(refusal: Refusal): JournalPoint['refusals'][number] {
  const { rule, field, message } = refusal.error;
  return { type: String((refusal.command as { type?: unknown }).type), at: iso(refusal.at), rule, ...(field === undefined ? {} : { field }), message };
}

/** A time as the scrubber sends it: an ISO instant with a date and a time of day (a bare number is not a time). */
function parseTime(text: string): number {
  return /^\d{4}-\d{2}-\d{2}T/.test(text) ? Date.parse(text) : Number.NaN;
}

export class JournalTravel {
  private travel: Promise<TimeTravel> | null = null;
  /** One move of the travel at a time: a move lets other work in while it replays (TimeTravel.reach). */
  private moving: Promise<unknown> = Promise.resolve();

  constructor(private readonly dataDir: string | undefined) {}

  /** The point a query asks for, or why not (400 naming the field and the range; 404 without a data directory). */
  point(query: unknown): Promise<JournalPoint | ApiError> {
    const answer = this.moving.then(() => this.move(query));
    this.moving = answer.catch(() => {});
    return answer;
  }

  private async move(query: unknown): Promise<JournalPoint | ApiError> {
    const parsed = parseWith(querySchema, query);
    if (!parsed.ok) return apiError(parsed.error);
    if (this.dataDir === undefined) return { status: 404, rule: 'NOT_FOUND', field: 'path', message: 'this server keeps no journal to travel in (it runs without a data directory)' };
    let travel: TimeTravel;
    try {
      travel = await this.opened(this.dataDir);
    } catch (error) {
      return { status: 503, rule: 'UNAVAILABLE', field: 'server', message: `the journal cannot be read: ${error instanceof Error ? error.message : String(error)}` };
    }
    const { seq, time } = parsed.command;
    let at: number;
    try {
      at = time !== undefined ? travel.seqAt(parseTime(time)) : seq ?? travel.last;
      travel.checkSeq(at);
    } catch (error) {
      if (!(error instanceof TravelError)) throw error;
      return { status: 400, rule: 'VALIDATION', field: error.field, message: `${error.field}: ${error.message}` };
    }
    await travel.reach(at);
    return this.view(travel, at);
  }

  /** The travel, read up to what is on disk now (opened on the first call). */
  private async opened(dataDir: string): Promise<TimeTravel> {
    if (this.travel === null) {
      this.travel = TimeTravel.open(dataDir);
      this.travel.catch(() => { this.travel = null; }); // a failed read is tried again on the next call
      return this.travel;
    }
    const travel = await this.travel;
    await travel.refresh();
    return travel;
  }

  private view(travel: TimeTravel, seq: number): JournalPoint {
    const report = travel.reportAt(seq);
    const entry = travel.entryAt(seq);
    return {
      seq, last: travel.last, at: iso(travel.timeAt(seq)),
      command: entry === null ? null : { engine: entry.engine, type: String((entry.entry.command as { type?: unknown }).type) },
      refusals: travel.refusalsAt(seq).map(refusalView),
      nextRefusal: travel.nextRefusal(seq),
      previousRefusal: travel.previousRefusal(seq),
      report,
    };
  }
}
