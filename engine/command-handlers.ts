/** What the store channel does with each command: a table from command type to the flow that handles it. */
import type { CommandScope } from './command-scope.ts';
import type { DeliveryRequest } from './domain/cart.ts';
import { refuse } from './domain/violation.ts';
import { createCustomer, editCustomer, issueLoyaltyCard } from './flows/customers-at-headquarters.ts';
import { addToAddressBook } from './flows/address-book.ts';
import { acknowledge, applyDistribution } from './flows/distribution.ts';
import { startReturn } from './flows/post-return.ts';
import { recallOrder } from './flows/recall-order.ts';
import { emailReceipt } from './flows/issue-receipt.ts';
import { closeRegisterShift, openRegisterShift } from './flows/shift.ts';
import { tender, toRegister, transactionIdFor } from './flows/till.ts';
import type { Command, CommandOf, CommandType } from './protocol/commands.ts';
import { linkState } from '../machines/sync-channel.machine.ts';
import type { FulfillmentGroupEvent } from '../machines/fulfillment-group.machine.ts';

type Handlers = { [T in CommandType]: (scope: CommandScope, command: CommandOf<T>) => Record<string, unknown> };

/** CO-2: the register's delivery operations as one request (all / selected, ship / pickup / carry out). */
export function deliveryRequest(command: CommandOf<'register.shipAll' | 'register.shipSelected' | 'register.changeModeOfDelivery' | 'register.pickupAll' | 'register.pickupSelected' | 'register.carryOutAll' | 'register.carryOutSelected'>): DeliveryRequest {
  const scope = command.type.endsWith('All') ? 'all' : 'selected';
  const lineIds = 'lineIds' in command ? command.lineIds : undefined;
  if (command.type === 'register.carryOutAll' || command.type === 'register.carryOutSelected') return { scope, lineIds, kind: 'carryOut' };
  if (command.type === 'register.pickupAll' || command.type === 'register.pickupSelected') {
    return { scope, lineIds, kind: 'pickup', modeCode: command.modeCode, locationId: command.locationId, date: command.date, collector: command.collector };
  }
  // CO-2: changing the mode of delivery takes the kind of the mode chosen (ship, pickup or carry out).
  if (command.type === 'register.changeModeOfDelivery') {
    return { scope, lineIds, modeCode: command.modeCode, locationId: command.locationId, address: command.address, date: command.date, collector: command.collector };
  }
  return { scope, lineIds, kind: 'ship', modeCode: command.modeCode, locationId: command.locationId, address: command.address, date: command.date };
}

const toLocation = (scope: CommandScope, locationId: string, event: FulfillmentGroupEvent): Record<string, unknown> => {
  scope.send('fulfillment', locationId, event, 'locationId');
  return {
    locationId,
    ...('invoiceId' in event ? { invoiceId: event.invoiceId } : {}),
    ...('packingSlipId' in event ? { packingSlipId: event.packingSlipId } : {}),
    ...('pickListId' in event ? { pickListId: event.pickListId } : {}),
  };
};

const delivery = (scope: CommandScope, command: Parameters<typeof deliveryRequest>[0]) => toRegister(scope, command.registerId, { type: 'SET_DELIVERY', request: deliveryRequest(command) });

export const commandHandlers: Handlers = {
  'clock.advance': (scope, command) => {
    scope.parts.clock.now += command.ms;
    return { now: scope.now };
  },
  'register.openShift': openRegisterShift,
  'register.closeShift': closeRegisterShift,
  'register.addItem': (scope, c) => toRegister(scope, c.registerId, { type: 'ADD_ITEM', transactionId: transactionIdFor(scope, c.registerId), productId: c.productId, quantity: c.quantity, unitPrice: c.unitPrice, approverId: c.approverId }),
  'register.setQuantity': (scope, c) => toRegister(scope, c.registerId, { type: 'SET_QUANTITY', lineId: c.lineId, quantity: c.quantity }),
  'register.removeLine': (scope, c) => toRegister(scope, c.registerId, { type: 'REMOVE_LINE', lineId: c.lineId }),
  'register.selectLine': (scope, c) => toRegister(scope, c.registerId, { type: 'SELECT_LINE', lineId: c.lineId }),
  'register.setCustomer': (scope, c) => toRegister(scope, c.registerId, { type: 'SET_CUSTOMER', transactionId: transactionIdFor(scope, c.registerId), customerId: scope.customerIdOf(c.customerId) }),
  'register.shipAll': delivery,
  'register.shipSelected': delivery,
  'register.changeModeOfDelivery': delivery,
  'register.pickupAll': delivery,
  'register.pickupSelected': delivery,
  'register.carryOutAll': delivery,
  'register.carryOutSelected': delivery,
  'register.setOrderType': (scope, c) => toRegister(scope, c.registerId, { type: 'SET_ORDER_TYPE', orderType: c.orderType }),
  'register.overrideDeposit': (scope, c) => toRegister(scope, c.registerId, { type: 'OVERRIDE_DEPOSIT', amount: c.amount, approverId: c.approverId }),
  'register.addCharge': (scope, c) => toRegister(scope, c.registerId, { type: 'ADD_CHARGE', level: c.level, lineId: c.lineId, chargeCode: c.chargeCode, amount: c.amount, reasonCode: c.reasonCode, approverId: c.approverId }),
  'register.overrideCharge': (scope, c) => toRegister(scope, c.registerId, { type: 'OVERRIDE_CHARGE', key: c.key, amount: c.amount, reasonCode: c.reasonCode, approverId: c.approverId }),
  'register.recalculate': (scope, c) => toRegister(scope, c.registerId, { type: 'RECALCULATE' }),
  'register.approveQuote': (scope, c) => toRegister(scope, c.registerId, { type: 'APPROVE_QUOTE', approverId: c.approverId }),
  'register.tender': tender,
  'register.void': (scope, c) => toRegister(scope, c.registerId, { type: 'VOID' }),
  'register.recallOrder': recallOrder,
  'register.adjustCancellationCharge': (scope, c) => toRegister(scope, c.registerId, { type: 'ADJUST_CANCELLATION_CHARGE', amount: c.amount, approverId: c.approverId }),
  'register.startReturn': startReturn,
  'register.emailReceipt': emailReceipt,
  'register.setReturnLines': (scope, c) => toRegister(scope, c.registerId, { type: 'SET_RETURN_LINES', lines: c.lines, invoiceId: c.invoiceId }),
  'order.approveQuote': (scope, c) => {
    scope.send('order', c.orderId, { type: 'APPROVE_QUOTE' }, 'orderId');
    return { orderId: c.orderId };
  },
  'fulfillment.accept': (scope, c) => toLocation(scope, c.locationId, { type: 'ACCEPT', operatorId: c.operatorId, lines: c.lines }),
  'fulfillment.printPickList': (scope, c) => toLocation(scope, c.locationId, { type: 'PRINT_PICK_LIST', operatorId: c.operatorId, pickListId: scope.ids.next('PL'), lines: c.lines }),
  'fulfillment.pick': (scope, c) => toLocation(scope, c.locationId, { type: 'PICK', operatorId: c.operatorId, lines: c.lines }),
  'fulfillment.pack': (scope, c) => toLocation(scope, c.locationId, { type: 'PACK', operatorId: c.operatorId, orderId: c.orderId, packingSlipId: scope.ids.next('PS'), lines: c.lines }),
  'fulfillment.ship': (scope, c) => toLocation(scope, c.locationId, { type: 'SHIP', operatorId: c.operatorId, orderId: c.orderId, invoiceId: scope.ids.next('INV'), lines: c.lines }),
  'fulfillment.reject': (scope, c) => toLocation(scope, c.locationId, { type: 'REJECT', operatorId: c.operatorId, lines: c.lines }),
  'customer.create': createCustomer,
  'customer.edit': editCustomer,
  'customer.issueLoyaltyCard': issueLoyaltyCard,
  'customer.addToAddressBook': addToAddressBook,
  'sync.setLink': (scope, c) => {
    const before = linkState(scope.snapshot('sync', c.storeId, 'storeId'));
    if (before !== c.state) scope.send('sync', c.storeId, { type: c.state === 'online' ? 'GO_ONLINE' : c.state === 'degraded' ? 'GO_DEGRADED' : 'GO_OFFLINE' }, 'state');
    return { storeId: c.storeId, link: c.state, changed: before !== c.state, pending: scope.parts.outbound.size(c.storeId) };
  },
  'sync.acknowledge': (scope, c) => acknowledge(scope, c.storeId, c.keys),
  'sync.applyDistribution': (scope, c) => applyDistribution(scope, c.storeId, c.package),
  'sync.reseed': (scope, c) => {
    scope.ids.moveOn(c.counters, c.rng, c.reserved);
    return { counters: c.counters, ...(c.rng === undefined ? {} : { rng: c.rng }), ...(Object.keys(c.reserved).length === 0 ? {} : { reserved: c.reserved }) };
  },
  // FF-7: headquarters resets rejected lines at the locations that rejected them.
  'headquarters.resetFulfillment': (scope, c) => {
    const order = scope.context('order', c.orderId, 'orderId');
    const lines = order.lines.filter((l) => c.lineIds.includes(l.lineId));
    const locations = new Set(lines.map((l) => l.delivery.locationId));
    if (locations.size === 0) refuse('NOT_FOUND', `order ${c.orderId} has none of these lines`, 'lineIds');
    for (const locationId of locations) {
      const lineIds = lines.filter((l) => l.delivery.locationId === locationId).map((l) => l.lineId);
      scope.send('fulfillment', locationId, { type: 'RESET_FULFILLMENT', orderId: c.orderId, lineIds }, 'lineIds');
    }
    return { orderId: c.orderId };
  },
};

/** Applies a command in its scope; what it returns is the command's result. */
export function handle(scope: CommandScope, command: Command): Record<string, unknown> {
  return (commandHandlers[command.type] as (scope: CommandScope, command: Command) => Record<string, unknown>)(scope, command);
}
