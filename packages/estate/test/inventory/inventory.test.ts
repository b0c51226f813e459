/**
 * Importing applications and integrations inventories against a real database (PGlite): header
 * recognition, per-row problems, preview, all or nothing, keep-valid, the same file twice, XLSX,
 * remembered mappings, audit; and the contract register's derived references and missing terms.
 */
import { CORE_MIGRATIONS, listAuditEvents, saveOrganisations } from '@joinery/core';
import { openTestDatabase, type TestDatabase } from '@joinery/core/testing';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importApplications, listApplicationImports, listApplications } from '../../src/applications/service.ts';
import { readHosting } from '../../src/applications/columns.ts';
import { derivedReference } from '../../src/contracts/read-register.ts';
import { importIntegrations, listIntegrations } from '../../src/integrations/service.ts';
import { headerKey } from '../../src/inventory/columns.ts';
import { cellText, readSpreadsheet } from '../../src/inventory/read-file.ts';
import { ESTATE_MIGRATIONS } from '../../src/migrations.ts';
import { saveReorganisation } from '../../src/reorganisations/service.ts';
import { importContracts, listContracts, listContractsMissingTerms } from '../../src/service.ts';
import { csv, openEstateDatabase } from '../helpers.ts';

const APP_HEADER = [
  'id',
  'name',
  'product',
  'supplier_name',
  'version',
  'hosting',
  'capability',
  'business_owner',
  'users',
  'annual_cost',
  'licence_model',
  'end_of_support',
  'contract_reference',
];
const APPS = [
  [
    'APP-1',
    'Revenues and benefits',
    'Northgate R&B',
    'Mellstock Software Ltd',
    '9.2',
    'On Prem',
    'Revenues',
    'Head of Revenues',
    '120',
    '£85,000',
    'perpetual',
    '31/03/2027',
    'CB-0001',
  ],
  ['APP-2', 'Payroll', 'iTrent', 'Melchester Payroll Ltd', '10', 'SaaS', 'HR and payroll', 'HR', '1,200', '40000', 'subscription', '', ''],
  ['APP-3', 'Planning portal', 'Idox Uniform', 'Idox', '', 'cloud', 'Planning', '', '', '', '', '', ''],
];

async function xlsx(rows: (string | number | Date | ExcelJS.CellValue)[][], sheet = 'Inventory'): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const ws = workbook.addWorksheet(sheet);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe('importing application and integration inventories', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openEstateDatabase();
  });
  afterAll(async () => database?.dispose());

  it('reads hosting in the words people use, and refuses what is not hosting', () => {
    expect(['on-premises', 'On Prem', 'on premise', 'In-house'].map(readHosting)).toEqual(Array(4).fill('on-premises'));
    expect(['SaaS', 'cloud', 'Software as a Service'].map(readHosting)).toEqual(['saas', 'saas', 'saas']);
    expect(['Hosted', 'supplier hosted', 'Managed service'].map(readHosting)).toEqual(['hosted', 'hosted', 'hosted']);
    expect(readHosting('')).toBeNull();
    expect(readHosting('under the desk')).toMatchObject({ message: expect.stringMatching(/not a kind of hosting/) });
  });

  it('previews the Wessex snake_case columns without writing, then imports, and refuses the same file twice (409)', async () => {
    const bytes = csv([APP_HEADER, ...APPS]);
    const preview = await importApplications(database, null, {
      organisationCode: 'casterbridge',
      fileName: 'apps.csv',
      bytes,
      mode: 'preview',
    });
    expect(preview).toMatchObject({ mode: 'preview', importId: null, rows: 3, imported: 3, refused: 0, mappingSource: 'headers' });
    expect(preview.mapping).toMatchObject({
      reference: 'id',
      name: 'name',
      supplierName: 'supplier_name',
      userCount: 'users',
      annualCost: 'annual_cost',
      endOfSupport: 'end_of_support',
      contractReference: 'contract_reference',
    });
    expect((await listApplications(database, 'casterbridge')).applications).toEqual([]);

    const report = await importApplications(database, null, { organisationCode: 'casterbridge', fileName: 'apps.csv', bytes });
    expect(report).toMatchObject({ rows: 3, imported: 3, refused: 0 });
    expect(report.importId).toEqual(expect.any(Number));
    const { applications } = await listApplications(database, 'casterbridge');
    expect(applications.map((a) => [a.reference, a.hosting, a.userCount, a.annualCost, a.endOfSupport])).toEqual([
      ['APP-1', 'on-premises', 120, 85000, '2027-03-31'],
      ['APP-2', 'saas', 1200, 40000, null],
      ['APP-3', 'saas', null, null, null],
    ]);
    await expect(
      importApplications(database, null, { organisationCode: 'casterbridge', fileName: 'again.csv', bytes }),
    ).rejects.toMatchObject({
      code: 'ESTATE_IMPORT_ALREADY_DONE',
      status: 409,
    });
    expect(await listApplicationImports(database, 'casterbridge')).toHaveLength(1);
    const events = await listAuditEvents(database.db, { organisationCode: 'casterbridge' });
    expect(events.some((e) => e.action === 'estate.applications-import' && e.outcome === 'success')).toBe(true);
  });

  it('refuses a file with bad rows whole, every problem with row, column and why; keepValid keeps the good ones', async () => {
    const bytes = csv([
      APP_HEADER,
      ['B-1', 'Good one', '', '', '', 'hosted', '', '', '10', '100', '', '', ''],
      ['B-2', 'Bad types', '', '', '', 'under the desk', '', '', 'many', '-5', '', '30/02/2027', ''],
      ['', '<script>alert(1)</script>', '', '', '', '', '', '', '', '', '', '', ''],
      ['B-1', 'Same reference', '', '', '', '', '', '', '', '', '', '', ''],
    ]);
    const failure = await importApplications(database, null, { organisationCode: 'budmouth', fileName: 'bad.csv', bytes }).catch(
      (e: unknown) => e,
    );
    expect(failure).toMatchObject({ code: 'ESTATE_IMPORT_INVALID', status: 400 });
    const details = (failure as { details: { row: number; column?: string; message: string }[] }).details;
    expect(details).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ row: 3, column: 'hosting', message: expect.stringMatching(/"under the desk" is not a kind of hosting/) }),
        expect.objectContaining({ row: 3, column: 'users', message: expect.stringMatching(/"many" is not a number of users/) }),
        expect.objectContaining({
          row: 3,
          column: 'annual_cost',
          message: expect.stringMatching(/negative amount: a cost cannot be below zero/),
        }),
        expect.objectContaining({ row: 3, column: 'end_of_support', message: '"30/02/2027" is not a real date' }),
        expect.objectContaining({ row: 4, column: 'id', message: 'Application reference is missing' }),
        expect.objectContaining({ row: 5, column: 'id', message: 'Application reference "B-1" is already used by row 2' }),
      ]),
    );
    expect((await listApplications(database, 'budmouth')).applications).toEqual([]);
    const kept = await importApplications(database, null, { organisationCode: 'budmouth', fileName: 'bad.csv', bytes, keepValid: true });
    expect(kept).toMatchObject({ rows: 4, imported: 1, refused: 3 });
    expect(kept.rows).toBe(kept.imported + kept.refused);
    expect((await listApplications(database, 'budmouth')).applications.map((a) => a.reference)).toEqual(['B-1']);
  });

  it('checks an integration’s source and target against the organisation’s current applications, saying which is unknown', async () => {
    const header = ['id', 'source_application_id', 'target_application_id', 'method', 'frequency', 'data_carried', 'carries_personal_data'];
    const bytes = csv([
      header,
      ['INT-1', 'APP-1', 'APP-2', 'file transfer', 'daily', 'Payments', 'Yes'],
      ['INT-2', 'Planning portal', 'APP-1', 'API', 'real time', 'Addresses', 'N'],
      ['INT-3', 'APP-9', 'APP-1', 'email', 'ad hoc', '', ''],
      ['INT-4', 'APP-2', 'Nowhere', 'email', 'ad hoc', '', 'perhaps'],
    ]);
    const failure = await importIntegrations(database, null, { organisationCode: 'casterbridge', fileName: 'flows.csv', bytes }).catch(
      (e: unknown) => e,
    );
    expect(failure).toMatchObject({ code: 'ESTATE_IMPORT_INVALID' });
    const details = (failure as { details: { row: number; column?: string; message: string }[] }).details;
    expect(details).toEqual([
      expect.objectContaining({
        row: 4,
        column: 'source_application_id',
        message: expect.stringMatching(/^The source application "APP-9" is not one of casterbridge's current applications/),
      }),
      expect.objectContaining({ row: 5, column: 'carries_personal_data', message: expect.stringMatching(/"perhaps" is not yes or no/) }),
      expect.objectContaining({
        row: 5,
        column: 'target_application_id',
        message: expect.stringMatching(/^The target application "Nowhere"/),
      }),
    ]);
    const report = await importIntegrations(database, null, {
      organisationCode: 'casterbridge',
      fileName: 'flows.csv',
      bytes,
      keepValid: true,
    });
    expect(report).toMatchObject({ rows: 4, imported: 2, refused: 2, applicationsKnown: 3 });
    const { integrations } = await listIntegrations(database, 'casterbridge');
    // A name one application has is stored as that application's reference.
    expect(integrations.map((i) => [i.reference, i.sourceApplication, i.targetApplication, i.carriesPersonalData])).toEqual([
      ['INT-1', 'APP-1', 'APP-2', true],
      ['INT-2', 'APP-3', 'APP-1', false],
    ]);
    // With no applications imported, the message says to import them first.
    const none = await importIntegrations(database, null, {
      organisationCode: 'budmouth',
      fileName: 'flows.csv',
      bytes: csv([header, ['X', 'A', 'B', '', '', '', '']]),
      mode: 'preview',
    });
    expect(none.problems[0]!.message).toMatch(/is not one of budmouth's current applications/);
  });

  it('reads XLSX (first or named sheet): dates as YYYY-MM-DD, formulas as their result, numbers as written', async () => {
    const bytes = await xlsx([
      ['Application ID', 'Application name', 'Hosting', 'Number of users', 'Annual cost', 'End of support date'],
      ['X-1', 'Housing', 'Hosted', 40, { formula: '1000*12', result: 12000 }, new Date(Date.UTC(2028, 2, 31))],
      ['X-2', { richText: [{ text: 'Waste ' }, { text: 'rounds' }] }, 'on-premises', 5, 99.5, ''],
    ]);
    expect(cellText(new Date(Date.UTC(2028, 2, 31)))).toBe('2028-03-31');
    // Named like a CSV: recognised by its signature, not its name.
    const report = await importApplications(database, null, {
      organisationCode: 'budmouth',
      fileName: 'inventory.csv',
      bytes,
      sheet: 'Inventory',
    });
    expect(report).toMatchObject({ rows: 2, imported: 2, refused: 0 });
    const { applications } = await listApplications(database, 'budmouth');
    expect(applications.map((a) => [a.reference, a.name, a.hosting, a.userCount, a.annualCost, a.endOfSupport])).toEqual([
      ['X-1', 'Housing', 'hosted', 40, 12000, '2028-03-31'],
      ['X-2', 'Waste rounds', 'on-premises', 5, 99.5, null],
    ]);
    await expect(readSpreadsheet(bytes, 'inventory.xlsx', { sheet: 'Nope' })).rejects.toMatchObject({
      code: 'ESTATE_IMPORT_UNREADABLE',
      message: expect.stringMatching(/has no worksheet "Nope": it has "Inventory"/),
    });
  });

  it('refuses garbled and mislabelled files clearly, writing nothing', async () => {
    const garbled = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('not really a zip archive at all')]);
    await expect(
      importApplications(database, null, { organisationCode: 'budmouth', fileName: 'x.xlsx', bytes: garbled }),
    ).rejects.toMatchObject({
      code: 'ESTATE_IMPORT_UNREADABLE',
      message: expect.stringMatching(/cannot be read as an Excel workbook/),
    });
    await expect(
      importApplications(database, null, {
        organisationCode: 'budmouth',
        fileName: 'x.xlsx',
        bytes: csv([
          ['id', 'name'],
          ['1', 'a'],
        ]),
      }),
    ).rejects.toMatchObject({
      code: 'ESTATE_IMPORT_UNREADABLE',
      message: expect.stringMatching(/named as an Excel workbook but is not one/),
    });
    await expect(
      importApplications(database, null, {
        organisationCode: 'budmouth',
        fileName: 'x.csv',
        bytes: csv([
          ['Colour', 'Shape'],
          ['red', 'round'],
        ]),
      }),
    ).rejects.toMatchObject({
      code: 'ESTATE_MAPPING_INVALID',
      details: expect.arrayContaining([expect.objectContaining({ field: 'reference' }), expect.objectContaining({ field: 'name' })]),
    });
    await expect(
      importApplications(database, null, { organisationCode: 'nowhere', fileName: 'x.csv', bytes: csv([APP_HEADER]) }),
    ).rejects.toMatchObject({
      code: 'ESTATE_ORGANISATION_UNKNOWN',
    });
  });

  it('remembers a mapping given with an import and proposes it for the next file with the same headers', async () => {
    const header = ['System code', 'What we call it', 'Where it runs'];
    const mapping = { reference: 'System code', name: 'What we call it', hosting: 'Where it runs' };
    const first = csv([header, ['S-1', 'Email', 'cloud']]);
    const preview = await importApplications(database, null, {
      organisationCode: 'casterbridge',
      fileName: 'mine.csv',
      bytes: first,
      mapping,
      mode: 'preview',
    });
    expect(preview).toMatchObject({ mappingSource: 'explicit', mappingRemembered: false });
    // A preview remembers nothing.
    const stillUnknown = csv([header, ['S-2', 'Intranet', 'on prem']]);
    await expect(
      importApplications(database, null, { organisationCode: 'casterbridge', fileName: 'n.csv', bytes: stillUnknown, mode: 'preview' }),
    ).rejects.toMatchObject({ code: 'ESTATE_MAPPING_INVALID' });
    await importApplications(database, null, { organisationCode: 'casterbridge', fileName: 'mine.csv', bytes: first, mapping });
    // Same headers, another order: the remembered mapping is proposed; another organisation has none.
    const next = csv([
      [header[2]!, header[0]!, header[1]!],
      ['on prem', 'S-2', 'Intranet'],
    ]);
    const proposed = await importApplications(database, null, {
      organisationCode: 'casterbridge',
      fileName: 'next.csv',
      bytes: next,
      mode: 'preview',
    });
    expect(proposed).toMatchObject({ mappingSource: 'remembered', mappingRemembered: true, mapping, imported: 1 });
    expect(headerKey(header)).toBe(headerKey([header[2]!, header[0]!, header[1]!]));
    await expect(
      importApplications(database, null, { organisationCode: 'budmouth', fileName: 'next.csv', bytes: next, mode: 'preview' }),
    ).rejects.toMatchObject({ code: 'ESTATE_MAPPING_INVALID' });
  });
});

describe('flows between councils of a reorganisation', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase([CORE_MIGRATIONS, ESTATE_MIGRATIONS]);
    const council = (code: string, successorCode: string | null) => ({
      code,
      name: code,
      type: 'district-council' as const,
      successorCode,
      identifiers: [],
      partnerships: [],
    });
    await saveOrganisations(
      database,
      [council('unitary', null), council('north', 'unitary'), council('south', 'unitary'), council('elsewhere', null)],
      [],
    );
    await saveReorganisation(database, { code: 'merge', name: 'Merger', successorCode: 'unitary', vestingDay: '2028-04-01' });
    await importApplications(database, null, {
      organisationCode: 'north',
      fileName: 'n.csv',
      bytes: csv([
        ['id', 'name'],
        ['N-1', 'Housing'],
      ]),
    });
    await importApplications(database, null, {
      organisationCode: 'south',
      fileName: 's.csv',
      bytes: csv([
        ['id', 'name'],
        ['S-1', 'Social care'],
      ]),
    });
    await importApplications(database, null, {
      organisationCode: 'elsewhere',
      fileName: 'e.csv',
      bytes: csv([
        ['id', 'name'],
        ['E-1', 'Other'],
      ]),
    });
  });
  afterAll(async () => database?.dispose());

  it('lets a flow name another council’s application of the same reorganisation, not an outsider’s', async () => {
    const bytes = csv([
      ['id', 'source', 'target'],
      ['F-1', 'N-1', 'S-1'],
      ['F-2', 'N-1', 'E-1'],
    ]);
    const report = await importIntegrations(database, null, { organisationCode: 'north', fileName: 'f.csv', bytes, keepValid: true });
    expect(report).toMatchObject({ rows: 2, imported: 1, refused: 1 });
    expect(report.problems).toEqual([
      expect.objectContaining({
        row: 3,
        column: 'target',
        message: expect.stringMatching(
          /"E-1" is not one of north's current applications .* nor of the other councils of its reorganisation/,
        ),
      }),
    ]);
    expect((await listIntegrations(database, 'north')).integrations.map((i) => [i.sourceApplication, i.targetApplication])).toEqual([
      ['N-1', 'S-1'],
    ]);
  });
});

describe('contracts: derived references, XLSX registers, missing LGR terms', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openEstateDatabase();
  });
  afterAll(async () => database?.dispose());

  const header = ['Reference', 'Title', 'Supplier', 'Start date', 'End date', 'Notice period (months)', 'Termination cost'];

  it('gives a contract with no reference a stable derived one, the same in next year’s register', async () => {
    const thisYear = csv([
      header,
      ['', 'Grounds maintenance', 'Acme Ltd', '01/04/2021', '31/03/2029', '6', ''],
      ['C-2', 'Cleaning', 'Shine Ltd', '', '', '', '0'],
    ]);
    const report = await importContracts(database, null, { organisationCode: 'casterbridge', fileName: '2025.csv', bytes: thisYear });
    expect(report).toMatchObject({ rows: 2, imported: 2, refused: 0, derivedReferences: 1 });
    const expected = derivedReference('casterbridge', { title: 'Grounds maintenance', supplierName: 'Acme Ltd', startDate: '2021-04-01' });
    expect(expected).toMatch(/^derived:[0-9a-f]{16}$/);
    // Next year: other columns, case and punctuation changed, the same contract.
    const nextYear = csv([
      header,
      ['C-3', 'New', 'New Ltd', '', '', '', ''],
      ['', 'GROUNDS MAINTENANCE.', 'acme ltd', '2021-04-01', '31/03/2030', '', ''],
    ]);
    await importContracts(database, null, { organisationCode: 'casterbridge', fileName: '2026.csv', bytes: nextYear });
    const { contracts } = await listContracts(database, 'casterbridge');
    expect(contracts.find((c) => c.title === 'GROUNDS MAINTENANCE.')!.reference).toBe(expected);
    expect(derivedReference('budmouth', { title: 'Grounds maintenance', supplierName: 'Acme Ltd', startDate: '2021-04-01' })).not.toBe(
      expected,
    );
  });

  it('imports an XLSX register and reports, per LGR term, the contracts lacking it', async () => {
    const bytes = await xlsx([
      header,
      ['X-1', 'Waste', 'Wessex Waste', new Date(Date.UTC(2020, 3, 1)), new Date(Date.UTC(2028, 2, 31)), 12, 50000],
      ['X-2', 'Parking', 'ParkCo', '', '', '', ''],
    ]);
    const report = await importContracts(database, null, { organisationCode: 'budmouth', fileName: 'register.xlsx', bytes });
    expect(report).toMatchObject({ rows: 2, imported: 2, refused: 0, lgrGaps: { noticePeriod: 1, terminationCost: 1, isAutoRenewing: 2 } });
    const missing = await listContractsMissingTerms(database, 'budmouth');
    expect(missing).toMatchObject({
      contracts: 2,
      contractsLacking: 2,
      counts: { noticePeriod: 1, terminationCost: 1, isAutoRenewing: 2, isNovationRequired: 2, hasChangeOfControlClause: 2 },
    });
    expect(missing.lacking.find((c) => c.reference === 'X-1')).toMatchObject({
      endDate: '2028-03-31',
      missing: ['isAutoRenewing', 'isNovationRequired', 'hasChangeOfControlClause'],
    });
    const { contracts } = await listContracts(database, 'budmouth');
    expect(contracts[0]).toMatchObject({ startDate: '2020-04-01', noticePeriod: 'P12M', terminationCost: 50000 });
  });
});
