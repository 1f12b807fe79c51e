/**
 * CC-4 / CC-5 at headquarters: one catalog actor (machines/catalog.machine.ts) per catalog of every call center,
 * created from the configuration (a catalog configured Published starts published), driven by the lifecycle
 * commands, and persisted with headquarters' state. The source-code check and lookup read the actors' states
 * (`catalogStates`), never the configured status.
 */
import { createActor, type Actor, type InspectionEvent } from 'xstate';
import { validateCatalog, type CatalogState } from '../domain/call-center/catalog.ts';
import { catalogReferences } from '../domain/call-center/config.ts';
import type { Catalog } from '../domain/catalog.ts';
import { violation, type RuleViolation } from '../domain/violation.ts';
import type { CatalogAction, CatalogView } from '../protocol/call-center-catalogs.ts';
import { catalogState, createCatalogMachine, type CatalogEvent, type CatalogMachine } from '../../machines/catalog.machine.ts';
import { explainRefusal } from '../../machines/rules.ts';

interface Entry { callCenterId: string; actor: Actor<CatalogMachine>; refs: ReturnType<typeof catalogReferences> }

/** The persisted snapshots of the catalog actors, by catalog id (absent: as the configuration starts it). */
export type CatalogSnapshots = Record<string, unknown>;

export class CallCenterCatalogs {
  private readonly entries = new Map<string, Entry>();

  constructor(catalog: Catalog, snapshots: CatalogSnapshots = {}, inspect?: (event: InspectionEvent) => void) {
    for (const center of catalog.config.callCenters) {
      const refs = catalogReferences(catalog.config, center);
      const machine = createCatalogMachine(refs);
      for (const configured of center.catalogs) {
        const snapshot = snapshots[configured.id];
        // The input starts a new catalog; a persisted snapshot carries its own context (the input is then unused).
        const actor = createActor(machine, {
          input: { catalog: configured },
          ...(snapshot === undefined ? {} : { snapshot: snapshot as never }),
          ...(inspect === undefined ? {} : { inspect }),
        });
        actor.start();
        this.entries.set(configured.id, { callCenterId: center.id, actor, refs });
      }
    }
  }

  /**
   * CC-5: a lifecycle step. Refused (nothing changes) when the catalog is unknown or its state or rules do not allow
   * it; `at` dates publishing and expiry.
   */
  apply(command: { action: CatalogAction; catalogId: string; operatorId: string }, at: number): RuleViolation | null {
    const entry = this.entries.get(command.catalogId);
    if (entry === undefined) return violation('NOT_FOUND', `there is no catalog "${command.catalogId}"`, 'catalogId');
    const event = eventOf(command, at);
    const before = entry.actor.getSnapshot();
    entry.actor.send(event);
    const after = entry.actor.getSnapshot();
    if (after.error !== undefined) throw new Error(`catalog ${command.catalogId} failed on ${command.action}: ${String(after.error)}`);
    return after === before ? explainRefusal(before, event) : null;
  }

  /** CC-4 / CC-5: the catalogs of a call center as the source-code rules read them (every call center's: null). */
  catalogStates(callCenterId: string | null = null): CatalogState[] {
    return [...this.entries.values()].filter((e) => callCenterId === null || e.callCenterId === callCenterId).map((e) => catalogState(e.actor.getSnapshot()));
  }

  /** CC-5: the catalogs whose chart takes them to Expired at `at` (approved or published, past their expiration date). */
  pastExpiration(at: number): string[] {
    return [...this.entries.entries()].filter(([, { actor }]) => actor.getSnapshot().can({ type: 'EXPIRE', at })).map(([catalogId]) => catalogId);
  }

  /** CC-4: one catalog's state (undefined: no such catalog). */
  catalogStateOf(catalogId: string): CatalogState | undefined {
    const entry = this.entries.get(catalogId);
    return entry === undefined ? undefined : catalogState(entry.actor.getSnapshot());
  }

  /** The catalogs view: every catalog with where it stands and what blocks its validation while a draft. */
  view(): CatalogView[] {
    return [...this.entries.entries()].map(([catalogId, { callCenterId, actor, refs }]) => {
      const snapshot = actor.getSnapshot();
      const { catalog, status } = catalogState(snapshot);
      const { validatedBy, approvedBy, publishedAt } = snapshot.context;
      return {
        callCenterId, catalogId, name: catalog.name, status, effective: catalog.effective, expiration: catalog.expiration,
        sourceCodes: catalog.sourceCodes.map((s) => s.code), validatedBy, approvedBy, publishedAt,
        problems: status === 'Draft' ? validateCatalog(catalog, refs) : [],
      };
    });
  }

  /** What headquarters persists: each actor's snapshot. */
  snapshots(): CatalogSnapshots {
    return Object.fromEntries([...this.entries.entries()].map(([catalogId, { actor }]) => [catalogId, actor.getPersistedSnapshot()]));
  }
}

function eventOf(command: { action: CatalogAction; operatorId: string }, at: number): CatalogEvent {
  const { operatorId } = command;
  switch (command.action) {
    case 'validate': return { type: 'VALIDATE', operatorId };
    case 'approve': return { type: 'APPROVE', operatorId };
    case 'reject': return { type: 'REJECT', operatorId };
    case 'publish': return { type: 'PUBLISH', operatorId, at };
    case 'deactivate': return { type: 'DEACTIVATE', operatorId };
    case 'expire': return { type: 'EXPIRE', at };
  }
}
