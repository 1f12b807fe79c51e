import { describe, expect, it } from 'vitest';
import type { ChainResult } from '../../engine/chain.ts';
import { buildCatalog } from '../../engine/domain/catalog.ts';
import { configIds, referencesIn, resolveReferences, unknownIds, type NamedOutcome } from '../../engine/lab/references.ts';
import { readFileSync } from 'node:fs';

const accepted = (result: Record<string, unknown>): ChainResult => ({ ok: true, seq: 1, at: 0, command: { type: 'clock.advance', ms: 1 }, result });
const named = new Map<string, NamedOutcome>([
  ['sale', { index: 4, result: accepted({ orderId: 'CO-000001', change: 0, totals: { due: 649 } }) }],
  ['lamp', { index: 2, result: accepted({ transactionId: 'T-R1-000001' }) }],
  ['ghost', { index: 8, result: { ok: false, error: { rule: 'NOT_FOUND', message: 'unknown order' } } }],
]);

describe('references between steps', () => {
  it('finds whole references and ${...} inside texts, with their field paths', () => {
    const step = { type: 'fulfillment.pick', orderId: '$sale.orderId', lines: [{ lineId: '${lamp.transactionId}-1', note: 'costs $5' }], amount: '$sale.totals.due' };
    expect(referencesIn(step)).toEqual([
      { field: 'orderId', name: 'sale', path: ['orderId'] },
      { field: 'lines.0.lineId', name: 'lamp', path: ['transactionId'] },
      { field: 'amount', name: 'sale', path: ['totals', 'due'] },
    ]);
  });

  it('fills them in from the named steps\' results: a whole reference keeps its type, an embedded one is written into the text', () => {
    const step = { orderId: '$sale.orderId', lines: [{ lineId: '${lamp.transactionId}-1' }], amount: '$sale.totals.due', plain: 'x' };
    expect(resolveReferences(step, named)).toEqual({ ok: true, step: { orderId: 'CO-000001', lines: [{ lineId: 'T-R1-000001-1' }], amount: 649, plain: 'x' } });
  });

  it('a reference to a refused step, or to nothing in a result, refuses the step with rule REFERENCE and its field', () => {
    expect(resolveReferences({ lookup: { value: '$ghost.orderId' } }, named)).toEqual({ ok: false, error: { rule: 'REFERENCE', field: 'lookup.value', message: '$ghost.orderId: step 8 ("ghost") was refused, so it has no result' } });
    expect(resolveReferences({ orderId: '$sale.order' }, named)).toEqual({ ok: false, error: { rule: 'REFERENCE', field: 'orderId', message: '$sale.order: step 4\'s result has nothing at "order" (it has orderId, change, totals)' } });
  });

  it('names the configuration ids a step names but the chain does not have, with the one probably meant', () => {
    const ids = configIds(buildCatalog(JSON.parse(readFileSync(new URL('../../scenarios/demo-chain.json', import.meta.url), 'utf8'))));
    expect(unknownIds({ type: 'register.addItem', registerId: 'R9', productId: 'P-LAPM', quantity: 1 }, ids)).toEqual([
      { field: 'registerId', detail: 'unknown register "R9" (did you mean "R1"?)' },
      { field: 'productId', detail: 'unknown product "P-LAPM" (did you mean "P-LAMP"?)' },
    ]);
    expect(unknownIds({ type: 'fulfillment.pick', locationId: 'W2', operatorId: 'picker', lines: [{ orderId: 'CO-1', lineId: 'x', quantity: 1 }] }, ids)).toEqual([
      { field: 'locationId', detail: 'unknown location "W2" (did you mean "W1"?)' },
      { field: 'operatorId', detail: 'unknown operator "picker" (did you mean "picker1"?)' },
    ]);
    expect(unknownIds({ type: 'register.setReturnLines', registerId: 'R1', lines: [{ lineId: 'x', quantity: 1, reasonCode: 'DAMAGD' }] }, ids)).toEqual([
      { field: 'lines.0.reasonCode', detail: 'unknown return reason code "DAMAGD" (did you mean "DAMAGED"?)' },
    ]);
    expect(unknownIds({ type: 'headquarters.runJob', job: 'P-job', storeIds: ['S1', 'S7'] }, ids)).toEqual([{ field: 'storeIds.1', detail: 'unknown store "S7" (did you mean "S1"?)' }]);
    // Ids the run makes, references and a customer's own words are not the configuration's.
    expect(unknownIds({ type: 'register.shipAll', registerId: '$lamp.registerId', modeCode: 'STD' }, ids)).toEqual([]);
    expect(unknownIds({ type: 'register.recallOrder', registerId: 'R1', orderId: 'CO-424242', purpose: 'edit' }, ids)).toEqual([]);
  });
});
