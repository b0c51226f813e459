/**
 * Why a certificate, or a request for one, is refused. The gateway maps these onto X-Road's
 * `*.InvalidCertificate` faults; the message says which certificate (subject and serial) and why,
 * so that an operator can tell an expired certificate from one the federation never issued.
 */
export type CertificateProblemReason =
  'malformed' | 'untrusted' | 'expired' | 'not-yet-valid' | 'revoked' | 'wrong-usage' | 'bad-signature' | 'invalid-request';

export class CertificateProblem extends Error {
  constructor(
    readonly reason: CertificateProblemReason,
    message: string,
  ) {
    super(message);
    this.name = 'CertificateProblem';
  }
}
