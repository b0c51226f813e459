/**
 * The one error the signing layer throws about anything a peer sent. Its `reason` is a stable code
 * the gateway maps to its X-Road fault (see `faultTypeForProblem`); its message says exactly what
 * was wrong, in words an integrator can act on ("The signature does not cover x-road-client").
 */

export const SIGNATURE_PROBLEM_REASONS = [
  // RFC 9530 Content-Digest
  'digest-missing',
  'digest-malformed',
  'digest-unsupported',
  'digest-mismatch',
  // RFC 9421 message signatures
  'signature-missing',
  'signature-malformed',
  'unknown-key',
  'wrong-algorithm',
  'missing-component',
  'bad-signature',
  'expired',
  'stale',
  'future',
  'wrong-tag',
] as const;

export type SignatureProblemReason = (typeof SIGNATURE_PROBLEM_REASONS)[number];

export class SignatureProblem extends Error {
  constructor(
    readonly reason: SignatureProblemReason,
    message: string,
  ) {
    super(message);
    this.name = 'SignatureProblem';
  }
}

/**
 * Which X-Road fault a problem becomes, seen from the gateway that found it: the timing reasons
 * are a stale message (check the clocks), everything else an invalid signature.
 */
export function faultTypeForProblem(
  problem: SignatureProblem,
  side: 'ServerProxy' | 'ClientProxy',
): 'Server.ServerProxy.InvalidSignature' | 'Server.ServerProxy.StaleMessage' | 'Server.ClientProxy.InvalidSignature' {
  if (side === 'ClientProxy') return 'Server.ClientProxy.InvalidSignature';
  return problem.reason === 'expired' || problem.reason === 'stale' || problem.reason === 'future'
    ? 'Server.ServerProxy.StaleMessage'
    : 'Server.ServerProxy.InvalidSignature';
}

/** Hostile input goes into messages quoted and cut short, so a 10 KB header cannot flood a log line. */
export function excerpt(text: string, max = 80): string {
  const shown = text.length > max ? `${text.slice(0, max)}…` : text;
  return JSON.stringify(shown);
}
