/**
 * PKCS #10 certificate requests (RFC 2986): how a gateway asks the authority for its
 * certificates without its private key ever leaving it. The gateway makes the key and signs a
 * request with it; the authority checks that self-signature (proof the requester holds the key)
 * and issues a certificate for the public key, with the subject the authority decides.
 */
import { createPublicKey, type KeyObject } from 'node:crypto';
import { CertificateProblem } from './certificate-problem.ts';
import { nameOfSubject, subjectOfName, type CertificateSubject } from './certificate-subject.ts';
import { cryptoKeyPairOf, x509 } from './x509.ts';

/** @example const csrPem = await createCertificateRequest(authKey, { organisationName, memberId, gatewayId }); */
export async function createCertificateRequest(privateKey: KeyObject, subject: CertificateSubject): Promise<string> {
  const { keys, signingAlgorithm } = await cryptoKeyPairOf(privateKey);
  const request = await x509.Pkcs10CertificateRequestGenerator.create({ name: nameOfSubject(subject), keys, signingAlgorithm });
  return request.toString('pem');
}

export interface ReadCertificateRequest extends Partial<CertificateSubject> {
  /** The requester's public key, SPKI PEM: what `issueCertificate` certifies. */
  publicKeyPem: string;
  /** The subject it asked for, RFC 4514 text. */
  subject: string;
}

/** Parses a CSR and checks its self-signature; throws CertificateProblem('malformed' | 'bad-signature'). */
export async function readCertificateRequest(pem: string): Promise<ReadCertificateRequest> {
  let request: x509.Pkcs10CertificateRequest;
  let publicKey: KeyObject;
  try {
    request = new x509.Pkcs10CertificateRequest(pem);
    publicKey = createPublicKey({ key: Buffer.from(request.publicKey.rawData), format: 'der', type: 'spki' });
  } catch (error) {
    throw new CertificateProblem('malformed', `The text is not a PKCS #10 certificate request: ${(error as Error).message}`);
  }
  // A failure to verify at all (an algorithm WebCrypto lacks, a signature not even well formed) is a no.
  const verified = await request.verify().catch(() => false);
  if (!verified)
    throw new CertificateProblem(
      'bad-signature',
      `The certificate request for ${request.subject || 'an empty subject'} is not signed by its own key: it was altered, or made without the private key`,
    );
  return {
    ...subjectOfName(request.subjectName),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    subject: request.subject,
  };
}
