/**
 * The sales office's commands, one planner each: a planner reads the office, works out every new record with the
 * pure rules, asks each actor whether it takes its event, and returns the changes to make (or the first refusal,
 * its field named). Nothing is changed until every check passed (engine/sales-office.ts runs the changes).
 */
import { convertToCustomer, linkToParty, addRole, newProspect, type Party } from '../domain/marketing/parties.ts';
import { newLead, qualifyLead, winOpportunity, type Opportunity } from '../domain/marketing/pipeline.ts';
import { newCampaign, opportunityFromResponse, recordResponse, requestQuotation, type TargetChoice } from '../domain/marketing/campaigns.ts';
import { checkAgreement, changeLinePrice, linkLine, moveShipDate, releaseOrder, type ReleaseContext, type SalesAgreement } from '../domain/sales/agreements.ts';
import { changeConfirmedShipDate, markCustomerNotified, splitOnHand } from '../domain/sales/backorders.ts';
import { postInvoice, postPackingSlip, type OrderPostings } from '../domain/sales/documents.ts';
import { postFreeTextInvoice } from '../domain/sales/free-text-invoice.ts';
import { drawNumber } from '../domain/sales/number-sequence.ts';
import type { SalesOfficeConfig } from '../domain/sales/office-config.ts';
import { resolveSalesPrice } from '../domain/sales/prices.ts';
import { addOnHand, checkPurchaseOrderLine, openQuantity } from '../domain/sales/purchase-orders.ts';
import { confirmQuotation, createQuotation, type QuotationLine } from '../domain/sales/quotation.ts';
import { newReturnedOrder, newSalesOrder, reserveLines, salesOrderStatus, type LineQuantity, type NewSalesLine } from '../domain/sales/sales-order.ts';
import type { PurchaseOrderLine, SalesLine, SalesOrderRecord } from '../domain/sales/types.ts';
import { isViolation, violation, type RuleViolation } from '../domain/violation.ts';
import type { SalesOfficeCommand } from '../protocol/sales.ts';
import type { SalesOffice } from '../sales-office.ts';

export interface Plan { changes: (() => void)[]; result: Record<string, unknown> }
type Planned = Plan | RuleViolation;
type Of<T extends SalesOfficeCommand['type']> = Extract<SalesOfficeCommand, { type: T }>;
type LineEntry = Of<'sales.addLine'>['line'];

const at = (refusal: RuleViolation, prefix: string): RuleViolation => ({ ...refusal, field: `${prefix}.${refusal.field ?? 'productId'}` });

/** The first refusal among checks (each null when it passes). */
const firstOf = (...refusals: (RuleViolation | null)[]): RuleViolation | null => refusals.find((r) => r !== null) ?? null;

export function planCommand(office: SalesOffice, config: SalesOfficeConfig, command: SalesOfficeCommand): Planned {
  const planner = PLANNERS[command.type] as (office: SalesOffice, config: SalesOfficeConfig, command: SalesOfficeCommand) => Planned;
  return planner(office, config, command);
}

// --- Helpers shared by the planners ---

function customerOf(office: SalesOffice, customerAccount: string): RuleViolation | null {
  return office.host.customer(customerAccount) === undefined ? violation('NOT_FOUND', `headquarters has no customer account "${customerAccount}"`, 'customerAccount') : null;
}

function warehouseOf(config: SalesOfficeConfig, warehouseId: string | undefined): string | RuleViolation {
  const id = warehouseId ?? config.warehouses[0]!.id;
  return config.warehouses.some((w) => w.id === id) ? id : violation('NOT_FOUND', `there is no headquarters warehouse "${id}"`, 'warehouseId');
}

/** SM-15: an entered line priced for the customer (an agreement link is made after, on the order: SM-8). */
function pricedLine(office: SalesOffice, config: SalesOfficeConfig, customerAccount: string, entry: LineEntry, lineId: string, sign: 1 | -1): NewSalesLine | RuleViolation {
  if (!office.catalog.products.has(entry.productId)) return violation('NOT_FOUND', `there is no product "${entry.productId}"`, 'productId');
  const warehouseId = warehouseOf(config, entry.warehouseId);
  if (isViolation(warehouseId)) return warehouseId;
  const quantity = sign * entry.quantity;
  const price = resolveSalesPrice(office.pricingFor(config, customerAccount), { productId: entry.productId, quantity, on: entry.requestedShipDate, agreement: null });
  if (isViolation(price)) return price;
  return { lineId, productId: entry.productId, quantity, unitPrice: price.unitPrice, discount: price.discount, priceSource: price.source, requestedShipDate: entry.requestedShipDate, warehouseId };
}

/** SM-8 / SM-9: what linking needs: the categories, every other line linked to the agreement, the customer's prices. */
function releaseContext(office: SalesOffice, config: SalesOfficeConfig, agreementId: string, customerAccount: string, except: string | null): ReleaseContext {
  const otherLinkedLines = office.orderRecords().flatMap((o) => o.lines).filter((l) => l.agreement?.agreementId === agreementId && l.lineId !== except);
  return { categories: config.productCategories, otherLinkedLines, pricing: office.pricingFor(config, customerAccount) };
}

/** SM-8: links the order's lines entered with an agreement (each checked against the others for Max enforced). */
function linkEntered(office: SalesOffice, config: SalesOfficeConfig, record: SalesOrderRecord, entries: readonly LineEntry[], field: (i: number) => string): SalesOrderRecord | RuleViolation {
  const lines = [...record.lines];
  for (const [i, entry] of entries.entries()) {
    if (entry.agreement === undefined) continue;
    const state = office.agreementState(entry.agreement.agreementId);
    if (isViolation(state)) return at(state, field(i));
    const context = releaseContext(office, config, entry.agreement.agreementId, record.header.customerAccount, null);
    const linked = linkLine(state, record.header, lines[i]!, entry.agreement.commitmentId, { ...context, otherLinkedLines: [...context.otherLinkedLines, ...lines.filter((l) => l.agreement !== null)] });
    if (isViolation(linked)) return at(linked, field(i));
    lines[i] = linked;
  }
  return { header: record.header, lines };
}

/** SM-2: a sale's On order lines reserved from what is free (a journal or returned order reserves nothing). */
function reserved(office: SalesOffice, record: SalesOrderRecord): SalesOrderRecord {
  if (record.header.type === 'journal' || record.header.type === 'returnedOrder') return record;
  const result = reserveLines(record, office.available());
  return isViolation(result) ? record : result;
}

const nextLineId = (record: SalesOrderRecord) => `${record.header.salesOrderId}-${record.lines.length + 1}`;

/** An order whose status allows its lines to change (SM-2: an invoiced or cancelled order is done). */
function openOrder(office: SalesOffice, salesOrderId: string): SalesOrderRecord | RuleViolation {
  const record = office.order(salesOrderId);
  if (isViolation(record)) return record;
  const status = salesOrderStatus(record);
  return status === 'openOrder' ? record : violation('SM-2', `order ${salesOrderId} is ${status === 'delivered' ? 'delivered' : status}: its lines no longer change`, 'salesOrderId');
}

/** A new record of the order in place of the actor's (the order machine has no event for line entry: the record is swapped). */
function swapOrder(office: SalesOffice, record: SalesOrderRecord, result: Record<string, unknown>): Plan {
  return { changes: [() => office.orders.replace(record.header.salesOrderId, record)], result: { salesOrderId: record.header.salesOrderId, ...result } };
}

const quantitiesOn = (record: SalesOrderRecord, invoiced: { salesOrderId: string | null; lineId: string | null; quantity: number }[]): LineQuantity[] =>
  invoiced.filter((l) => l.salesOrderId === record.header.salesOrderId && l.lineId !== null).map((l) => ({ lineId: l.lineId!, quantity: l.quantity }));

/** SM-12 / SM-13: posts an invoice over the orders' postings: INVOICE to each order, the slips and transactions stamped. */
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
      office.invoices[posted.invoice.invoiceId] = posted.invoice;
      for (const { id, event } of events) office.orders.send(id, event);
      for (const stamped of posted.orders) for (const slip of stamped.packingSlips) office.packingSlips[slip.packingSlipId] = slip;
      office.transactions = [...office.transactions.filter((t) => !ids.has(t.salesOrderId)), ...posted.orders.flatMap((o) => o.transactions)];
    }],
    result: { invoiceId: posted.invoice.invoiceId, total: posted.invoice.total, salesOrderIds: [...ids] },
  };
}

function ordersOfSlips(office: SalesOffice, packingSlipIds: readonly string[]): SalesOrderRecord[] | RuleViolation {
  const orders = new Map<string, SalesOrderRecord>();
  for (const [i, packingSlipId] of packingSlipIds.entries()) {
    const slip = office.packingSlips[packingSlipId];
    if (slip === undefined) return violation('NOT_FOUND', `there is no packing slip "${packingSlipId}"`, `packingSlipIds.${i}`);
    const record = office.order(slip.salesOrderId);
    if (isViolation(record)) return record;
    orders.set(slip.salesOrderId, record);
  }
  return [...orders.values()];
}

/** MK-2: converting a party: its account with CU-2 defaults; the host makes the account (the number is headquarters'). */
function conversionOf(office: SalesOffice, party: Party, storeId: string | undefined) {
  const store = storeId ?? office.catalog.config.stores[0]!.id;
  if (!office.catalog.stores.has(store)) return violation('NOT_FOUND', `there is no store "${store}"`, 'storeId');
  return { store, defaults: { catalog: office.catalog, storeId: store, accountId: party.partyId } };
}

/** Makes the account of a converted party (after every check); its number replaces the party's provisional one. */
function createAccount(office: SalesOffice, party: Party, store: string, record: Parameters<SalesOffice['host']['createCustomer']>[2]): Party {
  const accountNumber = office.host.createCustomer(party.partyId, store, record);
  if (isViolation(accountNumber)) throw new Error(`sales office: headquarters refused the account of party ${party.partyId}: ${accountNumber.message}`);
  return { ...party, customerAccount: accountNumber };
}

/** MK-1: a converted party's open quotations follow it into the customer role. */
function convertQuotations(office: SalesOffice, partyId: string, customerAccount: string): void {
  for (const snapshot of office.quotations.all().filter((q) => q.context.partyId === partyId)) {
    const event = { type: 'CONVERT_PROSPECT' as const, customerAccount };
    if (office.quotations.refusal(snapshot.context.quotationId, event) === null) office.quotations.send(snapshot.context.quotationId, event);
  }
}

/** SM-6: a quotation's lines priced as an order's would be (SM-15), for the party's account (a prospect: base and group prices). */
function quotationLines(office: SalesOffice, config: SalesOfficeConfig, quotationId: string, customerAccount: string | null, entries: readonly LineEntry[]): QuotationLine[] | RuleViolation {
  const lines: QuotationLine[] = [];
  for (const [i, entry] of entries.entries()) {
    const line = pricedLine(office, config, customerAccount ?? '', { ...entry, agreement: undefined }, `${quotationId}-${i + 1}`, 1);
    if (isViolation(line)) return at(line, `lines.${i}`);
    lines.push({ lineId: line.lineId, productId: line.productId, quantity: line.quantity, unitPrice: line.unitPrice, discount: line.discount ?? 0, priceSource: line.priceSource ?? 'basePrice', requestedShipDate: line.requestedShipDate, warehouseId: line.warehouseId, agreement: null });
  }
  return lines;
}

function newQuotationOf(office: SalesOffice, config: SalesOfficeConfig, party: Party, quotationId: string, expiryDate: string, entries: readonly LineEntry[], campaignId: string | null) {
  const lines = quotationLines(office, config, quotationId, party.customerAccount, entries);
  if (isViolation(lines)) return lines;
  return createQuotation({
    quotationId, partyId: party.partyId, partyRole: party.customerAccount === null ? 'prospect' : 'customer', customerAccount: party.customerAccount,
    currency: office.catalog.config.currency, createdOn: office.today, expiryDate, campaignId, lines,
  });
}

// --- The planners, one per command ---

type Planner<T extends SalesOfficeCommand['type']> = (office: SalesOffice, config: SalesOfficeConfig, command: Of<T>) => Planned;

const PLANNERS: { [T in SalesOfficeCommand['type']]: Planner<T> } = {
  'sales.createOrder': (office, config, command) => {
    const refused = customerOf(office, command.customerAccount);
    if (refused !== null) return refused;
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
    const record = linkEntered(office, config, 'record' in made ? made.record : made, command.lines, (i) => `lines.${i}`);
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
    const linked = linkEntered(office, config, withLine, [...record.lines.map(() => ({ ...command.line, agreement: undefined })), command.line], () => 'line');
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
        office.packingSlips[slip.packingSlipId] = slip;
        office.transactions = [...office.transactions, ...posted.postings.transactions.filter((t) => t.packingSlipId === slip.packingSlipId)];
        // Stock leaves the warehouse on the slip (a returned order's negative lines bring it back, SM-4).
        for (const line of slip.lines) {
          const warehouseId = record.lines.find((l) => l.lineId === line.lineId)!.warehouseId;
          office.onHand = addOnHand(office.onHand, line.productId, warehouseId, -line.quantity);
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
    const refused = customerOf(office, command.customerAccount);
    if (refused !== null) return refused;
    const entry = {
      customerAccount: command.customerAccount, currency: office.catalog.config.currency, invoiceDate: office.today,
      lines: command.lines.map((l) => ({ ...l, salesTaxGroup: command.salesTaxGroup, itemTaxGroup: command.itemTaxGroup })),
    };
    const unknownAccount = command.lines.findIndex((l) => !config.mainAccounts.some((a) => a.id === l.mainAccount));
    if (unknownAccount >= 0) return violation('NOT_FOUND', `there is no main account "${command.lines[unknownAccount]!.mainAccount}"`, `lines.${unknownAccount}.mainAccount`);
    const posted = postFreeTextInvoice(entry, freeTextSetup(office, config), office.numbers);
    if (isViolation(posted)) return posted;
    return {
      changes: [() => { office.numbers = posted.numbering; office.invoices[posted.invoice.invoiceId] = posted.invoice; }],
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
        office.parties[party.partyId] = linkToParty(party, 'quotationIds', quotationId);
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
    const terms = { salesOrderId: office.nextNumber(config.numberSequences.salesOrder), on: office.today, priority: 5 };
    const event = { type: 'CONFIRM' as const, ...terms };
    const refused = office.quotations.refusal(command.quotationId, event);
    if (refused !== null) return refused;
    const { salesOrder } = confirmQuotation(snapshot.context, terms);
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
    const released = releaseOrder(state, made.header, made.lines.map((line, i) => ({ line, commitmentId: command.lines[i]!.commitmentId })), releaseContext(office, config, command.agreementId, customerAccount, null));
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
    const linked = linkLine(state, record.header, line, command.commitmentId, releaseContext(office, config, command.agreementId, record.header.customerAccount, line.lineId));
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
      changes: [() => { office.numbers = drawNumber(office.numbers, config.numberSequences.purchaseOrder).numbering; office.purchaseLines[`${line.purchaseOrderId}/${line.lineId}`] = line; }],
      result: { purchaseOrderId: line.purchaseOrderId, lineId: line.lineId },
    };
  },
  'sales.receivePurchaseLine': (office, _config, command) => {
    const line = office.purchaseLines[`${command.purchaseOrderId}/${command.lineId}`];
    if (line === undefined) return violation('NOT_FOUND', `there is no purchase order line ${command.purchaseOrderId}/${command.lineId}`, 'purchaseOrderId');
    if (command.quantity > openQuantity(line)) return violation('SM-10', `purchase order line ${command.purchaseOrderId}/${command.lineId} has ${openQuantity(line)} still to receive`, 'quantity');
    const onHand = addOnHand(office.onHand, line.productId, line.warehouseId, command.quantity);
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
        office.purchaseLines[`${line.purchaseOrderId}/${line.lineId}`] = { ...line, received: line.received + command.quantity };
        office.onHand = onHand;
        for (const r of reserving) office.orders.send(r.salesOrderId, r.event);
      }],
      result: { purchaseOrderId: line.purchaseOrderId, allocations: split.allocations },
    };
  },
  // --- Marketing (MK-1..MK-4) ---
  'marketing.createProspect': (office, config, command) => {
    const partyId = office.nextNumber(config.numberSequences.party);
    const party = newProspect(partyId, { name: command.name, type: command.partyType, contacts: command.contacts.map((c, i) => ({ ...c, contactId: `${partyId}-${i + 1}` })) });
    if (isViolation(party)) return party;
    return { changes: [() => { office.numbers = drawNumber(office.numbers, config.numberSequences.party).numbering; office.parties[partyId] = party; }], result: { partyId } };
  },
  'marketing.convertProspect': (office, _config, command) => {
    const party = office.party(command.partyId);
    if (isViolation(party)) return party;
    const conversion = conversionOf(office, party, command.storeId);
    if (isViolation(conversion)) return conversion;
    const converted = convertToCustomer(party, conversion.defaults);
    if (isViolation(converted)) return converted;
    const result: Record<string, unknown> = { partyId: party.partyId };
    return {
      changes: [() => {
        const customer = createAccount(office, converted.party, conversion.store, converted.customer);
        office.parties[party.partyId] = customer;
        convertQuotations(office, party.partyId, customer.customerAccount!);
        result.customerAccount = customer.customerAccount;
      }],
      result,
    };
  },
  'marketing.createLead': (office, config, command) => {
    const party = office.party(command.partyId);
    if (isViolation(party)) return party;
    const leadId = office.nextNumber(config.numberSequences.lead);
    const made = newLead(leadId, party, { topic: command.topic, on: office.today, campaignId: command.campaignId ?? null });
    if (isViolation(made)) return made;
    return {
      changes: [() => { office.numbers = drawNumber(office.numbers, config.numberSequences.lead).numbering; office.leads.add(leadId, made.lead); office.parties[party.partyId] = addRole(made.party, 'leadContact'); }],
      result: { leadId },
    };
  },
  'marketing.qualifyLead': (office, config, command) => {
    const lead = office.leads.find(command.leadId);
    if ('rule' in lead) return lead;
    const party = office.party(lead.context.partyId);
    if (isViolation(party)) return party;
    const opportunityId = office.nextNumber(config.numberSequences.opportunity);
    const event = { type: 'QUALIFY' as const, opportunityId, on: office.today };
    const refused = office.leads.refusal(command.leadId, event);
    if (refused !== null) return refused;
    const qualified = qualifyLead(lead.context, party, opportunityId, office.today);
    if (isViolation(qualified)) return qualified;
    return {
      changes: [() => {
        office.numbers = drawNumber(office.numbers, config.numberSequences.opportunity).numbering;
        office.leads.send(command.leadId, event);
        office.opportunities.add(opportunityId, qualified.opportunity);
        office.parties[party.partyId] = addRole(qualified.party, 'opportunityContact');
      }],
      result: { leadId: command.leadId, opportunityId },
    };
  },
  'marketing.disqualifyLead': (office, _config, command) => {
    const event = { type: 'DISQUALIFY' as const, reason: command.reason, on: office.today };
    const refused = office.leads.refusal(command.leadId, event);
    return refused ?? { changes: [() => office.leads.send(command.leadId, event)], result: { leadId: command.leadId } };
  },
  'marketing.winOpportunity': (office, _config, command) => {
    const opportunity = office.opportunities.find(command.opportunityId);
    if ('rule' in opportunity) return opportunity;
    const party = office.party(opportunity.context.partyId);
    if (isViolation(party)) return party;
    const conversion = conversionOf(office, party, command.storeId);
    if (isViolation(conversion)) return conversion;
    const won = winOpportunity(opportunity.context, party, office.today, conversion.defaults);
    if (isViolation(won)) return won;
    const result: Record<string, unknown> = { opportunityId: command.opportunityId };
    return {
      changes: [() => {
        const customer = won.customer === null ? won.party : createAccount(office, won.party, conversion.store, won.customer);
        office.parties[party.partyId] = customer;
        office.opportunities.send(command.opportunityId, { type: 'WIN', customerAccount: customer.customerAccount!, on: office.today });
        if (won.customer !== null) convertQuotations(office, party.partyId, customer.customerAccount!);
        result.customerAccount = customer.customerAccount;
      }],
      result,
    };
  },
  'marketing.loseOpportunity': (office, _config, command) => opportunityEvent(office, command.opportunityId, { type: 'LOSE', on: office.today, ...(command.reason === undefined ? {} : { reason: command.reason }) }),
  'marketing.cancelOpportunity': (office, _config, command) => opportunityEvent(office, command.opportunityId, { type: 'CANCEL', on: office.today, ...(command.reason === undefined ? {} : { reason: command.reason }) }),
  'marketing.createCampaign': (office, config, command) => {
    const campaignId = office.nextNumber(config.numberSequences.campaign);
    const campaign = newCampaign(campaignId, { name: command.name, type: command.campaignType, startsOn: command.startsOn, endsOn: command.endsOn });
    if (isViolation(campaign)) return campaign;
    return { changes: [() => { office.numbers = drawNumber(office.numbers, config.numberSequences.campaign).numbering; office.campaigns.add(campaignId, campaign); }], result: { campaignId } };
  },
  'marketing.chooseTargets': (office, _config, command) => {
    const choices: TargetChoice[] = [];
    for (const [i, target] of command.targets.entries()) {
      const party = office.party(target.partyId);
      if (isViolation(party)) return { ...party, field: `targets.${i}.partyId` };
      choices.push({ party, from: target.from });
    }
    const event = { type: 'CHOOSE_TARGETS' as const, choices };
    const refused = office.campaigns.refusal(command.campaignId, event);
    return refused ?? { changes: [() => office.campaigns.send(command.campaignId, event)], result: { campaignId: command.campaignId } };
  },
  'marketing.activateCampaign': (office, _config, command) => {
    const event = { type: 'LAUNCH' as const, on: office.today };
    const refused = office.campaigns.refusal(command.campaignId, event);
    return refused ?? { changes: [() => office.campaigns.send(command.campaignId, event)], result: { campaignId: command.campaignId } };
  },
  'marketing.recordResponse': (office, config, command) => planResponse(office, config, command),
};

function quotationEvent(office: SalesOffice, quotationId: string, event: Parameters<SalesOffice['quotations']['send']>[1]): Planned {
  const refused = office.quotations.refusal(quotationId, event);
  return refused ?? { changes: [() => office.quotations.send(quotationId, event)], result: { quotationId } };
}

function agreementEvent(office: SalesOffice, agreementId: string, event: Parameters<SalesOffice['agreements']['send']>[1], result: Record<string, unknown>): Planned {
  const refused = office.agreements.refusal(agreementId, event);
  return refused ?? { changes: [() => office.agreements.send(agreementId, event)], result: { agreementId, ...result } };
}

function opportunityEvent(office: SalesOffice, opportunityId: string, event: Parameters<SalesOffice['opportunities']['send']>[1]): Planned {
  const refused = office.opportunities.refusal(opportunityId, event);
  return refused ?? { changes: [() => office.opportunities.send(opportunityId, event)], result: { opportunityId } };
}

/** SM-14: the sales tax groups are the chain's tax groups; the item tax groups the office's. */
function freeTextSetup(office: SalesOffice, config: SalesOfficeConfig) {
  return { salesTaxGroups: office.catalog.taxGroups, itemTaxGroups: new Map(config.itemTaxGroups.map((g) => [g.id, g])) };
}

/**
 * MK-4: a target's response; a positive one may be followed up at once with an opportunity or a quotation (its lines
 * given), each carrying the campaign id.
 */
function planResponse(office: SalesOffice, config: SalesOfficeConfig, command: Of<'marketing.recordResponse'>): Planned {
  const snapshot = office.campaigns.find(command.campaignId);
  if ('rule' in snapshot) return snapshot;
  const target = snapshot.context.targets.find((t) => t.targetId === command.targetId);
  if (target === undefined) return violation('NOT_FOUND', `campaign ${command.campaignId} has no target "${command.targetId}"`, 'targetId');
  const party = office.party(target.partyId);
  if (isViolation(party)) return party;
  const respond = { type: 'RECORD_RESPONSE' as const, targetId: command.targetId, response: command.response, on: office.today };
  const refused = office.campaigns.refusal(command.campaignId, respond);
  if (refused !== null) return refused;
  const responded = recordResponse(snapshot.context, party, command.targetId, command.response, office.today);
  if (isViolation(responded)) return responded;
  const changes: (() => void)[] = [() => { office.campaigns.send(command.campaignId, respond); office.parties[party.partyId] = responded.party; }];
  if (command.followUp === undefined) return { changes, result: { campaignId: command.campaignId, targetId: command.targetId } };
  if (command.followUp === 'opportunity') {
    const opportunityId = office.nextNumber(config.numberSequences.opportunity);
    const opened = opportunityFromResponse(responded.campaign, responded.party, command.targetId, opportunityId, office.today);
    if (isViolation(opened)) return opened;
    return followUp(office, command, changes, { kind: 'opportunity', opportunityId }, () => {
      office.numbers = drawNumber(office.numbers, config.numberSequences.opportunity).numbering;
      office.opportunities.add(opportunityId, opened.opportunity satisfies Opportunity);
      office.parties[party.partyId] = addRole(opened.party, 'opportunityContact');
    }, { opportunityId });
  }
  if (command.expiryDate === undefined) return violation('VALIDATION', 'a quotation needs its expiry date', 'expiryDate');
  const entries = command.lines ?? [];
  const quotationId = office.nextNumber(config.numberSequences.quotation);
  const asked = requestQuotation(responded.campaign, command.targetId, quotationId, entries.map((l) => ({ productId: l.productId, quantity: l.quantity })), office.today);
  if (isViolation(asked)) return asked;
  const quotation = newQuotationOf(office, config, responded.party, quotationId, command.expiryDate, entries, command.campaignId);
  if (isViolation(quotation)) return quotation;
  return followUp(office, command, changes, { kind: 'quotationRequest', requestId: quotationId }, () => {
    office.numbers = drawNumber(office.numbers, config.numberSequences.quotation).numbering;
    office.quotations.add(quotationId, quotation);
    office.parties[party.partyId] = linkToParty(office.parties[party.partyId]!, 'quotationIds', quotationId);
  }, { quotationId });
}

function followUp(
  office: SalesOffice, command: Of<'marketing.recordResponse'>, changes: (() => void)[],
  made: { kind: 'opportunity'; opportunityId: string } | { kind: 'quotationRequest'; requestId: string }, put: () => void, result: Record<string, unknown>,
): Plan {
  return {
    changes: [...changes, () => office.campaigns.send(command.campaignId, { type: 'FOLLOW_UP', targetId: command.targetId, followUp: made }), put],
    result: { campaignId: command.campaignId, targetId: command.targetId, ...result },
  };
}

