/**
 * A certification authority that is not the federation's, as a member's own PKI would be: an
 * ECDSA P-256 root (most organisations' CAs are not Ed25519) with its own subject names, that
 * issues certificates for a gateway's Ed25519 keys with the usual TLS and signing profiles.
 */
import { createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
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
