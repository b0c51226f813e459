/**
 * Incremental builds against a real database: after the first build, a re-load re-links only
 * the records that changed and the persons they touch, and ends where a full build would.
 */
import type { TestDatabase } from '@joinery/core/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPersonIndex, loadExtract, loadWessexSources } from '../../src/index.ts';
import { FIXTURE, fixtureFile, openPersonsDatabase } from './helpers.ts';

type Owner = { k: string; p: string };
const owners = async (database: TestDatabase) =>
  (
    await sql<Owner>`select system_key || ':' || source_record_id as k, person_id as p from registers_person_records
      where status = 'active' order by 1`.execute(database.db)
  ).rows;

describe('incremental builds', () => {
  let database: TestDatabase;
  let records: number;
  beforeAll(async () => {
    database = await openPersonsDatabase();
    const report = await loadWessexSources(database, FIXTURE);
    expect(report.build.mode).toBe('full');
    records = report.build.records;
  });
  afterAll(() => database.dispose());

  it('re-links nothing when nothing changed', async () => {
    const before = await owners(database);
    const report = await buildPersonIndex(database, null);
    expect(report).toMatchObject({
      mode: 'incremental',
      changedRecords: 0,
      relinkedRecords: 0,
      newPersons: 0,
      merges: 0,
      splits: 0,
      records,
    });
    expect(await owners(database)).toEqual(before);
  });

  it('re-links a changed extract: the new record joins its person, the rest stay as they were', async () => {
    const edit = (file: string, change: (rows: string[][]) => string[][]) => {
      const rows = fixtureFile(file)
        .toString('utf8')
        .trimEnd()
        .split('\r\n')
        .map((l) => l.split(','));
      return Buffer.from(
        change(rows)
          .map((r) => r.join(','))
          .join('\r\n') + '\r\n',
      );
    };
    // The trust fixes nothing but mistypes a surname, and one patient leaves.
    const pas = edit('wessex-hospitals__pas.csv', (rows) => {
      rows[2]![2] = `${rows[2]![2]}E`;
      return rows.slice(0, -1);
    });
    expect(await loadExtract(database, null, { systemKey: 'wessex-hospitals/pas', fileName: 'pas-2.csv', bytes: pas })).toMatchObject({
      added: 0,
      updated: 1,
      retired: 1,
    });
    // A council-tax payer opens a second account at the same address.
    let firstAccount = '';
    const councilTax = edit('casterbridge__council-tax.csv', (rows) => {
      firstAccount = rows[1]![0]!;
      return [...rows, [String(Number(firstAccount) + 9000000), ...rows[1]!.slice(1)]];
    });
    const load = await loadExtract(database, null, { systemKey: 'casterbridge/council-tax', fileName: 'ct-2.csv', bytes: councilTax });
    expect(load).toMatchObject({ added: 1, updated: 0, retired: 0 });
    const before = new Map((await owners(database)).map((o) => [o.k, o.p]));

    const report = await buildPersonIndex(database, null);
    expect(report.mode).toBe('incremental');
    expect(report.changedRecords).toBe(2);
    expect(report.relinkedRecords).toBeGreaterThanOrEqual(2);
    expect(report.relinkedRecords).toBeLessThan(records / 4);
    const after = new Map((await owners(database)).map((o) => [o.k, o.p]));
    const second = `casterbridge/council-tax:${Number(firstAccount) + 9000000}`;
    expect(after.get(second)).toBeDefined();
    expect(after.get(second)).toBe(after.get(`casterbridge/council-tax:${firstAccount}`));
    // Records outside the re-linked persons keep their person ids.
    const moved = [...before].filter(([k, p]) => p && after.get(k) !== p);
    expect(moved.length).toBeLessThanOrEqual(report.relinkedRecords);
    const built = await sql<{ mode: string; relinked_record_count: number }>`
      select mode, relinked_record_count from registers_person_builds order by id desc limit 1`.execute(database.db);
    expect(built.rows[0]).toEqual({ mode: 'incremental', relinked_record_count: report.relinkedRecords });
  });

  it('ends where a full build would', async () => {
    const before = await owners(database);
    const full = await buildPersonIndex(database, null, { incremental: false });
    expect(full).toMatchObject({ mode: 'full', relinkedRecords: records, newPersons: 0, merges: 0, splits: 0 });
    expect(await owners(database)).toEqual(before);
  });
});
