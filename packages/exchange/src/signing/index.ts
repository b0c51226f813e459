/** The signing layer's public surface: RFC 9421 message signatures, RFC 9530 digests, replay protection. */
export { SignatureProblem, SIGNATURE_PROBLEM_REASONS, faultTypeForProblem, type SignatureProblemReason } from './errors.ts';
export { contentDigest, verifyContentDigest, type DigestAlgorithm } from './content-digest.ts';
export type { HttpMessage } from './http-message.ts';
export { parseComponent, formatComponent, type ComponentIdentifier } from './component-identifier.ts';
export { signatureBase, type SignatureBase } from './signature-base.ts';
export {
  signMessage,
  verifyMessage,
  createNonce,
  type SignMessageOptions,
  type SignedHeaders,
  type VerifyMessageOptions,
  type VerifiedSignature,
} from './message-signatures.ts';
export { ReplayGuard, type ReplayGuardOptions, type ReplayGuardStats, type ReplayVerdict } from './replay-guard.ts';
