/**
 * End to end at Seattle's till: a cashier has no deposit override permission (CO-7, ST-5), so the override asks for
 * a manager's approval in place. A wrong PIN and an approver without the permission are refused in the dialog, which
 * stays open; manager1 with their PIN gets the deposit overridden.
 */
import { describe, expect, it } from 'vitest';
import {
  dialogGone, e2eStack, expectLiveOnly, minor, openShift, openTill, PIN, textOf, tillDialog,
} from './e2e-helpers.ts';

describe('e2e: a deposit override at the till needs a manager', () => {
  const stack = e2eStack();

  it('CO-7 ST-5 the approval dialog refuses a wrong PIN and a shift lead in place, and takes manager1\'s PIN', async () => {
    const till = await openTill(stack.browser, stack.url, 'S1', 'R2', 'cashier1');
    const t = till.page;
    await openShift(t);

    // A pickup order in the making: a camp lamp picked up here at Seattle.
    await t.getByRole('region', { name: 'Products' }).getByRole('button', { name: /^Camp lamp/ }).click();
    const cart = t.getByRole('table', { name: 'Cart lines' });
    await cart.getByRole('row').filter({ hasText: 'Camp lamp' }).waitFor();
    await t.getByRole('region', { name: 'Operations' }).getByRole('button', { name: 'Pick up all' }).click();
    const pickupDialog = tillDialog(t, 'Pick up all');
    await pickupDialog.getByLabel('Pickup store').selectOption({ label: 'Seattle' });
    await pickupDialog.getByRole('button', { name: 'Pick up all' }).click();
    await dialogGone(t, 'Pick up all');
    await cart.getByRole('row').filter({ hasText: 'Pick up at Seattle' }).waitFor();
    const payment = t.getByRole('region', { name: 'Payment' });
    const remaining = payment.getByTestId('remaining');
    const deposit = minor(await textOf(remaining));
    expect(deposit).not.toBe(500);

    // The cashier asks for a $5.00 deposit: the manager's approval is asked for at once.
    await t.getByRole('region', { name: 'Operations' }).getByRole('button', { name: 'Deposit override' }).click();
    const amountDialog = tillDialog(t, 'Deposit override');
    await amountDialog.getByLabel('Deposit', { exact: true }).fill('5.00');
    await amountDialog.getByRole('button', { name: 'Override deposit' }).click();
    const approval = tillDialog(t, 'Manager approval');
    await approval.getByText('Deposit override: $5.00').waitFor();

    // A wrong PIN: refused in place, the dialog stays, nothing changed.
    await approval.getByLabel('Approver operator id').fill('manager1');
    await approval.getByLabel('Approver PIN').fill('0000');
    await approval.getByRole('button', { name: 'Approve' }).click();
    const refusal = approval.getByRole('alert');
    expect(await textOf(refusal)).toBe('The approval is refused: wrong operator or PIN, or the approver does not work at this store Ref. ST-5, approval');
    expect(minor(await textOf(remaining))).toBe(deposit);

    // A shift lead with their right PIN: no deposit override permission, refused too.
    await approval.getByLabel('Approver operator id').fill('lead1');
    await approval.getByLabel('Approver PIN').fill(PIN.lead1);
    await approval.getByRole('button', { name: 'Approve' }).click();
    await refusal.filter({ hasNotText: 'wrong operator or PIN' }).waitFor();
    // Plain words for the cashier (what the lead may not do, who may), the rule only in the detail line.
    expect(await textOf(refusal)).toBe('You may not override the deposit: ask a store manager Ref. CO-7, operatorId');
    expect(minor(await textOf(remaining))).toBe(deposit);

    // manager1 with their PIN: approved, both dialogs close, the deposit is $5.00.
    await approval.getByLabel('Approver operator id').fill('manager1');
    await approval.getByLabel('Approver PIN').fill(PIN.manager1);
    await approval.getByRole('button', { name: 'Approve' }).click();
    await dialogGone(t, 'Manager approval');
    await dialogGone(t, 'Deposit override');
    await t.getByRole('group', { name: 'Totals' }).getByText('Deposit (overridden)').waitFor();
    await expect.poll(async () => minor(await textOf(remaining)), { timeout: 10_000 }).toBe(500);
    expectLiveOnly(till);
    await till.context.close();
  }, 60_000);
});
