/**
 * `joinery estate import` as a user runs it: a real process against a real (temporary) data
 * folder: rows read, imported and refused with reasons, the exit code, --preview, --mapping.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrate, openDatabase, saveOrganisations } from '@joinery/core';
import { copyPgliteTemplate } from '@joinery/core/testing';
import { MIGRATIONS } from '@joinery/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { joinery as run } from './support/joinery.ts';

/** The data folder's commands, never a server database from this process's environment. */
const joinery = (args: string[], env: Record<string, string>) => run(args, { env: { DATABASE_URL: '', ...env } });

describe('joinery estate import', () => {
  let dir: string;
  let env: Record<string, string>;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'joinery-estate-cli-'));
    env = { JOINERY_DATA_DIR: join(dir, 'data') };
    // An empty database initialised once per test run, rather than by initdb here.
    await copyPgliteTemplate(env.JOINERY_DATA_DIR!);
    const database = await openDatabase({ dataDir: env.JOINERY_DATA_DIR! });
    await migrate(database, MIGRATIONS);
    await saveOrganisations(
      database,
      [
        {
          code: 'casterbridge',
          name: 'Casterbridge District Council',
          type: 'district-council',
          successorCode: null,
          identifiers: [],
          partnerships: [],
        },
      ],
      [],
    );
    await database.close();
  }, 60_000);

  it('has --help for each kind', async () => {
    const help = await joinery(['estate', 'import', 'integrations', '--help'], env);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/--keep-valid/);
    expect(help.stdout).toMatch(/source and target must be the\s+council’s current applications/);
  });

  it(
    'imports applications, then integrations; refuses a bad file with reasons and a non-zero exit; --keep-valid exits 2',
    { timeout: 120_000 },
    async () => {
      const apps = join(dir, 'apps.csv');
      await writeFile(apps, 'Application ID,Name,Hosting,Users\nA-1,Payroll,SaaS,100\nA-2,Email,on prem,2000\n');
      const preview = await joinery(['estate', 'import', 'applications', '--organisation', 'casterbridge', '--preview', apps], env);
      expect(preview.stderr).toBe('');
      expect(preview.code).toBe(0);
      expect(preview.stdout).toMatch(/^2 rows read: 2 would be imported, 0 refused/);
      const imported = await joinery(['estate', 'import', 'applications', '--organisation', 'casterbridge', apps], env);
      expect(imported.code, imported.stderr).toBe(0);
      expect(imported.stdout).toMatch(/^2 rows read: 2 imported, 0 refused \(import \d+\)/);
      const again = await joinery(['estate', 'import', 'applications', '--organisation', 'casterbridge', apps], env);
      expect(again.code).toBe(1);
      expect(again.stderr).toMatch(/already imported/);

      const flows = join(dir, 'flows.csv');
      await writeFile(flows, 'Ref,From,To\nF-1,A-1,A-2\nF-2,A-1,A-9\n');
      const refused = await joinery(['estate', 'import', 'integrations', '--organisation', 'casterbridge', flows], env);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(/1 of 2 rows have problems, so nothing was imported/);
      expect(refused.stderr).toMatch(/row 3, column To: The target application "A-9" is not one of casterbridge/);
      const kept = await joinery(['estate', 'import', 'integrations', '--organisation', 'casterbridge', '--keep-valid', flows], env);
      expect(kept.code).toBe(2);
      expect(kept.stdout).toMatch(/^2 rows read: 1 imported, 1 refused/);
      expect(kept.stdout).toMatch(/row 3, column To: The target application "A-9"/);

      const mapping = join(dir, 'm.json');
      await writeFile(mapping, JSON.stringify({ reference: 'Code', title: 'What', supplierName: 'Who' }));
      const register = join(dir, 'register.csv');
      await writeFile(register, 'Code,What,Who\nC-1,Waste,Wessex Waste Ltd\n,Parks,Egdon Parks\n');
      const contracts = await joinery(
        ['estate', 'import', 'contracts', '--organisation', 'casterbridge', '--mapping', mapping, register],
        env,
      );
      expect(contracts.code, contracts.stderr).toBe(0);
      expect(contracts.stdout).toMatch(/2 rows read: 2 imported, 0 refused/);
      expect(contracts.stdout).toMatch(/Columns \(as given\)/);
      expect(contracts.stdout).toMatch(/1 rows had no reference: given a derived one/);
      expect(contracts.stdout).toMatch(/2 contracts lack LGR terms: noticePeriod 2/);
    },
  );
});
