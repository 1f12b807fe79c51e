/**
 * Command types, statuses and message kinds in plain words, for people: the analyst view, the text report and
 * `storefront report --at`. `register.addItem` is "Till: add item"; `PartiallyInvoiced` is "partially invoiced".
 */

/** Who sends each family of commands, in plain words. */
const SENDERS: Record<string, string> = {
  register: 'Till', customer: 'Customers', order: 'Order', fulfillment: 'Fulfilment', headquarters: 'Headquarters', callCenter: 'Call center', sync: 'Link to headquarters', clock: 'Clock',
};

/** A command type in plain words: `register.addItem` is "Till: add item". */
export function commandWords(type: string): string {
  const [family = '', action = ''] = type.split('.', 2);
  return `${SENDERS[family] ?? family}: ${plainWords(action)}`;
}

/** A camel-case name in lower-case words (`orderUpdated` is "order updated"); names like `P-job` or `1010` stay. */
export function plainWords(name: string): string {
  return /^[A-Za-z0-9]+$/.test(name) ? name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase() : name;
}
