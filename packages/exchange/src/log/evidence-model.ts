/**
 * An evidence bundle: what a gateway hands a third party (an auditor, a court, the other party)
 * to prove that a message was logged, unaltered, at a time. Self-contained JSON: the message's
 * entries in full; for each, the content hashes of the entries after it up to the checkpoint
 * that covers it (enough to recompute the chain to the signed head), that checkpoint, its RFC
 * 3161 timestamp, and the certificates the verifier needs to trust the keys.
 */
import type { CheckpointEntry, MessageEntry, ResolveKey, TimestampEntry, VerifyTimestamp } from './model.ts';

export const EVIDENCE_FORMAT = 'joinery-exchange-evidence/1';

export interface EvidenceItem {
  entry: MessageEntry;
  /** contentHash of each entry from entry.seq + 1 to checkpoint.upTo, in order. */
  proof: string[];
  checkpoint: CheckpointEntry;
  timestamp?: TimestampEntry;
}

export interface EvidenceBundle {
  format: typeof EVIDENCE_FORMAT;
  messageId: string;
  /** The gateway whose log this is, as its checkpoints name it. */
  gateway: string;
  createdAt: string;
  items: EvidenceItem[];
  /** name → PEM, supplied by the gateway (its signing certificate and chain, the TSA's). */
  certificates: Record<string, string>;
}

export type EvidenceProblemKind =
  | 'not-evidence'
  | 'malformed'
  | 'no-entries'
  | 'wrong-message'
  | 'content-altered'
  | 'hash-altered'
  | 'proof-mismatch'
  | 'checkpoint-altered'
  | 'unknown-key'
  | 'bad-signature'
  | 'timestamp-mismatch'
  | 'bad-timestamp'
  | 'untimestamped'
  | 'timestamps-unchecked'
  | 'message-check';

export interface EvidenceProblem {
  kind: EvidenceProblemKind;
  severity: 'error' | 'warning';
  /** Index into `items`. */
  item?: number;
  seq?: number;
  message: string;
}

export interface VerifyEvidenceOptions {
  resolveKey: ResolveKey;
  verifyTimestamp?: VerifyTimestamp;
  /** Further checks on the messages themselves (RFC 9421 signatures, RFC 9530 digests); returns problems in words. */
  verifyMessages?: (entries: MessageEntry[], certificates: Record<string, string>) => string[];
}

export interface EvidenceVerification {
  isValid: boolean;
  messageId?: string;
  gateway?: string;
  /** The entries whose chain proof, checkpoint and signature all hold. */
  entries: MessageEntry[];
  /** Each proven entry's timestamp, where it had one that verified. */
  timestamps: { seq: number; genTime: Date }[];
  problems: EvidenceProblem[];
}
