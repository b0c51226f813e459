/**
 * Members and their subsystems. A member is a Joinery organisation admitted to the federation
 * by its operators; its code is the organisation's code and its X-Road class follows from the
 * organisation's type (overridable). Admission also puts the organisation in the federation's
 * core partnership. Revoking a member revokes its gateways and their certificates, and takes it
 * out of the partnership; it stays in the configuration marked revoked, so gateways refuse it
 * by name (Server.ClientProxy.MemberRevoked). Subsystems are the member's own business: its
 * administrators add them.
 */
import { Problems, type OrganisationType } from '@joinery/core';
import { formatMemberId, MEMBER_CLASSES, type MemberClass } from '../identifiers.ts';
import { auditAs, mustBeAllowed, type Actor } from './actor.ts';
import { revokeCertificatesWithin } from './certificates.ts';
import { checkPart, checkText, shown } from './checks.ts';
import { publishConfiguration } from './configuration.ts';
import type { AuthorityContext } from './context.ts';
import { authorityError } from './errors.ts';
import { findActiveMember, findHostedFederation, findMember, operatorsWho } from './lookups.ts';
import type { AuthorityDb } from './tables.ts';
import type { Member } from './model.ts';

const CLASS_OF_TYPE: Record<OrganisationType, MemberClass> = {
  'unitary-authority': 'GOV',
  'county-council': 'GOV',
  'district-council': 'GOV',
  'metropolitan-district': 'GOV',
  'london-borough': 'GOV',
  'strategic-authority': 'GOV',
  'combined-authority': 'GOV',
  police: 'GOV',
  fire: 'GOV',
  school: 'GOV',
  'nhs-trust': 'NHS',
  'integrated-care-board': 'NHS',
  'gp-practice': 'NHS',
  'housing-association': 'NGO',
  other: 'COM',
};

/** X-Road's member class for an organisation type: public bodies GOV, NHS bodies NHS, housing associations NGO, others COM. */
export const memberClassOf = (type: string): MemberClass => CLASS_OF_TYPE[type as OrganisationType] ?? 'COM';

/** Inserts a member inside the caller's transaction (federation creation admits several at once). */
export async function admitWithin(
  db: AuthorityDb,
  actor: Actor,
  input: { federationCode: string; organisation: { code: string; name: string }; memberClass: MemberClass },
): Promise<void> {
  await db
    .insertInto('exchange_members')
    .values({
      federation_code: input.federationCode,
      member_code: input.organisation.code,
      member_class: input.memberClass,
      organisation_code: input.organisation.code,
      name: input.organisation.name,
    })
    .execute();
  await db
    .insertInto('partnership_members')
    .values({ partnership_code: input.federationCode, organisation_code: input.organisation.code })
    .onConflict((oc) => oc.doNothing())
    .execute();
  await auditAs(db, actor, {
    action: 'exchange.member.admit',
    organisationCode: input.organisation.code,
    subjectType: 'exchange-member',
    subjectId: formatMemberId({ instance: input.federationCode, memberClass: input.memberClass, memberCode: input.organisation.code }),
  });
}

/**
 * Admits an organisation (the federation's operators).
 * @example await admitMember(authority, actor, { federationCode: 'wessex', organisationCode: 'casterbridge' });
 */
export async function admitMember(
  authority: AuthorityContext,
  actor: Actor,
  input: { federationCode: string; organisationCode: string; memberClass?: string },
): Promise<Member> {
  const { db } = authority;
  const federation = await findHostedFederation(db, input.federationCode);
  if (input.memberClass !== undefined && !(MEMBER_CLASSES as readonly string[]).includes(input.memberClass))
    throw authorityError(
      'EXCHANGE_MEMBER_INVALID',
      `The member class is one of ${MEMBER_CLASSES.join(', ')} (it is "${shown(String(input.memberClass))}")`,
      [{ field: 'memberClass', message: `Choose one of ${MEMBER_CLASSES.join(', ')}` }],
    );
  const organisation = await db
    .selectFrom('organisations')
    .select(['code', 'name', 'type'])
    .where('code', '=', String(input.organisationCode))
    .executeTakeFirst();
  if (!organisation)
    throw authorityError(
      'EXCHANGE_ORGANISATION_UNKNOWN',
      `There is no organisation with the code "${shown(String(input.organisationCode))}"`,
    );
  await mustBeAllowed(db, actor, {
    administrators: [federation.operator_organisation_code],
    doing: `admit members to federation ${federation.code}`,
    who: operatorsWho(federation),
    subjectType: 'exchange-federation',
    subjectId: federation.code,
  });
  const existing = await db
    .selectFrom('exchange_members')
    .select(['status'])
    .where('federation_code', '=', federation.code)
    .where('member_code', '=', organisation.code)
    .executeTakeFirst();
  if (existing)
    throw authorityError(
      'EXCHANGE_MEMBER_EXISTS',
      existing.status === 'revoked'
        ? `${organisation.code} was a member of ${federation.code} and was revoked; a revoked member is not readmitted under the same code`
        : `${organisation.code} is already a member of ${federation.code}`,
    );
  const memberClass = (input.memberClass as MemberClass | undefined) ?? memberClassOf(organisation.type);
  await db.transaction().execute(async (trx) => {
    await admitWithin(trx, actor, { federationCode: federation.code, organisation, memberClass });
    await publishConfiguration(authority, null, federation.code, trx);
  });
  return getMember(authority, federation.code, organisation.code);
}

/** Revokes a member (operators), its gateways and all their certificates; publishes. */
export async function revokeMember(
  authority: AuthorityContext,
  actor: Actor,
  input: { federationCode: string; memberCode: string; reason: string },
): Promise<Member> {
  const { db } = authority;
  const federation = await findHostedFederation(db, input.federationCode);
  const problems = new Problems();
  const reason = checkText(problems, 'reason', 'the reason for revoking the member', input.reason, 500);
  if (!problems.isEmpty) throw authorityError('EXCHANGE_MEMBER_INVALID', problems.list[0]!.message, problems.list);
  const member = await findMember(db, federation.code, input.memberCode);
  await mustBeAllowed(db, actor, {
    administrators: [federation.operator_organisation_code],
    doing: `revoke members of federation ${federation.code}`,
    who: operatorsWho(federation),
    subjectType: 'exchange-member',
    subjectId: member.id,
  });
  if (member.status === 'revoked') throw authorityError('EXCHANGE_MEMBER_REVOKED', `${member.id} has already been revoked`);
  const now = authority.now();
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('exchange_members')
      .set({ status: 'revoked', revoked_at: now, revoked_reason: reason })
      .where('federation_code', '=', federation.code)
      .where('member_code', '=', member.member_code)
      .execute();
    await trx
      .updateTable('exchange_gateways')
      .set({ status: 'revoked' })
      .where('federation_code', '=', federation.code)
      .where('member_code', '=', member.member_code)
      .execute();
    const serials = await revokeCertificatesWithin(
      trx,
      { federationCode: federation.code, memberCode: member.member_code },
      `member revoked: ${reason}`,
      now,
    );
    if (member.organisation_code)
      await trx
        .deleteFrom('partnership_members')
        .where('partnership_code', '=', federation.code)
        .where('organisation_code', '=', member.organisation_code)
        .execute();
    await auditAs(trx, actor, {
      action: 'exchange.member.revoke',
      organisationCode: member.organisation_code,
      subjectType: 'exchange-member',
      subjectId: member.id,
      reason,
      details: { revokedCertificates: serials },
    });
    await publishConfiguration(authority, null, federation.code, trx);
  });
  return getMember(authority, federation.code, member.member_code);
}

/** Adds a subsystem to a member (the member's administrators); publishes. */
export async function addSubsystem(
  authority: AuthorityContext,
  actor: Actor,
  input: { federationCode: string; memberCode: string; code: string; name: string },
): Promise<Member> {
  const { db } = authority;
  const federation = await findHostedFederation(db, input.federationCode);
  const problems = new Problems();
  const code = checkPart(problems, 'code', 'the subsystem code', input.code);
  const name = checkText(problems, 'name', 'what the subsystem is', input.name, 200);
  if (!problems.isEmpty) throw authorityError('EXCHANGE_SUBSYSTEM_INVALID', 'The subsystem cannot be added', problems.list);
  const member = await findActiveMember(db, federation.code, input.memberCode);
  await mustBeAllowed(db, actor, {
    administrators: [member.organisation_code],
    doing: `add subsystems to ${member.id}`,
    who: `an administrator of ${member.organisation_code}`,
    subjectType: 'exchange-member',
    subjectId: member.id,
  });
  const existing = await db
    .selectFrom('exchange_subsystems')
    .select('code')
    .where('federation_code', '=', federation.code)
    .where('member_code', '=', member.member_code)
    .where('code', '=', code)
    .executeTakeFirst();
  if (existing) throw authorityError('EXCHANGE_SUBSYSTEM_EXISTS', `${member.id} already has a subsystem "${code}"`);
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('exchange_subsystems')
      .values({ federation_code: federation.code, member_code: member.member_code, code, name })
      .execute();
    await auditAs(trx, actor, {
      action: 'exchange.subsystem.add',
      organisationCode: member.organisation_code,
      subjectType: 'exchange-subsystem',
      subjectId: `${member.id}/${code}`,
      details: { name },
    });
    await publishConfiguration(authority, null, federation.code, trx);
  });
  return getMember(authority, federation.code, member.member_code);
}

/** Every member of a federation with its subsystems, by member code. */
export async function listMembers(authority: AuthorityContext, federationCode: string): Promise<Member[]> {
  await findHostedFederation(authority.db, federationCode);
  const [members, subsystems] = await Promise.all([
    authority.db.selectFrom('exchange_members').selectAll().where('federation_code', '=', federationCode).orderBy('member_code').execute(),
    authority.db.selectFrom('exchange_subsystems').selectAll().where('federation_code', '=', federationCode).orderBy('code').execute(),
  ]);
  return members.map((m) => {
    const id = formatMemberId({ instance: federationCode, memberClass: m.member_class, memberCode: m.member_code });
    return {
      id,
      memberCode: m.member_code,
      memberClass: m.member_class,
      organisationCode: m.organisation_code,
      name: m.name,
      status: m.status,
      revokedAt: m.revoked_at ? new Date(m.revoked_at).toISOString() : null,
      revokedReason: m.revoked_reason,
      subsystems: subsystems
        .filter((s) => s.member_code === m.member_code)
        .map((s) => ({ code: s.code, name: s.name, id: `${id}/${s.code}` })),
      createdAt: new Date(m.created_at).toISOString(),
    };
  });
}

export async function getMember(authority: AuthorityContext, federationCode: string, memberCode: string): Promise<Member> {
  const found = (await listMembers(authority, federationCode)).find((m) => m.memberCode === memberCode);
  if (!found)
    throw authorityError('EXCHANGE_MEMBER_UNKNOWN', `Federation "${federationCode}" has no member "${shown(String(memberCode))}"`);
  return found;
}
