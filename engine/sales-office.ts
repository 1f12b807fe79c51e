/**
 * Headquarters' sales office (issue 13, SM-1..SM-15, MK-1..MK-4): one actor per sales order, quotation, agreement,
 * lead, opportunity and campaign (machines/), and the records beside them (parties, packing slips, invoices, inventory
 * transactions, purchase order lines, the headquarters warehouses' on-hand, number sequences). Every office command
 * is one headquarters command (`headquarters.salesOffice`, journaled there and replayed to the same state).
 *
 * Atomic by checking before changing: a command works out every new record with the pure rules
 * (engine/domain/sales, engine/domain/marketing) and asks every actor whether it takes its event (`ActorTable.refusal`)
 * before it sends any event or puts any record; a refusal names the field and leaves everything as it was.
 * The views (engine/sales-office/views.ts) are computed from these records; no status is stored.
 */
import type { InspectionEvent } from 'xstate';
import type { Catalog } from './domain/catalog.ts';
import type { SubmittedCallCenterOrder } from './domain/call-center-submission.ts';
import type { Customer } from './domain/config.ts';
import { calendarDay } from './domain/call-center/continuity.ts';
import type { HqCustomer, HqReturnOrder, SalesOrder as StoreSalesOrder, StagedTransaction } from './domain/headquarters.ts';
import { partyFromCustomer, type Party } from './domain/marketing/parties.ts';
import type { Numbering } from './domain/numbering.ts';
import type { AgreementState } from './domain/sales/agreements.ts';
import type { InventoryTransaction, OrderPostings } from './domain/sales/documents.ts';
import { drawNumber } from './domain/sales/number-sequence.ts';
import type { SalesOfficeConfig } from './domain/sales/office-config.ts';
import type { TradePricing } from './domain/sales/prices.ts';
import type { OnHand } from './domain/sales/purchase-orders.ts';
import { reservedStock, type StockAvailable } from './domain/sales/sales-order.ts';
import type { PackingSlip, PurchaseOrderLine, SalesInvoice, SalesOrderRecord } from './domain/sales/types.ts';
import { isViolation, violation, type RuleViolation } from './domain/violation.ts';
import type { SalesOfficeCommand } from './protocol/sales.ts';
import { ActorTable } from './sales-office/actor-table.ts';
import { planCommand } from './sales-office/commands.ts';
import { createSalesOrderMachine } from '../machines/sales-order.machine.ts';
import { createQuotationMachine } from '../machines/quotation.machine.ts';
import { createSalesAgreementMachine } from '../machines/sales-agreement.machine.ts';
import { createLeadMachine } from '../machines/lead.machine.ts';
import { createOpportunityMachine } from '../machines/opportunity.machine.ts';
import { createCampaignMachine } from '../machines/campaign.machine.ts';

/** The office's records beside its actors (each changed by a command's changes only, after every check passed). */
export interface SalesOfficeRecords {
  parties: Record<string, Party>;
  packingSlips: Record<string, PackingSlip>;
  transactions: InventoryTransaction[];
  invoices: Record<string, SalesInvoice>;
  /** By `<purchaseOrderId>/<lineId>`. */
  purchaseLines: Record<string, PurchaseOrderLine>;
  onHand: OnHand[];
}

export interface SalesOfficeState extends SalesOfficeRecords {
  /** Persisted snapshots of the actors, by record id. */
  orders: Record<string, unknown>;
  quotations: Record<string, unknown>;
  agreements: Record<string, unknown>;
  leads: Record<string, unknown>;
  opportunities: Record<string, unknown>;
  campaigns: Record<string, unknown>;
  numbering: Numbering;
}

/** What headquarters lends the office: its clock and its customer accounts (and the stores' orders it holds). */
export interface SalesOfficeHost {
  now(): number;
  customer(accountNumber: string): HqCustomer | undefined;
  /** MK-2: a customer account for a converted party (why not, when headquarters refuses it). */
  createCustomer(partyId: string, storeId: string, record: Customer): string | RuleViolation;
  storeOrders(): Iterable<StoreSalesOrder>;
  storeReturns(): Iterable<HqReturnOrder>;
  /** What the stores' P-job uploads brought (the orders' states as received, SY-2): their documents are read from it. */
  storeUploads(): Iterable<StagedTransaction>;
  /** Issue 13: a quotation picked up at a store goes there as a call-center order does: why not (nothing changed), and its sales order. */
  checkPickup(order: SubmittedCallCenterOrder): RuleViolation | null;
  acceptPickup(order: SubmittedCallCenterOrder): { salesOrderId: string; storeId: string };
}

export type OfficeOutcome = { ok: true; result: Record<string, unknown> } | { ok: false; error: RuleViolation };

const NO_OFFICE = violation('NOT_FOUND', 'the chain has no sales office configured (salesOffice in the chain config)', 'type');

function emptySalesOfficeState(config: SalesOfficeConfig | undefined): SalesOfficeState {
  const onHand = (config?.warehouses ?? []).flatMap((w) => w.onHand.map((h) => ({ productId: h.productId, warehouseId: w.id, quantity: h.quantity })));
  return {
    orders: {}, quotations: {}, agreements: {}, leads: {}, opportunities: {}, campaigns: {}, parties: {}, packingSlips: {}, transactions: [], invoices: {},
    purchaseLines: {}, onHand, numbering: { counters: {}, rng: 0 },
  };
}

export class SalesOffice {
  readonly orders: ActorTable<ReturnType<typeof createSalesOrderMachine>>;
  readonly quotations: ActorTable<ReturnType<typeof createQuotationMachine>>;
  readonly agreements: ActorTable<ReturnType<typeof createSalesAgreementMachine>>;
  readonly leads: ActorTable<ReturnType<typeof createLeadMachine>>;
  readonly opportunities: ActorTable<ReturnType<typeof createOpportunityMachine>>;
  readonly campaigns: ActorTable<ReturnType<typeof createCampaignMachine>>;
  readonly records: SalesOfficeRecords;
  private numbering: Numbering;
  readonly config: SalesOfficeConfig | undefined;

  constructor(readonly catalog: Catalog, readonly host: SalesOfficeHost, state?: SalesOfficeState, inspect?: (event: InspectionEvent) => void) {
    this.config = catalog.config.salesOffice;
    const s = state ?? emptySalesOfficeState(this.config);
    this.orders = new ActorTable(createSalesOrderMachine(), 'sales order', 'salesOrderId', s.orders, inspect);
    this.quotations = new ActorTable(createQuotationMachine(), 'quotation', 'quotationId', s.quotations, inspect);
    this.agreements = new ActorTable(createSalesAgreementMachine(), 'sales agreement', 'agreementId', s.agreements, inspect);
    this.leads = new ActorTable(createLeadMachine(), 'lead', 'leadId', s.leads, inspect);
    this.opportunities = new ActorTable(createOpportunityMachine(), 'opportunity', 'opportunityId', s.opportunities, inspect);
    this.campaigns = new ActorTable(createCampaignMachine(), 'campaign', 'campaignId', s.campaigns, inspect);
    const { parties, packingSlips, transactions, invoices, purchaseLines, onHand } = structuredClone(s);
    this.records = { parties, packingSlips, transactions, invoices, purchaseLines, onHand };
    this.numbering = structuredClone(s.numbering);
  }

  exportState(): SalesOfficeState {
    return structuredClone({
      orders: this.orders.persisted(), quotations: this.quotations.persisted(), agreements: this.agreements.persisted(), leads: this.leads.persisted(),
      opportunities: this.opportunities.persisted(), campaigns: this.campaigns.persisted(), ...this.records, numbering: this.numbering,
    });
  }

  get today(): string {
    return calendarDay(this.host.now());
  }

  /** Applies one command: checks everything first, then makes every change; a refusal changed nothing. */
  execute(command: SalesOfficeCommand): OfficeOutcome {
    if (this.config === undefined) return { ok: false, error: NO_OFFICE };
    const planned = planCommand(this, this.config, command);
    if (isViolation(planned)) return { ok: false, error: planned };
    for (const change of planned.changes) change();
    return { ok: true, result: planned.result };
  }

  // --- Records as the rules read them ---

  order(salesOrderId: string): SalesOrderRecord | RuleViolation {
    const snapshot = this.orders.find(salesOrderId);
    return 'rule' in snapshot ? snapshot : snapshot.context;
  }

  orderRecords(): SalesOrderRecord[] {
    return this.orders.all().map((s) => s.context);
  }

  agreementState(agreementId: string): AgreementState | RuleViolation {
    const snapshot = this.agreements.find(agreementId);
    if ('rule' in snapshot) return snapshot;
    return { agreement: snapshot.context.agreement, status: String(snapshot.value) as AgreementState['status'] };
  }

  /** MK-1: a party by id; a customer account (a store's customer too) is a party with the customer role under its account number. */
  party(partyId: string): Party | RuleViolation {
    const stored = this.records.parties[partyId];
    if (stored !== undefined) return stored;
    const account = this.host.customer(partyId);
    return account === undefined ? violation('NOT_FOUND', `there is no party or customer "${partyId}"`, 'partyId') : partyFromCustomer(partyId, account.record);
  }

  customerName(accountNumber: string): string {
    return this.host.customer(accountNumber)?.record.name ?? Object.values(this.records.parties).find((p) => p.customerAccount === accountNumber)?.name ?? accountNumber;
  }

  postingsOf(record: SalesOrderRecord): OrderPostings {
    const id = record.header.salesOrderId;
    return { order: record, packingSlips: Object.values(this.records.packingSlips).filter((s) => s.salesOrderId === id), transactions: this.records.transactions.filter((t) => t.salesOrderId === id) };
  }

  /** SM-15: trade agreements for the customer (then its price group), else the product's base price. */
  pricingFor(config: SalesOfficeConfig, customerAccount: string): TradePricing {
    return {
      kind: 'trade', customerAccount, currency: this.catalog.config.currency,
      priceGroupId: config.priceGroups.find((g) => g.customerAccounts.includes(customerAccount))?.priceGroupId ?? null,
      tradeAgreements: config.tradeAgreements.map((t) => ({
        tradeAgreementId: t.tradeAgreementId, productId: t.productId, currency: this.catalog.config.currency, unitPrice: t.unitPrice, fromQuantity: t.fromQuantity,
        effective: t.effective, expiration: t.expiration,
        party: t.customerAccount === undefined ? { kind: 'priceGroup' as const, priceGroupId: t.priceGroupId! } : { kind: 'customer' as const, customerAccount: t.customerAccount },
      })),
      basePrices: Object.fromEntries(this.catalog.config.products.map((p) => [p.id, p.price])),
    };
  }

  /** The office's sales tax rate (CO-12's group of the office, decision: the first store's tax group). */
  taxRate(): number {
    return this.catalog.taxGroups.get(this.catalog.config.stores[0]!.taxGroupId)?.rate ?? 0;
  }

  /** SM-2: what is free to reserve: on-hand less what open orders reserve. */
  available(): StockAvailable[] {
    const reserved = this.orderRecords().flatMap(reservedStock);
    return this.records.onHand.map((h) => ({ ...h, quantity: h.quantity - reserved.filter((r) => r.productId === h.productId && r.warehouseId === h.warehouseId).reduce((n, r) => n + r.quantity, 0) }));
  }

  /**
   * The number a draw of `prefix` will give, `ahead` draws from now: a command works its numbers out while it checks
   * and draws them (`numbering = ...`) only among its changes.
   */
  nextNumber(prefix: string, ahead = 0): string {
    return drawNumber({ ...this.numbering, counters: { ...this.numbering.counters, [prefix]: (this.numbering.counters[prefix] ?? 0) + ahead } }, prefix).number;
  }

  /** The numbering as of now (rules that draw their own numbers take it and hand it back moved on). */
  get numbers(): Numbering {
    return this.numbering;
  }

  set numbers(numbering: Numbering) {
    this.numbering = numbering;
  }
}

