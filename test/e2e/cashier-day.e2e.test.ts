/**
 * End to end, a cashier's whole day at Seattle's till R1, at the two window sizes of the chain's store screens
 * (1024x768 and 1366x768). Every control the day uses is reached without scrolling the page (inside a scrolling cart
 * or dialog is fine) and is what a tap at its centre hits. The day: the shift opens with a float; a sale found by
 * search and by a scanned barcode; a new customer created, then edited; a hybrid order for them (a carry-out lamp,
 * two tents picked up by another person) with a manual gift-wrap charge a manager approves; one tent collected on the
 * fulfilment screen (FF-6); a return of the lamp against the first of the order's two invoices (CO-16); a quote
 * approved into an order (CO-9); the X report; and the close, whose Z report balances against the cash the screens
 * took. Screenshots: .tmp/screenshots/cashier-day-<w>x<h>-<step>.png.
 */
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  dialogGone, e2eStack, expectLiveOnly, minor, openScreen, openTill, PIN, type Screen, screenshot, signInAs, storeOrder, textOf,
  tillDialog, unreachable,
} from './e2e-helpers.ts';

const SIZES = [{ width: 1024, height: 768 }, { width: 1366, height: 768 }] as const;

/** Taps the control once it is shown, after checking a cashier reaches it without scrolling the page. */
async function tap(control: Locator): Promise<void> {
  await control.waitFor();
  expect(await unreachable(control), `${control} is not reachable`).toBeNull();
  await control.click();
}

/** Fills the field once it is shown, after checking it is reachable the same way. */
async function fillIn(field: Locator, value: string): Promise<void> {
  await field.waitFor();
  expect(await unreachable(field), `${field} is not reachable`).toBeNull();
  await field.fill(value);
}

/** The cash tender of the till's payment panel: taps Cash and returns what it took (the amount shown due). */
async function payCash(page: Page, region = 'Payment'): Promise<number> {
  const payment = page.getByRole('region', { name: region });
  await payment.getByText('Amount to pay').waitFor();
  const due = minor(await textOf(payment.getByTestId('remaining')));
  await tap(payment.getByRole('button', { name: 'Cash', exact: true }));
  return due;
}

/** A manager's approval in the till's approval dialog. */
async function approveAsManager(page: Page, what: string | RegExp): Promise<void> {
  const approval = tillDialog(page, 'Manager approval');
  await approval.getByText(what).first().waitFor();
  await fillIn(approval.getByLabel('Approver operator id'), 'manager1');
  await fillIn(approval.getByLabel('Approver PIN'), PIN.manager1);
  await tap(approval.getByRole('button', { name: 'Approve' }));
  await dialogGone(page, 'Manager approval');
}

for (const size of SIZES) {
  const label = `${size.width}x${size.height}`;
  describe(`e2e: a cashier's whole day at ${label}`, () => {
    const stack = e2eStack();

    it(`runs a day from the float to a balanced Z report with every control in reach at ${label}`, async () => {
      const screens: Screen[] = [];
      const till = await openTill(stack.browser, stack.url, 'S1', 'R1', 'cashier1', size);
      screens.push(till);
      const t = till.page;
      const shot = (page: Page, step: string) => screenshot(page, `cashier-day-${label}-${step}`);
      /** Cash the drawer took (positive) and gave back (negative), as the screens showed it. */
      let cashTaken = 0;

      // Open the shift with a $100.00 float.
      await tap(t.getByRole('button', { name: /^Open shift as / }));
      const openShift = tillDialog(t, 'Open shift');
      await fillIn(openShift.getByLabel('Opening float'), '100.00');
      await tap(openShift.getByRole('button', { name: 'Open shift', exact: true }));
      await t.getByRole('heading', { name: 'Ready for the next customer' }).waitFor();

      // A walk-in sale: a sleeping bag found by typing, wool socks scanned (digits then Enter, no field focused).
      const products = t.getByRole('region', { name: 'Products' });
      const search = products.getByLabel('Find a product');
      const cart = t.getByRole('table', { name: 'Cart lines' });
      await fillIn(search, 'sleeping bag');
      await search.press('Enter');
      await cart.getByRole('row').filter({ hasText: 'Sleeping bag' }).waitFor();
      await tap(t.getByRole('heading', { name: /^Sale / }));
      await t.keyboard.type('0490000000122');
      await t.keyboard.press('Enter');
      await cart.getByRole('row').filter({ hasText: 'Wool socks' }).waitFor();
      cashTaken += await payCash(t);
      await t.getByRole('heading', { name: 'Ready for the next customer' }).waitFor();

      // A new customer, created at the till and added to the sale, then edited (CU-1).
      await tap(t.getByRole('button', { name: 'Add customer' }));
      const customer = tillDialog(t, 'Customer');
      await tap(customer.getByRole('button', { name: 'New customer', exact: true }));
      await fillIn(customer.getByLabel('Name', { exact: true }), 'Dana Fox');
      await fillIn(customer.getByLabel('Email', { exact: true }), 'dana@example.com');
      await fillIn(customer.getByLabel('Phone', { exact: true }), '+1 206 555 0142');
      await tap(customer.getByRole('button', { name: 'Add address' }));
      await fillIn(customer.getByLabel('Street'), '12 Pike St');
      await fillIn(customer.getByLabel('City'), 'Seattle');
      await fillIn(customer.getByLabel('State'), 'WA');
      await fillIn(customer.getByLabel('ZIP'), '98101');
      await shot(t, 'new-customer');
      await tap(customer.getByRole('button', { name: 'Create and add to sale' }));
      await dialogGone(t, 'Customer');
      await t.getByRole('status').filter({ hasText: 'Customer Dana Fox' }).waitFor();
      await tap(t.getByRole('button', { name: 'Edit customer' }));
      const editing = tillDialog(t, 'Customer Dana Fox');
      await fillIn(editing.getByLabel('Phone', { exact: true }), '+1 206 555 0199');
      await tap(editing.getByRole('button', { name: 'Save customer' }));
      await editing.getByRole('status').filter({ hasText: 'Dana Fox saved.' }).waitFor();
      await tap(editing.getByRole('button', { name: 'Close', exact: true }).first());
      await dialogGone(t, 'Customer Dana Fox');

      // A hybrid order: two tents (scanned twice: one line of 2, CO-2) picked up at Seattle by Sam Lee (CO-15), and a
      // lamp carried out.
      await tap(t.getByRole('heading', { name: /^Sale / }));
      for (let i = 0; i < 2; i += 1) {
        await t.keyboard.type('0490000000108');
        await t.keyboard.press('Enter');
        await expect.poll(() => cart.getByLabel('Quantity of Two-person tent').textContent()).toBe(String(i + 1));
      }
      // The line last added is the highlighted one "selected" operations use.
      await cart.getByRole('button', { name: 'Two-person tent (selected)', pressed: true }).waitFor();
      await tap(t.getByRole('region', { name: 'Operations' }).getByRole('button', { name: 'Pick up selected' }));
      const pickup = tillDialog(t, 'Pick up selected');
      await pickup.getByLabel('Pickup store').selectOption({ label: 'Seattle' });
      await tap(pickup.getByLabel('Someone else collects'));
      await fillIn(pickup.getByLabel('Name of the person who collects'), 'Sam Lee');
      await fillIn(pickup.getByLabel('Their phone (optional)'), '+1 206 555 0100');
      await tap(pickup.getByRole('button', { name: 'Pick up selected' }));
      await dialogGone(t, 'Pick up selected');
      await cart.getByRole('row').filter({ hasText: 'Two-person tent' }).filter({ hasText: 'collected by Sam Lee' }).waitFor();
      await fillIn(search, 'lamp');
      await search.press('Enter');
      await cart.getByRole('row').filter({ hasText: 'Camp lamp' }).waitFor();

      // A gift-wrap charge on the whole order, entered by hand: a cashier needs a manager's approval (CH-4).
      await tap(t.getByRole('region', { name: 'Operations' }).getByRole('button', { name: 'Charges' }));
      const charges = tillDialog(t, 'Charges');
      await charges.locator('select[name="appliesTo"]').selectOption({ label: 'Whole order' });
      await charges.locator('select[name="chargeCode"]').selectOption('GIFTWRAP');
      await fillIn(charges.getByLabel('Amount'), '5.00');
      await tap(charges.getByRole('button', { name: 'Add charge' }));
      await approveAsManager(t, /GIFTWRAP|Gift wrap/);
      await dialogGone(t, 'Charges');
      await shot(t, 'hybrid-order');
      // The lamp is paid in full with the deposit on the tents.
      cashTaken += await payCash(t);
      const created = await textOf(t.getByRole('status').filter({ hasText: /Customer order \S+ created/ }));
      const orderId = /Customer order (\S+) created/.exec(created)![1]!;
      await storeOrder(t, orderId).filter({ hasText: 'Dana Fox' }).waitFor();

      // Sam Lee collects one tent of two on Seattle's fulfilment screen through R2 (FF-6): a second invoice.
      const fulfilment = await openScreen(stack.browser, stack.url, '/fulfillment?store=S1&register=R2', size);
      screens.push(fulfilment);
      const f = fulfilment.page;
      await signInAs(f, 'manager1', PIN.manager1);
      const order = f.getByRole('region', { name: orderId, exact: true });
      await tap(order.getByRole('button', { name: 'Pick up at R2' }));
      const checkout = f.getByRole('dialog', { name: `Pick up ${orderId}` });
      await checkout.getByText('Collected by Sam Lee (+1 206 555 0100) for Dana Fox').waitFor();
      await fillIn(checkout.getByRole('spinbutton', { name: /Two-person tent/ }), '1');
      await tap(checkout.getByRole('button', { name: 'Recall at register R2' }));
      await tap(checkout.getByRole('button', { name: /^Open shift as .* and recall$/ }));
      await checkout.getByText('Amount due').waitFor();
      await tap(checkout.getByRole('button', { name: /^Cash \$/ }));
      await checkout.getByRole('status').filter({ hasText: /Handed over to Dana Fox/ }).waitFor();
      await shot(f, 'partial-pickup');
      await tap(checkout.getByRole('button', { name: 'Done' }));
      await storeOrder(t, orderId).getByRole('status', { name: 'Order status: Partially invoiced' }).waitFor();

      // The lamp comes back: a return against the order, on the invoice that has it (CO-16), refunded in cash.
      await tap(t.getByRole('button', { name: 'Return', exact: true }));
      const lookup = tillDialog(t, 'Return');
      await tap(lookup.getByRole('radio', { name: 'Order number' }));
      await fillIn(lookup.getByRole('textbox', { name: 'Order number' }), orderId);
      await tap(lookup.getByRole('button', { name: 'Find original' }));
      const returnLines = t.locator('return-lines');
      const invoices = returnLines.getByRole('radio');
      await invoices.first().waitFor();
      expect(await invoices.count(), 'the order has two invoices to choose from').toBe(2);
      await tap(returnLines.getByRole('radio', { name: /Camp lamp/ }));
      await fillIn(returnLines.getByLabel('Units of Camp lamp to return'), '1');
      await returnLines.getByLabel('Reason for returning Camp lamp').selectOption('CHANGED_MIND');
      await tap(returnLines.getByRole('button', { name: 'Apply return lines' }));
      const refund = t.getByRole('region', { name: 'Refund' });
      await refund.getByText('Refund to the customer').waitFor();
      const refunded = minor(await textOf(refund.getByTestId('remaining')));
      await shot(t, 'return');
      await tap(refund.getByRole('button', { name: 'Refund cash' }));
      await t.getByRole('status').filter({ hasText: /Return posted: RMA \S+/ }).waitFor();
      cashTaken -= refunded;

      // A quote for Anna Berg's camp stove, approved into an order with a manager's approval (CO-9).
      await tap(t.getByRole('button', { name: 'Add customer' }));
      const find = tillDialog(t, 'Customer');
      await fillIn(find.getByLabel('Name, account, email or phone'), 'Anna');
      await tap(find.getByRole('button', { name: 'Search', exact: true }));
      await tap(find.getByRole('button', { name: 'Add to sale: Anna Berg' }));
      await dialogGone(t, 'Customer');
      await tap(products.getByRole('button', { name: /^Camp stove/ }));
      await cart.getByRole('row').filter({ hasText: 'Camp stove' }).waitFor();
      const operations = t.getByRole('region', { name: 'Operations' });
      await tap(operations.getByRole('button', { name: 'Pick up all' }));
      const pickupAll = tillDialog(t, 'Pick up all');
      await pickupAll.getByLabel('Pickup store').selectOption({ label: 'Seattle' });
      await tap(pickupAll.getByRole('button', { name: 'Pick up all' }));
      await dialogGone(t, 'Pick up all');
      await tap(operations.getByRole('button', { name: 'Quote' }));
      await operations.getByRole('button', { name: 'Quote', pressed: true }).waitFor();
      await t.getByRole('region', { name: 'Payment' }).getByTestId('remaining').filter({ hasText: '$0.00' }).waitFor();
      await tap(t.getByRole('region', { name: 'Payment' }).getByRole('button', { name: 'Cash', exact: true }));
      const quoted = await textOf(t.getByRole('status').filter({ hasText: /Quote \S+ created/ }));
      const quoteId = /Quote (\S+) created/.exec(quoted)![1]!;
      await tap(t.getByRole('button', { name: 'Recall order' }));
      const recall = tillDialog(t, 'Find an order');
      await fillIn(recall.getByLabel('Scan or type an order number, confirmation number or receipt'), quoteId);
      await tap(recall.getByRole('button', { name: 'Search', exact: true }));
      await tap(recall.getByRole('button', { name: `Edit ${quoteId}` }));
      await dialogGone(t, 'Find an order');
      await tap(operations.getByRole('button', { name: 'Approve quote' }));
      await approveAsManager(t, `Approve quote ${quoteId} into an order`);
      cashTaken += await payCash(t, 'Finish the edit');
      await t.getByRole('status').filter({ hasText: `Order ${quoteId} saved` }).waitFor();
      await storeOrder(t, quoteId).filter({ hasText: 'Open' }).waitFor();

      // The X report: the drawer should hold the float and the cash taken.
      await tap(t.getByRole('button', { name: 'X report' }));
      const x = tillDialog(t, 'X report: shift so far');
      expect(minor(await textOf(x.getByTestId('net-takings')))).toBe(cashTaken);
      expect(await textOf(x.locator('tr[data-method="cash"]'))).toContain(`$${((10_000 + cashTaken) / 100).toFixed(2)}`);
      await shot(t, 'x-report');
      await tap(x.getByRole('button', { name: 'Done' }));
      await dialogGone(t, 'X report: shift so far');

      // Close: the counted drawer balances.
      await tap(t.getByRole('button', { name: 'Close shift' }));
      const count = tillDialog(t, 'Close shift: count the drawer');
      await fillIn(count.getByLabel('Cash counted'), ((10_000 + cashTaken) / 100).toFixed(2));
      await fillIn(count.getByLabel('Card counted', { exact: true }), '0');
      await tap(count.getByRole('button', { name: 'Count and close' }));
      const z = tillDialog(t, 'Z report: shift closed');
      expect(await textOf(z.getByTestId('over-short'))).toBe('balanced');
      expect(minor(await textOf(z.getByTestId('net-takings')))).toBe(cashTaken);
      await shot(t, 'z-report');
      await tap(z.getByRole('button', { name: 'Done' }));
      await t.getByRole('button', { name: /^Open shift as / }).waitFor();

      for (const screen of screens) expectLiveOnly(screen);
      await Promise.all(screens.map((s) => s.context.close()));
    }, 240_000);
  });
}
