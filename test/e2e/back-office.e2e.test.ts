/**
 * End to end, in Debian's chromium against the real server (issue 13's story): Sally Sales (sales1) works
 * headquarters' back office. Acme (C-ACME) holds an effective sales agreement for 10 trail tents and a sent quotation
 * for 8 of them; headquarters' warehouse has 5 on hand and Nordic Gear owes 3 on a purchase line. Sally confirms
 * the quotation into a sales order (5 reserved, 3 backordered) whose line stays released against the agreement
 * the quotation was priced by, posts two packing slips
 * and one for another order of Acme's, and one collective invoice for the three, prints a free text invoice as a
 * pro forma before posting it, sees the commitment's fulfilment, and follows the backorder as the purchase
 * line is received: the 3 tents go to the waiting line.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleScreens } from '../../engine/server/server.ts';
import { withSalesOffice } from '../engine/sales-office-helpers.ts';
import type { DemoChainConfigInput } from '../fixtures/chain.ts';
import { accepted, call, testServer, type TestServer } from '../server/server-helpers.ts';
import { closeAll, launchChromium, openScreen, PIN, screenshot, signInAs, textOf, type Screen } from './e2e-helpers.ts';
import type { Browser } from 'playwright-core';

/** The demo chain with headquarters' sales office; sales1 signs in with cashier1's PIN, marketing1 with agent1's. */
function withOffice(config: Record<string, unknown>): void {
  const c = config as unknown as DemoChainConfigInput;
  withSalesOffice(c);
  const pinOf = (operatorId: string) => c.staff.find((s) => s.operatorId === operatorId)!.pinHash!;
  c.staff.find((s) => s.operatorId === 'sales1')!.pinHash = pinOf('cashier1');
  c.staff.find((s) => s.operatorId === 'marketing1')!.pinHash = pinOf('agent1');
}

/** What Acme's back office has before Sally starts (the demo day is 2026-11-23). */
async function acmeOffice(url: string): Promise<{ quotationId: string; agreementId: string }> {
  const session = await call(url, 'POST', '/api/session', { body: { operatorId: 'sales1', pin: PIN.cashier1, siteId: 'S1' } });
  const token = session.body.token as string;
  const by = { operatorId: 'sales1' };
  const [agreement] = await accepted(url, token, { type: 'sales.createAgreement', ...by, customerAccount: 'C-ACME', effective: '2026-11-01', expiration: '2027-03-31' });
  const agreementId = agreement!.agreementId as string;
  const [commitment] = await accepted(url, token, { type: 'sales.addCommitment', ...by, agreementId,
    commitment: { kind: 'productQuantity', productId: 'P-TENT', committed: 10, unitPrice: 15_000, maxEnforced: true, priceFixed: true } });
  await accepted(url, token, { type: 'sales.makeAgreementEffective', ...by, agreementId });
  // Wanted last Friday: past its date, what cannot ship is a backorder (SM-10).
  const [quotation] = await accepted(url, token, { type: 'sales.createQuotation', ...by, partyId: 'C-ACME', expiryDate: '2026-12-31',
    lines: [{ productId: 'P-TENT', quantity: 8, requestedShipDate: '2026-11-20', agreement: { agreementId, commitmentId: commitment!.commitmentId } }] });
  expect(commitment!.commitmentId).toBeTypeOf('string');
  const quotationId = quotation!.quotationId as string;
  await accepted(url, token,
    { type: 'sales.sendQuotation', ...by, quotationId },
    // Another of Acme's orders, one camp stove: its slip goes on the same collective invoice.
    { type: 'sales.createOrder', ...by, orderType: 'salesOrder', customerAccount: 'C-ACME', lines: [{ productId: 'P-STOVE', quantity: 1, requestedShipDate: '2026-11-23' }] },
    { type: 'sales.createPurchaseLine', ...by, vendorAccount: 'V-NORD', productId: 'P-TENT', quantity: 3, expectedDate: '2026-11-26' });
  return { quotationId, agreementId };
}

/** The back office as Sally works it: tabs, records opened by number, dialogs answered. */
function backOffice(page: Page) {
  const dialog = (name: string) => page.getByRole('dialog', { name, exact: true });
  return {
    tab: (name: string) => page.getByRole('tab', { name, exact: true }).click(),
    open: (what: string) => page.getByRole('button', { name: `Open ${what}`, exact: true }).click(),
    action: (name: string) => page.getByRole('group', { name: 'Actions' }).getByRole('button', { name, exact: true }).click(),
    dialog,
    /** The notice of what was just done. */
    done: async (words: RegExp) => {
      const notice = page.getByRole('status').filter({ hasText: words });
      await notice.waitFor();
      return textOf(notice);
    },
    row: (table: string, text: string) => page.getByRole('table', { name: table, exact: true }).getByRole('row').filter({ hasText: text }),
    postPackingSlip: async (quantities: number[]) => {
      await page.getByRole('group', { name: 'Actions' }).getByRole('button', { name: 'Post packing slip' }).click();
      const slip = dialog('Post a packing slip');
      const inputs = slip.getByRole('spinbutton');
      for (const [at, quantity] of quantities.entries()) await inputs.nth(at).fill(String(quantity));
      await slip.getByRole('button', { name: 'Post packing slip' }).click();
      await slip.waitFor({ state: 'hidden' });
    },
  };
}

/** The office's page, signed in as Sally (or Mark, marketing1). */
async function openBackOffice(browser: Browser, url: string, as: 'sales1' | 'marketing1' = 'sales1'): Promise<Screen> {
  const screen = await openScreen(browser, url, '/back-office?store=S1');
  await signInAs(screen.page, as, as === 'sales1' ? PIN.cashier1 : PIN.agent1);
  return screen;
}

describe('e2e: headquarters back office', () => {
  let server: TestServer | null = null;
  let browser: Browser | null = null;
  beforeAll(async () => {
    browser = await launchChromium();
    server = await testServer({ screens: await bundleScreens(), config: withOffice });
  }, 60_000);
  afterAll(async () => { await closeAll(async () => browser?.close(), async () => server?.close()); }, 30_000);

  it('SM-6 SM-8 SM-9 SM-10 SM-11 SM-12 SM-14 a quotation confirmed against an agreement, two slips on a collective invoice, a backorder filled by a purchase line', async () => {
    const { quotationId, agreementId } = await acmeOffice(server!.url);
    const screen = await openBackOffice(browser!, server!.url);
    const { page } = screen;
    const office = backOffice(page);

    // SM-6 / SM-15: the sent quotation, priced by the agreement ($150, not Acme's trade price), confirmed into a sales order.
    await office.tab('Quotations');
    await office.open(`quotation ${quotationId}`);
    expect(await textOf(page.getByRole('table', { name: 'Quotation lines' }))).toContain('8 $150.00$1,200.00');
    await screenshot(page, 'back-office-quotation');
    await office.action('Confirm');
    await office.dialog('Confirm into a sales order').getByRole('button', { name: 'Confirm', exact: true }).click();
    const confirmed = await office.done(/confirmed: sales order/);
    const salesOrderId = /sales order (\S+)\.$/.exec(confirmed)![1]!;

    // SM-8 / SM-10: the order's tent line keeps its agreement and its $150; 3 of 8 wait past their date.
    await office.tab('Sales orders');
    await office.open(`order ${salesOrderId}`);
    const tents = page.getByRole('table', { name: 'Order lines' }).getByRole('row').filter({ hasText: 'Two-person tent' });
    expect(await textOf(tents)).toContain('Backordered');
    expect(await textOf(tents)).toContain(`agreement ${agreementId}`);
    expect(await textOf(tents)).toContain('$1,200.00');

    // SM-12: two packing slips, 3 then 2 tents; the line still has 3 to deliver.
    await office.postPackingSlip([3]);
    await office.done(/^Packing slip \S+ posted/);
    await office.postPackingSlip([2]);
    await office.done(/^Packing slip \S+ posted/);
    expect(await textOf(tents.locator('td[data-deliver]'))).toBe('3');
    expect(await textOf(tents.locator('td[data-invoice]'))).toBe('5');
    await screenshot(page, 'back-office-order');

    // The stove order (filtered by customer among the open orders): its slip too.
    await page.getByLabel('Customer').fill('C-ACME');
    await page.getByRole('button', { name: 'Filter', exact: true }).click();
    const stoveOrder = page.getByRole('table', { name: 'Sales orders' }).getByRole('row').filter({ hasNotText: salesOrderId }).filter({ hasText: 'Acme' });
    await stoveOrder.getByRole('button', { name: /^Open order / }).click();
    await office.postPackingSlip([1]);
    await office.done(/^Packing slip \S+ posted/);

    // SM-12: one collective invoice for Acme's two slips, printed.
    await office.tab('Invoices');
    await page.getByLabel('Invoice account').selectOption('C-ACME');
    const slips = page.getByRole('list', { name: 'Packing slips of C-ACME' }).getByRole('checkbox');
    expect(await slips.count()).toBe(3);
    for (const box of await slips.all()) await box.check();
    await page.getByRole('button', { name: 'Post collective invoice' }).click();
    const invoiced = await office.done(/^Collective invoice \S+ posted for account C-ACME\.$/);
    const invoiceId = /invoice (\S+) posted/.exec(invoiced)![1]!;
    expect(await textOf(office.row('Invoices', invoiceId))).toContain('Collective');
    await page.getByRole('button', { name: `Print invoice ${invoiceId}` }).click();
    const printed = page.getByRole('article', { name: `Invoice ${invoiceId}` });
    expect(await textOf(printed)).toContain('Customer C-ACME');
    expect(await textOf(printed)).toContain('5 x P-TENT');
    await screenshot(page, 'back-office-invoice-print');
    await page.getByRole('button', { name: 'Back', exact: true }).click();

    // SM-14: a free text invoice for a repair, first as a pro forma that posts nothing, then posted.
    const freeText = page.getByRole('form', { name: 'Free text invoice' });
    await freeText.getByLabel('Customer account').fill('C-ACME');
    await freeText.getByLabel('Sales tax group').fill('TX-WA');
    await freeText.getByLabel('Item tax group').fill('SERVICE');
    await freeText.getByLabel('Main account').fill('401100');
    await freeText.getByLabel('Text').fill('Tent pole repair');
    await freeText.getByLabel('Amount').fill('120.00');
    await freeText.getByRole('button', { name: 'Add line' }).click();
    await freeText.getByRole('button', { name: 'Pro forma' }).click();
    const proForma = page.getByRole('article', { name: 'Pro forma invoice' });
    expect(await textOf(proForma)).toContain('PRO FORMA: NOT POSTED');
    expect(await textOf(proForma)).toContain('Tent pole repair (account 401100)$120.00');
    await screenshot(page, 'back-office-pro-forma');
    await page.getByRole('button', { name: 'Back', exact: true }).click();
    expect(await page.getByRole('table', { name: 'Invoices' }).getByRole('row').count()).toBe(2);
    await freeText.getByRole('button', { name: 'Post invoice' }).click();
    await office.done(/^Free text invoice \S+ posted\.$/);
    expect(await textOf(office.row('Invoices', 'Free text'))).toContain('Acme Outfitters');

    // SM-9: the commitment's fulfilment.
    await office.tab('Agreements');
    await office.open(`agreement ${agreementId}`);
    const commitment = page.getByRole('table', { name: 'Commitment lines' }).getByRole('row').nth(1);
    await commitment.waitFor();
    expect(await commitment.locator('td.num').allTextContents()).toEqual(['10', '8', '5', '5', '2']);
    await screenshot(page, 'back-office-agreement');

    // SM-10 / SM-11: the backorder by item waits for Nordic Gear's 3; received, they are on hand for the waiting line.
    await office.tab('Backorders');
    const byItem = () => page.getByRole('table', { name: 'Backorders by item' }).getByRole('row').filter({ hasText: 'P-TENT' });
    await byItem().waitFor();
    expect(await byItem().locator('td.num').allTextContents()).toEqual(['1', '3', '0', '3', '0', '0']);
    await screenshot(page, 'back-office-backorders');
    await page.getByRole('tab', { name: 'By vendor' }).click();
    await office.row('Open purchase lines of Nordic Gear', 'Two-person tent').getByRole('button', { name: 'Receive' }).click();
    const receive = office.dialog('Receive a purchase order line');
    expect(await receive.getByRole('spinbutton').inputValue()).toBe('3');
    await receive.getByRole('button', { name: 'Receive', exact: true }).click();
    await office.done(/the stock went to the waiting orders first/);
    await page.getByRole('tab', { name: 'By item' }).click();
    // On hand now, nothing more expected, no shortage; the line still waits to be delivered from it.
    await expect.poll(async () => byItem().locator('td.num').allTextContents()).toEqual(['1', '3', '3', '0', '0', '0']);
    expect(await textOf(byItem().locator('ul'))).toBe(`Order ${salesOrderId}: 3 now`);
    await screenshot(page, 'back-office-backorder-received');
    await office.tab('Sales orders');
    await office.open(`order ${salesOrderId}`);
    // SM-11 / SM-13: the 3 received are reserved for the line, still to deliver; the 5 delivered are invoiced.
    expect(await textOf(tents.locator('td[data-deliver]'))).toBe('3');
    expect(await textOf(tents.locator('td[data-invoice]'))).toBe('0');
    expect(await textOf(tents)).toContain('Reserved');

    expect(screen.errors).toEqual([]);
    expect(await page.getByText(/openOrder|onOrder|\d{5,} ?USD|undefined/).count()).toBe(0);
    await screen.context.close();
  }, 120_000);

  it('MK-1 MK-3 MK-4 a prospect targeted by a campaign answers yes: the quotation it leads to shows at once on the sales clerk\'s screen; then the campaign is closed', async () => {
    const sales = await openBackOffice(browser!, server!.url);
    await backOffice(sales.page).tab('Quotations');
    const quotations = sales.page.getByRole('table', { name: 'Quotations' });
    const loaded = sales.loads;

    const marketing = await openBackOffice(browser!, server!.url, 'marketing1');
    const m = marketing.page;
    const office = backOffice(m);
    await expect.poll(async () => m.getByRole('tab').allTextContents()).toEqual(['Pipeline', 'Campaigns']);

    // MK-1: a prospect with a contact who agrees to email.
    const prospect = m.getByRole('form', { name: 'New prospect' });
    await prospect.getByLabel('Name').fill('Trail Club');
    await prospect.getByLabel('Contact').fill('Robin Trail');
    await prospect.getByLabel('Reached by').selectOption('email');
    await prospect.getByLabel('Address or number').fill('robin@trailclub.example');
    await prospect.getByLabel('Agrees to marketing').check();
    await prospect.getByRole('button', { name: 'Create prospect' }).click();
    await office.done(/^Prospect \S+ created\.$/);
    expect(await textOf(office.row('Prospects', 'Trail Club'))).toContain('Robin Trail (Email: robin@trailclub.example)');

    // MK-3: an email campaign targeting it, activated.
    await office.tab('Campaigns');
    const campaign = m.getByRole('form', { name: 'New campaign' });
    await campaign.getByLabel('Name').fill('Winter trails');
    await campaign.getByLabel('Type').selectOption('email');
    await campaign.getByLabel('Starts').fill('2026-11-23');
    await campaign.getByLabel('Ends').fill('2026-12-31');
    await campaign.getByRole('button', { name: 'Create campaign' }).click();
    const created = await office.done(/^Campaign \S+ created\.$/);
    const campaignId = /Campaign (\S+) created/.exec(created)![1]!;
    await office.open(`campaign ${campaignId}`);
    await office.action('Choose targets');
    await m.getByRole('form', { name: 'Choose targets' }).getByLabel('Prospect Trail Club').check();
    await m.getByRole('button', { name: 'Choose these targets' }).click();
    await office.done(/^Targets chosen/);
    await office.action('Activate');
    await office.done(/is active\.$/);

    // MK-4: Robin says yes; the follow-up is a quotation for two tents carrying the campaign.
    const target = office.row('Targets', 'Robin Trail');
    await target.getByRole('button', { name: 'Yes' }).click();
    const yes = office.dialog('Robin Trail answered yes');
    await yes.getByLabel('Follow-up').selectOption('quotation');
    await yes.getByLabel('Quotation expires on').fill('2026-12-20');
    await yes.getByLabel('Quotation item').fill('P-TENT');
    await yes.getByLabel('Quantity').fill('2');
    await yes.getByLabel('Ship date').fill('2026-12-05');
    await yes.getByRole('button', { name: 'Record response' }).click();
    await office.done(/^Robin Trail's response is recorded\.$/);
    expect(await textOf(target)).toMatch(/Positive on 2026-11-23 ?Quotation \S+/);
    await screenshot(m, 'back-office-campaign');

    // The sales clerk's open Quotations tab has it without a reload (the office's live room).
    const fromCampaign = quotations.getByRole('row').filter({ hasText: 'Trail Club' });
    await fromCampaign.waitFor();
    expect(await textOf(fromCampaign)).toContain('Prospect');
    expect(sales.loads).toBe(loaded);

    // MK-3: the campaign is over: Mark closes it from its detail, and it offers nothing more.
    await office.action('Close campaign');
    await office.done(/^Campaign \S+ is closed\.$/);
    expect(await textOf(office.row('Campaigns', 'Winter trails'))).toContain('Closed');
    expect(await m.getByRole('button', { name: 'Close campaign', exact: true }).isDisabled()).toBe(true);
    expect([...sales.errors, ...marketing.errors]).toEqual([]);
    await closeAll(async () => sales.context.close(), async () => marketing.context.close());
  }, 120_000);
});
