/**
 * Who acts on the authority, and what each may do. A signed-in user acts with their roles per
 * organisation (`hasRole(user, org, 'admin')`); the system (the CLI, the demo) acts with every
 * right, and is named in the audit trail by how it acted ("cli"). Refusals are written to the
 * audit trail outside any transaction, so that they survive the refused change.
 */
import { hasRole, recordAudit, type AuditEvent, type SignedInUser } from '@joinery/core';
import { authorityError } from './errors.ts';
import { asCoreDb, type AuthorityDb } from './tables.ts';

export type Actor =
  | { kind: 'user'; user: SignedInUser; actingFor?: string | null; clientAddress?: string }
  | { kind: 'system'; via: string; clientAddress?: string };

/** @example await admitMember(authority, systemActor('cli'), { … }) */
export const systemActor = (via = 'system'): Actor => ({ kind: 'system', via });

/** @example userActor(request.user!, { actingFor: request.actingFor, clientAddress: request.ip }) */
export const userActor = (user: SignedInUser, options: { actingFor?: string | null; clientAddress?: string } = {}): Actor => ({
  kind: 'user',
  user,
  ...options,
});

/** The name recorded in the tables' *_by columns: the username, or how the system acted. */
export const actorName = (actor: Actor): string => (actor.kind === 'user' ? actor.user.username : actor.via);

function auditActor(actor: Actor): AuditEvent['actor'] {
  // The system has no user row: the audit trail keeps its name only.
  return actor.kind === 'user' ? actor.user : ({ id: null, username: actor.via } as unknown as AuditEvent['actor']);
}

/** Writes one audit event for what the actor did (pass the transaction of the change). */
export async function auditAs(db: AuthorityDb, actor: Actor, event: Omit<AuditEvent, 'actor' | 'clientAddress'>): Promise<void> {
  await recordAudit(asCoreDb(db), {
    ...event,
    actor: auditActor(actor),
    organisationCode: event.organisationCode ?? (actor.kind === 'user' ? (actor.actingFor ?? null) : null),
    clientAddress: actor.clientAddress,
  });
}

export interface Permission {
  /** Organisations any of whose administrators may do it. */
  administrators: readonly (string | null | undefined)[];
  /** What is being done, for the refusal's message: "approve access rights to wessex/GOV/…". */
  doing: string;
  subjectType: string;
  subjectId: string;
  /** Who may, in words: "an administrator of wessex-council (the provider)". */
  who: string;
}

/** True when the actor may do it (the system always may). */
export function isAllowed(actor: Actor, permission: Pick<Permission, 'administrators'>): boolean {
  if (actor.kind === 'system') return true;
  return permission.administrators.some((code) => Boolean(code) && hasRole(actor.user, code!, 'admin'));
}

/** Refuses (audited, 403) unless the actor administers one of the organisations. */
export async function mustBeAllowed(db: AuthorityDb, actor: Actor, permission: Permission): Promise<void> {
  if (isAllowed(actor, permission)) return;
  await auditAs(db, actor, {
    action: 'access.refused',
    subjectType: permission.subjectType,
    subjectId: permission.subjectId.slice(0, 200),
    outcome: 'refused',
    details: { doing: permission.doing, needs: `admin of one of ${permission.administrators.filter(Boolean).join(', ') || 'none'}` },
  });
  throw authorityError('EXCHANGE_FORBIDDEN', `Only ${permission.who} can ${permission.doing}`);
}
