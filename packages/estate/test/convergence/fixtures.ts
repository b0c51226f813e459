/**
 * Convergence test data: applications, integrations and contracts as an importer would leave
 * them, inserted straight into the inventory tables (the applications importer is built
 * separately), plus a reorganisation with three councils.
 */
import { saveOrganisations } from '@joinery/core';
import type { TestDatabase } from '@joinery/core/testing';
import { saveReorganisation } from '../../src/reorganisations/service.ts';
import { estateDb } from '../../src/store.ts';
import type { ConvergenceApplication } from '../../src/convergence/model.ts';

export interface AppRow {
  reference: string;
  name: string;
  capability?: string | null;
  hosting?: 'on-premises' | 'hosted' | 'saas' | null;
  users?: number | null;
  annualCost?: number | null;
  endOfSupport?: string | null;
  businessOwner?: string | null;
  supplierName?: string | null;
  contractReference?: string | null;
}
export interface IntegrationRow {
  reference: string;
  source: string;
  target: string;
  method?: string;
  personal?: boolean;
  owner?: string;
  data?: string;
}
export interface ContractRow {
  reference: string;
  endDate: string | null;
  noticePeriod?: string | null;
  terminationCost?: number | null;
}

/** A pure-rules application with defaults. */
export function app(organisationCode: string, reference: string, over: Partial<ConvergenceApplication> = {}): ConvergenceApplication {
  return {
    organisationCode,
    reference,
    name: reference,
    product: null,
    supplierName: null,
    supplierCompanyNumber: null,
    hosting: null,
    capability: null,
    businessOwner: null,
    users: null,
    annualCost: null,
    endOfSupport: null,
    dataHeld: null,
    contract: null,
    hasOpenApi: null,
    hasDataExport: null,
    ...over,
  };
}

let sha = 0;
const nextSha = () => (++sha).toString(16).padStart(64, '0');

async function newImport(database: TestDatabase, organisationCode: string, kind: 'applications' | 'integrations', rows: number) {
  const row = await estateDb(database.db)
    .insertInto('estate_inventory_imports')
    .values({
      organisation_code: organisationCode,
      kind,
      file_name: `${kind}.csv`,
      sha256: nextSha(),
      row_count: rows,
      imported_count: rows,
      refused_count: 0,
      mapping: '{}',
      problems: '[]',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

/** Inserts one applications import for an organisation (it becomes that organisation's current inventory). */
export async function insertApplications(database: TestDatabase, organisationCode: string, apps: AppRow[]) {
  const importId = await newImport(database, organisationCode, 'applications', apps.length);
  if (apps.length === 0) return importId;
  await estateDb(database.db)
    .insertInto('estate_applications')
    .values(
      apps.map((a, i) => ({
        import_id: importId,
        organisation_code: organisationCode,
        row_number: i + 2,
        reference: a.reference,
        name: a.name,
        product: null,
        supplier_name: a.supplierName ?? null,
        supplier_company_number: null,
        version: null,
        hosting: a.hosting ?? null,
        capability: a.capability ?? null,
        business_owner: a.businessOwner ?? null,
        user_count: a.users ?? null,
        data_held: null,
        annual_cost_gbp: a.annualCost ?? null,
        licence_model: null,
        end_of_support: a.endOfSupport ?? null,
        contract_reference: a.contractReference ?? null,
        source_row: '{}',
      })),
    )
    .execute();
  return importId;
}

export async function insertIntegrations(database: TestDatabase, organisationCode: string, rows: IntegrationRow[]) {
  const importId = await newImport(database, organisationCode, 'integrations', rows.length);
  if (rows.length === 0) return importId;
  await estateDb(database.db)
    .insertInto('estate_integrations')
    .values(
      rows.map((r, i) => ({
        import_id: importId,
        organisation_code: organisationCode,
        row_number: i + 2,
        reference: r.reference,
        source_application: r.source,
        target_application: r.target,
        method: r.method ?? 'API',
        frequency: 'daily',
        data_carried: r.data ?? null,
        carries_personal_data: r.personal ?? null,
        owner: r.owner ?? null,
        source_row: '{}',
      })),
    )
    .execute();
  return importId;
}

export async function insertContracts(database: TestDatabase, organisationCode: string, rows: ContractRow[]) {
  const db = estateDb(database.db);
  const { id } = await db
    .insertInto('estate_contract_imports')
    .values({
      organisation_code: organisationCode,
      file_name: 'contracts.csv',
      sha256: nextSha(),
      row_count: rows.length,
      imported_count: rows.length,
      refused_count: 0,
      mapping: '{}',
      problems: '[]',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (rows.length === 0) return;
  await db
    .insertInto('estate_contracts')
    .values(
      rows.map((c, i) => ({
        import_id: Number(id),
        organisation_code: organisationCode,
        row_number: i + 2,
        reference: c.reference,
        title: c.reference,
        supplier_name: 'Supplier Ltd',
        end_date: c.endDate,
        notice_period: c.noticePeriod ?? null,
        termination_cost_gbp: c.terminationCost ?? null,
        break_dates: '[]',
        source_row: '{}',
      })),
    )
    .execute();
}

/** wessex-council succeeds casterbridge and budmouth (helpers.ts made those two) on 2028-04-01. */
export async function makeReorganisation(database: TestDatabase) {
  const council = (code: string, name: string, successorCode: string | null, type: 'district-council' | 'unitary-authority') => ({
    code,
    name,
    type,
    successorCode,
    identifiers: [],
    partnerships: [],
  });
  await saveOrganisations(
    database,
    [
      council('wessex-council', 'Wessex Council', null, 'unitary-authority'),
      council('casterbridge', 'Casterbridge District Council', 'wessex-council', 'district-council'),
      council('budmouth', 'Budmouth Borough Council', 'wessex-council', 'district-council'),
    ],
    [],
  );
  return saveReorganisation(database, {
    code: 'wessex-lgr',
    name: 'Wessex LGR',
    successorCode: 'wessex-council',
    vestingDay: '2028-04-01',
  });
}
