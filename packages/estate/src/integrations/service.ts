/**
 * Each organisation's integrations (data flows between its applications): import its
 * integrations inventory, checked against its current applications, and list them.
 */
import type { Database } from '@joinery/core';
import { latestInventoryImportId, selectCurrentApplications } from '../applications/store.ts';
import { requireOrganisation, type Actor } from '../inventory/importing.ts';
import { reorganisationOf } from '../reorganisations/service.ts';
import type { InventoryImport, InventoryImportReport } from '../inventory/model.ts';
import { importInventory, type InventoryImportInput, type InventoryKindSpec } from '../inventory/service.ts';
import { selectInventoryImports } from '../inventory/store.ts';
import { estateDb, type EstateDb } from '../store.ts';
import { INTEGRATION_FIELD_SET, integrationRows, type KnownApplications } from './columns.ts';
import type { Integration, IntegrationField, IntegrationValues } from './model.ts';
import { insertIntegrations, selectCurrentIntegrations } from './store.ts';

/**
 * The applications an organisation's integrations may name: its current ones, and (for flows
 * between councils, e.g. a district's system feeding the county's) the current applications of
 * the other councils of its reorganisation, by reference.
 */
async function knownApplications(database: Database, db: EstateDb, organisationCode: string): Promise<KnownApplications> {
  const applications = await selectCurrentApplications(db, organisationCode);
  const reorganisation = await reorganisationOf(database, organisationCode);
  const partners = reorganisation
    ? [...reorganisation.predecessorCodes, reorganisation.successorCode].filter((c) => c !== organisationCode)
    : [];
  const elsewhere = new Map<string, string>();
  for (const code of partners) for (const a of await selectCurrentApplications(db, code)) elsewhere.set(a.reference, code);
  const importId = await latestInventoryImportId(db, organisationCode, 'applications');
  const names = new Map<string, string[]>();
  for (const a of applications) names.set(a.name.toLowerCase(), [...(names.get(a.name.toLowerCase()) ?? []), a.reference]);
  return {
    organisationCode,
    references: new Set(applications.map((a) => a.reference)),
    elsewhere,
    byName: new Map([...names].filter(([, refs]) => refs.length === 1).map(([name, refs]) => [name, refs[0]!])),
    described:
      importId === undefined
        ? organisationCode
        : `${organisationCode}'s current applications (import ${importId}, ${applications.length} applications)`,
  };
}

const INTEGRATIONS: InventoryKindSpec<IntegrationField, IntegrationValues> = {
  kind: 'integrations',
  fields: INTEGRATION_FIELD_SET,
  rows: async (database, db, organisationCode) => {
    const known = await knownApplications(database, db, organisationCode);
    return { spec: integrationRows(known), applicationsKnown: known.references.size };
  },
  insert: insertIntegrations,
};

/**
 * Imports (or previews) an organisation's integrations inventory; each source and target must
 * be one of its current applications.
 * @example const report = await importIntegrations(database, null, { organisationCode: 'casterbridge', fileName: 'integrations.csv', bytes });
 */
export async function importIntegrations(database: Database, actor: Actor, input: InventoryImportInput): Promise<InventoryImportReport> {
  return importInventory(database, actor, INTEGRATIONS, input);
}

/** An organisation's current integrations (those of its latest integrations import). */
export async function listIntegrations(
  database: Database,
  organisationCode: string,
): Promise<{ organisationCode: string; currentImport: InventoryImport | null; integrations: Integration[] }> {
  const organisation = await requireOrganisation(database, organisationCode);
  const db = estateDb(database.db);
  return {
    organisationCode: organisation.code,
    currentImport: (await selectInventoryImports(db, 'integrations', organisation.code, 1))[0] ?? null,
    integrations: await selectCurrentIntegrations(db, organisation.code),
  };
}

export async function listIntegrationImports(database: Database, organisationCode?: string): Promise<InventoryImport[]> {
  return selectInventoryImports(estateDb(database.db), 'integrations', organisationCode);
}
