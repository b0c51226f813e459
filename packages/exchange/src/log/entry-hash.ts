/**
 * How entries are sealed into the chain. Two levels, so that a proof can carry only the
 * content hashes of the entries between a message and the checkpoint that covers it:
 *   contentHash = SHA-256(JCS(entry without prev, contentHash, hash))   (RFC 8785)
 *   hash        = SHA-256(prev ‖ contentHash)                           (the 32-byte values)
 * The first entry's prev is 64 zeros.
 */
import { createHash, hash } from 'node:crypto';
import { canonicalJson } from '../configuration/signature.ts';
import { canonicalText } from './canonical-text.ts';
import type { LogEntryBody } from './model.ts';

export const ZERO_HASH = '0'.repeat(64);
const HEX_256 = /^[0-9a-f]{64}$/;

/** A lower-case hex SHA-256 value, as every hash in the log is written. */
export const isHash = (value: unknown): value is string => typeof value === 'string' && HEX_256.test(value);

export const sha256Hex = (data: Buffer | string): string => createHash('sha256').update(data).digest('hex');

/** SHA-256(prev ‖ contentHash) over the decoded bytes; both must be `isHash`. */
export function chainHash(prev: string, contentHash: string): string {
  return createHash('sha256').update(Buffer.from(prev, 'hex')).update(Buffer.from(contentHash, 'hex')).digest('hex');
}

/** The content hash of a parsed entry: the JCS of everything but its three hash fields. */
export function contentHashOf(entry: Record<string, unknown>): string {
  const { prev: _prev, contentHash: _contentHash, hash: _hash, ...content } = entry;
  return sha256Hex(canonicalJson(content));
}

/** contentHashOf for hostile input: undefined where the value cannot be canonicalised (nested past the stack). */
export function safeContentHashOf(entry: object): string | undefined {
  try {
    return contentHashOf(entry as Record<string, unknown>);
  } catch {
    return undefined;
  }
}

/** What a verifier hands the timestamping authority for a checkpoint: SHA-256 of its hash's bytes. */
export const timestampDigestOf = (checkpointHash: string): Buffer =>
  createHash('sha256').update(Buffer.from(checkpointHash, 'hex')).digest();

export interface SealedEntry {
  seq: number;
  contentHash: string;
  hash: string;
  /** The entry as one line of its segment file, UTF-8, newline included. */
  line: Buffer;
}

const PREV_FIELD = ',"prev":"';

/**
 * Seals an entry after `prev`. The line is the entry's canonical text with its three hash
 * fields appended, so what a verifier recomputes from the line (parse, drop the hashes, JCS) is
 * byte for byte what was hashed here, whatever odd values (undefined, toJSON) the caller's
 * record held.
 */
export function sealEntry(seq: number, at: string, body: LogEntryBody, prev: string): SealedEntry {
  const text = canonicalText({ seq, at, ...body });
  // The line is encoded once and its first bytes hashed in place. JSON text that is all ASCII (a
  // base64 body always is) encodes as latin1, several times faster than UTF-8 for a large entry.
  const size = Buffer.byteLength(text, 'utf8');
  const tail = PREV_FIELD.length + 3 * 64 + '","contentHash":"'.length + '","hash":"'.length + '"}\n'.length;
  const line = Buffer.allocUnsafe(size - 1 + tail);
  line.write(text, 0, size, size === text.length ? 'latin1' : 'utf8');
  // One-shot hashes (node:crypto hash): no Hash object per call on the append path.
  const content = hash('sha256', line.subarray(0, size), 'buffer');
  const contentHash = content.toString('hex');
  const chained = hash('sha256', Buffer.concat([Buffer.from(prev, 'hex'), content]), 'hex');
  // The closing brace gives way to the three hash fields.
  line.write(`${PREV_FIELD}${prev}","contentHash":"${contentHash}","hash":"${chained}"}\n`, size - 1, 'latin1');
  return { seq, contentHash, hash: chained, line };
}
