/**
 * The demo's estate: each predecessor council's contract register, as the Wessex scenario
 * writes it (`estate/contracts.csv`, every council's rows in one file), imported council by
 * council as each would publish its own. Safe to repeat: a register already imported is skipped.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readCsv, type Database } from '@joinery/core';
import { importContracts, saveReorganisation } from '@joinery/estate';
import { WESSEX_REORGANISATION } from '@joinery/scenario';
import { stringify } from 'csv-stringify/sync';
import { loadDemoInventory } from './demo-estate-inventory.ts';
import { loadDemoContractDecisions } from './demo-estate-contract-map.ts';
import { loadDemoConvergence } from './demo-estate-convergence.ts';
import { loadDemoSuppliers } from './demo-estate-suppliers.ts';
import { loadDemoGovernance } from './demo-estate-governance.ts';

export interface DemoEstateReport {
  councils: number;
  contracts: number;
}

/** @example await loadDemoEstate(database, '.joinery/scenario'); */
export async function loadDemoEstate(database: Database, scenarioDir: string): Promise<DemoEstateReport> {
  const report = await loadDemoContracts(database, scenarioDir);
  await loadDemoInventory(database, scenarioDir);
  await loadDemoContractDecisions(database, WESSEX_REORGANISATION.code);
  await loadDemoConvergence(database, WESSEX_REORGANISATION.code);
  await loadDemoSuppliers(database, scenarioDir);
  await loadDemoGovernance(database, scenarioDir);
  return report;
}

/**
 * The reorganisation and each predecessor's contract register only (tests that bring their own inventory).
 * @example await loadDemoContracts(database, '.joinery/scenario');
 */
export async function loadDemoContracts(database: Database, scenarioDir: string): Promise<DemoEstateReport> {
  const table = readCsv(readFileSync(join(scenarioDir, 'estate', 'contracts.csv')), 'contracts.csv');
  const councils = [...new Set(table.rows.map((r) => r.organisation_code ?? ''))].filter(Boolean).sort();
  await saveReorganisation(database, WESSEX_REORGANISATION);
  let contracts = 0;
  for (const code of councils) {
    const rows = table.rows.filter((r) => r.organisation_code === code);
    const bytes = Buffer.from(
      stringify([table.columns, ...rows.map((r) => table.columns.map((c) => r[c] ?? ''))], { record_delimiter: 'windows' }),
    );
    try {
      contracts += (await importContracts(database, null, { organisationCode: code, fileName: `${code}-contracts.csv`, bytes })).imported;
    } catch (error) {
      if ((error as { code?: string }).code !== 'ESTATE_IMPORT_ALREADY_DONE') throw error;
    }
  }
  return { councils: councils.length, contracts };
}
