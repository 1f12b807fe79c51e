/**
 * End to end: a screen that loses its connection catches up when it comes back, without a reload. Portland's
 * fulfilment screen is offline while Seattle's till sells a pickup order for Portland; back online, the order is
 * there. Then the till is offline while Portland picks the line; back online, the till shows the order picked.
 */
import { describe, expect, it } from 'vitest';
import {
  e2eStack, expectLiveOnly, openScreen, openShift, PIN, sellPickupOrder, signInAs, storeOrder,
} from './e2e-helpers.ts';

describe('e2e: screens catch up after losing their connection', () => {
  const stack = e2eStack();

  it('the fulfilment screen gets the order sold while it was offline, the till the pick made while it was offline', async () => {
    const url = stack.url;
    const fulfilment = await openScreen(stack.browser, url, '/fulfillment?store=S2&register=R3');
    const f = fulfilment.page;
    await signInAs(f, 'manager1', PIN.manager1); // fulfilment work: not a cashier's
    await f.getByText('Nothing to fulfil here: new orders appear as they are placed.').waitFor();
    await f.getByRole('status').filter({ hasText: /^\s*Live\s*$/ }).waitFor();

    const till = await openScreen(stack.browser, url, '/till?store=S1&register=R1');
    const t = till.page;
    await signInAs(t, 'cashier1', PIN.cashier1);
    await openShift(t);

    // Portland's screen goes offline; Seattle sells a pickup order for Portland meanwhile.
    await fulfilment.context.setOffline(true);
    await f.getByRole('status').filter({ hasText: /^\s*Reconnecting\.\.\.\s*$/ }).waitFor();
    const { orderId } = await sellPickupOrder(t, { search: 'anna@example', customer: 'Anna Berg', pickupStore: 'Portland' });
    const order = f.getByRole('region', { name: orderId, exact: true });
    expect(await order.count()).toBe(0);

    // Back online: the order is there, without a reload.
    await fulfilment.context.setOffline(false);
    await f.getByRole('status').filter({ hasText: /^\s*Live\s*$/ }).waitFor();
    await order.getByText('Anna Berg').waitFor();
    const line = order.getByRole('listitem').filter({ hasText: 'Camp lamp' });

    // The till goes offline; Portland picks the line meanwhile.
    await till.context.setOffline(true);
    await t.getByRole('status').filter({ hasText: /^\s*Disconnected: reconnecting\s*$/ }).waitFor();
    await line.getByRole('button', { name: 'Pick', exact: true }).click();
    const pickDialog = f.getByRole('dialog', { name: 'Pick', exact: true });
    await pickDialog.getByRole('button', { name: 'Pick', exact: true }).click();
    await pickDialog.waitFor({ state: 'hidden' });
    await f.getByRole('status').filter({ hasText: `Picked 1 x Camp lamp (${orderId})` }).waitFor();
    expect(await storeOrder(t, orderId).getByRole('status', { name: 'Order status: Picked' }).count()).toBe(0);

    // Back online: the till shows the order picked, without a reload.
    await till.context.setOffline(false);
    await t.getByRole('status').filter({ hasText: /^\s*Live\s*$/ }).waitFor();
    await storeOrder(t, orderId).getByRole('status', { name: 'Order status: Picked' }).waitFor();

    expectLiveOnly(fulfilment);
    expectLiveOnly(till);
    await Promise.all([fulfilment.context.close(), till.context.close()]);
  }, 90_000);
});
