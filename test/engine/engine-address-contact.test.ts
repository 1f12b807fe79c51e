/** CU-9: each address keeps its own contact name and phone (default: the customer's); an order shipped to it uses them. */
import { describe, expect, it } from 'vitest';
import { withContact } from '../../engine/domain/customers.ts';
import { newEngine, ok, openShift, refused } from './engine-helpers.ts';

const home = { street: '1 Main St', city: 'Seattle', state: 'WA', zip: '98101' };
const office = { street: '400 Pine St', city: 'Seattle', state: 'WA', zip: '98101', purpose: 'Office', contactName: 'Front desk', contactPhone: '(206) 555-0199' } as const;

function customerWithTwoAddresses() {
  const e = newEngine();
  openShift(e, 'R1', 'cashier1');
  const created = ok(e, { type: 'customer.create', registerId: 'R1', customer: { name: 'Dana Reyes', phone: '206 555 0111', addresses: [home, office], deliveryAddress: 1 } });
  return { e, customerId: created.customerId as string };
}

describe('CU-9 a contact per address', () => {
  it('CU-9 the address keeps its contact; one without takes the customer\'s name and phone', () => {
    const { e, customerId } = customerWithTwoAddresses();
    const { record } = e.customerView(customerId);
    expect(record.addresses[1]).toMatchObject({ contactName: 'Front desk', contactPhone: '(206) 555-0199' });
    expect(record.addresses[0]!.contactName).toBeUndefined();
    expect(withContact(record.addresses[0]!, record)).toMatchObject({ contactName: 'Dana Reyes', contactPhone: '206 555 0111' });
    expect(withContact(record.addresses[1]!, record)).toMatchObject({ contactName: 'Front desk', contactPhone: '(206) 555-0199' });
  });

  it('CU-9 an order shipped to an address carries its contact, or the customer\'s', () => {
    const { e, customerId } = customerWithTwoAddresses();
    const { transactionId } = ok(e, { type: 'register.addItem', registerId: 'R1', productId: 'P-LAMP', quantity: 1 }) as { transactionId: string };
    ok(e, { type: 'register.addItem', registerId: 'R1', productId: 'P-TENT', quantity: 1 });
    ok(e, { type: 'register.shipSelected', registerId: 'R1', lineIds: [`${transactionId}-1`], modeCode: 'STD' });
    const homeAddress = e.customerView(customerId).record.addresses[0]!;
    ok(e, { type: 'register.shipSelected', registerId: 'R1', lineIds: [`${transactionId}-2`], modeCode: 'STD', address: homeAddress });
    const lines = e.registerView('R1').transaction!.cart.lines;
    expect(lines[0]!.delivery).toMatchObject({ kind: 'ship', address: { street: '400 Pine St', contactName: 'Front desk', contactPhone: '(206) 555-0199' } });
    expect(lines[1]!.delivery).toMatchObject({ kind: 'ship', address: { street: '1 Main St', contactName: 'Dana Reyes', contactPhone: '206 555 0111' } });
  });

  it('CU-9 an edit sets or clears an address\'s contact; a bad phone is refused naming the field', () => {
    const { e, customerId } = customerWithTwoAddresses();
    const [a1, a2] = e.customerView(customerId).record.addresses;
    const keep = ({ id, street, city, state, zip }: typeof a1 & object) => ({ id, street, city, state, zip });
    expect(refused(e, { type: 'customer.edit', registerId: 'R1', customerId, changes: { addresses: [{ ...keep(a1!), contactPhone: 'ring me' }] } })).toMatchObject({ field: 'changes.addresses.0.contactPhone' });
    ok(e, { type: 'customer.edit', registerId: 'R1', customerId, changes: { addresses: [{ ...keep(a1!), contactName: 'Sam Reyes' }, keep(a2!)], deliveryAddressId: a1!.id } });
    const edited = e.customerView(customerId).record.addresses;
    expect(edited[0]).toMatchObject({ contactName: 'Sam Reyes' });
    expect(edited[1]!.contactName).toBeUndefined();
  });
});
