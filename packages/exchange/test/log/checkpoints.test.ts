import { verify } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { expect, test } from 'vitest';
import {
  checkpointPayload,
  openMessageLog,
  timestampDigestOf,
  verifyLog,
  type CheckpointEntry,
  type LogEntry,
  type TimestampEntry,
} from '../../src/log/index.ts';
import { linesOf, makeSigner, makeTimestampAuthority, messageRecord, segment, withTempDir } from './log-fixtures.ts';

const entriesOf = async (dir: string) => (await linesOf(segment(dir))).map((line) => JSON.parse(line) as LogEntry);

test('a checkpoint every N entries signs the entry before it, and its signature verifies with the gateway key alone', async () => {
  await withTempDir(async (dir) => {
    const { signer, publicKey } = makeSigner();
    const log = await openMessageLog({ dir, signer, checkpointEvery: 10, checkpointIntervalMs: 60_000 });
    for (let i = 0; i < 45; i++) await log.append(messageRecord(i));
    const entries = await entriesOf(dir);
    const checkpoints = entries.filter((entry): entry is CheckpointEntry => entry.kind === 'checkpoint');
    expect(checkpoints.map((checkpoint) => checkpoint.upTo)).toEqual([10, 21, 32, 43]);
    for (const checkpoint of checkpoints) {
      const before = entries.find((entry) => entry.seq === checkpoint.upTo)!;
      expect(checkpoint).toMatchObject({
        seq: checkpoint.upTo + 1,
        headHash: before.hash,
        prev: before.hash,
        gateway: signer.gatewayId,
        keyId: signer.keyId,
      });
      const payload = checkpointPayload({
        gateway: checkpoint.gateway,
        upTo: checkpoint.upTo,
        headHash: checkpoint.headHash,
        at: checkpoint.at,
      });
      expect(JSON.parse(payload.toString())).toEqual({
        at: checkpoint.at,
        gateway: signer.gatewayId,
        headHash: checkpoint.headHash,
        upTo: checkpoint.upTo,
      });
      expect(verify(null, payload, publicKey, Buffer.from(checkpoint.signature, 'base64'))).toBe(true);
    }
    expect(log.stats().checkpoints).toBe(4);
    await log.close();
  });
});

test('a checkpoint after the interval when anything was written, none when idle, and one on close', async () => {
  await withTempDir(async (dir) => {
    const { signer, resolveKey } = makeSigner();
    const log = await openMessageLog({ dir, signer, checkpointIntervalMs: 40 });
    await log.append(messageRecord(1));
    await sleep(150);
    let kinds = (await entriesOf(dir)).map((entry) => entry.kind);
    expect(kinds).toEqual(['opened', 'message', 'checkpoint']);
    await sleep(120); // idle: no more checkpoints
    expect((await entriesOf(dir)).length).toBe(3);
    await log.append(messageRecord(2));
    await log.close();
    kinds = (await entriesOf(dir)).map((entry) => entry.kind);
    expect(kinds.slice(-2)).toEqual(['message', 'checkpoint']);
    expect(await verifyLog(dir, { resolveKey })).toMatchObject({ isValid: true, unsignedTail: 0, checkpoints: 2 });
    // Closing a log with nothing new writes no checkpoint.
    const again = await openMessageLog({ dir, signer });
    await again.close();
    expect((await entriesOf(dir)).map((entry) => entry.kind).slice(-2)).toEqual(['opened', 'checkpoint']);
  });
});

test('each checkpoint is timestamped over SHA-256 of its hash, after it is written', async () => {
  await withTempDir(async (dir) => {
    const { signer, resolveKey } = makeSigner();
    const tsa = makeTimestampAuthority();
    const log = await openMessageLog({ dir, signer, timestamp: tsa.timestamp, checkpointEvery: 1000 });
    await log.append(messageRecord(1));
    await log.checkpoint();
    await sleep(20);
    const entries = await entriesOf(dir);
    const checkpoint = entries.find((entry): entry is CheckpointEntry => entry.kind === 'checkpoint')!;
    const timestamp = entries.find((entry): entry is TimestampEntry => entry.kind === 'timestamp')!;
    expect(tsa.digests[0]).toEqual(timestampDigestOf(checkpoint.hash));
    expect(timestamp).toMatchObject({ checkpointSeq: checkpoint.seq, seq: checkpoint.seq + 1 });
    expect(tsa.verifyTimestamp(Buffer.from(timestamp.token, 'base64'), timestampDigestOf(checkpoint.hash)).genTime).toBeInstanceOf(Date);
    await log.close();
    const result = await verifyLog(dir, { resolveKey, verifyTimestamp: tsa.verifyTimestamp });
    // Nothing but the timestamp came after the checkpoint, so close adds none.
    expect(result).toMatchObject({ isValid: true, problems: [], timestamped: 1, checkpoints: 1, unsignedTail: 1 });
    expect(log.stats()).toMatchObject({ timestamps: 1, timestampFailures: 0 });
  });
});

test('a failing or hanging timestamping service never holds up appends, and the next checkpoint tries again', async () => {
  await withTempDir(async (dir) => {
    const { signer, resolveKey } = makeSigner();
    const tsa = makeTimestampAuthority();
    let mode: 'fail' | 'hang' | 'work' = 'fail';
    const timestamp = (digest: Buffer) =>
      mode === 'fail'
        ? Promise.reject(new Error('TSA unavailable'))
        : mode === 'hang'
          ? new Promise<Buffer>(() => undefined)
          : tsa.timestamp(digest);
    const log = await openMessageLog({ dir, signer, timestamp, timestampTimeoutMs: 50, checkpointEvery: 5 });
    const started = performance.now();
    for (let i = 0; i < 12; i++) await log.append(messageRecord(i));
    mode = 'hang';
    for (let i = 12; i < 24; i++) await log.append(messageRecord(i));
    expect(performance.now() - started).toBeLessThan(1000);
    await sleep(80);
    mode = 'work';
    for (let i = 24; i < 30; i++) await log.append(messageRecord(i));
    await log.close();
    const stats = log.stats();
    expect(stats.timestampFailures).toBeGreaterThanOrEqual(3);
    expect(stats.lastTimestampError).toMatch(/TSA unavailable|no answer in 50 ms/);
    expect(stats.timestamps).toBeGreaterThanOrEqual(1);
    // The later tokens cover the checkpoints whose own requests failed: no warning left.
    const result = await verifyLog(dir, { resolveKey, verifyTimestamp: tsa.verifyTimestamp });
    expect(result.problems).toEqual([]);
    expect(result.timestamped).toBeLessThan(result.checkpoints);
  });
});

test('a signer that fails makes checkpoint() reject but does not stop the appends', async () => {
  await withTempDir(async (dir) => {
    const { signer } = makeSigner();
    let isBroken = false;
    const flaky = {
      ...signer,
      sign: (data: Buffer) =>
        isBroken
          ? (() => {
              throw new Error('HSM offline');
            })()
          : signer.sign(data),
    };
    const log = await openMessageLog({ dir, signer: flaky, checkpointEvery: 3 });
    isBroken = true;
    await expect(log.checkpoint()).rejects.toMatchObject({ reason: 'signing-failed' });
    for (let i = 0; i < 7; i++) await log.append(messageRecord(i));
    expect(log.stats().checkpointFailures).toBeGreaterThanOrEqual(3);
    isBroken = false;
    await log.close();
    expect((await entriesOf(dir)).at(-1)!.kind).toBe('checkpoint');
  });
});
