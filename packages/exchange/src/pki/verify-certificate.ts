/**
 * Is this a certificate the federation stands behind, for this use, now? Run by the gateway on
 * every new TLS connection (for the peer's authentication certificate) and on every signed
 * message (for the signing certificate), so it is synchronous and leans on OpenSSL through
 * `node:crypto`'s X509Certificate for the issuer match and signature, with the trust anchors
 * parsed once and cached. The anchors are the federation's own CA and any external CA it trusts
 * (a neighbouring federation's); certificates are issued directly by an anchor (no intermediates).
 */
import { type KeyObject } from 'node:crypto';
import { CertificateProblem } from './certificate-problem.ts';
import { copyOfIdentity, parseCertificate, type CertificateIdentity, type ParsedCertificate } from './identity-of-certificate.ts';
import type { CertificateUsage } from './issue-certificate.ts';
import { x509 } from './x509.ts';

export interface VerifyCertificateOptions {
  /** CA certificates (PEM) whose certificates are accepted. */
  trustAnchors: readonly string[];
  /** Serial numbers (lower-case hex, as `issueCertificate` returns them) that the authority has revoked. */
  revokedSerialNumbers?: ReadonlySet<string>;
  /** What the certificate is being used for; unchecked when absent. */
  usage?: CertificateUsage;
  now?: Date;
}

interface Anchor {
  parsed: ParsedCertificate;
  publicKey: KeyObject;
}

// Anchors change when the configuration does (rarely); a few dozen at most are in use at once.
const anchors = new Map<string, Anchor>();

function anchorOf(pem: string): Anchor {
  const cached = anchors.get(pem);
  if (cached) return cached;
  let parsed: ParsedCertificate;
  try {
    parsed = parseCertificate(pem);
  } catch (error) {
    throw new CertificateProblem('malformed', `A trust anchor is not a certificate: ${(error as Error).message}`);
  }
  if (!parsed.isCa || !parsed.native.ca)
    throw new CertificateProblem('malformed', `The trust anchor ${parsed.identity.subject} is not a CA certificate (basicConstraints cA)`);
  const anchor = { parsed, publicKey: parsed.native.publicKey };
  if (anchors.size >= 64) anchors.clear();
  anchors.set(pem, anchor);
  return anchor;
}

// Whether an anchor's key verifies a certificate's signature depends only on the two sets of
// bytes, so the answer is kept (an Ed25519 verification is ~70 µs; a lookup well under 1 µs).
const signatures = new Map<string, boolean>();

function isSignedBy(certificate: ParsedCertificate, anchor: Anchor): boolean {
  const key = `${certificate.identity.fingerprint256}:${anchor.parsed.identity.fingerprint256}`;
  let verdict = signatures.get(key);
  if (verdict === undefined) {
    verdict = certificate.native.verify(anchor.publicKey);
    if (signatures.size >= 4096) signatures.delete(signatures.keys().next().value!);
    signatures.set(key, verdict);
  }
  return verdict;
}

// RFC 5280 §4.2: a certificate with a critical extension the verifier does not know is refused.
const UNDERSTOOD = new Set([
  '2.5.29.19', // basicConstraints
  '2.5.29.15', // keyUsage
  '2.5.29.37', // extKeyUsage
  '2.5.29.17', // subjectAltName
  '2.5.29.14', // subjectKeyIdentifier
  '2.5.29.35', // authorityKeyIdentifier
  '2.5.29.32', // certificatePolicies (accepted, not enforced)
]);

const { serverAuth, clientAuth, timeStamping } = x509.ExtendedKeyUsage;
const { digitalSignature, nonRepudiation } = x509.KeyUsageFlags;

/** The first thing wrong with using the certificate for `usage`, or undefined. */
function usageProblem(certificate: ParsedCertificate, usage: CertificateUsage): string | undefined {
  if (certificate.isCa || certificate.native.ca) return 'is a CA certificate, not a gateway’s';
  const keyUsage = certificate.keyUsage;
  const extended = certificate.extendedKeyUsage;
  const purposes = new Set(extended?.purposes ?? []);
  switch (usage) {
    case 'auth':
      if (keyUsage === undefined || !(keyUsage & digitalSignature)) return 'lacks key usage digitalSignature needed for TLS';
      if (!purposes.has(serverAuth) || !purposes.has(clientAuth))
        return 'lacks extended key usage serverAuth and clientAuth (it is not an authentication certificate)';
      return undefined;
    case 'sign':
      if (keyUsage === undefined || !(keyUsage & nonRepudiation)) return 'lacks key usage nonRepudiation (it is not a signing certificate)';
      if (purposes.has(timeStamping)) return 'is a timestamping certificate';
      return undefined;
    case 'timestamping': // RFC 3161 §2.3
      if (!extended || !extended.isCritical || purposes.size !== 1 || !purposes.has(timeStamping))
        return 'does not have the one critical extended key usage id-kp-timeStamping that RFC 3161 §2.3 requires';
      if (keyUsage !== undefined && !(keyUsage & (digitalSignature | nonRepudiation))) return 'lacks key usage digitalSignature';
      return undefined;
    default:
      return `cannot be checked for unknown usage "${String(usage)}"`;
  }
}

function isRevoked(serial: string, revoked: ReadonlySet<string> | undefined): boolean {
  if (!revoked || revoked.size === 0) return false;
  const upper = serial.toUpperCase();
  return revoked.has(serial) || revoked.has(upper) || revoked.has(`00${serial}`) || revoked.has(`00${upper}`);
}

/**
 * Checks that an anchor issued the certificate and its signature verifies, that it is not
 * revoked, that it (and the anchor) are valid now, and that it is fit for `usage`. Returns whose
 * it is; throws CertificateProblem with reason malformed, untrusted, revoked, expired,
 * not-yet-valid or wrong-usage.
 * @example
 * const peer = verifyCertificate(socket.getPeerCertificate().raw, { trustAnchors, revokedSerialNumbers, usage: 'auth' });
 */
export function verifyCertificate(certificate: string | Buffer, options: VerifyCertificateOptions): CertificateIdentity {
  const parsed = parseCertificate(certificate);
  const { identity } = parsed;
  const which = `Certificate ${identity.subject} (serial ${identity.serialNumber})`;
  const candidates = options.trustAnchors.map(anchorOf).filter((anchor) => parsed.native.checkIssued(anchor.parsed.native));
  if (candidates.length === 0)
    throw new CertificateProblem(
      'untrusted',
      `${which} was issued by ${identity.issuer}, which is not a certification authority trusted here`,
    );
  const issuer = candidates.find((anchor) => isSignedBy(parsed, anchor));
  if (!issuer)
    throw new CertificateProblem(
      'untrusted',
      `${which}: its signature does not verify with the key of ${candidates[0]!.parsed.identity.subject}; it was altered or forged`,
    );
  for (const type of parsed.criticalExtensions)
    if (!UNDERSTOOD.has(type))
      throw new CertificateProblem('malformed', `${which} has a critical extension ${type} that is not understood here`);
  if (isRevoked(identity.serialNumber, options.revokedSerialNumbers))
    throw new CertificateProblem('revoked', `${which} has been revoked by the federation authority`);
  const now = options.now ?? new Date();
  if (now < identity.notBefore)
    throw new CertificateProblem('not-yet-valid', `${which} is not valid until ${identity.notBefore.toISOString()} (check the clocks)`);
  if (now > identity.notAfter) throw new CertificateProblem('expired', `${which} expired on ${identity.notAfter.toISOString()}`);
  const ca = issuer.parsed.identity;
  if (now < ca.notBefore || now > ca.notAfter)
    throw new CertificateProblem(
      now > ca.notAfter ? 'expired' : 'not-yet-valid',
      `${which} was issued by ${ca.subject}, which is valid only from ${ca.notBefore.toISOString()} to ${ca.notAfter.toISOString()}`,
    );
  if (options.usage) {
    const problem = usageProblem(parsed, options.usage);
    if (problem) throw new CertificateProblem('wrong-usage', `${which} cannot be used for ${options.usage}: it ${problem}`);
  }
  return copyOfIdentity(identity);
}
