/**
 * Benchmark: matching the Wessex source systems' messy addresses to UPRNs against the
 * register merged from the districts' DTF 7.3 gazetteers, scored against the scenario's
 * ground truth (truth/record-links.csv `uprn`). Precision and recall at the 0.9 threshold per
 * source system, addresses per second, index build time and memory. Baseline in the same run:
 * an exact lookup of the normalised address string. Also: how the parser reads the public,
 * unlabelled UK address samples in ../shared/data (skipped when absent).
 * Usage: npx tsx bench/address-matching.ts --scale 0.1
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { readCsv } from '@joinery/core';
import {
  addressColumns,
  createAddressIndex,
  mergePredecessorGazetteers,
  parseAddress,
  parseDtf73,
  singleLineAddress,
} from '@joinery/registers';
import { generateWessex, writeScenarioFiles } from '@joinery/scenario';

const { values } = parseArgs({ options: { scale: { type: 'string', default: '0.1' }, seed: { type: 'string', default: '1' } } });
const dir = mkdtempSync(join(tmpdir(), 'joinery-address-bench-'));
await writeScenarioFiles(generateWessex({ seed: values.seed, scale: Number(values.scale) }), dir);

const districts = readdirSync(join(dir, 'places', 'llpg')).sort();
const gazetteers = districts.map((file) => {
  const authority = file.replace('.csv', '');
  return {
    authority,
    addresses: parseDtf73(readFileSync(join(dir, 'places', 'llpg', file), 'utf8'), { fileName: file, authority }).addresses,
  };
});
const { addresses, conflicts } = mergePredecessorGazetteers(gazetteers);
const heapBefore = process.memoryUsage().heapUsed;
let started = performance.now();
const index = createAddressIndex(addresses);
const buildSeconds = (performance.now() - started) / 1000;
const indexMiB = (process.memoryUsage().heapUsed - heapBefore) / 1048576;

const normalise = (s: string) =>
  s
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, ' ')
    .trim();
const exact = new Map(addresses.map((a) => [normalise(singleLineAddress({ ...a, organisation: undefined })), a.uprn]));

const truth = new Map(
  readCsv(readFileSync(join(dir, 'truth', 'record-links.csv')), 'record-links.csv').rows.map((r) => [
    `${r.system_code}|${r.record_id}`,
    r.uprn,
  ]),
);
interface Tally {
  system: string;
  addresses: number;
  matched: number;
  correct: number;
  review: number;
  baselineCorrect: number;
  baselineMatched: number;
}
const tallies: Tally[] = [];
let seconds = 0;
let baselineSeconds = 0;
for (const file of readdirSync(join(dir, 'sources')).sort()) {
  const table = readCsv(readFileSync(join(dir, 'sources', file)), file);
  let columns;
  try {
    columns = addressColumns(table.columns);
  } catch {
    continue; // a system that holds no address
  }
  const system = file.replace('.csv', '').replace('__', '/');
  const tally: Tally = { system, addresses: 0, matched: 0, correct: 0, review: 0, baselineCorrect: 0, baselineMatched: 0 };
  for (const row of table.rows) {
    const want = truth.get(`${system}|${row[table.columns[0]!]}`);
    if (!want) continue;
    tally.addresses++;
    const lines = columns.address.filter((c) => c !== columns.postcode).map((c) => row[c] ?? '');
    const postcode = columns.postcode ? row[columns.postcode] : undefined;
    started = performance.now();
    const [best] = index.match({ lines, postcode }, { limit: 3 });
    seconds += (performance.now() - started) / 1000;
    if (best && best.probability >= 0.9) {
      tally.matched++;
      if (best.uprn === want) tally.correct++;
    } else if (best && best.probability >= 0.3) tally.review++;
    started = performance.now();
    const found = exact.get(normalise([...lines, postcode ?? ''].filter(Boolean).join(' ')));
    baselineSeconds += (performance.now() - started) / 1000;
    if (found) {
      tally.baselineMatched++;
      if (found === want) tally.baselineCorrect++;
    }
  }
  tallies.push(tally);
}

const ratio = (a: number, b: number) => (b === 0 ? 1 : a / b);
const all = tallies.reduce(
  (t, x) => ({
    system: 'all systems',
    addresses: t.addresses + x.addresses,
    matched: t.matched + x.matched,
    correct: t.correct + x.correct,
    review: t.review + x.review,
    baselineCorrect: t.baselineCorrect + x.baselineCorrect,
    baselineMatched: t.baselineMatched + x.baselineMatched,
  }),
  { system: '', addresses: 0, matched: 0, correct: 0, review: 0, baselineCorrect: 0, baselineMatched: 0 },
);
console.log(
  `register: ${addresses.length} addresses from ${districts.length} gazetteers, ${conflicts.length} conflicts; index built in ${buildSeconds.toFixed(2)} s, ~${indexMiB.toFixed(0)} MiB`,
);
console.table(
  [...tallies, all].map((t) => ({
    system: t.system,
    addresses: t.addresses,
    precision: +ratio(t.correct, t.matched).toFixed(4),
    recall: +ratio(t.correct, t.addresses).toFixed(4),
    toReview: t.review,
    baselinePrecision: +ratio(t.baselineCorrect, t.baselineMatched).toFixed(4),
    baselineRecall: +ratio(t.baselineCorrect, t.addresses).toFixed(4),
  })),
);
console.log(
  `${(all.addresses / seconds).toFixed(0)} addresses/s matched (baseline exact lookup ${(all.addresses / baselineSeconds).toFixed(0)}/s, ${(seconds / baselineSeconds).toFixed(0)}× its time)`,
);

// The parser on real, unlabelled UK addresses: how many yield a postcode, a number, street words.
const SAMPLES = join(import.meta.dirname, '..', '..', 'shared', 'data', 'uk_address_samples_opendata');
if (!existsSync(SAMPLES)) console.log(`Skipped the public samples: ${SAMPLES} is not here.`);
else {
  const rows = [];
  for (const file of readdirSync(SAMPLES).filter((f) => f.endsWith('.tsv'))) {
    const lines = readFileSync(join(SAMPLES, file), 'utf8').trim().split('\n');
    const header = lines[0]!.split('\t');
    const column = header.findIndex((h) => /^(text|address)$/i.test(h));
    const postcodeColumn = header.findIndex((h) => /^postcode$/i.test(h));
    if (column < 0) continue;
    let postcode = 0;
    let number = 0;
    let words = 0;
    const body = lines.slice(1);
    for (const line of body) {
      const cells = line.split('\t');
      const parsed = parseAddress({ lines: [cells[column] ?? ''], postcode: postcodeColumn >= 0 ? cells[postcodeColumn] : undefined });
      if (parsed.postcode) postcode++;
      if (parsed.number || parsed.flat) number++;
      if (parsed.words.length > 0) words++;
    }
    rows.push({ sample: file, addresses: body.length, withPostcode: postcode, withNumber: number, withWords: words });
  }
  console.table(rows);
}
