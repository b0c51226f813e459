/**
 * Who may do what in convergence. Reading needs membership of a partner organisation (as for
 * contracts). Changing anything reorganisation-wide (weights, targets, flags, the plan, hold
 * points) needs the admin role of the successor or of any predecessor: the councils plan the
 * merger together, and the successor's shadow authority may not have staff of its own yet.
 * Refusals are audited.
 */
import { coreError, hasRole, recordAudit, type Database } from '@joinery/core';
import type { FastifyRequest } from 'fastify';
import { estateError } from '../errors.ts';
import type { Reorganisation } from '../reorganisations/service.ts';

async function auditRefusal(database: Database, request: FastifyRequest, subject: string, needs: string) {
  await recordAudit(database.db, {
    actor: request.user,
    organisationCode: request.actingFor,
    action: 'access.refused',
    subjectType: 'reorganisation',
    subjectId: subject.slice(0, 64),
    outcome: 'refused',
    details: { method: request.method, path: request.url.split('?')[0], needs },
    clientAddress: request.ip,
  });
}

export function administersReorganisation(request: FastifyRequest, reorg: Reorganisation): boolean {
  return [reorg.successorCode, ...reorg.predecessorCodes].some((code) => hasRole(request.user, code, 'admin'));
}

export async function mustAdministerReorganisation(database: Database, request: FastifyRequest, reorg: Reorganisation): Promise<void> {
  if (administersReorganisation(request, reorg)) return;
  await auditRefusal(database, request, reorg.code, 'admin of the successor or a predecessor');
  throw estateError(
    'ESTATE_CONVERGENCE_FORBIDDEN',
    `Only an administrator of ${reorg.successorCode} or of one of its predecessors can change the convergence plan of ${reorg.code}`,
  );
}

export async function mustBePartnerMember(database: Database, request: FastifyRequest, subject: string): Promise<void> {
  if ((request.user?.memberships.length ?? 0) > 0) return;
  await auditRefusal(database, request, subject, 'membership');
  throw coreError('CORE_FORBIDDEN', 'Only members of a partner organisation can see the convergence plan');
}
