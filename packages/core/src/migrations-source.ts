import { fileURLToPath } from 'node:url';
import type { MigrationSource } from './db/migrations.ts';

/** Core's own migrations; the composition roots list them first. */
export const CORE_MIGRATIONS: MigrationSource = { package: 'core', dir: fileURLToPath(new URL('../migrations', import.meta.url)) };
