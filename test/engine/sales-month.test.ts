/**
 * The month scenario (scenarios/sales-month.json): December at headquarters' sales office on the demo chain, replayed
 * with every step accepted, and the report's headquarters sales section checked against what the month did.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Chain } from '../../engine/chain.ts';
import type { SalesOfficeFigures } from '../../engine/protocol/report.ts';
import { chainReport, formatReport } from '../../engine/report.ts';
import { chainFor, loadScenario, runSteps, type Scenario } from '../../engine/scenario.ts';
import { SalesOfficeViews } from '../../engine/sales-office/views.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const MONTH = join(ROOT, 'scenarios/sales-month.json');

describe('the sales office\'s month', () => {
  let scenario: Scenario;
  let chain: Chain;
  let figures: SalesOfficeFigures;
  let views: SalesOfficeViews;
  /** Each receipt's SM-11 split, in the order the purchase order lines arrived. */
  const receipts: { allocations: { salesOrderId: string; allocated: number; stillBackordered: number }[] }[] = [];

  beforeAll(async () => {
    scenario = await loadScenario(MONTH);
    chain = chainFor(scenario);
    const run = await runSteps(scenario.steps, (command) => {
      const result = chain.executeNow(command);
      if (result.ok && command.type === 'sales.receivePurchaseLine') receipts.push(result.result as never);
      return result;
    });
    expect(run.refused).toEqual([]);
    figures = chainReport(chain, run).salesOffice!;
    views = new SalesOfficeViews(chain.headquarters.salesOffice);
  });

  it('runs a month on the virtual clock, 1 to 31 December', () => {
    expect(new Date(scenario.startAt!).toISOString()).toBe('2026-12-01T09:00:00.000Z');
    expect(new Date(chain.now).toISOString()).toBe('2026-12-31T09:00:00.000Z');
  });

  it('SM-2 SM-3 SM-4 orders by type and status: the month\'s sales orders invoiced, the subscription open again, the return received and credited', () => {
    expect(figures.ordersByType).toEqual({
      'Sales order': { Invoiced: 8, 'Open order': 1 },
      Subscription: { 'Open order': 1 },
      'Returned order': { Invoiced: 1 },
    });
    const returned = views.orders({ type: 'returnedOrder', origin: 'backOffice' });
    expect(returned.map((o) => [o.customerName, o.total.amount])).toEqual([['Cal Rivera', -12_900]]);
    // SM-4: its packing slip (a negative quantity) receives the bag, its invoice is a credit note with the bag's tax.
    const detail = views.order(returned[0]!.salesOrderId)!;
    expect(detail.lines.map((l) => [l.delivered, l.invoiced, l.deliverRemainder])).toEqual([[-1, -1, 0]]);
    expect(detail.invoices.map((i) => i.total.amount)).toEqual([-14_190]);
  });

  it('SM-3 the subscription is invoiced twice, its remainders restored after each invoice', () => {
    const subscription = views.orders({ type: 'subscription' })[0]!;
    const detail = views.order(subscription.salesOrderId)!;
    expect(detail.invoices.map((i) => i.total.amount)).toEqual([5_933, 5_933]);
    expect(detail.lines.map((l) => [l.delivered, l.invoiced, l.deliverRemainder, l.requestedShipDate])).toEqual([[12, 12, 6, '2027-01-05']]);
  });

  it('SM-12 SM-13 SM-14 invoiced: one collective invoice for two release orders, one from a packing slip, one free text', () => {
    expect(figures.invoices).toEqual({ count: 11, total: 576_588, freeText: { count: 1, total: 16_500 } });
    const kinds = views.invoices().map((i) => i.kind);
    expect(kinds.filter((k) => k === 'Collective')).toHaveLength(1);
    expect(kinds.filter((k) => k === 'From packing slips')).toHaveLength(1);
    expect(views.invoices().find((i) => i.kind === 'Collective')!.salesOrderIds).toHaveLength(2);
  });

  it('SM-14 the free text invoice\'s pro forma has its totals and posts nothing', () => {
    const freeText = views.invoices().find((i) => i.kind === 'Free text')!;
    const posted = views.invoice(freeText.invoiceId)!;
    const proForma = views.freeTextProForma({ customerAccount: 'C-ACME', salesTaxGroup: 'TX-WA', itemTaxGroup: 'SERVICE',
      lines: posted.lines.map((l) => ({ mainAccount: l.mainAccount!, text: l.text, amount: l.amount.amount })) });
    expect('rule' in proForma ? proForma : [proForma.subtotal.amount, proForma.tax.amount, proForma.total.amount]).toEqual([15_000, 1_500, 16_500]);
    expect(views.invoices()).toHaveLength(11);
  });

  it('SM-7 SM-8 SM-9 agreement fulfilment: two releases against Acme\'s commitments, what is left of them', () => {
    expect(figures.agreements).toEqual([{
      agreementId: 'SA-000001', customerName: 'Acme Outfitters', status: 'Effective', commitments: [
        { what: 'Two-person tent', measure: 'quantity', committed: 12, ordered: 6, invoiced: 6 },
        { what: 'category LIGHT', measure: 'amount', committed: 60_000, ordered: 41_779, invoiced: 41_779 },
      ],
    }]);
  });

  it('SM-10 SM-11 backorders are filled by priority as the stoves arrive; Acme\'s January bags stay open at the end', () => {
    const [firstStoves, bags, restOfStoves] = receipts;
    expect(firstStoves!.allocations.map((a) => [a.allocated, a.stillBackordered])).toEqual([[6, 0], [2, 3]]);
    expect(bags!.allocations.map((a) => [a.allocated, a.stillBackordered])).toEqual([[5, 0]]);
    expect(restOfStoves!.allocations.map((a) => [a.allocated, a.stillBackordered])).toEqual([[5, 0]]);
    expect(figures.openBackorders).toEqual({ lines: 1, quantity: 10, byItem: [{ productName: 'Sleeping bag', open: 10, onHand: 4, expected: 8, shortage: 0 }] });
  });

  it('SM-11 Anna\'s moved date keeps the old one beside the new, and she was told', () => {
    const anna = views.orders({ customer: 'C-ANNA', type: 'salesOrder' })[0]!;
    expect(views.order(anna.salesOrderId)!.lines.map((l) => [l.previousConfirmedShipDate, l.confirmedShipDate, l.notifyCustomer])).toEqual([['2026-12-04', '2026-12-12', false]]);
  });

  it('MK-3 MK-4 SM-6 the campaign leaves out who gave no consent; its positive response became a quotation, then an order', () => {
    expect(figures.campaigns).toEqual([{ name: 'Winter camping', type: 'Email', status: 'Active', targets: 2, leftOut: 2, positive: 1, negative: 1, none: 0 }]);
    expect(figures.quotationsByStatus).toEqual({ Confirmed: 2 });
    const fromCampaign = views.quotations().find((q) => q.campaignId !== null)!;
    expect(views.order(fromCampaign.salesOrderId!)!.header.status).toBe('Invoiced');
  });

  it('MK-1 MK-2 a lead qualified into an opportunity won: the prospect Lakeside Lodge becomes a customer, and orders', () => {
    expect(figures.pipeline).toEqual({ prospects: 1, leadsByStatus: { Qualified: 1 }, opportunitiesByStatus: { Won: 1 } });
    const won = views.pipeline().opportunities[0]!;
    expect([won.partyName, won.status]).toEqual(['Lakeside Lodge', 'Won']);
    expect(views.orders({ customer: won.customerAccount! }).map((o) => o.status)).toEqual(['Invoiced']);
  });

  it('the report says it in plain words, money in dollars', () => {
    const text = formatReport(chainReport(chain));
    expect(text).toContain('headquarters sales office:\n  orders taken by the office: Sales order: Invoiced 8, Open order 1; Subscription: Open order 1; Returned order: Invoiced 1\n');
    expect(text).toContain('  invoiced: 11 invoices, $5,765.88 (free text 1, $165.00)\n');
    expect(text).toContain('  open backorders: 1 line, 10 units; Sleeping bag 10 open, 4 on hand, 8 expected, short 0\n');
    expect(text).toContain('  agreement SA-000001 with Acme Outfitters (Effective): Two-person tent 6 of 12 ordered, 6 invoiced; category LIGHT $417.79 of $600.00 ordered, $417.79 invoiced\n');
    expect(text).toContain('  campaign Winter camping (Email, Active): 2 targets, 2 left out; responses positive 1, negative 1, none 0\n');
    expect(text).not.toMatch(/openOrder|minor|cents/);
  });

  it('an idle sales office adds nothing to the report', () => {
    const idle = chainFor(scenario);
    expect(chainReport(idle)).not.toHaveProperty('salesOffice');
    expect(formatReport(chainReport(idle))).not.toContain('headquarters sales office');
  });
});

describe('storefront run scenarios/sales-month.json', () => {
  const cli = (...args: string[]) => spawnSync(process.execPath, ['bin/storefront.mjs', ...args], { cwd: ROOT, encoding: 'utf8' });

  it('passes --strict and prints the sales section', () => {
    const run = cli('run', 'scenarios/sales-month.json', '--strict', '--no-progress');
    expect([run.status, run.stderr]).toEqual([0, '']);
    expect(run.stdout).toMatch(/^scenario "A month at the sales office": 89 steps, 89 accepted, 0 refused\n/);
    expect(run.stdout).toContain('headquarters sales office:');
  });

  it('a bad office step is named by its step and field, and nothing is replayed', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sales-month-'));
    const file = join(dir, 'month.json');
    const month = JSON.parse(await readFile(MONTH, 'utf8')) as { config: string; steps: Record<string, unknown>[] };
    month.config = join(ROOT, 'scenarios/demo-chain.json');
    month.steps[4] = { ...month.steps[4], lines: [{ commitmentId: 'SA-000001-1', productId: 'P-TENT', quantity: 0, requestedShipDate: '2026-12-03' }] };
    await writeFile(file, JSON.stringify(month));
    const run = cli('run', file, '--strict');
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(`error: ${file}: steps.4: lines.0.quantity: Too small: expected number to be >0\n`);
    expect(run.stdout).toBe('');
  });
});
