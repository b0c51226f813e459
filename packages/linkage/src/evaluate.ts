/**
 * Evaluation against ground truth: pairwise precision, recall and F1 at the threshold
 * (recall counts every true pair, including those blocking never compared), the same for
 * the clusters, and a precision–recall curve over thresholds.
 */
import type { Clusters } from './cluster.ts';
import type { ScoredPairs } from './predict.ts';

export interface Scores {
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface Evaluation {
  threshold: number;
  truePairs: number;
  pairs: Scores;
  clusters: Scores;
  curve: { threshold: number; precision: number; recall: number; f1: number }[];
}

function scores(tp: number, fp: number, fn: number): Scores {
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { truePositives: tp, falsePositives: fp, falseNegatives: fn, precision, recall, f1 };
}

function pairsWithin(groups: Map<string, number>): number {
  let total = 0;
  for (const k of groups.values()) total += (k * (k - 1)) / 2;
  return total;
}

/** `truth[i]` is record i's true entity (undefined when unknown: such records are left out). */
export function evaluate(truth: (string | undefined)[], pairs: ScoredPairs, clusters: Clusters, threshold: number): Evaluation {
  const entitySizes = new Map<string, number>();
  for (const t of truth) if (t !== undefined) entitySizes.set(t, (entitySizes.get(t) ?? 0) + 1);
  const truePairs = pairsWithin(entitySizes);

  const order = Array.from({ length: pairs.count }, (_, p) => p).sort((a, b) => pairs.probability[b]! - pairs.probability[a]!);
  let tp = 0;
  let fp = 0;
  const curve: Evaluation['curve'] = [];
  const marks = [0.01, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.99, 0.999].reverse();
  let mark = 0;
  let atThreshold: Scores | undefined;
  for (const p of order) {
    const probability = pairs.probability[p]!;
    while (mark < marks.length && probability < marks[mark]!) {
      const s = scores(tp, fp, truePairs - tp);
      curve.push({ threshold: marks[mark]!, precision: s.precision, recall: s.recall, f1: s.f1 });
      mark++;
    }
    if (!atThreshold && probability < threshold) atThreshold = scores(tp, fp, truePairs - tp);
    const a = truth[pairs.left[p]!];
    const b = truth[pairs.right[p]!];
    if (a === undefined || b === undefined) continue;
    if (a === b) tp++;
    else fp++;
  }
  while (mark < marks.length) {
    const s = scores(tp, fp, truePairs - tp);
    curve.push({ threshold: marks[mark]!, precision: s.precision, recall: s.recall, f1: s.f1 });
    mark++;
  }
  atThreshold ??= scores(tp, fp, truePairs - tp);

  // Cluster pairs: all pairs sharing a predicted cluster, checked against the truth.
  const clusterSizes = new Map<string, number>();
  const bothSizes = new Map<string, number>();
  truth.forEach((t, i) => {
    if (t === undefined) return;
    const cluster = String(clusters.clusterOf[i]);
    clusterSizes.set(cluster, (clusterSizes.get(cluster) ?? 0) + 1);
    const both = `${cluster}\u0000${t}`;
    bothSizes.set(both, (bothSizes.get(both) ?? 0) + 1);
  });
  const clusterPairs = pairsWithin(clusterSizes);
  const clusterTp = pairsWithin(bothSizes);

  return {
    threshold,
    truePairs,
    pairs: atThreshold,
    clusters: scores(clusterTp, clusterPairs - clusterTp, truePairs - clusterTp),
    curve: curve.reverse(),
  };
}
