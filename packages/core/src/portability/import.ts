/**
 * `joinery import`: restores an export into an empty database, all or nothing.
 * The manifest's digests are checked before anything is written (a tampered or
 * truncated file is refused), every file's header must match the manifest, and
 * the rows read must equal the rows the manifest promises.
 */
import { createHash } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'csv-parse';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { listAppliedMigrations } from '../db/migrations.ts';
import { coreError, type ProblemDetail } from '../errors.ts';
import { quoteIdentifier, readCatalogue, type TableEntry } from './catalogue.ts';
import { EXPORT_FORMAT, type ExportManifest, type ExportedTable } from './export.ts';

const BATCH = 1000;

export interface ImportReport {
  tables: { name: string; rows: number }[];
}

async function readManifest(dir: string): Promise<ExportManifest> {
  const path = join(dir, 'manifest.json');
  if (!existsSync(path)) throw coreError('CORE_IMPORT_INVALID', `${dir} has no manifest.json: is it a Joinery export?`);
  let manifest: ExportManifest;
  try {
    manifest = JSON.parse(await readFile(path, 'utf8')) as ExportManifest;
  } catch (error) {
    throw coreError('CORE_IMPORT_INVALID', `${path} is not valid JSON: ${(error as Error).message}`);
  }
  if (manifest.format !== EXPORT_FORMAT || !Array.isArray(manifest.tables) || !Array.isArray(manifest.migrations)) {
    throw coreError('CORE_IMPORT_INVALID', `${path} is not a Joinery export manifest`);
  }
  return manifest;
}

async function checkFiles(dir: string, manifest: ExportManifest, catalogue: TableEntry[]): Promise<void> {
  const problems: ProblemDetail[] = [];
  for (const table of manifest.tables) {
    const file = join(dir, table.file);
    if (!/^[a-z0-9_]+\.csv$/.test(table.file) || !existsSync(file)) {
      problems.push({ file: table.file, message: `${table.file} is missing` });
      continue;
    }
    const digest = createHash('sha256')
      .update(await readFile(file))
      .digest('hex');
    if (digest !== table.sha256)
      problems.push({
        file: table.file,
        message: `${table.file} has changed since it was exported (its SHA-256 does not match the manifest)`,
      });
    const target = catalogue.find((t) => t.name === table.name);
    if (!target) {
      problems.push({ file: table.file, message: `This database has no table "${table.name}": the export is from a newer Joinery` });
      continue;
    }
    for (const column of table.columns) {
      if (!target.columns.some((c) => c.name === column))
        problems.push({ file: table.file, column, message: `Table "${table.name}" has no column "${column}" here` });
    }
  }
  if (problems.length > 0) throw coreError('CORE_IMPORT_INVALID', `The export in ${dir} cannot be imported`, problems);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

async function insertBatch(db: AnyDb, table: TableEntry, columns: string[], rows: (string | null)[][]): Promise<void> {
  const names = columns.map(quoteIdentifier).join(', ');
  const definitions = columns.map((c) => `${quoteIdentifier(c)} text`).join(', ');
  const casts = columns.map((c) => `x.${quoteIdentifier(c)}::${table.columns.find((t) => t.name === c)!.type}`).join(', ');
  const json = JSON.stringify(rows.map((row) => Object.fromEntries(columns.map((c, i) => [c, row[i]]))));
  await sql`insert into ${sql.raw(quoteIdentifier(table.name))} (${sql.raw(names)})
    select ${sql.raw(casts)} from json_to_recordset(${json}::json) as x(${sql.raw(definitions)})`.execute(db);
}

async function loadTable(db: AnyDb, dir: string, exported: ExportedTable, table: TableEntry): Promise<number> {
  // An empty, unquoted field is NULL; a quoted "" is the empty string.
  const parser = createReadStream(join(dir, exported.file)).pipe(
    parse({ cast: (value, context) => (value === '' && !context.quoting ? null : value), relax_column_count: false }),
  );
  let header: (string | null)[] | undefined;
  let batch: (string | null)[][] = [];
  let rows = 0;
  for await (const record of parser as AsyncIterable<(string | null)[]>) {
    if (!header) {
      header = record;
      if (header.join(',') !== exported.columns.join(',')) {
        throw coreError('CORE_IMPORT_INVALID', `${exported.file}: the header row does not match the manifest's columns`, [
          { file: exported.file, row: 1, message: 'Header differs from manifest' },
        ]);
      }
      continue;
    }
    batch.push(record);
    rows++;
    if (batch.length >= BATCH) {
      await insertBatch(db, table, exported.columns, batch);
      batch = [];
    }
  }
  if (batch.length > 0) await insertBatch(db, table, exported.columns, batch);
  if (rows !== exported.rows) {
    throw coreError('CORE_IMPORT_INVALID', `${exported.file} holds ${rows} rows but the manifest says ${exported.rows}`, [
      { file: exported.file, message: 'Row count differs from manifest' },
    ]);
  }
  return rows;
}

async function resetSequences(db: AnyDb, catalogue: TableEntry[]): Promise<void> {
  for (const table of catalogue) {
    for (const column of table.columns) {
      const found = await sql<{
        sequence: string | null;
      }>`select pg_get_serial_sequence(${quoteIdentifier(table.name)}, ${column.name}) as sequence`.execute(db);
      const sequence = found.rows[0]?.sequence;
      if (!sequence) continue;
      const col = quoteIdentifier(column.name);
      await sql`select setval(${sequence}, coalesce((select max(${sql.raw(col)}) from ${sql.raw(quoteIdentifier(table.name))}), 1),
        (select max(${sql.raw(col)}) is not null from ${sql.raw(quoteIdentifier(table.name))}))`.execute(db);
    }
  }
}

/**
 * Restores an export made by `exportAll` into this (migrated, empty) database.
 * @example const report = await importAll(database, 'joinery-export');
 */
export async function importAll(database: Database, dir: string): Promise<ImportReport> {
  const manifest = await readManifest(dir);
  const applied = new Set((await listAppliedMigrations(database)).map((m) => `${m.package}/${m.name}`));
  const unknown = manifest.migrations.filter((m) => !applied.has(`${m.package}/${m.name}`));
  if (unknown.length > 0) {
    throw coreError(
      'CORE_IMPORT_INVALID',
      `The export was made by a newer Joinery: this database lacks migrations ${unknown.map((m) => `${m.package}/${m.name}`).join(', ')}`,
    );
  }
  const catalogue = await readCatalogue(database.db);
  await checkFiles(dir, manifest, catalogue);
  return database.db.transaction().execute(async (trx) => {
    for (const table of catalogue) {
      const count = await sql<{ n: number }>`select count(*)::int as n from ${sql.raw(quoteIdentifier(table.name))}`.execute(trx);
      if ((count.rows[0]?.n ?? 0) > 0) {
        throw coreError('CORE_IMPORT_NOT_EMPTY', `This database already holds data (table "${table.name}"): import into an empty database`);
      }
    }
    await sql`set constraints all deferred`.execute(trx);
    const tables: ImportReport['tables'] = [];
    for (const exported of manifest.tables) {
      const table = catalogue.find((t) => t.name === exported.name)!;
      tables.push({ name: exported.name, rows: await loadTable(trx, dir, exported, table) });
    }
    await resetSequences(trx, catalogue);
    return { tables };
  });
}
