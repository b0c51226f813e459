/**
 * The migration runner. Each package owns a folder of numbered SQL files
 * (`0001_core.sql`); they run in order, each in its own transaction, and are
 * recorded with a checksum so that re-running is a no-op and an edited migration
 * is refused rather than silently skipped.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { coreError } from '../errors.ts';
import type { Database } from './database.ts';

export interface MigrationSource {
  /** The package that owns the migrations, e.g. `core`. */
  package: string;
  /** Folder of `NNNN_name.sql` files. */
  dir: string;
}

export interface AppliedMigration {
  package: string;
  name: string;
}

interface MigrationFile extends AppliedMigration {
  text: string;
  checksum: string;
}

// Any constant shared by every Joinery: two runners never migrate at once.
const MIGRATION_LOCK = 7_265_339_001;

function readMigrations(source: MigrationSource): MigrationFile[] {
  return readdirSync(source.dir)
    .filter((file) => /^\d{4}_[a-z0-9_-]+\.sql$/.test(file))
    .sort()
    .map((file) => {
      const text = readFileSync(join(source.dir, file), 'utf8');
      return {
        package: source.package,
        name: file.replace(/\.sql$/, ''),
        text,
        checksum: createHash('sha256').update(text).digest('hex'),
      };
    });
}

/**
 * Applies every migration not yet applied, packages in the order given.
 * @example await migrate(database, [CORE_MIGRATIONS]);
 */
export async function migrate(database: Database, sources: MigrationSource[]): Promise<AppliedMigration[]> {
  const { db } = database;
  await sql`create table if not exists joinery_migrations (
    package text not null,
    name text not null,
    checksum text not null,
    applied_at timestamptz not null default now(),
    primary key (package, name))`.execute(db);
  await sql`comment on table joinery_migrations is 'Transient: which migrations have run; not exported.'`.execute(db);

  const applied: AppliedMigration[] = [];
  for (const source of sources) {
    for (const migration of readMigrations(source)) {
      const ran = await db.transaction().execute(async (trx) => {
        await sql`select pg_advisory_xact_lock(${MIGRATION_LOCK})`.execute(trx);
        const existing = await sql<{ checksum: string }>`select checksum from joinery_migrations
          where package = ${migration.package} and name = ${migration.name}`.execute(trx);
        const row = existing.rows[0];
        if (row) {
          if (row.checksum !== migration.checksum) {
            throw coreError(
              'CORE_MIGRATION_CHANGED',
              `Migration ${migration.package}/${migration.name} has been edited since it was applied. ` +
                'Add a new migration instead of changing an applied one.',
            );
          }
          return false;
        }
        try {
          await sql.raw(migration.text).execute(trx);
        } catch (error) {
          throw coreError('CORE_MIGRATION_FAILED', `Migration ${migration.package}/${migration.name} failed: ${(error as Error).message}`);
        }
        await sql`insert into joinery_migrations (package, name, checksum)
          values (${migration.package}, ${migration.name}, ${migration.checksum})`.execute(trx);
        return true;
      });
      if (ran) applied.push({ package: migration.package, name: migration.name });
    }
  }
  return applied;
}

/** Every migration recorded as applied, in order; an export names them so an import can check. */
export async function listAppliedMigrations(database: Database): Promise<AppliedMigration[]> {
  const result = await sql<AppliedMigration>`select package, name from joinery_migrations
    order by applied_at, package, name`.execute(database.db);
  return result.rows;
}
