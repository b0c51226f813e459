/**
 * Prediction: each pair's match weight (log2 of the posterior odds) is the prior weight
 * plus the weight of the level each comparison fell in; the probability follows from it.
 */
import type { ComparisonVectors } from './comparison-vectors.ts';
import { levelWeight, priorWeight, probabilityFromWeight, type TrainedModel } from './model.ts';
import type { Records } from './records.ts';
import type { TermFrequencies } from './term-frequencies.ts';

export interface ScoredPairs {
  left: Int32Array;
  right: Int32Array;
  weight: Float64Array;
  probability: Float64Array;
  count: number;
}

/** Per comparison: the weight of each level, and for tf levels the column to adjust by. */
function weightTables(model: TrainedModel) {
  return model.comparisons.map((c, ci) => ({
    weights: c.levels.map(levelWeight),
    tfLevels: model.settings.comparisons[ci]!.levels.map((l) => Boolean(l.termFrequency)),
    column: c.column,
    m: c.levels.map((l) => l.m),
  }));
}

export function tfAdjustedWeight(m: number | null, frequency: number | undefined, fallback: number): number {
  if (m == null || frequency === undefined) return fallback;
  return Math.log2(m / Math.max(frequency, 1e-9));
}

export function predict(
  model: TrainedModel,
  records: Records,
  vectors: ComparisonVectors,
  left: Int32Array,
  right: Int32Array,
  tf: TermFrequencies,
): ScoredPairs {
  const tables = weightTables(model);
  const prior = priorWeight(model.lambda);
  const weight = new Float64Array(vectors.count);
  const probability = new Float64Array(vectors.count);
  const tfColumns = tables.map((t) =>
    t.tfLevels.some(Boolean) ? { values: records.columns.get(t.column)!, frequencies: tf.get(t.column) } : undefined,
  );
  for (let p = 0; p < vectors.count; p++) {
    let w = prior;
    for (let c = 0; c < tables.length; c++) {
      const level = vectors.levels[c]![p]!;
      const table = tables[c]!;
      const tfColumn = tfColumns[c];
      if (table.tfLevels[level] && tfColumn) {
        const value = tfColumn.values[left[p]!];
        w += tfAdjustedWeight(table.m[level] ?? null, value == null ? undefined : tfColumn.frequencies?.get(value), table.weights[level]!);
      } else {
        w += table.weights[level]!;
      }
    }
    weight[p] = w;
    probability[p] = probabilityFromWeight(w);
  }
  return { left, right, weight, probability, count: vectors.count };
}
