import type { ProductQuantity } from '../engine/domain/fulfillment.ts';
import type { QuantityOfLine } from '../engine/domain/order-invoicing.ts';
import type { FulfillmentLineAssignment } from './customer-order.types.ts';

export type FulfillmentLine = FulfillmentLineAssignment;

export interface FulfillmentGroupContext {
  locationId: string;
  /** The store whose screen this is; null for a warehouse that only ships. */
  storeId: string | null;
  /** FF-2: ship lines wait in Pending for a user with allow-accept. */
  manualAccept: boolean;
  lines: FulfillmentLine[];
  /** On-hand inventory at this location, decremented as units leave the shelf (FF-3). */
  onHand: Record<string, number>;
}

export interface FulfillmentGroupInput {
  locationId: string;
  storeId: string | null;
  manualAccept: boolean;
  onHand: Record<string, number>;
}

export interface LineRef { orderId: string; lineId: string }
export interface LineQuantity extends LineRef { quantity: number }

export type FulfillmentGroupEvent =
  | { type: 'ASSIGN'; orderId: string; lines: FulfillmentLineAssignment[] }
  | { type: 'ORDER_CANCELLED'; orderId: string }
  | { type: 'ACCEPT'; operatorId: string; lines: LineRef[] }
  | { type: 'PRINT_PICK_LIST'; operatorId: string; pickListId: string; lines: LineRef[] }
  | { type: 'PICK'; operatorId: string; lines: LineQuantity[] }
  | { type: 'PACK'; operatorId: string; orderId: string; packingSlipId: string; lines: QuantityOfLine[] }
  | { type: 'SHIP'; operatorId: string; orderId: string; invoiceId: string; lines: QuantityOfLine[] }
  | { type: 'PICKUP'; orderId: string; invoiceId: string; lines: QuantityOfLine[] }
  | { type: 'REJECT'; operatorId: string; lines: LineQuantity[] }
  | { type: 'RESET_FULFILLMENT'; orderId: string; lineIds: string[] }
  /** Units carried out at this store's registers (sales, carry-out lines of orders) leave its shelf. */
  | { type: 'SOLD_AT_REGISTER'; lines: ProductQuantity[] }
  /** Units returned at this store's registers go back onto its shelf. */
  | { type: 'RETURNED_AT_REGISTER'; lines: ProductQuantity[] };

/** Reports back to the orders, one per order touched. */
export type FulfillmentGroupEmitted =
  | { type: 'accepted'; orderId: string; lineIds: string[] }
  | { type: 'pickListed'; orderId: string; pickListId: string; lineIds: string[] }
  | { type: 'picked'; orderId: string; lines: QuantityOfLine[] }
  | { type: 'packed'; orderId: string; packingSlipId: string; lines: QuantityOfLine[] }
  | { type: 'shipped'; orderId: string; invoiceId: string; lines: QuantityOfLine[] }
  | { type: 'pickedUp'; orderId: string; invoiceId: string; lines: QuantityOfLine[] }
  | { type: 'rejected'; orderId: string; lines: QuantityOfLine[] }
  | { type: 'reset'; orderId: string; lineIds: string[]; manualAccept: boolean };

export type FulfillmentFilter = 'all' | 'toShip' | 'forPickup';
