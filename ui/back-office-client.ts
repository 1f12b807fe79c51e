/**
 * The back-office screens' connection to headquarters' sales office (SM-1..SM-15, MK-1..MK-4): every read the tabs
 * show and every `sales.*` / `marketing.*` command they send, typed with the office's own views
 * (engine/protocol/sales.ts). Screens depend on the `BackOffice` interface only; component tests give them a fake
 * (ui/testing/fake-back-office.ts).
 *
 * `httpBackOffice(api)` reads with GET /api/sales/... and sends each command through the command endpoint as the
 * signed-in staff member; `watch` follows the office's live room, so a change made on any back-office screen shows
 * on every other one (the room names the views a change touched; joining, every view is read again).
 */
import type { Permission } from '../engine/domain/config.ts';
import type { RuleViolation } from '../engine/domain/violation.ts';
import {
  SALES_OFFICE_ROOM, type AgreementDetail, type AgreementRow, type BackorderViews, type CampaignDetail, type CampaignRow, type InvoiceRow, type InvoiceView,
  type PackingSlipView, type PipelineView, type ProFormaInvoiceView, type QuotationDetail, type QuotationRow, type SalesOfficeCommand,
  type SalesOfficeChanged, type SalesOfficeView, type SalesOrderDetail, type SalesOrderFilter, type SalesOrderRow, salesOfficeViews,
} from '../engine/protocol/sales.ts';
import type { StoreApi } from './api.ts';
import { violationOf } from './screen-kit.ts';

/** A command's answer: the office's result, or the rule that refused it (shown in place). */
export type OfficeAnswer<T> = { ok: true; value: T } | { ok: false; error: RuleViolation };

type WithoutStaff<C> = C extends unknown ? Omit<C, 'operatorId'> : never;
/** An office command as a screen sends it: the client names the staff member. */
export type OfficeCommand = WithoutStaff<SalesOfficeCommand>;

/** The headquarters jobs that have back-office work. */
export type BackOfficeJob = 'sales' | 'marketing';
const BACK_OFFICE_JOBS: readonly BackOfficeJob[] = ['sales', 'marketing'];

/** The back-office jobs a role holds (none: the page says the role has no back-office work). */
export function backOfficeJobs(permissions: readonly Permission[]): BackOfficeJob[] {
  return BACK_OFFICE_JOBS.filter((job) => (permissions as readonly string[]).includes(job));
}

/** SM-14: what a pro forma is drawn from: an order's uninvoiced deliveries, or a free text invoice not posted. */
export type ProFormaSource =
  | { salesOrderId: string }
  | { freeText: Omit<Extract<OfficeCommand, { type: 'sales.freeTextInvoice' }>, 'type'> };

export interface BackOffice {
  readonly currency: string;
  readonly operatorId: string;
  readonly jobs: readonly BackOfficeJob[];

  orders(filter: SalesOrderFilter): Promise<SalesOrderRow[]>;
  order(salesOrderId: string): Promise<SalesOrderDetail>;
  /** SM-12: the posted packing slips not invoiced yet (a collective invoice gathers one account's). */
  openPackingSlips(): Promise<PackingSlipView[]>;
  quotations(): Promise<QuotationRow[]>;
  quotation(quotationId: string): Promise<QuotationDetail>;
  agreements(): Promise<AgreementRow[]>;
  agreement(agreementId: string): Promise<AgreementDetail>;
  backorders(): Promise<BackorderViews>;
  invoices(): Promise<InvoiceRow[]>;
  invoice(invoiceId: string): Promise<InvoiceView>;
  proForma(source: ProFormaSource): Promise<OfficeAnswer<ProFormaInvoiceView>>;
  pipeline(): Promise<PipelineView>;
  campaigns(): Promise<CampaignRow[]>;
  campaign(campaignId: string): Promise<CampaignDetail>;

  /** One office command as the signed-in staff member; the office's result (ids of what it made) or its refusal. */
  send(command: OfficeCommand): Promise<OfficeAnswer<Record<string, unknown>>>;
  /** Calls `changed` with the views the office changed, whenever it changes anything (until the returned function is called). */
  watch(changed: (views: readonly SalesOfficeView[]) => void): () => void;
}

const query = (params: Record<string, string | undefined>) =>
  new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => e[1] !== undefined && e[1] !== '')).toString();
const at = (path: string, id: string) => `sales/${path}/${encodeURIComponent(id)}`;

/** The office over the server. */
export function httpBackOffice(api: StoreApi): BackOffice {
  const { operatorId } = api.setup.session;
  async function read<T>(path: string, key: string): Promise<T> {
    return (await api.get<Record<string, T>>(path))[key]!;
  }
  return {
    currency: api.setup.currency,
    operatorId,
    jobs: backOfficeJobs(api.setup.session.permissions),
    orders: (filter) => read(`sales/orders?${query({ ...filter })}`, 'orders'),
    order: (id) => read(at('orders', id), 'order'),
    // The office lists slips with their orders only: the open ones are gathered from the orders still to invoice.
    openPackingSlips: async () => {
      const rows = await read<SalesOrderRow[]>('sales/orders', 'orders');
      const waiting = rows.filter((r) => r.origin !== 'store' && r.origin !== 'callCenter' && r.status !== 'Invoiced' && r.status !== 'Cancelled');
      const details = await Promise.all(waiting.map((r) => read<SalesOrderDetail>(at('orders', r.salesOrderId), 'order')));
      return details.flatMap((d) => d.packingSlips).filter((s) => s.invoiceId === null);
    },
    quotations: () => read('sales/quotations', 'quotations'),
    quotation: (id) => read(at('quotations', id), 'quotation'),
    agreements: () => read('sales/agreements', 'agreements'),
    agreement: (id) => read(at('agreements', id), 'agreement'),
    backorders: () => read('sales/backorders', 'backorders'),
    invoices: () => read('sales/invoices', 'invoices'),
    invoice: (id) => read(at('invoices', id), 'invoice'),
    proForma: async (source) => {
      // An order's uninvoiced deliveries, or a free text invoice as entered (its lines as JSON text): a read, nothing posted.
      const path = 'salesOrderId' in source
        ? `${at('orders', source.salesOrderId)}/pro-forma`
        : `sales/pro-forma/free-text?${query({ ...source.freeText, lines: JSON.stringify(source.freeText.lines) })}`;
      try {
        return { ok: true, value: await read<ProFormaInvoiceView>(path, 'proForma') };
      } catch (error) {
        return { ok: false, error: violationOf(error) };
      }
    },
    pipeline: () => read('sales/pipeline', 'pipeline'),
    campaigns: () => read('sales/campaigns', 'campaigns'),
    campaign: (id) => read(at('campaigns', id), 'campaign'),
    send: async (command) => {
      try {
        const answer = await api.command({ ...command, operatorId });
        return answer.ok ? { ok: true, value: answer.result } : answer;
      } catch (error) {
        return { ok: false, error: violationOf(error) };
      }
    },
    watch: (changed) => api.live([SALES_OFFICE_ROOM], {
      state: () => changed(salesOfficeViews),
      update: (envelope) => { if (envelope.type === 'salesOfficeChanged') changed((envelope.view as SalesOfficeChanged).changed); },
    }),
  };
}
