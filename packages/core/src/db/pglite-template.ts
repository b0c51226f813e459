/**
 * An empty, freshly initialised PGlite data folder, made once per test run by the vitest
 * globalSetup, for test databases to start from: initdb costs seconds every time, starting
 * from a copy about one. JOINERY_TEST_PGLITE_TEMPLATE names its folder; the test workers
 * inherit it. Without it (a benchmark, a test run without the setup) each database runs initdb.
 */
import { cp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';

export const PGLITE_TEMPLATE_ENV = 'JOINERY_TEST_PGLITE_TEMPLATE';

/** Writes the template into `dir`: the data folder as `db/`, and as `db.tar` for in-memory databases. */
export async function writePgliteTemplate(dir: string): Promise<void> {
  const client = await PGlite.create(join(dir, 'db'));
  const dump = await client.dumpDataDir('none');
  await client.close();
  await writeFile(join(dir, 'db.tar'), Buffer.from(await dump.arrayBuffer()));
}

let dump: Promise<Blob | undefined> | undefined;

/** The template as PGlite's loadDataDir takes it (read once per process); undefined without one. */
export function pgliteTemplateDump(): Promise<Blob | undefined> {
  const dir = process.env[PGLITE_TEMPLATE_ENV];
  dump ??= dir ? readFile(join(dir, 'db.tar')).then((bytes) => new Blob([bytes])) : Promise.resolve(undefined);
  return dump;
}

/**
 * Copies the template into a new data folder (as its `db/`, where Joinery keeps the embedded
 * database); without a template it does nothing and the first open runs initdb.
 */
export async function copyPgliteTemplate(dataDir: string): Promise<void> {
  const dir = process.env[PGLITE_TEMPLATE_ENV];
  if (dir) await cp(join(dir, 'db'), join(dataDir, 'db'), { recursive: true });
}
