/**
 * End to end: the till fits the window of a store's screens (1366x900, 1366x768, 1024x768) with no page scrolling,
 * idle and with a cart of several lines: the cart scrolls inside, the operations and the payment stay in view, and
 * the ship dialog's selects fit in it. Products are found by typing and by a scanned barcode. Screenshots go to
 * .tmp/screenshots/till-<w>x<h>{,-idle}.png.
 */
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { dialogGone, e2eStack, expectLiveOnly, onTop, openShift, openTill, pageScrolls, screenshot, tillDialog } from './e2e-helpers.ts';

const SIZES = [{ width: 1366, height: 900 }, { width: 1366, height: 768 }, { width: 1024, height: 768 }] as const;

/** What the cashier must reach without scrolling the page: every shown button and field of these regions. */
const ALWAYS_IN_VIEW = ['Operations', 'Payment', 'Ready for the next customer'];

/** The shown controls of `scope` that are not wholly inside the window, or not reachable there (empty when all are). */
async function outOfView(page: Page, scope: Locator): Promise<string[]> {
  const { width, height } = page.viewportSize()!;
  const out: string[] = [];
  for (const control of await scope.locator('button, input, select').all()) {
    if (!(await control.isVisible())) continue;
    const box = (await control.boundingBox())!;
    if (box.x < 0 || box.y < 0 || box.x + box.width > width + 0.5 || box.y + box.height > height + 0.5 || !(await onTop(control))) {
      out.push(`${(await control.textContent())?.trim() || (await control.getAttribute('name')) || 'control'} at ${Math.round(box.x)},${Math.round(box.y)} ${Math.round(box.width)}x${Math.round(box.height)}`);
    }
  }
  return out;
}

async function expectFits(page: Page, label: string): Promise<void> {
  // The screen sizes itself to the window after a resize: give it a frame.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  const size = await pageScrolls(page);
  expect(size.scrollHeight, `${label}: the page scrolls`).toBeLessThanOrEqual(size.innerHeight);
  expect(size.scrollWidth, `${label}: the page scrolls sideways`).toBeLessThanOrEqual(size.innerWidth);
  for (const name of ALWAYS_IN_VIEW) {
    const region = page.getByRole('region', { name, exact: true });
    if (await region.count() === 0) continue;
    expect(await outOfView(page, region), `${label}: ${name} out of view`).toEqual([]);
  }
}

describe('e2e: the till fits the window', () => {
  const stack = e2eStack();

  it('fits 1366x900, 1366x768 and 1024x768 idle and with a cart of several lines, with the payment and the operations in view', async () => {
    const till = await openTill(stack.browser, stack.url, 'S1', 'R1', 'cashier1');
    const t = till.page;
    await t.setViewportSize(SIZES[0]);
    await openShift(t);

    for (const size of SIZES) {
      await t.setViewportSize(size);
      await expectFits(t, `idle at ${size.width}x${size.height}`);
      expect(await outOfView(t, t.getByRole('button', { name: 'Close shift' }))).toEqual([]);
      await screenshot(t, `till-${size.width}x${size.height}-idle`);
    }

    // A cart of several lines: found by typing (Enter adds the first match), tapped, and scanned.
    const products = t.getByRole('region', { name: 'Products' });
    const search = products.getByLabel('Find a product');
    const cart = t.getByRole('table', { name: 'Cart lines' });
    for (const query of ['lamp', 'sleeping bag', 'trek', 'water filter', 'rain', 'boots', 'first aid', 'compass']) {
      await search.fill(query);
      await search.press('Enter');
      await expect.poll(() => search.inputValue()).toBe('');
    }
    await products.getByRole('button', { name: /^Wool socks/ }).click();
    // A scanner types the digits fast, then Enter, with no field focused (a tap on the sale's heading leaves the search field).
    await t.getByRole('heading', { name: /^Sale / }).click();
    await t.keyboard.type('0490000000108');
    await t.keyboard.press('Enter');
    await cart.getByRole('row').filter({ hasText: 'Two-person tent' }).waitFor();
    // The same product again raises its line.
    await search.fill('P-LAMP');
    await search.press('Enter');
    await expect.poll(() => cart.getByLabel('Quantity of Camp lamp').textContent()).toBe('2');
    expect(await cart.locator('tbody tr').count()).toBe(10);

    for (const size of SIZES) {
      await t.setViewportSize(size);
      await expectFits(t, `cart at ${size.width}x${size.height}`);
      await screenshot(t, `till-${size.width}x${size.height}`);
    }

    // The ship dialog fits at the smallest size, its selects wholly inside it.
    await t.getByRole('region', { name: 'Operations' }).getByRole('button', { name: 'Ship all' }).click();
    const ship = tillDialog(t, 'Ship all');
    const dialogBox = (await t.getByRole('dialog', { name: 'Ship all' }).boundingBox())!;
    const { width, height } = t.viewportSize()!;
    expect(dialogBox.y + dialogBox.height).toBeLessThanOrEqual(height);
    for (const select of await ship.locator('select').all()) {
      const box = (await select.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(dialogBox.x);
      expect(box.x + box.width).toBeLessThanOrEqual(Math.min(dialogBox.x + dialogBox.width, width));
    }
    await screenshot(t, 'till-1024x768-ship');
    await ship.getByRole('button', { name: 'Cancel' }).click();
    await dialogGone(t, 'Ship all');
    expectLiveOnly(till);
    await till.context.close();
  }, 120_000);
});
