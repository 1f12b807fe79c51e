/**
 * PINs and passwords of staff, stored only as scrypt hashes (`scrypt$<N>$<salt hex>$<hash hex>`) and compared in
 * constant time. Verifying runs scrypt off the event loop (it takes tens of milliseconds by design).
 */
import { randomBytes, scrypt, scryptSync, timingSafeEqual } from 'node:crypto';

const COST = 16_384;
const KEY_LENGTH = 32;

/** Compared against when there is no such operator, so that the answer takes as long either way. */
export const UNKNOWN_OPERATOR = `scrypt$${COST}$${'0'.repeat(32)}$${'0'.repeat(64)}`;

export function hashPin(pin: string, salt: Buffer = randomBytes(16), cost = COST): string {
  const hash = scryptSync(pin.normalize('NFKC'), salt, KEY_LENGTH, { N: cost, r: 8, p: 1 });
  return `scrypt$${cost}$${salt.toString('hex')}$${hash.toString('hex')}`;
}

export async function verifyPin(pin: string, stored: string): Promise<boolean> {
  const [scheme, cost, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || cost === undefined || salt === undefined || hash === undefined) return false;
  const expected = Buffer.from(hash, 'hex');
  const actual = await new Promise<Buffer>((resolve, reject) => {
    scrypt(pin.normalize('NFKC'), Buffer.from(salt, 'hex'), expected.length, { N: Number(cost), r: 8, p: 1, maxmem: 64 * 1024 * 1024 }, (error, key) => (error === null ? resolve(key) : reject(error)));
  });
  return timingSafeEqual(actual, expected);
}
