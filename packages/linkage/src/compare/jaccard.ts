/** Token-based similarity, for addresses and multi-word names. */

function tokens(s: string): Set<string> {
  const set = new Set<string>();
  for (const t of s.toLowerCase().split(/\s+/)) if (t) set.add(t);
  return set;
}

/** Shared words over all words. @example tokenJaccard('1 high st', 'high st 1') // 1 */
export function tokenJaccard(a: string, b: string): number {
  const ta = tokens(a);
  const tb = tokens(b);
  if (ta.size === 0 && tb.size === 0) return 1;
  let shared = 0;
  for (const t of ta) if (tb.has(t)) shared++;
  return shared / (ta.size + tb.size - shared);
}

/**
 * Like fuzzywuzzy's token_set_ratio, 0..1: when one side's words are all in the other, it
 * scores 1 ("flat 2 14 high st" ~ "14 high st"). @example tokenSetSimilarity('14 high st', 'flat 2 14 high st') // 1
 */
export function tokenSetSimilarity(a: string, b: string): number {
  const ta = tokens(a);
  const tb = tokens(b);
  if (ta.size === 0 || tb.size === 0) return ta.size === tb.size ? 1 : 0;
  let shared = 0;
  for (const t of ta) if (tb.has(t)) shared++;
  return shared / Math.min(ta.size, tb.size);
}

/** @example arrayIntersectionSize(['a', 'b'], ['b', 'c']) // 1 */
export function arrayIntersectionSize(a: readonly string[], b: readonly string[]): number {
  const set = new Set(a);
  let shared = 0;
  for (const v of new Set(b)) if (set.has(v)) shared++;
  return shared;
}
