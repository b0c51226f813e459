/**
 * Why a timestamp token is refused (or a timestamping authority cannot be set up). Reasons are
 * specific so that a verifier of an evidence bundle can say what is wrong: the token is not for
 * this data (`imprint-mismatch`), was altered (`bad-signature`), comes from a TSA the federation
 * does not trust (`untrusted`), or was signed with a certificate other than the one it names
 * (`certificate-mismatch`, RFC 5816's ESS check).
 */
export type TimestampProblemReason =
  | 'malformed'
  | 'rejected'
  | 'unsupported-algorithm'
  | 'imprint-mismatch'
  | 'nonce-mismatch'
  | 'bad-signature'
  | 'missing-certificate'
  | 'certificate-mismatch'
  | 'untrusted'
  | 'wrong-usage'
  | 'revoked'
  | 'outside-validity'
  | 'future-time'
  | 'invalid-authority';

export class TimestampProblem extends Error {
  constructor(
    readonly reason: TimestampProblemReason,
    message: string,
  ) {
    super(message);
    this.name = 'TimestampProblem';
  }
}
