/**
 * The demo's supplier health: the Wessex scenario's own word on each supplier
 * (`estate/suppliers.csv`, column health: stable / watch / at risk), loaded as its first
 * assessment, dated the scenario's "as at" day. Safe to repeat: loaded once per supplier.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readCsv, type Database } from '@joinery/core';
import { recordAssessmentsOnce, supplierKeyOf, type HealthAssessmentInput } from '@joinery/estate';
import { SCENARIO_DATE } from '@joinery/scenario';

export const DEMO_SUPPLIER_SOURCE = 'Wessex scenario (estate/suppliers.csv)';
const HEALTHS = new Set(['stable', 'watch', 'at risk']);

/** @example await loadDemoSuppliers(database, '.joinery/scenario'); // { suppliers: 32, assessments: 32 } */
export async function loadDemoSuppliers(database: Database, scenarioDir: string): Promise<{ suppliers: number; assessments: number }> {
  const table = readCsv(readFileSync(join(scenarioDir, 'estate', 'suppliers.csv')), 'suppliers.csv');
  const entries = table.rows
    .filter((r) => HEALTHS.has(r.health ?? ''))
    .map((r) => ({
      supplierId: supplierKeyOf({ name: r.name ?? '', companyNumber: r.companies_house_number || null }),
      assessment: {
        assessedOn: SCENARIO_DATE,
        source: DEMO_SUPPLIER_SOURCE,
        evidence: `Scenario supplier ${r.id}`,
        statedHealth: r.health as HealthAssessmentInput['statedHealth'],
      },
    }));
  return { suppliers: table.rows.length, assessments: await recordAssessmentsOnce(database, entries) };
}
