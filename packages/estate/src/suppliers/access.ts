/**
 * Who may see and change suppliers, exit plans and resilience records. Reading: any member of a
 * partner organisation (as contracts). Writing a supplier's health or resolution plan: an
 * administrator of any organisation holding a current contract or application with it, or of
 * such an organisation's successor. Writing a contract's exit plan and terms: an administrator
 * of the organisation holding the contract, or of its successor. Refusals are audited as the
 * contracts room does (`access.refused`).
 */
import { coreError, recordAudit, type Database } from '@joinery/core';
import type { FastifyRequest } from 'fastify';
import { estateError } from '../errors.ts';

async function auditRefusal(database: Database, request: FastifyRequest, subject: string, needs: string) {
  await recordAudit(database.db, {
    actor: request.user,
    organisationCode: request.actingFor,
    action: 'access.refused',
    subjectType: 'supplier',
    subjectId: subject.slice(0, 200),
    outcome: 'refused',
    details: { method: request.method, path: request.url.split('?')[0], needs },
    clientAddress: request.ip,
  });
}

export async function mustBeMemberForSuppliers(database: Database, request: FastifyRequest): Promise<void> {
  if ((request.user?.memberships.length ?? 0) > 0) return;
  await auditRefusal(database, request, request.url.split('?')[0] ?? '', 'membership');
  throw coreError('CORE_FORBIDDEN', 'Only members of a partner organisation can see suppliers');
}

/** The organisations (of those allowed) the user administers. */
export function administeredAmong(request: FastifyRequest, allowed: readonly string[]): string[] {
  return (request.user?.memberships ?? [])
    .filter((m) => m.roles.includes('admin') && allowed.includes(m.organisationCode))
    .map((m) => m.organisationCode);
}

/** Refuses (audited, 403) unless the user administers one of the allowed organisations; returns the one acted for. */
export async function mustAdministerOneOf(
  database: Database,
  request: FastifyRequest,
  allowed: readonly string[],
  subject: string,
): Promise<string> {
  const mine = administeredAmong(request, allowed);
  if (mine.length > 0) return request.actingFor && mine.includes(request.actingFor) ? request.actingFor : mine[0]!;
  await auditRefusal(database, request, subject, `admin of one of ${allowed.join(', ')}`);
  throw estateError(
    'ESTATE_SUPPLIER_FORBIDDEN',
    `Only an administrator of ${allowed.length ? allowed.join(', ') : 'an organisation concerned'} can change ${subject.slice(0, 200)}`,
  );
}
