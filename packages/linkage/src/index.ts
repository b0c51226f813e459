/**
 * @joinery/linkage — record linkage: link and deduplicate people and places across
 * systems, Fellegi–Sunter, shaped like Splink (blocking → comparison vectors → training
 * → prediction → clustering), every score explainable. A pure library: no I/O.
 *
 * @example
 * import { link, proposeSettings } from '@joinery/linkage';
 * const { settings } = proposeSettings(rows, { linkType: 'dedupe_only' });
 * const result = link(settings, [{ source: 'patients', rows }]);
 * console.log(result.clusters.count);
 */
export * from './settings.ts';
export { prepareRecords, normaliseValue, type InputTable, type Records } from './records.ts';
export { blockPairs, countComparisons, ruleName, type BlockedPairs, type RuleCount } from './blocking.ts';
export { compileComparisons, computeComparisonVectors, type CompiledComparison, type ComparisonVectors } from './comparison-vectors.ts';
export { estimateU } from './estimate-u.ts';
export { expectationMaximisation } from './em.ts';
export { trainModel } from './train.ts';
export { predict, type ScoredPairs } from './predict.ts';
export { clusterAtThreshold, clusterSingleBestLinks, type Clusters } from './cluster.ts';
export { trainModelFromLabels, labelledMatchingPairs, estimateMFromPairs } from './train-from-labels.ts';
export { estimateLambda } from './lambda.ts';
export { explainPair, type Explanation, type ExplanationStep } from './explain.ts';
export { evaluate, type Evaluation, type Scores } from './evaluate.ts';
export { link, type LinkOptions, type LinkResult, type Stage } from './link.ts';
export { proposeSettings, profileColumns, type ColumnProfile } from './auto-settings.ts';
export { presetComparison, PRESET_LEVELS } from './presets.ts';
export { computeTermFrequencies, type TermFrequencies } from './term-frequencies.ts';
export {
  assertModel,
  levelWeight,
  priorWeight,
  probabilityFromWeight,
  MODEL_FORMAT,
  MODEL_VERSION,
  type TrainedModel,
  type LevelParameters,
} from './model.ts';
export { renderReport } from './report.ts';
export { seededRandom } from './random.ts';
export { createMatchIndex, type MatchCandidate, type MatchIndex } from './match-index.ts';
export * from './compare/index.ts';
export * from './normalise/index.ts';
