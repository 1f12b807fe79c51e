/**
 * End to end at Seattle's till (CO-9): a quote for Anna's camp lamp takes no payment; recalled, it is approved into
 * an order with a manager's PIN, the deposit is taken, and the store's live list shows the order open.
 */
import { describe, expect, it } from 'vitest';
import { addCustomerToSale, dialogGone, e2eStack, expectLiveOnly, minor, openShift, openTill, PIN, screenshot, storeOrder, textOf, tillDialog } from './e2e-helpers.ts';

describe('e2e: a quote approved at the till', () => {
  const stack = e2eStack();

  it('CO-9 a recalled quote is approved with a manager\'s PIN, its deposit taken, and it becomes an open order', async () => {
    const till = await openTill(stack.browser, stack.url, 'S1', 'R2', 'cashier1');
    const t = till.page;
    await openShift(t);
    await addCustomerToSale(t, 'Anna', 'Anna Berg');
    await t.getByRole('region', { name: 'Products' }).getByRole('button', { name: /^Camp lamp/ }).click();
    const cart = t.getByRole('table', { name: 'Cart lines' });
    await cart.getByRole('row').filter({ hasText: 'Camp lamp' }).waitFor();
    const operations = t.getByRole('region', { name: 'Operations' });
    await operations.getByRole('button', { name: 'Pick up all' }).click();
    const pickupDialog = tillDialog(t, 'Pick up all');
    await pickupDialog.getByLabel('Pickup store').selectOption({ label: 'Seattle' });
    await pickupDialog.getByRole('button', { name: 'Pick up all' }).click();
    await dialogGone(t, 'Pick up all');
    await operations.getByRole('button', { name: 'Quote' }).click();
    await operations.getByRole('button', { name: 'Quote', pressed: true }).waitFor();

    // A quote takes no payment.
    const payment = t.getByRole('region', { name: 'Payment' });
    await payment.getByTestId('remaining').filter({ hasText: '$0.00' }).waitFor();
    await payment.getByRole('button', { name: 'Cash', exact: true }).click();
    const created = await textOf(t.getByRole('status').filter({ hasText: /Quote \S+ created/ }));
    const orderId = /Quote (\S+) created/.exec(created)![1]!;

    // Recalled for edit, it offers Approve quote; the cashier gets manager1's approval.
    await t.getByRole('button', { name: 'Recall order' }).click();
    const recall = tillDialog(t, 'Find an order');
    await recall.getByLabel('Scan or type an order number, confirmation number or receipt').fill(orderId);
    await recall.getByRole('button', { name: 'Search', exact: true }).click();
    await recall.getByRole('button', { name: `Edit ${orderId}` }).click();
    await dialogGone(t, 'Find an order');
    await operations.getByRole('button', { name: 'Approve quote' }).click();
    const approval = tillDialog(t, 'Manager approval');
    await approval.getByText(`Approve quote ${orderId} into an order`).waitFor();
    await approval.getByLabel('Approver operator id').fill('manager1');
    await approval.getByLabel('Approver PIN').fill(PIN.manager1);
    await approval.getByRole('button', { name: 'Approve' }).click();
    await dialogGone(t, 'Manager approval');
    await operations.getByRole('button', { name: 'Approve quote' }).waitFor({ state: 'detached' });

    // The deposit is due now; paying it saves the order, which the store's live list shows open.
    const finish = t.getByRole('region', { name: 'Finish the edit' });
    const due = finish.getByTestId('remaining');
    await due.filter({ hasNotText: '$0.00' }).waitFor();
    // 10% of the lamp with tax: $2.75.
    expect(minor(await textOf(due))).toBe(275);
    await screenshot(t, 'till-quote-approved');
    await finish.getByRole('button', { name: 'Cash', exact: true }).click();
    await t.getByRole('status').filter({ hasText: `Order ${orderId} saved` }).waitFor();
    await storeOrder(t, orderId).filter({ hasText: 'Open' }).waitFor();
    expectLiveOnly(till);
  }, 90_000);
});
