/** The supplier register on PGlite: contracts imported with importContracts, applications inserted directly. */
import { addUser, saveOrganisations } from '@joinery/core';
import type { TestDatabase } from '@joinery/core/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { saveReorganisation } from '../../src/reorganisations/service.ts';
import { importContracts } from '../../src/service.ts';
import { estateDb } from '../../src/store.ts';
import {
  contractAdministrators,
  getSupplier,
  listSuppliers,
  recordHealthAssessment,
  saveExitPlan,
  saveResolutionPlan,
  supplierAdministrators,
} from '../../src/suppliers/service.ts';
import { csv, openEstateDatabase } from '../helpers.ts';

const TODAY = '2026-12-01';
const HEADER = [
  'Reference',
  'Title',
  'Supplier',
  'Supplier registered company number',
  'Supplier registered charity number',
  'Value',
  'Start date',
  'End date',
];
let actor: { id: string; username: string };

async function insertApplications(
  database: TestDatabase,
  organisationCode: string,
  rows: [string, string, string, string | null, string | null, string | null][],
) {
  const db = estateDb(database.db);
  const { id } = await db
    .insertInto('estate_inventory_imports')
    .values({
      organisation_code: organisationCode,
      kind: 'applications',
      file_name: 'applications.csv',
      sha256: 'a'.repeat(64),
      row_count: rows.length,
      imported_count: rows.length,
      refused_count: 0,
      mapping: '{}',
      problems: '[]',
      imported_by: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('estate_applications')
    .values(
      rows.map(([reference, name, capability, supplierName, companyNumber, contractReference], i) => ({
        import_id: id,
        organisation_code: organisationCode,
        row_number: i + 2,
        reference,
        name,
        capability,
        supplier_name: supplierName,
        supplier_company_number: companyNumber,
        contract_reference: contractReference,
        source_row: '{}',
      })),
    )
    .execute();
}

describe('supplier register', () => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await openEstateDatabase();
    await saveOrganisations(
      database,
      [
        {
          code: 'wessex-council',
          name: 'Wessex Council',
          type: 'unitary-authority',
          successorCode: null,
          identifiers: [],
          partnerships: [],
        },
        {
          code: 'casterbridge',
          name: 'Casterbridge District Council',
          type: 'district-council',
          successorCode: 'wessex-council',
          identifiers: [],
          partnerships: [],
        },
        {
          code: 'budmouth',
          name: 'Budmouth Borough Council',
          type: 'district-council',
          successorCode: 'wessex-council',
          identifiers: [],
          partnerships: [],
        },
      ],
      [],
    );
    actor = {
      username: 'casterbridge.admin',
      id: await addUser(database, {
        username: 'casterbridge.admin',
        displayName: 'Casey',
        password: 'correct horse battery staple',
        organisationCode: 'casterbridge',
        roles: ['admin'],
      }),
    };
    await saveReorganisation(database, {
      code: 'wessex-lgr',
      name: 'Wessex LGR',
      successorCode: 'wessex-council',
      vestingDay: '2028-04-01',
    });
    await importContracts(database, null, {
      organisationCode: 'casterbridge',
      fileName: 'c.csv',
      bytes: csv([
        HEADER,
        ['CB-1', 'Revenues and benefits system', 'Mellstock Systems Ltd', '99104417', '', '1250000', '2022-04-01', '2027-03-31'],
        ['CB-2', 'Leisure centre management', 'Egdon Leisure Trust', '', '1123456', '650000', '2021-04-01', '2026-03-31'],
        ['CB-3', 'Printing', 'Nuttlebury Print & Mail Ltd', '', '', '20000', '2023-01-01', '2026-12-31'],
      ]),
    });
    await importContracts(database, null, {
      organisationCode: 'budmouth',
      fileName: 'b.csv',
      bytes: csv([
        HEADER,
        ['BM-9', 'Council tax software support', 'MELLSTOCK SYSTEMS LIMITED', '', '', '300000', '2020-04-01', '2026-09-30'],
        ['BM-10', 'Grounds maintenance', 'Nuttlebury Print and Mail', '', '', '5000', '', ''],
      ]),
    });
    await insertApplications(database, 'budmouth', [
      ['APP-1', 'Payroll', 'HR and payroll', 'Weydon Priors Workforce Ltd', '99133702', null],
      ['APP-2', 'Revs system', 'Revenues and benefits', 'Mellstock Systems Ltd', '99104417', 'BM-9'],
      ['APP-3', 'Spreadsheet', 'Finance', null, null, null],
    ]);
  });
  afterEach(() => database.close());

  it('groups the councils’ suppliers by number, else charity, else name, with their totals', async () => {
    const register = await listSuppliers(database, { reorganisation: 'wessex-lgr', today: TODAY });
    expect(register.scope.organisationCodes).toEqual(['budmouth', 'casterbridge', 'wessex-council']);
    const byId = Object.fromEntries(register.suppliers.map((s) => [s.id, s]));
    expect(Object.keys(byId).sort()).toEqual(['chc-1123456', 'coh-99104417', 'coh-99133702', 'name-nuttlebury-print-and-mail']);
    expect(byId['coh-99104417']).toMatchObject({
      name: 'Mellstock Systems Ltd',
      names: ['MELLSTOCK SYSTEMS LIMITED', 'Mellstock Systems Ltd'],
      councils: ['budmouth', 'casterbridge'],
      contracts: 2,
      applications: 1,
      totalValue: 1_550_000,
      earliestContractEnd: '2026-09-30',
      isCritical: true,
      criticalServices: ['Revenues and benefits'],
      health: 'unknown',
    });
    expect(byId['name-nuttlebury-print-and-mail']).toMatchObject({
      contracts: 2,
      councils: ['budmouth', 'casterbridge'],
      isCritical: false,
    });
    expect(byId['coh-99133702']).toMatchObject({ contracts: 0, applications: 1, isCritical: true, criticalServices: ['Payroll'] });
    // Critical first, then by value.
    expect(register.suppliers[0]!.id).toBe('coh-99104417');
    const one = await listSuppliers(database, { organisation: 'casterbridge', today: TODAY });
    expect(one.suppliers.map((s) => s.id).sort()).toEqual(['chc-1123456', 'coh-99104417', 'name-nuttlebury-print-and-mail']);
  });

  it('warns until the critical supplier has plans, terms and a BC/DR test, and keeps the health history', async () => {
    const warnings = async () =>
      (await getSupplier(database, 'coh-99104417', { reorganisation: 'wessex-lgr', today: TODAY })).warnings.map((w) =>
        `${w.code} ${w.contractReference ?? ''}`.trim(),
      );
    expect((await warnings()).sort()).toEqual([
      'bcdr-not-tested',
      'exit-plan-missing BM-9',
      'exit-plan-missing CB-1',
      'export-terms-missing BM-9',
      'export-terms-missing CB-1',
      'resolution-plan-missing',
    ]);

    await recordHealthAssessment(
      database,
      actor,
      'coh-99104417',
      { assessedOn: '2026-01-10', source: 'Scenario', statedHealth: 'at risk' },
      { today: TODAY },
    );
    expect(await warnings()).toContain('health-red');
    await recordHealthAssessment(
      database,
      actor,
      'coh-99104417',
      {
        assessedOn: '2026-11-02',
        source: 'Annual review',
        statedHealth: 'stable',
        creditRisk: 'low',
        creditRating: '2A1',
        creditAgency: 'D&B',
        bcdrTestedOn: '2026-10-01',
        bcdrRtoHours: 4,
        bcdrRpoHours: 1,
        bcdrResult: 'passed',
      },
      { actingFor: 'casterbridge', today: TODAY },
    );
    await saveResolutionPlan(
      database,
      actor,
      'coh-99104417',
      { owner: 'Head of ICT', status: 'agreed', lastReviewedOn: '2026-10-01' },
      { today: TODAY },
    );
    const plan = {
      owner: 'Revenues manager',
      status: 'agreed' as const,
      lastReviewedOn: '2026-10-01',
      lastRehearsedOn: '2026-10-20',
      nextRehearsalDue: '2027-10-20',
      exportsOpenFormats: true,
      exportFormats: 'CSV, XML',
    };
    await saveExitPlan(database, actor, 'casterbridge', 'CB-1', plan, { today: TODAY });
    await saveExitPlan(database, actor, 'budmouth', 'BM-9', { ...plan, lastRehearsedOn: null, nextRehearsalDue: null }, { today: TODAY });
    expect(await warnings()).toEqual(['exit-plan-not-rehearsed BM-9']);
    // A user may mark a contract not critical: it then needs no exit plan.
    await saveExitPlan(database, actor, 'budmouth', 'BM-9', { isCritical: false }, { today: TODAY });
    expect(await warnings()).toEqual([]);

    const detail = await getSupplier(database, 'coh-99104417', { reorganisation: 'wessex-lgr', today: TODAY });
    expect(detail.assessments.map((a) => a.source)).toEqual(['Annual review', 'Scenario']);
    expect(detail.health).toMatchObject({
      overall: 'green',
      bcdr: { rtoHours: 4, rpoHours: 1, result: 'passed' },
      creditRisk: { rating: '2A1' },
    });
    expect(detail.contracts.find((c) => c.reference === 'CB-1')?.exitPlan).toMatchObject({
      exportFormats: 'CSV, XML',
      updatedBy: 'casterbridge.admin',
    });
    const audit = await database.db
      .selectFrom('audit_events')
      .select(['action', 'subject_id'])
      .where('action', 'like', 'estate.%')
      .where('action', '!=', 'estate.contracts-import')
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual([
      'estate.contract-exit-plan',
      'estate.contract-exit-plan',
      'estate.contract-exit-plan',
      'estate.supplier-assessment',
      'estate.supplier-assessment',
      'estate.supplier-resolution-plan',
    ]);
  });

  it('refuses bad input with every problem, and changes nothing', async () => {
    const attempt = recordHealthAssessment(
      database,
      actor,
      'coh-99104417',
      { assessedOn: '2027-01-01', source: ' ', creditRating: 'B', bcdrRtoHours: -1, promptPaymentPercent: 120 },
      { today: TODAY },
    );
    await expect(attempt).rejects.toMatchObject({ code: 'ESTATE_SUPPLIER_INPUT_INVALID' });
    const details = await attempt.then(
      () => [],
      (e: { details: { field: string }[] }) => e.details,
    );
    expect(details.map((d) => d.field)).toEqual([
      'assessedOn',
      'source',
      'creditRisk',
      'bcdrTestedOn',
      'bcdrRtoHours',
      'promptPaymentPercent',
    ]);
    await expect(
      saveExitPlan(
        database,
        actor,
        'casterbridge',
        'CB-1',
        { status: 'agreed', dataReturnDays: 2.5, escrowAgent: 'NCC', lastRehearsedOn: 'soon' },
        { today: TODAY },
      ),
    ).rejects.toMatchObject({
      details: [{ field: 'owner' }, { field: 'lastRehearsedOn' }, { field: 'dataReturnDays' }, { field: 'hasEscrow' }],
    });
    await expect(saveExitPlan(database, actor, 'casterbridge', 'NOPE', {}, { today: TODAY })).rejects.toMatchObject({
      code: 'ESTATE_SUPPLIER_CONTRACT_UNKNOWN',
    });
    await expect(getSupplier(database, 'coh-00000000', {})).rejects.toMatchObject({ code: 'ESTATE_SUPPLIER_UNKNOWN' });
    await expect(listSuppliers(database, { reorganisation: 'wessex-lgr', organisation: 'budmouth' })).rejects.toMatchObject({
      code: 'ESTATE_SUPPLIER_SCOPE_INVALID',
    });
    const db = estateDb(database.db);
    expect(await db.selectFrom('estate_supplier_assessments').selectAll().execute()).toEqual([]);
    expect(await db.selectFrom('estate_contract_exit_plans').selectAll().execute()).toEqual([]);
  });

  it('lets the councils holding a supplier, and their successor, administer it', async () => {
    expect(await supplierAdministrators(database, 'coh-99104417')).toEqual(['budmouth', 'casterbridge', 'wessex-council']);
    expect(await supplierAdministrators(database, 'chc-1123456')).toEqual(['casterbridge', 'wessex-council']);
    expect(await contractAdministrators(database, 'budmouth', 'BM-9')).toEqual(['budmouth', 'wessex-council']);
  });
});
