/**
 * `report --data DIR --at SEQ|TIME`: the analyst's report of a stored chain as it was at one of its commands (the
 * seq `report` prints as "commands accepted"; 0 is the start) or at an ISO time (after the last command at or before
 * it), with the command that brought it there and what was refused right after it. The directory is only read, so
 * this works while a server runs on it.
 */
import { stat } from 'node:fs/promises';
import { TimeTravel, TravelError } from '../persistence/time-travel.ts';
import { commandWords } from '../protocol/command-words.ts';
import { formatReport } from '../report.ts';
import { ScenarioError } from '../scenario.ts';

const iso = (ms: number) => new Date(ms).toISOString();

/** A journaled command's type ("?" if it has none). */
const typeOf = (command: unknown): string => String((command as { type?: unknown } | null)?.type ?? '?');

/** The seq `--at` names: a command number, or an ISO time (a date, then a time of day). */
function seqOf(travel: TimeTravel, at: string): number {
  const range = () => `a command number from 0 (the start) to ${travel.last} (the last command), or an ISO time from ${iso(travel.startAt)} on`;
  try {
    if (/^-?\d+$/.test(at)) {
      travel.checkSeq(Number(at));
      return Number(at);
    }
    if (/^\d{4}-\d{2}-\d{2}T/.test(at) && !Number.isNaN(Date.parse(at))) return travel.seqAt(Date.parse(at));
  } catch (error) {
    if (error instanceof TravelError) throw new ScenarioError('command line', '--at', error.message);
    throw error;
  }
  throw new ScenarioError('command line', '--at', `expected ${range()}, got "${at}"`);
}

/** The report of the chain in `dataDir` as of `at` (throws ScenarioError naming --at and the valid range). */
export async function reportAt(dataDir: string, at: string): Promise<string> {
  const found = await stat(dataDir).catch(() => null);
  if (found === null || !found.isDirectory()) throw new Error(`no data directory ${dataDir}`);
  const travel = await TimeTravel.open(dataDir);
  const seq = seqOf(travel, at);
  const entry = travel.entryAt(seq);
  const lines = [entry === null
    ? `as of the start (command 0 of ${travel.last}) at ${iso(travel.startAt)}`
    : `as of command ${seq} of ${travel.last} at ${iso(entry.entry.at)}: ${commandWords(typeOf(entry.entry.command))}`];
  for (const refused of travel.refusalsAt(seq)) {
    const { rule, field, message } = refused.error;
    lines.push(`refused right after it: ${commandWords(typeOf(refused.command))}: ${message} (${field === undefined ? rule : `${rule}, ${field}`})`);
  }
  lines.push(formatReport(travel.reportAt(seq), { past: true }));
  return lines.join('\n');
}
