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
}
