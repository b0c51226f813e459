/**
 * Dataset test: Norfolk County Council's published contract register (LGA schema, 5,729 rows),
 * imported as published, no hand edits. Needs the repository's sibling ../shared folder; a
 * fresh clone has none, so it is skipped with a message.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { TestDatabase } from '@joinery/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportContractsOcds, importContracts, listContracts } from '../src/service.ts';
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

  it('imports all 5,729 rows as published: no row refused, no hand edits', { timeout: 120_000 }, async () => {
    const report = await importContracts(database, null, {
      organisationCode: 'casterbridge',
      fileName: 'NCC164467.csv',
      bytes: readFileSync(FILE),
      keepValid: true,
    });
    expect(report.rows).toBe(5729);
    expect(report.imported + report.refused).toBe(5729);
    // Imported as published: negative values (accounting brackets) stay negative, registered
    // society numbers (IP…R) in the company-number column become society numbers, and rows with
    // no contract reference get a derived one. Nothing is refused.
    expect(report.problems).toEqual([]);
    expect(report.refused).toBe(0);
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
    const negative = contracts.filter((c) => (c.value ?? 0) < 0);
    expect(negative).toHaveLength(6);
    expect(negative.some((c) => c.value === -3728 && c.supplierName === 'KATHRYN HOMES')).toBe(true);
    const societies = contracts.filter((c) => c.supplierSocietyNumber !== null);
    expect(societies).toHaveLength(19);
    expect(societies.find((c) => c.supplierName === 'COTMAN HOUSING ASSOCIATION LIMITED')).toMatchObject({
      supplierSocietyNumber: 'IP19473R',
      supplierCompanyNumber: null,
    });
    const ocds = await exportContractsOcds(database, 'casterbridge', { uri: 'https://joinery.example/norfolk.json' });
    const releases = ocds.releases as { parties: { identifier?: { scheme: string; id: string } }[] }[];
    const parties = releases.flatMap((r) => r.parties);
    expect(parties.some((p) => p.identifier?.scheme === 'GB-MPR' && p.identifier.id === 'IP19473R')).toBe(true);
    // The register carries none of the LGR terms: every contract is listed as lacking them.
    expect(report.contractsLackingLgrFields).toBe(report.imported);
  });
});
