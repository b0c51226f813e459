import fc from 'fast-check';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  buildEvidence,
  chainHash,
  contentHashOf,
  MessageLogError,
  openMessageLog,
  verifyEvidence,
  type EvidenceBundle,
  type MessageEntry,
} from '../../src/log/index.ts';
import { makeSigner, makeTimestampAuthority, messageRecord } from './log-fixtures.ts';

const gateway = makeSigner();
const tsa = makeTimestampAuthority();
const options = { resolveKey: gateway.resolveKey, verifyTimestamp: tsa.verifyTimestamp };
const certificates = { 'gateway-signing': '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n' };
let dir: string;
let bundle: EvidenceBundle;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'joinery-evidence-'));
  const log = await openMessageLog({
    dir,
    signer: gateway.signer,
    timestamp: tsa.timestamp,
    checkpointEvery: 25,
    segmentMaxBytes: 16 * 1024,
  });
  for (let i = 0; i < 60; i++) {
    await log.append(messageRecord(i));
    // The exchange of interest: a request and its response, some entries apart.
    if (i === 7) await log.append({ ...messageRecord(7), messageId: 'exchange-1', direction: 'request-in' });
    if (i === 30) await log.append({ ...messageRecord(30), messageId: 'exchange-1', direction: 'response-out', status: 200 });
  }
  await log.archive();
  await log.append({ ...messageRecord(99), messageId: 'late' });
  await log.close();
  bundle = await buildEvidence(dir, 'exchange-1', { certificates });
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const clone = (): EvidenceBundle => JSON.parse(JSON.stringify(bundle)) as EvidenceBundle;
const kinds = (result: ReturnType<typeof verifyEvidence>) =>
  result.problems.filter((problem) => problem.severity === 'error').map((problem) => problem.kind);

test('a bundle holds both entries with their proofs, checkpoint and timestamp, and verifies offline', () => {
  expect(bundle).toMatchObject({
    format: 'joinery-exchange-evidence/1',
    messageId: 'exchange-1',
    gateway: gateway.signer.gatewayId,
    certificates,
  });
  expect(bundle.items.map((item) => item.entry.record.direction)).toEqual(['request-in', 'response-out']);
  for (const item of bundle.items) {
    expect(item.proof.length).toBe(item.checkpoint.upTo - item.entry.seq);
    expect(item.timestamp?.checkpointSeq).toBe(item.checkpoint.seq);
  }
  let seen: MessageEntry[] = [];
  const result = verifyEvidence(JSON.stringify(bundle), { ...options, verifyMessages: (entries) => ((seen = entries), []) });
  expect(result.problems).toEqual([]);
  expect(result).toMatchObject({ isValid: true, messageId: 'exchange-1', gateway: gateway.signer.gatewayId });
  expect(result.entries).toHaveLength(2);
  expect(result.timestamps.every((timestamp) => timestamp.genTime instanceof Date)).toBe(true);
  expect(seen.map((entry) => entry.seq)).toEqual(bundle.items.map((item) => item.entry.seq));
});

test('an altered record, proof or checkpoint signature is refused, each with its own problem', () => {
  const record = clone();
  record.items[0]!.entry.record.status = 500;
  expect(kinds(verifyEvidence(record, options))).toEqual(['content-altered']);
  const proof = clone();
  proof.items[1]!.proof[0] = 'a'.repeat(64);
  expect(kinds(verifyEvidence(proof, options))).toEqual(['proof-mismatch']);
  const shortened = clone();
  shortened.items[1]!.proof.pop();
  expect(kinds(verifyEvidence(shortened, options))).toEqual(['proof-mismatch']);
  const signature = clone();
  signature.items[0]!.checkpoint.signature = Buffer.alloc(64, 7).toString('base64');
  expect(kinds(verifyEvidence(signature, options))).toEqual(['checkpoint-altered']);
  // Re-sealed so that the hashes match: only the signature can tell.
  const resealed = clone();
  const checkpoint = resealed.items[0]!.checkpoint;
  checkpoint.at = '2020-01-01T00:00:00.000Z';
  Object.assign(checkpoint, rehash(checkpoint));
  expect(kinds(verifyEvidence(resealed, options))).toEqual(['bad-signature']);
  expect(kinds(verifyEvidence(bundle, { ...options, resolveKey: () => undefined }))).toEqual(['unknown-key', 'unknown-key']);
  const token = clone();
  token.items[0]!.timestamp!.token = Buffer.from('{}').toString('base64');
  expect(kinds(verifyEvidence(token, options))).toEqual(['bad-timestamp']);
  const wrongMessage = clone();
  wrongMessage.messageId = 'exchange-2';
  expect(kinds(verifyEvidence(wrongMessage, options))).toEqual(['wrong-message', 'wrong-message']);
  expect(kinds(verifyEvidence(bundle, { ...options, verifyMessages: () => ['signature-input does not cover content-digest'] }))).toEqual([
    'message-check',
  ]);
  const untimestamped = clone();
  delete untimestamped.items[0]!.timestamp;
  expect(verifyEvidence(untimestamped, options)).toMatchObject({
    isValid: true,
    problems: [expect.objectContaining({ kind: 'untimestamped', severity: 'warning' })],
  });
});

function rehash(entry: { prev: string }) {
  const contentHash = contentHashOf(entry as unknown as Record<string, unknown>);
  return { contentHash, hash: chainHash(entry.prev, contentHash) };
}

test('building evidence for an unknown message, or one not yet checkpointed, says so', async () => {
  await expect(buildEvidence(dir, 'no-such-message', { certificates })).rejects.toMatchObject({ reason: 'not-found' });
  await expect(buildEvidence(dir, 'late', { certificates })).resolves.toMatchObject({ items: [expect.anything()] });
  const fresh = await mkdtemp(join(tmpdir(), 'joinery-evidence-'));
  const log = await openMessageLog({ dir: fresh, signer: gateway.signer });
  await log.append({ ...messageRecord(1), messageId: 'pending' });
  await expect(buildEvidence(fresh, 'pending', { certificates })).rejects.toMatchObject({ reason: 'not-checkpointed' });
  await log.checkpoint();
  await expect(buildEvidence(fresh, 'pending', { certificates })).resolves.toMatchObject({ messageId: 'pending' });
  await log.close();
  await rm(fresh, { recursive: true, force: true });
});

test('text that is not JSON is refused with a typed error', () => {
  expect(() => verifyEvidence('{"format": ', options)).toThrow(MessageLogError);
  expect(() => verifyEvidence(Buffer.from('nope'), options)).toThrow(expect.objectContaining({ reason: 'not-json' }));
});

test('any JSON at all gets problems back, never an exception', () => {
  fc.assert(
    fc.property(fc.jsonValue(), (value) => {
      // As text, the way a bundle arrives from a file (a parsed string would be taken as JSON text).
      const result = verifyEvidence(JSON.stringify(value), options);
      expect(result.isValid).toBe(false);
      expect(result.problems.length).toBeGreaterThan(0);
    }),
    { numRuns: 300 },
  );
});

test('a real bundle with any part replaced by any JSON is never accepted as the same and never throws', () => {
  const paths: (string | number)[][] = [];
  const walk = (value: unknown, path: (string | number)[]) => {
    paths.push(path);
    if (value && typeof value === 'object')
      for (const [key, child] of Object.entries(value)) walk(child, [...path, Array.isArray(value) ? Number(key) : key]);
  };
  walk(bundle, []);
  const original = JSON.stringify(bundle);
  fc.assert(
    fc.property(fc.constantFrom(...paths.filter((path) => path.length > 0)), fc.jsonValue(), (path, replacement) => {
      const mutated = JSON.parse(original) as Record<string | number, unknown>;
      let parent = mutated;
      for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
      const last = path.at(-1)!;
      if (JSON.stringify(parent[last]) === JSON.stringify(replacement)) return;
      parent[last] = replacement;
      const result = verifyEvidence(mutated, options);
      // Certificates and the bundle's own createdAt are carried, not proven; everything else is.
      const isCarried = path[0] === 'certificates' || path[0] === 'createdAt' || path[0] === 'gateway' || path.includes('timestamp');
      if (!isCarried) expect(result.isValid).toBe(false);
    }),
    { numRuns: 400 },
  );
});
