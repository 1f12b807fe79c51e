/** Pickup modes (CO-3, ST-1) and another person who collects (CO-15), through the engine's commands. */
import { describe, expect, it } from 'vitest';
import { cartLine, newEngine, ok, openShift, refused, startSale, tenderDue, type Mutator } from './engine-helpers.ts';

const curbside: Mutator = (c) => { c.modesOfDelivery.push({ code: 'CURBSIDE', name: 'Curbside pickup', kind: 'pickup' }); };

function sale(mutate: Mutator = curbside) {
  const e = newEngine(mutate);
  openShift(e, 'R1', 'cashier1');
  const { lineIds } = startSale(e, 'R1', 'C-ANNA', [{ productId: 'P-TENT' }, { productId: 'P-LAMP' }]);
  return { e, tent: lineIds[0]!, lamp: lineIds[1]! };
}

describe('CO-3 pickup modes', () => {
  it('CO-3 pick up all and selected take any pickup mode of the chain; without one, the parameters\' pickup mode', () => {
    const { e, tent, lamp } = sale();
    ok(e, { type: 'register.pickupAll', registerId: 'R1', modeCode: 'CURBSIDE' });
    expect(cartLine(e, 'R1', tent).delivery).toMatchObject({ kind: 'pickup', modeCode: 'CURBSIDE', locationId: 'S1' });
    ok(e, { type: 'register.pickupSelected', registerId: 'R1', lineIds: [lamp] });
    expect(cartLine(e, 'R1', lamp).delivery).toMatchObject({ kind: 'pickup', modeCode: 'PICKUP' });
    ok(e, { type: 'register.pickupSelected', registerId: 'R1', lineIds: [lamp], modeCode: 'CURBSIDE', locationId: 'S2' });
    expect(cartLine(e, 'R1', lamp).delivery).toMatchObject({ kind: 'pickup', modeCode: 'CURBSIDE', locationId: 'S2' });
  });

  it('CO-3 a pickup needs a pickup mode: a ship mode or an unknown mode is refused naming modeCode, and nothing changes', () => {
    const { e, tent } = sale();
    expect(refused(e, { type: 'register.pickupAll', registerId: 'R1', modeCode: 'STD' })).toMatchObject({ rule: 'CO-3', field: 'modeCode', message: expect.stringContaining('pickup mode') });
    expect(refused(e, { type: 'register.pickupAll', registerId: 'R1', modeCode: 'NOPE' })).toMatchObject({ rule: 'CO-3', field: 'modeCode' });
    expect(cartLine(e, 'R1', tent).delivery.kind).toBe('carryOut');
  });

  it('CO-3 change mode of delivery goes to any kind of mode: a pickup mode at a pickup location, a ship mode, carry out', () => {
    const { e, tent, lamp } = sale();
    ok(e, { type: 'register.changeModeOfDelivery', registerId: 'R1', lineIds: [tent], modeCode: 'CURBSIDE' });
    expect(cartLine(e, 'R1', tent).delivery).toMatchObject({ kind: 'pickup', modeCode: 'CURBSIDE', locationId: 'S1' });
    // A pickup mode needs a pickup location: the warehouse only ships.
    expect(refused(e, { type: 'register.changeModeOfDelivery', registerId: 'R1', lineIds: [lamp], modeCode: 'PICKUP', locationId: 'W1' })).toMatchObject({ rule: 'CO-3', field: 'locationId' });
    expect(cartLine(e, 'R1', lamp).delivery.kind).toBe('carryOut');
    ok(e, { type: 'register.changeModeOfDelivery', registerId: 'R1', lineIds: [lamp], modeCode: 'PICKUP', locationId: 'S2' });
    expect(cartLine(e, 'R1', lamp).delivery).toMatchObject({ kind: 'pickup', modeCode: 'PICKUP', locationId: 'S2' });
    ok(e, { type: 'register.changeModeOfDelivery', registerId: 'R1', lineIds: [tent], modeCode: 'EXP' });
    expect(cartLine(e, 'R1', tent).delivery).toMatchObject({ kind: 'ship', modeCode: 'EXP', locationId: 'W1' });
    ok(e, { type: 'register.changeModeOfDelivery', registerId: 'R1', lineIds: [tent], modeCode: 'CARRY' });
    expect(cartLine(e, 'R1', tent).delivery.kind).toBe('carryOut');
    expect(refused(e, { type: 'register.changeModeOfDelivery', registerId: 'R1', lineIds: [tent], modeCode: 'NOPE' })).toMatchObject({ rule: 'CO-3', field: 'modeCode' });
  });

  it('CO-3 an order keeps each line\'s pickup mode; FF-6 a pickup takes lines of one mode at a time', () => {
    const { e, tent, lamp } = sale();
    ok(e, { type: 'register.pickupSelected', registerId: 'R1', lineIds: [tent], modeCode: 'CURBSIDE' });
    ok(e, { type: 'register.pickupSelected', registerId: 'R1', lineIds: [lamp] });
    const { orderId } = tenderDue(e, 'R1') as { orderId: string };
    const lines = e.orderView(orderId).lines;
    expect(lines.map((l) => l.delivery.modeCode)).toEqual(['CURBSIDE', 'PICKUP']);
    expect(refused(e, { type: 'register.recallOrder', registerId: 'R1', orderId, purpose: 'pickup', lines: [{ lineId: tent, quantity: 1 }, { lineId: lamp, quantity: 1 }] }))
      .toMatchObject({ rule: 'FF-6', field: 'lines' });
    expect(ok(e, { type: 'register.recallOrder', registerId: 'R1', orderId, purpose: 'pickup', lines: [{ lineId: tent, quantity: 1 }] })).toMatchObject({ orderId });
  });
});

describe('CO-15 another person collects', () => {
  const sam = { name: 'Sam Lee', phone: '+1 206 555 0100', email: 'sam@example.com' };

  it('CO-15 a pickup line names who collects; the order and its pickup location keep it; the customer stays the buyer', () => {
    const { e, tent, lamp } = sale();
    ok(e, { type: 'register.pickupSelected', registerId: 'R1', lineIds: [tent], collector: sam });
    ok(e, { type: 'register.shipSelected', registerId: 'R1', lineIds: [lamp], modeCode: 'STD' });
    expect(cartLine(e, 'R1', tent).delivery).toMatchObject({ kind: 'pickup', collector: sam });
    const { orderId } = tenderDue(e, 'R1', { cardToken: 'tok-1' }) as { orderId: string };
    const view = e.orderView(orderId);
    expect(view.customerId).toBe('C-ANNA');
    expect(view.lines.find((l) => l.lineId === tent)!.delivery.collector).toEqual(sam);
    expect(view.lines.find((l) => l.lineId === lamp)!.delivery.collector).toBeUndefined();
    expect(e.fulfillmentView('S1').lines.find((l) => l.lineId === tent)).toMatchObject({ collector: sam });
  });

  it('CO-15 the collector needs a name; phone and email must look like one; only pickup lines name one', () => {
    const { e, tent } = sale();
    expect(refused(e, { type: 'register.pickupAll', registerId: 'R1', collector: { name: '  ' } })).toMatchObject({ rule: 'VALIDATION', field: 'collector.name' });
    expect(refused(e, { type: 'register.pickupAll', registerId: 'R1', collector: { name: 'Sam', email: 'sam-at-example' } })).toMatchObject({ rule: 'VALIDATION', field: 'collector.email' });
    expect(refused(e, { type: 'register.pickupAll', registerId: 'R1', collector: { name: 'Sam', phone: 'call me' } })).toMatchObject({ rule: 'VALIDATION', field: 'collector.phone' });
    expect(refused(e, { type: 'register.changeModeOfDelivery', registerId: 'R1', lineIds: [tent], modeCode: 'STD', collector: { name: 'Sam' } })).toMatchObject({ rule: 'CO-15', field: 'collector' });
    expect(cartLine(e, 'R1', tent).delivery.kind).toBe('carryOut');
    ok(e, { type: 'register.pickupAll', registerId: 'R1', collector: { name: ' Sam ' } });
    expect(cartLine(e, 'R1', tent).delivery.collector).toEqual({ name: 'Sam' });
  });
});

describe('CO-17 available quantity per location', () => {
  it('CO-17 each offered location shows what it has of the cart lines; open order lines there count against it; a short location is flagged', () => {
    const e = newEngine(curbside);
    openShift(e, 'R1', 'cashier1');
    // 45 tents to pick up at S2 take them off what S2 can promise.
    startSale(e, 'R1', 'C-ANNA', [{ productId: 'P-TENT', quantity: 45 }]);
    ok(e, { type: 'register.pickupAll', registerId: 'R1', locationId: 'S2' });
    tenderDue(e, 'R1');
    const { lineIds: [tent, lamp] } = startSale(e, 'R1', 'C-ANNA', [{ productId: 'P-TENT', quantity: 10 }, { productId: 'P-LAMP' }]);
    const pickup = e.availabilityView('R1', 'pickup');
    expect(pickup.map((l) => l.locationId)).toEqual(['S1', 'S2']); // the warehouse only ships (ST-2)
    expect(pickup.find((l) => l.locationId === 'S1')).toMatchObject({ short: false, lines: [{ lineId: tent, available: 50, short: false }, { lineId: lamp, available: 50 }] });
    expect(pickup.find((l) => l.locationId === 'S2')).toMatchObject({ short: true, lines: [{ lineId: tent, quantity: 10, available: 5, short: true }, { lineId: lamp, short: false }] });
    expect(e.availabilityView('R1', 'ship', [lamp!]).map((l) => [l.locationId, l.lines.map((x) => x.lineId)])).toEqual([['S1', [lamp]], ['S2', [lamp]], ['W1', [lamp]]]);
    // Short is a warning (decision): the short location can still be chosen.
    ok(e, { type: 'register.pickupSelected', registerId: 'R1', lineIds: [tent!], locationId: 'S2' });
    expect(() => e.availabilityView('R1', 'pickup', ['nope'])).toThrow(/no line "nope"/);
  });
});
