/**
 * vitest globalSetup: one empty PGlite data folder per test run for the test databases to
 * start from instead of running initdb each (src/db/pglite-template.ts); named in the
 * environment, which the test workers inherit.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGLITE_TEMPLATE_ENV, writePgliteTemplate } from '../../src/testing.ts';

export default async function setup(): Promise<() => Promise<void>> {
  // Made on PostgreSQL runs too: some tests keep the embedded database in a data folder.
  const dir = await mkdtemp(join(tmpdir(), 'joinery-pglite-template-'));
  await writePgliteTemplate(dir);
  process.env[PGLITE_TEMPLATE_ENV] = dir;
  return () => rm(dir, { recursive: true, force: true });
}
