// Ids that look random but are derived from a seed, so that the same template gives the same names, ARNs and
// sample events on every run (saved events and tests stay stable).
import { createHash } from 'node:crypto';

const UPPER_ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const LOWER_ALPHANUMERIC = 'abcdefghijklmnopqrstuvwxyz0123456789';
const MIXED_ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const HEX = '0123456789abcdef';

/** Character sets for {@link stableId}. */
export const ID_ALPHABETS = {
  upper: UPPER_ALPHANUMERIC,
  lower: LOWER_ALPHANUMERIC,
  mixed: MIXED_ALPHANUMERIC,
  hex: HEX,
} as const;

/** An id that looks random but is the same for the same seed. */
export function stableId(seed: string, length: number, alphabet: string = UPPER_ALPHANUMERIC): string {
  let result = '';
  for (let round = 0; result.length < length; round++) {
    const digest = createHash('sha256').update(`${seed}#${round}`).digest();
    for (const byte of digest) {
      if (result.length >= length) break;
      result += alphabet[byte % alphabet.length] ?? '';
    }
  }
  return result;
}

/** A UUID derived from a seed (stable, formatted as a version-4 UUID). */
export function stableUuid(seed: string): string {
  const hex = stableId(seed, 32, HEX);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
