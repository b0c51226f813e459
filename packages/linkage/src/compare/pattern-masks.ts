/**
 * Pattern match masks for the bit-parallel comparators (Baeza-Yates & Gonnet 1992; Myers
 * 1999; Hyyrö 2003): bit k of `MASKS[c]` is set when position k of the pattern holds the
 * UTF-16 code unit c. Tables shared by every comparator, filled for a pattern of
 * at most 32 code units (or, with `HIGH_MASKS`, 64) and cleared again before the comparator returns, so each call costs
 * two passes over the pattern and allocates nothing. (Internal: not re-exported.)
 */
export const MASKS = new Int32Array(65536);

/** Bits 32–63 of the masks, for patterns of 33 to 64 code units (bit k − 32 for position k). */
export const HIGH_MASKS = new Int32Array(65536);

/** Sets the masks of `s[start .. start + length)`, length ≤ 32. @example setMasks('abca', 0, 4) // MASKS[97] === 0b1001 */
export function setMasks(s: string, start: number, length: number): void {
  for (let k = 0; k < length; k++) {
    const c = s.charCodeAt(start + k);
    MASKS[c] = MASKS[c]! | (1 << k);
  }
}

/** Clears what `setMasks` set, leaving the table all zero for the next caller. @example clearMasks('abca', 0, 4) */
export function clearMasks(s: string, start: number, length: number): void {
  for (let k = 0; k < length; k++) MASKS[s.charCodeAt(start + k)] = 0;
}

/** Sets the masks of `s[start .. start + length)`, length ≤ 64, in both tables. @example setWideMasks(address, 0, address.length) */
export function setWideMasks(s: string, start: number, length: number): void {
  setMasks(s, start, length < 32 ? length : 32);
  for (let k = 32; k < length; k++) {
    const c = s.charCodeAt(start + k);
    HIGH_MASKS[c] = HIGH_MASKS[c]! | (1 << (k - 32));
  }
}

/** Clears what `setWideMasks` set. @example clearWideMasks(address, 0, address.length) */
export function clearWideMasks(s: string, start: number, length: number): void {
  for (let k = 0; k < length; k++) {
    const c = s.charCodeAt(start + k);
    MASKS[c] = 0;
    HIGH_MASKS[c] = 0;
  }
}

/** Number of set bits in a 32-bit integer (Hacker's Delight, 2nd ed., figure 5-2). @example popCount(0b1011) // 3 */
export function popCount(x: number): number {
  x = x - ((x >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

/** A mask with bits lo..hi (inclusive) set, 0 ≤ lo ≤ hi ≤ 31. @example bitRange(1, 3) // 0b1110 */
export function bitRange(lo: number, hi: number): number {
  const upTo = hi >= 31 ? -1 : (1 << (hi + 1)) - 1;
  return upTo & ~((1 << lo) - 1);
}
