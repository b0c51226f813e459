/**
 * Where an enrolling gateway's certificates come from. Usually the federation's own CA issues
 * them from the gateway's two requests. A member that runs its own PKI instead has a CA the
 * federation trusts (certification-authorities.ts) issue them, and presents them with the same
 * two requests: the requests' self-signatures prove the gateway holds the keys, and each
 * certificate must be for the key of its request, issued by a trusted external CA, valid now,
 * fit for its use (RFC 5280 key usage: digitalSignature + serverAuth/clientAuth for TLS,
 * nonRepudiation for signing) and not already recorded. The gateway's identity comes from the
 * configuration, which names each gateway's certificates, not from what the external CA wrote
 * in the subject.
 */
import { X509Certificate } from 'node:crypto';
import { CLOCK_SKEW_MS } from '../pki/certificate-authority.ts';
import { CertificateProblem } from '../pki/certificate-problem.ts';
import { parseCertificate } from '../pki/identity-of-certificate.ts';
import { isSameKey, issueCertificate, type CertificateSubject } from '../pki/index.ts';
import { verifyCertificate } from '../pki/verify-certificate.ts';
import { openAuthorityKey } from './authority-keys.ts';
import { trustedExternalCas } from './certification-authorities.ts';
import type { AuthorityContext } from './context.ts';
import type { AuthorityErrorCode } from './errors.ts';
import { subjectAltNamesOf } from './gateways.ts';
import { listedMessage, revokedByCaList } from './revocation-lists.ts';
import type { AuthorityDb } from './tables.ts';

export interface GatewayCertificate {
  pem: string;
  serialNumber: string;
  /** The external CA that issued it; absent for the federation's own. */
  issuerFingerprint?: string;
}

export type CertificatesOutcome =
  | { ok: true; auth: GatewayCertificate; sign: GatewayCertificate; caCertificatePem: string }
  | { ok: false; code: AuthorityErrorCode; message: string; problems: { field: string; message: string }[] };

/** The federation's CA issues both certificates, with the subject and address from its own records. */
export async function issueGatewayCertificates(
  authority: AuthorityContext,
  input: { federationCode: string; subject: CertificateSubject; address: string; authPublicKeyPem: string; signPublicKeyPem: string },
): Promise<CertificatesOutcome> {
  const ca = await openAuthorityKey(authority, authority.db, input.federationCode, 'certification');
  const issuer = { privateKey: ca.privateKey, certificatePem: ca.certificatePem! };
  const notBefore = new Date(authority.now().getTime() - CLOCK_SKEW_MS);
  try {
    const [auth, sign] = await Promise.all([
      issueCertificate(issuer, {
        publicKey: input.authPublicKeyPem,
        usage: 'auth',
        subject: input.subject,
        subjectAltNames: subjectAltNamesOf(input.address),
        notBefore,
      }),
      issueCertificate(issuer, { publicKey: input.signPublicKeyPem, usage: 'sign', subject: input.subject, notBefore }),
    ]);
    return {
      ok: true,
      auth: { pem: auth.certificatePem, serialNumber: auth.serialNumber },
      sign: { pem: sign.certificatePem, serialNumber: sign.serialNumber },
      caCertificatePem: ca.certificatePem!,
    };
  } catch (error) {
    if (!(error instanceof CertificateProblem)) throw error;
    return {
      ok: false,
      code: 'EXCHANGE_CERTIFICATE_REQUEST_INVALID',
      message: error.message,
      problems: [{ field: 'authCsrPem', message: error.message }],
    };
  }
}

/** Checks the two certificates a gateway presents (see the top of this file). */
export async function checkPresentedCertificates(
  db: AuthorityDb,
  input: {
    federationCode: string;
    now: Date;
    authCertificatePem: unknown;
    signCertificatePem: unknown;
    authPublicKeyPem: string;
    signPublicKeyPem: string;
  },
): Promise<CertificatesOutcome> {
  const cas = await trustedExternalCas(db, input.federationCode);
  const problems: { field: string; message: string }[] = [];
  const checked: Partial<Record<'auth' | 'sign', GatewayCertificate & { issuerPem: string }>> = {};
  for (const usage of ['auth', 'sign'] as const) {
    const field = usage === 'auth' ? 'authCertificatePem' : 'signCertificatePem';
    const label = usage === 'auth' ? 'The auth certificate' : 'The sign certificate';
    const pem = usage === 'auth' ? input.authCertificatePem : input.signCertificatePem;
    if (typeof pem !== 'string' || !pem.includes('-----BEGIN CERTIFICATE-----') || pem.length > 20_000) {
      problems.push({ field, message: `${label}: give it as PEM text of at most 20,000 characters (both certificates, or neither)` });
      continue;
    }
    try {
      const parsed = parseCertificate(pem.trim());
      if (!isSameKey(parsed.native.publicKey, usage === 'auth' ? input.authPublicKeyPem : input.signPublicKeyPem))
        throw new CertificateProblem('wrong-usage', `it is not for the key of the ${usage} request (${parsed.identity.subject})`);
      if (cas.length === 0)
        throw new CertificateProblem(
          'untrusted',
          `it was issued by ${parsed.identity.issuer}, and ${input.federationCode} trusts no external certification authority: its operators add one first (joinery exchange ca add)`,
        );
      verifyCertificate(parsed.native.raw, { trustAnchors: cas.map((c) => c.certificate_pem), usage, now: input.now });
      const issuer = cas.find((c) => {
        const anchor = new X509Certificate(c.certificate_pem);
        return parsed.native.checkIssued(anchor) && parsed.native.verify(anchor.publicKey);
      })!;
      const listed = await revokedByCaList(db, input.federationCode, issuer.fingerprint_sha256, parsed.identity.serialNumber);
      if (listed) throw new CertificateProblem('revoked', listedMessage(parsed.identity.subject, parsed.identity.serialNumber, listed));
      const known = await db
        .selectFrom('exchange_certificates')
        .select(['member_code', 'gateway_code'])
        .where('serial_number', '=', parsed.identity.serialNumber)
        .executeTakeFirst();
      if (known)
        throw new CertificateProblem(
          'malformed',
          `a certificate with serial ${parsed.identity.serialNumber} is already recorded${known.gateway_code ? ` (for ${known.member_code}/${known.gateway_code})` : ''}: each certificate enrols once, so have the CA issue a new one`,
        );
      checked[usage] = {
        pem: pem.trim(),
        serialNumber: parsed.identity.serialNumber,
        issuerFingerprint: issuer.fingerprint_sha256,
        issuerPem: issuer.certificate_pem,
      };
    } catch (error) {
      if (!(error instanceof CertificateProblem)) throw error;
      problems.push({ field, message: `${label}: ${error.message.replace(/^Certificate /, 'certificate ')}` });
    }
  }
  if (!checked.auth || !checked.sign || problems.length)
    return { ok: false, code: 'EXCHANGE_CERTIFICATE_INVALID', message: problems.map((p) => p.message).join('; '), problems };
  const { issuerPem, ...auth } = checked.auth;
  const { issuerPem: _signIssuer, ...sign } = checked.sign;
  return { ok: true, auth, sign, caCertificatePem: issuerPem };
}
