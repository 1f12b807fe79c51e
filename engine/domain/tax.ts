/** CO-12: which tax group applies to a line. */
import type { Catalog } from './catalog.ts';
import type { Address, Customer, DeliveryKind, Store } from './config.ts';

export interface TaxedDelivery { kind: DeliveryKind; locationId: string; address?: Address | undefined }
/** What tax asks of the selling channel: a store, or a call center (which has no store of its own). */
export type TaxSettings = Pick<Store, 'taxGroupId' | 'destinationBasedTax' | 'customerBasedTax'>;

function jurisdictionGroup(catalog: Catalog, address: Address): string | undefined {
  const matches = catalog.config.taxJurisdictions.filter(
    (j) => j.country === address.country && (j.state === undefined || j.state === address.state),
  );
  // The most specific jurisdiction (with a state) wins over the country-wide one.
  return (matches.find((j) => j.state !== undefined) ?? matches[0])?.taxGroupId;
}

function customerDeliveryAddress(customer: Customer): Address | undefined {
  return customer.addresses.find((a) => a.id === customer.deliveryAddressId);
}

/**
 * Store's tax group by default; destination-based tax uses the ship-to address (a pickup line's destination
 * is the pickup store); customer-based tax uses the customer's delivery address. Destination wins over
 * customer when both are on, and an address no jurisdiction covers falls back to the store's group.
 */
export function taxGroupFor(catalog: Catalog, store: TaxSettings, customer: Customer | undefined, delivery: TaxedDelivery): string {
  if (store.destinationBasedTax && delivery.kind !== 'carryOut') {
    const destination = delivery.kind === 'ship' ? delivery.address : catalog.locations.get(delivery.locationId)?.address;
    const group = destination === undefined ? undefined : jurisdictionGroup(catalog, destination);
    if (group !== undefined) return group;
  }
  if (store.customerBasedTax && customer !== undefined) {
    const address = customerDeliveryAddress(customer);
    const group = address === undefined ? undefined : jurisdictionGroup(catalog, address);
    if (group !== undefined) return group;
  }
  return store.taxGroupId;
}

export function taxRateFor(catalog: Catalog, store: TaxSettings, customer: Customer | undefined, delivery: TaxedDelivery): number {
  return catalog.taxGroups.get(taxGroupFor(catalog, store, customer, delivery))?.rate ?? 0;
}
