/**
 * The key-encryption key (KEK) that seals the authority's private keys in the database
 * (AES-256-GCM). It is never in the database, so a copy of the database alone (a backup, an
 * export) gives nobody the federation's CA. From configuration when given (JOINERY_EXCHANGE_KEY,
 * base64 of 32 bytes: production, several servers), otherwise generated once into
 * `<dataDir>/exchange-key` with owner-only permissions, as core does for the session secret.
 * An in-memory data folder (tests) gets one key per process.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { authorityError } from './errors.ts';

export interface ExchangeKeySource {
  dataDir: string;
  /** base64 of 32 bytes; overrides the environment and the file. */
  exchangeKey?: string;
}

let processKey: Buffer | undefined;

function decode(text: string, where: string): Buffer {
  const key = Buffer.from(text.trim(), 'base64');
  if (key.length !== 32 || !/^[A-Za-z0-9+/_-]+=*$/.test(text.trim()))
    throw authorityError(
      'EXCHANGE_KEY_INVALID',
      `${where} must be 32 random bytes in base64 (e.g. from "openssl rand -base64 32"); it decodes to ${key.length} bytes`,
    );
  return key;
}

/**
 * @example const kek = resolveExchangeKey({ dataDir: config.dataDir });
 */
export function resolveExchangeKey(source: ExchangeKeySource, env: Record<string, string | undefined> = process.env): Buffer {
  if (source.exchangeKey) return decode(source.exchangeKey, 'The exchange key');
  if (env.JOINERY_EXCHANGE_KEY) return decode(env.JOINERY_EXCHANGE_KEY, 'JOINERY_EXCHANGE_KEY');
  if (source.dataDir.startsWith('memory://')) return (processKey ??= randomBytes(32));
  const file = join(source.dataDir, 'exchange-key');
  if (existsSync(file)) return decode(readFileSync(file, 'utf8'), file);
  mkdirSync(source.dataDir, { recursive: true });
  const key = randomBytes(32);
  // wx: never replace a key another process has just written (it would orphan its sealed keys).
  try {
    writeFileSync(file, key.toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return decode(readFileSync(file, 'utf8'), file);
    throw error;
  }
  return key;
}
