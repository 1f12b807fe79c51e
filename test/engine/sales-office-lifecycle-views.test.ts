/**
 * The office's views offer the lifecycle steps (issue 13), or say why not, as the command would be refused now:
 * a campaign closed or cancelled (MK-3), an On hold agreement's dates and commitment lines changed and an agreement
 * closed past its date (SM-7), an open quotation's lines changed (SM-6).
 */
import { describe, expect, it } from 'vitest';
import { SalesOfficeViews } from '../../engine/sales-office/views.ts';
import { newEngine, ok } from './engine-helpers.ts';
import { line, office, withSalesOffice } from './sales-office-helpers.ts';

const engine = () => newEngine(withSalesOffice);
const views = (e: ReturnType<typeof engine>) => new SalesOfficeViews(e.headquarters.salesOffice);
const action = (actions: { action: string }[], name: string) => actions.find((a) => a.action === name);

describe('office views offer the lifecycle steps', () => {
  it('MK-3 a running campaign offers Close campaign, a planned one Cancel campaign', () => {
    const e = engine();
    const campaignId = office(e, 'marketing.createCampaign', { name: 'Spring email', campaignType: 'email', startsOn: '2026-01-01', endsOn: '2026-03-31' }).campaignId as string;
    const planned = views(e).campaign(campaignId)!.actions;
    expect(action(planned, 'marketing.cancelCampaign')).toMatchObject({ label: 'Cancel campaign', offered: true, reason: null });
    expect(action(planned, 'marketing.closeCampaign')).toMatchObject({ label: 'Close campaign', offered: false, reason: expect.stringMatching(/planned/) });
    const partyId = office(e, 'marketing.createProspect', { name: 'Trail Club', contacts: [{ name: 'Tess', channel: 'email', reachedAt: 'tess@trail.example', marketingConsent: true }] }).partyId as string;
    office(e, 'marketing.chooseTargets', { campaignId, targets: [{ partyId, from: 'prospect' }] });
    office(e, 'marketing.activateCampaign', { campaignId });
    const running = views(e).campaign(campaignId)!.actions;
    expect(action(running, 'marketing.closeCampaign')).toMatchObject({ offered: true });
    expect(action(running, 'marketing.cancelCampaign')).toMatchObject({ offered: false, reason: expect.stringMatching(/running/) });
  });

  it('SM-7 an On hold agreement offers Change dates and Remove commitment; Close as expired once its date has passed', () => {
    const e = engine();
    const agreementId = office(e, 'sales.createAgreement', { customerAccount: 'C-ACME', effective: '2026-01-01', expiration: '2026-01-05' }).agreementId as string;
    const empty = views(e).agreement(agreementId)!.actions;
    expect(action(empty, 'sales.changeAgreementDates')).toMatchObject({ label: 'Change dates', offered: true });
    expect(action(empty, 'sales.removeCommitment')).toMatchObject({ offered: false, reason: `agreement ${agreementId} has no commitment line to remove` });
    expect(action(empty, 'sales.expireAgreement')).toMatchObject({ label: 'Close as expired', offered: false });
    office(e, 'sales.addCommitment', { agreementId, commitment: { kind: 'productQuantity', productId: 'P-TENT', categoryId: null, committed: 4, unitPrice: 15_000, discountPct: 0, maxEnforced: true, priceFixed: true } });
    expect(action(views(e).agreement(agreementId)!.actions, 'sales.removeCommitment')).toMatchObject({ label: 'Remove commitment', offered: true });
    office(e, 'sales.makeAgreementEffective', { agreementId });
    const effective = views(e).agreement(agreementId)!.actions;
    expect(action(effective, 'sales.changeAgreementDates')).toMatchObject({ offered: false, reason: `agreement ${agreementId} is effective: only an agreement on hold changes its dates` });
    expect(action(effective, 'sales.removeCommitment')).toMatchObject({ offered: false, reason: `agreement ${agreementId} is effective: only an agreement on hold loses commitment lines` });
    ok(e, { type: 'clock.advance', ms: 86_400_000 });
    expect(action(views(e).agreement(agreementId)!.actions, 'sales.expireAgreement')).toMatchObject({ offered: true, reason: null });
  });

  it('SM-6 a Created or Sent quotation offers Change lines; a lost one says why not', () => {
    const e = engine();
    const q = office(e, 'sales.createQuotation', { partyId: 'C-ANNA', expiryDate: '2026-02-01', lines: [line('P-LAMP', 1)] }).quotationId as string;
    expect(action(views(e).quotation(q)!.actions, 'sales.changeQuotationLines')).toMatchObject({ label: 'Change lines', offered: true });
    office(e, 'sales.sendQuotation', { quotationId: q });
    expect(action(views(e).quotation(q)!.actions, 'sales.changeQuotationLines')).toMatchObject({ offered: true });
    office(e, 'sales.loseQuotation', { quotationId: q, reason: 'too dear' });
    expect(action(views(e).quotation(q)!.actions, 'sales.changeQuotationLines')).toMatchObject({ offered: false, reason: expect.stringMatching(/lost/) });
  });
});
