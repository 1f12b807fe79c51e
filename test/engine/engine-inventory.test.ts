/**
 * On hand at a store moves with its registers as well as its fulfilment (FF-3): carried-out units leave the shelf
 * when the sale completes, returned units come back onto the shelf of the store that takes them back.
 */
import { describe, expect, it } from 'vitest';
import { shelfMoved } from '../../engine/domain/fulfillment.ts';
import { newEngine, ok, onHand, openShift, refused, startSale, tenderDue } from './engine-helpers.ts';

describe('on hand at the register', () => {
  it('shelfMoved takes sold units off and puts returned units back, below zero if the count was wrong', () => {
    expect(shelfMoved({ 'P-LAMP': 5 }, [{ productId: 'P-LAMP', quantity: 2 }, { productId: 'P-TENT', quantity: 1 }], 'sold')).toEqual({ 'P-LAMP': 3, 'P-TENT': -1 });
    expect(shelfMoved({ 'P-LAMP': 3 }, [{ productId: 'P-LAMP', quantity: 2 }], 'returned')).toEqual({ 'P-LAMP': 5 });
  });

  it('CO-5 a cash-and-carry sale takes its units off the store\'s shelf when it completes, not before', () => {
    const e = newEngine();
    openShift(e, 'R1', 'cashier1');
    startSale(e, 'R1', null, [{ productId: 'P-LAMP', quantity: 3 }, { productId: 'P-SOCKS', quantity: 1 }]);
    expect(onHand(e, 'S1', 'P-LAMP')).toBe(50);
    tenderDue(e, 'R1');
    expect([onHand(e, 'S1', 'P-LAMP'), onHand(e, 'S1', 'P-SOCKS'), onHand(e, 'S2', 'P-LAMP')]).toEqual([47, 49, 50]);
  });

  it('CO-5 a voided sale and a refused tender leave the shelf as it was', () => {
    const e = newEngine();
    openShift(e, 'R1', 'cashier1');
    startSale(e, 'R1', null, [{ productId: 'P-LAMP', quantity: 3 }]);
    refused(e, { type: 'register.tender', registerId: 'R1', method: 'card', amount: 1_000_000 });
    ok(e, { type: 'register.void', registerId: 'R1' });
    expect(onHand(e, 'S1', 'P-LAMP')).toBe(50);
  });

  it('CO-5 a hybrid order takes only its carried-out lines off the shelf; the pickup line leaves it when picked up', () => {
    const e = newEngine();
    openShift(e, 'R1', 'cashier1');
    startSale(e, 'R1', 'C-ANNA', [{ productId: 'P-LAMP', quantity: 1 }]);
    ok(e, { type: 'register.pickupSelected', registerId: 'R1' });
    ok(e, { type: 'register.addItem', registerId: 'R1', productId: 'P-LAMP', quantity: 2 }); // a new carry-out line beside the pickup line
    tenderDue(e, 'R1');
    expect(onHand(e, 'S1', 'P-LAMP')).toBe(48);
    ok(e, { type: 'register.recallOrder', registerId: 'R1', orderId: 'CO-000001', purpose: 'pickup' });
    tenderDue(e, 'R1');
    expect(onHand(e, 'S1', 'P-LAMP')).toBe(47);
  });

  it('CO-5 CO-10 a pickup line switched to carry-out in an edit leaves the shelf as the edit is saved', () => {
    const e = newEngine();
    openShift(e, 'R1', 'cashier1');
    startSale(e, 'R1', 'C-ANNA', [{ productId: 'P-TENT', quantity: 2 }]);
    ok(e, { type: 'register.pickupAll', registerId: 'R1' });
    tenderDue(e, 'R1');
    ok(e, { type: 'register.recallOrder', registerId: 'R1', orderId: 'CO-000001', purpose: 'edit' });
    ok(e, { type: 'register.carryOutAll', registerId: 'R1' });
    expect(onHand(e, 'S1', 'P-TENT')).toBe(50);
    tenderDue(e, 'R1');
    expect(onHand(e, 'S1', 'P-TENT')).toBe(48);
  });

  it('RT-1 returned units go back onto the shelf of the store that takes them back', () => {
    const e = newEngine();
    openShift(e, 'R1', 'cashier1');
    startSale(e, 'R1', null, [{ productId: 'P-LAMP', quantity: 3 }]);
    tenderDue(e, 'R1');
    ok(e, { type: 'register.startReturn', registerId: 'R1', lookup: { by: 'receipt', value: 'T-R1-000001' } });
    ok(e, { type: 'register.setReturnLines', registerId: 'R1', lines: [{ lineId: 'T-R1-000001-1', quantity: 1, reasonCode: 'DAMAGED' }] });
    tenderDue(e, 'R1');
    expect(onHand(e, 'S1', 'P-LAMP')).toBe(48);
    // The second lamp is brought back to Portland.
    openShift(e, 'R3', 'cashier2');
    ok(e, { type: 'register.startReturn', registerId: 'R3', lookup: { by: 'receipt', value: 'T-R1-000001' } });
    ok(e, { type: 'register.setReturnLines', registerId: 'R3', lines: [{ lineId: 'T-R1-000001-1', quantity: 1, reasonCode: 'CHANGED_MIND' }] });
    tenderDue(e, 'R3');
    expect([onHand(e, 'S1', 'P-LAMP'), onHand(e, 'S2', 'P-LAMP')]).toEqual([48, 51]);
  });

  it('RT-1 a shipped line returned at a store goes onto that store\'s shelf, not back to the warehouse', () => {
    const e = newEngine();
    openShift(e, 'R1', 'cashier1');
    startSale(e, 'R1', 'C-ANNA', [{ productId: 'P-LAMP', quantity: 2 }]);
    ok(e, { type: 'register.shipAll', registerId: 'R1', modeCode: 'STD' });
    tenderDue(e, 'R1', { cardToken: 'tok_anna' });
    ok(e, { type: 'fulfillment.ship', locationId: 'W1', operatorId: 'manager1', orderId: 'CO-000001', lines: [{ lineId: 'T-R1-000001-1', quantity: 2 }] });
    expect(onHand(e, 'W1', 'P-LAMP')).toBe(48);
    ok(e, { type: 'register.startReturn', registerId: 'R1', lookup: { by: 'orderId', value: 'CO-000001' } });
    ok(e, { type: 'register.setReturnLines', registerId: 'R1', lines: [{ lineId: 'T-R1-000001-1', quantity: 2, reasonCode: 'DAMAGED' }] });
    tenderDue(e, 'R1');
    expect([onHand(e, 'W1', 'P-LAMP'), onHand(e, 'S1', 'P-LAMP')]).toEqual([48, 52]);
  });
});
