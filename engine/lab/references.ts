/**
 * What a scenario's steps name: ids of the chain's configuration (products, stores, registers, staff, modes of
 * delivery, locations, charge and reason codes), checked before anything runs, and earlier steps' results
 * (`"as": "order1"` on a step, `"$order1.orderId"` in a later one, or `"${sale.transactionId}-1"` inside a longer
 * text), filled in as the steps run, so an author never predicts an id the engine makes.
 */
import type { Catalog } from '../domain/catalog.ts';
import { didYouMean } from '../domain/suggest.ts';
import { violation, type RuleViolation } from '../domain/violation.ts';
import type { ChainResult } from '../chain.ts';

/** A step's name (`as`): a word, so that `$name.path` reads unambiguously. */
export const STEP_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const REFERENCE = /^\$([A-Za-z_][A-Za-z0-9_]*)((?:\.[A-Za-z0-9_-]+)+)$/;
/** `${name.path}` inside a longer text: the value is written into the text. */
const EMBEDDED = /\$\{([A-Za-z_][A-Za-z0-9_]*)((?:\.[A-Za-z0-9_-]+)+)\}/g;

/** `$name.path.to.value` in a step: where it stands (a field path) and what it names. */
export interface Reference { field: string; name: string; path: string[] }

function referenceOf(value: unknown): { name: string; path: string[] } | undefined {
  if (typeof value !== 'string') return undefined;
  const match = REFERENCE.exec(value);
  return match === null ? undefined : { name: match[1]!, path: match[2]!.slice(1).split('.') };
}

/** The references a text holds: the whole text (`$name.path`), or each `${name.path}` in it. */
function referencesOfText(value: string): { name: string; path: string[] }[] {
  const whole = referenceOf(value);
  if (whole !== undefined) return [whole];
  return [...value.matchAll(EMBEDDED)].map((match) => ({ name: match[1]!, path: match[2]!.slice(1).split('.') }));
}

/** Whether a value is or holds a reference (it is checked once filled in, not before). */
export function holdsReference(value: unknown): boolean {
  return typeof value === 'string' && referencesOfText(value).length > 0;
}

function fieldOf(parent: string, key: string | number): string {
  return parent === '' ? String(key) : `${parent}.${key}`;
}

/** Every reference in a step, with its field path. */
export function referencesIn(value: unknown, field = ''): Reference[] {
  if (typeof value === 'string') return referencesOfText(value).map((reference) => ({ field, ...reference }));
  if (Array.isArray(value)) return value.flatMap((item, i) => referencesIn(item, fieldOf(field, i)));
  if (typeof value === 'object' && value !== null) return Object.entries(value).flatMap(([key, item]) => referencesIn(item, fieldOf(field, key)));
  return [];
}

/** How a named earlier step ended: its accepted result, or its refusal (a reference to it then refuses too). */
export type NamedOutcome = { index: number; result: ChainResult };

/**
 * The step with each reference replaced by the value it names, or the reason it cannot be: the named step was
 * refused, or its result has nothing at that path. Validation has already checked that every name is an earlier step's.
 */
export function resolveReferences(step: unknown, named: ReadonlyMap<string, NamedOutcome>): { ok: true; step: unknown } | { ok: false; error: RuleViolation } {
  let problem: RuleViolation | undefined;
  /** The value a reference names, or undefined with the problem noted. */
  const valueOf = (written: string, reference: { name: string; path: string[] }, field: string): unknown => {
    const outcome = named.get(reference.name);
    if (outcome === undefined) {
      problem ??= violation('REFERENCE', `${written} names no earlier step`, field);
      return undefined;
    }
    if (!outcome.result.ok) {
      problem ??= violation('REFERENCE', `${written}: step ${outcome.index} ("${reference.name}") was refused, so it has no result`, field);
      return undefined;
    }
    let found: unknown = outcome.result.result;
    for (const key of reference.path) found = typeof found === 'object' && found !== null ? (found as Record<string, unknown>)[key] : undefined;
    if (found === undefined) {
      const keys = Object.keys(outcome.result.result);
      problem ??= violation('REFERENCE', `${written}: step ${outcome.index}'s result has nothing at "${reference.path.join('.')}" (it has ${keys.join(', ') || 'nothing'})`, field);
    }
    return found;
  };
  const resolve = (value: unknown, field: string): unknown => {
    if (typeof value === 'string') {
      const whole = referenceOf(value);
      if (whole !== undefined) return valueOf(value, whole, field);
      return value.replace(EMBEDDED, (written, name: string, path: string) => String(valueOf(written, { name, path: path.slice(1).split('.') }, field)));
    }
    if (Array.isArray(value)) return value.map((item, i) => resolve(item, fieldOf(field, i)));
    if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, resolve(item, fieldOf(field, key))]));
    return value;
  };
  const resolved = resolve(step, '');
  return problem === undefined ? { ok: true, step: resolved } : { ok: false, error: problem };
}

/** The kinds of configuration ids a step may name. */
type IdKind = 'register' | 'product' | 'operator' | 'store' | 'location' | 'mode of delivery' | 'charge code' | 'return reason code' | 'charge reason code';

/** The ids of each kind in a configuration, built once per run and shared by every step's check. */
export type ConfigIds = ReadonlyMap<IdKind, ReadonlySet<string>>;

export function configIds(catalog: Catalog): ConfigIds {
  return new Map<IdKind, ReadonlySet<string>>([
    ['register', new Set(catalog.registers.keys())],
    ['product', new Set(catalog.products.keys())],
    ['operator', new Set(catalog.staff.keys())],
    ['store', new Set(catalog.stores.keys())],
    ['location', new Set(catalog.locations.keys())],
    ['mode of delivery', new Set(catalog.modes.keys())],
    ['charge code', new Set(catalog.chargeCodes.keys())],
    ['return reason code', new Set(catalog.config.parameters.returnReasonCodes)],
    ['charge reason code', new Set(catalog.config.parameters.chargeReasonCodes)],
  ]);
}

/** Which kind of id a field of a command names (by the field's key; for reason codes, by the command too). */
function kindOf(type: string, key: string): IdKind | undefined {
  switch (key) {
    case 'registerId': return 'register';
    case 'productId': return 'product';
    case 'operatorId': case 'approverId': return 'operator';
    case 'storeId': case 'storeIds': return 'store';
    case 'locationId': return 'location';
    case 'modeCode': return 'mode of delivery';
    case 'chargeCode': return 'charge code';
    case 'reasonCode': return type === 'register.setReturnLines' ? 'return reason code' : 'charge reason code';
    default: return undefined;
  }
}

/** Ids a step names that the configuration does not have, each with its field and the id probably meant. */
export function unknownIds(step: Record<string, unknown>, ids: ConfigIds): { field: string; detail: string }[] {
  const type = String(step.type);
  const problems: { field: string; detail: string }[] = [];
  const check = (value: unknown, field: string, kind: IdKind | undefined) => {
    if (Array.isArray(value)) { value.forEach((item, i) => check(item, fieldOf(field, i), kind)); return; }
    if (kind !== undefined) {
      const known = ids.get(kind)!;
      // CH-4: a chain that lists no charge reason codes takes any; a reference is checked when it is filled in.
      const anyTaken = kind === 'charge reason code' && known.size === 0;
      if (typeof value === 'string' && !anyTaken && !known.has(value) && !holdsReference(value)) {
        problems.push({ field, detail: `unknown ${kind} "${value}"${didYouMean(value, known)}` });
      }
      return;
    }
    // A customer's details and changes are the customer's own words, not ids of the configuration.
    if (typeof value === 'object' && value !== null) {
      for (const [key, item] of Object.entries(value)) if (key !== 'customer' && key !== 'changes') check(item, fieldOf(field, key), kindOf(type, key));
    }
  };
  check(step, '', undefined);
  return problems;
}
