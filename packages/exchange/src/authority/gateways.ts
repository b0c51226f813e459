/**
 * Gateways (X-Road's security servers) and their registration. X-Road registers a security
 * server in three steps (the owner requests, the central server approves, certificates are
 * imported); here the member's administrator registers it and gets a one-time enrolment token
 * (valid 24 hours), and the gateway enrols with the token and its two certificate requests
 * (enrolment.ts), in one step. A new token for a registered gateway (lost token, certificate
 * renewal) cancels its unused ones.
 */
import { isIP } from 'node:net';
import { Problems } from '@joinery/core';
import { formatGatewayId, parseGatewayId } from '../identifiers.ts';
import { auditAs, mustBeAllowed, type Actor } from './actor.ts';
import { revokeCertificatesWithin } from './certificates.ts';
import { checkPart, checkText, shown } from './checks.ts';
import { publishConfiguration, signingKeysOf } from './configuration.ts';
import type { AuthorityContext } from './context.ts';
import { makeEnrolmentToken } from './enrolment-token.ts';
import { authorityError } from './errors.ts';
import {
  findActiveMember,
  findGateway,
  findHostedFederation,
  findMember,
  operatorsWho,
  type FederationRow,
  type MemberRow,
} from './lookups.ts';
import type { AuthorityDb } from './tables.ts';
import type { EnrolmentTokenIssued, Gateway } from './model.ts';

/** How long an enrolment token works. */
export const ENROLMENT_TOKEN_HOURS = 24;

/** A gateway address: https://host:port, nothing else (no path, user or query). */
export function checkGatewayAddress(problems: Problems, value: unknown): string {
  let url: URL | undefined;
  try {
    url = new URL(String(value));
  } catch {
    url = undefined;
  }
  if (
    !url ||
    url.protocol !== 'https:' ||
    !url.port ||
    url.username ||
    url.password ||
    url.search ||
    url.hash ||
    (url.pathname !== '/' && url.pathname !== '')
  ) {
    problems.add({
      field: 'address',
      message: `The gateway address must be https://host:port, e.g. https://127.0.0.1:5501 (it is "${shown(String(value))}")`,
    });
    return '';
  }
  return `https://${url.host}`;
}

/** What goes in the gateway's auth certificate as subjectAltName: its address's host, as an IP when it is one. */
export function subjectAltNamesOf(address: string): { ip?: string[]; dns?: string[] } {
  const host = new URL(address).hostname.replace(/^\[|\]$/g, '');
  return isIP(host) ? { ip: [host] } : { dns: [host] };
}

const toGateway = (
  federationCode: string,
  memberClass: string,
  g: { member_code: string; gateway_code: string; address: string; status: Gateway['status']; created_at: Date },
): Gateway => ({
  id: formatGatewayId({ instance: federationCode, memberClass, memberCode: g.member_code, gatewayCode: g.gateway_code }),
  memberCode: g.member_code,
  gatewayCode: g.gateway_code,
  address: g.address,
  status: g.status,
  createdAt: new Date(g.created_at).toISOString(),
});

async function issueTokenWithin(
  authority: AuthorityContext,
  trx: AuthorityDb,
  actor: Actor,
  federation: FederationRow,
  member: MemberRow,
  gatewayCode: string,
): Promise<{ token: string; expiresAt: Date }> {
  const [signingKey] = await signingKeysOf(trx, federation.code);
  const gatewayId = `${member.id}/${gatewayCode}`;
  const { token, secretSha256 } = makeEnrolmentToken({
    federation: federation.code,
    gatewayId,
    configurationUrl: federation.configuration_url,
    signingKeyId: signingKey!.keyId,
  });
  const now = authority.now();
  const expiresAt = new Date(now.getTime() + ENROLMENT_TOKEN_HOURS * 3_600_000);
  // Earlier unused tokens for this gateway stop working: only the newest one is in anyone's hands.
  await trx
    .updateTable('exchange_enrolment_tokens')
    .set({ expires_at: now })
    .where('federation_code', '=', federation.code)
    .where('member_code', '=', member.member_code)
    .where('gateway_code', '=', gatewayCode)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .execute();
  await trx
    .insertInto('exchange_enrolment_tokens')
    .values({
      federation_code: federation.code,
      member_code: member.member_code,
      gateway_code: gatewayCode,
      token_sha256: secretSha256,
      expires_at: expiresAt,
      created_by: actor.kind === 'user' ? actor.user.username : actor.via,
    })
    .execute();
  await auditAs(trx, actor, {
    action: 'exchange.enrolment-token.issue',
    organisationCode: member.organisation_code,
    subjectType: 'exchange-gateway',
    subjectId: gatewayId,
    details: { expiresAt: expiresAt.toISOString() },
  });
  return { token, expiresAt };
}

/**
 * Registers a gateway of a member (its administrators) and issues its enrolment token.
 * @example const { token } = await registerGateway(authority, actor, { federationCode: 'wessex', memberCode: 'casterbridge', gatewayCode: 'gw1', address: 'https://127.0.0.1:5501' });
 */
export async function registerGateway(
  authority: AuthorityContext,
  actor: Actor,
  input: { federationCode: string; memberCode: string; gatewayCode: string; address: string },
): Promise<EnrolmentTokenIssued> {
  const { db } = authority;
  const federation = await findHostedFederation(db, input.federationCode);
  const problems = new Problems();
  const gatewayCode = checkPart(problems, 'gatewayCode', 'the gateway code', input.gatewayCode);
  const address = checkGatewayAddress(problems, input.address);
  if (!problems.isEmpty) throw authorityError('EXCHANGE_GATEWAY_INVALID', 'The gateway cannot be registered', problems.list);
  const member = await findActiveMember(db, federation.code, input.memberCode);
  const gatewayId = `${member.id}/${gatewayCode}`;
  // Certificates carry the gateway id in their CN (RFC 5280 ub-common-name: 64).
  if (gatewayId.length > 64 || !parseGatewayId(gatewayId))
    throw authorityError(
      'EXCHANGE_GATEWAY_INVALID',
      `The gateway id ${gatewayId} is longer than the 64 characters a certificate can carry: choose a shorter gateway code`,
      [{ field: 'gatewayCode', message: 'Choose a shorter gateway code' }],
    );
  await mustBeAllowed(db, actor, {
    administrators: [member.organisation_code],
    doing: `register gateways of ${member.id}`,
    who: `an administrator of ${member.organisation_code}`,
    subjectType: 'exchange-gateway',
    subjectId: gatewayId,
  });
  const existing = await db
    .selectFrom('exchange_gateways')
    .select('status')
    .where('federation_code', '=', federation.code)
    .where('member_code', '=', member.member_code)
    .where('gateway_code', '=', gatewayCode)
    .executeTakeFirst();
  if (existing)
    throw authorityError(
      'EXCHANGE_GATEWAY_EXISTS',
      `${gatewayId} is already registered (${existing.status}); ask for a new enrolment token instead`,
    );
  const issued = await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('exchange_gateways')
      .values({ federation_code: federation.code, member_code: member.member_code, gateway_code: gatewayCode, address })
      .execute();
    await auditAs(trx, actor, {
      action: 'exchange.gateway.register',
      organisationCode: member.organisation_code,
      subjectType: 'exchange-gateway',
      subjectId: gatewayId,
      details: { address },
    });
    return issueTokenWithin(authority, trx, actor, federation, member, gatewayCode);
  });
  const gateway = await findGateway(db, federation.code, member.member_code, gatewayCode);
  return {
    gateway: toGateway(federation.code, member.member_class, gateway),
    token: issued.token,
    expiresAt: issued.expiresAt.toISOString(),
  };
}

/** A new enrolment token for a registered, unrevoked gateway (lost token, certificate renewal). */
export async function issueEnrolmentToken(
  authority: AuthorityContext,
  actor: Actor,
  input: { federationCode: string; memberCode: string; gatewayCode: string },
): Promise<EnrolmentTokenIssued> {
  const { db } = authority;
  const federation = await findHostedFederation(db, input.federationCode);
  const member = await findActiveMember(db, federation.code, input.memberCode);
  const gateway = await findGateway(db, federation.code, member.member_code, input.gatewayCode);
  const gatewayId = `${member.id}/${gateway.gateway_code}`;
  await mustBeAllowed(db, actor, {
    administrators: [member.organisation_code],
    doing: `enrol gateways of ${member.id}`,
    who: `an administrator of ${member.organisation_code}`,
    subjectType: 'exchange-gateway',
    subjectId: gatewayId,
  });
  if (gateway.status === 'revoked')
    throw authorityError('EXCHANGE_GATEWAY_REVOKED', `${gatewayId} has been revoked: register a new gateway`);
  const issued = await db.transaction().execute((trx) => issueTokenWithin(authority, trx, actor, federation, member, gateway.gateway_code));
  return {
    gateway: toGateway(federation.code, member.member_class, gateway),
    token: issued.token,
    expiresAt: issued.expiresAt.toISOString(),
  };
}

/** Revokes a gateway and its certificates (the member's administrators or the operators); publishes. */
export async function revokeGateway(
  authority: AuthorityContext,
  actor: Actor,
  input: { federationCode: string; memberCode: string; gatewayCode: string; reason: string },
): Promise<Gateway> {
  const { db } = authority;
  const federation = await findHostedFederation(db, input.federationCode);
  const problems = new Problems();
  const reason = checkText(problems, 'reason', 'the reason for revoking the gateway', input.reason, 500);
  if (!problems.isEmpty) throw authorityError('EXCHANGE_GATEWAY_INVALID', problems.list[0]!.message, problems.list);
  const member = await findMember(db, federation.code, input.memberCode);
  const gateway = await findGateway(db, federation.code, member.member_code, input.gatewayCode);
  const gatewayId = `${member.id}/${gateway.gateway_code}`;
  await mustBeAllowed(db, actor, {
    administrators: [member.organisation_code, federation.operator_organisation_code],
    doing: `revoke gateway ${gatewayId}`,
    who: `an administrator of ${member.organisation_code} or ${operatorsWho(federation)}`,
    subjectType: 'exchange-gateway',
    subjectId: gatewayId,
  });
  if (gateway.status === 'revoked') throw authorityError('EXCHANGE_GATEWAY_REVOKED', `${gatewayId} has already been revoked`);
  await db.transaction().execute(async (trx) => {
    const now = authority.now();
    await trx
      .updateTable('exchange_gateways')
      .set({ status: 'revoked' })
      .where('federation_code', '=', federation.code)
      .where('member_code', '=', member.member_code)
      .where('gateway_code', '=', gateway.gateway_code)
      .execute();
    await trx
      .updateTable('exchange_enrolment_tokens')
      .set({ expires_at: now })
      .where('federation_code', '=', federation.code)
      .where('member_code', '=', member.member_code)
      .where('gateway_code', '=', gateway.gateway_code)
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .execute();
    const serials = await revokeCertificatesWithin(
      trx,
      { federationCode: federation.code, memberCode: member.member_code, gatewayCode: gateway.gateway_code },
      `gateway revoked: ${reason}`,
      now,
    );
    await auditAs(trx, actor, {
      action: 'exchange.gateway.revoke',
      organisationCode: member.organisation_code,
      subjectType: 'exchange-gateway',
      subjectId: gatewayId,
      reason,
      details: { revokedCertificates: serials },
    });
    await publishConfiguration(authority, null, federation.code, trx);
  });
  return toGateway(federation.code, member.member_class, await findGateway(db, federation.code, member.member_code, gateway.gateway_code));
}

/** Every gateway of a federation (or of one member). */
export async function listGateways(
  authority: AuthorityContext,
  federationCode: string,
  filter: { memberCode?: string } = {},
): Promise<Gateway[]> {
  await findHostedFederation(authority.db, federationCode);
  let query = authority.db
    .selectFrom('exchange_gateways as g')
    .innerJoin('exchange_members as m', (j) =>
      j.onRef('m.federation_code', '=', 'g.federation_code').onRef('m.member_code', '=', 'g.member_code'),
    )
    .selectAll('g')
    .select('m.member_class')
    .where('g.federation_code', '=', federationCode)
    .orderBy('g.member_code')
    .orderBy('g.gateway_code');
  if (filter.memberCode) query = query.where('g.member_code', '=', filter.memberCode);
  return (await query.execute()).map((g) => toGateway(federationCode, g.member_class, g));
}
