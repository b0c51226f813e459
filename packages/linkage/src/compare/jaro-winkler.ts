/**
 * Jaro similarity (Jaro 1989) and the Winkler prefix boost (Winkler 1990), as in the
 * Census Bureau's strcmp95 and in rapidfuzz, which DuckDB (and so Splink) uses: matching
 * characters lie within ⌊max(|a|, |b|) / 2⌋ − 1 positions of each other; t is half the number
 * of matched characters out of order, rounded down; the prefix boost applies only when the
 * Jaro similarity exceeds 0.7 (strcmp95's "boost threshold"). Compares UTF-16 code units,
 * case-sensitively: normalise first.
 *
 * Strings of up to 32 code units (nearly every name) take a bit-parallel path: the pattern
 * masks of `b` turn the search of each window into one AND, and the matched positions are
 * bits of two integers, so there is no per-call allocation and no per-call clearing of flag
 * arrays. When `b` has up to 64 (most addresses), its positions take two integers. Longer
 * strings use flag arrays stamped with a call counter, so they are never cleared either.
 */
import { bitRange, clearMasks, clearWideMasks, HIGH_MASKS, MASKS, setMasks, setWideMasks } from './pattern-masks.ts';

let stampsA = new Int32Array(128);
let stampsB = new Int32Array(128);
let stamp = 0;

/** Jaro for strings of at most 32 code units: matched positions as bits. */
function jaroShort(a: string, b: string, la: number, lb: number): number {
  const longer = la > lb ? la : lb;
  const window = longer < 4 ? 0 : (longer >> 1) - 1;
  setMasks(b, 0, lb);
  let matchedA = 0;
  let matchedB = 0;
  let matches = 0;
  const last = la < lb + window ? la : lb + window;
  // The positions of b within the window of a's position i, slid along one bit per step.
  let bound = bitRange(0, window < lb - 1 ? window : lb - 1);
  for (let i = 0; i < last; i++) {
    const candidates = MASKS[a.charCodeAt(i)]! & bound & ~matchedB;
    if (candidates !== 0) {
      matchedB |= candidates & -candidates; // the leftmost unmatched candidate, as strcmp95 takes it
      matchedA |= 1 << i;
      matches++;
    }
    const enter = i + window + 1;
    if (enter < lb) bound |= 1 << enter;
    if (i >= window) bound &= ~(1 << (i - window));
  }
  // Walk both matched sequences in order; a mismatch is when a's next matched character
  // is not the one at b's next matched position.
  let outOfOrder = 0;
  while (matchedA !== 0) {
    const bitA = matchedA & -matchedA;
    matchedA ^= bitA;
    const bitB = matchedB & -matchedB;
    matchedB ^= bitB;
    if ((MASKS[a.charCodeAt(31 - Math.clz32(bitA))]! & bitB) === 0) outOfOrder++;
  }
  clearMasks(b, 0, lb);
  if (matches === 0) return 0;
  return (matches / la + matches / lb + (matches - (outOfOrder >> 1)) / matches) / 3;
}

const matchedCodes = new Int32Array(64);

/** Jaro when b has 33 to 64 code units: b's positions as bits of two integers (low and high words). */
function jaroWide(a: string, b: string, la: number, lb: number): number {
  const window = Math.max(0, (Math.max(la, lb) >> 1) - 1);
  setWideMasks(b, 0, lb);
  let matchedLow = 0;
  let matchedHigh = 0;
  let matches = 0;
  const last = Math.min(la, lb + window);
  // The window over b's positions as two words, slid along one bit per step.
  const top = Math.min(window, lb - 1);
  let boundLow = bitRange(0, top < 31 ? top : 31);
  let boundHigh = top >= 32 ? bitRange(0, top - 32) : 0;
  for (let i = 0; i < last; i++) {
    const c = a.charCodeAt(i);
    let candidates = MASKS[c]! & boundLow & ~matchedLow;
    if (candidates !== 0) {
      matchedLow |= candidates & -candidates;
      matchedCodes[matches++] = c;
    } else {
      candidates = HIGH_MASKS[c]! & boundHigh & ~matchedHigh;
      if (candidates !== 0) {
        matchedHigh |= candidates & -candidates;
        matchedCodes[matches++] = c;
      }
    }
    const enter = i + window + 1;
    if (enter < lb) {
      if (enter < 32) boundLow |= 1 << enter;
      else boundHigh |= 1 << (enter - 32);
    }
    const leave = i - window;
    if (leave >= 0) {
      if (leave < 32) boundLow &= ~(1 << leave);
      else boundHigh &= ~(1 << (leave - 32));
    }
  }
  clearWideMasks(b, 0, lb);
  if (matches === 0) return 0;
  // a's matched characters in order (kept as found) against b's matched positions in order.
  let outOfOrder = 0;
  let k = 0;
  for (let word = 0; word < 2; word++) {
    let bits = word === 0 ? matchedLow : matchedHigh;
    while (bits !== 0) {
      const bit = bits & -bits;
      bits ^= bit;
      if (b.charCodeAt(word * 32 + 31 - Math.clz32(bit)) !== matchedCodes[k++]) outOfOrder++;
    }
  }
  return (matches / la + matches / lb + (matches - (outOfOrder >> 1)) / matches) / 3;
}

/** Jaro for longer strings: flag arrays stamped with a per-call counter instead of cleared. */
function jaroLong(a: string, b: string, la: number, lb: number): number {
  if (stampsA.length < la) stampsA = new Int32Array(la * 2);
  if (stampsB.length < lb) stampsB = new Int32Array(lb * 2);
  if (++stamp === 0x7fffffff) {
    stampsA.fill(0);
    stampsB.fill(0);
    stamp = 1;
  }
  const window = Math.max(0, (Math.max(la, lb) >> 1) - 1);
  let matches = 0;
  for (let i = 0; i < la; i++) {
    const ca = a.charCodeAt(i);
    const to = Math.min(lb - 1, i + window);
    for (let j = i > window ? i - window : 0; j <= to; j++) {
      if (stampsB[j] !== stamp && b.charCodeAt(j) === ca) {
        stampsA[i] = stamp;
        stampsB[j] = stamp;
        matches++;
        break;
      }
    }
  }
  if (matches === 0) return 0;
  let outOfOrder = 0;
  let k = 0;
  for (let i = 0; i < la; i++) {
    if (stampsA[i] !== stamp) continue;
    while (stampsB[k] !== stamp) k++;
    if (a.charCodeAt(i) !== b.charCodeAt(k)) outOfOrder++;
    k++;
  }
  return (matches / la + matches / lb + (matches - (outOfOrder >> 1)) / matches) / 3;
}

/**
 * Jaro similarity in [0, 1]: 1 for equal strings (both empty included), 0 when either is empty.
 * @example jaro('MARTHA', 'MARHTA') // 0.9444…
 */
export function jaro(a: string, b: string): number {
  if (a === b) return 1;
  const la = a.length;
  const lb = b.length;
  if (la === 0 || lb === 0) return 0;
  if (lb <= 32) return la <= 32 ? jaroShort(a, b, la, lb) : jaroWide(a, b, la, lb);
  return lb <= 64 ? jaroWide(a, b, la, lb) : jaroLong(a, b, la, lb);
}

/**
 * Jaro–Winkler similarity in [0, 1]: Jaro plus `prefixScale` × (common prefix, up to
 * `maxPrefix`) × (1 − Jaro) when Jaro exceeds `boostThreshold` (keep prefixScale × maxPrefix ≤ 1).
 * @example jaroWinkler('MARTHA', 'MARHTA') // 0.9611…
 */
export function jaroWinkler(a: string, b: string, prefixScale = 0.1, maxPrefix = 4, boostThreshold = 0.7): number {
  const similarity = jaro(a, b);
  if (similarity <= boostThreshold || similarity === 1) return similarity;
  let prefix = 0;
  const limit = Math.min(maxPrefix, a.length, b.length);
  while (prefix < limit && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++;
  return similarity + prefix * prefixScale * (1 - similarity);
}
