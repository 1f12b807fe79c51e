/**
 * End to end, in Debian's chromium against the real server: price control (CC-20) and a gift card short of its share
 * (CC-8). agent1 may set prices within 5%: a price beyond that is refused with the range allowed, in money. agent2 is
 * in no price group: their change becomes a request, the line keeping its price; supervisor1 sees it on the
 * supervisor's page with the item and the agent by name and approves it; agent2's open order shows the new price
 * without a reload. A gift card that holds less than its share is refused on the screen before anything is sent.
 */
import { describe, expect, it } from 'vitest';
import { e2eStack, expectLiveOnly, minor, type Screen, screenshot, textOf } from './e2e-helpers.ts';
import { addItem, chooseDelivery, openCallCenter, orderLine, shownText, takeOrderFor } from './call-center-e2e-helpers.ts';
import type { Page } from 'playwright-core';

/** The unit price on an order line, as shown. */
const linePrice = (page: Page, item: string): Promise<string> => textOf(orderLine(page, item).locator('[data-unit-price]'));

/** CC-20: opens the line's price dialog and asks for `price`; returns the dialog. */
async function askPrice(page: Page, itemName: string, price: string, reason: string) {
  await page.getByRole('button', { name: `Change price of ${itemName}` }).click();
  const dialog = page.getByRole('dialog', { name: `Change the price of ${itemName}` });
  await dialog.getByLabel('New unit price').fill(price);
  await dialog.getByLabel('Why (for the supervisor)').fill(reason);
  await dialog.getByRole('button', { name: 'Change price' }).click();
  return dialog;
}

const money = (minorUnits: number) => `$${(minorUnits / 100).toFixed(2)}`;

describe('e2e: call-center prices and gift cards', () => {
  const stack = e2eStack();

  it('CC-20 CC-8 agent1 is refused beyond tolerance; agent2\'s change becomes a request supervisor1 approves, and agent2\'s order shows it live; a short gift card is refused', async () => {
    const screens: Screen[] = [];
    const track = (screen: Screen) => { screens.push(screen); return screen; };

    // agent1: a sleeping pad for Cal; 20% off is beyond agent1's 5%: refused with the range, the price unchanged.
    const a1 = track(await openCallCenter(stack.browser, stack.url, 'agent1')).page;
    await takeOrderFor(a1, 'Cal Rivera');
    await chooseDelivery(a1, 'Standard ground');
    await addItem(a1, 'P-PAD');
    const systemPrice = minor(await linePrice(a1, 'P-PAD'));
    const refusedDialog = await askPrice(a1, 'Sleeping pad', (systemPrice * 0.8 / 100).toFixed(2), 'Customer asked');
    const refusal = await textOf(refusedDialog.getByRole('alert'));
    expect(refusal).toMatch(/^You may set this price between \$\d+\.\d\d and \$\d+\.\d\d \(5% either side of /);
    expect(refusal).toContain(money(systemPrice));
    await screenshot(a1, 'call-center-price-refused');
    await refusedDialog.getByRole('button', { name: 'Cancel' }).click();
    await refusedDialog.waitFor({ state: 'hidden' });
    expect(await linePrice(a1, 'P-PAD')).toBe(money(systemPrice));

    // agent2: the same item; a change 10% off files a request, the line keeps its price.
    const a2 = track(await openCallCenter(stack.browser, stack.url, 'agent2')).page;
    const orderId = await takeOrderFor(a2, 'Cal Rivera');
    await chooseDelivery(a2, 'Standard ground');
    await addItem(a2, 'P-PAD');
    const asked = Math.round(systemPrice * 0.9);
    const filedDialog = await askPrice(a2, 'Sleeping pad', (asked / 100).toFixed(2), 'Price match');
    await filedDialog.waitFor({ state: 'hidden' });
    const notice = a2.locator('[data-price-notice]');
    expect(await textOf(notice)).toBe(`Request sent to a supervisor; the price stays ${money(systemPrice)} until it is approved.`);
    expect(await linePrice(a2, 'P-PAD')).toBe(money(systemPrice));
    await screenshot(a2, 'call-center-price-request-filed');

    // supervisor1: the request with the item and the agent by name, the old and new prices; approved.
    const s = track(await openCallCenter(stack.browser, stack.url, 'supervisor1', '/call-center/supervisor')).page;
    const request = s.getByRole('region', { name: 'Price change requests' }).getByRole('row').filter({ hasText: orderId });
    const row = await textOf(request);
    expect(row).toContain('Sleeping pad');
    expect(row).not.toContain('P-PAD');
    expect(row).not.toContain('agent2');
    expect(row).toContain(money(systemPrice));
    expect(row).toContain(money(asked));
    await screenshot(s, 'call-center-price-request');
    await request.getByRole('button', { name: 'Approve' }).click();
    await request.waitFor({ state: 'detached' });

    // agent2's open order hears it and shows the new price, without a reload.
    await notice.filter({ hasText: `A supervisor approved ${money(asked)} for Sleeping pad.` }).waitFor();
    expect(await linePrice(a2, 'P-PAD')).toBe(money(asked));

    // CC-8: a gift card holding nothing is refused before anything is sent; the payment list stays empty.
    await a2.getByRole('button', { name: 'Summary', exact: true }).click();
    const entry = a2.getByRole('form', { name: 'Add a payment' });
    await entry.getByLabel('Method').selectOption({ label: 'Gift card' });
    await entry.getByLabel('Gift card number').fill('EMPTY-0001');
    await entry.getByLabel('Gift card number').blur();
    await entry.getByText('This card holds $0.00.').waitFor();
    await entry.getByRole('button', { name: 'Add payment' }).click();
    expect(await textOf(a2.getByRole('alert').first())).toMatch(/^The gift card holds \$0\.00, less than the \$\d+\.\d\d asked of it/);
    expect(await a2.getByRole('region', { name: 'Payments' }).getByText('No payment yet.').count()).toBe(1);
    await screenshot(a2, 'call-center-gift-card-short');

    // Plain words only: no raw outcome or price source, no cents, nothing undefined.
    for (const page of [a1, a2, s]) expect(await shownText(page)).not.toMatch(/request-filed|priceChange|PCR-|undefined|NaN|Error:/);
    for (const screen of screens) expectLiveOnly(screen);
  });
});
