/**
 * CO-15: a pickup line may name another person who collects it (name, optional phone and email). The customer
 * stays the buyer; the collector is shown at pickup so the store hands the goods to the right person.
 * (The command schema in engine/protocol/commands.ts checks the name and the phone and email formats.)
 */

export interface Collector { name: string; phone?: string | undefined; email?: string | undefined }

/** How the pickup screens name a collector: "Sam Lee (555 0100, sam@example.com)". */
export function collectorText(collector: Collector): string {
  const contact = [collector.phone, collector.email].filter((c) => c !== undefined && c !== '');
  return contact.length === 0 ? collector.name : `${collector.name} (${contact.join(', ')})`;
}
