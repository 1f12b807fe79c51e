/**
 * End to end, in Debian's chromium against the real server: agent1 takes Anna Berg's order on the call center's page
 * under the Spring Trails source code (SPRING26), a camp stove picked up at Seattle; takes the fuel canister the
 * catalog's cross-sell offers, applies Anna's own coupon, pays the balance by card and submits. The order appears at
 * once on Seattle's fulfilment screen (open before it existed, no reload), is picked there, and is picked up at
 * Seattle's till, which offers no edit and no cancel for it and says why (CC-21).
 */
import { describe, expect, it } from 'vitest';
import {
  dialogGone, e2eStack, expectLiveOnly, minor, openScreen, openShift, PIN, type Screen, screenshot, signInAs, storeOrder, textOf, tillDialog,
} from './e2e-helpers.ts';
import {
  addItem, chooseDelivery, enterCoupon, openCallCenter, orderLine, payBalanceByCard, shownText, summaryAmount, takeOrderFor, useSourceCode,
} from './call-center-e2e-helpers.ts';

describe('e2e: a call-center order picked up at a store', () => {
  // The demo's Spring Trails catalog runs 2026-01-01..2026-06-30: the day is in spring.
  const stack = e2eStack({ startAt: Date.UTC(2026, 3, 14, 16) });

  it('CC-3 CC-4 CC-11 CC-13 CC-6 CC-9 CC-21 taken with a source code, a cross-sell and a coupon, paid by card, picked and picked up at Seattle', async () => {
    const screens: Screen[] = [];
    const track = (screen: Screen) => { screens.push(screen); return screen; };

    // Seattle's fulfilment screen, open and signed in before the order exists.
    const f = track(await openScreen(stack.browser, stack.url, '/fulfillment?store=S1')).page;
    await signInAs(f, 'lead1', PIN.lead1);
    await f.getByRole('heading', { name: /Fulfilment at Seattle/ }).waitFor();

    // The agent: Anna Berg, found by name.
    const agent = track(await openCallCenter(stack.browser, stack.url, 'agent1'));
    const a = agent.page;
    const orderId = await takeOrderFor(a, 'Anna Berg');

    // CC-4 / CC-10: the source code's Beginning script is read out.
    await useSourceCode(a, 'SPRING26');
    const script = a.getByRole('complementary', { name: 'Script' });
    await script.getByText('Thank you for calling about our Spring Trails catalog.').waitFor();
    await chooseDelivery(a, 'Pick up in store', 'Seattle');

    // CC-5: the catalog's price; CC-10 the item's script; CC-11 the catalog's cross-sell, taken.
    await addItem(a, 'P-STOVE');
    expect(await textOf(orderLine(a, 'P-STOVE'))).toContain('Camp stove 1 $79.00 Pick up in store');
    await script.getByText('Remind the customer that fuel cannot be shipped by air.').waitFor();
    const crossSell = a.getByRole('group', { name: 'Cross-sell offer' });
    expect(await textOf(crossSell)).toContain('Offer Fuel canister with Camp stove.');
    await screenshot(a, 'call-center-cross-sell');
    await crossSell.getByRole('button', { name: 'Add cross-sell' }).click();
    await crossSell.waitFor({ state: 'hidden' });
    expect(await textOf(orderLine(a, 'P-FUEL'))).toContain('Fuel canister 1 $7.99 Pick up in store');

    // CC-13: Anna's own coupon takes $15.00 off.
    expect(await enterCoupon(a, 'ANNA15')).toBe('Coupon ANNA15 applied: $15.00 off.');

    // CC-6: the summary adds up, with the End script; CC-8 the balance by card.
    await a.getByRole('button', { name: 'Summary', exact: true }).click();
    await a.getByRole('complementary', { name: 'Closing script' }).getByText('Your spring order ships within two days. Happy trails!').waitFor();
    expect(await summaryAmount(a, 'Subtotal')).toBe('$86.99');
    expect(await summaryAmount(a, 'Discounts')).toBe('-$15.00');
    const [charges, lineCharges, tax, total] = await Promise.all(['Order charges', 'Line charges', 'Tax', 'Total'].map((row) => summaryAmount(a, row)));
    expect(minor(total!)).toBe(8699 - 1500 + minor(charges!) + minor(lineCharges!) + minor(tax!));
    expect(minor(tax!)).toBeGreaterThan(0); // picked up at Seattle: Washington's tax
    await payBalanceByCard(a, 'tok-anna-4111');
    expect(await summaryAmount(a, 'Balance')).toBe('$0.00');
    await screenshot(a, 'call-center-summary');

    // CC-9: Submit authorises the card; the order goes on to picking.
    await a.getByRole('button', { name: 'Submit', exact: true }).click();
    await a.getByRole('status').filter({ hasText: 'Submitted: every payment is approved and the order goes on to picking.' }).waitFor();
    expect(await textOf(a.getByRole('region', { name: 'Payments' }).getByRole('row').filter({ hasText: 'Card' }))).toContain('Authorized');
    expect(await textOf(a.getByRole('heading', { level: 1 }).locator('..'))).toContain('Submitted');
    await screenshot(a, 'call-center-submitted');

    // Seattle's fulfilment screen has it at once, without a reload: Anna's two lines to pick.
    const order = f.getByRole('region', { name: orderId, exact: true });
    await order.getByText('Anna Berg').waitFor();
    for (const item of ['Camp stove', 'Fuel canister']) {
      const line = order.getByRole('listitem').filter({ hasText: item });
      await line.getByRole('button', { name: 'Pick', exact: true }).click();
      const pick = f.getByRole('dialog', { name: 'Pick', exact: true });
      await pick.getByRole('button', { name: 'Pick', exact: true }).click();
      await pick.waitFor({ state: 'hidden' });
      await f.getByRole('status').filter({ hasText: `Picked 1 x ${item} (${orderId})` }).waitFor();
    }
    await screenshot(f, 'call-center-fulfillment');

    // Seattle's till: the order found by its number offers no edit and no cancel, and says why (CC-21); pick up it does.
    const till = track(await openScreen(stack.browser, stack.url, '/till?store=S1&register=R1'));
    const t = till.page;
    await signInAs(t, 'cashier1', PIN.cashier1);
    await openShift(t);
    await t.getByRole('button', { name: 'Recall order' }).click();
    const recall = tillDialog(t, 'Find an order');
    await recall.getByLabel('Scan or type an order number, confirmation number or receipt').fill(orderId);
    await recall.getByRole('button', { name: 'Search', exact: true }).click();
    expect(await recall.getByRole('button', { name: `Edit ${orderId}` }).isDisabled()).toBe(true);
    expect(await recall.getByRole('button', { name: `Cancel order ${orderId}` }).isDisabled()).toBe(true);
    await recall.getByText('Orders from a call center with order completion are edited in the call center.').waitFor();
    await recall.getByText('Orders from a call center are cancelled in the call center.').waitFor();
    await screenshot(t, 'call-center-till-recall');
    await recall.getByRole('button', { name: `Pick up ${orderId}` }).click();
    await dialogGone(t, 'Find an order');

    // Handed over: what Anna agreed to on the phone is what the till takes, from the card she gave (on file).
    const cart = t.getByRole('table', { name: 'Cart lines' });
    await cart.getByRole('row').filter({ hasText: 'Camp stove' }).waitFor();
    await cart.getByRole('row').filter({ hasText: 'Fuel canister' }).waitFor();
    const payment = t.getByRole('region', { name: 'Payment' });
    await screenshot(t, 'call-center-till-pickup');
    expect(minor(await textOf(payment.getByTestId('remaining')))).toBe(minor(total!));
    await payment.getByRole('button', { name: /^Card on file .*4111/ }).click();
    await t.getByRole('status').filter({ hasText: `Order ${orderId} picked up` }).waitFor();
    await storeOrder(t, orderId).getByRole('status', { name: 'Order status: Invoiced' }).waitFor();
    // The fulfilment screen lets it go, live.
    await order.waitFor({ state: 'hidden' });

    for (const screen of screens) {
      expect(await shownText(screen.page)).not.toMatch(/\b(entering|awaitingPayment|doNotProcess|undefined|NaN)\b/);
      expectLiveOnly(screen);
    }
    await Promise.all(screens.map((s) => s.context.close()));
  }, 60_000);
});
