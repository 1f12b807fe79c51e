/**
 * The call center's page (/call-center, /call-center/supervisor) driven the way an agent works it: helpers named for
 * what the agent does (find the customer, use a source code, add an item, take the cross-sell, enter a coupon, pay,
 * submit, hold; check a hold out, clear it). Selectors are what the agent reads: labels, button words, headings.
 */
import type { Browser, Locator, Page } from 'playwright-core';
import { openScreen, PIN, signInAs, textOf, type Screen } from './e2e-helpers.ts';

type CallCenterStaff = 'agent1' | 'agent2' | 'supervisor1';

/** The call center's page signed in as an agent or the supervisor (the supervisor's address opens on the hold list). */
export async function openCallCenter(browser: Browser, url: string, operatorId: CallCenterStaff, path = '/call-center'): Promise<Screen> {
  const screen = await openScreen(browser, url, path);
  // The demo's call-center staff work from Seattle, when the form asks where.
  const store = screen.page.getByRole('combobox', { name: /^Store/ });
  await screen.page.getByLabel('Operator').waitFor();
  if (await store.count() > 0) await store.selectOption({ label: 'Seattle (S1)' });
  await signInAs(screen.page, operatorId, PIN[operatorId]);
  return screen;
}

/** A tab of the call center's page: 'Take orders', 'Holds' or 'Customer service'. */
export async function openTab(page: Page, name: 'Take orders' | 'Holds' | 'Customer service'): Promise<void> {
  // The Holds tab counts the open holds: "Holds (2)".
  const tab = page.getByRole('tab', { name: new RegExp(`^${name}( \\(\\d+\\))?$`) });
  await tab.click();
  await page.locator(`[role="tab"][aria-selected="true"]`).filter({ hasText: name }).waitFor();
}

/** CC-3: finds the customer by name and takes a new order for them; returns the order's number from the heading. */
export async function takeOrderFor(page: Page, name: string): Promise<string> {
  const find = page.getByRole('region', { name: 'Find the customer' });
  await find.getByLabel('Name', { exact: true }).fill(name);
  await find.getByRole('button', { name: 'Search', exact: true }).click();
  await page.getByRole('list', { name: 'Customers found' }).getByRole('button', { name: new RegExp(`^${name}`) }).click();
  const heading = await textOf(page.getByRole('heading', { level: 1, name: /^Order / }));
  return heading.replace(/^Order /, '');
}

/** CC-4: the source code on the order's header. */
export async function useSourceCode(page: Page, code: string): Promise<void> {
  await page.getByLabel('Source code').fill(code);
  await page.getByRole('button', { name: 'Use code' }).click();
}

/** CC-22: the header's mode of delivery, by the name the agent reads, and for a pickup the store the lines go to. */
export async function chooseDelivery(page: Page, modeName: string, store?: string): Promise<void> {
  await page.getByLabel('Mode of delivery').selectOption({ label: modeName });
  if (store !== undefined) await page.getByLabel(/^(Pickup store|Ship from)\b/).selectOption({ label: store });
}

/** The item by its number, with a quantity; waits for its line. */
export async function addItem(page: Page, item: string, options: { quantity?: number } = {}): Promise<void> {
  const items = page.getByRole('region', { name: 'Items' });
  await items.getByLabel('Quantity').fill(String(options.quantity ?? 1));
  await items.getByLabel('Item number or words').fill(item);
  await items.getByRole('button', { name: 'Add', exact: true }).click();
  await orderLine(page, item).waitFor();
}

/** An order line on the entry step, by its item number or name. */
export const orderLine = (page: Page, item: string): Locator =>
  page.getByRole('region', { name: 'Items' }).getByRole('row').filter({ hasText: item });

/** CC-13: a coupon entered; returns what the screen says about it. */
export async function enterCoupon(page: Page, code: string): Promise<string> {
  const coupons = page.getByRole('region', { name: 'Coupons' });
  await coupons.getByLabel('Coupon code').fill(code);
  await coupons.getByRole('button', { name: 'Enter', exact: true }).click();
  return textOf(coupons.getByRole('status').or(coupons.getByRole('alert')));
}

/** CC-6: the summary's amount on a row ('Subtotal', 'Discounts', 'Tax', 'Total', 'Balance', ...), as shown. */
export async function summaryAmount(page: Page, row: string): Promise<string> {
  const summary = page.getByRole('region', { name: 'Summary', exact: true });
  return textOf(summary.getByRole('row').filter({ has: page.getByRole('cell', { name: row, exact: true }) }).getByRole('cell').nth(1));
}

/** CC-8: the whole balance by card (the amount comes prefilled with the balance), not prepaid. */
export async function payBalanceByCard(page: Page, cardNumber: string): Promise<void> {
  const entry = page.getByRole('form', { name: 'Add a payment' });
  await entry.getByLabel('Method').selectOption({ label: 'Card' });
  await entry.getByLabel('Card number').fill(cardNumber);
  await entry.getByRole('button', { name: 'Add payment' }).click();
  await page.getByRole('region', { name: 'Payments' }).getByRole('row').filter({ hasText: 'Card' }).waitFor();
}

/** A hold on the hold list, by the order it holds. */
export const holdRow = (page: Page, orderId: string): Locator =>
  page.getByRole('region', { name: /hold/ }).getByRole('row').filter({ hasText: orderId });

/** CC-19: clears the hold the way chosen ('Submit when cleared', 'Clear and submit', 'Clear and modify'). */
export async function clearHold(row: Locator, how: 'Submit when cleared' | 'Clear and submit' | 'Clear and modify'): Promise<void> {
  await row.getByRole('combobox', { name: /^How to clear hold / }).selectOption({ label: how });
  await row.getByRole('button', { name: 'Clear', exact: true }).click();
}

/** Everything the page shows, through the screens' shadow roots (to check no raw state or code leaks into it). */
export async function shownText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const parts: string[] = [];
    const walk = (root: Document | ShadowRoot) => {
      for (const el of root.querySelectorAll('*')) {
        if (el.shadowRoot) walk(el.shadowRoot);
        if (el.tagName === 'SCRIPT' || el.tagName === 'STYLE') continue;
        for (const node of el.childNodes) if (node.nodeType === Node.TEXT_NODE) parts.push(node.textContent ?? '');
      }
    };
    walk(document);
    return parts.join(' ').replace(/\s+/g, ' ');
  });
}
