/**
 * Test helpers: a migrated database with the fixture's organisations, and the fixture — a
 * slice of the Wessex scenario at scale 0.01 (Casterbridge's systems, Durnover Surgery and its
 * patients in the trust's PAS) with its ground truth, written by @joinery/scenario.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CORE_MIGRATIONS, readCsv, saveOrganisations, type Database } from '@joinery/core';
import { openTestDatabase, type TestDatabase } from '@joinery/core/testing';
import { REGISTERS_MIGRATIONS } from '../../src/migrations.ts';

export const FIXTURE = fileURLToPath(new URL('./fixtures/wessex', import.meta.url));

export function fixtureFile(name: string): Buffer {
  return readFileSync(`${FIXTURE}/sources/${name}`);
}

export function fixtureTruth() {
  return readCsv(readFileSync(`${FIXTURE}/truth/record-links.csv`), 'record-links.csv').rows.map((r) => ({
    systemKey: r.system_code!,
    sourceRecordId: r.record_id!,
    truePersonId: r.person_id!,
  }));
}

export async function saveFixtureOrganisations(database: Database): Promise<void> {
  const organisation = (code: string, name: string, type: string) => ({
    code,
    name,
    type,
    successorCode: null,
    identifiers: [],
    partnerships: [],
  });
  await saveOrganisations(
    database,
    [
      organisation('casterbridge', 'Casterbridge District Council', 'district-council'),
      organisation('gp-j99001', 'Durnover Surgery', 'gp-practice'),
      organisation('wessex-hospitals', 'Wessex Hospitals NHS Foundation Trust', 'nhs-trust'),
    ] as Parameters<typeof saveOrganisations>[1],
    [],
  );
}

export async function openPersonsDatabase(): Promise<TestDatabase> {
  const database = await openTestDatabase([CORE_MIGRATIONS, REGISTERS_MIGRATIONS]);
  await saveFixtureOrganisations(database);
  return database;
}

/** A CSV from rows (CRLF, quoted where needed). */
export function csv(rows: string[][]): Buffer {
  const quote = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return Buffer.from(rows.map((r) => r.map(quote).join(',')).join('\r\n') + '\r\n');
}
