/**
 * End to end, in Debian's chromium against the real server: agent1 puts Cal Rivera's paid order on hold at the summary
 * (CC-17); the hold list shows it to agent2 too. agent1 checks it out (CC-18); agent2's list follows live and refuses
 * the clear it offered, in plain words that name who has it. supervisor1 on the supervisor's page overrides the
 * check-out and clears the hold with "Clear and submit" (CC-19): the order is submitted and released, and customer
 * service shows it no longer held, with the hold and its clearing in its log.
 */
import { describe, expect, it } from 'vitest';
import { e2eStack, expectLiveOnly, type Screen, screenshot, textOf } from './e2e-helpers.ts';
import {
  addItem, chooseDelivery, clearHold, holdRow, openCallCenter, openTab, payBalanceByCard, shownText, takeOrderFor,
} from './call-center-e2e-helpers.ts';

describe('e2e: a held order cleared by the supervisor', () => {
  const stack = e2eStack();

  it('CC-16 CC-17 CC-18 CC-19 a hold agent1 checked out: agent2 is refused, supervisor1 overrides and clears it, the order is released', async () => {
    const screens: Screen[] = [];
    const track = (screen: Screen) => { screens.push(screen); return screen; };

    // agent1 takes Cal's order (a sleeping pad, standard ground), pays it by card and holds it for review.
    const a1 = track(await openCallCenter(stack.browser, stack.url, 'agent1')).page;
    const orderId = await takeOrderFor(a1, 'Cal Rivera');
    await chooseDelivery(a1, 'Standard ground');
    await addItem(a1, 'P-PAD');
    await a1.getByRole('button', { name: 'Summary', exact: true }).click();
    await payBalanceByCard(a1, 'tok-cal-5500');
    // CC-16: the channel's Default hold code comes chosen.
    expect(await a1.getByLabel('Hold code').locator('option:checked').textContent()).toBe('Order review');
    await a1.getByLabel('Hold notes').fill('Confirm the delivery address with Cal');
    await a1.getByRole('button', { name: 'Hold', exact: true }).click();
    // CC-17: on hold, not released to picking; the agent may go on to the next call.
    await a1.locator('p[data-hold]').filter({ hasText: 'On hold: Confirm the delivery address with Cal' }).waitFor();
    expect(await textOf(a1.locator('[data-status]'))).toBe('On hold');
    await screenshot(a1, 'call-center-hold-placed');
    await a1.getByRole('button', { name: 'Next call' }).click();
    await a1.getByRole('heading', { name: 'Call center: find the customer' }).waitFor();

    // agent2 opens the hold list: the hold is there, no one has it, so agent2 is offered to check it out or clear it.
    const a2 = track(await openCallCenter(stack.browser, stack.url, 'agent2')).page;
    await openTab(a2, 'Holds');
    const seenByAgent2 = holdRow(a2, orderId);
    expect(await textOf(seenByAgent2)).toContain('Cal Rivera');
    expect(await textOf(seenByAgent2)).toContain('Order review');
    expect(await textOf(seenByAgent2.locator('td[data-checked-out]'))).toBe('No');

    // CC-18: agent1 checks it out from the hold list.
    await openTab(a1, 'Holds');
    const seenByAgent1 = holdRow(a1, orderId);
    await seenByAgent1.getByRole('button', { name: 'Check out' }).click();
    await seenByAgent1.locator('td[data-checked-out]').filter({ hasText: /^You, / }).waitFor();
    await screenshot(a1, 'call-center-hold-checked-out');

    // agent2's list follows it live: the Clear it offered is now refused in place, in words that name agent1.
    await seenByAgent2.locator('td[data-checked-out]').filter({ hasText: /^agent1, / }).waitFor();
    const clearForAgent2 = seenByAgent2.getByRole('button', { name: 'Clear', exact: true });
    expect(await clearForAgent2.isDisabled()).toBe(true);
    expect(await clearForAgent2.getAttribute('aria-describedby')).not.toBeNull();
    expect(await textOf(seenByAgent2.locator(`#${await clearForAgent2.getAttribute('aria-describedby')}`)))
      .toBe('agent1 has it checked out: only agent1 can clear it, or a supervisor can take it over.');
    expect(await seenByAgent2.getByRole('button', { name: 'Check out' }).count()).toBe(0);
    await screenshot(a2, 'call-center-hold-refused');

    // CC-18 / CC-19: supervisor1 takes it over and clears it, submitting the order.
    const sup = track(await openCallCenter(stack.browser, stack.url, 'supervisor1', '/call-center/supervisor')).page;
    const seenBySupervisor = holdRow(sup, orderId);
    expect(await textOf(seenBySupervisor.locator('td[data-checked-out]'))).toMatch(/^agent1, /);
    await seenBySupervisor.getByRole('button', { name: 'Override check-out' }).click();
    await seenBySupervisor.locator('td[data-checked-out]').filter({ hasText: /^You, / }).waitFor();
    await screenshot(sup, 'call-center-hold-override');
    await clearHold(seenBySupervisor, 'Clear and submit');
    await sup.getByRole('heading', { name: 'No order is on hold' }).waitFor();

    // Released: customer service shows Cal's order submitted and approved, no longer held, with what happened.
    await openTab(sup, 'Customer service');
    await sup.getByLabel('Name, phone, email or account').fill('Cal Rivera');
    await sup.getByRole('button', { name: 'Find', exact: true }).click();
    await sup.getByRole('list', { name: 'Customers found' }).getByRole('button', { name: /^Cal Rivera/ }).click();
    const row = sup.locator(`tr[data-order="${orderId}"]`);
    const rowText = await textOf(row);
    expect(rowText).toContain('Submitted');
    expect(rowText).toContain('Approved');
    expect(rowText).toMatch(/\$\d+\.\d\d/);
    expect(await row.getAttribute('class')).not.toContain('held');
    const log = sup.locator(`details[data-log="${orderId}"]`);
    await log.getByText(/^What happened/).click();
    const logText = await textOf(log);
    expect(logText).toMatch(/Put on hold by agent1/);
    expect(logText).toMatch(/Hold cleared by supervisor1/);
    expect(logText).toMatch(/Submitted by supervisor1/);
    await screenshot(sup, 'call-center-hold-released');

    for (const screen of screens) {
      expect(await shownText(screen.page)).not.toMatch(/\b(entering|awaitingPayment|doNotProcess|checkedOut|undefined|NaN)\b/);
      expectLiveOnly(screen);
    }
    await Promise.all(screens.map((s) => s.context.close()));
  }, 60_000);
});
