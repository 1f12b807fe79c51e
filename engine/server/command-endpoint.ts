/**
 * A command from a screen, over HTTP or the socket alike (`{ command, commandId?, approval? }`): validated, authorized
 * for the session (access.ts), applied and journaled before the answer. The answer is `{ ok: true, seq, result }` or
 * `{ ok: false, error }` with a status. Under a `commandId` (the screens always send one), a repeat of an accepted
 * command gets the first answer and changes nothing (engine/persistence/command-keys.ts).
 */
import { z } from 'zod';
import type { DurableChain } from '../persistence/durable-chain.ts';
import { chainCommandSchema, commandIdSchema, parseWith, type ChainCommand } from '../protocol/commands.ts';
import type { RuleViolation } from '../domain/violation.ts';
import { jobsRun, type Operations } from '../operations/operations.ts';
import { authorize } from './access.ts';
import { apiError, isApiError } from './errors.ts';
import type { Session, SessionStore } from './sessions.ts';

const id = z.string().min(1).max(64);
const commandRequestSchema = z.object({
  command: z.unknown(),
  commandId: commandIdSchema.optional(),
  /** A manager's approval at the till: their operator id and PIN (ST-5). */
  approval: z.object({ operatorId: id, pin: z.string().min(4).max(64) }).strict().optional(),
}).strict();

export type CommandReply = { ok: true; seq: number; result: Record<string, unknown> } | { ok: false; error: RuleViolation };

/** A command on its way through: the server's logs and metrics, and the fields on each of its lines (its request id). */
export interface CommandTrace { operations: Operations; fields: { requestId: string; socket?: string } }

/** Each command is counted and timed by type and outcome, and logged (never its PINs, tokens or customer data). */
export async function runCommand(durable: DurableChain, sessions: SessionStore, session: Session, body: unknown, trace: CommandTrace): Promise<{ status: number; reply: CommandReply }> {
  const started = performance.now();
  let type = 'invalid';
  const answered = (status: number, reply: CommandReply, notable: Record<string, unknown> = {}) => {
    const seconds = (performance.now() - started) / 1000;
    const outcome = reply.ok ? 'accepted' : 'refused';
    trace.operations.metrics.commands.inc({ type, outcome });
    trace.operations.metrics.commandSeconds.observe({ type }, seconds);
    const ms = Math.round(seconds * 1e5) / 100;
    // An accepted till command is a debug line (at info a line per command costs the server ~18 % of its
    // throughput, bench:server); refusals and notable commands (links, jobs) stay at info.
    if (reply.ok) trace.operations.log[Object.keys(notable).length > 0 ? 'info' : 'debug']({ ...trace.fields, type, seq: reply.seq, ms, ...notable }, `command accepted: ${type}`);
    else trace.operations.log.info({ ...trace.fields, type, rule: reply.error.rule, field: reply.error.field, status, ms }, `command refused: ${type}`);
    return { status, reply };
  };
  const refused = (error: RuleViolation & { status?: number }) => {
    const { status, ...violation } = isApiError(error) ? error : apiError(error);
    return answered(status, { ok: false as const, error: violation });
  };
  const request = parseWith(commandRequestSchema, body);
  if (!request.ok) return refused(request.error);
  const command = parseWith(chainCommandSchema, request.command.command);
  if (!command.ok) return refused({ ...command.error, field: `command.${command.error.field ?? 'type'}`, message: `command.${command.error.message}` });
  type = command.command.type;
  const authorized = await authorize(durable.chain, sessions, session, command.command, request.command.approval);
  if (isApiError(authorized)) return refused(authorized);
  const result = await durable.executeParsed(authorized, { commandId: request.command.commandId });
  if (!result.ok) return refused(result.error);
  return answered(200, { ok: true, seq: result.seq, result: result.result }, notable(authorized, result.result));
}

/** Link changes and job runs get their own log fields: operations look for them. */
function notable(command: ChainCommand, result: Record<string, unknown>): Record<string, unknown> {
  if (command.type === 'sync.setLink' && result.changed === true) return { storeId: command.storeId, link: command.state };
  if (command.type === 'headquarters.runJob') return { jobs: [command.job] };
  return jobsRun(result);
}
