/**
 * What-if overrides on a scenario's chain configuration (`--set stores.0.manualAccept=true`): a dotted path (array
 * items by index, `stores.0` or `stores[0]`) and a value, read as JSON when it is JSON and as text otherwise. The path is
 * checked against the configuration's schema, so a typo is refused with the key probably meant instead of adding a
 * key nobody reads; the value is checked with the whole configuration afterwards.
 */
import { z } from 'zod';
import { chainConfigSchema } from '../domain/config.ts';
import { didYouMean } from '../domain/suggest.ts';

export class OverrideError extends Error {
  constructor(text: string, detail: string) {
    super(`--set ${text}: ${detail}`);
  }
}

export interface ConfigOverride { text: string; path: string[]; value: unknown }

export function parseOverride(text: string): ConfigOverride {
  const equals = text.indexOf('=');
  if (equals <= 0) throw new OverrideError(text, 'expected path=value, e.g. stores.0.manualAccept=true');
  const path = text.slice(0, equals).replace(/\[(\d+)\]/g, '.$1').split('.');
  if (path.some((key) => key === '')) throw new OverrideError(text, `"${text.slice(0, equals)}" is not a dotted path`);
  const raw = text.slice(equals + 1);
  let value: unknown = raw;
  try {
    value = JSON.parse(raw);
  } catch {
    // Not JSON: the text itself (`stores.0.name=Seattle downtown`).
  }
  return { text, path, value };
}

/** The schema under wrappers that do not change what keys mean (a default, optional, nullable). */
function unwrapped(schema: z.ZodType): z.ZodType {
  let inner = schema;
  while (inner instanceof z.ZodDefault || inner instanceof z.ZodOptional || inner instanceof z.ZodNullable) inner = inner.unwrap() as z.ZodType;
  return inner;
}

/** Follows the path through the schema and the configuration; what the path cannot name is refused. */
function checkPath(config: unknown, override: ConfigOverride): void {
  let schema: z.ZodType = chainConfigSchema;
  let value: unknown = config;
  override.path.forEach((key, depth) => {
    const at = override.path.slice(0, depth).join('.') || 'the configuration';
    const inner = unwrapped(schema);
    if (inner instanceof z.ZodObject) {
      const shape = inner.shape as Record<string, z.ZodType>;
      // Own keys only: `__proto__`, `constructor` or `toString` are in every object, not in the configuration.
      if (!Object.hasOwn(shape, key)) throw new OverrideError(override.text, `${at} has no key "${key}"${didYouMean(key, Object.keys(shape))}`);
      schema = shape[key]!;
    } else if (inner instanceof z.ZodArray) {
      const length = Array.isArray(value) ? value.length : 0;
      if (!/^\d+$/.test(key) || Number(key) >= length) throw new OverrideError(override.text, `${at} is a list of ${length}: expected an index from 0 to ${length - 1}, got "${key}"`);
      schema = inner.element as z.ZodType;
    } else if (inner instanceof z.ZodRecord) {
      if (key === '__proto__') throw new OverrideError(override.text, `${at} has no key "${key}"`);
      schema = inner.valueType as z.ZodType;
    } else {
      throw new OverrideError(override.text, `${at} is a single value: it has no "${key}"`);
    }
    value = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
  });
}

/** A copy of the configuration with the overrides applied in order (the configuration itself is left as it was). */
export function applyOverrides(config: unknown, overrides: readonly ConfigOverride[]): unknown {
  const copy = structuredClone(config) as Record<string, unknown>;
  for (const override of overrides) {
    checkPath(copy, override);
    let parent: Record<string, unknown> = copy;
    for (const key of override.path.slice(0, -1)) {
      parent[key] ??= {};
      parent = parent[key] as Record<string, unknown>;
    }
    parent[override.path.at(-1)!] = override.value;
  }
  return copy;
}
