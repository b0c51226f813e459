/**
 * vitest globalSetup: builds the `joinery` bundle once per test run (see bundle.ts for why)
 * and hands its path to the test files as inject('joineryBundle').
 */
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { bundleJoinery } from './bundle.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    joineryBundle: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // In the repository's node_modules (bundle.ts says why), one file per run: runs may overlap.
  const dir = fileURLToPath(new URL('../../../../node_modules/.cache/joinery-test/', import.meta.url));
  await mkdir(dir, { recursive: true });
  const bundle = join(dir, `joinery-${process.pid}.mjs`);
  await bundleJoinery(bundle);
  project.provide('joineryBundle', bundle);
  return () => rm(bundle, { force: true });
}
