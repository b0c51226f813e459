/** The Wessex demo's inventories: every council's applications and integrations import whole, no refusals, and a second load changes nothing. */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFile } from 'node:fs/promises';
import { readCsv, saveOrganisations } from '@joinery/core';
import { openTestDatabase, type TestDatabase } from '@joinery/core/testing';
import { listApplicationImports, listApplications, listIntegrationImports, listIntegrations, saveReorganisation } from '@joinery/estate';
import { generateWessex, toOrganisations, WESSEX_REORGANISATION, writeScenarioFiles } from '@joinery/scenario';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoInventory } from '../src/demo-estate-inventory.ts';
import { MIGRATIONS } from '../src/migrations.ts';

describe('the Wessex demo’s applications and integrations', () => {
  let database: TestDatabase;
  let dir: string;
  beforeAll(async () => {
    const scenario = generateWessex({ seed: 5, scale: 0.01 });
    dir = await mkdtemp(join(tmpdir(), 'joinery-inventory-'));
    await writeScenarioFiles(scenario, dir);
    database = await openTestDatabase(MIGRATIONS);
    const { organisations, partnerships } = toOrganisations(scenario);
    await saveOrganisations(database, organisations, partnerships);
    await saveReorganisation(database, WESSEX_REORGANISATION);
  }, 60_000);
  afterAll(() => database?.dispose());

  it('imports each council’s inventories whole, as each would upload its own', { timeout: 120_000 }, async () => {
    const apps = readCsv(await readFile(join(dir, 'estate', 'applications.csv')), 'applications.csv');
    const flows = readCsv(await readFile(join(dir, 'estate', 'integrations.csv')), 'integrations.csv');
    const report = await loadDemoInventory(database, dir);
    expect(report).toEqual({ applications: apps.rows.length, integrations: flows.rows.length });
    expect(report.integrations).toBeGreaterThan(0);
    const councils = [...new Set(apps.rows.map((r) => r.organisation_code!))];
    expect(councils.length).toBeGreaterThanOrEqual(5);
    for (const code of councils) {
      const { applications } = await listApplications(database, code);
      expect(applications).toHaveLength(apps.rows.filter((r) => r.organisation_code === code).length);
      expect(applications.every((a) => a.hosting !== null)).toBe(true);
      const { integrations } = await listIntegrations(database, code);
      expect(integrations).toHaveLength(flows.rows.filter((r) => r.organisation_code === code).length);
      // Each flow starts or ends at one of the council's own applications (the other end may be another council's).
      const references = new Set(applications.map((a) => a.reference));
      expect(integrations.every((i) => references.has(i.sourceApplication) || references.has(i.targetApplication))).toBe(true);
    }
    expect(await loadDemoInventory(database, dir)).toEqual({ applications: 0, integrations: 0 });
    expect((await listApplicationImports(database)).length).toBe(councils.length);
    expect((await listIntegrationImports(database)).every((i) => i.refused === 0)).toBe(true);
  });
});
