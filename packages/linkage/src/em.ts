/**
 * m values and λ by expectation–maximisation over the blocked pairs' comparison vectors,
 * u held fixed. As Splink does, one EM session per blocking rule, leaving out of each
 * session the comparisons on the rule's own columns (every pair in the block agrees on
 * them, so they carry no information there); each comparison's m is the mean over the
 * sessions that estimated it.
 */
import type { ComparisonVectors } from './comparison-vectors.ts';

export interface EmInput {
  vectors: ComparisonVectors;
  /** Which pairs take part (indices into the vectors). */
  pairs: Uint32Array;
  /** Per comparison: estimate its m here? */
  free: boolean[];
  /** Per comparison: use its evidence in the E-step? (free ones always are) */
  used: boolean[];
  m: (number | null)[][];
  u: (number | null)[][];
  nullLevels: number[];
  lambda: number;
  maxIterations?: number;
  tolerance?: number;
}

export interface EmResult {
  m: (number | null)[][];
  lambda: number;
  iterations: number;
}

const FLOOR = 1e-6;

/** Posterior match probability of pair p under the current parameters. */
function posterior(input: EmInput, m: (number | null)[][], lambda: number, p: number): number {
  let ratio = 1; // ∏ u/m, so that the posterior is λ / (λ + (1-λ)·ratio)
  for (let c = 0; c < m.length; c++) {
    if (!input.used[c]) continue;
    const level = input.vectors.levels[c]![p]!;
    if (level === input.nullLevels[c]) continue;
    ratio *= (input.u[c]![level] ?? 1) / (m[c]![level] ?? 1);
  }
  return lambda / (lambda + (1 - lambda) * ratio);
}

export function expectationMaximisation(input: EmInput): EmResult {
  const maxIterations = input.maxIterations ?? 30;
  const tolerance = input.tolerance ?? 1e-4;
  let m = input.m.map((levels) => [...levels]);
  let lambda = input.lambda;
  let iterations = 0;
  const count = input.pairs.length;
  if (count === 0) return { m, lambda, iterations };
  for (; iterations < maxIterations;) {
    iterations++;
    const numerators = m.map((levels) => new Float64Array(levels.length));
    const denominators = new Float64Array(m.length);
    let total = 0;
    for (let k = 0; k < count; k++) {
      const p = input.pairs[k]!;
      const w = posterior(input, m, lambda, p);
      total += w;
      for (let c = 0; c < m.length; c++) {
        if (!input.free[c]) continue;
        const level = input.vectors.levels[c]![p]!;
        if (level === input.nullLevels[c]) continue;
        numerators[c]![level]! += w;
        denominators[c]! += w;
      }
    }
    const next = m.map((levels, c) =>
      input.free[c] && denominators[c]! > 0
        ? levels.map((v, l) => (v == null ? null : Math.max(FLOOR, numerators[c]![l]! / denominators[c]!)))
        : levels,
    );
    const nextLambda = Math.min(1 - FLOOR, Math.max(FLOOR, total / count));
    let change = Math.abs(nextLambda - lambda);
    for (let c = 0; c < m.length; c++)
      for (let l = 0; l < m[c]!.length; l++) change = Math.max(change, Math.abs((next[c]![l] ?? 0) - (m[c]![l] ?? 0)));
    m = next;
    lambda = nextLambda;
    if (change < tolerance) break;
  }
  return { m, lambda, iterations };
}

/** Starting m values: the first (most alike) level likely among matches, falling away after. */
export function initialM(levelCounts: number[], nullLevels: number[]): (number | null)[][] {
  return levelCounts.map((levels, c) => {
    const usable = Array.from({ length: levels }, (_, l) => l).filter((l) => l !== nullLevels[c]);
    const weights = usable.map((_, k) => 0.5 ** (k * 2));
    const sum = weights.reduce((a, b) => a + b, 0);
    const m: (number | null)[] = new Array(levels).fill(null);
    usable.forEach((l, k) => (m[l] = weights[k]! / sum));
    return m;
  });
}
