/**
 * End to end: the server restarts under open screens (issue 9 #10). A till whose session the server kept goes on
 * without signing in again; a till whose session is gone (lost in the restart, or signed out elsewhere) shows its
 * sign-in form with a plain message, not the server's refusal, and works again once signed in.
 */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { accepted, call, signIn } from '../server/server-helpers.ts';
import { e2eStack, expectLiveOnly, openShift, openTill, PIN, sessionEndedShown, signInAs, storeOrder } from './e2e-helpers.ts';

const live = /^\s*Live\s*$/;

describe('e2e: screens across a server restart, and a sign-out elsewhere', () => {
  const stack = e2eStack();

  it('issue 9 #10 after a restart the till goes on without signing in again', async () => {
    const till = await openTill(stack.browser, stack.url, 'S1', 'R1', 'cashier1');
    const t = till.page;
    await openShift(t);

    await stack.server.restart();
    await t.getByRole('status').filter({ hasText: live }).waitFor();
    // Its commands are taken...
    await t.getByRole('region', { name: 'Products' }).getByRole('button', { name: /^Camp lamp/ }).click();
    await t.getByRole('table', { name: 'Cart lines' }).getByRole('row').filter({ hasText: 'Camp lamp' }).waitFor();
    // ...and its live feed follows the store again: an order sold at the other till appears.
    const r2 = await signIn(stack.url, 'lead1', 'S1', 'R2');
    await accepted(stack.url, r2,
      { type: 'register.openShift', registerId: 'R2', operatorId: 'lead1' },
      { type: 'register.setCustomer', registerId: 'R2', customerId: 'C-ANNA' },
      { type: 'register.addItem', registerId: 'R2', productId: 'P-LAMP', quantity: 1 },
      { type: 'register.pickupAll', registerId: 'R2' },
      { type: 'register.tender', registerId: 'R2', method: 'cash', amount: 275 });
    await storeOrder(t, 'CO-000001').waitFor();
    expect(await t.getByLabel('PIN', { exact: true }).count()).toBe(0);
    expectLiveOnly(till);
    await till.context.close();
  }, 90_000);

  it('issue 9 #10 a till whose session is gone after a restart shows its sign-in form with a plain message', async () => {
    const till = await openTill(stack.browser, stack.url, 'S2', 'R3', 'cashier2');
    const t = till.page;
    await openShift(t);

    await stack.server.restart(() => rm(join(stack.server.dir, 'sessions.json')));
    await sessionEndedShown(t);
    // Signed in again, the till is where it was: its shift is still open.
    await signInAs(t, 'cashier2', PIN.cashier2);
    await t.getByRole('heading', { name: 'Ready for the next customer' }).waitFor();
    expectLiveOnly(till);
    await till.context.close();
  }, 90_000);

  it('issue 9 #10 a till whose session was signed out elsewhere shows its sign-in form with the plain message', async () => {
    const till = await openTill(stack.browser, stack.url, 'S3', 'R4', 'cashier3');
    const t = till.page;
    await t.getByRole('button', { name: /^Open shift as / }).waitFor();
    const token = await t.evaluate(() => sessionStorage.getItem('storefront.session'));
    expect((await call(stack.url, 'DELETE', '/api/session', { token: token! })).status).toBe(204);
    await sessionEndedShown(t);
    expectLiveOnly(till);
    await till.context.close();
  }, 90_000);
});
