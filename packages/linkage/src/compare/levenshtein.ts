/**
 * Edit distances over UTF-16 code units: Levenshtein (1966), Damerau–Levenshtein as optimal
 * string alignment (an adjacent transposition costs 1 and no substring is edited twice: the
 * "restricted" distance that Splink's damerau_levenshtein and rapidfuzz's OSA compute), a
 * banded "within k" test and a one-pass "within one edit" test for comparison levels.
 *
 * A common prefix and suffix never change either distance (rapidfuzz strips them too), so
 * they are skipped first. What remains is compared bit-parallel when the shorter part is at
 * most 32 code units (Myers 1999, in Hyyrö's 2003 formulation; the transposition term is
 * Hyyrö 2003 §3): one pass over the longer string with a handful of integer operations per
 * character. Longer remainders fall back to the two-row dynamic programme in reused typed
 * arrays. Nothing is allocated per call.
 */
import { clearMasks, MASKS, setMasks } from './pattern-masks.ts';

let previous = new Int32Array(64);
let current = new Int32Array(64);
let before = new Int32Array(64);

function ensure(length: number): void {
  if (previous.length <= length) {
    previous = new Int32Array(length * 2);
    current = new Int32Array(length * 2);
    before = new Int32Array(length * 2);
  }
}

// The common affix of the last pair, left here by `trimAffixes` (module state: no tuple to allocate).
let prefixLength = 0;
let suffixLength = 0;

function trimAffixes(a: string, b: string): void {
  const la = a.length;
  const lb = b.length;
  const limit = la < lb ? la : lb;
  let p = 0;
  while (p < limit && a.charCodeAt(p) === b.charCodeAt(p)) p++;
  let s = 0;
  while (s < limit - p && a.charCodeAt(la - 1 - s) === b.charCodeAt(lb - 1 - s)) s++;
  prefixLength = p;
  suffixLength = s;
}

/**
 * Levenshtein distance of pattern p[ps, ps + m) (1 ≤ m ≤ 32) against text t[ts, ts + n),
 * giving up (returning max + 1) once the distance cannot come back under `max`.
 */
function myers(p: string, ps: number, m: number, t: string, ts: number, n: number, max: number): number {
  setMasks(p, ps, m);
  const last = 1 << (m - 1);
  let vp = -1;
  let vn = 0;
  let distance = m;
  for (let j = 0; j < n; j++) {
    const x = MASKS[t.charCodeAt(ts + j)]!;
    // The sum may pass 2^31; the XOR's ToInt32 wraps it, as machine integers would.
    const d0 = (((x & vp) + vp) ^ vp) | x | vn;
    let hp = vn | ~(d0 | vp);
    const hn = d0 & vp;
    if ((hp & last) !== 0) distance++;
    else if ((hn & last) !== 0) distance--;
    // The distance falls by at most one per remaining character of the text.
    if (distance - (n - 1 - j) > max) {
      distance = max + 1;
      break;
    }
    hp = (hp << 1) | 1;
    vp = (hn << 1) | ~(d0 | hp);
    vn = hp & d0;
  }
  clearMasks(p, ps, m);
  return distance;
}

/** Optimal string alignment distance, bit-parallel (Hyyrö 2003), pattern of 1..32 code units. */
function hyyroOsa(p: string, ps: number, m: number, t: string, ts: number, n: number): number {
  setMasks(p, ps, m);
  const last = 1 << (m - 1);
  let vp = -1;
  let vn = 0;
  let d0 = 0;
  let previousMask = 0;
  let distance = m;
  for (let j = 0; j < n; j++) {
    const x = MASKS[t.charCodeAt(ts + j)]!;
    const transposed = ((~d0 & x) << 1) & previousMask;
    d0 = (((x & vp) + vp) ^ vp) | x | vn | transposed;
    let hp = vn | ~(d0 | vp);
    const hn = d0 & vp;
    if ((hp & last) !== 0) distance++;
    else if ((hn & last) !== 0) distance--;
    hp = (hp << 1) | 1;
    vp = (hn << 1) | ~(d0 | hp);
    vn = hp & d0;
    previousMask = x;
  }
  clearMasks(p, ps, m);
  return distance;
}

/** Wagner–Fischer over a[as, as + la) and b[bs, bs + lb), two reused rows (three with transpositions). */
function dynamicProgramme(a: string, as: number, la: number, b: string, bs: number, lb: number, transpositions: boolean): number {
  ensure(lb + 1);
  for (let j = 0; j <= lb; j++) previous[j] = j;
  for (let i = 1; i <= la; i++) {
    current[0] = i;
    const ca = a.charCodeAt(as + i - 1);
    const ca1 = i > 1 ? a.charCodeAt(as + i - 2) : -1;
    for (let j = 1; j <= lb; j++) {
      const cb = b.charCodeAt(bs + j - 1);
      let value = previous[j - 1]! + (ca === cb ? 0 : 1);
      const up = previous[j]! + 1;
      if (up < value) value = up;
      const left = current[j - 1]! + 1;
      if (left < value) value = left;
      if (transpositions && j > 1 && ca === b.charCodeAt(bs + j - 2) && ca1 === cb && before[j - 2]! + 1 < value)
        value = before[j - 2]! + 1;
      current[j] = value;
    }
    const oldest = before;
    before = previous;
    previous = current;
    current = oldest;
  }
  return previous[lb]!;
}

/**
 * Levenshtein distance: insertions, deletions and substitutions, each costing 1.
 * @example levenshtein('kitten', 'sitting') // 3
 */
export function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  trimAffixes(a, b);
  const p = prefixLength;
  const la = a.length - p - suffixLength;
  const lb = b.length - p - suffixLength;
  if (la === 0) return lb;
  if (lb === 0) return la;
  if (la <= lb) return la <= 32 ? myers(a, p, la, b, p, lb, lb) : dynamicProgramme(a, p, la, b, p, lb, false);
  return lb <= 32 ? myers(b, p, lb, a, p, la, la) : dynamicProgramme(b, p, lb, a, p, la, false);
}

/**
 * Damerau–Levenshtein distance as optimal string alignment: Levenshtein plus adjacent transpositions at cost 1.
 * @example damerauLevenshtein('ca', 'abc') // 3 (the unrestricted distance would be 2)
 */
export function damerauLevenshtein(a: string, b: string): number {
  if (a === b) return 0;
  trimAffixes(a, b);
  const p = prefixLength;
  const la = a.length - p - suffixLength;
  const lb = b.length - p - suffixLength;
  if (la === 0) return lb;
  if (lb === 0) return la;
  if (la <= lb) return la <= 32 ? hyyroOsa(a, p, la, b, p, lb) : dynamicProgramme(a, p, la, b, p, lb, true);
  return lb <= 32 ? hyyroOsa(b, p, lb, a, p, la) : dynamicProgramme(b, p, lb, a, p, la, true);
}

/** Ukkonen's (1985) band: only cells within `max` of the diagonal, stopping when a whole row exceeds `max`. */
function banded(a: string, as: number, la: number, b: string, bs: number, lb: number, max: number): boolean {
  ensure(lb + 2);
  const outside = max + 1;
  for (let j = 0; j <= lb + 1; j++) previous[j] = j <= max ? j : outside;
  for (let i = 1; i <= la; i++) {
    const lo = i - max > 1 ? i - max : 1;
    const hi = i + max < lb ? i + max : lb;
    current[lo - 1] = lo === 1 && i <= max ? i : outside;
    let rowMin = current[lo - 1]!;
    const ca = a.charCodeAt(as + i - 1);
    for (let j = lo; j <= hi; j++) {
      let value = previous[j - 1]! + (ca === b.charCodeAt(bs + j - 1) ? 0 : 1);
      const up = previous[j]! + 1;
      if (up < value) value = up;
      const left = current[j - 1]! + 1;
      if (left < value) value = left;
      if (value > outside) value = outside;
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (hi < lb) current[hi + 1] = outside;
    if (rowMin > max) return false;
    const swap = previous;
    previous = current;
    current = swap;
  }
  return previous[lb]! <= max;
}

/**
 * True when the Levenshtein distance is at most `max`, giving up as soon as it cannot be.
 * @example levenshteinWithin('smith', 'smyth', 1) // true
 */
export function levenshteinWithin(a: string, b: string, max: number): boolean {
  if (a === b) return max >= 0;
  const difference = a.length - b.length;
  if (difference > max || -difference > max || max < 1) return false;
  trimAffixes(a, b);
  const p = prefixLength;
  const la = a.length - p - suffixLength;
  const lb = b.length - p - suffixLength;
  if (la === 0 || lb === 0) return true; // the length difference, already ≤ max
  if (la <= lb) return la <= 32 ? myers(a, p, la, b, p, lb, max) <= max : banded(a, p, la, b, p, lb, max);
  return lb <= 32 ? myers(b, p, lb, a, p, la, max) <= max : banded(b, p, lb, a, p, la, max);
}

/**
 * True when the strings are at most one edit apart (an insertion, deletion, substitution or
 * adjacent transposition: optimal string alignment ≤ 1), the common "one typo" level, in
 * one pass and without building substrings.
 * @example withinOneEdit('1956-03-12', '1956-03-21') // true (a transposition)
 */
export function withinOneEdit(a: string, b: string): boolean {
  const la = a.length;
  const lb = b.length;
  if (la - lb > 1 || lb - la > 1) return false;
  const shorter = la < lb ? la : lb;
  let p = 0;
  while (p < shorter && a.charCodeAt(p) === b.charCodeAt(p)) p++;
  if (p === shorter) return true; // equal, or one extra character at the end
  let s = 0;
  while (s < shorter - p && a.charCodeAt(la - 1 - s) === b.charCodeAt(lb - 1 - s)) s++;
  // What differs is a[p, la − s) against b[p, lb − s).
  const da = la - s - p;
  const db = lb - s - p;
  if (da <= 1 && db <= 1) return true; // one substitution, insertion or deletion
  return da === 2 && db === 2 && a.charCodeAt(p) === b.charCodeAt(p + 1) && a.charCodeAt(p + 1) === b.charCodeAt(p);
}
