/**
 * The office's lifecycle steps its machines chart (issue 13): a quotation's lines changed while open (SM-6), an On
 * hold agreement's dates and commitment lines, an agreement closed past its expiration by hand or by headquarters'
 * `expireAgreements` job (SM-7), a campaign closed or cancelled (MK-3); and the packing slip's stock check (SM-2,
 * SM-12). Every refusal changes nothing (`officeRefused` compares the exported state).
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Chain } from '../../engine/chain.ts';
import { newEngine, ok, restart } from './engine-helpers.ts';
import { ACME_TENT, acmeOrder, line, office, officeRefused, orderOf, replayedOffice, withSalesOffice } from './sales-office-helpers.ts';

const engine = () => newEngine(withSalesOffice);
const DAY = 86_400_000;
const onHandOf = (e: Chain, productId: string) => e.headquarters.salesOffice.records.onHand.find((h) => h.productId === productId && h.warehouseId === 'HQW')?.quantity;

/** Acme's On hold agreement committing 4 tents at $150.00, Max enforced and the price fixed. */
function onHold(e: Chain, expiration = '2026-06-30') {
  const agreementId = office(e, 'sales.createAgreement', { customerAccount: 'C-ACME', effective: '2026-01-01', expiration }).agreementId as string;
  const tents = office(e, 'sales.addCommitment', { agreementId, commitment: { kind: 'productQuantity', productId: 'P-TENT', categoryId: null, committed: 4, unitPrice: 15_000, discountPct: 0, maxEnforced: true, priceFixed: true } }).commitmentId as string;
  return { agreementId, tents };
}

describe('campaigns close or are cancelled (MK-3)', () => {
  function campaign(e: Chain): string {
    const partyId = office(e, 'marketing.createProspect', { name: 'Trail Club', contacts: [{ name: 'Tess', channel: 'email', reachedAt: 'tess@trail.example', marketingConsent: true }] }).partyId as string;
    const campaignId = office(e, 'marketing.createCampaign', { name: 'Spring email', campaignType: 'email', startsOn: '2026-01-01', endsOn: '2026-03-31' }).campaignId as string;
    office(e, 'marketing.chooseTargets', { campaignId, targets: [{ partyId, from: 'prospect' }] });
    return campaignId;
  }
  const statusOf = (e: Chain, campaignId: string) => String(e.headquarters.salesOffice.campaigns.snapshot(campaignId).value);

  it('MK-3 an active campaign is closed, a planned one cancelled; both are final', () => {
    const e = engine();
    const running = campaign(e);
    expect(officeRefused(e, 'marketing.closeCampaign', { campaignId: running })).toMatchObject({ rule: 'MK-3', field: 'campaignId' });
    office(e, 'marketing.activateCampaign', { campaignId: running });
    expect(officeRefused(e, 'marketing.cancelCampaign', { campaignId: running }).rule).toBe('MK-3');
    expect(office(e, 'marketing.closeCampaign', { campaignId: running })).toEqual({ campaignId: running });
    expect(statusOf(e, running)).toBe('closed');
    expect(e.headquarters.salesOffice.campaigns.snapshot(running).context.closedOn).toBe('2026-01-05');

    const planned = campaign(e);
    office(e, 'marketing.cancelCampaign', { campaignId: planned });
    expect(statusOf(e, planned)).toBe('cancelled');
    expect(officeRefused(e, 'marketing.activateCampaign', { campaignId: planned }).message).toMatch(/cancelled/);
    expect(officeRefused(e, 'marketing.closeCampaign', { campaignId: running }).message).toMatch(/closed/);
    expect(officeRefused(e, 'marketing.closeCampaign', { campaignId: 'CAMP-999999' })).toMatchObject({ rule: 'NOT_FOUND', field: 'campaignId' });
    // A restarted office finds them where they were.
    const again = restart(e, withSalesOffice);
    expect([statusOf(again, running), statusOf(again, planned)]).toEqual(['closed', 'cancelled']);
  });
});

describe('sales agreements On hold, and past their expiration (SM-7)', () => {
  const agreementOf = (e: Chain, agreementId: string) => e.headquarters.salesOffice.agreements.snapshot(agreementId);

  it('SM-7 an On hold agreement\'s dates change and a commitment line is removed; once Effective neither changes', () => {
    const e = engine();
    const { agreementId, tents } = onHold(e);
    expect(officeRefused(e, 'sales.changeAgreementDates', { agreementId, effective: '2026-03-01', expiration: '2026-02-01' })).toMatchObject({ rule: 'SM-7', field: 'expiration' });
    office(e, 'sales.changeAgreementDates', { agreementId, effective: '2026-02-01', expiration: '2026-12-31' });
    expect(agreementOf(e, agreementId).context.agreement).toMatchObject({ effective: '2026-02-01', expiration: '2026-12-31' });
    expect(officeRefused(e, 'sales.removeCommitment', { agreementId, commitmentId: `${agreementId}-9` })).toMatchObject({ rule: 'NOT_FOUND', field: 'commitmentId' });
    office(e, 'sales.removeCommitment', { agreementId, commitmentId: tents });
    expect(agreementOf(e, agreementId).context.agreement.commitments).toEqual([]);
    // Effective needs a commitment line again.
    expect(officeRefused(e, 'sales.makeAgreementEffective', { agreementId })).toMatchObject({ rule: 'SM-7', field: 'commitments' });
    const lamps = office(e, 'sales.addCommitment', { agreementId, commitment: { kind: 'categoryAmount', productId: null, categoryId: 'LIGHT', committed: 50_000, unitPrice: null, discountPct: 500, maxEnforced: false, priceFixed: false } }).commitmentId as string;
    office(e, 'sales.makeAgreementEffective', { agreementId });
    expect(officeRefused(e, 'sales.changeAgreementDates', { agreementId, effective: '2026-02-01', expiration: '2027-12-31' }).message).toMatch(/effective/);
    expect(officeRefused(e, 'sales.removeCommitment', { agreementId, commitmentId: lamps }).rule).toBe('SM-7');
  });

  it('SM-7 an agreement is closed as expired only once its expiration day has passed', () => {
    const e = engine();
    const { agreementId } = onHold(e, '2026-01-05');
    office(e, 'sales.makeAgreementEffective', { agreementId });
    expect(officeRefused(e, 'sales.expireAgreement', { agreementId })).toMatchObject({ rule: 'SM-7', field: 'expiration' });
    ok(e, { type: 'clock.advance', ms: DAY });
    office(e, 'sales.expireAgreement', { agreementId });
    expect(String(agreementOf(e, agreementId).value)).toBe('closed');
    expect(agreementOf(e, agreementId).context).toMatchObject({ closedOn: '2026-01-06', closedBecause: 'expired' });
    expect(officeRefused(e, 'sales.expireAgreement', { agreementId }).message).toMatch(/closed/);
  });

  it('SM-7 headquarters\' daily "expire agreements" job closes On hold and Effective agreements past their date on the virtual clock, once', () => {
    const e = engine();
    const effective = onHold(e, '2026-01-06').agreementId;
    office(e, 'sales.makeAgreementEffective', { agreementId: effective });
    const held = onHold(e, '2026-01-05').agreementId;
    const later = onHold(e, '2026-01-31').agreementId;
    ok(e, { type: 'headquarters.runJob', job: 'expireAgreements' });
    expect([held, effective, later].map((id) => String(agreementOf(e, id).value))).toEqual(['onHold', 'effective', 'onHold']);
    ok(e, { type: 'headquarters.schedule', job: 'expireAgreements', everyMinutes: 1440 });
    const advanced = ok(e, { type: 'clock.advance', ms: 2 * DAY }) as { jobsRun: { job: string }[] };
    expect(advanced.jobsRun.map((r) => r.job)).toContain('expireAgreements');
    expect([held, effective, later].map((id) => String(agreementOf(e, id).value))).toEqual(['closed', 'closed', 'onHold']);
    expect(agreementOf(e, held).context).toMatchObject({ closedBecause: 'expired', closedOn: '2026-01-06' });
    const runs = e.backOffice().jobRuns.filter((r) => r.job === 'expireAgreements');
    expect(runs.map((r) => r.counts.agreementsExpired)).toEqual([0, 1, 1]);
    // Restored from its state, the office holds the same closed agreements.
    expect(String(agreementOf(restart(e, withSalesOffice), effective).value)).toBe('closed');
  });
});

describe('journaled like every office command', () => {
  it('SM-6 SM-7 MK-3 the lifecycle commands and the expire agreements job are journaled at headquarters and replay to the same office', async () => {
    await replayedOffice(async ({ durable, dir, run }) => {
      const { quotationId } = await run({ type: 'sales.createQuotation', partyId: 'C-ACME', expiryDate: '2026-02-01', lines: [line('P-TENT', 1)] });
      await run({ type: 'sales.changeQuotationLines', quotationId, lines: [line('P-TENT', 2), line('P-STOVE', 1)] });
      const { agreementId } = await run({ type: 'sales.createAgreement', customerAccount: 'C-ACME', effective: '2026-01-01', expiration: '2026-06-30' });
      await run({ type: 'sales.changeAgreementDates', agreementId, effective: '2026-01-01', expiration: '2026-01-05' });
      const { campaignId } = await run({ type: 'marketing.createCampaign', name: 'Spring', campaignType: 'email', startsOn: '2026-01-01', endsOn: '2026-03-31' });
      await run({ type: 'marketing.cancelCampaign', campaignId });
      await durable.execute({ type: 'headquarters.schedule', job: 'expireAgreements', everyMinutes: 1440 });
      await durable.execute({ type: 'clock.advance', ms: 2 * DAY });
      expect(String(durable.chain.headquarters.salesOffice.agreements.snapshot(agreementId as string).value)).toBe('closed');
      const journal = (await Promise.all((await readdir(dir)).filter((f) => f.startsWith('headquarters') && f.endsWith('.journal.jsonl')).map((f) => readFile(join(dir, f), 'utf8')))).join('');
      for (const type of ['sales.changeQuotationLines', 'sales.changeAgreementDates', 'marketing.cancelCampaign', 'sales.expireAgreement']) expect(journal).toContain(`"type":"${type}"`);
    });
  });
});

describe('a quotation\'s lines change while it is open (SM-6)', () => {
  it('SM-6 lines are added, changed and removed while Created or Sent, priced again by SM-15; not once confirmed', () => {
    const e = engine();
    const quotationId = office(e, 'sales.createQuotation', { partyId: 'C-ACME', expiryDate: '2026-02-01', lines: [line('P-TENT', 1), line('P-STOVE', 1)] }).quotationId as string;
    const linesOf = () => e.headquarters.salesOffice.quotations.snapshot(quotationId).context.lines.map((l) => [l.productId, l.quantity, l.unitPrice, l.priceSource]);
    // Created: the tents change, the stove goes, lamps come (SM-15: Acme's own tent price, the price group's lamp price).
    office(e, 'sales.changeQuotationLines', { quotationId, lines: [line('P-TENT', 3), line('P-LAMP', 2)] });
    expect(linesOf()).toEqual([['P-TENT', 3, ACME_TENT, 'customerTradeAgreement'], ['P-LAMP', 2, 1_999, 'priceGroupTradeAgreement']]);
    office(e, 'sales.sendQuotation', { quotationId });
    office(e, 'sales.changeQuotationLines', { quotationId, lines: [line('P-TENT', 4)] });
    expect(linesOf()).toEqual([['P-TENT', 4, ACME_TENT, 'customerTradeAgreement']]);
    expect(e.headquarters.salesOffice.quotations.snapshot(quotationId).value).toEqual({ open: 'sent' });
    expect(officeRefused(e, 'sales.changeQuotationLines', { quotationId, lines: [line('P-TENT', 1), line('P-NOPE', 1)] })).toMatchObject({ rule: 'NOT_FOUND', field: 'lines.1.productId' });
    const { salesOrderId } = office(e, 'sales.confirmQuotation', { quotationId });
    expect(orderOf(e, salesOrderId as string).lines.map((l) => [l.productId, l.quantity, l.unitPrice])).toEqual([['P-TENT', 4, ACME_TENT]]);
    expect(officeRefused(e, 'sales.changeQuotationLines', { quotationId, lines: [line('P-TENT', 1)] })).toMatchObject({ rule: 'SM-6', field: 'quotationId' });
  });
});

describe('a changed quotation line covered by an agreement (SM-8)', () => {
  it('SM-8 a line changed onto a product an Effective agreement commits takes its price and link, as on entry', () => {
    const e = engine();
    const { agreementId, tents: commitmentId } = onHold(e);
    office(e, 'sales.makeAgreementEffective', { agreementId });
    const quotationId = office(e, 'sales.createQuotation', { partyId: 'C-ACME', expiryDate: '2026-02-01', lines: [line('P-STOVE', 1)] }).quotationId as string;
    office(e, 'sales.changeQuotationLines', { quotationId, lines: [line('P-TENT', 2)] });
    expect(e.headquarters.salesOffice.quotations.snapshot(quotationId).context.lines).toEqual([expect.objectContaining({ productId: 'P-TENT', unitPrice: 15_000, agreement: { agreementId, commitmentId } })]);
  });
});

describe('a packing slip deducts only stock that is there (SM-2, SM-12)', () => {
  it('SM-2 SM-12 a slip line ships at most what is reserved for it plus the warehouse\'s unreserved on-hand', () => {
    const e = engine();
    // HQW holds 5 tents and 2 stoves. Three stoves do not fit whole: the line stays On order.
    const stoves = acmeOrder(e, [line('P-STOVE', 3)]);
    expect(officeRefused(e, 'sales.postPackingSlip', { salesOrderId: stoves, lines: [{ lineId: `${stoves}-1`, quantity: 3 }] }))
      .toMatchObject({ rule: 'SM-12', field: 'lines.0.quantity', message: 'Only 2 units of Camp stove are on hand at HQW; the packing slip asks for 3' });
    office(e, 'sales.postPackingSlip', { salesOrderId: stoves, lines: [{ lineId: `${stoves}-1`, quantity: 2 }] });
    expect(onHandOf(e, 'P-STOVE')).toBe(0);

    // Two tents reserved for one order leave three unreserved for another's On order line of four.
    const reserved = acmeOrder(e, [line('P-TENT', 2)]);
    const waiting = acmeOrder(e, [line('P-TENT', 4)]);
    expect(orderOf(e, waiting).lines[0]!.inventory).toBe('onOrder');
    expect(officeRefused(e, 'sales.postPackingSlip', { salesOrderId: waiting, lines: [{ lineId: `${waiting}-1`, quantity: 4 }] }).message).toMatch(/^Only 3 units of Two-person tent are on hand at HQW/);
    office(e, 'sales.postPackingSlip', { salesOrderId: waiting, lines: [{ lineId: `${waiting}-1`, quantity: 3 }] });
    // The reserved line still ships what was held for it.
    office(e, 'sales.postPackingSlip', { salesOrderId: reserved, lines: [{ lineId: `${reserved}-1`, quantity: 2 }] });
    expect(onHandOf(e, 'P-TENT')).toBe(0);
  });

  it('SM-12 lines of one slip share the unreserved stock; SM-4 a returned order\'s slip receives stock, unaffected', () => {
    const e = engine();
    // Neither line of six fits whole in HQW's five tents: both draw on the same unreserved stock.
    const order = acmeOrder(e, [line('P-TENT', 6), line('P-TENT', 6)]);
    expect(officeRefused(e, 'sales.postPackingSlip', { salesOrderId: order, lines: [{ lineId: `${order}-1`, quantity: 3 }, { lineId: `${order}-2`, quantity: 3 }] }))
      .toMatchObject({ rule: 'SM-12', field: 'lines.1.quantity', message: expect.stringMatching(/^Only 2 units of Two-person tent/) });
    const returned = acmeOrder(e, [line('P-LAMP', 2)], 'returnedOrder');
    office(e, 'sales.postPackingSlip', { salesOrderId: returned, lines: [{ lineId: `${returned}-1`, quantity: -2 }] });
    expect(onHandOf(e, 'P-LAMP')).toBe(2);
  });
});
