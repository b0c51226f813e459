/**
 * Benchmark: linkage accuracy on the public FEBRL and fake_1000 data in ../shared/data,
 * unsupervised (no labels used in training), with settings proposed from the files alone;
 * and trained from labels on half the entities, both measured on the other half (held out).
 * Baseline in the same run: an exact-key matcher (records equal on every compared column
 * after normalisation), as a naive system would link them.
 * Usage: npx tsx bench/linkage-accuracy.ts
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { evaluate, link, normaliseValue, proposeSettings } from '@joinery/linkage';
import { parse } from 'csv-parse/sync';

const DATA = join(import.meta.dirname, '..', '..', 'shared', 'data');
if (!existsSync(DATA)) {
  console.log(`Skipped: ${DATA} is not here (the shared datasets sit beside the project on development machines).`);
  process.exit(0);
}

interface Dataset {
  name: string;
  file: string;
  entity: (row: Record<string, string>) => string;
  drop?: string[];
}

const febrlEntity = (row: Record<string, string>) => /^rec-(\d+)-/.exec(row.rec_id ?? '')![1]!;
const DATASETS: Dataset[] = [
  { name: 'FEBRL 1', file: 'febrl1/dataset1.csv', entity: febrlEntity },
  { name: 'FEBRL 2', file: 'febrl2/dataset2.csv', entity: febrlEntity },
  { name: 'FEBRL 3', file: 'febrl3/dataset3.csv', entity: febrlEntity },
  { name: 'fake_1000', file: 'splink_fake_1000/fake_1000.csv', entity: (row) => row.cluster!, drop: ['cluster'] },
];

const results = [];
for (const dataset of DATASETS) {
  const path = join(DATA, dataset.file);
  if (!existsSync(path)) continue;
  const rows: Record<string, string>[] = parse(readFileSync(path, 'utf8'), {
    columns: (h: string[]) => h.map((c) => c.trim()),
    trim: true,
    skip_empty_lines: true,
  });
  const truthRows = rows.map((r) => dataset.entity(r));
  // The label column must not be seen by the linker.
  const inputs = rows.map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => !(dataset.drop ?? []).includes(k))));
  const start = performance.now();
  const { settings } = proposeSettings(inputs, { linkType: 'dedupe_only' });
  const result = link(settings, [{ source: dataset.name, rows: inputs }]);
  const seconds = (performance.now() - start) / 1000;
  const evaluation = evaluate(truthRows, result.scored, result.clusters, settings.threshold);
  const best = evaluation.curve.reduce((a, b) => (b.f1 > a.f1 ? b : a));

  // Labels for half the entities (by a hash of the entity id) train m; the other half measures.
  const labelled = (entity: string) => [...entity].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7) % 2 === 0;
  const trainingTruth = truthRows.map((e) => (labelled(e) ? e : undefined));
  const heldOutTruth = truthRows.map((e) => (labelled(e) ? undefined : e));
  const supervised = link(settings, [{ source: dataset.name, rows: inputs }], { trainingLabels: () => trainingTruth });
  const heldOut = evaluate(heldOutTruth, result.scored, result.clusters, settings.threshold).pairs.f1;
  const heldOutSupervised = evaluate(heldOutTruth, supervised.scored, supervised.clusters, settings.threshold).pairs.f1;

  // Baseline: exact equality on every compared column's normalised value.
  const baseStart = performance.now();
  const keyOf = (row: Record<string, string>) =>
    settings.comparisons.map((c) => normaliseValue(c.kind, row[c.column]) ?? '').join('\u0001');
  const groups = new Map<string, number[]>();
  inputs.forEach((row, i) => {
    const key = keyOf(row);
    groups.set(key, [...(groups.get(key) ?? []), i]);
  });
  let tp = 0;
  let fp = 0;
  for (const members of groups.values())
    for (let a = 0; a < members.length; a++)
      for (let b = a + 1; b < members.length; b++) {
        if (truthRows[members[a]!] === truthRows[members[b]!]) tp++;
        else fp++;
      }
  const baselineSeconds = (performance.now() - baseStart) / 1000;
  const baselineRecall = tp / evaluation.truePairs;
  const baselinePrecision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const baselineF1 =
    baselinePrecision + baselineRecall === 0 ? 0 : (2 * baselinePrecision * baselineRecall) / (baselinePrecision + baselineRecall);

  results.push({
    dataset: dataset.name,
    records: rows.length,
    truePairs: evaluation.truePairs,
    comparedPairs: result.scored.count,
    threshold: settings.threshold,
    precision: +evaluation.pairs.precision.toFixed(4),
    recall: +evaluation.pairs.recall.toFixed(4),
    f1: +evaluation.pairs.f1.toFixed(4),
    bestF1: `${best.f1.toFixed(4)} at ${best.threshold}`,
    clusterF1: +evaluation.clusters.f1.toFixed(4),
    heldOutF1: +heldOut.toFixed(4),
    heldOutF1FromLabels: +heldOutSupervised.toFixed(4),
    seconds: +seconds.toFixed(2),
    baselineF1: +baselineF1.toFixed(4),
    baselineSeconds: +baselineSeconds.toFixed(3),
  });
}
console.table(results);
