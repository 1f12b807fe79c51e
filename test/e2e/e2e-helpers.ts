/**
 * End-to-end harness: a real server (the screens bundled from ui/main.ts by esbuild) over a durable demo chain in a
 * temporary directory on 127.0.0.1 (random port; a test may restart it there), and Debian's chromium driven by playwright-core. Each screen gets
 * its own browser context (two pages in one context throttle the background one).
 */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { bundleScreens } from '../../engine/server/server.ts';
import { testServer, type TestServer } from '../server/server-helpers.ts';
import { afterAll, beforeAll } from 'vitest';

import { PIN } from '../server/server-helpers.ts';

export { PIN };

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** Screenshots go here (.tmp is gitignored). */
export const SCREENSHOT_DIR = resolve(ROOT, '.tmp/screenshots');

export const CHROMIUM = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox', '--headless=new', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run', '--no-default-browser-check',
];

/** How long to wait for something a screen should show (generous: the VM is small and other tests run beside). */
export const SHOWN = 15_000;

/** What a suite may choose of its chain: the day it starts on (epoch ms; the demo day's by default). */
export interface E2eChain { startAt?: number }

/** The real server with the real screens over a fresh durable demo chain (scenarios/demo-chain.json). */
export async function startE2eServer(chain: E2eChain = {}): Promise<TestServer> {
  return testServer({ screens: await bundleScreens(), ...(chain.startAt === undefined ? {} : { durable: { startAt: chain.startAt } }) });
}

/** Debian's chromium, or a clear failure when it is not installed. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`chromium not found at ${CHROMIUM}: the end-to-end tests drive Debian's chromium `
      + '(`apt-get install -y chromium`, or `bash scripts/ensure-chromium.sh`; set CHROME_PATH for another binary). '
      + 'Never `npx playwright install`.');
  }
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}

/**
 * One screen: its own context and page, with the page's uncaught errors and its number of page loads kept for the
 * assertions (a screen that follows changes live is loaded once: `loads` stays 1).
 */
export interface Screen { context: BrowserContext; page: Page; errors: string[]; readonly loads: number }

export async function openScreen(browser: Browser, url: string, path: string, viewport = { width: 1440, height: 1000 }): Promise<Screen> {
  const context = await browser.newContext({ viewport });
  context.setDefaultTimeout(SHOWN);
  const page = await context.newPage();
  const errors: string[] = [];
  let loads = 0;
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('load', () => { loads += 1; });
  await page.goto(`${url}${path}`);
  return { context, page, errors, get loads() { return loads; } };
}

/** Signs in with the form the address opened (site and register come prefilled from the address). */
export async function signInAs(page: Page, operatorId: string, pin: string): Promise<void> {
  await page.getByLabel('Operator').fill(operatorId);
  await page.getByLabel('PIN', { exact: true }).fill(pin);
  await page.getByRole('button', { name: 'Sign in' }).click();
  // The bar over every screen once signed in.
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}

/** A till's screen (`/till?store=..&register=..`), signed in as the operator. */
export async function openTill(browser: Browser, url: string, storeId: string, registerId: string, operatorId: keyof typeof PIN, viewport?: { width: number; height: number }): Promise<Screen> {
  const till = await openScreen(browser, url, `/till?store=${storeId}&register=${registerId}`, viewport);
  await signInAs(till.page, operatorId, PIN[operatorId]);
  return till;
}

/** The screen is back at its sign-in form, saying why (its session ended), without the server's words. */
export async function sessionEndedShown(page: Page): Promise<void> {
  await page.getByRole('status').filter({ hasText: 'Your session ended: sign in again' }).waitFor();
  if (await page.getByText('UNAUTHENTICATED').count() > 0) throw new Error('the screen shows the server\'s refusal');
}

/**
 * A till dialog by its heading (role="dialog", named by its heading), as a scope for its fields and buttons. The
 * till's dialogs slot their fields into a shared frame (<till-dialog>), so the fields are not DOM descendants of the
 * role="dialog" element: the scope is the dialog or, when there is one, the frame's host holding it (its shadow root
 * and the slotted fields). Matches found through both are the same elements, counted once.
 */
export function tillDialog(page: Page, heading: string): Locator {
  const dialog = page.getByRole('dialog', { name: heading, exact: true });
  return dialog.or(page.locator('till-dialog').filter({ has: dialog }));
}

/** Waits until the dialog of that heading has left (removed, or closed and hidden). */
export async function dialogGone(page: Page, heading: string): Promise<void> {
  await page.getByRole('dialog', { name: heading, exact: true }).waitFor({ state: 'hidden' });
}

/** A full-page screenshot under .tmp/screenshots/<name>.png; prints and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  console.log(`screenshot: ${path}`);
  return path;
}

/** Opens the till's shift as the signed-in operator; the till is then ready for the next customer. */
export async function openShift(till: Page, openingFloat = '0.00'): Promise<void> {
  await till.getByRole('button', { name: /^Open shift as / }).click();
  const dialog = tillDialog(till, 'Open shift');
  await dialog.getByLabel('Opening float').fill(openingFloat);
  await dialog.getByRole('button', { name: 'Open shift', exact: true }).click();
  await till.getByRole('heading', { name: 'Ready for the next customer' }).waitFor();
}

/** At an open till: the customer found by a search (name, account, email or phone) added to the sale. */
export async function addCustomerToSale(till: Page, search: string, customer: string): Promise<void> {
  await till.getByRole('button', { name: 'Add customer' }).click();
  const customerDialog = tillDialog(till, 'Customer');
  await customerDialog.getByLabel('Name, account, email or phone').fill(search);
  await customerDialog.getByRole('button', { name: 'Search', exact: true }).click();
  await customerDialog.getByRole('button', { name: `Add to sale: ${customer}` }).click();
  await dialogGone(till, 'Customer');
}

/**
 * At an open till: a customer found by a search, one camp lamp picked up at another store, the deposit tendered in
 * cash. Returns the order id, the deposit paid and the order's total, as the till shows them.
 */
export async function sellPickupOrder(till: Page, options: { search: string; customer: string; pickupStore: string; beforeTender?: () => Promise<void> }): Promise<{ orderId: string; deposit: number; total: number }> {
  const t = till;
  await addCustomerToSale(t, options.search, options.customer);
  await t.getByRole('status').filter({ hasText: `Customer ${options.customer}` }).waitFor();

  await t.getByRole('region', { name: 'Products' }).getByRole('button', { name: /^Camp lamp/ }).click();
  const cart = t.getByRole('table', { name: 'Cart lines' });
  await cart.getByRole('row').filter({ hasText: 'Camp lamp' }).waitFor();
  await t.getByRole('region', { name: 'Operations' }).getByRole('button', { name: 'Pick up all' }).click();
  const pickupDialog = tillDialog(t, 'Pick up all');
  await pickupDialog.getByLabel('Pickup store').selectOption({ label: options.pickupStore });
  await pickupDialog.getByRole('button', { name: 'Pick up all' }).click();
  await dialogGone(t, 'Pick up all');
  await cart.getByRole('row').filter({ hasText: 'Camp lamp' }).filter({ hasText: `Pick up at ${options.pickupStore}` }).waitFor();

  const payment = t.getByRole('region', { name: 'Payment' });
  await payment.getByText('Amount to pay').waitFor();
  const deposit = minor(await textOf(payment.getByTestId('remaining')));
  await options.beforeTender?.();
  await payment.getByRole('button', { name: 'Cash', exact: true }).click();
  const created = await textOf(t.getByRole('status').filter({ hasText: /Customer order \S+ created/ }));
  const orderId = /Customer order (\S+) created/.exec(created)![1]!;
  // The store's orders list (live) has it: the customer, where it is picked up, its total.
  const rowText = await textOf(storeOrder(t, orderId).filter({ hasText: `${options.customer} - Pick up at ${options.pickupStore}` }));
  const total = minor(rowText.slice(rowText.lastIndexOf('$')));
  return { orderId, deposit, total };
}

/** An order in the till's live list of the store's recent orders. */
export function storeOrder(till: Page, orderId: string): Locator {
  return till.getByRole('list', { name: 'Recent customer orders of the store' }).getByRole('listitem').filter({ hasText: orderId });
}

/** "$1,234.56" -> 123456 (minor units). */
export function minor(text: string): number {
  const match = /\$([\d,]+)\.(\d\d)/.exec(text);
  if (match === null) throw new Error(`not an amount: "${text}"`);
  return Number(match[1]!.replaceAll(',', '')) * 100 + Number(match[2]);
}

/** The text of a locator once it is shown. */
export async function textOf(locator: Locator): Promise<string> {
  await locator.waitFor();
  return (await locator.textContent() ?? '').replace(/\s+/g, ' ').trim();
}

/** The screen followed everything live: loaded once, no uncaught error in the page. */
export function expectLiveOnly(screen: Screen): void {
  const where = screen.page.url();
  if (screen.errors.length > 0) throw new Error(`uncaught errors in ${where}:\n${screen.errors.join('\n')}`);
  if (screen.loads !== 1) throw new Error(`${where} was loaded ${screen.loads} times: it should have followed the changes live, without a reload`);
}

/** Closes what was opened, even when some of it failed to open. */
export async function closeAll(...closers: (() => Promise<unknown>)[]): Promise<void> {
  const results = await Promise.allSettled(closers.map((close) => close()));
  const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed.length > 0) console.error('closing failed:', ...failed.map((r) => r.reason));
}

/**
 * A real server and chromium for the suite it is called in (inside a describe): started before its tests, closed
 * after them even when something failed to start.
 */
export function e2eStack(chain: E2eChain = {}): { readonly url: string; readonly browser: Browser; readonly server: TestServer } {
  let server: TestServer | null = null;
  let browser: Browser | null = null;
  beforeAll(async () => {
    browser = await launchChromium();
    server = await startE2eServer(chain);
  }, 60_000);
  afterAll(async () => {
    await closeAll(async () => browser?.close(), async () => server?.close());
  }, 30_000);
  return {
    get url() { return server!.url; },
    get browser() { return browser!; },
    get server() { return server!; },
  };
}


/** How far the page itself scrolls: a screen that fits its window has scroll sizes within the window's. */
export async function pageScrolls(page: Page): Promise<{ scrollHeight: number; innerHeight: number; scrollWidth: number; innerWidth: number }> {
  return page.evaluate(() => ({
    scrollHeight: document.scrollingElement!.scrollHeight, innerHeight: window.innerHeight,
    scrollWidth: document.scrollingElement!.scrollWidth, innerWidth: window.innerWidth,
  }));
}

/** Whether the control is what a tap at its centre reaches (not clipped by a scrolling area, not under another part). */
export async function onTop(control: Locator): Promise<boolean> {
  return control.evaluate((el) => {
    const box = el.getBoundingClientRect();
    const x = box.left + box.width / 2;
    const y = box.top + box.height / 2;
    let hit = document.elementFromPoint(x, y);
    while (hit?.shadowRoot) {
      const inner = hit.shadowRoot.elementFromPoint(x, y);
      if (inner === null || inner === hit) break;
      hit = inner;
    }
    return hit !== null && (hit === el || el.contains(hit) || el.shadowRoot?.contains(hit) === true);
  });
}

/** The innermost elements (through shadow roots) that reach past the window's right or bottom edge, to say what overflows. */
async function pastTheEdge(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const walk = (root: Document | ShadowRoot) => {
      for (const el of root.querySelectorAll('*')) {
        const box = el.getBoundingClientRect();
        const past = box.width > 0 && (box.right > window.innerWidth + 0.5 || box.bottom > window.innerHeight + 0.5);
        if (past && el.children.length === 0 && el.shadowRoot === null) out.push(`<${el.tagName.toLowerCase()}> "${(el.textContent ?? '').trim().slice(0, 40)}" ${Math.round(box.right)}x${Math.round(box.bottom)}`);
        if (el.shadowRoot) walk(el.shadowRoot);
      }
    };
    walk(document);
    return out.slice(0, 5);
  });
}

/**
 * Why the control cannot be reached without scrolling the page (null when it can): the page scrolls, or the control,
 * once brought into view inside the part that scrolls (a cart, a dialog), is not wholly in the window or not on top.
 */
export async function unreachable(control: Locator): Promise<string | null> {
  // A live update may re-render the control between finding it and scrolling to it: find it again then.
  for (let attempt = 1; ; attempt += 1) {
    try {
      await control.scrollIntoViewIfNeeded();
      break;
    } catch (error) {
      if (attempt === 3 || !/not attached/.test((error as Error).message)) throw error;
    }
  }
  const page = control.page();
  const size = await pageScrolls(page);
  if (size.scrollHeight > size.innerHeight || size.scrollWidth > size.innerWidth) {
    return `the page scrolls (${size.scrollWidth}x${size.scrollHeight} in a ${size.innerWidth}x${size.innerHeight} window; past its edge: ${(await pastTheEdge(page)).join(', ')})`;
  }
  const box = await control.boundingBox();
  const { width, height } = page.viewportSize()!;
  if (box === null) return 'not shown';
  if (box.x < 0 || box.y < 0 || box.x + box.width > width + 0.5 || box.y + box.height > height + 0.5) {
    return `outside the window at ${Math.round(box.x)},${Math.round(box.y)} ${Math.round(box.width)}x${Math.round(box.height)}`;
  }
  return await onTop(control) ? null : `under another part at ${Math.round(box.x)},${Math.round(box.y)}`;
}
