/**
 * Dataset test: Norfolk County Council's published contract register (LGA schema, 5,729 rows),
 * imported as published, no hand edits. Needs the repository's sibling ../shared folder; a
 * fresh clone has none, so it is skipped with a message.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { TestDatabase } from '@joinery/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importContracts, listContracts } from '../src/service.ts';
import { openEstateDatabase } from './helpers.ts';

const FILE = fileURLToPath(new URL('../../../../shared/data/norfolk_contract_register/NCC164467.csv', import.meta.url));
const present = existsSync(FILE);
if (!present) console.info(`Norfolk contract register test skipped: ${FILE} is not present`);

describe.skipIf(!present)('Norfolk County Council contract register (NCC164467.csv)', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openEstateDatabase();
  });
  afterAll(async () => database?.dispose());

  it('accounts for all 5,729 rows: imported, or refused with a reason', { timeout: 120_000 }, async () => {
    const report = await importContracts(database, null, {
      organisationCode: 'casterbridge',
      fileName: 'NCC164467.csv',
      bytes: readFileSync(FILE),
      keepValid: true,
    });
    expect(report.rows).toBe(5729);
    expect(report.imported + report.refused).toBe(5729);
    // Negative values in accounting brackets, registered society numbers (IP…R) as company numbers.
    // Rows with no contract reference are no longer refused: they get a derived reference.
    const refusedRows = new Set(report.problems.map((p) => p.row));
    expect(refusedRows.size).toBe(report.refused);
    const reasons = new Set(report.problems.map((p) => p.message.replace(/^"[^"]*" /, '')));
    expect([...reasons].sort()).toEqual([
      expect.stringMatching(/^is a negative amount/),
      expect.stringMatching(/^is a registered society number/),
    ]);
    expect(report.problems.some((p) => p.message === 'Contract reference is missing')).toBe(false);
    expect(report.refused).toBe(25);
    // All 696 rows without a reference get a derived one.
    expect(report.derivedReferences).toBe(696);
    const { contracts } = await listContracts(database, 'casterbridge');
    expect(contracts).toHaveLength(report.imported);
    const derived = contracts.filter((c) => c.reference.startsWith('derived:'));
    expect(derived).toHaveLength(report.derivedReferences);
    expect(derived.every((c) => /^derived:[0-9a-f]{16}$/.test(c.reference))).toBe(true);
    expect(contracts.find((c) => c.reference === 'BAN12005')).toMatchObject({
      supplierCompanyNumber: '02165763',
      value: 1567,
      procurementRoute: 'Other',
    });
    // The register carries none of the LGR terms: every contract is listed as lacking them.
    expect(report.contractsLackingLgrFields).toBe(report.imported);
  });
});
