/**
 * CO-13 order search at the till: a scanned or typed value is an order number, a channel reference or a receipt id
 * (the receipt of the sale that made the order, or of an invoice: a pickup or carried-out goods); filters narrow by
 * customer, dates, status and store; presets list what waits at this store. Pure matching over what a search knows
 * of an order; the host finds the candidates through its indexes.
 */
import type { OrderHeaderStatus } from './fulfillment.ts';

export const ORDER_PRESETS = ['toFulfil', 'toPickUp', 'toShipHere'] as const;
export type OrderPreset = typeof ORDER_PRESETS[number];

/** What the search asks for; every field left out matches everything. Dates are epoch ms, `to` exclusive. */
export interface OrderSearch {
  value?: string | undefined;
  customer?: string | undefined;
  from?: number | undefined;
  to?: number | undefined;
  status?: OrderHeaderStatus | undefined;
  storeId?: string | undefined;
  preset?: OrderPreset | undefined;
}

/** An order as the search sees it: its numbers, customer, date, status and, per line, what is left to do where. */
export interface SearchableOrder {
  orderId: string;
  channelReference: string;
  receiptIds: readonly string[];
  storeId: string;
  customerId: string;
  customerName: string;
  createdAt: number;
  headerStatus: OrderHeaderStatus;
  lines: readonly { kind: 'ship' | 'pickup' | 'carryOut'; locationId: string; open: number; uninvoiced: number }[];
}

/** A scanned or typed value, as compared: trimmed, case ignored (scanners and people differ in case). */
export function normalizedValue(value: string): string {
  return value.trim().toUpperCase();
}

/** CO-13: the value is the order's number, channel reference or one of its receipt ids. */
export function matchesValue(order: SearchableOrder, value: string): boolean {
  const wanted = normalizedValue(value);
  return wanted !== '' && [order.orderId, order.channelReference, ...order.receiptIds].some((id) => normalizedValue(id) === wanted);
}

/** CO-13 presets: lines open for this store (to fulfil), waiting for pickup here, to ship from here. */
export function matchesPreset(order: SearchableOrder, preset: OrderPreset, locationId: string): boolean {
  return order.lines.some((l) => {
    if (l.kind === 'carryOut' || l.locationId !== locationId) return false;
    switch (preset) {
      case 'toFulfil': return l.open > 0;
      case 'toPickUp': return l.kind === 'pickup' && l.uninvoiced > 0;
      case 'toShipHere': return l.kind === 'ship' && l.uninvoiced > 0;
    }
  });
}

/** CO-13: whether an order passes every filter of the search (`locationId`: the asking store's, for presets). */
export function matchesSearch(order: SearchableOrder, search: OrderSearch, locationId: string): boolean {
  if (search.value !== undefined && search.value.trim() !== '' && !matchesValue(order, search.value)) return false;
  if (search.customer !== undefined && search.customer.trim() !== '') {
    const wanted = search.customer.trim().toLowerCase();
    if (![order.customerName, order.customerId].some((text) => text.toLowerCase().includes(wanted))) return false;
  }
  if (search.from !== undefined && order.createdAt < search.from) return false;
  if (search.to !== undefined && order.createdAt >= search.to) return false;
  if (search.status !== undefined && order.headerStatus !== search.status) return false;
  if (search.storeId !== undefined && order.storeId !== search.storeId) return false;
  return search.preset === undefined || matchesPreset(order, search.preset, locationId);
}
