/**
 * A certification authority issues its revocation list (CRL, RFC 5280 §5): for a member whose
 * own CA is run with this package's PKI (as the demo's hospital trust does), and for tests of
 * applying one. The CA is a CertificateAuthority (Ed25519, or ECDSA P-256 as a member's may be).
 */
import { AsnConvert } from '@peculiar/asn1-schema';
import { CRLNumber, id_ce_cRLNumber, id_ce_deltaCRLIndicator } from '@peculiar/asn1-x509';
import type { CertificateAuthority } from './certificate-authority.ts';
import { cryptoKeyPairOf, x509 } from './x509.ts';

/** RFC 5280 §5.3.1 reasons, for the entries. */
export const CrlReason = x509.X509CrlReason;
/**
 * The CA's list of `serials` (hex), each with its reason and date; the CRL number and dates as
 * given (by default issued a minute ago, next due in 7 days). PEM, labelled X509 CRL as OpenSSL does.
 * @example const pem = await issueRevocationList(ca, [{ serialNumber: '0a1b', reason: CrlReason.keyCompromise }], { number: 2 });
 */
export async function issueRevocationList(
  ca: CertificateAuthority,
  serials: { serialNumber: string; reason?: x509.X509CrlReason; revokedAt?: Date; issuer?: string; extensions?: x509.Extension[] }[] = [],
  options: { number?: number; thisUpdate?: Date; nextUpdate?: Date | null; isDelta?: boolean; extensions?: x509.Extension[] } = {},
): Promise<string> {
  const { keys, signingAlgorithm } = await cryptoKeyPairOf(ca.privateKey);
  const issuer = new x509.X509Certificate(ca.certificatePem);
  const thisUpdate = options.thisUpdate ?? new Date(Date.now() - 60_000);
  const extensions: x509.Extension[] = [...(options.extensions ?? [])];
  if (options.number !== undefined)
    extensions.push(new x509.Extension(id_ce_cRLNumber, false, AsnConvert.serialize(new CRLNumber(options.number))));
  if (options.isDelta) extensions.push(new x509.Extension(id_ce_deltaCRLIndicator, true, AsnConvert.serialize(new CRLNumber(1))));
  const crl = await x509.X509CrlGenerator.create({
    issuer: issuer.subjectName,
    thisUpdate,
    ...(options.nextUpdate === null ? {} : { nextUpdate: options.nextUpdate ?? new Date(thisUpdate.getTime() + 7 * 86_400_000) }),
    entries: serials.map((s) => ({
      serialNumber: s.serialNumber,
      revocationDate: s.revokedAt ?? new Date(thisUpdate.getTime() - 3_600_000),
      ...(s.reason === undefined ? {} : { reason: s.reason }),
      ...(s.issuer === undefined ? {} : { issuer: s.issuer }),
      ...(s.extensions === undefined ? {} : { extensions: s.extensions }),
    })),
    extensions,
    signingKey: keys.privateKey,
    signingAlgorithm,
  });
  // As OpenSSL writes it (RFC 7468 §5); the library's own label is plain CRL.
  return crl.toString('pem').replace(/-----(BEGIN|END) CRL-----/g, '-----$1 X509 CRL-----');
}
