/**
 * Every certificate the federation's CA has issued — gateways' auth and sign certificates, the
 * timestamping certificate, the CA's own — and those gateways enrolled with from an external CA
 * the federation trusts (certification-authorities.ts), and their revocation. A revoked certificate's serial
 * goes into the next configuration's revokedCertificates, which gateways check on every
 * connection and signature (there is no CRL or OCSP: the signed configuration is the list).
 */
import { Problems } from '@joinery/core';
import { identityOfCertificate } from '../pki/identity-of-certificate.ts';
import { formatGatewayId } from '../identifiers.ts';
import { auditAs, mustBeAllowed, type Actor } from './actor.ts';
import { checkText, shown } from './checks.ts';
import { publishConfiguration } from './configuration.ts';
import type { AuthorityContext } from './context.ts';
import { authorityError } from './errors.ts';
import { findHostedFederation, operatorsWho } from './lookups.ts';
import type { AuthorityDb, CertificatesTable } from './tables.ts';
import type { Certificate } from './model.ts';

/** Records a certificate just issued or presented (its serial, subject and validity read from the certificate itself). */
export async function recordCertificate(
  db: AuthorityDb,
  entry: {
    federationCode: string;
    usage: CertificatesTable['usage'];
    certificatePem: string;
    memberCode?: string;
    gatewayCode?: string;
    /** The external CA that issued it; absent when the federation's own CA did. */
    issuerFingerprint?: string;
  },
): Promise<string> {
  const identity = identityOfCertificate(entry.certificatePem);
  await db
    .insertInto('exchange_certificates')
    .values({
      serial_number: identity.serialNumber,
      federation_code: entry.federationCode,
      member_code: entry.memberCode ?? null,
      gateway_code: entry.gatewayCode ?? null,
      usage: entry.usage,
      subject: identity.subject.slice(0, 1000),
      not_before: identity.notBefore,
      not_after: identity.notAfter,
      certificate_pem: entry.certificatePem,
      issuer_fingerprint_sha256: entry.issuerFingerprint ?? null,
    })
    .execute();
  return identity.serialNumber;
}

/** Revokes every unrevoked certificate of a member (or of one of its gateways), inside the caller's transaction. */
export async function revokeCertificatesWithin(
  db: AuthorityDb,
  scope: { federationCode: string; memberCode: string; gatewayCode?: string },
  reason: string,
  at: Date,
): Promise<string[]> {
  let query = db
    .updateTable('exchange_certificates')
    .set({ revoked_at: at, revoked_reason: reason })
    .where('federation_code', '=', scope.federationCode)
    .where('member_code', '=', scope.memberCode)
    .where('revoked_at', 'is', null);
  if (scope.gatewayCode) query = query.where('gateway_code', '=', scope.gatewayCode);
  const rows = await query.returning('serial_number').execute();
  return rows.map((r) => r.serial_number);
}

/** Certificates of a federation, newest first; optionally one member's or one gateway's. */
export async function listCertificates(
  authority: AuthorityContext,
  federationCode: string,
  filter: { memberCode?: string; gatewayCode?: string; isRevoked?: boolean } = {},
): Promise<Certificate[]> {
  await findHostedFederation(authority.db, federationCode);
  let query = authority.db
    .selectFrom('exchange_certificates as c')
    .leftJoin('exchange_members as m', (j) =>
      j.onRef('m.federation_code', '=', 'c.federation_code').onRef('m.member_code', '=', 'c.member_code'),
    )
    .selectAll('c')
    .select('m.member_class')
    .where('c.federation_code', '=', federationCode)
    .orderBy('c.created_at', 'desc')
    .orderBy('c.serial_number');
  if (filter.memberCode) query = query.where('c.member_code', '=', filter.memberCode);
  if (filter.gatewayCode) query = query.where('c.gateway_code', '=', filter.gatewayCode);
  if (filter.isRevoked !== undefined) query = query.where('c.revoked_at', filter.isRevoked ? 'is not' : 'is', null);
  const rows = await query.execute();
  return rows.map((c) => ({
    serialNumber: c.serial_number,
    usage: c.usage,
    memberCode: c.member_code,
    gatewayCode: c.gateway_code,
    gatewayId:
      c.member_code && c.gateway_code && c.member_class
        ? formatGatewayId({ instance: federationCode, memberClass: c.member_class, memberCode: c.member_code, gatewayCode: c.gateway_code })
        : null,
    subject: c.subject,
    notBefore: new Date(c.not_before).toISOString(),
    notAfter: new Date(c.not_after).toISOString(),
    certificatePem: c.certificate_pem,
    revokedAt: c.revoked_at ? new Date(c.revoked_at).toISOString() : null,
    revokedReason: c.revoked_reason,
    issuerFingerprint: c.issuer_fingerprint_sha256,
  }));
}

/**
 * Revokes one certificate of a member's gateway: the member's administrators or the operators.
 * The authority's own certificates are not revoked this way (that is a key rotation).
 * @example await revokeCertificate(authority, actor, { federationCode: 'wessex', serialNumber: '3f…', reason: 'key compromised' });
 */
export async function revokeCertificate(
  authority: AuthorityContext,
  actor: Actor,
  input: { federationCode: string; serialNumber: string; reason: string },
): Promise<Certificate> {
  const { db } = authority;
  const federation = await findHostedFederation(db, input.federationCode);
  const problems = new Problems();
  const reason = checkText(problems, 'reason', 'the reason for revoking it', input.reason, 500);
  const serial = typeof input.serialNumber === 'string' ? input.serialNumber.toLowerCase() : '';
  if (!/^[0-9a-f]{1,64}$/.test(serial))
    problems.add({ field: 'serialNumber', message: `"${shown(String(input.serialNumber))}" is not a certificate serial number (hex)` });
  if (!problems.isEmpty) throw authorityError('EXCHANGE_CERTIFICATE_UNKNOWN', problems.list[0]!.message, problems.list);
  const row = await db
    .selectFrom('exchange_certificates as c')
    .leftJoin('exchange_members as m', (j) =>
      j.onRef('m.federation_code', '=', 'c.federation_code').onRef('m.member_code', '=', 'c.member_code'),
    )
    .select(['c.serial_number', 'c.member_code', 'c.gateway_code', 'c.usage', 'c.revoked_at', 'm.organisation_code'])
    .where('c.federation_code', '=', input.federationCode)
    .where('c.serial_number', '=', serial)
    .executeTakeFirst();
  if (!row) throw authorityError('EXCHANGE_CERTIFICATE_UNKNOWN', `Federation "${input.federationCode}" has no certificate ${serial}`);
  await mustBeAllowed(db, actor, {
    administrators: [row.organisation_code, federation.operator_organisation_code],
    doing: `revoke certificate ${serial}`,
    who: `an administrator of ${row.organisation_code ?? 'the member'} or ${operatorsWho(federation)}`,
    subjectType: 'exchange-certificate',
    subjectId: serial,
  });
  if (!row.member_code)
    throw authorityError(
      'EXCHANGE_CERTIFICATE_REVOKED',
      `Certificate ${serial} is the authority's own ${row.usage} certificate: it is replaced by rotating the key, not revoked`,
    );
  if (row.revoked_at)
    throw authorityError('EXCHANGE_CERTIFICATE_REVOKED', `Certificate ${serial} was revoked on ${new Date(row.revoked_at).toISOString()}`);
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('exchange_certificates')
      .set({ revoked_at: authority.now(), revoked_reason: reason })
      .where('serial_number', '=', serial)
      .execute();
    await auditAs(trx, actor, {
      action: 'exchange.certificate.revoke',
      organisationCode: row.organisation_code,
      subjectType: 'exchange-certificate',
      subjectId: serial,
      reason,
      details: { federation: input.federationCode, member: row.member_code, gateway: row.gateway_code, usage: row.usage },
    });
    await publishConfiguration(authority, null, input.federationCode, trx);
  });
  return (await listCertificates(authority, input.federationCode)).find((c) => c.serialNumber === serial)!;
}
