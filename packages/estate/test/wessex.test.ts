/**
 * The Wessex scenario's estate: each predecessor council's contract register, as the scenario
 * writes it (its own column names, notice periods in months), imports whole with no mapping
 * and no hand edits.
 */
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CORE_MIGRATIONS, readCsv, saveOrganisations } from '@joinery/core';
import { openTestDatabase, type TestDatabase } from '@joinery/core/testing';
import { generateWessex, toOrganisations, writeScenarioFiles } from '@joinery/scenario';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ESTATE_MIGRATIONS } from '../src/migrations.ts';
import { importContracts, listContracts } from '../src/service.ts';
import { csv } from './helpers.ts';

describe('the Wessex estate’s contract registers', () => {
  let database: TestDatabase;
  let table: ReturnType<typeof readCsv>;
  beforeAll(async () => {
    const scenario = generateWessex({ seed: 3, scale: 0.01 });
    const dir = await mkdtemp(join(tmpdir(), 'joinery-estate-'));
    await writeScenarioFiles(scenario, dir);
    table = readCsv(await readFile(join(dir, 'estate', 'contracts.csv')), 'contracts.csv');
    database = await openTestDatabase([CORE_MIGRATIONS, ESTATE_MIGRATIONS]);
    const { organisations, partnerships } = toOrganisations(scenario);
    await saveOrganisations(database, organisations, partnerships);
  });
  afterAll(() => database?.dispose());

  it('imports every council’s contracts whole, notice periods in months kept as months', async () => {
    const councils = [...new Set(table.rows.map((r) => r.organisation_code!))].sort();
    expect(councils.length).toBeGreaterThanOrEqual(5);
    for (const code of councils) {
      const rows = table.rows.filter((r) => r.organisation_code === code);
      const bytes = csv([table.columns, ...rows.map((r) => table.columns.map((c) => r[c] ?? ''))]);
      const report = await importContracts(database, null, { organisationCode: code, fileName: `${code}-contracts.csv`, bytes });
      expect(report).toMatchObject({ rows: rows.length, imported: rows.length, refused: 0 });
      expect(report.mapping).toMatchObject({
        noticePeriod: 'notice_period_months',
        supplierCompanyNumber: 'supplier_companies_house_number',
      });
      const { contracts } = await listContracts(database, code);
      expect(contracts).toHaveLength(rows.length);
      const first = rows[0]!;
      const stored = contracts.find((c) => c.reference === first.reference)!;
      expect(stored.noticePeriod).toBe(first.notice_period_months ? `P${Number(first.notice_period_months)}M` : null);
    }
  });
});
