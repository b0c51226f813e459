/**
 * A certification authority that is not the federation's, as a member's own PKI would be: an
 * ECDSA P-256 root (most organisations' CAs are not Ed25519) with its own subject names, that
 * issues certificates for a gateway's Ed25519 keys with the usual TLS and signing profiles.
 */
import { createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { AsnConvert } from '@peculiar/asn1-schema';
import { CRLNumber, id_ce_cRLNumber, id_ce_deltaCRLIndicator } from '@peculiar/asn1-x509';
import type { CertificateAuthority } from '../../src/pki/index.ts';
import { cryptoKeyPairOf, randomSerialNumber, x509 } from '../../src/pki/x509.ts';

const { digitalSignature, nonRepudiation, keyCertSign, cRLSign } = x509.KeyUsageFlags;

export async function createExternalCa(
  options: { name?: string; notBefore?: Date; notAfter?: Date; isCa?: boolean } = {},
): Promise<CertificateAuthority> {
  const privateKey: KeyObject = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey;
  const { keys, signingAlgorithm } = await cryptoKeyPairOf(privateKey);
  const notBefore = options.notBefore ?? new Date(Date.now() - 3_600_000);
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: randomSerialNumber(),
    name: [{ C: ['GB'] }, { O: ['Wessex Hospitals NHS Trust'] }, { CN: [options.name ?? 'Wessex NHS Issuing CA'] }],
    notBefore,
    notAfter: options.notAfter ?? new Date(notBefore.getTime() + 5 * 365 * 86_400_000),
    keys,
    signingAlgorithm,
    extensions: [
      new x509.BasicConstraintsExtension(options.isCa ?? true, undefined, true),
      new x509.KeyUsagesExtension(keyCertSign | cRLSign | digitalSignature, true),
    ],
  });
  return { privateKey, certificatePem: certificate.toString('pem') };
}

/** One certificate from the external CA, for a TLS (auth) or signing (sign) key. */
export async function issueExternalCertificate(ca: CertificateAuthority, key: KeyObject, usage: 'auth' | 'sign'): Promise<string> {
  const { keys, signingAlgorithm } = await cryptoKeyPairOf(ca.privateKey);
  const issuer = new x509.X509Certificate(ca.certificatePem);
  const certificate = await x509.X509CertificateGenerator.create({
    serialNumber: randomSerialNumber(),
    subject: `C=GB, O=Wessex Hospitals NHS Trust, CN=${usage === 'auth' ? 'gateway.wessex-nhs.example' : 'Wessex NHS gateway signing'}`,
    issuer: issuer.subjectName,
    notBefore: new Date(Date.now() - 60_000),
    notAfter: new Date(Date.now() + 365 * 86_400_000),
    publicKey: createPublicKey(key).export({ type: 'spki', format: 'der' }),
    signingKey: keys.privateKey,
    signingAlgorithm,
    extensions:
      usage === 'auth'
        ? [
            new x509.BasicConstraintsExtension(false),
            new x509.KeyUsagesExtension(digitalSignature, true),
            new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth, x509.ExtendedKeyUsage.clientAuth]),
            new x509.SubjectAlternativeNameExtension([{ type: 'dns', value: 'gateway.wessex-nhs.example' }]),
          ]
        : [new x509.BasicConstraintsExtension(false), new x509.KeyUsagesExtension(digitalSignature | nonRepudiation, true)],
  });
  return certificate.toString('pem');
}

/** The two certificates the external CA issues for a gateway's keys. */
export async function issueFromExternalCa(ca: CertificateAuthority, keys: { authKey: KeyObject; signKey: KeyObject }) {
  const [authCertificatePem, signCertificatePem] = await Promise.all([
    issueExternalCertificate(ca, keys.authKey, 'auth'),
    issueExternalCertificate(ca, keys.signKey, 'sign'),
  ]);
  return { authCertificatePem, signCertificatePem };
}

/** A revocation list from the external CA, listing `serials` (hex) with a reason each; CRL number and dates as given. */
export async function issueRevocationList(
  ca: CertificateAuthority,
  serials: { serialNumber: string; reason?: x509.X509CrlReason; revokedAt?: Date }[],
  options: { number?: number; thisUpdate?: Date; nextUpdate?: Date | null; isDelta?: boolean } = {},
): Promise<string> {
  const { keys, signingAlgorithm } = await cryptoKeyPairOf(ca.privateKey);
  const issuer = new x509.X509Certificate(ca.certificatePem);
  const thisUpdate = options.thisUpdate ?? new Date(Date.now() - 60_000);
  const extensions: x509.Extension[] = [];
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
    })),
    extensions,
    signingKey: keys.privateKey,
    signingAlgorithm,
  });
  // As OpenSSL writes it (RFC 7468 §5); the library's own label is plain CRL.
  return crl.toString('pem').replace(/-----(BEGIN|END) CRL-----/g, '-----$1 X509 CRL-----');
}
