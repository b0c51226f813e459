/**
 * Test databases for every room's tests: embedded PGlite in memory by default, or a
 * fresh database on a real PostgreSQL server when JOINERY_TEST_DATABASE_URL is set
 * (CI sets it to run the same suite against both engines).
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from './db/database.ts';
import { migrate, type MigrationSource } from './db/migrations.ts';
import { pgliteTemplateDump } from './db/pglite-template.ts';
import { CORE_MIGRATIONS } from './migrations-source.ts';

export { copyPgliteTemplate, PGLITE_TEMPLATE_ENV, writePgliteTemplate } from './db/pglite-template.ts';

export interface TestDatabase extends Database {
  /** Closes the handle and drops the server database it made. */
  dispose(): Promise<void>;
}

export function testEngine(): 'pglite' | 'postgres' {
  return process.env.JOINERY_TEST_DATABASE_URL ? 'postgres' : 'pglite';
}

/**
 * A new, empty database on the test PostgreSQL server, for tests that start their own
 * processes (the CLI); undefined on PGlite runs, where a data folder is used instead.
 * With `copyOf` (the url of another such database, which nobody is connected to), a copy of it.
 */
export async function createServerTestDatabase(copyOf?: string): Promise<{ url: string; drop(): Promise<void> } | undefined> {
  const serverUrl = process.env.JOINERY_TEST_DATABASE_URL;
  if (!serverUrl) return undefined;
  const name = `joinery_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  const template = copyOf ? ` template ${pg.escapeIdentifier(new URL(copyOf).pathname.slice(1))}` : '';
  await admin.query(`create database ${name}${template}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const cleanup = new pg.Client({ connectionString: serverUrl });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}

/** An empty database (no migrations run). */
export async function openEmptyTestDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env.JOINERY_TEST_DATABASE_URL;
  if (!serverUrl) {
    const database = await openDatabase({ dataDir: 'memory://', initialData: await pgliteTemplateDump() });
    return { ...database, dispose: () => database.close() };
  }
  const server = (await createServerTestDatabase())!;
  const database = await openDatabase({ databaseUrl: server.url });
  return {
    ...database,
    dispose: async () => {
      await database.close();
      await server.drop();
    },
  };
}

/**
 * A migrated, empty database for one test file.
 * @example const database = await openTestDatabase(); afterAll(() => database.dispose());
 */
export async function openTestDatabase(sources: MigrationSource[] = [CORE_MIGRATIONS]): Promise<TestDatabase> {
  const database = await openEmptyTestDatabase();
  await migrate(database, sources);
  return database;
}
