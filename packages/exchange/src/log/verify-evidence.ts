/**
 * Verifies an evidence bundle with nothing but the bundle and the keys the verifier trusts. For
 * each entry: recompute its contentHash and hash, walk the proof (hash = SHA-256(hash ‖ next
 * contentHash)) to the checkpoint's headHash, check the checkpoint entry itself and its
 * signature, then its RFC 3161 timestamp (RFC 3161 §2.4.2: the token's messageImprint is
 * SHA-256 of the checkpoint's hash), then hand the proven entries to `verifyMessages` for the
 * RFC 9421 checks. Any JSON gets problems back, never an exception; only text that is not JSON
 * at all is refused with MessageLogError('not-json').
 */
import { checkCheckpointSignature } from './checkpoint-signature.ts';
import { chainHash, isHash, safeContentHashOf, timestampDigestOf } from './entry-hash.ts';
import { entryShapeProblem, kindFieldsProblem } from './entry-shape.ts';
import {
  EVIDENCE_FORMAT,
  type EvidenceProblem,
  type EvidenceProblemKind,
  type EvidenceVerification,
  type VerifyEvidenceOptions,
} from './evidence-model.ts';
import { MessageLogError } from './message-log-error.ts';
import type { CheckpointEntry, LogEntry, MessageEntry } from './model.ts';

const WARNINGS = new Set<EvidenceProblemKind>(['untimestamped', 'timestamps-unchecked']);
const isObject = (value: unknown): value is Record<string, unknown> => !!value && typeof value === 'object' && !Array.isArray(value);

function parseBundle(bundle: unknown): unknown {
  if (typeof bundle !== 'string' && !(bundle instanceof Uint8Array)) return bundle;
  try {
    return JSON.parse(typeof bundle === 'string' ? bundle : Buffer.from(bundle).toString('utf8'));
  } catch (error) {
    throw new MessageLogError('not-json', `The evidence is not JSON: ${(error as Error).message}`);
  }
}

/** Why `value` is not a sound entry of `kind`, or undefined. */
function entryProblem(value: unknown, kind: LogEntry['kind']): string | undefined {
  const shape = entryShapeProblem(value);
  if (shape) return shape;
  if ((value as LogEntry).kind !== kind) return `it is a ${(value as LogEntry).kind} entry, not a ${kind} entry`;
  return kindFieldsProblem(value as LogEntry);
}

export function verifyEvidence(bundle: unknown, options: VerifyEvidenceOptions): EvidenceVerification {
  const value = parseBundle(bundle);
  const problems: EvidenceProblem[] = [];
  const add = (kind: EvidenceProblemKind, message: string, item?: number, seq?: number) =>
    problems.push({
      kind,
      severity: WARNINGS.has(kind) ? 'warning' : 'error',
      ...(item !== undefined ? { item } : {}),
      ...(seq !== undefined ? { seq } : {}),
      message,
    });
  const result = (extra: Partial<EvidenceVerification> = {}): EvidenceVerification => ({
    isValid: !problems.some((problem) => problem.severity === 'error'),
    entries: [],
    timestamps: [],
    problems,
    ...extra,
  });
  if (!isObject(value) || value.format !== EVIDENCE_FORMAT) {
    add('not-evidence', `This is not a ${EVIDENCE_FORMAT} evidence bundle`);
    return result();
  }
  const messageId = typeof value.messageId === 'string' ? value.messageId : undefined;
  if (!messageId) add('malformed', 'The bundle does not say which message it is for');
  const certificates =
    isObject(value.certificates) && Object.values(value.certificates).every((pem) => typeof pem === 'string')
      ? (value.certificates as Record<string, string>)
      : {};
  if (value.certificates !== undefined && certificates !== value.certificates)
    add('malformed', 'The bundle’s certificates are not a map of names to PEM text');
  const items = Array.isArray(value.items) ? (value.items as unknown[]) : [];
  if (!items.length) add('no-entries', 'The bundle holds no log entries');
  const entries: MessageEntry[] = [];
  const timestamps: { seq: number; genTime: Date }[] = [];
  let gateway: string | undefined;
  items.forEach((item, i) => {
    let proven;
    try {
      proven = verifyItem(item, i, messageId, options, add);
    } catch (error) {
      // Belt and braces: no bundle, however strange, makes the verifier throw.
      add('malformed', `Item ${i} cannot be checked: ${(error as Error)?.message ?? error}`, i);
    }
    if (!proven) return;
    entries.push(proven.entry);
    gateway ??= proven.checkpoint.gateway;
    if (proven.genTime) timestamps.push({ seq: proven.entry.seq, genTime: proven.genTime });
  });
  if (options.verifyMessages && entries.length) {
    try {
      const found = options.verifyMessages(entries, certificates);
      for (const message of Array.isArray(found) ? found : []) add('message-check', String(message));
    } catch (error) {
      add('message-check', `The message checks failed: ${(error as Error)?.message ?? error}`);
    }
  }
  return result({ ...(messageId ? { messageId } : {}), ...(gateway ? { gateway } : {}), entries, timestamps });
}

type Add = (kind: EvidenceProblemKind, message: string, item?: number, seq?: number) => void;

/** Checks one item; returns it when its entry is proven up to a signed checkpoint. */
function verifyItem(
  item: unknown,
  i: number,
  messageId: string | undefined,
  options: VerifyEvidenceOptions,
  add: Add,
): { entry: MessageEntry; checkpoint: CheckpointEntry; genTime?: Date } | undefined {
  if (!isObject(item)) return void add('malformed', `Item ${i} is not an object`, i);
  const entryWrong = entryProblem(item.entry, 'message');
  if (entryWrong) return void add('malformed', `Item ${i}’s entry is not a message entry: ${entryWrong}`, i);
  const entry = item.entry as MessageEntry;
  const seq = entry.seq;
  if (messageId !== undefined && entry.record.messageId !== messageId)
    add('wrong-message', `Entry ${seq} is for message ${entry.record.messageId}, not ${messageId}`, i, seq);
  const contentHash = safeContentHashOf(entry);
  if (contentHash !== entry.contentHash)
    return void add('content-altered', `Entry ${seq} has been altered: its content does not match its contentHash`, i, seq);
  if (chainHash(entry.prev, contentHash) !== entry.hash)
    return void add('hash-altered', `Entry ${seq}’s hash is not SHA-256(prev ‖ contentHash)`, i, seq);
  const checkpointWrong = entryProblem(item.checkpoint, 'checkpoint');
  if (checkpointWrong) return void add('malformed', `Item ${i}’s checkpoint is not a checkpoint entry: ${checkpointWrong}`, i, seq);
  const checkpoint = item.checkpoint as CheckpointEntry;
  const checkpointHash = safeContentHashOf(checkpoint);
  if (checkpointHash !== checkpoint.contentHash || chainHash(checkpoint.prev, checkpoint.contentHash) !== checkpoint.hash)
    return void add('checkpoint-altered', `Checkpoint ${checkpoint.seq} has been altered: it does not match its hashes`, i, seq);
  if (checkpoint.upTo !== checkpoint.seq - 1 || checkpoint.headHash !== checkpoint.prev || checkpoint.upTo < seq)
    return void add('checkpoint-altered', `Checkpoint ${checkpoint.seq} does not cover entry ${seq}`, i, seq);
  // The walk from the entry to the signed head (RFC 6962-like, but a chain, not a tree).
  const proof = item.proof;
  if (!Array.isArray(proof) || !proof.every(isHash))
    return void add('malformed', `Item ${i}’s proof is not a list of SHA-256 values`, i, seq);
  if (proof.length !== checkpoint.upTo - seq)
    return void add(
      'proof-mismatch',
      `The proof for entry ${seq} has ${proof.length} hashes; reaching entry ${checkpoint.upTo} needs ${checkpoint.upTo - seq}`,
      i,
      seq,
    );
  const head = proof.reduce((hash: string, next: string) => chainHash(hash, next), entry.hash);
  if (head !== checkpoint.headHash)
    return void add(
      'proof-mismatch',
      `The chain from entry ${seq} does not reach the head checkpoint ${checkpoint.seq} signed: the proof or the entry was altered`,
      i,
      seq,
    );
  const claim = { gateway: checkpoint.gateway, upTo: checkpoint.upTo, headHash: checkpoint.headHash, at: checkpoint.at };
  const signature = checkCheckpointSignature(claim, checkpoint.keyId, checkpoint.signature, options.resolveKey);
  if (!signature.isValid) return void add(signature.problem, signature.message, i, seq);
  return { entry, checkpoint, ...checkTimestamp(item.timestamp, checkpoint, i, seq, options, add) };
}

function checkTimestamp(
  timestamp: unknown,
  checkpoint: CheckpointEntry,
  i: number,
  seq: number,
  options: VerifyEvidenceOptions,
  add: Add,
): { genTime?: Date } {
  if (timestamp === undefined || timestamp === null) {
    add('untimestamped', `Checkpoint ${checkpoint.seq} covering entry ${seq} has no timestamp in the bundle`, i, seq);
    return {};
  }
  const wrong = entryProblem(timestamp, 'timestamp');
  if (wrong) {
    add('malformed', `Item ${i}’s timestamp is not a timestamp entry: ${wrong}`, i, seq);
    return {};
  }
  const { checkpointSeq, token } = timestamp as { checkpointSeq: number; token: string };
  if (checkpointSeq !== checkpoint.seq) {
    add('timestamp-mismatch', `The timestamp is for checkpoint ${checkpointSeq}, not ${checkpoint.seq}`, i, seq);
    return {};
  }
  if (!options.verifyTimestamp) {
    add('timestamps-unchecked', 'The timestamp was not checked: no verifyTimestamp was given', i, seq);
    return {};
  }
  try {
    const { genTime } = options.verifyTimestamp(Buffer.from(token, 'base64'), timestampDigestOf(checkpoint.hash));
    if (!(genTime instanceof Date) || Number.isNaN(genTime.getTime())) throw new Error('it carries no time');
    return { genTime };
  } catch (error) {
    add('bad-timestamp', `The timestamp on checkpoint ${checkpoint.seq} does not verify: ${(error as Error)?.message ?? error}`, i, seq);
    return {};
  }
}
