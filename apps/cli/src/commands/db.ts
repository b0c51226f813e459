import { listAppliedMigrations, migrate } from '@joinery/core';
import { MIGRATIONS } from '@joinery/server';
import type { Command } from 'commander';
import { withDatabase } from '../database.ts';
import { action } from '../run.ts';

export function dbCommand(program: Command): void {
  const db = program.command('db').description('Database maintenance');
  db.command('migrate')
    .description('Apply every migration not yet applied (safe to repeat)')
    .action(
      action(async () => {
        await withDatabase(
          async (database) => {
            const applied = await migrate(database, MIGRATIONS);
            for (const m of applied) process.stdout.write(`applied ${m.package}/${m.name}\n`);
            const all = await listAppliedMigrations(database);
            process.stdout.write(`${database.description}: ${all.length} migration(s) applied, ${applied.length} new\n`);
          },
          { migrateFirst: false },
        );
      }),
    );
}
