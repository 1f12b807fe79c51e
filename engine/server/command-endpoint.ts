/**
 * A command from a screen, over HTTP or the socket alike (`{ command, commandId?, approval? }`): validated, authorized
 * for the session (access.ts), applied and journaled before the answer. The answer is `{ ok: true, seq, result }` or
 * `{ ok: false, error }` with a status. Under a `commandId` (the screens always send one), a repeat of an accepted
 * command gets the first answer and changes nothing (engine/persistence/command-keys.ts).
 */
import { z } from 'zod';
import type { DurableChain } from '../persistence/durable-chain.ts';
import { chainCommandSchema, commandIdSchema, parseWith } from '../protocol/commands.ts';
import type { RuleViolation } from '../domain/violation.ts';
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

export async function runCommand(durable: DurableChain, sessions: SessionStore, session: Session, body: unknown): Promise<{ status: number; reply: CommandReply }> {
  const refused = (error: RuleViolation & { status?: number }) => {
    const { status, ...violation } = isApiError(error) ? error : apiError(error);
    return { status, reply: { ok: false as const, error: violation } };
  };
  const request = parseWith(commandRequestSchema, body);
  if (!request.ok) return refused(request.error);
  const command = parseWith(chainCommandSchema, request.command.command);
  if (!command.ok) return refused({ ...command.error, field: `command.${command.error.field ?? 'type'}`, message: `command.${command.error.message}` });
  const authorized = await authorize(durable.chain, sessions, session, command.command, request.command.approval);
  if (isApiError(authorized)) return refused(authorized);
  const result = await durable.executeParsed(authorized, { commandId: request.command.commandId });
  if (!result.ok) return refused(result.error);
  return { status: 200, reply: { ok: true, seq: result.seq, result: result.result } };
}
