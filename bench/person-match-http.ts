/**
 * Benchmark: the real-time person match through the HTTP API, as a partner system calls it —
 * `POST /api/persons/match` with a bearer token over a kept-alive connection, against the
 * person index the demo builds (every Wessex source system). Queries are records from the
 * truth, re-written the way another system would hold them. p50/p99 latency over N queries.
 * Baseline in the same run: `GET /healthz` on the same server and connection (the cost of
 * HTTP, routing and logging with no work behind it).
 * Usage: node --max-old-space-size=16000 --import tsx bench/person-match-http.ts --scale 0.1 --queries 2000
 * On a PostgreSQL server: DATABASE_URL=postgres://…/an_empty_database (the demo loads into it).
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { addUser, createApiToken, DEFAULT_CONFIG, readCsv } from '@joinery/core';
import { startServer } from '@joinery/server';
import { sql } from 'kysely';

const { values } = parseArgs({ options: { scale: { type: 'string', default: '0.1' }, queries: { type: 'string', default: '2000' } } });
const dataDir = mkdtempSync(join(tmpdir(), 'joinery-match-http-'));
let started = performance.now();
const server = await startServer(
  {
    ...DEFAULT_CONFIG,
    host: '127.0.0.1',
    port: 0,
    dataDir,
    demoScale: Number(values.scale),
    logLevel: 'silent',
    databaseUrl: process.env.DATABASE_URL,
  },
  { log: () => {} },
);
const loadSeconds = (performance.now() - started) / 1000;
const base = `http://127.0.0.1:${(server.app.server.address() as AddressInfo).port}`;

// A caseworker of the trust, with an API token, as the trust's systems would call it.
const db = server.database;
await addUser(db, { username: 'bench.caseworker', displayName: 'Bench', organisationCode: 'wessex-hospitals', roles: ['caseworker'] });
const { token } = await createApiToken(db, 'bench.caseworker', 'bench');

const truth = readCsv(readFileSync(join(dataDir, 'scenario', 'truth', 'persons.csv')), 'persons.csv').rows;
const count = Math.min(Number(values.queries), truth.length);
const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
const query = (p: Record<string, string>) => ({
  reason: 'Benchmark: admission matching',
  record: {
    givenName: p.given_name!.toUpperCase(),
    surname: p.surname!,
    dateOfBirth: p.date_of_birth!.split('-').reverse().join('/'),
    nhsNumber: p.nhs_number || undefined,
  },
  limit: 3,
});

async function time(fn: () => Promise<Response>): Promise<number> {
  const t = performance.now();
  const response = await fn();
  await response.arrayBuffer();
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return performance.now() - t;
}
const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;

// Warm up (the match index is built on the first call).
started = performance.now();
await time(() => fetch(`${base}/api/persons/match`, { method: 'POST', headers, body: JSON.stringify(query(truth[0]!)) }));
const firstCallSeconds = (performance.now() - started) / 1000;
const latencies: number[] = [];
const baseline: number[] = [];
let found = 0;
for (let i = 0; i < count; i++) {
  const p = truth[(i * 7919) % truth.length]!;
  latencies.push(await time(() => fetch(`${base}/api/persons/match`, { method: 'POST', headers, body: JSON.stringify(query(p)) })));
  baseline.push(await time(() => fetch(`${base}/healthz`)));
}
const { rows: builds } = await sql<{ record_count: number; person_count: number; seconds: number }>`
  select record_count, person_count, seconds from registers_person_builds order by id limit 1`.execute(db.db);
const sample = await fetch(`${base}/api/persons/match`, { method: 'POST', headers, body: JSON.stringify(query(truth[1]!)) }).then((r) =>
  r.json(),
);
if ((sample as { candidates: unknown[] }).candidates.length > 0) found++;

console.log(
  JSON.stringify(
    {
      scale: Number(values.scale),
      engine: process.env.DATABASE_URL ? 'postgresql' : 'pglite',
      indexedRecords: builds[0]?.record_count,
      persons: builds[0]?.person_count,
      buildSeconds: builds[0] ? +builds[0].seconds.toFixed(1) : undefined,
      firstStartSeconds: +loadSeconds.toFixed(1),
      firstMatchSeconds: +firstCallSeconds.toFixed(2),
      queries: count,
      p50Ms: +quantile(latencies, 0.5).toFixed(2),
      p99Ms: +quantile(latencies, 0.99).toFixed(2),
      healthzP50Ms: +quantile(baseline, 0.5).toFixed(2),
      healthzP99Ms: +quantile(baseline, 0.99).toFixed(2),
      sampleFound: found === 1,
      peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
    },
    null,
    2,
  ),
);
await server.close();
