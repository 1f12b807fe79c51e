/**
 * Command types in plain words, for people: the analyst view's History panel and `storefront report --at`.
 * `register.addItem` is "Till: add item".
 */

/** Who sends each family of commands, in plain words. */
const SENDERS: Record<string, string> = {
  register: 'Till', customer: 'Customers', order: 'Order', fulfillment: 'Fulfilment', headquarters: 'Headquarters', sync: 'Link to headquarters', clock: 'Clock',
};

/** A command type in plain words: `register.addItem` is "Till: add item". */
export function commandWords(type: string): string {
  const [family = '', action = ''] = type.split('.', 2);
  const words = action.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return `${SENDERS[family] ?? family}: ${words}`;
}
