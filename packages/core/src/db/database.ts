/**
 * One database handle over two engines: embedded PGlite (files under the data
 * directory, nothing to install) or a PostgreSQL server when DATABASE_URL is set.
 * Both speak the same SQL through Kysely, and both return the same JavaScript types.
 */
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { fuzzystrmatch } from '@electric-sql/pglite/contrib/fuzzystrmatch';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { coreError, JoineryError } from '../errors.ts';
import { lockDataDir } from './data-dir-lock.ts';
import { PgliteDialect } from './pglite-dialect.ts';
import type { CoreTables } from './tables.ts';

export type DatabaseKind = 'pglite' | 'postgres';

export interface Database {
  kind: DatabaseKind;
  /** Typed queries; rooms add their own tables with `db.withTables<RoomTables>()`. */
  db: Kysely<CoreTables>;
  /** Where the data lives, for logs and messages (never includes a password). */
  description: string;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** postgres://user:password@host:port/database — a PostgreSQL server. */
  databaseUrl?: string;
  /** Folder of the embedded database's files; `memory://` keeps it in memory (tests). */
  dataDir?: string;
  /** Embedded only: a dumped data folder (PGlite's dumpDataDir) to start from; tests use one to skip initdb. */
  initialData?: Blob;
}

// Same types from both engines: int8 as number (our counts and ids are well inside
// 2^53), dates as 'YYYY-MM-DD' strings (no time-zone shift), timestamps as Date.
const INT8 = 20;
const DATE = 1082;
const parseInt8 = (value: string) => Number(value);
const keepDate = (value: string) => value;

/**
 * Opens the database the configuration names.
 * @example const database = await openDatabase({ dataDir: '.joinery' });
 */
export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  return options.databaseUrl ? openPostgres(options.databaseUrl) : openPglite(options.dataDir ?? '.joinery', options.initialData);
}

function redact(url: URL): string {
  return `PostgreSQL at ${url.hostname}:${url.port || 5432}${url.pathname}`;
}

async function openPostgres(databaseUrl: string): Promise<Database> {
  let url: URL;
  try {
    url = new URL(databaseUrl);
  } catch {
    throw coreError('CORE_DATABASE_URL_INVALID', 'DATABASE_URL is not a URL: expected postgres://user:password@host:5432/database');
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw coreError('CORE_DATABASE_URL_INVALID', `DATABASE_URL must start with postgres:// (it starts with ${url.protocol}//)`);
  }
  const description = redact(url);
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: 10,
    connectionTimeoutMillis: 5000,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
        if (oid === INT8) return parseInt8;
        if (oid === DATE) return keepDate;
        return pg.types.getTypeParser(oid, format as 'text');
      }) as typeof pg.types.getTypeParser,
    },
  });
  // An idle client's network error must not crash the process.
  pool.on('error', () => {});
  try {
    const client = await pool.connect();
    client.release();
  } catch (error) {
    await pool.end().catch(() => {});
    throw coreError('CORE_DATABASE_UNREACHABLE', `Cannot connect to ${description}: ${(error as Error).message}`);
  }
  const db = new Kysely<CoreTables>({ dialect: new PostgresDialect({ pool }) });
  return { kind: 'postgres', db, description, close: () => db.destroy() };
}

async function openPglite(dataDir: string, initialData?: Blob): Promise<Database> {
  const inMemory = dataDir.startsWith('memory://');
  const folder = inMemory ? dataDir : join(dataDir, 'db');
  const release = inMemory ? () => {} : lockDataDir(dataDir);
  let client: PGlite;
  try {
    client = await PGlite.create(folder, {
      extensions: { pg_trgm, fuzzystrmatch },
      parsers: { [INT8]: parseInt8, [DATE]: keepDate },
      loadDataDir: initialData,
    });
    await client.query('select 1');
  } catch (error) {
    release();
    if (error instanceof JoineryError) throw error;
    throw coreError(
      'CORE_DATA_DIR_CORRUPT',
      `The embedded database in ${folder} cannot be opened (${(error as Error).message || 'unreadable files'}). ` +
        `Restore it from a backup or an export, or move the folder aside to start afresh.`,
    );
  }
  const db = new Kysely<CoreTables>({ dialect: new PgliteDialect(client) });
  const description = inMemory ? 'embedded PGlite in memory' : `embedded PGlite in ${folder}`;
  return {
    kind: 'pglite',
    db,
    description,
    close: async () => {
      await db.destroy();
      release();
    },
  };
}

/** True when the database answers; for /readyz. */
export async function isDatabaseReady(database: Database): Promise<boolean> {
  try {
    await sql`select 1`.execute(database.db);
    return true;
  } catch {
    return false;
  }
}
