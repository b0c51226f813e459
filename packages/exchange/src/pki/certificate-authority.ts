/**
 * The federation's certification authority: a self-signed Ed25519 root (RFC 8410) that issues
 * every gateway's authentication and signing certificates and the timestamping certificate.
 * There is no intermediate: the authority's server is the only issuer, so the root is marked
 * pathLenConstraint 0 (RFC 5280 §4.2.1.9) and can sign end-entity certificates only.
 */
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { CertificateProblem } from './certificate-problem.ts';
import { cryptoKeyPairOf, randomSerialNumber, x509 } from './x509.ts';

export interface CertificateAuthority {
  privateKey: KeyObject;
  certificatePem: string;
}

export interface CreateCertificateAuthorityOptions {
  /** The organisation that runs the authority, e.g. Wessex Data Exchange. */
  name: string;
  /** The federation's code, e.g. wessex. */
  federation: string;
  /** The certificate's CN; by default "<federation> federation CA" (a member's own CA names itself). */
  commonName?: string;
  /** Default 10 years. */
  validDays?: number;
  /** An existing Ed25519 key to certify (to renew the root); by default a new one. */
  privateKey?: KeyObject;
  /** Explicit validity (tests make expired authorities with these). */
  notBefore?: Date;
  notAfter?: Date;
}

const DAY = 86_400_000;
// Backdated a little so a peer whose clock is a few minutes slow does not see "not yet valid".
export const CLOCK_SKEW_MS = 5 * 60_000;

/** @example const ca = await createCertificateAuthority({ name: 'Wessex Data Exchange', federation: 'wessex' }); */
export async function createCertificateAuthority(options: CreateCertificateAuthorityOptions): Promise<CertificateAuthority> {
  const { name, federation, validDays = 3650 } = options;
  if (typeof name !== 'string' || !name.trim() || name.length > 64)
    throw new CertificateProblem('invalid-request', 'The authority’s name must be 1–64 characters');
  if (typeof federation !== 'string' || !/^[a-z0-9][a-z0-9-]{1,62}$/.test(federation))
    throw new CertificateProblem('invalid-request', `"${federation}" is not a federation code (lower-case letters, digits and hyphens)`);
  const privateKey = options.privateKey ?? generateKeyPairSync('ed25519').privateKey;
  if (privateKey.asymmetricKeyType !== 'ed25519')
    throw new CertificateProblem('invalid-request', 'The certification authority’s key must be Ed25519');
  const { keys, signingAlgorithm } = await cryptoKeyPairOf(privateKey);
  const notBefore = options.notBefore ?? new Date(Date.now() - CLOCK_SKEW_MS);
  const notAfter = options.notAfter ?? new Date(notBefore.getTime() + validDays * DAY);
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: randomSerialNumber(),
    name: [{ C: ['GB'] }, { O: [name] }, { CN: [options.commonName ?? `${federation} federation CA`] }],
    notBefore,
    notAfter,
    keys,
    signingAlgorithm,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return { privateKey, certificatePem: certificate.toString('pem') };
}
