/**
 * The demo's sales office as `npm start` leaves it: the demo chain (scenarios/demo-chain.json) with the demo day
 * replayed, read over HTTP by its sales clerk (clerk1, PIN 1212) and marketing coordinator (coordinator1, 1313), the
 * way the back-office screens read it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgreementDetail, AgreementRow, BackorderViews, CampaignDetail, QuotationRow } from '../../engine/protocol/sales.ts';
import { loadScenario, runSteps } from '../../engine/scenario.ts';
import { call, signIn, testServer, type TestServer } from '../server/server-helpers.ts';
import { SCENARIOS } from './lab-run.ts';

describe('the demo chain\'s sales office after the demo day', () => {
  let t: TestServer;
  let clerk: string;
  let coordinator: string;
  const read = async <T>(token: string, path: string, key: string): Promise<T> => {
    const answer = await call(t.url, 'GET', path, { token });
    expect(answer.status).toBe(200);
    return answer.body[key] as T;
  };

  beforeAll(async () => {
    const demoDay = await loadScenario(`${SCENARIOS}demo-day.json`);
    t = await testServer({ durable: { startAt: demoDay.startAt } });
    const run = await runSteps(demoDay.steps, (command) => t.durable.execute(command));
    expect(run.refused).toEqual([]);
    clerk = await signIn(t.url, 'clerk1', 'S1');
    coordinator = await signIn(t.url, 'coordinator1', 'S1');
  });
  afterAll(async () => { await t?.close(); });

  it('SM-7 SM-8 one agreement Effective with its commitment lines and a release order, one On hold', async () => {
    const agreements = await read<AgreementRow[]>(clerk, '/api/sales/agreements', 'agreements');
    expect(agreements.map((a) => [a.customerName, a.status])).toEqual([['Acme Outfitters', 'Effective'], ['Cal Rivera', 'On hold']]);
    const acme = await read<AgreementDetail>(clerk, `/api/sales/agreements/${agreements[0]!.agreementId}`, 'agreement');
    expect(acme.commitmentLines.map((c) => [c.kind, c.committed, c.ordered, c.remaining])).toEqual([
      ['Product quantity', 20, 4, 16],
      ['Category amount', 100_000, 18_990, 81_010],
    ]);
    expect(acme.salesOrderIds).toHaveLength(1);
  });

  it('SM-6 a quotation Sent to Acme and one Created for the prospect Summit Scouts', async () => {
    const quotations = await read<QuotationRow[]>(clerk, '/api/sales/quotations', 'quotations');
    expect(quotations.map((q) => [q.partyName, q.partyRole, q.status])).toEqual([['Acme Outfitters', 'Customer', 'Sent'], ['Summit Scouts', 'Prospect', 'Created']]);
  });

  it('SM-10 SM-11 open backorders past their dates, split over on-hand, with purchase order lines expected', async () => {
    const backorders = await read<BackorderViews>(clerk, '/api/sales/backorders', 'backorders');
    expect(backorders.byItem.map((b) => [b.productName, b.openQuantity, b.onHand, b.expectedReceipts, b.split.map((s) => [s.allocated, s.stillBackordered])])).toEqual([
      ['Camp stove', 6, 4, 10, [[4, 2]]],
      ['Sleeping bag', 5, 2, 6, [[2, 3]]],
    ]);
    expect(backorders.byCustomer.map((c) => c.customerName)).toEqual(['Acme Outfitters', 'Cal Rivera']);
    expect(backorders.byVendor.map((v) => [v.vendorName, v.lines.map((l) => [l.productName, l.open, l.expectedDate])])).toEqual([
      ['Nordic Gear', [['Camp stove', 10, '2026-11-27']]],
      ['Cascade Outdoor Supply', [['Sleeping bag', 6, '2026-12-02']]],
    ]);
  });

  it('MK-3 the Winter camping campaign targets the consenting contacts and leaves Ray out', async () => {
    const campaign = await read<CampaignDetail>(coordinator, '/api/sales/campaigns/CAMP-000001', 'campaign');
    expect([campaign.name, campaign.type, campaign.status]).toEqual(['Winter camping', 'Email', 'Active']);
    expect(campaign.targetList.map((target) => target.name)).toEqual(['Jo Summit', 'Rita Ridge']);
    expect(campaign.leftOut.map((o) => [o.partyName, o.reason])).toEqual([['Ridge Runners Club', expect.stringContaining('has not agreed to marketing emails')]]);
  });
});
