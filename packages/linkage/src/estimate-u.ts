/**
 * u values by random sampling (as Splink's estimate_u_using_random_sampling): among
 * random pairs nearly all are non-matches, so the share of each level among them is
 * P(level | non-match). Smoothed so that no level's u is zero.
 */
import type { CompiledComparison } from './comparison-vectors.ts';
import { seededRandom } from './random.ts';
import type { Records } from './records.ts';
import type { LinkageSettings } from './settings.ts';

export interface UEstimates {
  /** u per comparison per level (null level: null). */
  u: (number | null)[][];
  pairs: number;
}

export function estimateU(comparisons: CompiledComparison[], records: Records, settings: LinkageSettings): UEstimates {
  const random = seededRandom(settings.seed ?? 1);
  const n = records.count;
  const target = Math.min(settings.uSampleSize ?? 300_000, Math.max(0, (n * (n - 1)) / 2));
  const counts = comparisons.map((c) => new Float64Array(c.spec.levels.length));
  let pairs = 0;
  let attempts = 0;
  while (pairs < target && attempts < target * 20) {
    attempts++;
    const i = Math.floor(random() * n);
    const j = Math.floor(random() * n);
    if (i === j) continue;
    if (settings.linkType === 'link_only' && records.sourceOf[i] === records.sourceOf[j]) continue;
    for (let c = 0; c < comparisons.length; c++) counts[c]![comparisons[c]!.levelOf(i, j)]!++;
    pairs++;
  }
  const u = comparisons.map((comparison, c) => {
    const levelCounts = counts[c]!;
    const usable = comparison.spec.levels.map((_, l) => l !== comparison.nullLevel);
    const total = levelCounts.reduce((sum, v, l) => sum + (usable[l] ? v : 0), 0);
    const levels = usable.filter(Boolean).length;
    // Add-half smoothing: a level never seen among random pairs is rare, not impossible.
    return comparison.spec.levels.map((_, l) => (usable[l] ? (levelCounts[l]! + 0.5) / (total + 0.5 * levels) : null));
  });
  return { u, pairs };
}
