/**
 * The sales office tests' chain: the demo chain with a headquarters sales office (warehouse HQW holding 5 tents and
 * 2 stoves, vendor V-NORD, Acme's own tent price and the Wholesale price group's lamp price, socks under warehouse
 * management, item tax groups SERVICE (taxable) and EXEMPT), a sales clerk (sales1) and a marketer (marketing1).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { Chain } from '../../engine/chain.ts';
import { DurableChain } from '../../engine/persistence/durable-chain.ts';
import type { SalesOfficeCommand } from '../../engine/protocol/sales.ts';
import { chainConfig, ok, refused, type Mutator } from './engine-helpers.ts';
import type { RuleViolation } from '../../engine/domain/violation.ts';

export const ACME_TENT = 17_500;
export const WHOLESALE_LAMP = 1_999;

export const withSalesOffice: Mutator = (c) => {
  c.salesOffice = {
    warehouses: [{ id: 'HQW', name: 'Headquarters warehouse', onHand: [{ productId: 'P-TENT', quantity: 5 }, { productId: 'P-STOVE', quantity: 2 }] }],
    vendors: [{ vendorAccount: 'V-NORD', name: 'Nordic Gear' }],
    tradeAgreements: [
      { tradeAgreementId: 'TA-1', customerAccount: 'C-ACME', productId: 'P-TENT', unitPrice: ACME_TENT },
      { tradeAgreementId: 'TA-2', priceGroupId: 'WHOLESALE', productId: 'P-LAMP', unitPrice: WHOLESALE_LAMP },
    ],
    priceGroups: [{ priceGroupId: 'WHOLESALE', name: 'Wholesale', customerAccounts: ['C-ACME', 'C-CAL'] }],
    warehouseManagedProducts: ['P-SOCKS'],
    projectItems: ['P-TENT'],
    productCategories: { 'P-TENT': 'SHELTER', 'P-LAMP': 'LIGHT' },
    itemTaxGroups: [{ id: 'SERVICE', taxable: true }, { id: 'EXEMPT', taxable: false }],
    mainAccounts: [{ id: '401100', name: 'Service revenue' }],
  };
  c.roles.push({ id: 'salesClerk', name: 'Sales clerk', permissions: ['sales'] }, { id: 'marketer', name: 'Marketer', permissions: ['marketing'] });
  c.staff.push({ operatorId: 'sales1', name: 'Sally Sales', roleId: 'salesClerk', storeIds: ['S1'] }, { operatorId: 'marketing1', name: 'Mark Eting', roleId: 'marketer', storeIds: ['S1'] });
};

type Fields<T extends SalesOfficeCommand['type']> = Omit<Extract<SalesOfficeCommand, { type: T }>, 'type' | 'operatorId'>;

/** An office command by sales1 (marketing1 for marketing.*) that must be accepted. */
export function office<T extends SalesOfficeCommand['type']>(e: Chain, type: T, fields: Partial<Fields<T>>): Record<string, unknown> {
  return ok(e, { type, operatorId: type.startsWith('marketing.') ? 'marketing1' : 'sales1', ...fields } as never);
}

/** An office command that must be refused. */
export function officeRefused<T extends SalesOfficeCommand['type']>(e: Chain, type: T, fields: Partial<Fields<T>>): RuleViolation {
  return refused(e, { type, operatorId: type.startsWith('marketing.') ? 'marketing1' : 'sales1', ...fields });
}

export const line = (productId: string, quantity: number, requestedShipDate = '2026-01-10') => ({ productId, quantity, requestedShipDate });

/** A sales order of Acme's (C-ACME), returning its number. */
export function acmeOrder(e: Chain, lines = [line('P-TENT', 2)], orderType: Fields<'sales.createOrder'>['orderType'] = 'salesOrder'): string {
  return office(e, 'sales.createOrder', { orderType, customerAccount: 'C-ACME', lines }).salesOrderId as string;
}

export const orderOf = (e: Chain, salesOrderId: string) => e.headquarters.salesOffice.orders.snapshot(salesOrderId).context;

export interface DurableOffice {
  durable: DurableChain;
  dir: string;
  /** An office command (by sales1, marketing1 for marketing.*) that must be accepted. */
  run(command: Record<string, unknown>): Promise<Record<string, unknown>>;
}

/**
 * Works a durable chain with the sales office in a fresh folder, then reopens it from its files: the journal must
 * replay to the same state (`reopened` reads it further). The folder is removed at the end.
 */
export async function replayedOffice(work: (office: DurableOffice) => Promise<void>, reopened: (chain: Chain) => void = () => {}): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'sales-office-'));
  try {
    const durable = await DurableChain.open(dir, { config: chainConfig(withSalesOffice) });
    const run = async (command: Record<string, unknown>) => {
      const result = await durable.execute({ operatorId: String(command.type).startsWith('marketing.') ? 'marketing1' : 'sales1', ...command });
      if (!result.ok) throw new Error(`${String(command.type)} refused: ${result.error.message}`);
      return result.result;
    };
    await work({ durable, dir, run });
    const before = JSON.stringify(durable.chain.exportState());
    await durable.close();
    const again = await DurableChain.open(dir);
    try {
      expect(JSON.stringify(again.chain.exportState()), 'the journal replays to the same state').toBe(before);
      reopened(again.chain);
    } finally {
      await again.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
