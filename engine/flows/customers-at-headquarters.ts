/**
 * Customers at the register (CU-1..CU-7): created async (a temporary GUID, "Pending sync", queued for the P-job)
 * when the store creates customers async (CU-4) or works offline (CU-6), otherwise created at headquarters in real
 * time; edits and loyalty cards are always made at headquarters in real time (CU-4, CU-5).
 */
import type { CommandScope } from '../command-scope.ts';
import { outboundKey } from '../domain/channel-transactions.ts';
import type { Customer } from '../domain/config.ts';
import { accountLabel, editCustomer as editedRecord, newCustomer, type CreationMode, type CustomerContext } from '../domain/customers.ts';
import type { RegisterContext } from '../domain/register-transaction.ts';
import { CommandRefused, refuse } from '../domain/violation.ts';
import type { RealtimeRequest } from '../headquarters-gateway.ts';
import type { CommandOf } from '../protocol/commands.ts';
import type { CustomerEvent } from '../../machines/customer.machine.ts';
import { linkState, realtimeReachable } from '../../machines/sync-channel.machine.ts';
import { transactionIdFor } from './till.ts';

/** A register with an open shift. */
export function openRegister(scope: CommandScope, registerId: string): RegisterContext {
  const context = scope.context('register', registerId);
  if (context.operatorId === null) refuse('STATE', `register ${registerId} has no open shift`, 'registerId');
  return context;
}

function customerContext(scope: CommandScope, idOrAccount: string): CustomerContext {
  return scope.context('customer', scope.customerIdOf(idOrAccount), 'customerId');
}

/** CU-6: refused offline when the store filters shared customer data tables; CU-4: sync mode needs headquarters. */
export function createCustomer(scope: CommandScope, command: CommandOf<'customer.create'>): Record<string, unknown> {
  const register = openRegister(scope, command.registerId);
  const store = scope.catalog.stores.get(register.storeId)!;
  const link = scope.snapshot('sync', store.id, 'storeId');
  const offline = linkState(link) === 'offline';
  if (offline && store.filterSharedCustomerDataTables) {
    refuse('CU-6', `store ${store.id} is offline and filters shared customer data tables: customers cannot be created offline`, 'registerId');
  }
  const mode: CreationMode = offline || store.functionality.createCustomerAsync ? 'async' : 'sync';
  if (mode === 'sync' && !realtimeReachable(link)) {
    refuse('CU-4', `headquarters' real-time service is unreachable from store ${store.id}: customers are created there in real time`, 'registerId');
  }
  const customerId = scope.ids.guid();
  const record = newCustomer(scope.catalog, store.id, customerId, command.customer, mode);
  if ('rule' in record) throw new CommandRefused({ ...record, field: record.field === undefined ? 'customer' : `customer.${record.field}` });
  scope.spawn('customer', customerId, { customerId, accountNumber: null, record, createdAtStoreId: store.id, createdAt: scope.now, version: 0 });
  if (command.addToTransaction) scope.send('register', command.registerId, { type: 'SET_CUSTOMER', transactionId: transactionIdFor(scope, command.registerId), customerId }, 'registerId');
  if (mode === 'async') {
    scope.queue({ key: outboundKey.customer(customerId), kind: 'customerCreated', storeId: store.id, at: scope.now, customer: record });
  } else {
    scope.atTheEnd(() => {
      const response = scope.callHeadquarters({ type: 'headquarters.createCustomer', channelCustomerId: customerId, storeId: store.id, record });
      if (!response.ok) throw new CommandRefused(response.error);
      scope.send('customer', customerId, { type: 'SYNCED', accountNumber: response.result.accountNumber as string, record, version: response.result.version as number });
    });
  }
  scope.atTheEnd(() => {
    const { accountNumber } = customerContext(scope, customerId);
    scope.tell({ customerId, accountNumber, account: accountLabel(accountNumber), mode: offline ? 'offline' : mode });
  });
  return { registerId: command.registerId };
}

/**
 * A change headquarters makes in real time (CU-4: edits are always synchronous), then applies here. `probe` is the
 * change as the customer actor will take it, checked first (CU-5: a customer pending sync has no account yet).
 */
function changeAtHeadquarters(scope: CommandScope, registerId: string, customer: CustomerContext, probe: CustomerEvent, request: (accountNumber: string) => RealtimeRequest, event: (result: Record<string, unknown>) => CustomerEvent): Record<string, unknown> {
  const register = openRegister(scope, registerId);
  scope.check('customer', customer.customerId, probe, 'customerId');
  if (!realtimeReachable(scope.snapshot('sync', register.storeId, 'storeId'))) {
    refuse('CU-4', `customer changes are made at headquarters in real time, and its real-time service is unreachable from store ${register.storeId}`, 'registerId');
  }
  const response = scope.callHeadquarters(request(customer.accountNumber!));
  if (!response.ok) throw new CommandRefused(response.error);
  scope.send('customer', customer.customerId, event(response.result));
  const after = customerContext(scope, customer.customerId);
  return { customerId: after.customerId, accountNumber: after.accountNumber, record: after.record };
}

export function editCustomer(scope: CommandScope, command: CommandOf<'customer.edit'>): Record<string, unknown> {
  const register = openRegister(scope, command.registerId);
  const customer = customerContext(scope, command.customerId);
  const record = editedRecord(scope.catalog, register.storeId, customer.record, command.changes);
  if ('rule' in record) throw new CommandRefused({ ...record, field: record.field === undefined ? 'changes' : `changes.${record.field}` });
  return changeAtHeadquarters(scope, command.registerId, customer, { type: 'EDITED', record, version: customer.version + 1 },
    (accountNumber) => ({ type: 'headquarters.updateCustomer', accountNumber, record }),
    (result) => ({ type: 'EDITED', record: result.record as Customer, version: result.version as number }));
}

export function issueLoyaltyCard(scope: CommandScope, command: CommandOf<'customer.issueLoyaltyCard'>): Record<string, unknown> {
  const customer = customerContext(scope, command.customerId);
  return changeAtHeadquarters(scope, command.registerId, customer, { type: 'LOYALTY_CARD_ISSUED', cardId: 'new', version: customer.version + 1 },
    (accountNumber) => ({ type: 'headquarters.issueLoyaltyCard', accountNumber }),
    (result) => ({ type: 'LOYALTY_CARD_ISSUED', cardId: (result.record as Customer).loyaltyCardId!, version: result.version as number }));
}
