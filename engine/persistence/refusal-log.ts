/**
 * The commands the chain refused, kept for the analysts' time travel ("jump to the next refusal"). The journals hold
 * only accepted commands (what opening replays), so refusals go to a side file of their own, `refusals.jsonl`, one
 * sealed line each, naming the chain's seq the refusal came after (the state the refused command saw).
 *
 * Written off the acknowledgement path: a refusal is answered at once and its line follows in the background, never
 * fsynced. A refusal changed nothing, so a crash that loses the last few lines loses no state, only a note for
 * analysts; accepted commands never wait for this file, and a failure to write it is said once and stops only the
 * notes. A crash can also cut the journals' tail (recovery.ts) that refusals named: on open, a `cut` line voids the
 * refusals noted after the seq the chain reopened at (that history never happened).
 */
import { open, readFile, truncate, type FileHandle } from 'node:fs/promises';
import type { RuleViolation } from '../domain/violation.ts';
import { damaged } from './damage.ts';
import { seal, sealOf, unsealed } from './seal.ts';

/** A refused command: after which of the chain's commands (its combined seq), when (virtual clock), and why. */
export interface Refusal { after: number; at: number; command: unknown; error: RuleViolation }

type Line = Refusal | { cut: number };

/** The intact lines of the file and where they end (a torn final line, a write a crash interrupted, is left out). */
function parse(data: Buffer, path: string): { lines: Line[]; intactBytes: number } {
  const lines: Line[] = [];
  let start = 0;
  for (let lineNo = 1; start < data.length; lineNo++) {
    const newline = data.indexOf(0x0a, start);
    if (newline === -1) break; // torn: never complete
    const state = sealOf(data, start, newline);
    if (state !== 'intact') {
      if (newline + 1 === data.length && state === 'unsealed') break;
      throw damaged(`${path} line ${lineNo}`, state === 'damaged' ? 'its checksum does not match its text (the line was changed)' : 'it is not a sealed refusal', 'move the file aside (it holds only notes of refused commands)');
    }
    lines.push(unsealed(data, start, newline) as Line);
    start = newline + 1;
  }
  return { lines, intactBytes: start };
}

async function readIfExists(path: string): Promise<Buffer | null> {
  try {
    return await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** The refusals a data directory noted, in the order they came, without those a `cut` voided (missing file: none). */
export async function readRefusals(path: string): Promise<Refusal[]> {
  const data = await readIfExists(path);
  if (data === null) return [];
  const refusals: Refusal[] = [];
  for (const line of parse(data, path).lines) {
    if ('cut' in line) {
      while (refusals.length > 0 && refusals.at(-1)!.after > line.cut) refusals.pop();
    } else {
      refusals.push(line);
    }
  }
  return refusals;
}

export class RefusalLog {
  private queue: string[] = [];
  private writing: Promise<void> | null = null;
  private broken = false;

  /** Opened with the first line to write: a chain that refuses nothing has no such file. */
  private handle: FileHandle | null = null;

  private constructor(private readonly path: string) {}

  /**
   * Opens the file for appending (holding the data directory's lock): a torn final line is cut, and refusals noted
   * after `chainSeq` (a tail of the journals a crash cut off) are voided.
   */
  static async open(path: string, chainSeq: number): Promise<RefusalLog> {
    const data = await readIfExists(path);
    const parsed = data === null ? null : parse(data, path);
    if (parsed !== null && parsed.intactBytes < data!.length) await truncate(path, parsed.intactBytes);
    const log = new RefusalLog(path);
    const noted = parsed?.lines.reduce((max, line) => Math.max(max, 'cut' in line ? 0 : line.after), 0) ?? 0;
    if (noted > chainSeq) log.write({ cut: chainSeq });
    return log;
  }

  /** Notes a refusal; returns at once (the line is written in the background). */
  note(refusal: Refusal): void {
    this.write(refusal);
  }

  private write(line: Line): void {
    if (this.broken) return;
    this.queue.push(`${seal(JSON.stringify(line))}\n`);
    this.writing ??= this.drain();
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0 && !this.broken) {
      const batch = this.queue.join('');
      this.queue = [];
      try {
        this.handle ??= await open(this.path, 'a');
        await this.handle.appendFile(batch, 'utf8');
      } catch (error) {
        this.broken = true;
        console.error(`refused commands are no longer noted in ${this.path} (the chain goes on): ${String(error)}`);
      }
    }
    this.writing = null;
  }

  async close(): Promise<void> {
    while (this.writing !== null) await this.writing;
    await this.handle?.close();
    this.handle = null;
  }
}
