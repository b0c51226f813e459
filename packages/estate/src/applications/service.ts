/**
 * Each organisation's applications: import its applications inventory (CSV or XLSX, as
 * contract registers are imported), list its current applications and its imports.
 */
import type { Database } from '@joinery/core';
import { requireOrganisation, type Actor } from '../inventory/importing.ts';
import type { InventoryImport, InventoryImportReport } from '../inventory/model.ts';
import { importInventory, type InventoryImportInput, type InventoryKindSpec } from '../inventory/service.ts';
import { selectInventoryImports } from '../inventory/store.ts';
import { estateDb } from '../store.ts';
import { APPLICATION_FIELD_SET, APPLICATION_ROWS } from './columns.ts';
import type { Application, ApplicationField, ApplicationValues } from './model.ts';
import { insertApplications, selectCurrentApplications } from './store.ts';

const APPLICATIONS: InventoryKindSpec<ApplicationField, ApplicationValues> = {
  kind: 'applications',
  fields: APPLICATION_FIELD_SET,
  rows: async () => ({ spec: APPLICATION_ROWS }),
  insert: insertApplications,
};

/**
 * Imports (or previews) an organisation's applications inventory. Rows in = imported + refused.
 * @example const report = await importApplications(database, null, { organisationCode: 'casterbridge', fileName: 'applications.csv', bytes });
 */
export async function importApplications(database: Database, actor: Actor, input: InventoryImportInput): Promise<InventoryImportReport> {
  return importInventory(database, actor, APPLICATIONS, input);
}

/** An organisation's current applications (those of its latest applications import). */
export async function listApplications(
  database: Database,
  organisationCode: string,
): Promise<{ organisationCode: string; currentImport: InventoryImport | null; applications: Application[] }> {
  const organisation = await requireOrganisation(database, organisationCode);
  const db = estateDb(database.db);
  return {
    organisationCode: organisation.code,
    currentImport: (await selectInventoryImports(db, 'applications', organisation.code, 1))[0] ?? null,
    applications: await selectCurrentApplications(db, organisation.code),
  };
}

export async function listApplicationImports(database: Database, organisationCode?: string): Promise<InventoryImport[]> {
  return selectInventoryImports(estateDb(database.db), 'applications', organisationCode);
}
