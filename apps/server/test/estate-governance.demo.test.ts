/** The Wessex demo's starting governance: derived from the scenario's estate, and seeded once. */
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readCsv, saveOrganisations } from '@joinery/core';
import { openTestDatabase, type TestDatabase } from '@joinery/core/testing';
import { getDecisionRights, listBenefits, readinessSummary, saveReorganisation } from '@joinery/estate';
import { generateWessex, toOrganisations, WESSEX_REORGANISATION, writeScenarioFiles } from '@joinery/scenario';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoGovernance } from '../src/demo-estate-governance.ts';
import { MIGRATIONS } from '../src/migrations.ts';

describe('the Wessex demo’s governance, readiness and benefits', () => {
  let database: TestDatabase;
  let dir: string;
  beforeAll(async () => {
    const scenario = generateWessex({ seed: 3, scale: 0.01 });
    dir = await mkdtemp(join(tmpdir(), 'joinery-governance-'));
    await writeScenarioFiles(scenario, dir);
    database = await openTestDatabase(MIGRATIONS);
    const { organisations, partnerships } = toOrganisations(scenario);
    await saveOrganisations(database, organisations, partnerships);
    await saveReorganisation(database, WESSEX_REORGANISATION);
  });
  afterAll(() => database?.dispose());

  it('seeds a published matrix, a first assessment of every council and the successor, and benefits costed from the inventory; once', async () => {
    const first = await loadDemoGovernance(database, dir);
    expect(first.matrixVersions).toBe(1);
    expect(first.ratings).toBe(5 * 7 + 3);
    expect(first.benefits).toBe(5);
    expect(await loadDemoGovernance(database, dir)).toEqual(first);

    const { published } = await getDecisionRights(database, 'wessex-lgr');
    expect(published?.version).toBe(1);
    expect(published?.matrix.bodies.map((b) => b.name)).toContain('s151 officer');

    const summary = await readinessSummary(database, 'wessex-lgr');
    expect(summary.organisations.map((o) => o.organisationCode)).toEqual([
      'wessex-council',
      'budmouth',
      'casterbridge',
      'melchester',
      'sandbourne',
      'wessex-county',
    ]);
    expect(summary.areas['skills-capacity']).toBe('red');
    expect(summary.overall).toBe('red');

    const applications = readCsv(await readFile(join(dir, 'estate', 'applications.csv')), 'applications.csv').rows;
    const { benefits } = await listBenefits(database, 'wessex-lgr');
    const b1 = benefits.find((b) => b.reference === 'B-01')!;
    const capability = /^Annual cost of (.+) systems$/.exec(b1.measure)![1]!;
    const same = applications.filter((a) => (a.capability ?? '').toLowerCase() === capability && Number(a.annual_cost) > 0);
    expect(b1.baseline).toBe(same.reduce((sum, a) => sum + Number(a.annual_cost), 0));
    expect(b1.target).toBe(Math.max(...same.map((a) => Number(a.annual_cost))));
    expect(b1.gates.length).toBe(same.length - 1);
    expect(b1.gates.every((g) => g.kind === 'system-decommissioned' && !g.isMet)).toBe(true);
  });
});
