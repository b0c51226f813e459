/**
 * Training from labels (as Splink's estimate_m_from_pairwise_labels): where someone has
 * already said which records are the same person, m is simply the share of each level
 * among those labelled matching pairs — no EM guesswork. u still comes from random pairs
 * and λ from EM with m and u fixed, so partial labels (a reviewed sample) are enough.
 */
import type { BlockedPairs } from './blocking.ts';
import type { CompiledComparison, ComparisonVectors } from './comparison-vectors.ts';
import { estimateLambda } from './lambda.ts';
import { estimateU } from './estimate-u.ts';
import { modelFromParameters, type TrainedModel } from './model.ts';
import { seededRandom } from './random.ts';
import type { Records } from './records.ts';
import type { LinkageSettings } from './settings.ts';

/** Labelled matching pairs beyond this are sampled: a few hundred thousand pin m down well. */
const DEFAULT_MAX_PAIRS = 500_000;

/**
 * Every pair of records sharing a label (across sources only, for link_only), sampled
 * evenly down to `maxPairs` when the labels imply more.
 */
export function labelledMatchingPairs(
  truth: readonly (string | undefined)[],
  records: Records,
  linkType: LinkageSettings['linkType'],
  maxPairs: number,
  seed: number,
): { left: number[]; right: number[]; total: number } {
  const groups = new Map<string, number[]>();
  truth.forEach((label, i) => {
    if (label === undefined) return;
    const group = groups.get(label);
    if (group) group.push(i);
    else groups.set(label, [i]);
  });
  const counts = (visit: (i: number, j: number) => void) => {
    for (const members of groups.values())
      for (let a = 0; a < members.length; a++)
        for (let b = a + 1; b < members.length; b++) {
          const i = members[a]!;
          const j = members[b]!;
          if (linkType === 'link_only' && records.sourceOf[i] === records.sourceOf[j]) continue;
          visit(i, j);
        }
  };
  let total = 0;
  counts(() => total++);
  const keep = Math.min(1, maxPairs / Math.max(1, total));
  const random = seededRandom(seed);
  const left: number[] = [];
  const right: number[] = [];
  counts((i, j) => {
    if (keep === 1 || random() < keep) {
      left.push(i);
      right.push(j);
    }
  });
  return { left, right, total };
}

/** m from the labelled pairs, add-half smoothed so that no level's m is zero. */
export function estimateMFromPairs(comparisons: CompiledComparison[], left: number[], right: number[]): (number | null)[][] {
  return comparisons.map((comparison) => {
    const counts = new Float64Array(comparison.spec.levels.length);
    for (let p = 0; p < left.length; p++) counts[comparison.levelOf(left[p]!, right[p]!)]!++;
    const usable = comparison.spec.levels.map((_, l) => l !== comparison.nullLevel);
    const total = counts.reduce((sum, v, l) => sum + (usable[l] ? v : 0), 0);
    const levels = usable.filter(Boolean).length;
    return comparison.spec.levels.map((_, l) => (usable[l] ? (counts[l]! + 0.5) / (total + 0.5 * levels) : null));
  });
}

/**
 * @param truth each record's entity label (undefined when unlabelled), as `evaluate` takes.
 * @example const model = trainModelFromLabels(settings, records, comparisons, blocked, vectors, truth);
 */
export function trainModelFromLabels(
  settings: LinkageSettings,
  records: Records,
  comparisons: CompiledComparison[],
  blocked: BlockedPairs,
  vectors: ComparisonVectors,
  truth: readonly (string | undefined)[],
  maxPairs = DEFAULT_MAX_PAIRS,
): TrainedModel {
  const labelled = labelledMatchingPairs(truth, records, settings.linkType, maxPairs, settings.seed ?? 1);
  if (labelled.left.length === 0)
    throw new Error('The labels name no two records as the same: there is nothing to learn m from (train without labels instead)');
  const m = estimateMFromPairs(comparisons, labelled.left, labelled.right);
  const { u, pairs: uSamplePairs } = estimateU(comparisons, records, settings);
  const nullLevels = comparisons.map((c) => c.nullLevel);
  const lambda = estimateLambda(settings, records, blocked, vectors, m, u, nullLevels);
  return modelFromParameters(settings, m, u, lambda, {
    records: records.count,
    blockedPairs: blocked.count,
    uSamplePairs,
    emSessions: [],
    mFrom: 'labels',
    labelledPairs: labelled.total,
    labelledPairsUsed: labelled.left.length,
  });
}
