/**
 * Campaign actor (MK-3, MK-4). Lifecycle (decision): Planned -> Active -> Closed, or Planned -> Cancelled. Targets
 * are chosen while planned (contacts without consent are left out, with the reason); a campaign is launched with
 * at least one target, within its dates; responses are recorded and positive ones followed up while it is active.
 * The campaign's record is the machine's context and its status is derived from it (`campaignStatus`); the work is
 * in engine/domain/marketing/campaigns.ts.
 */
import { assertEvent, assign, setup, type SnapshotFrom } from 'xstate';
import {
  campaignStatus, checkCampaignClose, checkFollowUp, checkLaunch, checkResponseChange, checkTargetChoices, chooseTargets, followedUpCampaign,
  respondedCampaign, type Campaign, type CampaignResponse, type FollowUp, type TargetChoice,
} from '../engine/domain/marketing/campaigns.ts';
import { isViolation, type RuleViolation } from '../engine/domain/violation.ts';
import { guardsOf, type ChartMeta, type Rule } from './rules.ts';

export type CampaignInput = Campaign;

export type CampaignEvent =
  | { type: 'CHOOSE_TARGETS'; choices: TargetChoice[] }
  | { type: 'LAUNCH'; on: string }
  | { type: 'RECORD_RESPONSE'; targetId: string; response: CampaignResponse; on: string }
  /** The host made the quotation request or opened the opportunity (`requestQuotation`, `opportunityFromResponse`). */
  | { type: 'FOLLOW_UP'; targetId: string; followUp: FollowUp }
  | { type: 'CLOSE'; on: string }
  | { type: 'CANCEL'; on: string };

/** The campaign's rules, each the guard of the transitions it governs. */
export const campaignRules = {
  'MK-3 targetRoles': (_context, event) => {
    assertEvent(event, 'CHOOSE_TARGETS');
    return checkTargetChoices(event.choices);
  },
  'MK-3 launchable': (context, event) => {
    assertEvent(event, 'LAUNCH');
    return checkLaunch(context, event.on);
  },
  'MK-4 responseStands': (context, event) => {
    assertEvent(event, 'RECORD_RESPONSE');
    return checkResponseChange(context, event.targetId);
  },
  'MK-4 positiveResponse': (context, event) => {
    assertEvent(event, 'FOLLOW_UP');
    return checkFollowUp(context, event.targetId);
  },
  'MK-3 closingDay': (context, event) => {
    assertEvent(event, 'CLOSE');
    return checkCampaignClose(context, event.on);
  },
} satisfies Record<string, Rule<Campaign, CampaignEvent>>;

/** The guards passed, so the domain functions find nothing wrong: a violation here is a bug in the chart. */
function checked(result: Campaign | RuleViolation): Campaign {
  if (isViolation(result)) throw new Error(`campaign rule passed its guard but refused: ${result.message}`);
  return result;
}

export function createCampaignMachine() {
  const rules = campaignRules;
  return setup({
    types: { context: {} as Campaign, events: {} as CampaignEvent, input: {} as CampaignInput },
    guards: {
      ...guardsOf(rules),
      // A restored campaign starts where its record says it is.
      isActive: ({ context }) => campaignStatus(context) === 'active',
      isClosed: ({ context }) => campaignStatus(context) === 'closed',
      isCancelled: ({ context }) => campaignStatus(context) === 'cancelled',
    },
    actions: {
      chooseTargets: assign(({ context, event }) => {
        assertEvent(event, 'CHOOSE_TARGETS');
        return checked(chooseTargets(context, event.choices));
      }),
      launch: assign({ launchedOn: ({ event }) => {
        assertEvent(event, 'LAUNCH');
        return event.on;
      } }),
      recordResponse: assign(({ context, event }) => {
        assertEvent(event, 'RECORD_RESPONSE');
        return checked(respondedCampaign(context, event.targetId, event.response, event.on));
      }),
      followUp: assign(({ context, event }) => {
        assertEvent(event, 'FOLLOW_UP');
        return followedUpCampaign(context, event.targetId, event.followUp);
      }),
      close: assign({ closedOn: ({ event }) => {
        assertEvent(event, 'CLOSE');
        return event.on;
      } }),
      cancel: assign({ cancelledOn: ({ event }) => {
        assertEvent(event, 'CANCEL');
        return event.on;
      } }),
    },
  }).createMachine({
    id: 'campaign',
    context: ({ input }) => input,
    meta: { subject: (context) => `campaign ${context.name}`, field: 'campaignId', rules } satisfies ChartMeta<Campaign>,
    initial: 'starting',
    states: {
      starting: {
        always: [
          { guard: 'isCancelled', target: 'cancelled' },
          { guard: 'isClosed', target: 'closed' },
          { guard: 'isActive', target: 'active' },
          { target: 'planned' },
        ],
      },
      planned: {
        meta: { refuses: { rule: 'MK-3', means: 'it is planned and not launched yet' } },
        on: {
          CHOOSE_TARGETS: { guard: 'MK-3 targetRoles', actions: 'chooseTargets' },
          LAUNCH: { guard: 'MK-3 launchable', target: 'active', actions: 'launch' },
          CANCEL: { target: 'cancelled', actions: 'cancel' },
        },
      },
      active: {
        meta: { refuses: { rule: 'MK-3', means: 'it is running' } },
        on: {
          RECORD_RESPONSE: { guard: 'MK-4 responseStands', actions: 'recordResponse' },
          FOLLOW_UP: { guard: 'MK-4 positiveResponse', actions: 'followUp' },
          CLOSE: { guard: 'MK-3 closingDay', target: 'closed', actions: 'close' },
        },
      },
      closed: { type: 'final', meta: { refuses: { rule: 'MK-3', means: 'it is closed' } } },
      cancelled: { type: 'final', meta: { refuses: { rule: 'MK-3', means: 'it is cancelled' } } },
    },
  });
}

export type CampaignMachine = ReturnType<typeof createCampaignMachine>;
export type CampaignSnapshot = SnapshotFrom<CampaignMachine>;
