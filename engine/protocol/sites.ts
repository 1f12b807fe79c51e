/**
 * The chain's sites as the landing page and the sign-in pickers see them (`GET /api/sites`, no session needed):
 * names and ids only, nothing about staff. `screenLinks` is every screen of the chain by site, with its address.
 */
import type { Catalog } from '../domain/catalog.ts';

export interface StoreSite { id: string; name: string; registerIds: string[] }
export interface WarehouseSite { id: string; name: string }
export interface ChainSites { stores: StoreSite[]; warehouses: WarehouseSite[] }

export function chainSites(catalog: Catalog): ChainSites {
  return {
    stores: [...catalog.stores.values()].map((store) => ({ id: store.id, name: store.name, registerIds: [...store.registerIds] })),
    warehouses: [...catalog.locations.values()].filter((l) => l.kind === 'warehouse').map((l) => ({ id: l.id, name: l.name })),
  };
}

export type ScreenKind = 'till' | 'fulfillment' | 'pickup' | 'analyst';

export interface ScreenLink { screen: ScreenKind; label: string; path: string }
export interface SiteScreens { siteId: string; name: string; screens: ScreenLink[] }

/** Each store's tills (one per register), fulfilment screen and pickup board; each warehouse's fulfilment; headquarters. */
export function screenLinks(sites: ChainSites): SiteScreens[] {
  const stores = sites.stores.map((store) => ({
    siteId: store.id,
    name: store.name,
    screens: [
      ...store.registerIds.map((registerId) => ({ screen: 'till' as const, label: `Till ${registerId}`, path: `/till?store=${store.id}&register=${registerId}` })),
      { screen: 'fulfillment' as const, label: 'Fulfilment', path: `/fulfillment?store=${store.id}` },
      { screen: 'pickup' as const, label: 'Pickup board', path: `/pickup?store=${store.id}` },
    ],
  }));
  const warehouses = sites.warehouses.map((warehouse) => ({
    siteId: warehouse.id,
    name: warehouse.name,
    screens: [{ screen: 'fulfillment' as const, label: 'Fulfilment', path: `/fulfillment?location=${warehouse.id}` }],
  }));
  const first = sites.stores[0];
  const headquarters = first === undefined ? [] : [{
    siteId: 'headquarters',
    name: 'Headquarters',
    screens: [{ screen: 'analyst' as const, label: 'Analyst view', path: `/analyst?store=${first.id}` }],
  }];
  return [...stores, ...warehouses, ...headquarters];
}
