/**
 * Issue 10, plain words: what a refusal says to staff carries no rule ID, permission key, machine state or amount in
 * minor units; money is in the store's currency, the rule (and field) stay machine-readable and go to the screens'
 * detail line for support (`staffWords`).
 */
import { describe, expect, it } from 'vitest';
import { privilegeNames } from '../../engine/domain/config.ts';
import { staffWords, type RuleViolation } from '../../engine/domain/violation.ts';
import { newEngine, ok, PRICE, refused } from './engine-helpers.ts';

/** The staff message is plain; the rule is kept for programs and shown in the detail line. */
function expectPlain(found: RuleViolation, rule: string): string {
  expect(found.rule).toBe(rule);
  const { message, detail } = staffWords(found);
  expect(message, 'no rule ID').not.toMatch(/\b(CO|CH|CU|FF|RT|SY|ST)-\d{1,2}\b/);
  for (const key of [...privilegeNames, 'backOffice']) expect(message, `no permission key ${key}`).not.toContain(key);
  expect(message, 'no event type or raw state').not.toMatch(/\b[A-Z]+_[A-Z_]+\b|[{}]|\bwhile (closed|ready|sale)\b/);
  // Money is written in dollars and cents ($12.50); ids (CO-000001, T-R1-000002-1) are not amounts.
  const rest = message.replace(/\$[\d,]+\.\d{2}/g, '').replace(/\b[A-Z]+(-[A-Z0-9]+)+\b/g, '');
  expect(rest, 'no amount in cents').not.toMatch(/\d{3,}/);
  expect(message.charAt(0)).toBe(message.charAt(0).toUpperCase());
  expect(detail).toBe(`Ref. ${rule}${found.field === undefined ? '' : `, ${found.field}`}`);
  return message;
}

function shipSale() {
  const engine = newEngine();
  ok(engine, { type: 'register.openShift', registerId: 'R1', operatorId: 'cashier1' });
  ok(engine, { type: 'register.setCustomer', registerId: 'R1', customerId: 'C-ANNA' });
  ok(engine, { type: 'register.addItem', registerId: 'R1', productId: 'P-LAMP', quantity: 2 });
  ok(engine, { type: 'register.shipAll', registerId: 'R1', modeCode: 'STD' });
  return { engine, due: engine.registerView('R1').due };
}

describe('plain words in refusals', () => {
  it('CO-8 an unpaid ship order asks for a card in words, the rule in the detail', () => {
    const { engine, due } = shipSale();
    const found = refused(engine, { type: 'register.tender', registerId: 'R1', method: 'cash', amount: due });
    expect(expectPlain(found, 'CO-8')).toBe('This ship order is not fully paid: take a card for the balance');
    expect(found.field).toBe('cardToken');
  });

  it('ST-5 CH-4 CO-7 a missing permission says what the operator may not do and who may, never the permission\'s key', () => {
    const { engine } = shipSale();
    expect(expectPlain(refused(engine, { type: 'register.addItem', registerId: 'R1', productId: 'P-SOCKS', quantity: 1, unitPrice: 100 }), 'ST-5'))
      .toBe('You may not change a price: ask a store manager');
    expect(expectPlain(refused(engine, { type: 'register.overrideDeposit', registerId: 'R1', amount: 0 }), 'CO-7'))
      .toBe('You may not override the deposit: ask a store manager');
    expect(expectPlain(refused(engine, { type: 'register.addCharge', registerId: 'R1', chargeCode: 'FREIGHT', level: 'header', amount: 500 }), 'CH-4'))
      .toBe('You may not add or change charges: ask a store manager');
  });

  it('ST-5 fulfilment without the accept permission names the roles that have it', () => {
    const engine = newEngine((config) => {
      config.roles.push({ id: 'packer', name: 'Packer', permissions: ['fulfillment'] });
      config.staff.push({ operatorId: 'packer1', name: 'Pat Packer', roleId: 'packer', storeIds: ['S1'] });
      config.stores.find((s) => s.id === 'S1')!.manualAccept = true;
    });
    ok(engine, { type: 'register.openShift', registerId: 'R1', operatorId: 'cashier1' });
    ok(engine, { type: 'register.setCustomer', registerId: 'R1', customerId: 'C-ANNA' });
    ok(engine, { type: 'register.addItem', registerId: 'R1', productId: 'P-LAMP', quantity: 1 });
    ok(engine, { type: 'register.pickupAll', registerId: 'R1', locationId: 'S1' });
    ok(engine, { type: 'register.tender', registerId: 'R1', method: 'cash', amount: PRICE.LAMP * 2 });
    const [line] = engine.fulfillmentView('S1').lines;
    const found = refused(engine, { type: 'fulfillment.accept', locationId: 'S1', operatorId: 'packer1', lines: [{ orderId: line!.orderId, lineId: line!.lineId }] });
    expect(expectPlain(found, 'ST-5')).toBe('You may not accept orders: ask a shift lead or store manager');
  });

  it('STATE no shift open: the register and what is missing, not the machine\'s state or event', () => {
    const engine = newEngine();
    const found = refused(engine, { type: 'register.tender', registerId: 'R1', method: 'cash', amount: 100 });
    expect(expectPlain(found, 'STATE')).toMatch(/^Register R1 cannot tender now: no shift is open/);
  });

  it('VALIDATION CO-7 amounts over a limit are written in the store\'s currency, the minor units kept beside for programs', () => {
    const { engine, due } = shipSale();
    const card = refused(engine, { type: 'register.tender', registerId: 'R1', method: 'card', amount: due + 100, cardToken: 'tok_visa' });
    expect(expectPlain(card, 'VALIDATION')).toBe(`A card payment cannot be more than the $${(due / 100).toFixed(2)} left to pay`);
    expect(card.amounts).toEqual({ remaining: due });
    ok(engine, { type: 'register.void', registerId: 'R1' });
    ok(engine, { type: 'register.closeShift', registerId: 'R1' });
    ok(engine, { type: 'register.openShift', registerId: 'R1', operatorId: 'manager1' });
    ok(engine, { type: 'register.setCustomer', registerId: 'R1', customerId: 'C-ANNA' });
    ok(engine, { type: 'register.addItem', registerId: 'R1', productId: 'P-LAMP', quantity: 2 });
    ok(engine, { type: 'register.shipAll', registerId: 'R1', modeCode: 'STD' });
    const deposit = refused(engine, { type: 'register.overrideDeposit', registerId: 'R1', amount: 1_000_000 });
    expect(expectPlain(deposit, 'CO-7')).toMatch(/^The deposit must be between \$0\.00 and the order's \$[\d,]+\.\d{2}$/);
    expect(deposit.amounts?.ordered).toBeGreaterThan(0);
  });
});

describe('staffWords', () => {
  it('a validation message that starts with its field\'s path leaves the path to the detail line', () => {
    expect(staffWords({ rule: 'VALIDATION', field: 'command.ms', message: 'command.ms: too big' })).toEqual({ message: 'Too big', detail: 'Ref. VALIDATION, command.ms' });
    expect(staffWords({ rule: 'NETWORK', message: 'the server cannot be reached' })).toEqual({ message: 'The server cannot be reached', detail: 'Ref. NETWORK' });
  });
});
