/**
 * Benchmark: the person index end to end on the Wessex scenario — register every source
 * system, load its extract, build the index — with time and peak memory, accuracy per source
 * system against the ground truth (pairwise precision and recall: a record's predicted
 * partners against its true ones), and real-time match latency through the service.
 * No baseline ratio yet (the linkage engine alone on the same rows would be the natural one).
 *
 * Usage: npx tsx bench/person-index.ts [--scale 0.1] [--seed 1] [--matches 500] [--threshold 0.9]
 * With JOINERY_TEST_DATABASE_URL set it runs on that PostgreSQL server, otherwise on PGlite.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { readCsv, saveOrganisations, CORE_MIGRATIONS } from '@joinery/core';
import { openTestDatabase, testEngine } from '@joinery/core/testing';
import { REGISTERS_MIGRATIONS, loadWessexSources, matchPerson, personIndexAccuracy } from '@joinery/registers';
import { generateWessex, writeScenarioFiles } from '@joinery/scenario';

const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: '0.1' },
    seed: { type: 'string', default: '1' },
    matches: { type: 'string', default: '500' },
    threshold: { type: 'string', default: '0.9' },
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
  await saveOrganisations(
    database,
    scenario.organisations.map((o) => ({
      code: o.code,
      name: o.name,
      type: o.type,
      successorCode: o.predecessorOf ?? null,
      identifiers: o.identifiers.map((i) => ({ kind: i.kind, value: i.value })),
      partnerships: [],
    })),
    [],
  );
  const stages: string[] = [];
  const [seconds, report] = await time(() =>
    loadWessexSources(database, dir, { build: { threshold, onStage: (stage, detail) => stages.push(`${stage}: ${detail}`) } }),
  );
  const loadSeconds = seconds - report.build.seconds;
  const records = report.loads.reduce((n, l) => n + l.added, 0);
  const refused = report.loads.reduce((n, l) => n + l.refused, 0);

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
        build: report.build,
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
