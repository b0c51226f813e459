/**
 * What an export holds: every table of the database except transient ones (their
 * comment starts "Transient:"), with the columns, types and descriptions that
 * become the data dictionary. Read from the database itself, so every room's tables
 * are exported without the exporter knowing them.
 */
import { sql, type Kysely } from 'kysely';

export interface ColumnEntry {
  name: string;
  /** The PostgreSQL type, as format_type() writes it, e.g. `timestamp with time zone`. */
  type: string;
  nullable: boolean;
  description: string;
}

export interface TableEntry {
  name: string;
  description: string;
  columns: ColumnEntry[];
  /** Columns of the primary key; rows are exported in this order. */
  primaryKey: string[];
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

export async function readCatalogue(db: AnyDb): Promise<TableEntry[]> {
  const tables = await sql<{ name: string; description: string | null }>`
    select c.relname as name, obj_description(c.oid, 'pg_class') as description
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = current_schema() and c.relkind = 'r'
    order by c.relname`.execute(db);
  const columns = await sql<{ table_name: string; name: string; type: string; nullable: boolean; description: string | null }>`
    select c.relname as table_name, a.attname as name, format_type(a.atttypid, a.atttypmod) as type,
      not a.attnotnull as nullable, col_description(c.oid, a.attnum) as description
    from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = current_schema() and c.relkind = 'r' and a.attnum > 0 and not a.attisdropped
    order by c.relname, a.attnum`.execute(db);
  const keys = await sql<{ table_name: string; name: string }>`
    select c.relname as table_name, a.attname as name
    from pg_index i join pg_class c on c.oid = i.indrelid join pg_namespace n on n.oid = c.relnamespace
    join lateral unnest(i.indkey) with ordinality as k(attnum, position) on true
    join pg_attribute a on a.attrelid = c.oid and a.attnum = k.attnum
    where n.nspname = current_schema() and i.indisprimary
    order by c.relname, k.position`.execute(db);

  return tables.rows
    .filter((t) => !(t.description ?? '').startsWith('Transient:'))
    .map((t) => {
      const tableColumns = columns.rows.filter((c) => c.table_name === t.name);
      const primaryKey = keys.rows.filter((k) => k.table_name === t.name).map((k) => k.name);
      return {
        name: t.name,
        description: t.description ?? '',
        columns: tableColumns.map((c) => ({ name: c.name, type: c.type, nullable: c.nullable, description: c.description ?? '' })),
        primaryKey: primaryKey.length > 0 ? primaryKey : tableColumns.map((c) => c.name),
      };
    });
}

/** Quotes an identifier read from the catalogue, for SQL built from it. */
export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
