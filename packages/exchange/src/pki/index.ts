/** The federation's PKI: keys, the CA, gateway certificates, requests and their verification. */
export {
  generateSigningKeyPair,
  writePrivateKeyFile,
  readPrivateKeyFile,
  encryptPrivateKey,
  decryptPrivateKey,
  isSameKey,
  KeyProblem,
} from './keys.ts';
export { createCertificateAuthority, type CertificateAuthority, type CreateCertificateAuthorityOptions } from './certificate-authority.ts';
export { issueCertificate, type CertificateUsage, type CertificateRequest, type IssuedCertificate } from './issue-certificate.ts';
export { createCertificateRequest, readCertificateRequest, type ReadCertificateRequest } from './csr.ts';
export { verifyCertificate, type VerifyCertificateOptions } from './verify-certificate.ts';
export { identityOfCertificate, fingerprint, type CertificateIdentity } from './identity-of-certificate.ts';
export { readSha256Fingerprint } from './fingerprint-text.ts';
export type { CertificateSubject } from './certificate-subject.ts';
export { issueRevocationList, CrlReason } from './issue-revocation-list.ts';
export { readRevocationList, REVOCATION_LIST_MAX_BYTES, type RevocationList, type RevokedEntry } from './revocation-list.ts';
export { CertificateProblem, type CertificateProblemReason } from './certificate-problem.ts';
