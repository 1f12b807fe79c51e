/**
 * The sales office's actors of one machine, by record id (one actor per sales order, quotation, agreement, lead,
 * opportunity or campaign). A command checks every event it will send before it sends any (`refusal`: the chart's
 * and the guards' reason, with nothing changed), so a refused command leaves every actor as it was.
 */
import { createActor, type Actor, type AnyMachineSnapshot, type AnyStateMachine, type EventFromLogic, type InputFrom, type InspectionEvent, type SnapshotFrom } from 'xstate';
import { explainRefusal } from '../../machines/rules.ts';
import { violation, type RuleViolation } from '../domain/violation.ts';

export class ActorTable<M extends AnyStateMachine> {
  private readonly actors = new Map<string, Actor<M>>();

  /** `noun` names the record in a refusal ("there is no quotation QUO-000009"), `field` the command's field naming it. */
  constructor(private readonly machine: M, private readonly noun: string, private readonly field: string, snapshots: Record<string, unknown> = {}, private readonly inspect?: (event: InspectionEvent) => void) {
    for (const [id, snapshot] of Object.entries(snapshots)) {
      this.actors.set(id, createActor(machine, { snapshot: snapshot as never, input: undefined as never, ...this.inspection() }).start());
    }
  }

  private inspection() {
    return this.inspect === undefined ? {} : { inspect: this.inspect };
  }

  has(id: string): boolean {
    return this.actors.has(id);
  }

  ids(): string[] {
    return [...this.actors.keys()];
  }

  /** The actor's snapshot, or why there is none (the command's field named). */
  find(id: string): SnapshotFrom<M> | RuleViolation {
    const actor = this.actors.get(id);
    return actor === undefined ? violation('NOT_FOUND', `there is no ${this.noun} "${id}"`, this.field) : actor.getSnapshot() as SnapshotFrom<M>;
  }

  snapshot(id: string): SnapshotFrom<M> {
    const actor = this.actors.get(id);
    if (actor === undefined) throw new Error(`sales office: no ${this.noun} ${id}`);
    return actor.getSnapshot() as SnapshotFrom<M>;
  }

  all(): SnapshotFrom<M>[] {
    return [...this.actors.values()].map((a) => a.getSnapshot() as SnapshotFrom<M>);
  }

  /** Why the actor would not take the event now (null: it would), with nothing changed. */
  refusal(id: string, event: EventFromLogic<M>): RuleViolation | null {
    const snapshot = this.find(id);
    if ('rule' in snapshot) return snapshot;
    return (snapshot as AnyMachineSnapshot).can(event) ? null : explainRefusal(snapshot as AnyMachineSnapshot, event);
  }

  /** Sends an event `refusal` passed (a refusal now is a bug: the check and the chart disagree). */
  send(id: string, event: EventFromLogic<M>): void {
    const actor = this.actors.get(id)!;
    const before = actor.getSnapshot();
    actor.send(event);
    if (actor.getSnapshot() === before) throw new Error(`sales office: ${this.noun} ${id} refused ${event.type} after its check passed`);
  }

  add(id: string, input: InputFrom<M>): void {
    this.actors.set(id, createActor(this.machine, { input, ...this.inspection() }).start());
  }

  /** A new record in place of the actor's (a change its machine has no event for: lines entered or moved). */
  replace(id: string, input: InputFrom<M>): void {
    this.actors.get(id)?.stop();
    this.add(id, input);
  }

  persisted(): Record<string, unknown> {
    return Object.fromEntries([...this.actors].map(([id, actor]) => [id, actor.getPersistedSnapshot()]));
  }
}
