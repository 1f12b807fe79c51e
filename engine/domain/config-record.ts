/**
 * An object of the chain configuration: a key it does not know is refused, naming the key and the one probably
 * meant (`manualAcept` is not silently ignored, leaving manual accept off).
 */
import { z } from 'zod';
import { didYouMean } from './suggest.ts';

export function record<T extends z.ZodRawShape>(shape: T) {
  const known = Object.keys(shape);
  return z.strictObject(shape, {
    error: (issue) => issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => `unknown key "${key}"${didYouMean(key, known)}`).join('; ')
      : undefined,
  });
}
