/**
 * Personal API tokens for scripts and curl: `Authorization: Bearer jny_…`. A token is
 * 32 random bytes, shown once; only its SHA-256 is stored, so a stolen database or export
 * gives no working tokens. Tokens expire, and act with their user's current roles.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Database } from '../db/database.ts';
import { coreError } from '../errors.ts';
import type { SignedInUser } from './roles.ts';
import { loadSignedInUser } from './service.ts';
import { selectUserByUsername } from './store.ts';

const PREFIX = 'jny_';

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * Makes a token for `username`, valid for `days`; returns it once.
 * @example const { token } = await createApiToken(database, 'ann.smith', 'nightly export', 90);
 */
export async function createApiToken(
  database: Database,
  username: string,
  name: string,
  days = 90,
): Promise<{ id: string; token: string; expiresAt: Date }> {
  if (!name.trim() || name.length > 100)
    throw coreError('CORE_VALIDATION', 'Give the token a name of 1 to 100 characters, saying what it is for');
  if (!Number.isInteger(days) || days < 1 || days > 366) throw coreError('CORE_VALIDATION', 'A token lasts from 1 to 366 days');
  const user = await selectUserByUsername(database.db, username);
  if (!user || !user.is_active) throw coreError('CORE_NOT_FOUND', `There is no active user "${username}"`);
  const token = `${PREFIX}${randomBytes(32).toString('base64url')}`;
  const expiresAt = new Date(Date.now() + days * 86_400_000);
  const row = await database.db
    .insertInto('api_tokens')
    .values({ user_id: user.id, name: name.trim(), token_hash: hashToken(token), expires_at: expiresAt })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, token, expiresAt };
}

/** The user a bearer token acts as, or undefined when it is unknown, expired or its user disabled. */
export async function findUserByApiToken(database: Database, token: string): Promise<SignedInUser | undefined> {
  if (!token.startsWith(PREFIX) || token.length > 200) return undefined;
  const { db } = database;
  const row = await db
    .selectFrom('api_tokens')
    .select(['id', 'user_id'])
    .where('token_hash', '=', hashToken(token))
    .where('expires_at', '>', new Date())
    .executeTakeFirst();
  if (!row) return undefined;
  await db.updateTable('api_tokens').set({ last_used_at: new Date() }).where('id', '=', row.id).execute();
  return loadSignedInUser(database, row.user_id);
}
