/**
 * End to end, the way in: `/` lists every screen of the chain by site; a newcomer follows "Till R3" under Portland
 * and signs in with only an operator and PIN (the address names the place); `/pickup` without a store offers a
 * picker; an unknown address answers a page in plain words that leads back to `/`.
 */
import { describe, expect, it } from 'vitest';
import { e2eStack, openScreen, PIN, screenshot, signInAs } from './e2e-helpers.ts';

describe('e2e: the way in', () => {
  const stack = e2eStack();

  it('from the list of screens to a signed-in till, a pickup board chosen with the picker, and back from a wrong address', async () => {
    const landing = await openScreen(stack.browser, stack.url, '/');
    const page = landing.page;
    try {
      const portland = page.getByRole('region', { name: 'Portland' });
      await portland.getByRole('link', { name: 'Till R3' }).waitFor();
      expect(await page.getByRole('region').count()).toBe(5); // three stores, the warehouse, headquarters
      expect(await page.getByRole('link').count()).toBe(13); // headquarters' analyst view and back office among them
      await screenshot(page, 'way-in-landing');
      await portland.getByRole('link', { name: 'Till R3' }).click();
      await page.waitForURL(/\/till\?store=S2&register=R3$/);
      await page.getByText('Portland, register R3').waitFor();
      await signInAs(page, 'cashier2', PIN.cashier2);
      expect(await page.locator('header').first().textContent()).toContain('Portland / R3');

      // A pickup board whose address names no store: the picker.
      const board = await openScreen(stack.browser, stack.url, '/pickup');
      await board.page.locator('select[name="siteId"]').selectOption('S1');
      await signInAs(board.page, 'lead1', PIN.lead1);
      expect(await board.page.locator('header').first().textContent()).toContain('Seattle');
      await board.context.close();

      // A wrong address: plain words and the way back.
      const response = await page.goto(`${stack.url}/tills`);
      expect(response?.status()).toBe(404);
      await page.getByRole('heading', { name: 'Page not found' }).waitFor();
      await page.getByRole('link', { name: 'See every screen of the chain' }).click();
      await page.getByRole('link', { name: 'Till R1' }).waitFor();
      expect(landing.errors).toEqual([]);
    } finally {
      await landing.context.close();
    }
  }, 90_000);
});
