/** Opens the configured database, migrated, for one CLI verb, and always closes it. */
import { loadConfig, migrate, openDatabase, type Database, type JoineryConfig } from '@joinery/core';
import { MIGRATIONS } from '@joinery/server';

export async function withDatabase<T>(
  fn: (database: Database, config: JoineryConfig) => Promise<T>,
  { migrateFirst = true } = {},
): Promise<T> {
  const config = loadConfig();
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    if (migrateFirst) await migrate(database, MIGRATIONS);
    return await fn(database, config);
  } finally {
    await database.close();
  }
}
