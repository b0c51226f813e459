/**
 * λ, the probability that two random records match: EM over the blocked pairs with every
 * comparison's m and u fixed gives the share of matches among them; scaled to all the
 * pairs there could be. Used after unsupervised and label-based training alike.
 */
import type { BlockedPairs } from './blocking.ts';
import type { ComparisonVectors } from './comparison-vectors.ts';
import { expectationMaximisation } from './em.ts';
import type { Records } from './records.ts';
import type { LinkageSettings } from './settings.ts';

export function possiblePairs(settings: LinkageSettings, records: Records): number {
  const n = records.count;
  if (settings.linkType !== 'link_only') return (n * (n - 1)) / 2;
  const perSource = new Map<number, number>();
  for (const s of records.sourceOf) perSource.set(s, (perSource.get(s) ?? 0) + 1);
  const sizes = [...perSource.values()];
  let total = 0;
  for (let a = 0; a < sizes.length; a++) for (let b = a + 1; b < sizes.length; b++) total += sizes[a]! * sizes[b]!;
  return total;
}

export function estimateLambda(
  settings: LinkageSettings,
  records: Records,
  blocked: BlockedPairs,
  vectors: ComparisonVectors,
  m: (number | null)[][],
  u: (number | null)[][],
  nullLevels: number[],
): number {
  const comparisons = vectors.levels.length;
  const all = Uint32Array.from({ length: blocked.count }, (_, p) => p);
  // λ among blocked pairs with every comparison's evidence, then scaled to all possible pairs.
  const within = expectationMaximisation({
    vectors,
    pairs: all,
    free: new Array<boolean>(comparisons).fill(false),
    used: new Array<boolean>(comparisons).fill(true),
    m,
    u,
    nullLevels,
    lambda: 0.1,
    maxIterations: 50,
  });
  const expectedMatches = within.lambda * blocked.count;
  return Math.min(0.5, Math.max(1e-12, expectedMatches / Math.max(1, possiblePairs(settings, records))));
}
