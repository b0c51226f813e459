/**
 * Benchmark: the person index end to end on the Wessex scenario — register every source
 * system, load its extract, build the index — with time and peak memory, accuracy per source
 * system against the ground truth (pairwise precision and recall: a record's predicted
 * partners against its true ones), and real-time match latency through the service.
 * Baseline in the same run: the linkage engine alone (train and predict, no database) on the
 * same records, so the build's cost of reading, deciding, keeping ids and writing reads as a ratio.
 * With --gazetteers the districts' LLPGs are imported first, as the demo does, so records
 * carry the UPRNs the address register matched them to. Then a day's change: one council-tax
 * extract re-loaded with 1% of its rows changed, and the incremental build timed against the
 * full build of the same run.
 *
 * Usage: npx tsx bench/person-index.ts [--scale 0.1] [--seed 1] [--matches 500] [--threshold 0.9] [--gazetteers]
 * With JOINERY_TEST_DATABASE_URL set it runs on that PostgreSQL server, otherwise on PGlite.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { readCsv, saveOrganisations, CORE_MIGRATIONS } from '@joinery/core';
import { openTestDatabase, testEngine } from '@joinery/core/testing';
import { link } from '@joinery/linkage';
import {
  REGISTERS_MIGRATIONS,
  buildPersonIndex,
  importGazetteer,
  linkageInput,
  loadExtract,
  loadWessexSources,
  matchPerson,
  personIndexAccuracy,
  personLinkageSettings,
  personTrainingSettings,
} from '@joinery/registers';
import { generateWessex, toOrganisations, writeScenarioFiles } from '@joinery/scenario';

const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: '0.1' },
    seed: { type: 'string', default: '1' },
    matches: { type: 'string', default: '500' },
    threshold: { type: 'string', default: '0.9' },
    gazetteers: { type: 'boolean', default: false },
  },
});
const scale = Number(values.scale);
const threshold = Number(values.threshold);

let peak = 0;
const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 200);
const mib = (bytes: number) => Math.round(bytes / 1048576);
const time = async <T>(fn: () => Promise<T>): Promise<[number, T]> => {
  const start = performance.now();
  const value = await fn();
  return [(performance.now() - start) / 1000, value];
};

const dir = await mkdtemp(join(tmpdir(), 'joinery-person-bench-'));
const database = await openTestDatabase([CORE_MIGRATIONS, REGISTERS_MIGRATIONS]);
try {
  const scenario = generateWessex({ seed: values.seed!, scale });
  await writeScenarioFiles(scenario, dir);
  const { organisations, partnerships } = toOrganisations(scenario);
  await saveOrganisations(database, organisations, partnerships);
  let gazetteerSeconds = 0;
  if (values.gazetteers) {
    const started = performance.now();
    for (const file of readdirSync(join(dir, 'places', 'llpg')).filter((f) => f.endsWith('.csv'))) {
      const content = readFileSync(join(dir, 'places', 'llpg', file));
      await importGazetteer(database, {
        organisationCode: file.replace(/\.csv$/, ''),
        format: 'dtf73',
        fileName: file,
        content,
        actor: null,
      });
    }
    gazetteerSeconds = (performance.now() - started) / 1000;
  }
  const stages: string[] = [];
  const [seconds, report] = await time(() =>
    loadWessexSources(database, dir, { build: { threshold, onStage: (stage, detail) => stages.push(`${stage}: ${detail}`) } }),
  );
  const loadSeconds = seconds - report.build.seconds;
  const records = report.loads.reduce((n, l) => n + l.added, 0);
  const refused = report.loads.reduce((n, l) => n + l.refused, 0);

  // Baseline: the engine alone on the same records, trained and predicting as the build does.
  const { tables } = await linkageInput(database);
  const [engineSeconds] = await time(async () => {
    const settings = personLinkageSettings(threshold);
    const model = link(personTrainingSettings(settings), tables).model;
    return link(settings, tables, { model: { ...model, settings } });
  });

  // A day's change: 1% of one council-tax extract's rows with a changed phone number, re-loaded.
  const file = join(dir, 'sources', 'casterbridge__council-tax.csv');
  const table = readCsv(readFileSync(file), 'casterbridge__council-tax.csv');
  const edited = table.rows.map((row, i) => (i % 100 === 0 ? { ...row, phone: `07700 9${String(i).padStart(5, '0')}` } : row));
  const header = Object.keys(table.rows[0]!);
  const quote = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const bytes = Buffer.from(
    [header, ...edited.map((r) => header.map((h) => r[h] ?? ''))].map((r) => r.map(quote).join(',')).join('\r\n') + '\r\n',
  );
  const [reloadSeconds, reload] = await time(() =>
    loadExtract(database, null, { systemKey: 'casterbridge/council-tax', fileName: 'council-tax-2.csv', bytes }),
  );
  const [, incremental] = await time(() => buildPersonIndex(database, null));

  const truth = readCsv(readFileSync(join(dir, 'truth', 'record-links.csv')), 'record-links.csv').rows;
  const accuracy = await personIndexAccuracy(
    database,
    truth.map((t) => ({ systemKey: t.system_code!, sourceRecordId: t.record_id!, truePersonId: t.person_id! })),
  );

  // Real-time: people as another system might hold them (the truth's own details).
  const people = scenario.truth.persons.slice(0, Number(values.matches));
  const latencies: number[] = [];
  let found = 0;
  for (const p of people) {
    const start = performance.now();
    const match = await matchPerson(
      database,
      null,
      { givenName: p.givenName, surname: p.surname, dateOfBirth: p.dateOfBirth, postcode: undefined, nhsNumber: p.nhsNumber || undefined },
      { reason: 'benchmark' },
    );
    latencies.push(performance.now() - start);
    if (match.person) found++;
  }
  latencies.sort((a, b) => a - b);
  const pct = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]?.toFixed(2);

  console.log(
    JSON.stringify(
      {
        engine: testEngine(),
        scale,
        systems: report.systems,
        records,
        refused,
        loadSeconds: +loadSeconds.toFixed(1),
        loadRecordsPerSecond: Math.round(records / loadSeconds),
        gazetteerSeconds: +gazetteerSeconds.toFixed(1),
        build: report.build,
        engineAloneSeconds: +engineSeconds.toFixed(1),
        reload: { seconds: +reloadSeconds.toFixed(1), updated: reload.updated, unchanged: reload.unchanged },
        incrementalBuild: {
          mode: incremental.mode,
          changedRecords: incremental.changedRecords,
          relinkedRecords: incremental.relinkedRecords,
          seconds: +incremental.seconds.toFixed(1),
          fullBuildTimesIncremental: +(report.build.seconds / incremental.seconds).toFixed(1),
        },
        buildTimesEngine: +(report.build.seconds / engineSeconds).toFixed(2),
        stages,
        overall: accuracy.overall,
        matches: { queries: latencies.length, matchedAboveThreshold: found, p50ms: pct(0.5), p99ms: pct(0.99) },
        peakRssMiB: mib(peak),
      },
      null,
      2,
    ),
  );
  console.log('\n| system | records | precision | recall | F1 |\n| --- | ---: | ---: | ---: | ---: |');
  for (const s of accuracy.systems)
    console.log(`| ${s.systemKey} | ${s.records} | ${s.precision.toFixed(4)} | ${s.recall.toFixed(4)} | ${s.f1.toFixed(4)} |`);
} finally {
  clearInterval(sampler);
  await database.dispose();
  await rm(dir, { recursive: true, force: true });
}
