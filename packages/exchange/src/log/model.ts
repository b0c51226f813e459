/**
 * The message log's data: what a gateway records of every message it carries (X-Road's
 * "message log"), and the entries that chain those records into a tamper-evident file that a
 * third party can verify offline. One JSON entry per line; every entry carries the hash of the
 * one before it, signed checkpoints bind the chain to the gateway's key, and RFC 3161
 * timestamps bind the checkpoints to a time.
 */
import type { KeyObject } from 'node:crypto';

export type MessageDirection = 'request-out' | 'response-in' | 'request-in' | 'response-out' | 'refused';

/** What the gateway records of one message. The log treats it as opaque JSON except `messageId` and `direction`. */
export interface MessageRecord {
  messageId: string;
  direction: MessageDirection;
  client?: string;
  service?: string;
  method?: string;
  path?: string;
  /** The absolute URI the request was sent to, as its RFC 9421 signature covers it (`@target-uri`). */
  targetUri?: string;
  status?: number;
  headers: Record<string, string>;
  /** The body, base64. */
  body?: string;
  bodySha256?: string;
  fault?: { type: string; detail?: string };
  /** The TLS peer certificate's fingerprint. */
  peer?: string;
  elapsedMs?: number;
}

/** Fields every entry has. `contentHash` = SHA-256 of the JCS of the entry without prev/contentHash/hash; `hash` = SHA-256(prev ‖ contentHash). */
interface EntryBase {
  seq: number;
  at: string;
  prev: string;
  contentHash: string;
  hash: string;
}

export interface MessageEntry extends EntryBase {
  kind: 'message';
  record: MessageRecord;
}
/** Signs `JCS({ gateway, upTo, headHash, at })`; `upTo` is always the entry just before it. */
export interface CheckpointEntry extends EntryBase {
  kind: 'checkpoint';
  upTo: number;
  headHash: string;
  gateway: string;
  keyId: string;
  signature: string;
}
/** An RFC 3161 token (base64 DER) over SHA-256 of the checkpoint entry's hash. */
export interface TimestampEntry extends EntryBase {
  kind: 'timestamp';
  checkpointSeq: number;
  token: string;
}
/** A closed segment moved to `archive/`: the chain goes on through it. */
export interface ArchivedEntry extends EntryBase {
  kind: 'archived';
  file: string;
  firstSeq: number;
  lastSeq: number;
  lastHash: string;
  sha256: string;
  bytes: number;
}
/** Written on open after a crash: the incomplete last line that was cut (never acknowledged). */
export interface RecoveredEntry extends EntryBase {
  kind: 'recovered';
  file: string;
  cutBytes: number;
  cutSha256: string;
}
/** The first entry of a log that carries on another (a successor organisation's gateway). */
export interface ContinuationEntry extends EntryBase {
  kind: 'continuation';
  predecessorGateway: string;
  predecessorHeadSeq: number;
  predecessorHeadHash: string;
}
export interface OpenedEntry extends EntryBase {
  kind: 'opened';
  gateway: string;
  keyId: string;
  software: string;
}

export type LogEntry = MessageEntry | CheckpointEntry | TimestampEntry | ArchivedEntry | RecoveredEntry | ContinuationEntry | OpenedEntry;
export type LogEntryKind = LogEntry['kind'];
export const LOG_ENTRY_KINDS: readonly LogEntryKind[] = [
  'message',
  'checkpoint',
  'timestamp',
  'archived',
  'recovered',
  'continuation',
  'opened',
];

type Body<E> = E extends EntryBase ? Omit<E, keyof EntryBase> : never;
/** An entry before it is sealed: its kind and fields, without seq, at and hashes. */
export type LogEntryBody = Body<LogEntry>;

/** The gateway's signing key, injected so the log does not depend on how keys are held. */
export interface LogSigner {
  gatewayId: string;
  keyId: string;
  sign(data: Buffer): Buffer;
}

export interface OpenMessageLogOptions {
  dir: string;
  signer: LogSigner;
  /** Asks a timestamping authority for an RFC 3161 token over `digest` (SHA-256). Logging never waits for it. */
  timestamp?: (digest: Buffer) => Promise<Buffer>;
  /** Give up on a timestamp request after this long (default 10 s); the next checkpoint tries again. */
  timestampTimeoutMs?: number;
  /** Checkpoint after this many entries (default 1000)… */
  checkpointEvery?: number;
  /** …or after this long when anything was written (default 5000 ms). */
  checkpointIntervalMs?: number;
  /** Start a new segment file past this size (default 64 MiB). */
  segmentMaxBytes?: number;
  /** How many of the newest live segments `find` reads through an in-memory index (default 4); older ones are scanned. */
  indexedSegments?: number;
  /** fdatasync before an append resolves (default true). Off only for tests and benchmarks. */
  sync?: boolean;
  /** Only for a new log: the predecessor's log this one carries on. */
  continuation?: { predecessorGateway: string; predecessorHeadSeq: number; predecessorHeadHash: string };
  /** Recorded in the `opened` entry (default: this package's name and version). */
  software?: string;
}

export interface ArchivedSegment {
  file: string;
  firstSeq: number;
  lastSeq: number;
  lastHash: string;
  sha256: string;
  bytes: number;
  /** The `archived` entry recording it. */
  seq: number;
}
export interface ArchiveResult {
  archived: ArchivedSegment[];
}

export interface MessageLogStats {
  /** Messages appended by callers. */
  appends: number;
  /** Every entry written (messages, checkpoints, timestamps…). */
  entries: number;
  batches: number;
  meanBatchSize: number;
  maxBatchSize: number;
  /** How long the last durable write (write with O_DSYNC: data and fdatasync in one) took. */
  lastFsyncMs: number;
  meanFsyncMs: number;
  bytesWritten: number;
  checkpoints: number;
  checkpointFailures: number;
  timestamps: number;
  timestampFailures: number;
  lastTimestampError?: string;
  liveSegments: number;
  /** Lines in the live segments that could not be read when the log was opened (verifyLog says where). */
  unreadableLinesAtOpen: number;
}

export type LogProblemKind =
  | 'missing-log'
  | 'unparseable'
  | 'malformed'
  | 'incomplete-line'
  | 'content-altered'
  | 'hash-altered'
  | 'chain-broken'
  | 'missing-entries'
  | 'reordered'
  | 'out-of-order'
  | 'segment-missing'
  | 'truncated'
  | 'head-mismatch'
  | 'archive-missing'
  | 'archive-altered'
  | 'archive-mismatch'
  | 'archive-unreadable'
  | 'archive-unreferenced'
  | 'archive-duplicate'
  | 'checkpoint-mismatch'
  | 'unknown-key'
  | 'bad-signature'
  | 'untimestamped'
  | 'timestamps-unchecked'
  | 'timestamp-orphan'
  | 'bad-timestamp';

export interface LogProblem {
  kind: LogProblemKind;
  /** Warnings (no timestamp yet, an unreferenced archive) leave the log valid. */
  severity: 'error' | 'warning';
  /** Relative to the log directory, e.g. `segment-000003.jsonl` or `archive/segment-000001.jsonl.gz`. */
  file: string;
  line?: number;
  seq?: number;
  message: string;
}

/** Checks a timestamp token over `digest`; returns its time or throws. */
export type VerifyTimestamp = (token: Buffer, digest: Buffer) => { genTime: Date };
export type ResolveKey = (keyId: string) => KeyObject | undefined;

export interface VerifyLogOptions {
  resolveKey: ResolveKey;
  verifyTimestamp?: VerifyTimestamp;
  /** A witness of the head (the authority's record, a report): guards against a truncated log. */
  expectedHead?: { seq: number; hash?: string };
}

export interface LogVerification {
  isValid: boolean;
  entries: number;
  segments: number;
  archives: number;
  checkpoints: number;
  timestamped: number;
  lastSeq: number;
  lastHash: string;
  lastTimestamp?: Date;
  /** Entries after the last valid checkpoint: not yet bound to the gateway's key. */
  unsignedTail: number;
  problems: LogProblem[];
}
