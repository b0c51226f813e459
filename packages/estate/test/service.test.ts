/** Importing contract registers against a real database: all or nothing, preview, keep-valid, the same file twice, audit. */
import { addUser, listAuditEvents } from '@joinery/core';
import type { TestDatabase } from '@joinery/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importContracts, listContracts, listContractImports } from '../src/service.ts';
import { csv, GOOD_ROWS, LGA_HEADER, openEstateDatabase } from './helpers.ts';

const BAD_ROWS = [
  ['CB-0003', 'Bad dates', '', 'Durnover Ltd', '', '', '100', '31/02/2022', '2021-01-01', '', '', '', '', '', '', '', '', '', '', '', ''],
  ['', 'No reference', '', 'Durnover Ltd', 'ABC', '', 'lots', '', '', '', 'maybe', '', '', '', '123', 'soon', '', '', '', '', ''],
  [
    'CB-0005',
    'End before start',
    '',
    'Durnover Ltd',
    '',
    '',
    '',
    '01/04/2023',
    '31/03/2023',
    '',
    '',
    '',
    '',
    '',
    '',
    '',
    '',
    '',
    '',
    '',
    '',
  ],
];

describe('importing a contract register', () => {
  let database: TestDatabase;
  let adminId: string;
  beforeAll(async () => {
    database = await openEstateDatabase();
    adminId = await addUser(database, {
      username: 'casterbridge.admin',
      displayName: 'Casey Admin',
      password: 'correct horse battery staple',
      organisationCode: 'casterbridge',
      roles: ['admin'],
    });
  });
  afterAll(async () => database?.dispose());

  const counts = async () => ({
    imports: (await listContractImports(database)).length,
    contracts: (await listContracts(database, 'casterbridge')).contracts.length,
  });

  it('reports every bad row precisely and writes nothing', async () => {
    const bytes = csv([LGA_HEADER, ...GOOD_ROWS, ...BAD_ROWS]);
    const failure = await importContracts(database, null, { organisationCode: 'casterbridge', fileName: 'bad.csv', bytes }).catch(
      (e: unknown) => e,
    );
    expect(failure).toMatchObject({ code: 'ESTATE_IMPORT_INVALID', status: 400 });
    const details = (failure as { details: { row: number; column?: string; message: string }[] }).details;
    expect(details).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ row: 5, column: 'Contract start date', message: '"31/02/2022" is not a real date' }),
        expect.objectContaining({
          row: 6,
          column: 'Supplier registered company number',
          message: expect.stringMatching(/"ABC" is not a Companies House number/),
        }),
        expect.objectContaining({ row: 6, column: 'Contract value', message: expect.stringMatching(/"lots" is not an amount of money/) }),
        expect.objectContaining({ row: 6, column: 'SME supplier', message: expect.stringMatching(/"maybe" is not yes or no/) }),
        expect.objectContaining({
          row: 6,
          column: 'Procurement classification: CPV code',
          message: expect.stringMatching(/not a CPV code/),
        }),
        expect.objectContaining({
          row: 6,
          column: 'Notice period (days)',
          message: expect.stringMatching(/"soon" is not a notice period/),
        }),
        expect.objectContaining({ row: 7, column: 'End date', message: 'The end date (2023-03-31) is before the start date (2023-04-01)' }),
      ]),
    );
    expect(details.every((d) => [5, 6, 7].includes(d.row))).toBe(true);
    // A row with no reference is not refused for that (it would get a derived one), only for its bad cells.
    expect(details.some((d) => d.message === 'Contract reference is missing')).toBe(false);
    expect(await counts()).toEqual({ imports: 0, contracts: 0 });
    const [event] = await listAuditEvents(database.db, { organisationCode: 'casterbridge' });
    expect(event).toMatchObject({ action: 'estate.contracts-import', outcome: 'refused' });
  });

  it('previews without writing anything: counts, problems, mapping, the contracts lacking LGR terms', async () => {
    const report = await importContracts(database, null, {
      organisationCode: 'casterbridge',
      fileName: 'bad.csv',
      bytes: csv([LGA_HEADER, ...GOOD_ROWS, ...BAD_ROWS]),
      mode: 'preview',
      keepValid: true,
    });
    expect(report).toMatchObject({ mode: 'preview', importId: null, rows: 6, imported: 3, refused: 3, contractsLackingLgrFields: 1 });
    expect(report.mapping.reference).toBe('Contract Reference number / ID');
    expect(report.lackingLgrFields).toEqual([
      {
        row: 3,
        reference: 'CB-0002',
        missing: ['noticePeriod', 'terminationCost', 'isAutoRenewing', 'isNovationRequired', 'hasChangeOfControlClause'],
      },
    ]);
    expect(report.lgrGaps).toMatchObject({ noticePeriod: 1, terminationCost: 1 });
    expect(await counts()).toEqual({ imports: 0, contracts: 0 });
  });

  it('keeps the valid rows when asked, and accounts for every row', async () => {
    const report = await importContracts(
      database,
      { id: adminId, username: 'casterbridge.admin' },
      {
        organisationCode: 'casterbridge',
        fileName: 'bad.csv',
        bytes: csv([LGA_HEADER, ...GOOD_ROWS, ...BAD_ROWS]),
        keepValid: true,
      },
    );
    expect(report.importId).toBeGreaterThan(0);
    expect(report.rows).toBe(report.imported + report.refused);
    expect([report.imported, report.refused]).toEqual([3, 3]);
    const { contracts, currentImport } = await listContracts(database, 'casterbridge');
    expect(currentImport).toMatchObject({ rows: 6, imported: 3, refused: 3, importedBy: 'casterbridge.admin' });
    expect(contracts[0]).toMatchObject({
      row: 2,
      reference: 'CB-0001',
      supplierCompanyNumber: '02165763',
      value: 1_250_000,
      startDate: '2022-04-01',
      endDate: '2027-03-31',
      reviewDate: '2026-10-01',
      isSmeSupplier: false,
      cpvCode: '72000000-5',
      noticePeriod: 'P180D',
      terminationCost: 45_000,
      isAutoRenewing: true,
      breakDates: ['2025-03-31', '2026-03-31'],
    });
    expect(contracts[2]).toMatchObject({
      startDate: '2021-04-01',
      noticePeriod: 'P90D',
      supplierCompanyNumber: 'SC123456',
      terminationCost: 0,
    });
    const [event] = await listAuditEvents(database.db, { organisationCode: 'casterbridge' });
    expect(event).toMatchObject({ action: 'estate.contracts-import', outcome: 'success', actorUsername: 'casterbridge.admin' });
  });

  it('refuses the same file twice and changes nothing', async () => {
    const again = importContracts(database, null, {
      organisationCode: 'casterbridge',
      fileName: 'renamed.csv',
      bytes: csv([LGA_HEADER, ...GOOD_ROWS, ...BAD_ROWS]),
      keepValid: true,
    });
    await expect(again).rejects.toMatchObject({
      code: 'ESTATE_IMPORT_ALREADY_DONE',
      status: 409,
      message: expect.stringMatching(/already imported.*bad\.csv/),
    });
    expect(await counts()).toEqual({ imports: 1, contracts: 3 });
  });

  it('replaces the current contracts with a newer register, keeping the older import', async () => {
    const report = await importContracts(database, null, {
      organisationCode: 'casterbridge',
      fileName: 'q2.csv',
      bytes: csv([
        ['Reference', 'Title', 'Supplier', 'Value'],
        ['CB-9', 'Street lighting', 'Casterbridge Lamps Ltd', '£2,000'],
      ]),
    });
    expect(report).toMatchObject({ rows: 1, imported: 1, refused: 0 });
    expect(await counts()).toEqual({ imports: 2, contracts: 1 });
  });

  it('refuses an unknown organisation and an unreadable file', async () => {
    await expect(
      importContracts(database, null, { organisationCode: 'nowhere', fileName: 'x.csv', bytes: csv([LGA_HEADER]) }),
    ).rejects.toMatchObject({ code: 'ESTATE_ORGANISATION_UNKNOWN' });
    await expect(
      importContracts(database, null, { organisationCode: 'budmouth', fileName: 'x.csv', bytes: Buffer.from('a,b\n1,2,3\n') }),
    ).rejects.toMatchObject({ code: 'ESTATE_IMPORT_UNREADABLE' });
  });
});
