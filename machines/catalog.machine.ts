/**
 * Catalog actor (CC-5): Draft -> Validated -> Approved -> Published, and out of use as Inactive or Expired. Only a
 * Published catalog within its dates is usable (engine/domain/call-center/catalog.ts `checkCatalogUsable`).
 * Validation lists every problem and any one blocks it; approval is a workflow step by someone other than who
 * validated; a catalog is edited only as a draft.
 */
import { assertEvent, assign, setup, type SnapshotFrom } from 'xstate';
import { validateCatalog, type CatalogReferences, type CatalogState, type CatalogStatus } from '../engine/domain/call-center/catalog.ts';
import type { CatalogConfig } from '../engine/domain/call-center/config.ts';
import { calendarDay } from '../engine/domain/call-center/continuity.ts';
import { violation } from '../engine/domain/violation.ts';
import { guardsOf, type ChartMeta, type Rule } from './rules.ts';

export interface CatalogContext {
  catalog: CatalogConfig;
  validatedBy: string | null;
  approvedBy: string | null;
  publishedAt: number | null;
}

export type CatalogInput = { catalog: CatalogConfig };

export type CatalogEvent =
  | { type: 'EDIT'; operatorId: string; catalog: CatalogConfig }
  | { type: 'VALIDATE'; operatorId: string }
  /** The approval workflow's answer. */
  | { type: 'APPROVE'; operatorId: string }
  | { type: 'REJECT'; operatorId: string }
  | { type: 'PUBLISH'; operatorId: string; at: number }
  | { type: 'DEACTIVATE'; operatorId: string }
  /** Headquarters closes a catalog whose expiration date has passed. */
  | { type: 'EXPIRE'; at: number };

/** The catalog's rules, each the guard of the transitions it governs. */
export function catalogRules(refs: CatalogReferences) {
  return {
    'CC-5 sameCatalog': (context, event) => {
      assertEvent(event, 'EDIT');
      return event.catalog.id === context.catalog.id ? null : violation('CC-5', `an edit of catalog ${context.catalog.name} cannot turn it into catalog ${event.catalog.id}`, 'catalogId');
    },
    'CC-5 noValidationErrors': (context, event) => {
      assertEvent(event, 'VALIDATE');
      const problems = validateCatalog(context.catalog, refs);
      if (problems.length === 0) return null;
      const listed = problems.map((p, i) => `${i + 1}) ${p.message}`).join('; ');
      return violation('CC-5', `catalog ${context.catalog.name} has ${problems.length === 1 ? 'a problem' : `${problems.length} problems`} to fix before approval: ${listed}`, problems[0]!.field);
    },
    'CC-5 approverIsNotValidator': (context, event) => {
      assertEvent(event, ['APPROVE', 'REJECT']);
      return event.operatorId === context.validatedBy ? violation('CC-5', `catalog ${context.catalog.name} needs someone other than who validated it to approve or reject it`, 'operatorId') : null;
    },
    'CC-5 notYetExpired': (context, event) => {
      assertEvent(event, 'PUBLISH');
      return calendarDay(event.at) > context.catalog.expiration ? violation('CC-5', `catalog ${context.catalog.name} expired on ${context.catalog.expiration}: it can no longer be published`, 'expiration') : null;
    },
    'CC-5 pastExpiration': (context, event) => {
      assertEvent(event, 'EXPIRE');
      return calendarDay(event.at) > context.catalog.expiration ? null : violation('CC-5', `catalog ${context.catalog.name} runs until ${context.catalog.expiration}`, 'expiration');
    },
  } satisfies Record<string, Rule<CatalogContext, CatalogEvent>>;
}

export function createCatalogMachine(refs: CatalogReferences) {
  const rules = catalogRules(refs);
  const expire = { EXPIRE: { guard: 'CC-5 pastExpiration', target: '#catalog.expired' } } as const;
  return setup({
    types: { context: {} as CatalogContext, events: {} as CatalogEvent, input: {} as CatalogInput },
    guards: {
      ...guardsOf(rules),
      configuredApproved: ({ context }) => context.catalog.status === 'Approved',
      configuredPublished: ({ context }) => context.catalog.status === 'Published',
    },
    actions: {
      edit: assign({ catalog: ({ event }) => {
        assertEvent(event, 'EDIT');
        return event.catalog;
      } }),
      markValidated: assign({ validatedBy: ({ event }) => {
        assertEvent(event, 'VALIDATE');
        return event.operatorId;
      } }),
      markApproved: assign({ approvedBy: ({ event }) => {
        assertEvent(event, 'APPROVE');
        return event.operatorId;
      } }),
      backToDraft: assign({ validatedBy: null }),
      markPublished: assign({ publishedAt: ({ event }) => {
        assertEvent(event, 'PUBLISH');
        return event.at;
      } }),
    },
  }).createMachine({
    id: 'catalog',
    context: ({ input }) => ({ catalog: input.catalog, validatedBy: null, approvedBy: null, publishedAt: null }),
    meta: { subject: (context) => `catalog ${context.catalog.name}`, field: 'catalogId', rules } satisfies ChartMeta<CatalogContext>,
    initial: 'starting',
    states: {
      // A catalog the configuration gives as Approved or Published passed validation at boot (checkCallCenters).
      starting: {
        always: [
          { guard: 'configuredPublished', target: 'published' },
          { guard: 'configuredApproved', target: 'approved' },
          { target: 'draft' },
        ],
      },
      draft: {
        meta: { refuses: { rule: 'CC-5', means: 'it is a draft: validate it first' } },
        on: {
          EDIT: { guard: 'CC-5 sameCatalog', actions: 'edit' },
          VALIDATE: { guard: 'CC-5 noValidationErrors', target: 'validated', actions: 'markValidated' },
        },
      },
      validated: {
        meta: { refuses: { rule: 'CC-5', means: 'it is waiting for approval' } },
        on: {
          APPROVE: { guard: 'CC-5 approverIsNotValidator', target: 'approved', actions: 'markApproved' },
          // Rejected in the workflow: back to draft, to be fixed and validated again.
          REJECT: { guard: 'CC-5 approverIsNotValidator', target: 'draft', actions: 'backToDraft' },
        },
      },
      approved: {
        meta: { refuses: { rule: 'CC-5', means: 'it is approved and not published yet' } },
        on: { PUBLISH: { guard: 'CC-5 notYetExpired', target: 'published', actions: 'markPublished' }, ...expire },
      },
      published: {
        meta: { refuses: { rule: 'CC-5', means: 'it is published' } },
        on: { DEACTIVATE: { target: 'inactive' }, ...expire },
      },
      inactive: { type: 'final', meta: { refuses: { rule: 'CC-5', means: 'it is inactive' } } },
      expired: { type: 'final', meta: { refuses: { rule: 'CC-5', means: 'it has expired' } } },
    },
  });
}

export type CatalogMachine = ReturnType<typeof createCatalogMachine>;
export type CatalogSnapshot = SnapshotFrom<CatalogMachine>;

const STATUS: Record<string, CatalogStatus> = {
  draft: 'Draft', validated: 'Validated', approved: 'Approved', published: 'Published', inactive: 'Inactive', expired: 'Expired',
};

/** The catalog as the pure rules read it (CC-4 source codes, CC-5 pricing). */
export function catalogState(snapshot: CatalogSnapshot): CatalogState {
  return { catalog: snapshot.context.catalog, status: STATUS[String(snapshot.value)]! };
}
