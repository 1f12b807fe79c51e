/**
 * End to end, the analyst's history: after a few commands at a till (one refused), the analyst steps back through the
 * journal, jumps to the refusal and sees what was refused, sees the chain's figures as they were with no control
 * that acts, moves with the keyboard, and goes back to live.
 */
import { describe, expect, it } from 'vitest';
import { e2eStack, openScreen, PIN, screenshot, signInAs } from './e2e-helpers.ts';

describe('e2e: the analyst\'s history', () => {
  const stack = e2eStack();

  it('steps back through the journal, finds the refusal, shows the past read-only and goes back to live', async () => {
    const { durable } = stack.server;
    for (const command of [
      { type: 'register.openShift', registerId: 'R1', operatorId: 'cashier1' },
      { type: 'register.addItem', registerId: 'R1', productId: 'P-SOCKS', quantity: 3 },
      { type: 'register.addItem', registerId: 'R1', productId: 'P-NONE', quantity: 1 },
      { type: 'register.tender', registerId: 'R1', method: 'cash', amount: 5000 },
      { type: 'clock.advance', ms: 30 * 60_000 },
    ]) await durable.execute(command);
    const live = durable.chain.seq;
    const screen = await openScreen(stack.browser, stack.url, '/analyst?store=S1');
    const page = screen.page;
    try {
      await signInAs(page, 'analyst1', PIN.analyst1);
      const history = page.getByRole('region', { name: 'History' });
      await history.getByText(`after any of its ${live} commands`).waitFor();
      await history.getByRole('button', { name: 'Previous refusal' }).click();
      await history.getByText('Refused right after this command:').waitFor();
      expect(await history.locator('[data-refusals]').textContent()).toContain('Till: add item');
      const banner = page.locator('[data-past-banner]');
      expect(await banner.textContent()).toMatch(/^As of command 2 of \d+, at Mon, 23 Nov 2026, 09:00:00: the chain as it was then, read-only\.$/);
      // Nothing can be sent from the past.
      expect(await page.getByRole('button', { name: 'P-job' }).count()).toBe(0);
      expect(await page.getByRole('button', { name: '+1 h' }).count()).toBe(0);
      expect(await page.getByRole('group', { name: 'Link of S1' }).count()).toBe(0);
      await screenshot(page, 'analyst-history-refusal');

      // The keyboard moves the slider: one command forward.
      const slider = history.getByRole('slider', { name: 'Command' });
      await slider.focus();
      await page.keyboard.press('ArrowRight');
      await history.getByText(/Command 3: Till: tender/).waitFor();
      await history.getByRole('button', { name: 'Step forward' }).click();
      await history.getByText(/^Command 4: /).waitFor();
      expect(await banner.textContent()).toMatch(/^As of command 4 of /);

      await history.getByRole('button', { name: 'Back to live' }).click();
      await page.getByRole('button', { name: 'P-job' }).waitFor();
      expect(await banner.count()).toBe(0);
      expect(screen.errors).toEqual([]);
    } finally {
      await screen.context.close();
    }
  }, 90_000);
});
