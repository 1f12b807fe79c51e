/**
 * End to end, in Debian's chromium against the real server: a Seattle pickup order by Curbside pickup, collected by
 * another person (CO-15), is picked up in part on Seattle's fulfilment screen through register R2 (FF-6: the lamp
 * stays for later), then the rest at the till R1 from its recall; R1's own live list of the store's orders shows the
 * order Partially invoiced, then Invoiced, without a reload.
 */
import { describe, expect, it } from 'vitest';
import { addCustomerToSale, dialogGone, e2eStack, expectLiveOnly, openScreen, openShift, PIN, type Screen, signInAs, storeOrder, tillDialog } from './e2e-helpers.ts';

describe('e2e: a partial pickup by another person who collects', () => {
  const stack = e2eStack();

  it('FF-6 CO-15 CO-3 part of the order picked up on the fulfilment screen, the rest at the till, whose live list follows', async () => {
    const screens: Screen[] = [];
    const open = async (path: string) => {
      const screen = await openScreen(stack.browser, stack.url, path);
      screens.push(screen);
      return screen;
    };

    const fulfilment = await open('/fulfillment?store=S1&register=R2');
    const f = fulfilment.page;
    await signInAs(f, 'manager1', PIN.manager1);
    const board = await open('/pickup?store=S1');
    const b = board.page;
    await signInAs(b, 'manager1', PIN.manager1);

    const till = await open('/till?store=S1&register=R1');
    const t = till.page;
    await signInAs(t, 'cashier1', PIN.cashier1);
    await openShift(t);

    // Anna Berg buys a tent and a lamp, picked up at Seattle by curbside; Sam Lee collects.
    await addCustomerToSale(t, 'Anna', 'Anna Berg');
    const products = t.getByRole('region', { name: 'Products' });
    const cart = t.getByRole('table', { name: 'Cart lines' });
    await products.getByRole('button', { name: /^Two-person tent/ }).click();
    await cart.getByRole('row').filter({ hasText: 'Two-person tent' }).waitFor();
    await products.getByRole('button', { name: /^Camp lamp/ }).click();
    await cart.getByRole('row').filter({ hasText: 'Camp lamp' }).waitFor();
    await t.getByRole('region', { name: 'Operations' }).getByRole('button', { name: 'Pick up all' }).click();
    const pickupDialog = tillDialog(t, 'Pick up all');
    await pickupDialog.getByLabel('Pickup mode').selectOption({ label: 'Curbside pickup' });
    await pickupDialog.getByLabel('Pickup store').selectOption({ label: 'Seattle' });
    // CO-17: each pickup store with what it has of the lines.
    await pickupDialog.locator('location-availability tr[data-location="S1"]').filter({ hasText: 'In stock' }).waitFor();
    await pickupDialog.getByLabel('Someone else collects').check();
    await pickupDialog.getByLabel('Name of the person who collects').fill('Sam Lee');
    await pickupDialog.getByLabel('Their phone (optional)').fill('+1 206 555 0100');
    await pickupDialog.getByRole('button', { name: 'Pick up all' }).click();
    await dialogGone(t, 'Pick up all');
    await cart.getByRole('row').filter({ hasText: 'Camp lamp' }).filter({ hasText: 'Curbside pickup' }).filter({ hasText: 'collected by Sam Lee' }).waitFor();
    await t.getByRole('region', { name: 'Payment' }).getByRole('button', { name: 'Cash', exact: true }).click();
    const created = (await t.getByRole('status').filter({ hasText: /Customer order \S+ created/ }).textContent())!;
    const orderId = /Customer order (\S+) created/.exec(created)![1]!;

    // The board names who collects.
    await b.locator(`li[data-order="${orderId}"]`).filter({ hasText: 'Collected by Sam Lee' }).waitFor();

    // Fulfilment screen: pick up the tent only, through R2 (whose shift the manager opens).
    const order = f.getByRole('region', { name: orderId, exact: true });
    await order.getByRole('button', { name: 'Pick up at R2' }).click();
    const checkout = f.getByRole('dialog', { name: `Pick up ${orderId}` });
    await checkout.getByText('Collected by Sam Lee (+1 206 555 0100) for Anna Berg').waitFor();
    await checkout.getByRole('spinbutton', { name: /Camp lamp/ }).fill('0');
    await checkout.getByRole('button', { name: 'Recall at register R2' }).click();
    await checkout.getByRole('button', { name: /^Open shift as .* and recall$/ }).click();
    await checkout.getByText('Amount due').waitFor();
    await checkout.getByRole('button', { name: /^Cash \$/ }).click();
    await checkout.getByRole('status').filter({ hasText: /Handed over to Anna Berg/ }).waitFor();
    await checkout.getByRole('button', { name: 'Done' }).click();
    await checkout.waitFor({ state: 'hidden' });

    // The lamp stays waiting for a later pickup; the till sees the order partly invoiced, live.
    await order.getByRole('listitem').filter({ hasText: 'Camp lamp' }).waitFor();
    expect(await order.getByRole('listitem').filter({ hasText: 'Two-person tent' }).count()).toBe(0);
    await storeOrder(t, orderId).getByRole('status', { name: 'Order status: Partially invoiced' }).waitFor();

    // The rest at the till R1: recall for pickup, cash; R1's own live list shows it Invoiced without a reload.
    await t.getByRole('button', { name: 'Recall order' }).click();
    const recall = tillDialog(t, 'Find an order');
    await recall.getByLabel('Scan or type an order number, confirmation number or receipt').fill(orderId);
    await recall.getByRole('button', { name: 'Search', exact: true }).click();
    await recall.getByRole('button', { name: `Pick up ${orderId}` }).click();
    await dialogGone(t, 'Find an order');
    await cart.getByRole('row').filter({ hasText: 'Camp lamp' }).waitFor();
    await t.getByRole('region', { name: 'Payment' }).getByRole('button', { name: 'Cash', exact: true }).click();
    await t.getByRole('status').filter({ hasText: `Order ${orderId} picked up` }).waitFor();
    await storeOrder(t, orderId).getByRole('status', { name: 'Order status: Invoiced' }).waitFor();
    await order.waitFor({ state: 'hidden' });

    for (const screen of screens) expectLiveOnly(screen);
    await Promise.all(screens.map((s) => s.context.close()));
  }, 120_000);
});
