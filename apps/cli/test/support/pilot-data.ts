/**
 * The data folder docs/exchange.md's walk-through starts from: an empty database, migrated, with
 * the two demo councils it uses (what `joinery demo load` would give, in seconds not a minute).
 */
import { migrate, openDatabase, saveOrganisations } from '@joinery/core';
import { copyPgliteTemplate } from '@joinery/core/testing';
import { MIGRATIONS } from '@joinery/server';

const council = (code: string, name: string) => ({
  code,
  name,
  type: 'district-council' as const,
  successorCode: null,
  identifiers: [],
  partnerships: [],
});

export async function preparePilotDataFolder(dataDir: string): Promise<void> {
  // An empty database initialised once per test run, rather than by initdb here.
  await copyPgliteTemplate(dataDir);
  const database = await openDatabase({ dataDir });
  await migrate(database, MIGRATIONS);
  await saveOrganisations(database, [
    council('budmouth', 'Budmouth District Council'),
    council('melchester', 'Melchester District Council'),
  ]);
  await database.close();
}
