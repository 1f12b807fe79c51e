/**
 * End to end, in Debian's chromium against the real server: a pickup order created at Seattle's till (S1/R1) is
 * picked and picked up on Portland's fulfilment screen (S2/R3), which was already open; the pickup board shows it
 * ready before it is collected; both stores' tills see it invoiced, and the analyst view counts it. No screen is reloaded.
 */
import { describe, expect, it } from 'vitest';
import {
  e2eStack, expectLiveOnly, minor, openScreen, openShift, PIN, type Screen, screenshot, sellPickupOrder, signInAs, storeOrder, textOf,
} from './e2e-helpers.ts';

describe('e2e: a pickup order across two stores', () => {
  const stack = e2eStack();

  it('created at the Seattle till, picked and picked up on the Portland fulfilment screen, invoiced at both stores\' tills', async () => {
    const url = stack.url;
    const screens: Screen[] = [];
    const open = async (path: string) => {
      const screen = await openScreen(stack.browser, url, path);
      screens.push(screen);
      return screen;
    };

    // Context B: Portland's fulfilment screen, open and signed in before the order exists.
    const fulfilment = await open('/fulfillment?store=S2&register=R3');
    const f = fulfilment.page;
    await signInAs(f, 'manager1', PIN.manager1); // fulfilment work: not a cashier's
    await f.getByRole('heading', { name: /Fulfilment at Portland/ }).waitFor();
    await f.getByText('Nothing to fulfil here: new orders appear as they are placed.').waitFor();

    // Context C: Portland's pickup board.
    const board = await open('/pickup?store=S2');
    const b = board.page;
    await signInAs(b, 'manager1', PIN.manager1);
    await b.getByText('Nothing being prepared right now.').waitFor();

    // Context E: Portland's till R3, whose live list of the store's orders holds the orders handed over there.
    const portlandTill = await open('/till?store=S2&register=R3');
    const pt = portlandTill.page;
    await signInAs(pt, 'cashier2', PIN.cashier2);
    await pt.getByText('No customer orders yet.').waitFor();

    // Context A: Seattle's till R1.
    const till = await open('/till?store=S1&register=R1');
    const t = till.page;
    await signInAs(t, 'cashier1', PIN.cashier1);
    await openShift(t);

    // Anna Berg (a search), a camp lamp picked up at Portland, the deposit in cash.
    const { orderId, deposit, total } = await sellPickupOrder(t, {
      search: 'Anna', customer: 'Anna Berg', pickupStore: 'Portland',
      beforeTender: async () => { await screenshot(t, 'till'); },
    });
    expect(deposit).toBeGreaterThan(0);
    expect(deposit).toBeLessThan(total);

    // B: the order's line arrives without a reload, with its customer.
    const order = f.getByRole('region', { name: orderId, exact: true });
    await order.getByText('Anna Berg').waitFor();
    const line = order.getByRole('listitem').filter({ hasText: 'Camp lamp' });
    await line.waitFor();

    // C: the board shows it being prepared.
    const preparing = b.getByRole('region', { name: /^Being prepared/ });
    const ready = b.getByRole('region', { name: /^Ready for pickup/ });
    await preparing.getByText('Anna Berg').waitFor();

    // B: pick it (the prompt is prefilled with the 1 left to pick).
    await line.getByRole('button', { name: 'Pick', exact: true }).click();
    const pickDialog = f.getByRole('dialog', { name: 'Pick', exact: true });
    const quantity = pickDialog.getByRole('spinbutton');
    await quantity.waitFor();
    expect(await quantity.inputValue()).toBe('1');
    await pickDialog.getByRole('button', { name: 'Pick', exact: true }).click();
    await pickDialog.waitFor({ state: 'hidden' });
    await f.getByRole('status').filter({ hasText: `Picked 1 x Camp lamp (${orderId})` }).waitFor();

    // C: ready for pickup, before it is collected.
    await ready.getByText('Anna Berg').waitFor();
    await preparing.getByText('Nothing being prepared right now.').waitFor();
    await screenshot(b, 'pickup');

    // B: pick it up through register R3: recall, the amount due, cash.
    await order.getByRole('button', { name: 'Pick up at R3' }).click();
    const checkout = f.getByRole('dialog', { name: `Pick up ${orderId}` });
    expect(await checkout.getByRole('spinbutton').inputValue()).toBe('1');
    await checkout.getByRole('button', { name: 'Recall at register R3' }).click();
    // R3 has no open shift in a fresh chain: the screen opens it as the signed-in operator, then recalls.
    await checkout.getByRole('button', { name: /^Open shift as .* and recall$/ }).click();
    const cash = checkout.getByRole('button', { name: /^Cash \$/ });
    await checkout.getByText('Amount due').waitFor();
    const due = minor(await textOf(cash));
    expect(due).toBe(total - deposit);
    await screenshot(f, 'fulfillment');
    await cash.click();
    await checkout.getByRole('status').filter({ hasText: /Handed over to Anna Berg, invoice \S+/ }).waitFor();
    await checkout.getByRole('button', { name: 'Done' }).click();
    await checkout.waitFor({ state: 'hidden' });
    await f.getByRole('status').filter({ hasText: `Order ${orderId} picked up` }).waitFor();

    // C: collected, so off the board.
    await ready.getByText('No orders waiting to be collected.').waitFor();

    // A: the till shows the order invoiced, without a reload; so does Portland's own till (issue 9 #11: it kept
    // "Partially invoiced" until a reload).
    await storeOrder(t, orderId).getByRole('status', { name: 'Order status: Invoiced' }).waitFor();
    await storeOrder(pt, orderId).getByRole('status', { name: 'Order status: Invoiced' }).waitFor();
    await screenshot(t, 'till-invoiced');

    // D: headquarters' analyst view counts one invoiced order.
    const analyst = await open('/analyst?store=S1');
    const a = analyst.page;
    await signInAs(a, 'analyst1', PIN.analyst1);
    const orders = a.getByRole('region', { name: 'Orders and money' });
    const invoiced = orders.locator('[data-status="Invoiced"]');
    await invoiced.getByRole('status', { name: 'Order status: Invoiced' }).waitFor();
    expect(await textOf(invoiced)).toBe('1');
    await screenshot(a, 'analyst');

    for (const screen of screens) expectLiveOnly(screen);
    await Promise.all(screens.map((s) => s.context.close()));
  }, 90_000);
});
