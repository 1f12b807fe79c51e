/** The till's views as the server sends them: cart lines, transactions, the register, the store's sync and orders, customers. */
import { openShift } from '../../engine/domain/shift.ts';
import type { OrderRow } from '../api.ts';
import type { CartLine, CustomerView, RegisterView, SyncView, Transaction } from '../till-shared.ts';

/** A cart line, carried out unless `delivery` says otherwise. */
export function line(lineId: string, productId: string, quantity: number, unitPrice: number, delivery: Partial<CartLine['delivery']> = {}): CartLine {
  return {
    lineId, productId, quantity, unitPrice, taxRate: 1000, priceLocked: false,
    delivery: { kind: 'carryOut', modeCode: 'CARRY', locationId: 'S1', ...delivery },
  };
}

export function transaction(fields: Partial<Omit<Transaction, 'cart'>> & { cart?: Partial<Transaction['cart']> } = {}): Transaction {
  const { cart, ...rest } = fields;
  return {
    transactionId: 'T-R1-000007', kind: 'sale', tenders: [], cardToken: null, order: null, cancellationCharge: null,
    pickupLines: [], pickupDue: 0, returnOriginal: null, returnLines: [], returnInvoiceId: null, approvedBy: null, ...rest,
    cart: { storeId: 'S1', customerId: null, orderType: 'customerOrder', lines: [], charges: [], selectedLineId: null, depositOverride: null, nextLineNumber: 1, ...cart },
  };
}

/** The register room's view: closed, ready, or with a transaction (totals and due as given). */
export function registerView(fields: { operatorId?: string | null; transaction?: Transaction | null; due?: number; totals?: RegisterView['totals']; customer?: RegisterView['customer'] } = {}): RegisterView {
  const tx = fields.transaction ?? null;
  const operatorId = fields.operatorId === undefined ? 'cashier1' : fields.operatorId;
  return {
    state: operatorId === null ? 'closed' : tx === null ? 'ready' : { transaction: tx.kind },
    registerId: 'R1', storeId: 'S1', operatorId, transaction: tx,
    shift: operatorId === null ? null : openShift('SH-R1-000001', operatorId, 0, 0), receipts: [],
    due: fields.due ?? 0, totals: fields.totals ?? (tx === null ? null : { net: 0, tax: 0, charges: 0, total: 0, orderedTotal: 0, carryOutTotal: 0 }),
    customer: fields.customer ?? null,
  };
}

export function syncView(fields: Partial<SyncView> = {}): SyncView {
  return { storeId: 'S1', appliedVersion: 3, lastUploadAt: null, lastDistributionAt: null, link: 'online', realtimeReachable: true, batchReachable: true, pending: 0, ...fields } as SyncView;
}

export function orderRow(fields: Partial<OrderRow> = {}): OrderRow {
  return {
    orderId: 'CO-000002', channelReference: 'S1-T-R2-000001', storeId: 'S1', customerId: 'C-ANNA', customerName: 'Anna Berg', createdAt: 1_000,
    headerStatus: 'Open', paymentStatus: 'PartiallyPaid', total: 23428, paid: 2000, existsAtHeadquarters: true, editedBy: null, kinds: ['pickup'],
    lines: [{ lineId: 'T-R2-000001-2', productId: 'P-TENT', productName: 'Two-person tent', quantity: 1, kind: 'pickup', locationId: 'S2', status: 'Picked', invoiced: 0, uninvoiced: 1 }],
    ...fields,
  };
}

export function customerView(fields: { customerId?: string; name?: string; account?: string; pendingSync?: boolean } = {}): CustomerView {
  const customerId = fields.customerId ?? 'C-ANNA';
  return {
    customerId, accountNumber: fields.pendingSync ? null : customerId, createdAtStoreId: null, createdAt: 0, version: 1, state: 'synced',
    account: fields.pendingSync ? 'Pending sync' : fields.account ?? customerId, pendingSync: fields.pendingSync ?? false,
    record: {
      accountId: customerId, name: fields.name ?? 'Anna Berg', type: 'person', customerGroup: 'retail', receiptOption: 'print', language: 'en-us',
      addresses: [{ id: 'A-ANNA-HOME', purpose: 'Home', street: '12 Pike St', city: 'Seattle', state: 'WA', zip: '98101', country: 'USA' }],
      affiliations: [], financialDimensions: {}, attributes: {}, secondaryEmails: [], secondaryPhones: [],
    },
  } as unknown as CustomerView;
}
