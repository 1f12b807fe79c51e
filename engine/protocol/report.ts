/** The analyst's report of a chain, as the headquarters room and the command line show it. */

/** The store channel's totals: orders by status, money, receipts, returns, fulfilment backlog, customers. */
export interface StoreFigures {
  ordersByStatus: Record<string, number>;
  ordersAwaitingHeadquarters: number;
  ordersInvoiced: number;
  ordersPaid: number;
  receipts: { count: number; total: number };
  returnOrders: { count: number; refunded: number };
  /** CO-11: cancelled orders, and the cancellation charges collected from customers beyond their deposits. */
  cancellations: { count: number; chargesCollected: number };
  backlogByLocation: Record<string, Record<string, number>>;
  customers: { total: number; pendingSync: number };
}

export interface ChainReport extends StoreFigures {
  /** The chain's currency: every amount of the report is in its minor units. */
  currency: string;
  commands: number;
  clock: string;
  stores: Record<string, { name: string; link: string; queued: Record<string, number> }>;
  /** Headquarters' job schedules: every how many minutes, and when each runs next. */
  schedules: Record<string, { everyMinutes: number; nextAt: string }>;
  headquarters: { salesOrders: number; salesOrdersTotal: number; accounts: number; returnOrders: number; receiptsPosted: number; staged: number; waiting: number; jobRuns: Record<string, number>; lastRunAt: Record<string, string> };
  deliveries: { delivered: number; lost: number; refused: number };
  refusedByRule: Record<string, number>;
  /** Issue 13: headquarters' own sales work; absent while the sales office has none. */
  salesOffice?: SalesOfficeFigures;
}

/** Headquarters' sales office in the report: statuses in the screens' words, amounts in minor units. */
export interface SalesOfficeFigures {
  /** The office's own orders (the stores' are counted above): type, then status, e.g. "Sales order" -> "Invoiced". */
  ordersByType: Record<string, Record<string, number>>;
  invoices: { count: number; total: number; freeText: { count: number; total: number } };
  /** SM-10: lines past their date with something left to deliver, and their items' supply. */
  openBackorders: { lines: number; quantity: number; byItem: { productName: string; open: number; onHand: number; expected: number; shortage: number }[] };
  /** SM-9: each agreement's commitment lines (units, or minor units for an amount commitment). */
  agreements: { agreementId: string; customerName: string; status: string; commitments: { what: string; measure: 'quantity' | 'amount'; committed: number; ordered: number; invoiced: number }[] }[];
  quotationsByStatus: Record<string, number>;
  /** MK-3, MK-4: each campaign's targets, who was left out, and the responses. */
  campaigns: { name: string; type: string; status: string; targets: number; leftOut: number; positive: number; negative: number; none: number }[];
  pipeline: { prospects: number; leadsByStatus: Record<string, number>; opportunitiesByStatus: Record<string, number> };
}
