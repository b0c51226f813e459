/**
 * Who may see and change a reorganisation's governance, readiness and benefits. Reading: a
 * member (any role) of the successor or of a predecessor. Changing: an administrator of the
 * successor or of any predecessor — until vesting day the shadow authority's work is shared by
 * the councils that will form it, so each of their administrators may keep it up to date (and
 * every change is audited with who made it). Refusals are audited too.
 */
import { coreError, hasRole, isMemberOf, recordAudit, type Database, type SignedInUser } from '@joinery/core';
import { estateError } from '../errors.ts';
import { findReorganisation, type Reorganisation } from '../reorganisations/service.ts';

export interface Caller {
  user?: SignedInUser;
  actingFor?: string;
  method: string;
  path: string;
  ip?: string;
}

/** The organisations taking part: the successor and its predecessors. */
export function partiesOf(reorganisation: Reorganisation): string[] {
  return [reorganisation.successorCode, ...reorganisation.predecessorCodes];
}

export function mayChangeReorganisation(user: SignedInUser | undefined, reorganisation: Reorganisation): boolean {
  return partiesOf(reorganisation).some((code) => hasRole(user, code, 'admin'));
}

export function mayReadReorganisation(user: SignedInUser | undefined, reorganisation: Reorganisation): boolean {
  return partiesOf(reorganisation).some((code) => isMemberOf(user, code));
}

export async function requireReorganisation(database: Database, code: string): Promise<Reorganisation> {
  const found = await findReorganisation(database, code);
  if (!found) throw estateError('ESTATE_REORGANISATION_UNKNOWN', `There is no reorganisation with the code "${code.slice(0, 64)}"`);
  return found;
}

async function refuse(database: Database, caller: Caller, reorganisation: Reorganisation, needs: 'admin' | 'membership'): Promise<never> {
  if (!caller.user) throw coreError('CORE_SIGN_IN_REQUIRED');
  await recordAudit(database.db, {
    actor: caller.user,
    organisationCode: caller.actingFor,
    action: 'access.refused',
    subjectType: 'reorganisation',
    subjectId: reorganisation.code,
    outcome: 'refused',
    details: { method: caller.method, path: caller.path, needs },
    clientAddress: caller.ip,
  });
  if (needs === 'admin')
    throw estateError(
      'ESTATE_GOVERNANCE_FORBIDDEN',
      `Only an administrator of ${partiesOf(reorganisation).join(', ')} can change ${reorganisation.name}'s governance, readiness and benefits`,
    );
  throw estateError('ESTATE_GOVERNANCE_READ_FORBIDDEN', `Only members of ${partiesOf(reorganisation).join(', ')} can see this`);
}

/** The reorganisation, if the caller may read it; otherwise refused (and audited). */
export async function mustRead(database: Database, caller: Caller, code: string): Promise<Reorganisation> {
  const reorganisation = await requireReorganisation(database, code);
  if (!mayReadReorganisation(caller.user, reorganisation)) await refuse(database, caller, reorganisation, 'membership');
  return reorganisation;
}

/** The reorganisation, if the caller may change it; otherwise refused (and audited). */
export async function mustChange(database: Database, caller: Caller, code: string): Promise<Reorganisation> {
  const reorganisation = await requireReorganisation(database, code);
  if (!mayChangeReorganisation(caller.user, reorganisation)) await refuse(database, caller, reorganisation, 'admin');
  return reorganisation;
}
