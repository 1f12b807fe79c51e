/**
 * CC-5 catalog lifecycle: Draft -> Validated -> Approved -> Published, Inactive or Expired; refusals come from the
 * chart (the guard named after its rule, or the state's words); every state is reachable and only Published is usable.
 */
import { getShortestPaths } from '@xstate/graph';
import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { checkCatalogUsable } from '../../engine/domain/call-center/catalog.ts';
import type { CatalogConfig } from '../../engine/domain/call-center/config.ts';
import { catalogState, createCatalogMachine, type CatalogEvent } from '../../machines/catalog.machine.ts';
import { explainRefusal } from '../../machines/rules.ts';
import { callCenter, catalogOf, day, demoCatalogReferences, JUNE_15 } from '../unit/call-center/fixture.ts';

const center = callCenter();
const machine = createCatalogMachine(demoCatalogReferences(center));
const summer: CatalogConfig = { ...catalogOf(center, 'CAT-SUMMER'), status: 'Draft' };

function start(catalog = summer) {
  return createActor(machine, { input: { catalog } }).start();
}

/** Sends an event the chart must take; if it refuses, the test names why. */
function take(actor: ReturnType<typeof start>, event: CatalogEvent) {
  const before = actor.getSnapshot();
  actor.send(event);
  if (actor.getSnapshot() === before) throw new Error(`refused ${event.type}: ${explainRefusal(before, event).message}`);
}

const status = (actor: ReturnType<typeof start>) => catalogState(actor.getSnapshot()).status;

describe('catalog machine', () => {
  it('CC-5 Draft -> Validated -> Approved (by another user) -> Published; only then usable', () => {
    const actor = start();
    expect(status(actor)).toBe('Draft');
    take(actor, { type: 'VALIDATE', operatorId: 'lead1' });
    expect(status(actor)).toBe('Validated');
    expect(checkCatalogUsable(catalogState(actor.getSnapshot()), JUNE_15)?.rule).toBe('CC-5');
    take(actor, { type: 'APPROVE', operatorId: 'manager1' });
    expect(status(actor)).toBe('Approved');
    expect(checkCatalogUsable(catalogState(actor.getSnapshot()), JUNE_15)?.rule).toBe('CC-5');
    take(actor, { type: 'PUBLISH', operatorId: 'manager1', at: day('2027-05-20') });
    expect(actor.getSnapshot().context).toMatchObject({ validatedBy: 'lead1', approvedBy: 'manager1', publishedAt: day('2027-05-20') });
    expect(status(actor)).toBe('Published');
    expect(checkCatalogUsable(catalogState(actor.getSnapshot()), JUNE_15)).toBeNull();
  });

  it('CC-5 validation is blocked by any error, and the refusal lists every one', () => {
    const actor = start({ ...summer, productIds: [...summer.productIds, 'P-BOOTS'], sourceCodes: [] });
    const event = { type: 'VALIDATE', operatorId: 'lead1' } as const;
    actor.send(event);
    expect(status(actor)).toBe('Draft');
    expect(explainRefusal(actor.getSnapshot(), event)).toEqual({
      rule: 'CC-5', field: 'productIds.5',
      message: 'catalog Summer Camping has 2 problems to fix before approval: 1) item "P-BOOTS" has no price in the catalog\'s price groups; 2) the catalog has no source code, so no order can use it',
    });
    // Fixed as a draft, it validates.
    take(actor, { type: 'EDIT', operatorId: 'lead1', catalog: summer });
    take(actor, event);
    expect(status(actor)).toBe('Validated');
  });

  it('CC-5 the approval workflow: the validator cannot approve their own work; a rejection sends it back to draft', () => {
    const actor = start();
    take(actor, { type: 'VALIDATE', operatorId: 'lead1' });
    const own = { type: 'APPROVE', operatorId: 'lead1' } as const;
    actor.send(own);
    expect(status(actor)).toBe('Validated');
    expect(explainRefusal(actor.getSnapshot(), own)).toMatchObject({ rule: 'CC-5', field: 'operatorId', message: 'catalog Summer Camping needs someone other than who validated it to approve or reject it' });
    take(actor, { type: 'REJECT', operatorId: 'manager1' });
    expect(status(actor)).toBe('Draft');
    expect(actor.getSnapshot().context.validatedBy).toBeNull();
  });

  it('CC-5 only a draft is edited, and an edit keeps the catalog\'s id', () => {
    const actor = start();
    const rename = { type: 'EDIT', operatorId: 'lead1', catalog: { ...summer, id: 'CAT-OTHER' } } as const;
    actor.send(rename);
    expect(explainRefusal(actor.getSnapshot(), rename)).toMatchObject({ rule: 'CC-5', field: 'catalogId' });
    take(actor, { type: 'VALIDATE', operatorId: 'lead1' });
    const edit = { type: 'EDIT', operatorId: 'lead1', catalog: { ...summer, name: 'Summer Camping 2' } } as const;
    actor.send(edit);
    expect(actor.getSnapshot().context.catalog.name).toBe('Summer Camping');
    expect(explainRefusal(actor.getSnapshot(), edit)).toEqual({ rule: 'CC-5', field: 'catalogId', message: 'catalog Summer Camping cannot edit now: it is waiting for approval (only when it is a draft: validate it first)' });
  });

  it('CC-5 a catalog past its expiration is not published; headquarters closes it as Expired; Inactive ends it too', () => {
    const late = start();
    take(late, { type: 'VALIDATE', operatorId: 'lead1' });
    take(late, { type: 'APPROVE', operatorId: 'manager1' });
    const publish = { type: 'PUBLISH', operatorId: 'manager1', at: day('2027-09-01') } as const;
    late.send(publish);
    expect(explainRefusal(late.getSnapshot(), publish)).toMatchObject({ rule: 'CC-5', field: 'expiration', message: 'catalog Summer Camping expired on 2027-08-31: it can no longer be published' });
    take(late, { type: 'EXPIRE', at: day('2027-09-01') });
    expect(status(late)).toBe('Expired');

    const published = start({ ...summer, status: 'Published' });
    expect(status(published)).toBe('Published');
    const early = { type: 'EXPIRE', at: day('2027-08-31') } as const;
    published.send(early);
    expect(explainRefusal(published.getSnapshot(), early)).toMatchObject({ rule: 'CC-5', message: 'catalog Summer Camping runs until 2027-08-31' });
    take(published, { type: 'DEACTIVATE', operatorId: 'manager1' });
    expect(status(published)).toBe('Inactive');
    expect(checkCatalogUsable(catalogState(published.getSnapshot()), JUNE_15)?.message).toBe('catalog Summer Camping is inactive');
  });

  it('CC-5 a catalog configured Approved or Published starts there (it validated at boot)', () => {
    expect(status(start({ ...summer, status: 'Approved' }))).toBe('Approved');
    expect(status(start({ ...summer, status: 'Published' }))).toBe('Published');
  });

  it('CC-5 every state is reachable, and of them only Published is usable', () => {
    const events: CatalogEvent[] = [
      { type: 'EDIT', operatorId: 'lead1', catalog: summer },
      { type: 'VALIDATE', operatorId: 'lead1' },
      { type: 'APPROVE', operatorId: 'manager1' },
      { type: 'REJECT', operatorId: 'manager1' },
      { type: 'PUBLISH', operatorId: 'manager1', at: JUNE_15 },
      { type: 'DEACTIVATE', operatorId: 'manager1' },
      { type: 'EXPIRE', at: day('2027-09-01') },
    ];
    const paths = getShortestPaths(machine, { input: { catalog: summer }, events, serializeState: (s) => JSON.stringify(s.value) });
    const reached = new Map(paths.map((p) => [String(p.state.value), catalogState(p.state as never)]));
    expect([...reached.keys()].sort()).toEqual(['approved', 'draft', 'expired', 'inactive', 'published', 'validated']);
    const usable = [...reached].filter(([, state]) => checkCatalogUsable(state, JUNE_15) === null).map(([value]) => value);
    expect(usable).toEqual(['published']);
  });
});
