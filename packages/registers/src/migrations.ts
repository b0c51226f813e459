import { fileURLToPath } from 'node:url';
import type { MigrationSource } from '@joinery/core';

/** The registers' migrations; they come after core's. */
export const REGISTERS_MIGRATIONS: MigrationSource = {
  package: 'registers',
  dir: fileURLToPath(new URL('../migrations', import.meta.url)),
};
