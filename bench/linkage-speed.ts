/**
 * Benchmark: deduplicating Wessex person records end to end (blocking, training,
 * prediction, clustering), with records/s, comparisons/s and peak memory, and accuracy
 * against the scenario's ground truth. Baseline in the same run: an exact-key matcher
 * (surname, forenames, date of birth equal after normalisation).
 * Usage: node --max-old-space-size=16000 --import tsx bench/linkage-speed.ts --scale 0.25
 * (scale 1 ≈ 383,000 records from 28 systems; --systems limits to the person-rich ones).
 */
import { parseArgs } from 'node:util';
import { evaluate, link, normaliseValue, presetComparison, type LinkageSettings } from '@joinery/linkage';
import { wessexPeople } from './wessex-people.ts';

const { values } = parseArgs({ options: { scale: { type: 'string', default: '0.1' }, seed: { type: 'string', default: '1' } } });
const scale = Number(values.scale);

const { rows, truth } = wessexPeople(scale, values.seed);

const settings: LinkageSettings = {
  linkType: 'dedupe_only',
  uniqueIdColumn: 'id',
  blockingRules: [
    { keys: [{ column: 'dob' }, { column: 'surname', transform: 'first-1' }] },
    {
      keys: [
        { column: 'surname', transform: 'metaphone' },
        { column: 'forenames', transform: 'first-1' },
        { column: 'dob', transform: 'year' },
      ],
    },
    { keys: [{ column: 'postcode' }, { column: 'forenames', transform: 'first-1' }] },
  ],
  comparisons: [
    presetComparison('forenames', 'forename'),
    presetComparison('surname', 'surname'),
    presetComparison('dob', 'date'),
    presetComparison('postcode', 'postcode'),
  ],
  threshold: 0.9,
  maxBlockSize: 20000,
};

const start = performance.now();
const result = link(settings, [{ source: 'wessex', rows }], { onStage: (stage, detail) => console.error(`${stage}: ${detail}`) });
const seconds = (performance.now() - start) / 1000;
const evaluation = evaluate(truth, result.scored, result.clusters, settings.threshold);

const baseStart = performance.now();
const groups = new Map<string, number>();
for (const row of rows) {
  const key = `${normaliseValue('surname', row.surname)}|${normaliseValue('forename', row.forenames)}|${normaliseValue('date', row.dob)}`;
  groups.set(key, (groups.get(key) ?? 0) + 1);
}
const baselineSeconds = (performance.now() - baseStart) / 1000;

const report = {
  scale,
  records: rows.length,
  comparedPairs: result.scored.count,
  seconds: +seconds.toFixed(1),
  stageSeconds: Object.fromEntries(Object.entries(result.timings).map(([k, v]) => [k, +v.toFixed(2)])),
  recordsPerSecond: Math.round(rows.length / seconds),
  comparisonsPerSecondPerCore: Math.round(result.scored.count / (result.timings.compare + result.timings.predict)),
  precision: +evaluation.pairs.precision.toFixed(4),
  recall: +evaluation.pairs.recall.toFixed(4),
  f1: +evaluation.pairs.f1.toFixed(4),
  baselineSeconds: +baselineSeconds.toFixed(2),
  timeVsExactKeyBaseline: +(seconds / baselineSeconds).toFixed(0),
  peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
};
console.log(JSON.stringify(report, null, 2));
