/**
 * Explanations: for one pair, which level each comparison fell in, its label, and how
 * many bits of evidence (match weight) it added — the waterfall Splink draws.
 */
import type { CompiledComparison } from './comparison-vectors.ts';
import { levelWeight, priorWeight, probabilityFromWeight, type TrainedModel } from './model.ts';
import { tfAdjustedWeight } from './predict.ts';
import type { Records } from './records.ts';
import { levelColumn } from './settings.ts';
import type { TermFrequencies } from './term-frequencies.ts';

export interface ExplanationStep {
  comparison: string;
  column: string;
  left: string | null;
  right: string | null;
  level: string;
  /** m/u of the level (after any term-frequency adjustment). */
  bayesFactor: number;
  weight: number;
}

export interface Explanation {
  priorWeight: number;
  steps: ExplanationStep[];
  matchWeight: number;
  matchProbability: number;
}

/** One comparison's level for a pair and the evidence it adds (term-frequency adjusted where the level says). */
function comparisonEvidence(
  model: TrainedModel,
  comparison: CompiledComparison,
  c: number,
  records: Records,
  tf: TermFrequencies,
  i: number,
  j: number,
) {
  const level = comparison.levelOf(i, j);
  const parameters = model.comparisons[c]!.levels[level]!;
  const spec = comparison.spec.levels[level]!;
  // The column that decided the level (a comparison over several columns shows the one that held).
  const column = levelColumn(comparison.spec, spec);
  const values = records.columns.get(column)!;
  let weight = levelWeight(parameters);
  if (spec.termFrequency) {
    const value = values[i];
    const frequency = value == null ? undefined : tf.get(column)?.get(value);
    weight = tfAdjustedWeight(parameters.m, frequency, weight, spec.tfMinimumU);
  }
  return { parameters, column, values, weight };
}

/** A pair's match weight alone: what explainPair adds up, without building the explanation (for ranking many candidates). */
export function pairWeight(
  model: TrainedModel,
  comparisons: CompiledComparison[],
  records: Records,
  tf: TermFrequencies,
  i: number,
  j: number,
): number {
  let weight = priorWeight(model.lambda);
  for (let c = 0; c < comparisons.length; c++) weight += comparisonEvidence(model, comparisons[c]!, c, records, tf, i, j).weight;
  return weight;
}

/**
 * @example explainPair(model, comparisons, records, tf, 0, 7).steps.map((s) => `${s.comparison}: ${s.level} (${s.weight.toFixed(1)})`)
 */
export function explainPair(
  model: TrainedModel,
  comparisons: CompiledComparison[],
  records: Records,
  tf: TermFrequencies,
  i: number,
  j: number,
): Explanation {
  const prior = priorWeight(model.lambda);
  const steps = comparisons.map((comparison, c) => {
    const { parameters, column, values, weight } = comparisonEvidence(model, comparison, c, records, tf, i, j);
    return {
      comparison: comparison.spec.name,
      column,
      left: values[i] ?? null,
      right: values[j] ?? null,
      level: parameters.label,
      bayesFactor: 2 ** weight,
      weight,
    };
  });
  const matchWeight = prior + steps.reduce((sum, s) => sum + s.weight, 0);
  return { priorWeight: prior, steps, matchWeight, matchProbability: probabilityFromWeight(matchWeight) };
}
