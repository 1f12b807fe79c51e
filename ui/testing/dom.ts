/**
 * DOM helpers for the component tests: elements by a path of shadow roots ($, $$, has) or anywhere below (deep,
 * deepAll, button, alerts), text as a reader sees it, typing, and waiting for async renders.
 */
import { expect } from '@open-wc/testing';

// web-test-runner runs the tests with Mocha's BDD globals. The project has no @types/mocha (tsconfig "types" is
// ["node"]), so they are typed here; local bindings also cannot clash if @types/mocha is added later.
export const { describe, it, beforeEach, afterEach } = globalThis as unknown as {
  describe: (title: string, fn: () => void) => void;
  it: (title: string, fn: () => void | Promise<void>) => void;
  beforeEach: (fn: () => void | Promise<void>) => void;
  afterEach: (fn: () => void | Promise<void>) => void;
};

/** The first element matching `selector` in the element's shadow root; a path of selectors goes into nested roots. */
export function $(root: Element, ...selectors: string[]): HTMLElement {
  let at: Element = root;
  for (const selector of selectors) {
    const found = (at.shadowRoot ?? at).querySelector<HTMLElement>(selector);
    if (found === null) throw new Error(`nothing matches "${selector}" (in ${selectors.join(' > ')})`);
    at = found;
  }
  return at as HTMLElement;
}

/** Whether something matches (same paths as $). */
export function has(root: Element, ...selectors: string[]): boolean {
  try {
    $(root, ...selectors);
    return true;
  } catch {
    return false;
  }
}

/** Every element matching the last selector, inside the elements the others lead to. */
export function $$(root: Element, ...selectors: string[]): HTMLElement[] {
  const last = selectors.at(-1)!;
  const parent = selectors.length > 1 ? $(root, ...selectors.slice(0, -1)) : root;
  return [...(parent.shadowRoot ?? parent).querySelectorAll<HTMLElement>(last)];
}

/** Text with whitespace collapsed. */
export const text = (element: Element): string => (element.textContent ?? '').replace(/\s+/g, ' ').trim();

/** The text of an element including its open shadow roots (what a reader sees). */
export function deepText(element: Element | ShadowRoot): string {
  const parts: string[] = [];
  const walk = (node: Node) => {
    if (node.nodeType === Node.TEXT_NODE) parts.push(node.textContent ?? '');
    if (node instanceof Element && node.shadowRoot !== null) walk(node.shadowRoot);
    for (const child of node.childNodes) walk(child);
  };
  walk(element);
  return parts.join(' ').replace(/\s+/g, ' ').trim();
}

/** Types into an input as a user would (value, then input and change events). */
export function type(input: HTMLElement, value: string): void {
  const field = input as HTMLInputElement;
  field.value = value;
  field.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  field.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
}

/** Every visible, enabled or disabled button in the element's shadow root and nested ones, for size checks. */
export function allButtons(root: Element): HTMLElement[] {
  const found: HTMLElement[] = [];
  const walk = (node: ParentNode) => {
    for (const el of node.querySelectorAll('*')) {
      if (el instanceof HTMLButtonElement) found.push(el);
      if (el.shadowRoot !== null) walk(el.shadowRoot);
    }
  };
  walk(root.shadowRoot ?? root);
  return found.filter((b) => b.getClientRects().length > 0);
}

// --- Anywhere below, through every shadow root ---

function roots(start: Element | ShadowRoot | Document): (Element | ShadowRoot | Document)[] {
  const out: (Element | ShadowRoot | Document)[] = [start];
  const walk = (node: Element | ShadowRoot | Document) => {
    for (const el of Array.from(node.querySelectorAll('*'))) {
      if (el.shadowRoot) {
        out.push(el.shadowRoot);
        walk(el.shadowRoot);
      }
    }
  };
  if (start instanceof Element && start.shadowRoot) {
    out.push(start.shadowRoot);
    walk(start.shadowRoot);
  }
  walk(start);
  return out;
}

/**
 * Elements matching `selector` under `start`, in any shadow root. A descendant selector ("till-cart tr") also
 * matches across shadow roots: its first part, then the rest inside it.
 */
export function deepAll<T extends Element = HTMLElement>(start: Element | ShadowRoot | Document, selector: string): T[] {
  const found = new Set<T>();
  for (const root of roots(start)) for (const el of Array.from(root.querySelectorAll<T>(selector))) found.add(el);
  const parts = selector.trim().split(/\s+/);
  if (parts.length > 1) {
    for (const outer of deepAll<Element>(start, parts[0]!)) for (const el of deepAll<T>(outer, parts.slice(1).join(' '))) found.add(el);
  }
  return [...found];
}

export function deep<T extends Element = HTMLElement>(start: Element | ShadowRoot | Document, selector: string): T {
  const el = deepAll<T>(start, selector)[0];
  if (el === undefined) throw new Error(`nothing matches ${selector}`);
  return el;
}

/** The first button anywhere below whose text (or aria-label) is `name`. */
export function button(start: Element, name: string | RegExp): HTMLButtonElement {
  const matches = (b: HTMLButtonElement) => {
    const label = text(b);
    const aria = b.getAttribute('aria-label') ?? '';
    return typeof name === 'string' ? label === name || aria === name : name.test(label) || name.test(aria);
  };
  const found = deepAll<HTMLButtonElement>(start, 'button').filter(matches);
  if (found.length === 0) throw new Error(`no button "${String(name)}"; buttons: ${deepAll<HTMLButtonElement>(start, 'button').map((b) => (b.textContent ?? '').trim()).join(' | ')}`);
  return found[0]!;
}

/** Clicks the button named `name` under `start` and lets everything update. */
export async function click(start: Element, name: string | RegExp): Promise<void> {
  button(start, name).click();
  await settle(start);
}

/** Every element is a touch target of at least 44x44 CSS px; an empty list fails (the selector found nothing). */
export function expectTouchSize(elements: readonly Element[]): void {
  expect(elements.length, 'touch targets found').to.be.greaterThan(0);
  for (const element of elements) {
    const rect = element.getBoundingClientRect();
    expect(rect.width, text(element) || element.tagName).to.be.at.least(44);
    expect(rect.height, text(element) || element.tagName).to.be.at.least(44);
  }
}

/** Texts of the alerts shown anywhere in the element. */
export function alerts(start: Element): string[] {
  return deepAll(start, '[role="alert"]').map(text);
}

/** Lets promises, timers and every Lit element under `start` finish updating. */
export async function settle(start: Element): Promise<void> {
  for (let i = 0; i < 3; i++) {
    await new Promise((resolve) => setTimeout(resolve, 0));
    const elements = deepAll<Element>(start, '*').filter((el): el is Element & { updateComplete: Promise<unknown> } => 'updateComplete' in el);
    await Promise.all([('updateComplete' in start ? (start as unknown as { updateComplete: Promise<unknown> }).updateComplete : null), ...elements.map((el) => el.updateComplete)]);
  }
}
