/**
 * The audit trail helper every room uses: who (user), for which organisation, did
 * what, to what, when, why, and with what outcome. The table is append-only.
 */
import type { Kysely } from 'kysely';
import type { CoreTables } from '../db/tables.ts';
import type { SignedInUser } from '../users/roles.ts';

export interface AuditEvent {
  actor?: Pick<SignedInUser, 'id' | 'username'> | null;
  organisationCode?: string | null;
  /** Dotted verb, e.g. `user.sign-in`, `person.view`, `data.export`. */
  action: string;
  subjectType?: string;
  subjectId?: string;
  /** Why, in the user's words; required by rooms for every access to personal data. */
  reason?: string;
  outcome?: 'success' | 'refused' | 'failed';
  details?: Record<string, unknown>;
  clientAddress?: string;
}

export interface AuditRecord {
  id: number;
  occurredAt: string;
  actorUsername: string | null;
  organisationCode: string | null;
  action: string;
  subjectType: string | null;
  subjectId: string | null;
  reason: string | null;
  outcome: string;
  details: unknown;
  clientAddress: string | null;
}

/**
 * Writes one event. Pass a transaction to make the event part of the change it records.
 * @example await recordAudit(db, { actor: user, organisationCode: 'casterbridge', action: 'user.add', subjectType: 'user', subjectId: id });
 */
export async function recordAudit(db: Kysely<CoreTables>, event: AuditEvent): Promise<void> {
  await db
    .insertInto('audit_events')
    .values({
      actor_user_id: event.actor?.id ?? null,
      actor_username: event.actor?.username ?? null,
      organisation_code: event.organisationCode ?? null,
      action: event.action,
      subject_type: event.subjectType ?? null,
      subject_id: event.subjectId ?? null,
      reason: event.reason ?? null,
      outcome: event.outcome ?? 'success',
      details: JSON.stringify(event.details ?? {}),
      client_address: event.clientAddress ?? null,
    })
    .execute();
}

/** The newest events first; one organisation's, or everyone's when `organisationCode` is omitted. */
export async function listAuditEvents(
  db: Kysely<CoreTables>,
  { organisationCode, limit = 100, beforeId }: { organisationCode?: string; limit?: number; beforeId?: number } = {},
): Promise<AuditRecord[]> {
  let query = db
    .selectFrom('audit_events')
    .selectAll()
    .orderBy('id', 'desc')
    .limit(Math.min(Math.max(limit, 1), 1000));
  if (organisationCode) query = query.where('organisation_code', '=', organisationCode);
  if (beforeId) query = query.where('id', '<', beforeId);
  const rows = await query.execute();
  return rows.map((row) => ({
    id: Number(row.id),
    occurredAt: new Date(row.occurred_at).toISOString(),
    actorUsername: row.actor_username,
    organisationCode: row.organisation_code,
    action: row.action,
    subjectType: row.subject_type,
    subjectId: row.subject_id,
    reason: row.reason,
    outcome: row.outcome,
    details: row.details,
    clientAddress: row.client_address,
  }));
}
