/**
 * End to end, a day at Seattle's till R1: the shift opens with a $100.00 float, a camp lamp is sold for cash and its
 * receipt shown (printable at 80 mm) and emailed, the X report read mid-shift, the drawer counted at close: the Z report balances,
 * and headquarters' analyst view lists it.
 */
import { describe, expect, it } from 'vitest';
import { dialogGone, e2eStack, expectLiveOnly, minor, openScreen, openShift, openTill, PIN, screenshot, signInAs, textOf, tillDialog } from './e2e-helpers.ts';

describe('e2e: end of day at the till', () => {
  const stack = e2eStack();

  it('opens a shift with a float, sells, reads the X report, closes with counts: the Z report balances and headquarters lists it', async () => {
    const till = await openTill(stack.browser, stack.url, 'S1', 'R1', 'cashier1');
    const t = till.page;
    await openShift(t, '100.00');

    // A cash-and-carry sale, paid in cash.
    await t.getByRole('region', { name: 'Products' }).getByRole('button', { name: /^Camp lamp/ }).click();
    await t.getByRole('table', { name: 'Cart lines' }).getByRole('row').filter({ hasText: 'Camp lamp' }).waitFor();
    const payment = t.getByRole('region', { name: 'Payment' });
    const sale = minor(await textOf(payment.getByTestId('remaining')));
    await payment.getByRole('button', { name: 'Cash', exact: true }).click();
    await t.getByRole('heading', { name: 'Ready for the next customer' }).waitFor();

    // Its receipt: store, register, shift, the lamp, the total paid in cash.
    await t.getByRole('button', { name: 'Receipt', exact: true }).click();
    const receiptDialog = tillDialog(t, 'Receipt');
    const receipt = receiptDialog.getByTestId('receipt');
    expect(await textOf(receipt)).toMatch(/Seattle.*Sale.*Register R1 - shift SH-R1-000001 - cashier1.*Camp lamp/);
    expect(minor(await textOf(receiptDialog.getByTestId('receipt-total')))).toBe(sale);
    await receiptDialog.getByRole('button', { name: 'Print' }).waitFor();
    // Emailed: an outbound message to headquarters.
    await receiptDialog.getByLabel('Email to').fill('anna@example.com');
    await receiptDialog.getByRole('button', { name: 'Email receipt' }).click();
    expect(await textOf(receiptDialog.getByTestId('emailed'))).toBe('Receipt emailed to anna@example.com.');
    await screenshot(t, 'end-of-day-receipt');
    await receiptDialog.getByRole('button', { name: 'Close', exact: true }).first().click();
    await dialogGone(t, 'Receipt');

    // The X report mid-shift: the sale is in, nothing is counted.
    await t.getByRole('button', { name: 'X report' }).click();
    const x = tillDialog(t, 'X report: shift so far');
    expect(minor(await textOf(x.getByTestId('net-takings')))).toBe(sale);
    expect(await textOf(x.locator('tr[data-method="cash"]'))).toContain(`$${((10_000 + sale) / 100).toFixed(2)}`);
    await x.getByRole('button', { name: 'Done' }).click();
    await dialogGone(t, 'X report: shift so far');

    // Close: the drawer holds the float and the sale.
    await t.getByRole('button', { name: 'Close shift' }).click();
    const count = tillDialog(t, 'Close shift: count the drawer');
    await count.getByLabel('Cash counted').fill(((10_000 + sale) / 100).toFixed(2));
    await count.getByLabel('Card counted', { exact: true }).fill('0');
    await count.getByRole('button', { name: 'Count and close' }).click();
    const z = tillDialog(t, 'Z report: shift closed');
    expect(await textOf(z.getByTestId('over-short'))).toBe('balanced');
    expect(minor(await textOf(z.getByTestId('net-takings')))).toBe(sale);
    await screenshot(t, 'end-of-day-z-report');
    await z.getByRole('button', { name: 'Done' }).click();
    await t.getByRole('button', { name: /^Open shift as / }).waitFor();
    expectLiveOnly(till);

    // Headquarters lists the Z report.
    const analyst = await openScreen(stack.browser, stack.url, '/analyst?store=S1');
    const a = analyst.page;
    await signInAs(a, 'analyst1', PIN.analyst1);
    const row = a.locator('z-report-list tr[data-shift="SH-R1-000001"]');
    expect(await textOf(row)).toContain('balanced');
    await row.getByRole('button', { name: 'SH-R1-000001' }).click();
    await a.locator('z-report-list shift-report-view').getByText('Z report').waitFor();
    await screenshot(a, 'end-of-day-analyst');
    // The emailed receipt waits in Seattle's queue for the P-job.
    expect(await textOf(a.getByRole('region', { name: 'Stores and their link to headquarters' }).getByRole('row').filter({ hasText: 'Seattle (S1)' }))).toContain('receipt email 1');
  });
});
