/**
 * Access rights (X-Road's access rights, with what X-Road leaves to paper: a purpose, a lawful
 * basis, a data-sharing agreement, an end date and a date by which the provider must confirm it
 * is still needed). A client subsystem — of this federation or of a trusted one — may call some
 * or all (["*"]) of a service's operations once the provider approves.
 *
 * Who: an administrator of the client's organisation or of the provider's may propose; only an
 * administrator of the provider's organisation (the data controller for what the service gives
 * out) approves, refuses, revokes and recertifies. Approval, refusal and revocation need a note.
 * A change to an approved grant is a new proposal that supersedes it: the old one stays in
 * force until the new one is approved, and then becomes "superseded".
 * Approved grants are in the configuration, expired ones too, with their dates: gateways refuse
 * an expired grant with Server.*.GrantExpired rather than "no access right", which says why.
 */
import { Problems } from '@joinery/core';
import { formatServiceId, parseSubsystemId } from '../identifiers.ts';
import { auditAs, mustBeAllowed, type Actor } from './actor.ts';
import { checkDay, checkText, daysBetween, isUuid, shown } from './checks.ts';
import { dayOf, type AuthorityContext } from './context.ts';
import { authorityError } from './errors.ts';
import { findHostedFederation, type FederationRow } from './lookups.ts';
import { getService, serviceKeyOf } from './service-catalogue.ts';
import type { AuthorityDb, GrantStatus } from './tables.ts';
import type { Grant } from './model.ts';

export interface GrantProposal {
  federationCode: string;
  /** The client subsystem, INSTANCE/CLASS/MEMBER/SUBSYSTEM. */
  client: string;
  /** The service id, INSTANCE/CLASS/MEMBER/SUBSYSTEM/SERVICE[/VERSION], of this federation. */
  service: string;
  /** operationIds of the service, or ["*"] for all. */
  operations: string[];
  purpose: string;
  lawfulBasis: string;
  agreement: string;
  validFrom: string;
  expiresOn: string;
  recertifyBy: string;
  /** The approved grant this one changes. */
  supersedes?: string;
}

/** The client's organisation here (undefined for a trusted federation's client); refuses unknown clients. */
async function clientOrganisation(db: AuthorityDb, federation: FederationRow, client: string): Promise<string | undefined> {
  const id = parseSubsystemId(client);
  if (!id)
    throw authorityError('EXCHANGE_ID_INVALID', `"${shown(String(client))}" is not a client subsystem id INSTANCE/CLASS/MEMBER/SUBSYSTEM`, [
      { field: 'client', message: 'Write the client as INSTANCE/CLASS/MEMBER/SUBSYSTEM, e.g. wessex/GOV/casterbridge/housing' },
    ]);
  if (id.instance !== federation.code) {
    const trusted = await db
      .selectFrom('exchange_trusted_federations')
      .select('trusted_code')
      .where('federation_code', '=', federation.code)
      .where('trusted_code', '=', id.instance)
      .executeTakeFirst();
    if (!trusted)
      throw authorityError('EXCHANGE_CLIENT_UNKNOWN', `${client} is in federation ${id.instance}, which ${federation.code} does not trust`);
    return undefined;
  }
  const member = await db
    .selectFrom('exchange_members')
    .selectAll()
    .where('federation_code', '=', federation.code)
    .where('member_code', '=', id.memberCode)
    .executeTakeFirst();
  if (!member || member.member_class !== id.memberClass)
    throw authorityError(
      'EXCHANGE_CLIENT_UNKNOWN',
      `Federation ${federation.code} has no member ${id.instance}/${id.memberClass}/${id.memberCode}`,
    );
  if (member.status === 'revoked')
    throw authorityError(
      'EXCHANGE_MEMBER_REVOKED',
      `${id.instance}/${id.memberClass}/${id.memberCode} has been revoked: it cannot be given access`,
    );
  const subsystem = await db
    .selectFrom('exchange_subsystems')
    .select('code')
    .where('federation_code', '=', federation.code)
    .where('member_code', '=', id.memberCode)
    .where('code', '=', id.subsystemCode)
    .executeTakeFirst();
  if (!subsystem) throw authorityError('EXCHANGE_CLIENT_UNKNOWN', `Member ${id.memberCode} has no subsystem "${id.subsystemCode}"`);
  return member.organisation_code ?? undefined;
}

export async function providerOrganisation(db: AuthorityDb, federationCode: string, memberCode: string): Promise<string | null> {
  const row = await db
    .selectFrom('exchange_members')
    .select('organisation_code')
    .where('federation_code', '=', federationCode)
    .where('member_code', '=', memberCode)
    .executeTakeFirst();
  return row?.organisation_code ?? null;
}

/**
 * Proposes an access right (an administrator of the client's or the provider's organisation).
 * @example await proposeGrant(authority, actor, { federationCode: 'wessex', client: 'wessex/GOV/casterbridge/housing', service: 'wessex/GOV/wessex-council/addresses/address-lookup', operations: ['*'], purpose: 'Checking applicants’ addresses', lawfulBasis: 'UK GDPR 6(1)(e)', agreement: 'Wessex DSA 2025-04', validFrom: '2025-04-01', expiresOn: '2026-04-01', recertifyBy: '2025-10-01' });
 */
export async function proposeGrant(authority: AuthorityContext, actor: Actor, input: GrantProposal): Promise<Grant> {
  const { db } = authority;
  const federation = await findHostedFederation(db, input.federationCode);
  const problems = new Problems();
  const purpose = checkText(problems, 'purpose', 'the purpose the data is for', input.purpose, 1000);
  const lawfulBasis = checkText(problems, 'lawfulBasis', 'the lawful basis', input.lawfulBasis, 500);
  const agreement = checkText(problems, 'agreement', 'the data-sharing agreement it rests on', input.agreement, 500);
  const validFrom = checkDay(problems, 'validFrom', 'the first day it works', input.validFrom);
  const expiresOn = checkDay(problems, 'expiresOn', 'the day it stops working', input.expiresOn);
  const recertifyBy = checkDay(problems, 'recertifyBy', 'the day by which it must be recertified', input.recertifyBy);
  const today = dayOf(authority.now());
  if (validFrom && expiresOn && expiresOn <= validFrom)
    problems.add({ field: 'expiresOn', message: `The access right must stop after it starts (${expiresOn} is not after ${validFrom})` });
  if (expiresOn && expiresOn <= today)
    problems.add({ field: 'expiresOn', message: `The day it stops working (${expiresOn}) has already come` });
  if (recertifyBy && expiresOn && recertifyBy > expiresOn)
    problems.add({
      field: 'recertifyBy',
      message: `Recertification (${recertifyBy}) must be due by the day it stops working (${expiresOn})`,
    });
  const operations = Array.isArray(input.operations) ? [...new Set(input.operations.map(String))] : [];
  if (operations.length === 0) problems.add({ field: 'operations', message: 'Name the operations granted (operationIds), or "*" for all' });
  else if (operations.includes('*') && operations.length > 1)
    problems.add({ field: 'operations', message: '"*" grants every operation: give it alone' });
  if (input.supersedes !== undefined && !isUuid(input.supersedes))
    problems.add({ field: 'supersedes', message: `"${shown(String(input.supersedes))}" is not a grant id` });
  if (!problems.isEmpty) throw authorityError('EXCHANGE_GRANT_INVALID', 'The access right cannot be proposed', problems.list);

  const key = serviceKeyOf(federation.code, input.service);
  const service = await getService(authority, federation.code, input.service);
  if (!service.isEnabled) throw authorityError('EXCHANGE_SERVICE_DISABLED', `${service.id} is disabled: access to it cannot be proposed`);
  const known = new Set(service.operations.map((o) => o.operationId));
  const unknown = operations.filter((o) => o !== '*' && !known.has(o));
  if (unknown.length)
    throw authorityError(
      'EXCHANGE_GRANT_INVALID',
      `${service.id} has no operation ${unknown.map((o) => `"${shown(o)}"`).join(', ')}`,
      unknown.map((o) => ({
        field: 'operations',
        message: `"${shown(o)}" is not an operationId of ${service.id} (it has ${[...known].slice(0, 20).join(', ')})`,
      })),
    );
  const clientOrg = await clientOrganisation(db, federation, input.client);
  const providerOrg = await providerOrganisation(db, federation.code, key.memberCode);
  if (input.supersedes) {
    const old = await findGrant(db, federation.code, input.supersedes);
    if (old.status !== 'approved')
      throw authorityError('EXCHANGE_GRANT_STATE', `Grant ${old.id} is ${old.status}: only an approved grant is changed by superseding it`);
    const sameService =
      old.member_code === key.memberCode &&
      old.subsystem_code === key.subsystemCode &&
      old.service_code === key.serviceCode &&
      old.service_version === (key.serviceVersion ?? '');
    if (old.client_id !== input.client || !sameService)
      throw authorityError('EXCHANGE_GRANT_INVALID', `Grant ${old.id} is for another client or service: a change keeps both`, [
        { field: 'supersedes', message: 'A superseding grant has the same client and service' },
      ]);
    const pending = await db
      .selectFrom('exchange_grants')
      .select('id')
      .where('supersedes', '=', old.id)
      .where('status', '=', 'proposed')
      .executeTakeFirst();
    if (pending)
      throw authorityError('EXCHANGE_GRANT_STATE', `Grant ${pending.id} already proposes a change to ${old.id}: decide that one first`);
  }
  await mustBeAllowed(db, actor, {
    administrators: [clientOrg, providerOrg],
    doing: `propose access to ${service.id}`,
    who: `an administrator of ${[clientOrg, providerOrg].filter(Boolean).join(' or ')} (the client or the provider)`,
    subjectType: 'exchange-service',
    subjectId: service.id,
  });
  const id = await db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('exchange_grants')
      .values({
        federation_code: federation.code,
        client_id: input.client,
        member_code: key.memberCode,
        subsystem_code: key.subsystemCode,
        service_code: key.serviceCode,
        service_version: key.serviceVersion ?? '',
        operations,
        purpose,
        lawful_basis: lawfulBasis,
        agreement,
        valid_from: validFrom,
        expires_on: expiresOn,
        recertify_by: recertifyBy,
        supersedes: input.supersedes ?? null,
        proposed_by: actor.kind === 'user' ? actor.user.username : actor.via,
        proposed_at: authority.now(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await auditAs(trx, actor, {
      action: 'exchange.grant.propose',
      organisationCode: providerOrg,
      subjectType: 'exchange-grant',
      subjectId: row.id,
      details: {
        client: input.client,
        service: service.id,
        operations,
        purpose,
        lawfulBasis,
        agreement,
        validFrom,
        expiresOn,
        recertifyBy,
        supersedes: input.supersedes ?? null,
      },
    });
    return row.id;
  });
  return getGrant(authority, federation.code, id);
}

export async function findGrant(db: AuthorityDb, federationCode: string, id: string) {
  if (!isUuid(id)) throw authorityError('EXCHANGE_ID_INVALID', `"${shown(String(id))}" is not a grant id`);
  const row = await db
    .selectFrom('exchange_grants')
    .selectAll()
    .where('federation_code', '=', federationCode)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw authorityError('EXCHANGE_GRANT_UNKNOWN', `Federation "${federationCode}" has no access right ${id}`);
  return row;
}

export interface GrantFilter {
  status?: GrantStatus;
  client?: string;
  service?: string;
}

/** Grants of a federation, newest first, with days to expiry and whether recertification is overdue. */
export async function listGrants(authority: AuthorityContext, federationCode: string, filter: GrantFilter = {}): Promise<Grant[]> {
  await findHostedFederation(authority.db, federationCode);
  let query = authority.db
    .selectFrom('exchange_grants as g')
    .innerJoin('exchange_members as m', (j) =>
      j.onRef('m.federation_code', '=', 'g.federation_code').onRef('m.member_code', '=', 'g.member_code'),
    )
    .selectAll('g')
    .select('m.member_class')
    .where('g.federation_code', '=', federationCode)
    .orderBy('g.proposed_at', 'desc')
    .orderBy('g.id');
  if (filter.status) query = query.where('g.status', '=', filter.status);
  if (filter.client) query = query.where('g.client_id', '=', filter.client);
  const today = dayOf(authority.now());
  const grants = (await query.execute()).map((g): Grant => {
    const daysToExpiry = daysBetween(today, g.expires_on);
    return {
      id: g.id,
      client: g.client_id,
      service: formatServiceId({
        instance: federationCode,
        memberClass: g.member_class,
        memberCode: g.member_code,
        subsystemCode: g.subsystem_code,
        serviceCode: g.service_code,
        serviceVersion: g.service_version || undefined,
      }),
      operations: g.operations,
      purpose: g.purpose,
      lawfulBasis: g.lawful_basis,
      agreement: g.agreement,
      validFrom: g.valid_from,
      expiresOn: g.expires_on,
      recertifyBy: g.recertify_by,
      status: g.status,
      supersedes: g.supersedes,
      proposedBy: g.proposed_by,
      proposedAt: new Date(g.proposed_at).toISOString(),
      decidedBy: g.decided_by,
      decidedAt: g.decided_at ? new Date(g.decided_at).toISOString() : null,
      decisionNote: g.decision_note,
      daysToExpiry,
      isExpired: daysToExpiry <= 0,
      isRecertificationOverdue: g.status === 'approved' && today > g.recertify_by,
    };
  });
  return filter.service ? grants.filter((g) => g.service === filter.service) : grants;
}

export async function getGrant(authority: AuthorityContext, federationCode: string, id: string): Promise<Grant> {
  await findGrant(authority.db, federationCode, id);
  return (await listGrants(authority, federationCode)).find((g) => g.id === id)!;
}
