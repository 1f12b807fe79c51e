/** A call center on the demo chain's products, modes, staff and customers, for the call-center unit tests. */
import { readFileSync } from 'node:fs';
import type { CatalogState } from '../../../engine/domain/call-center/catalog.ts';
import {
  callCenterConfigSchema, catalogReferences, type CallCenterConfig, type CallCenterConfigInput, type CatalogConfig,
} from '../../../engine/domain/call-center/config.ts';
import { chainConfigSchema, type ChainConfigInput } from '../../../engine/domain/config.ts';

export const demoChain = (): ChainConfigInput & Record<string, unknown> =>
  JSON.parse(readFileSync(new URL('../../../scenarios/demo-chain.json', import.meta.url), 'utf8')) as ChainConfigInput & Record<string, unknown>;

/** 2027-06-15, noon UTC: inside the summer catalog's dates. */
export const JUNE_15 = Date.parse('2027-06-15T12:00:00Z');
export const day = (iso: string) => Date.parse(`${iso}T12:00:00Z`);

export function callCenterInput(): CallCenterConfigInput {
  return {
    id: 'CC1',
    name: 'Outdoor phone sales',
    legalEntity: 'USRT',
    paymentMethods: [
      { code: 'CASH', name: 'Cash', kind: 'normal' },
      { code: 'CHECK', name: 'Check', kind: 'check' },
      { code: 'CARD', name: 'Card', kind: 'card' },
      { code: 'ACCOUNT', name: 'On account', kind: 'onAccount' },
    ],
    modesOfDelivery: ['STD', 'EXP', 'PICKUP'],
    priceGroupId: 'PHONE',
    financialDimensions: { department: 'CALLCENTER', costCenter: '300' },
    defaultWarehouseId: 'W1',
    orderCompletion: true,
    guidedSelling: true,
    priceControl: true,
    members: ['lead1', 'cashier2', 'manager1'],
    priceGroups: [
      { id: 'PHONE', name: 'Phone prices', prices: [{ productId: 'P-TENT', price: 18999 }, { productId: 'P-SOCKS', price: 1199 }] },
      { id: 'SUMMER', name: 'Summer catalog', prices: [{ productId: 'P-TENT', price: 17999 }, { productId: 'P-HEADLAMP', price: 2999 }, { productId: 'P-LAMP', price: 2299 }] },
      { id: 'SUMMER-CLEARANCE', name: 'Summer clearance', prices: [{ productId: 'P-STOVE', price: 7500 }, { productId: 'P-FUEL', price: 799 }, { productId: 'P-LAMP', price: 1999 }] },
    ],
    catalogs: [{
      id: 'CAT-SUMMER',
      name: 'Summer Camping',
      status: 'Published',
      effective: '2027-06-01',
      expiration: '2027-08-31',
      productIds: ['P-TENT', 'P-HEADLAMP', 'P-LAMP', 'P-STOVE', 'P-FUEL'],
      priceGroupIds: ['SUMMER', 'SUMMER-CLEARANCE'],
      sourceCodes: [
        { code: 'SUM27', description: 'Summer mailer', scripts: [
          { timing: 'Beginning', text: 'Thank you for calling about our Summer Camping catalog.' },
          { timing: 'End', text: 'Your summer order ships within two days.' },
        ] },
        { code: 'SUM27-WEB', description: 'Summer web banner' },
      ],
      suggestions: [
        { productId: 'P-LAMP', kind: 'upSell', suggestedProductId: 'P-HEADLAMP', script: 'The headlamp keeps both hands free.' },
        { productId: 'P-STOVE', kind: 'crossSell', suggestedProductId: 'P-FUEL', script: 'Fuel for the stove?' },
      ],
      sentTo: ['C-ANNA'],
    }, {
      id: 'CAT-FALL',
      name: 'Fall Hiking',
      effective: '2027-09-01',
      expiration: '2027-11-30',
      productIds: ['P-TENT'],
      priceGroupIds: ['SUMMER'],
      sourceCodes: [{ code: 'FALL27' }],
    }],
    itemScripts: [{ productId: 'P-STOVE', text: 'Remind the customer that fuel cannot be shipped by air.' }],
    suggestions: [
      { productId: 'P-LAMP', kind: 'crossSell', suggestedProductId: 'P-BOTTLE' },
      { productId: 'P-TENT', kind: 'crossSell', suggestedProductId: 'P-PAD', script: 'A sleeping pad goes with the tent.' },
    ],
    priceControlGroups: [
      { id: 'AGENTS', name: 'Senior agents', tolerancePct: 1000, operatorIds: ['lead1'] },
      { id: 'SUPERVISORS', name: 'Supervisors', tolerancePct: 2500, operatorIds: ['manager1'], approvesRequests: true },
    ],
  };
}

export const callCenter = (change: (input: CallCenterConfigInput) => void = () => {}): CallCenterConfig => {
  const input = callCenterInput();
  change(input);
  return callCenterConfigSchema.parse(input);
};

export const catalogOf = (center: CallCenterConfig, id: string): CatalogConfig => center.catalogs.find((c) => c.id === id)!;

/** The call center's catalogs as the pure rules read them, statuses as configured unless given. */
export const catalogStates = (center: CallCenterConfig, statuses: Record<string, CatalogState['status']> = {}): CatalogState[] =>
  center.catalogs.map((catalog) => ({ catalog, status: statuses[catalog.id] ?? catalog.status }));


/** What the call center's catalogs validate against on the demo chain (CC-5). */
export const demoCatalogReferences = (center: CallCenterConfig) => catalogReferences(chainConfigSchema.parse(demoChain()), center);
