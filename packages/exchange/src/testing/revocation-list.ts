/**
 * A certification authority's revocation list (CRL), made as a member's own CA would publish it,
 * for tests of applying one (the CA is a CertificateAuthority: the federation's own kind, or an
 * ECDSA one standing in for a member's PKI).
 */
import { AsnConvert } from '@peculiar/asn1-schema';
import { CRLNumber, id_ce_cRLNumber, id_ce_deltaCRLIndicator } from '@peculiar/asn1-x509';
import type { CertificateAuthority } from '../pki/certificate-authority.ts';
import { cryptoKeyPairOf, x509 } from '../pki/x509.ts';

export const CrlReason = x509.X509CrlReason;
/** A revocation list from the CA, listing `serials` (hex) with a reason each; CRL number and dates as given. */
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
