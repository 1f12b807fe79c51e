/**
 * The campaign machine (MK-3, MK-4): Planned -> Active -> Closed, or Planned -> Cancelled; targets chosen while
 * planned, responses and follow-ups while active. Each guard named after its rule, each refusal explained.
 */
import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { campaignStatus, newCampaign } from '../../../engine/domain/marketing/campaigns.ts';
import { campaignRules, createCampaignMachine, type CampaignEvent } from '../../../machines/campaign.machine.ts';
import { explainRefusal } from '../../../machines/rules.ts';
import { accepted, pia, take } from './fixture.ts';

const machine = createCampaignMachine();
const plan = () => accepted(newCampaign('CMP-1', { name: 'Spring camping', type: 'email', startsOn: '2026-04-01', endsOn: '2026-04-30' }));
const start = (input = plan()) => createActor(machine, { input }).start();
const choose: CampaignEvent = { type: 'CHOOSE_TARGETS', choices: [{ party: pia(), from: 'prospect' }] };

describe('campaign machine', () => {
  it('names each guard after its rule', () => {
    expect(Object.keys(campaignRules)).toEqual(['MK-3 targetRoles', 'MK-3 launchable', 'MK-4 responseStands', 'MK-4 positiveResponse', 'MK-3 closingDay']);
  });

  it('MK-3 a planned campaign gets its targets, is launched, answered, followed up and closed', () => {
    const actor = start();
    take(actor, choose);
    take(actor, { type: 'LAUNCH', on: '2026-04-02' });
    expect(actor.getSnapshot().value).toBe('active');
    take(actor, { type: 'RECORD_RESPONSE', targetId: 'PTY-1/E1', response: 'positive', on: '2026-04-03' });
    take(actor, { type: 'FOLLOW_UP', targetId: 'PTY-1/E1', followUp: { kind: 'opportunity', opportunityId: 'OP-1' } });
    take(actor, { type: 'CLOSE', on: '2026-04-30' });
    const { context, value, status } = actor.getSnapshot();
    expect([value, status, campaignStatus(context)]).toEqual(['closed', 'done', 'closed']);
    expect(context).toMatchObject({ launchedOn: '2026-04-02', closedOn: '2026-04-30' });
    expect(context.targets[0]).toMatchObject({ response: 'positive', respondedOn: '2026-04-03', followUp: { kind: 'opportunity', opportunityId: 'OP-1' } });
  });

  it('MK-3 targets are chosen only while planned; a launch needs a target and its dates', () => {
    const actor = start();
    expect(explainRefusal(actor.getSnapshot(), { type: 'LAUNCH', on: '2026-04-02' })).toMatchObject({ rule: 'MK-3', field: 'targets' });
    expect(explainRefusal(actor.getSnapshot(), { type: 'CHOOSE_TARGETS', choices: [{ party: pia(), from: 'customer' }] })).toMatchObject({ rule: 'MK-3', field: 'targets.0.from' });
    take(actor, choose);
    expect(explainRefusal(actor.getSnapshot(), { type: 'LAUNCH', on: '2026-03-30' })).toMatchObject({ rule: 'MK-3', field: 'on' });
    take(actor, { type: 'LAUNCH', on: '2026-04-02' });
    expect(explainRefusal(actor.getSnapshot(), choose)).toEqual({
      rule: 'MK-3', field: 'campaignId', message: 'campaign Spring camping cannot choose targets now: it is running (only when it is planned and not launched yet)',
    });
    expect(explainRefusal(actor.getSnapshot(), { type: 'CLOSE', on: '2026-04-01' })).toMatchObject({ rule: 'MK-3', field: 'on' });
  });

  it('MK-4 responses are recorded only while the campaign runs; only a positive one is followed up, and then stands', () => {
    const planned = start();
    take(planned, choose);
    const respond = { type: 'RECORD_RESPONSE', targetId: 'PTY-1/E1', response: 'negative', on: '2026-04-03' } as const;
    expect(explainRefusal(planned.getSnapshot(), respond)).toMatchObject({ rule: 'MK-3', message: expect.stringContaining('it is planned and not launched yet (only when it is running)') });
    take(planned, { type: 'LAUNCH', on: '2026-04-02' });
    take(planned, respond);
    const followUp = { type: 'FOLLOW_UP', targetId: 'PTY-1/E1', followUp: { kind: 'quotationRequest', requestId: 'QR-1' } } as const;
    expect(explainRefusal(planned.getSnapshot(), followUp)).toMatchObject({ rule: 'MK-4', field: 'targetId' });
    take(planned, { ...respond, response: 'positive' });
    take(planned, followUp);
    expect(explainRefusal(planned.getSnapshot(), respond)).toMatchObject({ rule: 'MK-4', field: 'response' });
    expect(explainRefusal(planned.getSnapshot(), { ...respond, targetId: 'PTY-9/E1' })).toMatchObject({ rule: 'NOT_FOUND', field: 'targetId' });
  });

  it('MK-3 a planned campaign may be cancelled; a restored campaign starts where its days say', () => {
    const actor = start();
    take(actor, { type: 'CANCEL', on: '2026-03-20' });
    expect(actor.getSnapshot().value).toBe('cancelled');
    expect(actor.getSnapshot().context.cancelledOn).toBe('2026-03-20');
    const running = { ...plan(), launchedOn: '2026-04-02' };
    expect(start(running).getSnapshot().value).toBe('active');
    expect(explainRefusal(start(running).getSnapshot(), { type: 'CANCEL', on: '2026-04-03' })).toMatchObject({ rule: 'MK-3', message: expect.stringContaining('cannot cancel now: it is running') });
    expect(start({ ...running, closedOn: '2026-04-30' }).getSnapshot().value).toBe('closed');
    expect(start({ ...plan(), cancelledOn: '2026-03-20' }).getSnapshot().value).toBe('cancelled');
  });
});
