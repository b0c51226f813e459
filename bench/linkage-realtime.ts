/**
 * Benchmark: real-time matching of one record against an indexed set (the person index's
 * call), p50 and p99 latency over --queries queries. The model is trained on a 50,000-record
 * sample; the index holds every record at --scale (3.2 ≈ 1,000,000 records). Queries are
 * existing records re-written (upper case, postcode without its space), as a new system
 * would send them. Baseline in the same run: an exact-key hash lookup of the same queries.
 * Usage: node --max-old-space-size=16000 --import tsx bench/linkage-realtime.ts --scale 0.25
 */
import { parseArgs } from 'node:util';
import { createMatchIndex, link, normaliseValue, presetComparison, seededRandom, type LinkageSettings } from '@joinery/linkage';
import { wessexPeople } from './wessex-people.ts';

const { values } = parseArgs({ options: { scale: { type: 'string', default: '0.25' }, queries: { type: 'string', default: '10000' } } });
const { rows, truth } = wessexPeople(Number(values.scale));
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
const model = link(settings, [{ source: 'wessex', rows: rows.slice(0, 50_000) }]).model;
const indexStart = performance.now();
const index = createMatchIndex(model, [{ source: 'wessex', rows }]);
const indexSeconds = (performance.now() - indexStart) / 1000;

const random = seededRandom(42);
const count = Number(values.queries);
const queries = Array.from({ length: count }, () => {
  const k = Math.floor(random() * rows.length);
  const r = rows[k]!;
  return {
    k,
    row: { forenames: r.forenames!.toUpperCase(), surname: r.surname!.toUpperCase(), dob: r.dob!, postcode: r.postcode!.replace(' ', '') },
  };
});

const position = new Map(rows.map((r, i) => [r.id!, i]));
const latencies: number[] = [];
let found = 0;
for (const { k, row } of queries) {
  const start = process.hrtime.bigint();
  const candidates = index.match(row, { limit: 5 });
  latencies.push(Number(process.hrtime.bigint() - start) / 1e6);
  if (candidates.some((c) => truth[position.get(c.id)!] === truth[k])) found++;
}

// Baseline: exact lookup on normalised surname + forenames + date of birth.
const keyOf = (r: Record<string, string>) =>
  `${normaliseValue('surname', r.surname)}|${normaliseValue('forename', r.forenames)}|${normaliseValue('date', r.dob)}`;
const exact = new Map<string, number[]>();
rows.forEach((r, i) => exact.set(keyOf(r), [...(exact.get(keyOf(r)) ?? []), i]));
const baseline: number[] = [];
for (const { row } of queries) {
  const start = process.hrtime.bigint();
  exact.get(keyOf(row));
  baseline.push(Number(process.hrtime.bigint() - start) / 1e6);
}

const percentile = (list: number[], p: number) =>
  [...list].sort((a, b) => a - b)[Math.min(list.length - 1, Math.floor((p / 100) * list.length))]!;
console.log(
  JSON.stringify(
    {
      indexedRecords: index.size,
      indexSeconds: +indexSeconds.toFixed(1),
      queries: count,
      p50ms: +percentile(latencies, 50).toFixed(3),
      p99ms: +percentile(latencies, 99).toFixed(3),
      baselineP50ms: +percentile(baseline, 50).toFixed(4),
      baselineP99ms: +percentile(baseline, 99).toFixed(4),
      p99VsBaseline: +(percentile(latencies, 99) / percentile(baseline, 99)).toFixed(0),
      trueRecordInTop5: +(found / count).toFixed(4),
      peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
    },
    null,
    2,
  ),
);
