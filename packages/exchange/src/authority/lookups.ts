/**
 * Finding the records a change is about, with the error a user would expect when one is
 * missing. Each returns the row; the caller decides what else must hold.
 */
import { formatMemberId } from '../identifiers.ts';
import { FEDERATION_CODE, shown } from './checks.ts';
import { authorityError } from './errors.ts';
import type { AuthorityDb } from './tables.ts';

export type FederationRow = Awaited<ReturnType<typeof findHostedFederation>>;
export type MemberRow = Awaited<ReturnType<typeof findMember>>;

/** A federation this server is the authority of; `forUpdate` serialises publications. */
export async function findHostedFederation(db: AuthorityDb, code: string, { forUpdate = false } = {}) {
  if (typeof code !== 'string' || !FEDERATION_CODE.test(code))
    throw authorityError(
      'EXCHANGE_ID_INVALID',
      `"${shown(String(code))}" is not a federation code (lower-case letters, digits and hyphens)`,
    );
  let query = db.selectFrom('exchange_federations').selectAll().where('code', '=', code);
  if (forUpdate) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  if (!row) throw authorityError('EXCHANGE_FEDERATION_UNKNOWN', `There is no federation with the code "${code}"`);
  if (!row.is_hosted)
    throw authorityError(
      'EXCHANGE_FEDERATION_NOT_HOSTED',
      `Federation "${code}" is another authority's; this server only knows of it (its configuration is at ${row.configuration_url})`,
    );
  return { ...row, operator_organisation_code: row.operator_organisation_code! };
}

export async function findMember(db: AuthorityDb, federationCode: string, memberCode: string) {
  const row = await db
    .selectFrom('exchange_members')
    .selectAll()
    .where('federation_code', '=', federationCode)
    .where('member_code', '=', memberCode)
    .executeTakeFirst();
  if (!row) throw authorityError('EXCHANGE_MEMBER_UNKNOWN', `Federation "${federationCode}" has no member "${shown(String(memberCode))}"`);
  return { ...row, id: formatMemberId({ instance: federationCode, memberClass: row.member_class, memberCode: row.member_code }) };
}

/** A member that has not been revoked. */
export async function findActiveMember(db: AuthorityDb, federationCode: string, memberCode: string) {
  const member = await findMember(db, federationCode, memberCode);
  if (member.status === 'revoked')
    throw authorityError(
      'EXCHANGE_MEMBER_REVOKED',
      `${member.id} was revoked${member.revoked_reason ? ` (${member.revoked_reason})` : ''}: nothing can be added to it`,
    );
  return member;
}

export async function findSubsystem(db: AuthorityDb, federationCode: string, memberCode: string, code: string) {
  const row = await db
    .selectFrom('exchange_subsystems')
    .selectAll()
    .where('federation_code', '=', federationCode)
    .where('member_code', '=', memberCode)
    .where('code', '=', code)
    .executeTakeFirst();
  if (!row) throw authorityError('EXCHANGE_SUBSYSTEM_UNKNOWN', `Member "${memberCode}" has no subsystem "${shown(String(code))}"`);
  return row;
}

export async function findGateway(db: AuthorityDb, federationCode: string, memberCode: string, gatewayCode: string) {
  const row = await db
    .selectFrom('exchange_gateways')
    .selectAll()
    .where('federation_code', '=', federationCode)
    .where('member_code', '=', memberCode)
    .where('gateway_code', '=', gatewayCode)
    .executeTakeFirst();
  if (!row) throw authorityError('EXCHANGE_GATEWAY_UNKNOWN', `Member "${memberCode}" has no gateway "${shown(String(gatewayCode))}"`);
  return row;
}

/** The words for "the federation's operators" in refusals. */
export const operatorsWho = (federation: { code: string; operator_organisation_code: string }) =>
  `an administrator of ${federation.operator_organisation_code} (the operator of federation ${federation.code})`;
