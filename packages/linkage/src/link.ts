/**
 * The runner: the only place that strings the stages together, timing each and telling a
 * progress callback. No files here: the CLI reads and writes them.
 */
import { blockPairs, type BlockedPairs } from './blocking.ts';
import { clusterAtThreshold, clusterSingleBestLinks, type Clusters } from './cluster.ts';
import { compileComparisons, computeComparisonVectors, type CompiledComparison } from './comparison-vectors.ts';
import { assertModel, type TrainedModel } from './model.ts';
import { predict, type ScoredPairs } from './predict.ts';
import { prepareRecords, type InputTable, type Records } from './records.ts';
import type { LinkageSettings } from './settings.ts';
import { computeTermFrequencies, type TermFrequencies } from './term-frequencies.ts';
import { trainModel } from './train.ts';
import { trainModelFromLabels } from './train-from-labels.ts';

export type Stage = 'prepare' | 'block' | 'compare' | 'train' | 'predict' | 'cluster';

export interface LinkOptions {
  /** A model trained before: skip training and use it. */
  model?: TrainedModel;
  /**
   * Train m from labels instead of EM: each record's entity label (undefined when
   * unlabelled), given the prepared records (so ids can be looked up).
   */
  trainingLabels?: (records: Records) => readonly (string | undefined)[];
  /**
   * How common each value is, measured on a larger population than these tables (an
   * incremental re-link of a few records must weigh "Smith" as the whole index does).
   */
  termFrequencies?: TermFrequencies;
  /** A stage has started (for a progress display). */
  onStageStart?: (stage: Stage) => void;
  /** Part of a long stage is done (called often: keep it cheap). */
  onProgress?: (stage: Stage, done: number, total: number) => void;
  /** A stage has finished, with what it did. */
  onStage?: (stage: Stage, detail: string) => void;
}

/** Which sources single-best-links treats as holding each person once. */
function duplicateFreeSources(settings: LinkageSettings, records: Records): boolean[] {
  const named = settings.duplicateFreeSources;
  if (!named) return records.sourceNames.map(() => settings.linkType === 'link_only');
  const unknown = named.filter((s) => !records.sourceNames.includes(s));
  if (unknown.length > 0)
    throw new Error(`duplicateFreeSources names ${unknown.join(', ')}, which no input holds (sources: ${records.sourceNames.join(', ')})`);
  return records.sourceNames.map((s) => named.includes(s));
}

function cluster(settings: LinkageSettings, records: Records, scored: ScoredPairs): Clusters {
  if (settings.clustering === 'single-best-links')
    return clusterSingleBestLinks(records.sourceOf, scored, settings.threshold, duplicateFreeSources(settings, records));
  return clusterAtThreshold(records.count, scored, settings.threshold);
}

export interface LinkResult {
  records: Records;
  blocked: BlockedPairs;
  comparisons: CompiledComparison[];
  model: TrainedModel;
  scored: ScoredPairs;
  clusters: Clusters;
  termFrequencies: TermFrequencies;
  timings: Record<Stage, number>;
}

/**
 * @example const result = link(settings, [{ source: 'council-tax', rows }]); result.clusters.count
 */
export function link(settings: LinkageSettings, tables: InputTable[], options: LinkOptions = {}): LinkResult {
  const timings = {} as Record<Stage, number>;
  const stage = <T>(name: Stage, fn: () => T, detail: (value: T) => string): T => {
    options.onStageStart?.(name);
    const start = performance.now();
    const value = fn();
    timings[name] = (performance.now() - start) / 1000;
    options.onStage?.(name, detail(value));
    return value;
  };
  if (options.model) assertModel(options.model);
  const records = stage(
    'prepare',
    () => prepareRecords(settings, tables),
    (r) => `${r.count} records from ${r.sourceNames.length} source(s)`,
  );
  const blocked = stage(
    'block',
    () => blockPairs(records, settings, (done, total) => options.onProgress?.('block', done, total)),
    (b) => `${b.count} pairs (${b.perRule.map((r) => `${r.rule}: ${r.emitted}`).join('; ')})`,
  );
  const comparisons = compileComparisons(settings, records);
  const vectors = stage(
    'compare',
    () =>
      computeComparisonVectors(comparisons, blocked.left, blocked.right, blocked.count, (done, total) =>
        options.onProgress?.('compare', done, total),
      ),
    (v) => `${v.count} comparison vectors`,
  );
  const model =
    options.model ??
    stage(
      'train',
      () =>
        options.trainingLabels
          ? trainModelFromLabels(settings, records, comparisons, blocked, vectors, options.trainingLabels(records))
          : trainModel(settings, records, comparisons, blocked, vectors),
      (m) =>
        `${m.training.mFrom === 'labels' ? `m from ${m.training.labelledPairsUsed} labelled pairs` : 'm by EM'}, λ = ${m.lambda.toExponential(3)}`,
    );
  const termFrequencies = options.termFrequencies ?? computeTermFrequencies(settings, records);
  const scored = stage(
    'predict',
    () => predict(model, records, vectors, blocked.left, blocked.right, termFrequencies),
    (s) => `${s.count} pairs scored`,
  );
  const clusters = stage(
    'cluster',
    () => cluster(settings, records, scored),
    (c) => `${c.count} clusters at ${settings.threshold} (${settings.clustering ?? 'connected-components'})`,
  );
  return { records, blocked, comparisons, model, scored, clusters, termFrequencies, timings };
}
