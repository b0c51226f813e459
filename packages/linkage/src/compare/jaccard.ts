/**
 * Token (word) similarities, for addresses and multi-word names. Words are runs of
 * non-whitespace (as JavaScript's \s splits them), compared case-insensitively; each side is
 * a set (a repeated word counts once).
 *
 * Words are held as start/end offsets into the string, with a 32-bit FNV-1a hash of each
 * (Fowler, Noll & Vo), in reused typed arrays: the lists are sorted and merged by hash, and
 * words are compared letter by letter only when hashes meet. So a call allocates nothing
 * unless a side has upper-case letters (then one lower-cased copy), more than 128 words, or
 * two different words with one hash (about one pair in four billion): those take a plain
 * path through Sets.
 */
import { MASKS, popCount } from './pattern-masks.ts';

const MAX_WORDS = 128;

/** The words of one side: offsets into `text` and hashes, sorted by hash and without repeats after `words()`. */
class WordList {
  text = '';
  count = 0;
  readonly starts = new Int32Array(MAX_WORDS);
  readonly ends = new Int32Array(MAX_WORDS);
  readonly hashes = new Int32Array(MAX_WORDS);
  /** Sum of the words' lengths. */
  letters = 0;
}

const left = new WordList();
const right = new WordList();

/** White space as JavaScript's \s knows it (ECMA-262 WhiteSpace and LineTerminator). */
const isSpace = (c: number) =>
  c === 32 ||
  (c >= 9 && c <= 13) ||
  (c >= 128 &&
    (c === 0xa0 ||
      c === 0x1680 ||
      (c >= 0x2000 && c <= 0x200a) ||
      c === 0x2028 ||
      c === 0x2029 ||
      c === 0x202f ||
      c === 0x205f ||
      c === 0x3000 ||
      c === 0xfeff));

function hasUpperCase(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c >= 65 && c <= 90) || c >= 128) return true; // non-ASCII: let toLowerCase decide
  }
  return false;
}

/** True when word x of `p` and word y of `q` have the same code units. */
function sameWord(p: WordList, x: number, q: WordList, y: number): boolean {
  const ps = p.starts[x]!;
  const qs = q.starts[y]!;
  const length = p.ends[x]! - ps;
  if (q.ends[y]! - qs !== length) return false;
  for (let k = 0; k < length; k++) if (p.text.charCodeAt(ps + k) !== q.text.charCodeAt(qs + k)) return false;
  return true;
}

/** Compares word x of `p` with word y of `q` by code units: negative, zero or positive. */
function compareWords(p: WordList, x: number, q: WordList, y: number): number {
  const ps = p.starts[x]!;
  const pl = p.ends[x]! - ps;
  const qs = q.starts[y]!;
  const ql = q.ends[y]! - qs;
  const n = pl < ql ? pl : ql;
  for (let k = 0; k < n; k++) {
    const d = p.text.charCodeAt(ps + k) - q.text.charCodeAt(qs + k);
    if (d !== 0) return d;
  }
  return pl - ql;
}

/**
 * Splits into words with their hashes, sorts by hash (insertion sort: a handful of words)
 * and removes repeats. False when the fast path cannot hold the words: more than
 * MAX_WORDS, or a hash shared by two different words.
 */
function words(s: string, into: WordList): boolean {
  const text = hasUpperCase(s) ? s.toLowerCase() : s;
  into.text = text;
  const { starts, ends, hashes } = into;
  let count = 0;
  let start = -1;
  let hash = 0;
  for (let i = 0; i <= text.length; i++) {
    const c = i === text.length ? 32 : text.charCodeAt(i);
    if (!isSpace(c)) {
      if (start < 0) {
        start = i;
        hash = 0x811c9dc5;
      }
      hash = Math.imul(hash ^ c, 0x01000193);
    } else if (start >= 0) {
      if (count === MAX_WORDS) return false;
      // Insert in hash order as the words arrive.
      let j = count - 1;
      while (j >= 0 && hashes[j]! > hash) {
        starts[j + 1] = starts[j]!;
        ends[j + 1] = ends[j]!;
        hashes[j + 1] = hashes[j]!;
        j--;
      }
      starts[j + 1] = start;
      ends[j + 1] = i;
      hashes[j + 1] = hash;
      count++;
      start = -1;
    }
  }
  let unique = 0;
  let letters = 0;
  into.count = count;
  for (let i = 0; i < count; i++) {
    if (unique > 0 && hashes[unique - 1] === hashes[i]) {
      if (sameWord(into, unique - 1, into, i)) continue;
      return false; // two words, one hash
    }
    starts[unique] = starts[i]!;
    ends[unique] = ends[i]!;
    hashes[unique] = hashes[i]!;
    letters += ends[i]! - starts[i]!;
    unique++;
  }
  into.count = unique;
  into.letters = letters;
  return true;
}

/** The distinct words of a string, for the rare side with more than MAX_WORDS words. */
function wordSet(s: string): Set<string> {
  const set = new Set<string>();
  for (const w of s.toLowerCase().split(/\s+/)) if (w) set.add(w);
  return set;
}

// Which words of `left` and `right` are shared, after `merge()`: 1 in these flags.
const sharedLeft = new Uint8Array(MAX_WORDS);
const sharedRight = new Uint8Array(MAX_WORDS);

/** Walks the two hash-sorted word lists together, flagging shared words; returns how many, or −1 on a hash collision. */
function merge(): number {
  let i = 0;
  let j = 0;
  let shared = 0;
  sharedLeft.fill(0, 0, left.count);
  sharedRight.fill(0, 0, right.count);
  while (i < left.count && j < right.count) {
    const x = left.hashes[i]!;
    const y = right.hashes[j]!;
    if (x === y) {
      if (!sameWord(left, i, right, j)) return -1;
      sharedLeft[i++] = 1;
      sharedRight[j++] = 1;
      shared++;
    } else if (x < y) i++;
    else j++;
  }
  return shared;
}

/**
 * Jaccard similarity of the two word sets: shared words over all distinct words; 1 when both have none.
 * @example tokenJaccard('1 High St', 'high st 1') // 1
 */
export function tokenJaccard(a: string, b: string): number {
  if (a === b) return 1;
  const shared = words(a, left) && words(b, right) ? merge() : -1;
  if (shared < 0) {
    const x = wordSet(a);
    const y = wordSet(b);
    let common = 0;
    for (const w of x) if (y.has(w)) common++;
    return x.size + y.size === 0 ? 1 : common / (x.size + y.size - common);
  }
  if (left.count === 0 && right.count === 0) return 1;
  return shared / (left.count + right.count - shared);
}

// The two sides' unshared words, sorted and joined by single spaces, as code units.
let joinedLeft = new Uint16Array(256);
let joinedRight = new Uint16Array(256);

const order = new Int32Array(MAX_WORDS);

/** Joins the unshared words of `list`, in alphabetical order as rapidfuzz sorts them, into `out` (growing it if needed); returns the length. */
function joinUnshared(list: WordList, shared: Uint8Array, which: 'left' | 'right'): number {
  let out = which === 'left' ? joinedLeft : joinedRight;
  const needed = list.letters + list.count;
  if (out.length < needed) {
    out = new Uint16Array(needed * 2);
    if (which === 'left') joinedLeft = out;
    else joinedRight = out;
  }
  let count = 0;
  for (let w = 0; w < list.count; w++) {
    if (shared[w] === 1) continue;
    let j = count - 1;
    while (j >= 0 && compareWords(list, order[j]!, list, w) > 0) {
      order[j + 1] = order[j]!;
      j--;
    }
    order[j + 1] = w;
    count++;
  }
  let n = 0;
  for (let k = 0; k < count; k++) {
    const w = order[k]!;
    if (n > 0) out[n++] = 32;
    for (let c = list.starts[w]!; c < list.ends[w]!; c++) out[n++] = list.text.charCodeAt(c);
  }
  return n;
}

let lcsRow = new Int32Array(256);

/** Length of the longest common subsequence of two code-unit arrays: bit-parallel (Allison & Dix 1986; Hyyrö 2004) when one fits in 32. */
function longestCommonSubsequence(x: Uint16Array, nx: number, y: Uint16Array, ny: number): number {
  if (nx === 0 || ny === 0) return 0;
  if (ny < nx) return longestCommonSubsequence(y, ny, x, nx);
  if (nx <= 32) {
    for (let k = 0; k < nx; k++) MASKS[x[k]!] = MASKS[x[k]!]! | (1 << k);
    let s = -1;
    for (let j = 0; j < ny; j++) {
      const u = s & MASKS[y[j]!]!;
      s = (s + u) | (s - u);
    }
    for (let k = 0; k < nx; k++) MASKS[x[k]!] = 0;
    return popCount(~s & (nx === 32 ? -1 : (1 << nx) - 1));
  }
  // Longer: the classic dynamic programme over one reused row.
  if (lcsRow.length <= nx) lcsRow = new Int32Array(nx * 2);
  lcsRow.fill(0, 0, nx + 1);
  for (let j = 0; j < ny; j++) {
    let diagonal = 0;
    const c = y[j]!;
    for (let i = 1; i <= nx; i++) {
      const above = lcsRow[i]!;
      lcsRow[i] = x[i - 1] === c ? diagonal + 1 : above > lcsRow[i - 1]! ? above : lcsRow[i - 1]!;
      diagonal = above;
    }
  }
  return lcsRow[nx]!;
}

/** rapidfuzz's token_set_ratio / 100, from the lengths and the indel distance of the unshared parts. */
function tokenSetRatio(sectLength: number, abLength: number, baLength: number, indel: number): number {
  const sectAb = sectLength + (sectLength !== 0 ? 1 : 0) + abLength;
  const sectBa = sectLength + (sectLength !== 0 ? 1 : 0) + baLength;
  let best = 1 - indel / (sectAb + sectBa);
  if (sectLength === 0) return best;
  // sect against sect + ab differs only by the appended words: the length difference.
  const ab = 1 - (sectAb - sectLength) / (sectLength + sectAb);
  const ba = 1 - (sectBa - sectLength) / (sectLength + sectBa);
  if (ab > best) best = ab;
  if (ba > best) best = ba;
  return best;
}

/**
 * Token-set similarity in [0, 1], as fuzzywuzzy's/rapidfuzz's token_set_ratio / 100: 1 when
 * one side's words are all among the other's; otherwise the best indel similarity of
 * "shared words" against "shared + each side's other words" (word order never matters).
 * Both empty give 1 and one empty gives 0.
 * @example tokenSetSimilarity('14 high st', 'Flat 2, 14 High St') // 1
 */
export function tokenSetSimilarity(a: string, b: string): number {
  return tokenSetScore(a, b, -Infinity);
}

/**
 * Whether tokenSetSimilarity(a, b) ≥ threshold, without the longest-common-subsequence when
 * the characters the two sides do not share already rule it out (as rapidfuzz's score_cutoff).
 * @example tokenSetSimilarityAtLeast('14 high st', '15 low rd', 0.95) // false
 */
export function tokenSetSimilarityAtLeast(a: string, b: string, threshold: number): boolean {
  return tokenSetScore(a, b, threshold) >= threshold;
}

const charCounts = new Int32Array(65536);

/** Characters of x and y in common, counted with multiplicity: a bound on their LCS. */
function commonCharacters(x: Uint16Array, nx: number, y: Uint16Array, ny: number): number {
  for (let k = 0; k < nx; k++) charCounts[x[k]!]!++;
  let common = 0;
  for (let k = 0; k < ny; k++) {
    const c = y[k]!;
    if (charCounts[c]! > 0) {
      charCounts[c]!--;
      common++;
    }
  }
  for (let k = 0; k < nx; k++) charCounts[x[k]!] = 0;
  return common;
}

/** The token-set similarity, or, when it is surely below `cutoff`, an upper bound on it that is below `cutoff` too. */
function tokenSetScore(a: string, b: string, cutoff: number): number {
  if (a === b) return 1;
  const shared = words(a, left) && words(b, right) ? merge() : -1;
  if (shared < 0) return tokenSetSimilarityOfSets(wordSet(a), wordSet(b));
  if (left.count === 0 || right.count === 0) return left.count === right.count ? 1 : 0;
  if (shared > 0 && (shared === left.count || shared === right.count)) return 1;
  let sectLength = 0;
  for (let w = 0; w < left.count; w++) if (sharedLeft[w] === 1) sectLength += left.ends[w]! - left.starts[w]! + 1;
  if (sectLength > 0) sectLength--; // no space after the last shared word
  const ab = joinUnshared(left, sharedLeft, 'left');
  const ba = joinUnshared(right, sharedRight, 'right');
  if (cutoff > 0) {
    const bound = tokenSetRatio(sectLength, ab, ba, ab + ba - 2 * commonCharacters(joinedLeft, ab, joinedRight, ba));
    if (bound < cutoff) return bound;
  }
  const indel = ab + ba - 2 * longestCommonSubsequence(joinedLeft, ab, joinedRight, ba);
  return tokenSetRatio(sectLength, ab, ba, indel);
}

function tokenSetSimilarityOfSets(x: Set<string>, y: Set<string>): number {
  if (x.size === 0 || y.size === 0) return x.size === y.size ? 1 : 0;
  const sect = [...x].filter((w) => y.has(w)).sort();
  if (sect.length > 0 && (sect.length === x.size || sect.length === y.size)) return 1;
  const ab = [...x]
    .filter((w) => !y.has(w))
    .sort()
    .join(' ');
  const ba = [...y]
    .filter((w) => !x.has(w))
    .sort()
    .join(' ');
  const sectLength = sect.join(' ').length;
  const codes = (s: string) => Uint16Array.from(s, (c) => c.charCodeAt(0));
  const indel = ab.length + ba.length - 2 * longestCommonSubsequence(codes(ab), ab.length, codes(ba), ba.length);
  return tokenSetRatio(sectLength, ab.length, ba.length, indel);
}

// For arrayIntersectionSize: small arrays are compared pairwise, larger ones through a Set.
const PAIRWISE_LIMIT = 256;

/**
 * How many distinct values the two arrays share (DuckDB's list_intersect, as Splink's array-intersect level counts).
 * @example arrayIntersectionSize(['a', 'b', 'b'], ['b', 'c', 'b']) // 1
 */
export function arrayIntersectionSize(a: readonly string[], b: readonly string[]): number {
  const la = a.length;
  const lb = b.length;
  if (la === 0 || lb === 0) return 0;
  if (la * lb > PAIRWISE_LIMIT) {
    const set = new Set(a);
    const seen = new Set<string>();
    for (const v of b) if (set.has(v)) seen.add(v);
    return seen.size;
  }
  let shared = 0;
  outer: for (let i = 0; i < la; i++) {
    const v = a[i];
    for (let k = 0; k < i; k++) if (a[k] === v) continue outer; // counted already
    for (let j = 0; j < lb; j++) {
      if (b[j] === v) {
        shared++;
        continue outer;
      }
    }
  }
  return shared;
}
