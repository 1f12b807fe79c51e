/**
 * Sealed JSON: a JSON object carrying a CRC32 of its own text, so that a changed digit is found on reading instead
 * of believed. `{"seq":1,...}` is written `{"seq":1,...,"crc":"1a2b3c4d"}`: the checksum covers every byte before
 * `,"crc":"`, so it is checked without parsing, and the seal adds 18 bytes to a line. A `place` (a line's number)
 * seeds the checksum: a line moved to another place no longer matches either.
 */
import { crc32 } from 'node:zlib';

const SEAL_START = ',"crc":"';
const SEAL_START_BYTES = Buffer.from(SEAL_START);
/** `,"crc":"` + 8 hex digits + `"}`. */
export const SEAL_LENGTH = SEAL_START.length + 8 + 2;
const [QUOTE, CLOSE_BRACE] = [0x22, 0x7d];

export const hex32 = (n: number): string => n.toString(16).padStart(8, '0');

/** A non-empty JSON object's text, sealed. */
export function seal(json: string, place = 0): string {
  if (json.length < 3 || json[json.length - 1] !== '}') throw new Error('only a non-empty JSON object can be sealed');
  const body = json.slice(0, -1);
  return `${body}${SEAL_START}${hex32(crc32(body, place))}"}`;
}

/**
 * Whether `data[start, end)` is sealed (ends with a seal), and if so whether its checksum matches: 'intact',
 * 'damaged' (sealed, but the text was changed) or 'unsealed'.
 */
export function sealOf(data: Buffer, start: number, end: number, place = 0): 'intact' | 'damaged' | 'unsealed' {
  const at = end - SEAL_LENGTH;
  if (at <= start || data[end - 1] !== CLOSE_BRACE || data[end - 2] !== QUOTE) return 'unsealed';
  if (data.compare(SEAL_START_BYTES, 0, SEAL_START_BYTES.length, at, at + SEAL_START_BYTES.length) !== 0) return 'unsealed';
  const written = hexAt(data, at + SEAL_START_BYTES.length);
  if (written === null) return 'unsealed';
  return crc32(data.subarray(start, at), place) === written ? 'intact' : 'damaged';
}

/** The 8 lowercase hex digits at `at` as a number (null: not hex digits). */
function hexAt(data: Buffer, at: number): number | null {
  let n = 0;
  for (let i = at; i < at + 8; i++) {
    const c = data[i]!;
    const digit = c >= 0x30 && c <= 0x39 ? c - 0x30 : c >= 0x61 && c <= 0x66 ? c - 0x57 : -1;
    if (digit === -1) return null;
    n = n * 16 + digit;
  }
  return n;
}

/** The object a sealed text holds, without its seal (the caller checked `sealOf` first). */
export function unsealed(data: Buffer, start: number, end: number): unknown {
  return JSON.parse(`${data.toString('utf8', start, end - SEAL_LENGTH)}}`);
}
