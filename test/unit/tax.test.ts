/** CO-12: which tax group applies to a line (engine/domain/tax.ts). */
import { describe, expect, it } from 'vitest';
import type { Catalog } from '../../engine/domain/catalog.ts';
import type { Address, Customer, Store } from '../../engine/domain/config.ts';
import { taxGroupFor, taxRateFor, type TaxedDelivery } from '../../engine/domain/tax.ts';
import { DEMO_ADDRESSES, demoCatalog, withConfig } from '../fixtures/chain.ts';

const store = (catalog: Catalog, id: string): Store => catalog.stores.get(id)!;
const customer = (catalog: Catalog, id: string): Customer => catalog.customers.get(id)!;

const shipTo = (address: Address, locationId = 'W1'): TaxedDelivery => ({ kind: 'ship', locationId, address });
const pickupAt = (locationId: string): TaxedDelivery => ({ kind: 'pickup', locationId });
const carryOutAt = (locationId: string): TaxedDelivery => ({ kind: 'carryOut', locationId });

/** The demo chain with destination-based and/or customer-based tax switched on for both stores. */
function taxCatalog(flags: { destination?: boolean; customer?: boolean }): Catalog {
  return withConfig((c) => {
    for (const s of c.stores) {
      s.destinationBasedTax = flags.destination ?? false;
      s.customerBasedTax = flags.customer ?? false;
    }
  });
}

describe('CO-12 store default', () => {
  it("CO-12 without destination or customer-based tax every line takes the store's tax group", () => {
    const catalog = demoCatalog();
    const anna = customer(catalog, 'C-ANNA');
    const s1 = store(catalog, 'S1');
    expect(taxGroupFor(catalog, s1, anna, shipTo(DEMO_ADDRESSES.calHome))).toBe('TX-WA'); // CA address ignored
    expect(taxGroupFor(catalog, s1, anna, pickupAt('S2'))).toBe('TX-WA'); // OR store ignored
    expect(taxGroupFor(catalog, s1, undefined, carryOutAt('S1'))).toBe('TX-WA');
    expect(taxRateFor(catalog, s1, anna, shipTo(DEMO_ADDRESSES.calHome))).toBe(1000);
    const s2 = store(catalog, 'S2');
    expect(taxGroupFor(catalog, s2, anna, shipTo(DEMO_ADDRESSES.annaHome))).toBe('TX-OR');
    expect(taxRateFor(catalog, s2, anna, shipTo(DEMO_ADDRESSES.annaHome))).toBe(0);
  });
});

describe('CO-12 destination-based tax', () => {
  it('CO-12 destination-based tax uses the ship-to address of a ship line', () => {
    const catalog = taxCatalog({ destination: true });
    const s1 = store(catalog, 'S1');
    const cal = customer(catalog, 'C-CAL');
    expect(taxGroupFor(catalog, s1, cal, shipTo(DEMO_ADDRESSES.calHome))).toBe('TX-CA');
    expect(taxRateFor(catalog, s1, cal, shipTo(DEMO_ADDRESSES.calHome))).toBe(725);
    expect(taxRateFor(catalog, s1, cal, shipTo(DEMO_ADDRESSES.acmeBusiness))).toBe(0); // OR
    // The ship-from location does not matter, only the destination.
    expect(taxRateFor(catalog, s1, cal, shipTo(DEMO_ADDRESSES.calHome, 'S2'))).toBe(725);
  });

  it('CO-12 destination-based tax of a pickup line uses the pickup store', () => {
    const catalog = taxCatalog({ destination: true });
    const s1 = store(catalog, 'S1');
    const anna = customer(catalog, 'C-ANNA');
    expect(taxGroupFor(catalog, s1, anna, pickupAt('S2'))).toBe('TX-OR'); // Portland store
    expect(taxRateFor(catalog, s1, anna, pickupAt('S2'))).toBe(0);
    expect(taxGroupFor(catalog, store(catalog, 'S2'), anna, pickupAt('S1'))).toBe('TX-WA'); // Seattle store
  });

  it('CO-12 destination-based tax leaves carry-out lines on the store group', () => {
    const catalog = taxCatalog({ destination: true });
    expect(taxGroupFor(catalog, store(catalog, 'S2'), customer(catalog, 'C-CAL'), carryOutAt('S2'))).toBe('TX-OR');
  });

  it('CO-12 an address no jurisdiction covers falls back to the store group', () => {
    const catalog = taxCatalog({ destination: true });
    const s1 = store(catalog, 'S1');
    const nevada: Address = { street: '1 Strip', city: 'Las Vegas', state: 'NV', zip: '89101', country: 'USA' };
    const canada: Address = { street: '1 Robson St', city: 'Vancouver', state: 'BC', zip: 'V6B', country: 'CAN' };
    expect(taxGroupFor(catalog, s1, undefined, shipTo(nevada))).toBe('TX-WA');
    expect(taxGroupFor(catalog, s1, undefined, shipTo(canada))).toBe('TX-WA');
    expect(taxGroupFor(catalog, store(catalog, 'S2'), undefined, shipTo(canada))).toBe('TX-OR');
  });

  it('CO-12 a ship line without an address falls back to the store group', () => {
    const catalog = taxCatalog({ destination: true });
    expect(taxGroupFor(catalog, store(catalog, 'S1'), undefined, { kind: 'ship', locationId: 'W1' })).toBe('TX-WA');
  });

  it('CO-12 a state jurisdiction wins over a country-wide one, which covers the other states', () => {
    const catalog = withConfig((c) => {
      c.taxJurisdictions.unshift({ country: 'USA', taxGroupId: 'TX-OR' }); // country-wide, listed first
      c.stores[0]!.destinationBasedTax = true;
    });
    const s1 = store(catalog, 'S1');
    const nevada: Address = { street: '1 Strip', city: 'Las Vegas', state: 'NV', zip: '89101', country: 'USA' };
    expect(taxGroupFor(catalog, s1, undefined, shipTo(DEMO_ADDRESSES.calHome))).toBe('TX-CA');
    expect(taxGroupFor(catalog, s1, undefined, shipTo(nevada))).toBe('TX-OR');
  });
});

describe('CO-12 customer-based tax', () => {
  it("CO-12 customer-based tax uses the customer's delivery address", () => {
    const catalog = taxCatalog({ customer: true });
    const s2 = store(catalog, 'S2'); // TX-OR by default
    const anna = customer(catalog, 'C-ANNA'); // delivery address in Seattle WA
    expect(taxGroupFor(catalog, s2, anna, carryOutAt('S2'))).toBe('TX-WA');
    expect(taxGroupFor(catalog, s2, anna, shipTo(DEMO_ADDRESSES.calHome))).toBe('TX-WA'); // not the ship-to
    expect(taxRateFor(catalog, s2, anna, pickupAt('S2'))).toBe(1000);
  });

  it('CO-12 customer-based tax without a customer, or a customer without an address, keeps the store group', () => {
    const catalog = taxCatalog({ customer: true });
    const s2 = store(catalog, 'S2');
    expect(taxGroupFor(catalog, s2, undefined, carryOutAt('S2'))).toBe('TX-OR');
    expect(taxGroupFor(catalog, s2, customer(catalog, 'C-WALKIN'), carryOutAt('S2'))).toBe('TX-OR');
  });

  it('CO-12 customer-based tax with a delivery address outside every jurisdiction keeps the store group', () => {
    const catalog = withConfig((c) => {
      c.stores[1]!.customerBasedTax = true;
      const anna = c.customers.find((x) => x.accountId === 'C-ANNA')!;
      anna.addresses = [{ id: 'A-ANNA-HOME', purpose: 'Home', street: '1 Robson St', city: 'Vancouver', state: 'BC', zip: 'V6B', country: 'CAN' }];
    });
    expect(taxGroupFor(catalog, store(catalog, 'S2'), customer(catalog, 'C-ANNA'), carryOutAt('S2'))).toBe('TX-OR');
  });

  it('CO-12 with both on, destination wins; customer-based applies where destination finds nothing', () => {
    const catalog = taxCatalog({ destination: true, customer: true });
    const s2 = store(catalog, 'S2');
    const anna = customer(catalog, 'C-ANNA');
    expect(taxGroupFor(catalog, s2, anna, shipTo(DEMO_ADDRESSES.calHome))).toBe('TX-CA'); // destination
    expect(taxGroupFor(catalog, s2, anna, carryOutAt('S2'))).toBe('TX-WA'); // carry-out: customer-based
    const canada: Address = { street: '1 Robson St', city: 'Vancouver', state: 'BC', zip: 'V6B', country: 'CAN' };
    expect(taxGroupFor(catalog, s2, anna, shipTo(canada))).toBe('TX-WA'); // no destination group: customer
  });
});
