/**
 * Loads the Wessex scenario's application and integration inventories (estate/applications.csv,
 * estate/integrations.csv, as writeScenarioFiles writes them) straight into the inventory tables,
 * one import per council, as the applications importer (built separately) will. For tests and
 * for looking at the convergence pages; not the product's importer.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readCsv } from '@joinery/core';
import type { TestDatabase } from '@joinery/core/testing';
import { insertApplications, insertIntegrations } from './fixtures.ts';

const orNull = (v: string | undefined) => (v === undefined || v.trim() === '' ? null : v.trim());
const numberOrNull = (v: string | undefined) => (orNull(v) === null ? null : Number(v));

/** Every council's inventory, or only those named (smaller pages for browser tests). */
export async function loadScenarioInventory(database: TestDatabase, scenarioDir: string, only?: readonly string[]) {
  const apps = readCsv(readFileSync(join(scenarioDir, 'estate', 'applications.csv')), 'applications.csv').rows;
  const flows = readCsv(readFileSync(join(scenarioDir, 'estate', 'integrations.csv')), 'integrations.csv').rows;
  const councils = [...new Set(apps.map((r) => r.organisation_code!))].filter((c) => !only || only.includes(c)).sort();
  for (const code of councils) {
    await insertApplications(
      database,
      code,
      apps
        .filter((r) => r.organisation_code === code)
        .map((r) => ({
          reference: r.id!,
          name: r.name!,
          capability: orNull(r.capability),
          hosting: orNull(r.hosting) as 'saas' | 'hosted' | 'on-premises' | null,
          users: numberOrNull(r.users),
          annualCost: numberOrNull(r.annual_cost),
          endOfSupport: orNull(r.end_of_support),
          businessOwner: orNull(r.business_owner),
          supplierName: orNull(r.supplier_name),
          contractReference: orNull(r.contract_reference),
        })),
    );
    await insertIntegrations(
      database,
      code,
      flows
        .filter((r) => r.organisation_code === code)
        .map((r) => ({
          reference: r.id!,
          source: r.source_application_id!,
          target: r.target_application_id!,
          method: r.method!,
          personal: r.carries_personal_data === 'true' ? true : r.carries_personal_data === 'false' ? false : undefined,
          data: orNull(r.data_carried) ?? undefined,
        })),
    );
  }
  return { councils, applications: apps.length, integrations: flows.length };
}
