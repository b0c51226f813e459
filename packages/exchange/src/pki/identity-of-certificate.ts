/**
 * Whose a certificate is: what a gateway reads from the certificate a TLS peer presented
 * (`socket.getPeerCertificate().raw`) to learn which member's gateway it is talking to, and what
 * the authority records about each certificate it issues.
 *
 * Parsing is the slow part of checking a certificate (asn1js takes ~0.3 ms), and a gateway sees
 * the same few peer certificates over and over, so the facts read from a certificate's bytes —
 * which never change — are kept in a small cache keyed by those bytes.
 */
import { createHash, X509Certificate } from 'node:crypto';
import { AsnConvert } from '@peculiar/asn1-schema';
import {
  BasicConstraints,
  Certificate,
  ExtendedKeyUsage,
  id_ce_basicConstraints,
  id_ce_extKeyUsage,
  id_ce_keyUsage,
  KeyUsage,
} from '@peculiar/asn1-x509';
import { CertificateProblem } from './certificate-problem.ts';
import { subjectOfName } from './certificate-subject.ts';
import { normaliseSerialNumber, x509 } from './x509.ts';

export interface CertificateIdentity {
  /** The member (the subject's OU), when it is an X-Road member id. */
  memberId?: string;
  /** The gateway (the subject's CN), when it is a gateway of that member. */
  gatewayId?: string;
  /** The subject's O. */
  organisationName?: string;
  /** Lower-case hex, without leading zero octets. */
  serialNumber: string;
  /** SHA-256 of the DER, lower-case hex. */
  fingerprint256: string;
  notBefore: Date;
  notAfter: Date;
  /** RFC 4514 text, e.g. `C=GB, O=Casterbridge, OU=wessex/GOV/casterbridge, CN=wessex/GOV/casterbridge/gw1`. */
  subject: string;
  issuer: string;
}

/** What checking a certificate needs from it: OpenSSL's view (issuer match, signature) and its extensions. */
export interface ParsedCertificate {
  native: X509Certificate;
  identity: Readonly<CertificateIdentity>;
  isCa: boolean;
  /** RFC 5280 §4.2.1.3 bits as x509.KeyUsageFlags, when the extension is present. */
  keyUsage?: number;
  /** RFC 5280 §4.2.1.12, when present. */
  extendedKeyUsage?: { purposes: readonly string[]; isCritical: boolean };
  criticalExtensions: readonly string[];
}

const cache = new Map<string, ParsedCertificate>();
const CACHE_SIZE = 1024;

const describe = (certificate: string | Buffer): string =>
  typeof certificate === 'string' ? 'The text given as a certificate' : 'The bytes given as a certificate';

function parseUncached(certificate: string | Buffer): ParsedCertificate {
  let native: X509Certificate;
  let asn: Certificate;
  try {
    native = new X509Certificate(certificate);
    asn = AsnConvert.parse(native.raw, Certificate);
  } catch (error) {
    throw new CertificateProblem('malformed', `${describe(certificate)} is not an X.509 certificate: ${(error as Error).message}`);
  }
  const tbs = asn.tbsCertificate;
  const subjectName = new x509.Name(tbs.subject);
  const parsed: ParsedCertificate = {
    native,
    identity: {
      ...subjectOfName(subjectName),
      serialNumber: normaliseSerialNumber(Buffer.from(tbs.serialNumber).toString('hex')),
      fingerprint256: createHash('sha256').update(native.raw).digest('hex'),
      notBefore: tbs.validity.notBefore.getTime(),
      notAfter: tbs.validity.notAfter.getTime(),
      subject: subjectName.toString(),
      issuer: new x509.Name(tbs.issuer).toString(),
    },
    isCa: false,
    criticalExtensions: (tbs.extensions ?? []).filter((extension) => extension.critical).map((extension) => extension.extnID),
  };
  try {
    for (const extension of tbs.extensions ?? []) {
      const value = extension.extnValue.buffer;
      if (extension.extnID === id_ce_basicConstraints) parsed.isCa = AsnConvert.parse(value, BasicConstraints).cA;
      else if (extension.extnID === id_ce_keyUsage) parsed.keyUsage = AsnConvert.parse(value, KeyUsage).toNumber();
      else if (extension.extnID === id_ce_extKeyUsage)
        parsed.extendedKeyUsage = { purposes: [...AsnConvert.parse(value, ExtendedKeyUsage)], isCritical: extension.critical };
    }
  } catch (error) {
    throw new CertificateProblem(
      'malformed',
      `Certificate ${parsed.identity.subject} has an extension that cannot be read: ${(error as Error).message}`,
    );
  }
  return parsed;
}

/** Parses a certificate (PEM text or DER bytes), or throws CertificateProblem('malformed'). */
export function parseCertificate(certificate: string | Buffer): ParsedCertificate {
  const key = typeof certificate === 'string' ? certificate : certificate.toString('latin1');
  const cached = cache.get(key);
  if (cached) return cached;
  const parsed = parseUncached(certificate);
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
  cache.set(key, parsed);
  return parsed;
}

/** A copy the caller may keep and change without touching the cache. */
export const copyOfIdentity = (identity: Readonly<CertificateIdentity>): CertificateIdentity => ({
  ...identity,
  notBefore: new Date(identity.notBefore),
  notAfter: new Date(identity.notAfter),
});

/**
 * @example
 * const peer = identityOfCertificate(socket.getPeerCertificate().raw);
 * peer.gatewayId // 'wessex/GOV/casterbridge/gw1'
 */
export function identityOfCertificate(certificate: string | Buffer): CertificateIdentity {
  return copyOfIdentity(parseCertificate(certificate).identity);
}

/** SHA-256 of the certificate's DER, lower-case hex (what the configuration and logs name certificates by). */
export function fingerprint(certificate: string | Buffer): string {
  return parseCertificate(certificate).identity.fingerprint256;
}
