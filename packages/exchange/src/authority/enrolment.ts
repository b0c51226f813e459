/**
 * Enrolment: a gateway presents its one-time token and two PKCS #10 requests (RFC 2986) — one
 * for its TLS authentication key, one for its message-signing key — and receives its
 * certificates, the CA certificate and its configuration anchor. The token proves who it is
 * (the administrator registered it); the requests' self-signatures prove it holds the keys.
 * The authority decides the subject (organisation, member id, gateway id) whatever the request
 * asks, and puts the gateway's address in the auth certificate's subjectAltName. The token is
 * spent in the same transaction that records the certificates, so it works exactly once; a
 * refused enrolment changes nothing and is written to the audit trail. A gateway whose member
 * runs its own PKI presents certificates from a CA the federation trusts instead of being
 * issued them (enrolment-certificates.ts).
 */
import { JoineryError, recordAudit } from '@joinery/core';
import { CertificateProblem } from '../pki/certificate-problem.ts';
import { readCertificateRequest } from '../pki/csr.ts';
import { revokeCertificatesWithin, recordCertificate } from './certificates.ts';
import { federationAnchor, publishConfiguration } from './configuration.ts';
import type { AuthorityContext } from './context.ts';
import { checkPresentedCertificates, issueGatewayCertificates } from './enrolment-certificates.ts';
import { readEnrolmentToken } from './enrolment-token.ts';
import { authorityError, type AuthorityErrorCode } from './errors.ts';
import { findHostedFederation, findMember } from './lookups.ts';
import { listedMessage, revokedByCaList } from './revocation-lists.ts';
import { asCoreDb } from './tables.ts';
import type { Enrolment } from './model.ts';

export interface EnrolmentRequest {
  token: string;
  authCsrPem: string;
  signCsrPem: string;
  /** Certificates a trusted external CA issued for the requests' keys; when absent the federation's CA issues them. */
  authCertificatePem?: string;
  signCertificatePem?: string;
  /** The caller's address, for the audit trail. */
  clientAddress?: string;
}

async function refuse(
  authority: AuthorityContext,
  request: EnrolmentRequest,
  gatewayId: string | undefined,
  code: AuthorityErrorCode,
  message: string,
  details: { field: string; message: string }[] = [],
): Promise<never> {
  await recordAudit(asCoreDb(authority.db), {
    action: 'exchange.gateway.enrol',
    outcome: 'refused',
    subjectType: 'exchange-gateway',
    subjectId: (gatewayId ?? 'unknown').slice(0, 200),
    details: { code, message },
    clientAddress: request.clientAddress,
  });
  throw authorityError(code, message, details);
}

async function readRequest(pem: unknown, field: 'authCsrPem' | 'signCsrPem') {
  try {
    if (typeof pem !== 'string' || pem.length > 20_000)
      throw new CertificateProblem('malformed', 'The request is not PEM text of at most 20,000 characters');
    return { ok: true as const, request: await readCertificateRequest(pem) };
  } catch (error) {
    if (!(error instanceof CertificateProblem)) throw error;
    return {
      ok: false as const,
      problem: { field, message: `${field === 'authCsrPem' ? 'The auth' : 'The sign'} certificate request: ${error.message}` },
    };
  }
}

/**
 * @example const enrolment = await enrolGateway(authority, { token, authCsrPem, signCsrPem });
 */
export async function enrolGateway(authority: AuthorityContext, request: EnrolmentRequest): Promise<Enrolment> {
  const { db } = authority;
  const read = readEnrolmentToken(request.token);
  if (!read)
    return refuse(
      authority,
      request,
      undefined,
      'EXCHANGE_ENROLMENT_TOKEN_INVALID',
      'The enrolment token is not one this authority issued (jx1.…): copy it again, whole',
    );
  const { claims } = read;
  const row = await db.selectFrom('exchange_enrolment_tokens').selectAll().where('token_sha256', '=', read.secretSha256).executeTakeFirst();
  // The claims travel in clear: they must be those the secret was issued with.
  const member =
    row &&
    (await db
      .selectFrom('exchange_members')
      .select('member_class')
      .where('federation_code', '=', row.federation_code)
      .where('member_code', '=', row.member_code)
      .executeTakeFirst());
  const issuedFor = row && member && `${row.federation_code}/${member.member_class}/${row.member_code}/${row.gateway_code}`;
  if (!row || issuedFor !== claims.gatewayId || row.federation_code !== claims.federation)
    return refuse(
      authority,
      request,
      claims.gatewayId,
      'EXCHANGE_ENROLMENT_TOKEN_INVALID',
      `The enrolment token is not valid for ${claims.gatewayId}: ask its administrator for a new one`,
    );
  if (row.used_at)
    return refuse(
      authority,
      request,
      claims.gatewayId,
      'EXCHANGE_ENROLMENT_TOKEN_USED',
      `The enrolment token for ${claims.gatewayId} was used on ${new Date(row.used_at).toISOString()}: ask for a new one`,
    );
  const now = authority.now();
  if (new Date(row.expires_at) <= now)
    return refuse(
      authority,
      request,
      claims.gatewayId,
      'EXCHANGE_ENROLMENT_TOKEN_EXPIRED',
      `The enrolment token for ${claims.gatewayId} expired on ${new Date(row.expires_at).toISOString()}: ask for a new one`,
    );

  const federation = await findHostedFederation(db, row.federation_code);
  const owner = await findMember(db, federation.code, row.member_code);
  if (owner.status === 'revoked')
    return refuse(
      authority,
      request,
      claims.gatewayId,
      'EXCHANGE_MEMBER_REVOKED',
      `${owner.id} has been revoked: its gateways cannot enrol`,
    );
  const gateway = await db
    .selectFrom('exchange_gateways')
    .selectAll()
    .where('federation_code', '=', federation.code)
    .where('member_code', '=', row.member_code)
    .where('gateway_code', '=', row.gateway_code)
    .executeTakeFirstOrThrow();
  if (gateway.status === 'revoked')
    return refuse(
      authority,
      request,
      claims.gatewayId,
      'EXCHANGE_GATEWAY_REVOKED',
      `${claims.gatewayId} has been revoked: register a new gateway`,
    );

  const [auth, sign] = await Promise.all([readRequest(request.authCsrPem, 'authCsrPem'), readRequest(request.signCsrPem, 'signCsrPem')]);
  const problems = [auth, sign].flatMap((r) => (r.ok ? [] : [r.problem]));
  if (auth.ok && sign.ok && auth.request.publicKeyPem === sign.request.publicKeyPem)
    problems.push({
      field: 'signCsrPem',
      message: 'The auth and sign requests are for the same key: a gateway authenticates and signs with two different keys',
    });
  if (problems.length || !auth.ok || !sign.ok)
    return refuse(
      authority,
      request,
      claims.gatewayId,
      'EXCHANGE_CERTIFICATE_REQUEST_INVALID',
      problems.map((p) => p.message).join('; '),
      problems,
    );

  const subject = { organisationName: owner.name.slice(0, 64), memberId: owner.id, gatewayId: claims.gatewayId };
  const isPresenting = request.authCertificatePem !== undefined || request.signCertificatePem !== undefined;
  const certificates = isPresenting
    ? await checkPresentedCertificates(db, {
        federationCode: federation.code,
        now,
        authCertificatePem: request.authCertificatePem,
        signCertificatePem: request.signCertificatePem,
        authPublicKeyPem: auth.request.publicKeyPem,
        signPublicKeyPem: sign.request.publicKeyPem,
      })
    : await issueGatewayCertificates(authority, {
        federationCode: federation.code,
        subject,
        address: gateway.address,
        authPublicKeyPem: auth.request.publicKeyPem,
        signPublicKeyPem: sign.request.publicKeyPem,
      });
  if (!certificates.ok) return refuse(authority, request, claims.gatewayId, certificates.code, certificates.message, certificates.problems);
  const { auth: authCertificate, sign: signCertificate } = certificates;

  const spend = db.transaction().execute(async (trx) => {
    const spent = await trx
      .updateTable('exchange_enrolment_tokens')
      .set({ used_at: now })
      .where('id', '=', row.id)
      .where('used_at', 'is', null)
      .returning('id')
      .executeTakeFirst();
    if (!spent)
      throw authorityError(
        'EXCHANGE_ENROLMENT_TOKEN_USED',
        `The enrolment token for ${claims.gatewayId} has just been used: ask for a new one`,
      );
    // Re-enrolment replaces the gateway's certificates: the old ones are revoked as superseded (RFC 5280 §5.3.1).
    const superseded = await revokeCertificatesWithin(
      trx,
      { federationCode: federation.code, memberCode: row.member_code, gatewayCode: row.gateway_code },
      'superseded by a new enrolment',
      now,
    );
    const scope = { federationCode: federation.code, memberCode: row.member_code, gatewayCode: row.gateway_code };
    // Checked again under the CA's row lock: a list applied meanwhile is seen, or waits for this enrolment.
    for (const certificate of [authCertificate, signCertificate]) {
      if (!certificate.issuerFingerprint) continue;
      const listed = await revokedByCaList(trx, federation.code, certificate.issuerFingerprint, certificate.serialNumber, {
        forShare: true,
      });
      if (listed)
        throw authorityError(
          'EXCHANGE_CERTIFICATE_INVALID',
          listedMessage(`Certificate ${certificate.serialNumber}`, certificate.serialNumber, listed),
        );
    }
    for (const [usage, certificate] of [
      ['auth', authCertificate],
      ['sign', signCertificate],
    ] as const)
      await recordCertificate(trx, { ...scope, usage, certificatePem: certificate.pem, issuerFingerprint: certificate.issuerFingerprint });
    await trx
      .updateTable('exchange_gateways')
      .set({ status: 'active' })
      .where('federation_code', '=', federation.code)
      .where('member_code', '=', row.member_code)
      .where('gateway_code', '=', row.gateway_code)
      .execute();
    await recordAudit(asCoreDb(trx), {
      action: 'exchange.gateway.enrol',
      organisationCode: owner.organisation_code,
      subjectType: 'exchange-gateway',
      subjectId: claims.gatewayId,
      details: {
        auth: authCertificate.serialNumber,
        sign: signCertificate.serialNumber,
        issuer: authCertificate.issuerFingerprint ?? 'own',
        superseded,
      },
      clientAddress: request.clientAddress,
    });
    return (await publishConfiguration(authority, null, federation.code, trx)).configuration.serial;
  });
  // Two enrolments racing with one token, or a list applied meanwhile: refused (and audited) like any other.
  const serial = await spend.catch((error: unknown) =>
    error instanceof JoineryError && (error.code === 'EXCHANGE_ENROLMENT_TOKEN_USED' || error.code === 'EXCHANGE_CERTIFICATE_INVALID')
      ? refuse(authority, request, claims.gatewayId, error.code, error.message)
      : Promise.reject(error),
  );
  return {
    gatewayId: claims.gatewayId,
    authCertificatePem: authCertificate.pem,
    signCertificatePem: signCertificate.pem,
    caCertificatePem: certificates.caCertificatePem,
    anchor: await federationAnchor(authority, federation.code),
    configurationSerial: serial,
    address: gateway.address,
  };
}
