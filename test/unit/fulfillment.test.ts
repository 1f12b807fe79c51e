/** Store fulfillment buckets and statuses (engine/domain/fulfillment.ts): FF-2..FF-8. */
import { describe, expect, it } from 'vitest';
import type { DeliveryKind } from '../../engine/domain/config.ts';
import {
  applyInvoice, applyPack, applyPick, applyReject, applyResetFulfillment, backOfficeLineStatus, checkAccept, checkInvoice,
  checkPack, checkPick, checkReject, checkReturn, isFulfillmentStarted, newProgress, openQuantity, orderHeaderStatus,
  storeLineStatus, uninvoicedQuantity, unitsIssued, unpickedShare, type BackOfficeLineStatus, type LineProgress, type StoreLineStatus,
} from '../../engine/domain/fulfillment.ts';

/** An accepted line of `quantity` units with the given buckets. */
function progress(quantity: number, buckets: Partial<LineProgress> = {}): LineProgress {
  return { quantity, accepted: true, pickListId: null, picked: 0, packed: 0, invoiced: 0, rejected: 0, returned: 0, ...buckets };
}

const status = (p: LineProgress) => storeLineStatus(p);

describe('FF-2 accept', () => {
  it('FF-2 ship lines of a manual-accept store start Pending', () => {
    const p = newProgress(5, 'ship', true);
    expect(p).toEqual({ quantity: 5, accepted: false, pickListId: null, picked: 0, packed: 0, invoiced: 0, rejected: 0, returned: 0 });
    expect(status(p)).toBe('Pending');
  });

  it('FF-2 without manual accept ship lines are accepted at once', () => {
    expect(status(newProgress(5, 'ship', false))).toBe('Accepted');
  });

  it('FF-2 pickup lines are never Pending, even under manual accept', () => {
    expect(newProgress(5, 'pickup', true).accepted).toBe(true);
    expect(status(newProgress(5, 'pickup', true))).toBe('Accepted');
  });

  it('FF-2 carry-out lines are invoiced at once (CO-5)', () => {
    const p = newProgress(2, 'carryOut', true);
    expect(p.invoiced).toBe(2);
    expect(status(p)).toBe('Invoiced');
  });

  it('FF-2 nothing is processed before a Pending line is accepted', () => {
    const pending = newProgress(5, 'ship', true);
    expect(checkPick(pending, 1)).toMatchObject({ rule: 'FF-2', field: 'lineId' });
    expect(checkPack(pending, 'ship', 1)).toMatchObject({ rule: 'FF-2', field: 'lineId' });
    expect(checkInvoice(pending, 'FF-5', 1)).toMatchObject({ rule: 'FF-2', field: 'lineId' });
  });

  it('FF-2 only a Pending line can be accepted', () => {
    const pending = newProgress(5, 'ship', true);
    expect(checkAccept(pending)).toBeNull();
    expect(checkAccept({ ...pending, accepted: true })).toMatchObject({ rule: 'FF-2' });
  });
});

describe('FF-3 pick', () => {
  it('FF-3 picking up to the open remainder: PartiallyPicked, then Picked', () => {
    let p = newProgress(5, 'ship', false);
    expect(openQuantity(p)).toBe(5); // the prompt is prefilled with the remainder
    expect(checkPick(p, 3)).toBeNull();
    p = applyPick(p, 3);
    expect(status(p)).toBe('PartiallyPicked');
    expect(openQuantity(p)).toBe(2);
    expect(checkPick(p, 2)).toBeNull();
    p = applyPick(p, 2);
    expect(p.picked).toBe(5);
    expect(status(p)).toBe('Picked');
  });

  it('FF-3 no more than the open remainder can be picked, and there is no unpick', () => {
    const p = applyPick(newProgress(5, 'pickup', false), 4);
    expect(checkPick(p, 2)).toMatchObject({ rule: 'FF-3', field: 'quantity' }); // only 1 open
    expect(checkPick(p, 0)).toMatchObject({ rule: 'FF-3', field: 'quantity' });
    expect(checkPick(p, -1)).toMatchObject({ rule: 'FF-3', field: 'quantity' }); // no unpick
    expect(checkPick(p, 0.5)).toMatchObject({ rule: 'FF-3', field: 'quantity' });
    expect(checkPick(applyPick(p, 1), 1)).toMatchObject({ rule: 'FF-3', field: 'quantity' }); // fully picked
  });

  it('FF-3 a line on a printed pick list is Picking until units are picked', () => {
    const onList = progress(4, { pickListId: 'PL-1' });
    expect(status(onList)).toBe('Picking');
    expect(status(applyPick(onList, 1))).toBe('PartiallyPicked');
  });

  it('FF-3 rejected units do not count against Picked', () => {
    // 5 ordered, 1 rejected, 4 picked: every active unit is picked
    expect(status(progress(5, { rejected: 1, picked: 4 }))).toBe('Picked');
  });
});

describe('FF-4 pack', () => {
  it('FF-4 pickup (and carry-out) lines cannot be packed', () => {
    const p = progress(3, { picked: 3 });
    expect(checkPack(p, 'pickup', 1)).toMatchObject({ rule: 'FF-4', field: 'lineId' });
    expect(checkPack(p, 'carryOut', 1)).toMatchObject({ rule: 'FF-4', field: 'lineId' });
    expect(checkPack(p, 'ship', 1)).toBeNull();
  });

  it('FF-4 packing consumes picked units first, then open ones', () => {
    let p = applyPick(newProgress(5, 'ship', false), 2); // open 3, picked 2
    p = applyPack(p, 1);
    expect(p).toMatchObject({ picked: 1, packed: 1 });
    expect(openQuantity(p)).toBe(3);
    p = applyPack(p, 2); // 1 from picked, 1 from open
    expect(p).toMatchObject({ picked: 0, packed: 3 });
    expect(openQuantity(p)).toBe(2);
    expect(status(p)).toBe('PartiallyPacked');
    p = applyPack(p, 2);
    expect(status(p)).toBe('Packed');
  });

  it('FF-4 no more than the open plus picked units can be packed', () => {
    const p = progress(5, { picked: 2, packed: 1 }); // open 2
    expect(checkPack(p, 'ship', 4)).toBeNull();
    expect(checkPack(p, 'ship', 5)).toMatchObject({ rule: 'FF-4', field: 'quantity' });
    expect(checkPack(p, 'ship', 0)).toMatchObject({ rule: 'FF-4', field: 'quantity' });
  });
});

describe('FF-5 ship', () => {
  it('FF-5 shipping consumes packed units first, then picked, then open, and invoices them', () => {
    // 6 ordered: packed 2, picked 2, open 2
    let p = progress(6, { packed: 2, picked: 2 });
    expect(checkInvoice(p, 'FF-5', 3)).toBeNull();
    expect(unpickedShare(p, 3)).toBe(0); // 3 - 2 packed - 2 picked -> none from open
    p = applyInvoice(p, 3); // 2 packed + 1 picked
    expect(p).toMatchObject({ packed: 0, picked: 1, invoiced: 3 });
    expect(openQuantity(p)).toBe(2);
    expect(status(p)).toBe('PartiallyInvoiced');
    expect(unpickedShare(p, 3)).toBe(2); // 3 - 0 packed - 1 picked
    p = applyInvoice(p, 3); // 1 picked + 2 open
    expect(p).toMatchObject({ packed: 0, picked: 0, invoiced: 6 });
    expect(openQuantity(p)).toBe(0);
    expect(status(p)).toBe('Invoiced');
  });

  it('FF-5 an unpicked accepted line may be shipped directly', () => {
    const p = newProgress(2, 'ship', false);
    expect(checkInvoice(p, 'FF-5', 2)).toBeNull();
    expect(status(applyInvoice(p, 2))).toBe('Invoiced');
  });

  it('FF-5 no more than the uninvoiced, unrejected units can be shipped', () => {
    const p = progress(6, { invoiced: 3, rejected: 1, packed: 1 });
    expect(uninvoicedQuantity(p)).toBe(2);
    expect(checkInvoice(p, 'FF-5', 2)).toBeNull();
    expect(checkInvoice(p, 'FF-5', 3)).toMatchObject({ rule: 'FF-5', field: 'quantity' });
    expect(checkInvoice(p, 'FF-5', 0)).toMatchObject({ rule: 'FF-5', field: 'quantity' });
  });
});

describe('FF-6 pick up', () => {
  it('FF-6 a pickup consumes picked units first, then open ones, and invoices them', () => {
    let p = applyPick(newProgress(4, 'pickup', true), 1); // picked 1, open 3
    expect(checkInvoice(p, 'FF-6', 2)).toBeNull();
    expect(unpickedShare(p, 2)).toBe(1);
    p = applyInvoice(p, 2);
    expect(p).toMatchObject({ picked: 0, invoiced: 2 });
    expect(status(p)).toBe('PartiallyInvoiced');
    expect(checkInvoice(p, 'FF-6', 3)).toMatchObject({ rule: 'FF-6', field: 'quantity' });
    p = applyInvoice(p, 2);
    expect(status(p)).toBe('Invoiced');
  });
});

describe('FF-7 reject and reset', () => {
  it('FF-7 only units not yet picked or packed can be rejected', () => {
    const p = progress(5, { picked: 1, packed: 1 }); // open 3
    expect(checkReject(p, 3)).toBeNull();
    expect(checkReject(p, 4)).toMatchObject({ rule: 'FF-7', field: 'quantity' });
    expect(checkReject(p, 0)).toMatchObject({ rule: 'FF-7', field: 'quantity' });
    expect(checkReject(progress(2, { invoiced: 2 }), 1)).toMatchObject({ rule: 'FF-7' });
  });

  it('FF-7 a whole line rejected is Rejected and leaves its pick list', () => {
    const p = applyReject(progress(3, { pickListId: 'PL-1' }), 3);
    expect(p).toMatchObject({ rejected: 3, pickListId: null });
    expect(status(p)).toBe('Rejected');
  });

  it('FF-7 a partial reject keeps the rest of the line in its state', () => {
    const p = applyReject(progress(5, { pickListId: 'PL-1', picked: 2 }), 1); // open 3 -> 2
    expect(p).toMatchObject({ rejected: 1, pickListId: 'PL-1', picked: 2 });
    expect(status(p)).toBe('PartiallyPicked'); // 2 of the 4 active picked
    expect(status(applyReject(p, 2))).toBe('Picked'); // the 2 remaining active units are picked
  });

  it('FF-7 a Pending line may be rejected', () => {
    expect(checkReject(newProgress(2, 'ship', true), 2)).toBeNull();
  });

  it('FF-7 reset returns rejected units to Accepted, or to Pending for ship lines under manual accept', () => {
    const rejected = applyReject(progress(3), 3);
    const reset = applyResetFulfillment(rejected, 'ship', false);
    expect(reset).toMatchObject({ rejected: 0, accepted: true });
    expect(status(reset)).toBe('Accepted');
    expect(openQuantity(reset)).toBe(3);
    expect(status(applyResetFulfillment(rejected, 'ship', true))).toBe('Pending');
    expect(status(applyResetFulfillment(rejected, 'pickup', true))).toBe('Accepted');
  });
});

describe('FF-8 status mapping', () => {
  it('FF-8 store line status maps to the back-office line status', () => {
    const table: [StoreLineStatus, BackOfficeLineStatus][] = [
      ['Pending', 'OrderProcessing'],
      ['Accepted', 'OrderProcessing'],
      ['Picking', 'OrderProcessing'],
      ['PartiallyPicked', 'PartiallyPicked'],
      ['Picked', 'Picked'],
      ['PartiallyPacked', 'PartiallyDelivered'],
      ['Packed', 'Delivered'],
      ['PartiallyInvoiced', 'PartiallyInvoiced'],
      ['Invoiced', 'Invoiced'],
      ['Rejected', 'Rejected'],
    ];
    for (const [store, backOffice] of table) expect([store, backOfficeLineStatus(store)]).toEqual([store, backOffice]);
  });

  const open = progress(2);
  const pickedLine = progress(2, { picked: 2 });
  const partlyPicked = progress(2, { picked: 1 });
  const packedLine = progress(2, { packed: 2 });
  const invoicedLine = progress(2, { invoiced: 2 });
  const partlyInvoiced = progress(2, { invoiced: 1 });
  const rejectedLine = progress(2, { rejected: 2 });

  it('FF-8 an order whose lines are all open is Open', () => {
    expect(orderHeaderStatus('order', [open, progress(1, { accepted: false }), progress(3, { pickListId: 'PL-1' })])).toBe('Open');
  });

  it('FF-8 a mix of invoiced and open lines is PartiallyInvoiced', () => {
    expect(orderHeaderStatus('order', [invoicedLine, open])).toBe('PartiallyInvoiced');
    expect(orderHeaderStatus('order', [partlyInvoiced])).toBe('PartiallyInvoiced');
    expect(orderHeaderStatus('order', [invoicedLine, packedLine])).toBe('PartiallyInvoiced');
  });

  it('FF-8 every line delivered (packed) is Delivered; some is PartiallyDelivered', () => {
    expect(orderHeaderStatus('order', [packedLine, packedLine])).toBe('Delivered');
    expect(orderHeaderStatus('order', [packedLine, pickedLine])).toBe('PartiallyDelivered');
  });

  it('FF-8 picked lines: Picked when all, PartiallyPicked otherwise', () => {
    expect(orderHeaderStatus('order', [pickedLine, pickedLine])).toBe('Picked');
    expect(orderHeaderStatus('order', [pickedLine, open])).toBe('PartiallyPicked');
    expect(orderHeaderStatus('order', [partlyPicked])).toBe('PartiallyPicked');
  });

  it('FF-8 every line invoiced is Invoiced', () => {
    expect(orderHeaderStatus('order', [invoicedLine, invoicedLine])).toBe('Invoiced');
  });

  it('FF-8 lines rejected in full are ignored', () => {
    expect(orderHeaderStatus('order', [invoicedLine, rejectedLine])).toBe('Invoiced');
    expect(orderHeaderStatus('order', [open, rejectedLine])).toBe('Open');
    expect(orderHeaderStatus('order', [packedLine, rejectedLine])).toBe('Delivered');
  });

  it('FF-8 an order whose lines are all rejected is Rejected', () => {
    expect(orderHeaderStatus('order', [rejectedLine, progress(1, { rejected: 1 })])).toBe('Rejected');
  });

  it('FF-8 quotes and cancelled orders have their own header status', () => {
    expect(orderHeaderStatus('quote', [open])).toBe('Quote');
    expect(orderHeaderStatus('cancelled', [invoicedLine])).toBe('Cancelled');
  });

  it('FF-8 a hybrid order with carry-out lines invoiced and ship lines open is PartiallyInvoiced', () => {
    expect(orderHeaderStatus('order', [newProgress(1, 'carryOut', false), newProgress(1, 'ship', false)])).toBe('PartiallyInvoiced');
  });
});

describe('fully invoiced (FF-5, FF-8)', () => {
  it('FF-8 a line whose unrejected units are all invoiced shows Invoiced, and so does its header', () => {
    // 5 ordered, 2 rejected at the store (FF-7), the other 3 shipped and invoiced (FF-5).
    const line = progress(5, { rejected: 2, invoiced: 3 });
    expect(storeLineStatus(line)).toBe('Invoiced');
    expect(orderHeaderStatus('order', [line])).toBe('Invoiced');
  });
});

describe('fulfilment started (CO-10, CO-11)', () => {
  it('CO-11 fulfilment has started once a unit is picked, packed or invoiced (carry-out lines do not count)', () => {
    expect(isFulfillmentStarted(progress(2), 'ship')).toBe(false);
    expect(isFulfillmentStarted(progress(2, { pickListId: 'PL-1' }), 'ship')).toBe(false);
    expect(isFulfillmentStarted(progress(2, { rejected: 1 }), 'ship')).toBe(false);
    expect(isFulfillmentStarted(progress(2, { picked: 1 }), 'pickup')).toBe(true);
    expect(isFulfillmentStarted(progress(2, { packed: 1 }), 'ship')).toBe(true);
    expect(isFulfillmentStarted(progress(2, { invoiced: 1 }), 'ship')).toBe(true);
    expect(isFulfillmentStarted(newProgress(2, 'carryOut', false), 'carryOut')).toBe(false);
  });
});

describe('bucket invariants (seeded random operation sequences)', () => {
  it('FF-3 FF-4 FF-5 FF-7 buckets never go negative and always sum to the quantity', () => {
    let seed = 42;
    const random = (n: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return Math.floor((seed / 2_147_483_648) * n);
    };
    const kinds: DeliveryKind[] = ['ship', 'pickup'];
    let applied = 0;
    for (let run = 0; run < 300; run++) {
      const kind = kinds[random(2)]!;
      const manualAccept = random(2) === 0;
      let p = newProgress(1 + random(8), kind, manualAccept);
      for (let step = 0; step < 25; step++) {
        const quantity = random(5) - 1; // -1..3: also tries refused quantities
        const op = random(7);
        const before = p;
        switch (op) {
          case 0: if (checkAccept(p) === null) p = { ...p, accepted: true }; break;
          case 1: if (checkPick(p, quantity) === null) p = applyPick(p, quantity); break;
          case 2: if (checkPack(p, kind, quantity) === null) p = applyPack(p, quantity); break;
          case 3: if (checkInvoice(p, kind === 'ship' ? 'FF-5' : 'FF-6', quantity) === null) p = applyInvoice(p, quantity); break;
          case 4: if (checkReject(p, quantity) === null) p = applyReject(p, quantity); break;
          case 5: if (p.rejected > 0) p = applyResetFulfillment(p, kind, manualAccept); break;
          case 6: if (checkReturn(p, quantity) === null) p = { ...p, returned: p.returned + quantity }; break;
        }
        if (p !== before) applied++;
        const buckets = [p.picked, p.packed, p.invoiced, p.rejected, p.returned, openQuantity(p)];
        const sound = buckets.every((b) => b >= 0)
          && p.picked + p.packed + p.invoiced + p.rejected + openQuantity(p) === p.quantity
          && p.returned <= p.invoiced
          && (kind === 'ship' || p.packed === 0);
        // Only build the (costly) failure message when an invariant breaks.
        if (!sound) expect.fail(`run ${run} step ${step} op ${op} qty ${quantity}: ${JSON.stringify(p)}`);
        storeLineStatus(p); // total: derives a status for every reachable state
      }
    }
    expect(applied).toBeGreaterThan(1000); // the loop really exercised the operations
  });
});

describe('stock issued (FF-3, FF-7)', () => {
  it('FF-7 rejecting and resetting units never touches the shelf; picking and shipping them does', () => {
    const start = newProgress(2, 'ship', false);
    const rejected = applyReject(start, 2);
    expect(unitsIssued(start, rejected)).toBe(0);
    const reset = applyResetFulfillment(rejected, 'ship', false);
    expect(unitsIssued(rejected, reset)).toBe(0);
    const picked = applyPick(reset, 2);
    expect(unitsIssued(reset, picked)).toBe(2);
    expect(unitsIssued(picked, applyInvoice(picked, 2))).toBe(0);
  });
});
