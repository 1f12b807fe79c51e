/**
 * The sales office's `sales.*` commands (SM-1..SM-15), one planner each: a planner reads the office, works out every
 * new record with the pure rules, asks each actor whether it takes its event, and returns the changes to make (or
 * the first refusal, its field named). Nothing is changed until every check passed (engine/sales-office.ts).
 */
import { linkToParty } from '../domain/marketing/parties.ts';
import { checkAgreement, changeLinePrice, linkLine, moveShipDate, releaseOrder, type SalesAgreement } from '../domain/sales/agreements.ts';
import { changeConfirmedShipDate, markCustomerNotified, splitOnHand } from '../domain/sales/backorders.ts';
import { postInvoice, postPackingSlip, type OrderPostings } from '../domain/sales/documents.ts';
import { postFreeTextInvoice, type FreeTextInvoiceEntry, type FreeTextTaxSetup } from '../domain/sales/free-text-invoice.ts';
import { drawNumber } from '../domain/sales/number-sequence.ts';
import type { SalesOfficeConfig } from '../domain/sales/office-config.ts';
import { addOnHand, checkPurchaseOrderLine, openQuantity } from '../domain/sales/purchase-orders.ts';
import type { Quotation } from '../domain/sales/quotation.ts';
import { channelFor } from '../domain/call-center/channel.ts';
import type { SubmittedCallCenterOrder } from '../domain/call-center-submission.ts';
import { newReturnedOrder, newSalesOrder, reserveLines, salesOrderStatus, type LineQuantity, type NewSalesLine } from '../domain/sales/sales-order.ts';
import type { PurchaseOrderLine, SalesLine, SalesOrderRecord } from '../domain/sales/types.ts';
import { isViolation, violation, type RuleViolation } from '../domain/violation.ts';
import type { FreeTextFields, SalesCommand } from '../protocol/sales.ts';
import type { SalesOffice } from '../sales-office.ts';
import { at, firstOf, linkEntered, newQuotationOf, pricedLine, quotedOrder, releaseContext, warehouseOf, type Plan, type Planned, type Planner } from './plan.ts';

function customerOf(office: SalesOffice, customerAccount: string): RuleViolation | null {
  return office.host.customer(customerAccount) === undefined ? violation('NOT_FOUND', `headquarters has no customer account "${customerAccount}"`, 'customerAccount') : null;
}

function reserved(office: SalesOffice, record: SalesOrderRecord): SalesOrderRecord {
  if (record.header.type === 'journal' || record.header.type === 'returnedOrder') return record;
  const result = reserveLines(record, office.available());
  return isViolation(result) ? record : result;
}

const nextLineId = (record: SalesOrderRecord) => `${record.header.salesOrderId}-${record.lines.length + 1}`;

function openOrder(office: SalesOffice, salesOrderId: string): SalesOrderRecord | RuleViolation {
  const record = office.order(salesOrderId);
  if (isViolation(record)) return record;
  const status = salesOrderStatus(record);
  return status === 'openOrder' ? record : violation('SM-2', `order ${salesOrderId} is ${status === 'delivered' ? 'delivered' : status}: its lines no longer change`, 'salesOrderId');
}

function swapOrder(office: SalesOffice, record: SalesOrderRecord, result: Record<string, unknown>): Plan {
  return { changes: [() => office.orders.replace(record.header.salesOrderId, record)], result: { salesOrderId: record.header.salesOrderId, ...result } };
}

const quantitiesOn = (record: SalesOrderRecord, invoiced: { salesOrderId: string | null; lineId: string | null; quantity: number }[]): LineQuantity[] =>
  invoiced.filter((l) => l.salesOrderId === record.header.salesOrderId && l.lineId !== null).map((l) => ({ lineId: l.lineId!, quantity: l.quantity }));

function planInvoice(office: SalesOffice, orders: OrderPostings[], selection: { from: 'orders' } | { from: 'packingSlips'; packingSlipIds: string[] }): Planned {
  const posted = postInvoice({ ...selection, orders, invoiceDate: office.today }, () => office.taxRate(), office.numbers);
  if (isViolation(posted)) return posted;
  const events = orders.map((o) => ({ id: o.order.header.salesOrderId, event: { type: 'INVOICE' as const, lines: quantitiesOn(o.order, posted.invoice.lines) } }));
  const refused = firstOf(...events.map(({ id, event }) => office.orders.refusal(id, event)));
  if (refused !== null) return refused;
  const ids = new Set(events.map((e) => e.id));
  return {
    changes: [() => {
      office.numbers = posted.numbering;
      office.records.invoices[posted.invoice.invoiceId] = posted.invoice;
      for (const { id, event } of events) office.orders.send(id, event);
      for (const stamped of posted.orders) for (const slip of stamped.packingSlips) office.records.packingSlips[slip.packingSlipId] = slip;
      office.records.transactions = [...office.records.transactions.filter((t) => !ids.has(t.salesOrderId)), ...posted.orders.flatMap((o) => o.transactions)];
    }],
    result: { invoiceId: posted.invoice.invoiceId, total: posted.invoice.total, salesOrderIds: [...ids] },
  };
}

function ordersOfSlips(office: SalesOffice, packingSlipIds: readonly string[]): SalesOrderRecord[] | RuleViolation {
  const orders = new Map<string, SalesOrderRecord>();
  for (const [i, packingSlipId] of packingSlipIds.entries()) {
    const slip = office.records.packingSlips[packingSlipId];
    if (slip === undefined) return violation('NOT_FOUND', `there is no packing slip "${packingSlipId}"`, `packingSlipIds.${i}`);
    const record = office.order(slip.salesOrderId);
    if (isViolation(record)) return record;
    orders.set(slip.salesOrderId, record);
  }
  return [...orders.values()];
}

export const SALES_PLANNERS: { [T in SalesCommand['type']]: Planner<T> } = {
  'sales.createOrder': (office, config, command) => {
    const refused = customerOf(office, command.customerAccount);
    if (refused !== null) return refused;
    // SM-4: Item requirements come only of a project's item sale: every line a project item.
    const notProject = command.orderType === 'itemRequirements' ? command.lines.findIndex((l) => !config.projectItems.includes(l.productId)) : -1;
    if (notProject >= 0) return violation('SM-4', `${command.lines[notProject]!.productId} is not a project item: item requirements are made by a project's item sale`, `lines.${notProject}.productId`);
    const salesOrderId = office.nextNumber(config.numberSequences.salesOrder);
    const sign = command.orderType === 'returnedOrder' ? -1 : 1;
    const lines: NewSalesLine[] = [];
    for (const [i, entry] of command.lines.entries()) {
      const line = pricedLine(office, config, command.customerAccount, entry, `${salesOrderId}-${i + 1}`, sign);
      if (isViolation(line)) return at(line, `lines.${i}`);
      lines.push(line);
    }
    const input = {
      salesOrderId, customerAccount: command.customerAccount, currency: office.catalog.config.currency, orderDate: office.today, priority: command.priority,
      origin: 'backOffice' as const, projectId: command.projectId ?? null, warehouseManaged: config.warehouseManagedProducts, lines,
    };
    const made = command.orderType === 'returnedOrder' ? newReturnedOrder(input, office.numbers) : newSalesOrder({ ...input, type: command.orderType });
    if (isViolation(made)) return made;
    const record = linkEntered(office, config, 'record' in made ? made.record : made, command.lines.map((l) => l.agreement), (i) => `lines.${i}`);
    if (isViolation(record)) return record;
    const numbering = 'numbering' in made ? made.numbering : office.numbers;
    return {
      changes: [() => {
        office.numbers = drawNumber(numbering, config.numberSequences.salesOrder).numbering;
        office.orders.add(salesOrderId, reserved(office, record));
      }],
      result: { salesOrderId, rmaNumber: record.header.rmaNumber },
    };
  },
  'sales.confirmOrder': (office, _config, command) => {
    const event = { type: 'CONFIRM' as const, on: office.today };
    const refused = office.orders.refusal(command.salesOrderId, event);
    if (refused !== null) return refused;
    return { changes: [() => office.orders.send(command.salesOrderId, event)], result: { salesOrderId: command.salesOrderId } };
  },
  'sales.changeOrderType': (office, config, command) => {
    const rmaNumber = command.orderType === 'returnedOrder' ? drawNumber(office.numbers, 'RMA') : null;
    const event = { type: 'CHANGE_TYPE' as const, to: command.orderType, available: office.available(), warehouseManaged: config.warehouseManagedProducts, rmaNumber: rmaNumber?.number ?? null };
    const refused = office.orders.refusal(command.salesOrderId, event);
    if (refused !== null) return refused;
    return {
      changes: [() => {
        if (rmaNumber !== null) office.numbers = rmaNumber.numbering;
        office.orders.send(command.salesOrderId, event);
      }],
      result: { salesOrderId: command.salesOrderId, type: command.orderType },
    };
  },
  'sales.addLine': (office, config, command) => {
    const record = openOrder(office, command.salesOrderId);
    if (isViolation(record)) return record;
    const line = pricedLine(office, config, record.header.customerAccount, command.line, nextLineId(record), record.header.type === 'returnedOrder' ? -1 : 1);
    if (isViolation(line)) return at(line, 'line');
    const made = newSalesOrder({ ...record.header, type: record.header.type, warehouseManaged: config.warehouseManagedProducts, lines: [line] });
    if (isViolation(made)) return at(made, 'line');
    const withLine = { header: record.header, lines: [...record.lines, made.lines[0]!] };
    const linked = linkEntered(office, config, withLine, [command.line.agreement], () => 'line', record.lines.length);
    if (isViolation(linked)) return linked;
    return swapOrder(office, reserved(office, linked), { lineId: line.lineId });
  },
  'sales.changeLine': (office, config, command) => {
    const record = openOrder(office, command.salesOrderId);
    if (isViolation(record)) return record;
    let line: SalesLine | RuleViolation | undefined = record.lines.find((l) => l.lineId === command.lineId);
    if (line === undefined) return violation('NOT_FOUND', `order ${command.salesOrderId} has no line ${command.lineId}`, 'lineId');
    const state = line.agreement === null ? null : office.agreementState(line.agreement.agreementId);
    if (isViolation(state)) return state;
    const pricing = office.pricingFor(config, record.header.customerAccount);
    // SM-8: a ship date moved outside the agreement's dates, or a fixed price changed, unlinks the line.
    if (command.requestedShipDate !== undefined) line = moveShipDate(state, line, command.requestedShipDate, pricing);
    if (!isViolation(line) && (command.unitPrice !== undefined || command.discount !== undefined)) {
      line = changeLinePrice(state, line, { unitPrice: command.unitPrice ?? line.unitPrice, discount: command.discount ?? line.discount }, pricing);
    }
    if (isViolation(line)) return line;
    const changed = line;
    return swapOrder(office, { header: record.header, lines: record.lines.map((l) => (l.lineId === command.lineId ? changed : l)) }, { lineId: command.lineId, linked: changed.agreement !== null });
  },
  'sales.cancelRemainder': (office, _config, command) => {
    const event = { type: 'CANCEL_REMAINDERS' as const, lineIds: command.lineIds ?? null };
    const refused = office.orders.refusal(command.salesOrderId, event);
    if (refused !== null) return refused;
    return { changes: [() => office.orders.send(command.salesOrderId, event)], result: { salesOrderId: command.salesOrderId } };
  },
  'sales.changeConfirmedDate': (office, _config, command) => {
    const record = office.order(command.salesOrderId);
    if (isViolation(record)) return record;
    const moved = changeConfirmedShipDate(record, command.lineId, command.confirmedShipDate);
    if (isViolation(moved)) return moved;
    return swapOrder(office, moved, { lineId: command.lineId, notifyCustomer: moved.lines.find((l) => l.lineId === command.lineId)!.notifyCustomer });
  },
  'sales.markCustomerNotified': (office, _config, command) => {
    const record = office.order(command.salesOrderId);
    if (isViolation(record)) return record;
    const told = markCustomerNotified(record, command.lineId);
    return isViolation(told) ? told : swapOrder(office, told, { lineId: command.lineId });
  },
  'sales.postPackingSlip': (office, _config, command) => {
    const record = office.order(command.salesOrderId);
    if (isViolation(record)) return record;
    const posted = postPackingSlip(office.postingsOf(record), { postedOn: office.today, lines: command.lines }, office.numbers);
    if (isViolation(posted)) return posted;
    const event = { type: 'DELIVER' as const, lines: command.lines };
    const refused = office.orders.refusal(command.salesOrderId, event);
    if (refused !== null) return refused;
    const slip = posted.packingSlip;
    return {
      changes: [() => {
        office.numbers = posted.numbering;
        office.orders.send(command.salesOrderId, event);
        office.records.packingSlips[slip.packingSlipId] = slip;
        office.records.transactions = [...office.records.transactions, ...posted.postings.transactions.filter((t) => t.packingSlipId === slip.packingSlipId)];
        // Stock leaves the warehouse on the slip (a returned order's negative lines bring it back, SM-4).
        for (const line of slip.lines) {
          const warehouseId = record.lines.find((l) => l.lineId === line.lineId)!.warehouseId;
          office.records.onHand = addOnHand(office.records.onHand, line.productId, warehouseId, -line.quantity);
        }
      }],
      result: { salesOrderId: command.salesOrderId, packingSlipId: slip.packingSlipId },
    };
  },
  'sales.invoiceOrder': (office, _config, command) => {
    const record = office.order(command.salesOrderId);
    if (isViolation(record)) return record;
    return planInvoice(office, [office.postingsOf(record)], { from: 'orders' });
  },
  'sales.invoicePackingSlips': (office, _config, command) => {
    const orders = ordersOfSlips(office, command.packingSlipIds);
    if (isViolation(orders)) return orders;
    return planInvoice(office, orders.map((o) => office.postingsOf(o)), { from: 'packingSlips', packingSlipIds: command.packingSlipIds });
  },
  'sales.collectiveInvoice': (office, _config, command) => {
    const bySlips = ordersOfSlips(office, command.packingSlipIds);
    if (isViolation(bySlips)) return bySlips;
    const orders = new Map(bySlips.map((o) => [o.header.salesOrderId, o]));
    for (const [i, salesOrderId] of command.salesOrderIds.entries()) {
      const record = office.order(salesOrderId);
      if (isViolation(record)) return { ...record, field: `salesOrderIds.${i}` };
      orders.set(salesOrderId, record);
    }
    if (orders.size === 0) return violation('VALIDATION', 'choose the orders or packing slips to invoice together', 'salesOrderIds');
    const other = [...orders.values()].find((o) => o.header.customerAccount !== command.customerAccount);
    if (other !== undefined) return violation('SM-12', `a collective invoice bills one invoice account: order ${other.header.salesOrderId} is billed to ${other.header.customerAccount}`, 'customerAccount');
    const postings = [...orders.values()].map((o) => office.postingsOf(o));
    return command.packingSlipIds.length > 0
      ? planInvoice(office, postings, { from: 'packingSlips', packingSlipIds: command.packingSlipIds })
      : planInvoice(office, postings, { from: 'orders' });
  },
  'sales.freeTextInvoice': (office, config, command) => {
    const entry = freeTextEntry(office, config, command);
    if (isViolation(entry)) return entry;
    const posted = postFreeTextInvoice(entry, freeTextSetup(office, config), office.numbers);
    if (isViolation(posted)) return posted;
    return {
      changes: [() => { office.numbers = posted.numbering; office.records.invoices[posted.invoice.invoiceId] = posted.invoice; }],
      result: { invoiceId: posted.invoice.invoiceId, total: posted.invoice.total },
    };
  },
  'sales.createQuotation': (office, config, command) => {
    const party = office.party(command.partyId);
    if (isViolation(party)) return party;
    const quotationId = office.nextNumber(config.numberSequences.quotation);
    const quotation = newQuotationOf(office, config, party, quotationId, command.expiryDate, command.lines, command.campaignId ?? null);
    if (isViolation(quotation)) return quotation;
    return {
      changes: [() => {
        office.numbers = drawNumber(office.numbers, config.numberSequences.quotation).numbering;
        office.quotations.add(quotationId, quotation);
        office.records.parties[party.partyId] = linkToParty(party, 'quotationIds', quotationId);
      }],
      result: { quotationId },
    };
  },
  'sales.sendQuotation': (office, _config, command) => quotationEvent(office, command.quotationId, { type: 'SEND', on: office.today }),
  'sales.loseQuotation': (office, _config, command) => quotationEvent(office, command.quotationId, { type: 'MARK_LOST', reason: command.reason, on: office.today }),
  'sales.cancelQuotation': (office, _config, command) => quotationEvent(office, command.quotationId, { type: 'CANCEL', reason: command.reason, on: office.today }),
  'sales.extendQuotation': (office, _config, command) => quotationEvent(office, command.quotationId, { type: 'EXTEND_EXPIRY', expiryDate: command.expiryDate, on: office.today }),
  'sales.confirmQuotation': (office, config, command) => {
    const snapshot = office.quotations.find(command.quotationId);
    if ('rule' in snapshot) return snapshot;
    if (command.pickupStoreId !== undefined) return planPickup(office, command.operatorId, snapshot.context, command.pickupStoreId);
    const terms = { salesOrderId: office.nextNumber(config.numberSequences.salesOrder), on: office.today, priority: 5 };
    const event = { type: 'CONFIRM' as const, ...terms };
    const refused = office.quotations.refusal(command.quotationId, event);
    if (refused !== null) return refused;
    const salesOrder = quotedOrder(office, config, snapshot.context, terms.salesOrderId, terms.priority);
    if (isViolation(salesOrder)) return salesOrder;
    return {
      changes: [() => {
        office.numbers = drawNumber(office.numbers, config.numberSequences.salesOrder).numbering;
        office.quotations.send(command.quotationId, event);
        office.orders.add(terms.salesOrderId, reserved(office, salesOrder));
      }],
      result: { quotationId: command.quotationId, salesOrderId: terms.salesOrderId },
    };
  },
  'sales.createAgreement': (office, config, command) => {
    const refused = customerOf(office, command.customerAccount);
    if (refused !== null) return refused;
    const agreement: SalesAgreement = {
      agreementId: office.nextNumber(config.numberSequences.agreement), customerAccount: command.customerAccount, currency: office.catalog.config.currency,
      effective: command.effective, expiration: command.expiration, commitments: [],
    };
    const wrong = checkAgreement(agreement);
    if (wrong !== null) return wrong;
    return {
      changes: [() => { office.numbers = drawNumber(office.numbers, config.numberSequences.agreement).numbering; office.agreements.add(agreement.agreementId, { agreement }); }],
      result: { agreementId: agreement.agreementId },
    };
  },
  'sales.addCommitment': (office, _config, command) => {
    const state = office.agreementState(command.agreementId);
    if (isViolation(state)) return state;
    const commitment = { ...command.commitment, commitmentId: `${command.agreementId}-${state.agreement.commitments.length + 1}` };
    if (commitment.productId !== null && !office.catalog.products.has(commitment.productId)) return violation('NOT_FOUND', `there is no product "${commitment.productId}"`, 'commitment.productId');
    return agreementEvent(office, command.agreementId, { type: 'SET_COMMITMENT', commitment }, { commitmentId: commitment.commitmentId });
  },
  'sales.makeAgreementEffective': (office, _config, command) => agreementEvent(office, command.agreementId, { type: 'MAKE_EFFECTIVE', on: office.today }, {}),
  'sales.closeAgreement': (office, _config, command) => agreementEvent(office, command.agreementId, { type: 'CLOSE', on: office.today }, {}),
  'sales.releaseOrder': (office, config, command) => {
    const state = office.agreementState(command.agreementId);
    if (isViolation(state)) return state;
    const customerAccount = state.agreement.customerAccount;
    const salesOrderId = office.nextNumber(config.numberSequences.salesOrder);
    const lines: NewSalesLine[] = [];
    for (const [i, entry] of command.lines.entries()) {
      const line = pricedLine(office, config, customerAccount, entry, `${salesOrderId}-${i + 1}`, 1);
      if (isViolation(line)) return at(line, `lines.${i}`);
      lines.push(line);
    }
    const made = newSalesOrder({ salesOrderId, type: 'salesOrder', customerAccount, currency: state.agreement.currency, orderDate: office.today, origin: 'agreementRelease', warehouseManaged: config.warehouseManagedProducts, lines });
    if (isViolation(made)) return made;
    const released = releaseOrder(state, made.header, made.lines.map((line, i) => ({ line, commitmentId: command.lines[i]!.commitmentId })), releaseContext(office, config, command.agreementId, made, null));
    if (isViolation(released)) return released;
    return {
      changes: [() => { office.numbers = drawNumber(office.numbers, config.numberSequences.salesOrder).numbering; office.orders.add(salesOrderId, reserved(office, released)); }],
      result: { salesOrderId, agreementId: command.agreementId },
    };
  },
  'sales.linkLine': (office, config, command) => {
    const record = openOrder(office, command.salesOrderId);
    if (isViolation(record)) return record;
    const line = record.lines.find((l) => l.lineId === command.lineId);
    if (line === undefined) return violation('NOT_FOUND', `order ${command.salesOrderId} has no line ${command.lineId}`, 'lineId');
    const state = office.agreementState(command.agreementId);
    if (isViolation(state)) return state;
    const linked = linkLine(state, record.header, line, command.commitmentId, releaseContext(office, config, command.agreementId, record, line));
    if (isViolation(linked)) return linked;
    return swapOrder(office, { header: record.header, lines: record.lines.map((l) => (l === line ? linked : l)) }, { lineId: command.lineId, agreementId: command.agreementId });
  },
  'sales.createPurchaseLine': (office, config, command) => {
    if (!config.vendors.some((v) => v.vendorAccount === command.vendorAccount)) return violation('NOT_FOUND', `there is no vendor "${command.vendorAccount}"`, 'vendorAccount');
    if (!office.catalog.products.has(command.productId)) return violation('NOT_FOUND', `there is no product "${command.productId}"`, 'productId');
    const warehouseId = warehouseOf(config, command.warehouseId);
    if (isViolation(warehouseId)) return warehouseId;
    const line: PurchaseOrderLine = {
      purchaseOrderId: office.nextNumber(config.numberSequences.purchaseOrder), lineId: '1', vendorAccount: command.vendorAccount, productId: command.productId,
      warehouseId, quantity: command.quantity, received: 0, expectedDate: command.expectedDate,
    };
    const wrong = checkPurchaseOrderLine(line);
    if (wrong !== null) return wrong;
    return {
      changes: [() => { office.numbers = drawNumber(office.numbers, config.numberSequences.purchaseOrder).numbering; office.records.purchaseLines[`${line.purchaseOrderId}/${line.lineId}`] = line; }],
      result: { purchaseOrderId: line.purchaseOrderId, lineId: line.lineId },
    };
  },
  'sales.receivePurchaseLine': (office, _config, command) => {
    const line = office.records.purchaseLines[`${command.purchaseOrderId}/${command.lineId}`];
    if (line === undefined) return violation('NOT_FOUND', `there is no purchase order line ${command.purchaseOrderId}/${command.lineId}`, 'purchaseOrderId');
    if (command.quantity > openQuantity(line)) return violation('SM-10', `purchase order line ${command.purchaseOrderId}/${command.lineId} has ${openQuantity(line)} still to receive`, 'quantity');
    const onHand = addOnHand(office.records.onHand, line.productId, line.warehouseId, command.quantity);
    // SM-11: the received stock goes to the item's backorder lines still On order, by priority, oldest date, order number.
    const free = office.available().map((h) => (h.productId === line.productId && h.warehouseId === line.warehouseId ? { ...h, quantity: h.quantity + command.quantity } : h));
    const freeOf = free.some((h) => h.productId === line.productId && h.warehouseId === line.warehouseId) ? free : [...free, { productId: line.productId, warehouseId: line.warehouseId, quantity: command.quantity }];
    const waiting = office.orderRecords()
      .filter((o) => o.header.type !== 'journal' && o.header.type !== 'returnedOrder')
      .map((o) => ({ header: o.header, lines: o.lines.filter((l) => l.inventory === 'onOrder' && l.productId === line.productId && l.warehouseId === line.warehouseId) }));
    const split = splitOnHand(waiting, freeOf.filter((h) => h.productId === line.productId && h.warehouseId === line.warehouseId), office.today);
    const reserving = [...new Set(split.allocations.filter((a) => a.allocated > 0 && a.stillBackordered === 0).map((a) => a.salesOrderId))].map((salesOrderId) => ({
      salesOrderId,
      event: { type: 'RESERVE' as const, available: split.allocations.filter((a) => a.salesOrderId === salesOrderId && a.stillBackordered === 0).map((a) => ({ productId: a.productId, warehouseId: a.warehouseId, quantity: a.allocated })) },
    }));
    const refused = firstOf(...reserving.map((r) => office.orders.refusal(r.salesOrderId, r.event)));
    if (refused !== null) return refused;
    return {
      changes: [() => {
        office.records.purchaseLines[`${line.purchaseOrderId}/${line.lineId}`] = { ...line, received: line.received + command.quantity };
        office.records.onHand = onHand;
        for (const r of reserving) office.orders.send(r.salesOrderId, r.event);
      }],
      result: { purchaseOrderId: line.purchaseOrderId, allocations: split.allocations },
    };
  },
};

function quotationEvent(office: SalesOffice, quotationId: string, event: Parameters<SalesOffice['quotations']['send']>[1]): Planned {
  const refused = office.quotations.refusal(quotationId, event);
  return refused ?? { changes: [() => office.quotations.send(quotationId, event)], result: { quotationId } };
}

function agreementEvent(office: SalesOffice, agreementId: string, event: Parameters<SalesOffice['agreements']['send']>[1], result: Record<string, unknown>): Planned {
  const refused = office.agreements.refusal(agreementId, event);
  return refused ?? { changes: [() => office.agreements.send(agreementId, event)], result: { agreementId, ...result } };
}

/** SM-14: the sales tax groups are the chain's tax groups; the item tax groups the office's. */
export function freeTextSetup(office: SalesOffice, config: SalesOfficeConfig): FreeTextTaxSetup {
  return { salesTaxGroups: office.catalog.taxGroups, itemTaxGroups: new Map(config.itemTaxGroups.map((g) => [g.id, g])) };
}

/**
 * Issue 13: a quotation confirmed for pickup at a store. Its sales order is the one headquarters makes of a call-center
 * order (the path the call center's orders take to the store that fulfils them: engine/domain/call-center-submission.ts),
 * entered by the confirming clerk (carried by their call center, else the chain's first), every line picked up at the store at the quoted price;
 * the store takes the payment at pickup. The office keeps no order of its own for it (the record is headquarters').
 */
function planPickup(office: SalesOffice, operatorId: string, quotation: Quotation, storeId: string): Planned {
  const store = office.catalog.stores.get(storeId);
  if (store === undefined) return violation('NOT_FOUND', `there is no store "${storeId}"`, 'pickupStoreId');
  // The clerk's own call center carries it, else the chain's first: a sales clerk need not be a member (CC-2 is the desk's rule).
  const channel = channelFor(office.catalog.config.callCenters, operatorId);
  const callCenter = channel.kind === 'callCenter' ? channel.callCenter : office.catalog.config.callCenters[0];
  if (callCenter === undefined) return violation('NOT_FOUND', 'the chain has no call center to carry a pickup order to the store', 'pickupStoreId');
  const pickupMode = office.catalog.config.parameters.pickupMode;
  const order: SubmittedCallCenterOrder = {
    orderId: quotation.quotationId, callCenterId: callCenter.id, enteredBy: operatorId, enteredIn: 'salesOffice', customerId: quotation.customerAccount ?? '',
    header: { modeCode: pickupMode }, charges: [], payments: [],
    lines: quotation.lines.map((l) => ({ lineId: l.lineId, productId: l.productId, quantity: l.quantity, unitPrice: l.unitPrice, ...(l.discount === 0 ? {} : { discount: l.discount }), modeCode: pickupMode, locationId: store.locationId })),
  };
  // The quotation's own checks (SM-6) first, with the number headquarters will give (any number checks alike).
  const refused = office.quotations.refusal(quotation.quotationId, { type: 'CONFIRM', salesOrderId: quotation.quotationId, on: office.today, priority: 5 }) ?? office.host.checkPickup(order);
  if (refused !== null) return refused.field?.startsWith('order.') ? { ...refused, field: 'pickupStoreId' } : refused;
  const result: Record<string, unknown> = { quotationId: quotation.quotationId, pickupStoreId: storeId };
  return {
    changes: [() => {
      const accepted = office.host.acceptPickup(order);
      office.quotations.send(quotation.quotationId, { type: 'CONFIRM', salesOrderId: accepted.salesOrderId, on: office.today, priority: 5 });
      Object.assign(result, accepted);
    }],
    result,
  };
}

/** SM-14: a free text invoice as entered (posted, or printed pro forma): a known customer, each line on a known main account. */
export function freeTextEntry(office: SalesOffice, config: SalesOfficeConfig, entered: FreeTextFields): FreeTextInvoiceEntry | RuleViolation {
  const refused = customerOf(office, entered.customerAccount);
  if (refused !== null) return refused;
  const unknownAccount = entered.lines.findIndex((l) => !config.mainAccounts.some((a) => a.id === l.mainAccount));
  if (unknownAccount >= 0) return violation('NOT_FOUND', `there is no main account "${entered.lines[unknownAccount]!.mainAccount}"`, `lines.${unknownAccount}.mainAccount`);
  return {
    customerAccount: entered.customerAccount, currency: office.catalog.config.currency, invoiceDate: office.today,
    lines: entered.lines.map((l) => ({ ...l, salesTaxGroup: entered.salesTaxGroup, itemTaxGroup: entered.itemTaxGroup })),
  };
}
