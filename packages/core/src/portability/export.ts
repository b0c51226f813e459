/**
 * `joinery export`: everything Joinery holds, as a folder of CSV files (one per
 * table, values in PostgreSQL's text form, rows in primary-key order) with a data
 * dictionary and a manifest of row counts and SHA-256 digests. The same data always
 * gives byte-identical files, so two exports can be compared with `diff`.
 */
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { once } from 'node:events';
import { stringify } from 'csv-stringify';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { listAppliedMigrations, type AppliedMigration } from '../db/migrations.ts';
import { quoteIdentifier, readCatalogue, type TableEntry } from './catalogue.ts';

export const EXPORT_FORMAT = 'joinery-export';
export const EXPORT_FORMAT_VERSION = 1;
const BATCH = 5000;

export interface ExportedTable {
  name: string;
  file: string;
  rows: number;
  sha256: string;
  columns: string[];
}

export interface ExportManifest {
  format: typeof EXPORT_FORMAT;
  formatVersion: number;
  migrations: AppliedMigration[];
  tables: ExportedTable[];
}

// Empty strings are quoted ("") so that an empty, unquoted field can mean NULL.
const quoteEmpty = { string: (value: string) => (value === '' ? { value, quoted_empty: true } : value) };

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function* readRows(db: Kysely<any>, table: TableEntry): AsyncGenerator<(string | null)[]> {
  // Qualified with the table alias: a bare name in ORDER BY would sort by the text alias.
  const select = table.columns.map((c) => `t.${quoteIdentifier(c.name)}::text as ${quoteIdentifier(c.name)}`).join(', ');
  const key = table.primaryKey.map((k) => `t.${quoteIdentifier(k)}`).join(', ');
  const keyTypes = table.primaryKey.map((k) => table.columns.find((c) => c.name === k)?.type ?? 'text');
  let after: (string | null)[] | undefined;
  for (;;) {
    // Keyset pagination keeps memory flat on large tables.
    const where = after
      ? sql`where (${sql.raw(key)}) > (${sql.join(after.map((value, i) => sql`${value}::${sql.raw(keyTypes[i]!)}`))})`
      : sql``;
    const result = await sql<Record<string, string | null>>`select ${sql.raw(select)} from ${sql.raw(quoteIdentifier(table.name))} as t
      ${where} order by ${sql.raw(key)} limit ${sql.raw(String(BATCH))}`.execute(db);
    for (const row of result.rows) yield table.columns.map((c) => row[c.name] ?? null);
    if (result.rows.length < BATCH) return;
    const last = result.rows.at(-1)!;
    after = table.primaryKey.map((k) => last[k] ?? null);
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function writeTable(db: Kysely<any>, dir: string, table: TableEntry): Promise<ExportedTable> {
  const file = `${table.name}.csv`;
  const out = createWriteStream(join(dir, file));
  const csv = stringify({ header: true, columns: table.columns.map((c) => c.name), cast: quoteEmpty });
  csv.pipe(out);
  let rows = 0;
  for await (const row of readRows(db, table)) {
    rows++;
    if (!csv.write(row)) await once(csv, 'drain');
  }
  csv.end();
  await once(out, 'finish');
  // Counts in equal counts out: the snapshot's own count must match what was written.
  const counted = await sql<{ n: number }>`select count(*)::int as n from ${sql.raw(quoteIdentifier(table.name))}`.execute(db);
  if (counted.rows[0]?.n !== rows) throw new Error(`Export of ${table.name} wrote ${rows} rows but the table holds ${counted.rows[0]?.n}`);
  const sha256 = createHash('sha256')
    .update(await readFile(join(dir, file)))
    .digest('hex');
  return { name: table.name, file, rows, sha256, columns: table.columns.map((c) => c.name) };
}

function dataDictionaryCsv(tables: TableEntry[]): Promise<string> {
  const rows = tables.flatMap((t) => t.columns.map((c) => [t.name, c.name, c.type, c.nullable ? 'yes' : 'no', c.description]));
  return new Promise((resolve, reject) =>
    stringify(rows, { header: true, columns: ['table', 'column', 'type', 'nullable', 'description'] }, (error, text) =>
      error ? reject(error) : resolve(text),
    ),
  );
}

/**
 * Writes everything the database holds to `dir` inside one consistent snapshot.
 * @example const manifest = await exportAll(database, 'joinery-export');
 */
export async function exportAll(database: Database, dir: string): Promise<ExportManifest> {
  await mkdir(dir, { recursive: true });
  return database.db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (trx) => {
      // Timestamps in UTC whatever the server's zone, so exports compare equal anywhere.
      await sql`set local timezone = 'UTC'`.execute(trx);
      await sql`set local datestyle = 'ISO, YMD'`.execute(trx);
      await sql`set local extra_float_digits = 1`.execute(trx);
      const catalogue = await readCatalogue(trx);
      const tables: ExportedTable[] = [];
      for (const table of catalogue) tables.push(await writeTable(trx, dir, table));
      const manifest: ExportManifest = {
        format: EXPORT_FORMAT,
        formatVersion: EXPORT_FORMAT_VERSION,
        migrations: await listAppliedMigrations({ ...database, db: trx }),
        tables,
      };
      await writeFile(join(dir, 'data-dictionary.json'), `${JSON.stringify({ tables: catalogue }, null, 2)}\n`);
      await writeFile(join(dir, 'data-dictionary.csv'), await dataDictionaryCsv(catalogue));
      await writeFile(join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
      return manifest;
    });
}
