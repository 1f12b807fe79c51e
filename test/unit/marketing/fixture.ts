/** Marketing's test parties: a prospect reachable on every channel, with and without consent, and the demo chain. */
import { expect } from 'vitest';
import type { AnyActorRef, EventObject } from 'xstate';
import { demoCatalog } from '../../fixtures/chain.ts';
import { explainRefusal } from '../../../machines/rules.ts';
import { newProspect, type Party, type PartyContact } from '../../../engine/domain/marketing/parties.ts';
import { newLead, newOpportunity, type Lead, type Opportunity } from '../../../engine/domain/marketing/pipeline.ts';
import { isViolation } from '../../../engine/domain/violation.ts';

export const catalog = demoCatalog();

/** The value of a call the test expects to be accepted. */
export function accepted<T>(result: T): Exclude<T, { rule: string; message: string }> {
  if (isViolation(result)) throw new Error(`refused: ${result.rule} ${result.message}`);
  return result as Exclude<T, { rule: string; message: string }>;
}

export const contact = (contactId: string, channel: PartyContact['channel'], reachedAt: string, marketingConsent: boolean, name = 'Pia Prospect'): PartyContact =>
  ({ contactId, name, channel, reachedAt, marketingConsent });

/** Pia: email with consent, phone without, her home address for letters with consent. */
export function pia(partyId = 'PTY-1'): Party {
  return accepted(newProspect(partyId, {
    name: 'Pia Prospect', type: 'person',
    addresses: [{ id: 'HOME', street: '9 Pine Rd', city: 'Tacoma', state: 'WA', zip: '98402', country: 'USA', purpose: 'Home' }],
    contacts: [contact('E1', 'email', 'pia@example.com', true), contact('T1', 'phone', '+1 253 555 0101', false), contact('M1', 'mail', 'HOME', true)],
  }));
}

export function leadFor(party: Party, leadId = 'LD-1', on = '2026-03-01', campaignId: string | null = null): { lead: Lead; party: Party } {
  return accepted(newLead(leadId, party, { topic: 'Tents for a scout troop', on, campaignId }));
}

export function opportunityFor(party: Party, opportunityId = 'OP-1', on = '2026-03-02'): { opportunity: Opportunity; party: Party } {
  return accepted(newOpportunity(opportunityId, party, { topic: 'Group camping kit', on }));
}

/** Sends an event the actor must take (else the test shows why the chart refused it). */
export function take<E extends EventObject>(actor: AnyActorRef, event: E): void {
  expect(actor.getSnapshot().can(event), JSON.stringify(explainRefusal(actor.getSnapshot(), event))).toBe(true);
  actor.send(event);
}
