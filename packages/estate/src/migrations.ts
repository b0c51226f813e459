import { fileURLToPath } from 'node:url';
import type { MigrationSource } from '@joinery/core';

/** The estate's migrations; they come after core's (contracts belong to core's organisations). */
export const ESTATE_MIGRATIONS: MigrationSource = {
  package: 'estate',
  dir: fileURLToPath(new URL('../migrations', import.meta.url)),
};
