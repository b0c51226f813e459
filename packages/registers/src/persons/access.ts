/**
 * Who may see personal data in the person index, and why: caseworkers and information
 * governance (in any organisation) only; every view, search and match carries the reason the
 * user gave (asked once on the page and kept in the session for a while; required in the API)
 * and is written to the audit trail. Refusals are audited too.
 */
import { coreError, hasRole, PERSONAL_DATA_ROLES, recordAudit, type Database } from '@joinery/core';
import type { FastifyRequest } from 'fastify';
import { registersError } from '../errors.ts';

declare module 'fastify' {
  interface Session {
    /** The reason given for seeing personal data in the person index, and when. */
    personDataReason?: { reason: string; givenAt: number };
  }
}

/** How long a reason given on the page is remembered. */
export const REASON_MINUTES = 30;

export function mayViewPersonalData(request: FastifyRequest): boolean {
  return Boolean(request.user?.memberships.some((m) => m.roles.some((r) => PERSONAL_DATA_ROLES.includes(r))));
}

export function mayAdminister(request: FastifyRequest, organisationCode: string): boolean {
  return hasRole(request.user, organisationCode, 'admin');
}

/** Admin of any organisation, or information governance: may build the index. */
export function mayBuild(request: FastifyRequest): boolean {
  return Boolean(request.user?.memberships.some((m) => m.roles.includes('admin') || m.roles.includes('information-governance')));
}

export async function refuse(database: Database, request: FastifyRequest, needs: string, subject?: string): Promise<never> {
  if (!request.user) throw coreError('CORE_SIGN_IN_REQUIRED');
  await recordAudit(database.db, {
    actor: request.user,
    organisationCode: request.actingFor,
    action: 'access.refused',
    subjectType: 'person-index',
    subjectId: subject,
    outcome: 'refused',
    details: { method: request.method, path: request.url.split('?')[0], needs },
    clientAddress: request.ip,
  });
  if (needs === 'personal-data') throw registersError('REGISTERS_PERSONAL_DATA_FORBIDDEN');
  throw coreError('CORE_FORBIDDEN', `You need the ${needs} role to do this`);
}

/** Throws (audited) unless the user may see personal data. */
export async function requirePersonalData(database: Database, request: FastifyRequest, subject?: string): Promise<void> {
  if (!mayViewPersonalData(request)) await refuse(database, request, 'personal-data', subject);
}

/** The reason remembered in the session, while fresh. */
export function sessionReason(request: FastifyRequest): string | undefined {
  const given = request.session?.get('personDataReason');
  if (!given || Date.now() - given.givenAt > REASON_MINUTES * 60_000) return undefined;
  return given.reason;
}

export function rememberReason(request: FastifyRequest, reason: string): void {
  request.session.set('personDataReason', { reason: reason.slice(0, 500), givenAt: Date.now() });
}

/** A reason from the API call, or a specific error. */
export function requireReason(reason: string | undefined): string {
  const why = reason?.trim();
  if (!why)
    throw registersError('REGISTERS_REASON_REQUIRED', 'Give a reason for seeing personal data (reason)', [
      { field: 'reason', message: 'Enter a reason' },
    ]);
  return why.slice(0, 500);
}

/** Writes a view or search of personal data to the audit trail. */
export async function auditView(
  database: Database,
  request: FastifyRequest,
  event: { action: string; subjectType: string; subjectId?: string; reason: string; details?: Record<string, unknown> },
): Promise<void> {
  await recordAudit(database.db, { actor: request.user, organisationCode: request.actingFor, clientAddress: request.ip, ...event });
}
