/**
 * The demo's person index: every source system in a Wessex scenario folder
 * (`sources/<organisation>__<system>.csv`, as `writeScenarioFiles` writes it) registered with
 * a mapping proposed from its headers, its extract loaded, and the index built. Reads only
 * `sources/`: the ground truth in `truth/` is never loaded.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from '@joinery/core';
import { buildPersonIndex, type BuildOptions } from './build.ts';
import { loadExtract } from './load.ts';
import type { BuildReport, LoadReport } from './model.ts';
import { getSystem, proposeMappingForExtract, registerSystem, type Actor } from './systems.ts';

// The systems' names as their organisations call them (the scenario's catalogue).
const SYSTEM_NAMES: Record<string, string> = {
  'council-tax': 'Council tax',
  'electoral-register': 'Electoral register',
  'housing-register': 'Housing register and housing options',
  benefits: 'Housing benefit and council tax reduction',
  'waste-crm': 'Waste services CRM',
  'adult-social-care': 'Adult social care case management',
  'childrens-services': 'Children’s social care',
  pas: 'Patient administration system',
  'gp-registrations': 'GP patient registrations',
  tenancies: 'Tenancy management',
};

export interface WessexSourcesReport {
  systems: number;
  loads: LoadReport[];
  build: BuildReport;
}

/**
 * @example const report = await loadWessexSources(database, '.joinery/scenario'); report.build.persons
 */
export async function loadWessexSources(
  database: Database,
  scenarioDir: string,
  { actor = null, build = {} }: { actor?: Actor; build?: BuildOptions } = {},
): Promise<WessexSourcesReport> {
  const dir = join(scenarioDir, 'sources');
  const files = readdirSync(dir)
    .filter((f) => /^[a-z0-9-]+__[a-z0-9-]+\.csv$/.test(f))
    .sort();
  const loads: LoadReport[] = [];
  for (const file of files) {
    const [organisationCode, code] = file.replace(/\.csv$/, '').split('__') as [string, string];
    const bytes = readFileSync(join(dir, file));
    const key = `${organisationCode}/${code}`;
    const exists = await getSystem(database, key).then(
      () => true,
      () => false,
    );
    if (!exists) {
      const { mapping } = proposeMappingForExtract(bytes, file);
      await registerSystem(database, actor, { organisationCode, code, name: SYSTEM_NAMES[code] ?? code, mapping });
    }
    try {
      loads.push(await loadExtract(database, actor, { systemKey: key, bytes, fileName: file }));
    } catch (error) {
      // Loaded before (a restart of the demo): the same extract is refused, which is fine here.
      if ((error as { code?: string }).code !== 'REGISTERS_EXTRACT_ALREADY_LOADED') throw error;
    }
  }
  return { systems: files.length, loads, build: await buildPersonIndex(database, actor, build) };
}
