import { existsSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { coreError, exportAll, importAll, recordAudit } from '@joinery/core';
import type { Command } from 'commander';
import { withDatabase } from '../database.ts';
import { action } from '../run.ts';

export function portabilityCommands(program: Command): void {
  program
    .command('export')
    .description('Export everything Joinery holds as a folder of CSV files with a data dictionary and a manifest (row counts, SHA-256)')
    .option('--out <dir>', 'folder to write (must be empty or new)', 'joinery-export')
    .addHelpText('after', '\nThe same data always gives byte-identical files. See docs/export.md for the format.')
    .action(
      action(async (options: { out: string }) => {
        const dir = resolve(options.out);
        if (existsSync(dir) && readdirSync(dir).length > 0)
          throw coreError('CORE_CONFLICT', `${dir} is not empty: choose a new folder with --out`);
        await withDatabase(async (database) => {
          const manifest = await exportAll(database, dir);
          const rows = manifest.tables.reduce((n, t) => n + t.rows, 0);
          // Recorded after the snapshot, so the export holds exactly what was there before it.
          await recordAudit(database.db, {
            action: 'data.export',
            details: { folder: dir, tables: manifest.tables.length, rows, via: 'cli' },
          });
          for (const t of manifest.tables) process.stdout.write(`${t.name}\t${t.rows}\n`);
          process.stdout.write(`Exported ${manifest.tables.length} tables (${rows} rows) to ${dir}\n`);
        });
      }),
    );

  program
    .command('import')
    .description('Restore an export into an empty database (all or nothing; files are checked against the manifest first)')
    .argument('<dir>', 'folder written by joinery export')
    .action(
      action(async (dir: string) => {
        await withDatabase(async (database) => {
          const report = await importAll(database, resolve(dir));
          const rows = report.tables.reduce((n, t) => n + t.rows, 0);
          for (const t of report.tables) process.stdout.write(`${t.name}\t${t.rows}\n`);
          process.stdout.write(`Imported ${report.tables.length} tables (${rows} rows) into ${database.description}\n`);
        });
      }),
    );
}
