/**
 * Issuing a member's certificates from the federation CA. Each gateway holds two, as X-Road's
 * security servers do: an authentication certificate for mutual TLS between gateways and a
 * signing certificate for its message signatures; the authority's timestamping service holds a
 * third kind. The profile of each follows RFC 5280 §4.2.1.3 (key usage) and §4.2.1.12 (extended
 * key usage); timestamping follows RFC 3161 §2.3.
 */
import { createPublicKey, X509Certificate, type KeyObject } from 'node:crypto';
import type { CertificateAuthority } from './certificate-authority.ts';
import { CLOCK_SKEW_MS } from './certificate-authority.ts';
import { CertificateProblem } from './certificate-problem.ts';
import { nameOfSubject, type CertificateSubject } from './certificate-subject.ts';
import { cryptoKeyPairOf, randomSerialNumber, x509 } from './x509.ts';

export type CertificateUsage = 'auth' | 'sign' | 'timestamping';

export interface CertificateRequest {
  /** The subject's public key (a KeyObject, or SPKI PEM, e.g. from `readCertificateRequest`). */
  publicKey: KeyObject | string;
  usage: CertificateUsage;
  subject: CertificateSubject;
  /** Default 2 years (730 days) from notBefore. */
  validDays?: number;
  /** For auth certificates: the addresses peers reach the gateway at (on loopback, IP 127.0.0.1). */
  subjectAltNames?: { ip?: string[]; dns?: string[] };
  /** Explicit validity (tests issue expired and future certificates with these). */
  notBefore?: Date;
  notAfter?: Date;
}

export interface IssuedCertificate {
  certificatePem: string;
  /** Lower-case hex: what revocation lists name it by. */
  serialNumber: string;
}

const DAY = 86_400_000;
const { digitalSignature, nonRepudiation } = x509.KeyUsageFlags;

function usageExtensions(usage: CertificateUsage): x509.Extension[] {
  switch (usage) {
    case 'auth': // a TLS peer in both directions: each gateway is client and server
      return [
        new x509.KeyUsagesExtension(digitalSignature, true),
        new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth, x509.ExtendedKeyUsage.clientAuth]),
      ];
    case 'sign': // non-repudiation (contentCommitment): its signatures stand as evidence
      return [new x509.KeyUsagesExtension(digitalSignature | nonRepudiation, true)];
    case 'timestamping': // RFC 3161 §2.3: only id-kp-timeStamping, and critical
      return [
        new x509.KeyUsagesExtension(digitalSignature, true),
        new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.timeStamping], true),
      ];
    default:
      throw new CertificateProblem('invalid-request', `"${String(usage)}" is not a certificate usage (auth, sign or timestamping)`);
  }
}

function subjectPublicKeyOf(publicKey: KeyObject | string, usage: CertificateUsage): Buffer {
  let key: KeyObject;
  try {
    key = typeof publicKey === 'string' || publicKey.type === 'private' ? createPublicKey(publicKey) : publicKey;
  } catch (error) {
    throw new CertificateProblem('invalid-request', `The public key to certify cannot be read: ${(error as Error).message}`);
  }
  const type = key.asymmetricKeyType;
  const allowed =
    type === 'ed25519' || (usage === 'timestamping' && type === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1');
  if (!allowed)
    throw new CertificateProblem(
      'invalid-request',
      `A ${usage} certificate is for an Ed25519 key${usage === 'timestamping' ? ' or an ECDSA P-256 key' : ''}, not ${type}`,
    );
  return key.export({ type: 'spki', format: 'der' });
}

function subjectAltNamesOf(names: CertificateRequest['subjectAltNames']): x509.Extension[] {
  const entries: x509.JsonGeneralNames = [
    ...(names?.ip ?? []).map((value) => ({ type: 'ip' as const, value })),
    ...(names?.dns ?? []).map((value) => ({ type: 'dns' as const, value })),
  ];
  return entries.length ? [new x509.SubjectAlternativeNameExtension(entries)] : [];
}

/**
 * @example
 * const { certificatePem } = await issueCertificate(ca, {
 *   publicKey, usage: 'auth', subjectAltNames: { ip: ['127.0.0.1'] },
 *   subject: { organisationName: 'Casterbridge', memberId: 'wessex/GOV/casterbridge', gatewayId: 'wessex/GOV/casterbridge/gw1' },
 * });
 */
export async function issueCertificate(ca: CertificateAuthority, request: CertificateRequest): Promise<IssuedCertificate> {
  const name = nameOfSubject(request.subject);
  const extensions = usageExtensions(request.usage);
  const spki = subjectPublicKeyOf(request.publicKey, request.usage);
  const caCertificate = new x509.X509Certificate(ca.certificatePem);
  const caSpki = Buffer.from(caCertificate.publicKey.rawData);
  if (!createPublicKey(ca.privateKey).export({ type: 'spki', format: 'der' }).equals(caSpki))
    throw new CertificateProblem('invalid-request', `The CA's private key is not the key of its certificate (${caCertificate.subject})`);
  if (!new X509Certificate(ca.certificatePem).ca)
    throw new CertificateProblem('invalid-request', `${caCertificate.subject} is not a CA certificate`);
  const caKeyId = caCertificate.getExtension(x509.SubjectKeyIdentifierExtension)?.keyId;
  const { keys, signingAlgorithm } = await cryptoKeyPairOf(ca.privateKey);
  const notBefore = request.notBefore ?? new Date(Date.now() - CLOCK_SKEW_MS);
  const notAfter = request.notAfter ?? new Date(notBefore.getTime() + (request.validDays ?? 730) * DAY);
  if (notAfter <= notBefore) throw new CertificateProblem('invalid-request', 'The certificate would end before it begins');
  const serialNumber = randomSerialNumber();
  const certificate = await x509.X509CertificateGenerator.create({
    serialNumber,
    subject: name,
    issuer: caCertificate.subjectName,
    notBefore,
    notAfter,
    publicKey: spki,
    signingKey: keys.privateKey,
    signingAlgorithm,
    extensions: [
      new x509.BasicConstraintsExtension(false),
      ...extensions,
      ...subjectAltNamesOf(request.subjectAltNames),
      await x509.SubjectKeyIdentifierExtension.create(spki),
      ...(caKeyId ? [new x509.AuthorityKeyIdentifierExtension(caKeyId)] : []),
    ],
  });
  return { certificatePem: certificate.toString('pem'), serialNumber };
}
