/**
 * The lifecycle steps the office's machines chart and no other command reaches, planned as the sales commands are
 * (sales-commands.ts): a quotation's lines changed while it is open (SM-6), an On hold agreement's dates and
 * commitment lines changed, an agreement closed once its expiration day has passed (SM-7: by hand, or by
 * headquarters' `expireAgreements` job), a campaign closed or cancelled (MK-3). Each asks its actor first, so the
 * chart and its guards give the refusal.
 */
import type { AnyStateMachine, EventFromLogic } from 'xstate';
import type { LifecycleCommand } from '../protocol/sales.ts';
import type { SalesOffice } from '../sales-office.ts';
import { isViolation } from '../domain/violation.ts';
import type { ActorTable } from './actor-table.ts';
import { linkQuoted, quotationLines, type Planned, type Planner } from './plan.ts';

/** One event to one actor, refused as its chart and guards say; the result names the record. */
function step<M extends AnyStateMachine>(actors: ActorTable<M>, field: string, id: string, event: EventFromLogic<M>): Planned {
  const refused = actors.refusal(id, event);
  return refused ?? { changes: [() => actors.send(id, event)], result: { [field]: id } };
}

export const LIFECYCLE_PLANNERS: { [T in LifecycleCommand['type']]: Planner<T> } = {
  'sales.changeQuotationLines': (office, config, command) => {
    const snapshot = office.quotations.find(command.quotationId);
    if ('rule' in snapshot) return snapshot;
    // SM-15 / SM-8: every line priced and linked again as on entry (an Effective agreement, trade agreements, the base price).
    const lines = quotationLines(office, config, command.quotationId, snapshot.context.customerAccount, command.lines);
    if (isViolation(lines)) return lines;
    const quoted = linkQuoted(office, config, { ...snapshot.context, lines }, command.lines);
    if (isViolation(quoted)) return quoted;
    return step(office.quotations, 'quotationId', command.quotationId, { type: 'CHANGE_LINES', lines: quoted.lines });
  },
  'sales.changeAgreementDates': (office, _config, command) =>
    step(office.agreements, 'agreementId', command.agreementId, { type: 'CHANGE_DATES', effective: command.effective, expiration: command.expiration }),
  'sales.removeCommitment': (office, _config, command) =>
    step(office.agreements, 'agreementId', command.agreementId, { type: 'REMOVE_COMMITMENT', commitmentId: command.commitmentId }),
  'sales.expireAgreement': (office, _config, command) => step(office.agreements, 'agreementId', command.agreementId, { type: 'EXPIRE', on: office.today }),
  'marketing.closeCampaign': (office, _config, command) => step(office.campaigns, 'campaignId', command.campaignId, { type: 'CLOSE', on: office.today }),
  'marketing.cancelCampaign': (office, _config, command) => step(office.campaigns, 'campaignId', command.campaignId, { type: 'CANCEL', on: office.today }),
};

/** SM-7: the agreements headquarters' `expireAgreements` job closes today: On hold or Effective, their expiration day passed. */
export function agreementsPastExpiration(office: SalesOffice): string[] {
  const today = office.today;
  return office.agreements.all().filter((s) => s.value !== 'closed' && s.context.agreement.expiration < today).map((s) => s.context.agreement.agreementId);
}
