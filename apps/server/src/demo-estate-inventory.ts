/**
 * The demo's inventories: each predecessor council's applications and integrations, as the
 * Wessex scenario writes them (`estate/applications.csv` and `estate/integrations.csv`, every
 * council's rows in one file), imported council by council as each would upload its own:
 * applications first, since integrations must name them. Safe to repeat: a file already
 * imported is skipped. Needs the reorganisation recorded (loadDemoEstate does it first), so that
 * flows between councils name the other council's applications.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readCsv, type CsvTable, type Database } from '@joinery/core';
import { importApplications, importIntegrations } from '@joinery/estate';
import { stringify } from 'csv-stringify/sync';

export interface DemoInventoryReport {
  applications: number;
  integrations: number;
}

function councilFile(table: CsvTable, code: string): Buffer {
  const rows = table.rows.filter((r) => r.organisation_code === code);
  return Buffer.from(stringify([table.columns, ...rows.map((r) => table.columns.map((c) => r[c] ?? ''))], { record_delimiter: 'windows' }));
}

async function unlessDone(run: () => Promise<{ imported: number }>): Promise<number> {
  try {
    return (await run()).imported;
  } catch (error) {
    if ((error as { code?: string }).code === 'ESTATE_IMPORT_ALREADY_DONE') return 0;
    throw error;
  }
}

/** @example await loadDemoInventory(database, '.joinery/scenario'); */
export async function loadDemoInventory(database: Database, scenarioDir: string): Promise<DemoInventoryReport> {
  const applications = readCsv(readFileSync(join(scenarioDir, 'estate', 'applications.csv')), 'applications.csv');
  const integrations = readCsv(readFileSync(join(scenarioDir, 'estate', 'integrations.csv')), 'integrations.csv');
  const councils = [...new Set(applications.rows.map((r) => r.organisation_code ?? ''))].filter(Boolean).sort();
  const report = { applications: 0, integrations: 0 };
  // Every council's applications first: some flows run between councils (a district's system feeding the county's).
  for (const code of councils)
    report.applications += await unlessDone(() =>
      importApplications(database, null, {
        organisationCode: code,
        fileName: `${code}-applications.csv`,
        bytes: councilFile(applications, code),
      }),
    );
  for (const code of councils) {
    report.integrations += await unlessDone(() =>
      importIntegrations(database, null, {
        organisationCode: code,
        fileName: `${code}-integrations.csv`,
        bytes: councilFile(integrations, code),
      }),
    );
  }
  return report;
}
