/**
 * A trained Fellegi–Sunter model, saved as versioned JSON and reusable with `--model`:
 * for each comparison level its m (P(level | match)) and u (P(level | non-match)), and λ,
 * the probability that two random records match.
 */
import type { LinkageSettings } from './settings.ts';

export const MODEL_FORMAT = 'joinery-linkage-model';
export const MODEL_VERSION = 1;

export interface LevelParameters {
  label: string;
  /** null for the null level, which carries no evidence. */
  m: number | null;
  u: number | null;
}

export interface TrainedModel {
  format: typeof MODEL_FORMAT;
  version: number;
  settings: LinkageSettings;
  lambda: number;
  comparisons: { name: string; column: string; levels: LevelParameters[] }[];
  training: {
    records: number;
    blockedPairs: number;
    uSamplePairs: number;
    emSessions: { rule: string; pairs: number; iterations: number; lambda: number }[];
    /** Where m came from: EM over the blocked pairs (the default) or labelled matching pairs. */
    mFrom?: 'em' | 'labels';
    /** Matching pairs the labels implied, and how many of them were used (sampled when many). */
    labelledPairs?: number;
    labelledPairsUsed?: number;
  };
}

/** Assembles a model from estimated parameters: m and u per comparison level, in the settings' order. */
export function modelFromParameters(
  settings: LinkageSettings,
  m: (number | null)[][],
  u: (number | null)[][],
  lambda: number,
  training: TrainedModel['training'],
): TrainedModel {
  return {
    format: MODEL_FORMAT,
    version: MODEL_VERSION,
    settings,
    lambda,
    comparisons: settings.comparisons.map((c, ci) => ({
      name: c.name,
      column: c.column,
      levels: c.levels.map((level, l) => ({ label: level.label, m: m[ci]![l] ?? null, u: u[ci]![l] ?? null })),
    })),
    training,
  };
}

/** log2 of a level's Bayes factor m/u (0 for the null level). */
export function levelWeight(level: LevelParameters): number {
  if (level.m == null || level.u == null) return 0;
  return Math.log2(level.m / level.u);
}

export function priorWeight(lambda: number): number {
  return Math.log2(lambda / (1 - lambda));
}

export function probabilityFromWeight(weight: number): number {
  const odds = 2 ** weight;
  return Number.isFinite(odds) ? odds / (1 + odds) : 1;
}

/** Checks a model read from a file before it is used. */
export function assertModel(value: unknown): asserts value is TrainedModel {
  const model = value as TrainedModel;
  if (model?.format !== MODEL_FORMAT) throw new Error(`Not a Joinery linkage model (format is "${String(model?.format)}")`);
  if (model.version !== MODEL_VERSION) throw new Error(`Model version ${model.version} is not supported (expected ${MODEL_VERSION})`);
  if (!(model.lambda > 0 && model.lambda < 1)) throw new Error('Model λ must be between 0 and 1');
}
