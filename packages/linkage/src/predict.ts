/**
 * Prediction: each pair's match weight (log2 of the posterior odds) is the prior weight
 * plus the weight of the level each comparison fell in; the probability follows from it.
 */
import type { ComparisonVectors } from './comparison-vectors.ts';
import { levelWeight, priorWeight, probabilityFromWeight, type TrainedModel } from './model.ts';
import type { Records } from './records.ts';
import { levelColumn } from './settings.ts';
import type { TermFrequencies } from './term-frequencies.ts';

export interface ScoredPairs {
  left: Int32Array;
  right: Int32Array;
  weight: Float64Array;
  probability: Float64Array;
  count: number;
}

/** Per comparison: the weight of each level, and for tf levels the column's values and frequencies to adjust by. */
function weightTables(model: TrainedModel, records: Records, tf: TermFrequencies) {
  return model.comparisons.map((c, ci) => {
    const spec = model.settings.comparisons[ci]!;
    return {
      weights: c.levels.map(levelWeight),
      tf: spec.levels.map((l) => {
        const column = levelColumn(spec, l);
        return l.termFrequency ? { values: records.columns.get(column)!, frequencies: tf.get(column) } : undefined;
      }),
      tfMinimumU: spec.levels.map((l) => l.tfMinimumU ?? 0),
      m: c.levels.map((l) => l.m),
    };
  });
}

/** A term-frequency level's weight: log2(m / the value's frequency), the frequency no lower than `minimumU`. */
export function tfAdjustedWeight(m: number | null, frequency: number | undefined, fallback: number, minimumU = 0): number {
  if (m == null || frequency === undefined) return fallback;
  return Math.log2(m / Math.max(frequency, minimumU, 1e-9));
}

export function predict(
  model: TrainedModel,
  records: Records,
  vectors: ComparisonVectors,
  left: Int32Array,
  right: Int32Array,
  tf: TermFrequencies,
): ScoredPairs {
  const tables = weightTables(model, records, tf);
  const prior = priorWeight(model.lambda);
  const weight = new Float64Array(vectors.count);
  const probability = new Float64Array(vectors.count);
  for (let p = 0; p < vectors.count; p++) {
    let w = prior;
    for (let c = 0; c < tables.length; c++) {
      const level = vectors.levels[c]![p]!;
      const table = tables[c]!;
      const tfColumn = table.tf[level];
      if (tfColumn) {
        const value = tfColumn.values[left[p]!];
        const frequency = value == null ? undefined : tfColumn.frequencies?.get(value);
        w += tfAdjustedWeight(table.m[level] ?? null, frequency, table.weights[level]!, table.tfMinimumU[level]);
      } else {
        w += table.weights[level]!;
      }
    }
    weight[p] = w;
    probability[p] = probabilityFromWeight(w);
  }
  return { left, right, weight, probability, count: vectors.count };
}
