/**
 * What every authority function is given: the database, the key-encryption key that opens the
 * authority's private keys, and a clock (tests move it to expire tokens and grants).
 */
import type { Database } from '@joinery/core';
import { resolveExchangeKey, type ExchangeKeySource } from './exchange-key.ts';
import { authorityDb, type AuthorityDb } from './tables.ts';

export interface AuthorityContext {
  database: Database;
  /** The authority's tables and core's. */
  db: AuthorityDb;
  keyEncryptionKey: Buffer;
  now(): Date;
}

/**
 * @example const authority = openAuthority(database, { dataDir: config.dataDir });
 */
export function openAuthority(
  database: Database,
  source: ExchangeKeySource & { now?: () => Date; keyEncryptionKey?: Buffer },
): AuthorityContext {
  return {
    database,
    db: authorityDb(database.db),
    keyEncryptionKey: source.keyEncryptionKey ?? resolveExchangeKey(source),
    now: source.now ?? (() => new Date()),
  };
}

/** Today (UTC) as YYYY-MM-DD. */
export const dayOf = (instant: Date): string => instant.toISOString().slice(0, 10);
