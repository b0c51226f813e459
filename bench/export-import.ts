/**
 * Benchmark: `joinery export` and `joinery import` throughput, against the engine's own
 * COPY as the baseline measured in the same run (the fastest any dump of the same table
 * could be). Usage: npx tsx bench/export-import.ts [--rows 100000]
 * With JOINERY_TEST_DATABASE_URL set it runs on that PostgreSQL server, otherwise on PGlite.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { exportAll, importAll } from '@joinery/core';
import { openTestDatabase, testEngine } from '@joinery/core/testing';
import { sql } from 'kysely';

const { values } = parseArgs({ options: { rows: { type: 'string', default: '100000' } } });
const rows = Number(values.rows);

async function seconds<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const start = process.hrtime.bigint();
  const result = await fn();
  return [Number(process.hrtime.bigint() - start) / 1e9, result];
}

const source = await openTestDatabase();
const target = await openTestDatabase();
const dir = await mkdtemp(join(tmpdir(), 'joinery-bench-'));
try {
  // Audit events are the table that grows fastest in real use.
  await sql`insert into audit_events (actor_username, organisation_code, action, subject_type, subject_id, reason, details)
    select 'user' || (g % 50), 'casterbridge', 'person.view', 'person', 'P' || g, 'Case review, ref ' || g,
      jsonb_build_object('n', g, 'note', 'line, with comma')
    from generate_series(1, ${rows}) as g`.execute(source.db);

  const [baselineExport] = await seconds(() =>
    sql`copy (select * from audit_events order by id) to stdout`
      .execute(source.db)
      .catch(() => sql`select * from audit_events order by id`.execute(source.db)),
  );
  const [exportTime, manifest] = await seconds(() => exportAll(source, join(dir, 'export')));
  const [importTime] = await seconds(() => importAll(target, join(dir, 'export')));
  const [baselineInsert] = await seconds(() => sql`create temporary table copy_baseline as select * from audit_events`.execute(source.db));

  const exported = manifest.tables.find((t) => t.name === 'audit_events')!.rows;
  const report = {
    engine: testEngine(),
    rows: exported,
    exportSeconds: +exportTime.toFixed(2),
    exportRowsPerSecond: Math.round(exported / exportTime),
    exportVsBaseline: +(exportTime / baselineExport).toFixed(1),
    importSeconds: +importTime.toFixed(2),
    importRowsPerSecond: Math.round(exported / importTime),
    importVsBaseline: +(importTime / baselineInsert).toFixed(1),
    peakRssMiB: Math.round(process.memoryUsage().rss / 1048576),
  };
  console.log(JSON.stringify(report, null, 2));
  console.log(
    `export: ${report.exportRowsPerSecond} rows/s (${report.exportVsBaseline}× the engine's own full read); import: ${report.importRowsPerSecond} rows/s (${report.importVsBaseline}× an in-database table copy)`,
  );
} finally {
  await source.dispose();
  await target.dispose();
  await rm(dir, { recursive: true, force: true });
}
