/**
 * Deciding on access rights: only an administrator of the provider's organisation approves,
 * refuses, revokes or recertifies, each with a note (a recertification's is optional), in one
 * transaction with its audit event and the configuration it changes. Approving a grant that
 * supersedes another makes the other "superseded"; until then the other stayed in force.
 */
import { Problems } from '@joinery/core';
import { auditAs, isAllowed, mustBeAllowed, type Actor } from './actor.ts';
import { checkDay, checkText } from './checks.ts';
import { publishConfiguration } from './configuration.ts';
import { dayOf, type AuthorityContext } from './context.ts';
import { authorityError } from './errors.ts';
import { findGrant, getGrant, providerOrganisation } from './grants.ts';
import { findHostedFederation } from './lookups.ts';
import type { Grant } from './model.ts';
import type { GrantStatus } from './tables.ts';

type Decision = 'approve' | 'refuse' | 'revoke' | 'recertify';
const NEEDS: Record<Decision, GrantStatus> = { approve: 'proposed', refuse: 'proposed', revoke: 'approved', recertify: 'approved' };
const BECOMES: Record<Decision, GrantStatus> = { approve: 'approved', refuse: 'refused', revoke: 'revoked', recertify: 'approved' };
const PAST: Record<Decision, string> = { approve: 'approved', refuse: 'refused', revoke: 'revoked', recertify: 'recertified' };

async function decide(
  authority: AuthorityContext,
  actor: Actor,
  decision: Decision,
  input: { federationCode: string; grantId: string; note?: string; recertifyBy?: string },
): Promise<Grant> {
  const { db } = authority;
  const federation = await findHostedFederation(db, input.federationCode);
  const grant = await findGrant(db, federation.code, input.grantId);
  const providerOrg = await providerOrganisation(db, federation.code, grant.member_code);
  const problems = new Problems();
  const note =
    decision === 'recertify' && !input.note
      ? null
      : checkText(problems, 'note', `a note saying why (it is kept with the decision)`, input.note, 1000);
  const today = dayOf(authority.now());
  let recertifyBy = grant.recertify_by;
  if (decision === 'recertify') {
    recertifyBy = checkDay(problems, 'recertifyBy', 'the next day by which it must be recertified', input.recertifyBy);
    if (recertifyBy && recertifyBy > grant.expires_on)
      problems.add({
        field: 'recertifyBy',
        message: `Recertification (${recertifyBy}) must be due by the day it stops working (${grant.expires_on})`,
      });
    if (recertifyBy && recertifyBy <= today)
      problems.add({ field: 'recertifyBy', message: `The next recertification (${recertifyBy}) must be after today (${today})` });
  }
  if (!problems.isEmpty) throw authorityError('EXCHANGE_GRANT_INVALID', `The access right cannot be ${PAST[decision]}`, problems.list);
  await mustBeAllowed(db, actor, {
    administrators: [providerOrg],
    doing: `${decision} access rights to the services of ${grant.member_code}`,
    who: `an administrator of ${providerOrg ?? grant.member_code} (the provider)`,
    subjectType: 'exchange-grant',
    subjectId: grant.id,
  });
  if (grant.status !== NEEDS[decision])
    throw authorityError(
      'EXCHANGE_GRANT_STATE',
      `Access right ${grant.id} is ${grant.status}: only a ${NEEDS[decision]} one can be ${PAST[decision]}`,
    );
  if (decision === 'approve' && grant.expires_on <= today)
    throw authorityError('EXCHANGE_GRANT_STATE', `Access right ${grant.id} stopped working on ${grant.expires_on}: propose a new one`);
  const now = authority.now();
  const by = actor.kind === 'user' ? actor.user.username : actor.via;
  await db.transaction().execute(async (trx) => {
    if (decision === 'recertify')
      await trx.updateTable('exchange_grants').set({ recertify_by: recertifyBy }).where('id', '=', grant.id).execute();
    else
      await trx
        .updateTable('exchange_grants')
        .set({ status: BECOMES[decision], decided_by: by, decided_at: now, decision_note: note })
        .where('id', '=', grant.id)
        .execute();
    let superseded: string | null = null;
    if (decision === 'approve' && grant.supersedes) {
      const old = await trx
        .updateTable('exchange_grants')
        .set({ status: 'superseded' })
        .where('id', '=', grant.supersedes)
        .where('status', '=', 'approved')
        .returning('id')
        .executeTakeFirst();
      superseded = old?.id ?? null;
    }
    await auditAs(trx, actor, {
      action: `exchange.grant.${decision}`,
      organisationCode: providerOrg,
      subjectType: 'exchange-grant',
      subjectId: grant.id,
      reason: note ?? undefined,
      details: {
        client: grant.client_id,
        ...(decision === 'recertify' ? { recertifyBy, previous: grant.recertify_by } : {}),
        ...(superseded ? { superseded } : {}),
      },
    });
    // A proposal or a refusal is not in the configuration; everything else changes it.
    if (decision !== 'refuse') await publishConfiguration(authority, null, federation.code, trx);
  });
  return getGrant(authority, federation.code, grant.id);
}

/** The provider approves a proposed grant (a note required); a grant it supersedes becomes superseded. Publishes. */
export const approveGrant = (authority: AuthorityContext, actor: Actor, input: { federationCode: string; grantId: string; note: string }) =>
  decide(authority, actor, 'approve', input);
/** The provider refuses a proposed grant (a note required). */
export const refuseGrant = (authority: AuthorityContext, actor: Actor, input: { federationCode: string; grantId: string; note: string }) =>
  decide(authority, actor, 'refuse', input);
/** The provider revokes an approved grant (a note required). Publishes. */
export const revokeGrant = (authority: AuthorityContext, actor: Actor, input: { federationCode: string; grantId: string; note: string }) =>
  decide(authority, actor, 'revoke', input);
/** The provider confirms an approved grant is still needed, setting the next recertification day (≤ expiresOn). Publishes. */
export const recertifyGrant = (
  authority: AuthorityContext,
  actor: Actor,
  input: { federationCode: string; grantId: string; recertifyBy: string; note?: string },
) => decide(authority, actor, 'recertify', input);

/** True when the actor may decide on the grant (pages show the buttons only then). */
export async function mayDecideGrant(authority: AuthorityContext, actor: Actor, federationCode: string, grantId: string): Promise<boolean> {
  const grant = await findGrant(authority.db, federationCode, grantId);
  return isAllowed(actor, { administrators: [await providerOrganisation(authority.db, federationCode, grant.member_code)] });
}
