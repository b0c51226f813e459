import { fileURLToPath } from 'node:url';
import type { MigrationSource } from '@joinery/core';

/** The exchange's migrations (the federation authority's tables); they come after core's. */
export const EXCHANGE_MIGRATIONS: MigrationSource = {
  package: 'exchange',
  dir: fileURLToPath(new URL('../migrations', import.meta.url)),
};
