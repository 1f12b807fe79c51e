/**
 * How the store channel reaches headquarters' real-time service (SY-1, CU-4): at most one call per command, its
 * answer recorded with the command so that a replay from the journal gets the same answer without calling again.
 */
import type { HeadquartersCommand } from './headquarters-commands.ts';
import type { RuleViolation } from './domain/violation.ts';

/**
 * The real-time service calls a store makes: commands at headquarters, and one read (SY-1: whether headquarters has
 * created an order yet), which changes nothing there and is recorded only with the store's command.
 */
export type RealtimeRequest =
  | Extract<HeadquartersCommand, { type: 'headquarters.createCustomer' | 'headquarters.updateCustomer' | 'headquarters.issueLoyaltyCard' | 'headquarters.createOrder' }>
  | { type: 'headquarters.findOrder'; channelReference: string };
export type RealtimeResponse = { ok: true; result: Record<string, unknown> } | { ok: false; error: RuleViolation };
export interface RecordedCall { request: RealtimeRequest; response: RealtimeResponse }

/** The chain host wires it to headquarters. */
export interface HeadquartersGateway { call(request: RealtimeRequest): RealtimeResponse }

/** Answers the real-time calls a journaled command made, in order, instead of calling headquarters again. */
export function replayGateway(calls: readonly RecordedCall[]): HeadquartersGateway {
  let next = 0;
  return {
    call(request) {
      const recorded = calls[next++];
      if (recorded === undefined || recorded.request.type !== request.type) throw new Error(`replay: the journal has no recorded ${request.type} call here`);
      return recorded.response;
    },
  };
}
