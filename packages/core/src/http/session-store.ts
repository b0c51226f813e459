/**
 * Server-side sessions for @fastify/session, kept in the `sessions` table so that
 * they survive restarts and can be ended from the server (sign-out everywhere).
 * The cookie carries only a signed random id.
 */
import type { Database } from '../db/database.ts';

type Callback<T = void> = (error?: unknown, value?: T) => void;

interface SessionLike {
  cookie?: { expires?: Date | null; originalMaxAge?: number | null };
}

export class DatabaseSessionStore {
  constructor(
    private readonly database: Database,
    private readonly maxAgeMs: number,
  ) {}

  set(id: string, session: SessionLike, callback: Callback): void {
    const expires = session.cookie?.expires ? new Date(session.cookie.expires) : new Date(Date.now() + this.maxAgeMs);
    this.database.db
      .insertInto('sessions')
      .values({ id, data: JSON.stringify(session), expires_at: expires })
      .onConflict((oc) => oc.column('id').doUpdateSet({ data: JSON.stringify(session), expires_at: expires }))
      .execute()
      .then(() => callback(), callback);
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  get(id: string, callback: (error?: unknown, value?: any) => void): void {
    this.database.db
      .selectFrom('sessions')
      .select(['data', 'expires_at'])
      .where('id', '=', id)
      .executeTakeFirst()
      .then((row) => {
        if (!row || new Date(row.expires_at).getTime() < Date.now()) return callback(undefined, null);
        callback(undefined, typeof row.data === 'string' ? JSON.parse(row.data) : row.data);
      }, callback);
  }

  destroy(id: string, callback: Callback): void {
    this.database.db
      .deleteFrom('sessions')
      .where('id', '=', id)
      .execute()
      .then(() => callback(), callback);
  }

  /** Removes expired sessions; the server calls it now and then. */
  async prune(): Promise<number> {
    const result = await this.database.db.deleteFrom('sessions').where('expires_at', '<', new Date()).executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
