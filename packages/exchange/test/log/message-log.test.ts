import { readFile, rm } from 'node:fs/promises';
import { expect, test } from 'vitest';
import { MessageLogError, openMessageLog, verifyLog, ZERO_HASH, type LogEntry } from '../../src/log/index.ts';
import { linesOf, makeSigner, messageRecord, segment, withTempDir } from './log-fixtures.ts';

test('5,000 concurrent appends get contiguous seqs in one valid chain, written in group commits', async () => {
  await withTempDir(async (dir) => {
    const { signer, resolveKey } = makeSigner();
    const log = await openMessageLog({ dir, signer, checkpointEvery: 100_000 });
    // Many async callers, each appending a run of records: the group commit must batch them.
    const callers = Array.from({ length: 50 }, async (_, caller) => {
      const seqs: number[] = [];
      for (let i = 0; i < 100; i++) seqs.push((await log.append(messageRecord(caller * 100 + i))).seq);
      return seqs;
    });
    const seqs = (await Promise.all(callers)).flat().sort((a, b) => a - b);
    expect(seqs).toHaveLength(5000);
    // seq 1 is the `opened` entry
    expect(seqs[0]).toBe(2);
    expect(seqs.every((seq, i) => i === 0 || seq === seqs[i - 1]! + 1)).toBe(true);
    const stats = log.stats();
    expect(stats.appends).toBe(5000);
    expect(stats.batches).toBeLessThan(5000);
    expect(stats.meanBatchSize).toBeGreaterThan(1);
    expect(stats.maxBatchSize).toBeGreaterThan(1);
    await log.close();
    const result = await verifyLog(dir, { resolveKey });
    // No timestamping service here, so the one warning is that the final checkpoint has no timestamp.
    expect(result.problems.map((problem) => `${problem.severity} ${problem.kind}`)).toEqual(['warning untimestamped']);
    expect(result).toMatchObject({ isValid: true, entries: 5002, lastSeq: 5002, unsignedTail: 0, checkpoints: 1 });
  });
});

test('an append resolves only once its entry is in the file, chained to the one before', async () => {
  await withTempDir(async (dir) => {
    const { signer } = makeSigner();
    const log = await openMessageLog({ dir, signer, software: 'test 1' });
    const first = await log.append(messageRecord(1));
    let lines = await linesOf(segment(dir));
    const opened = JSON.parse(lines[0]!) as LogEntry;
    expect(opened).toMatchObject({
      seq: 1,
      kind: 'opened',
      gateway: signer.gatewayId,
      keyId: signer.keyId,
      software: 'test 1',
      prev: ZERO_HASH,
    });
    expect(JSON.parse(lines.at(-1)!)).toMatchObject({ seq: first.seq, hash: first.hash, prev: opened.hash, record: messageRecord(1) });
    expect(log.head).toEqual(first);
    const second = await log.append(messageRecord(2));
    lines = await linesOf(segment(dir));
    expect(JSON.parse(lines.at(-1)!)).toMatchObject({ seq: 2 + 1, prev: first.hash, hash: second.hash });
    await log.close();
  });
});

test('a deferred append takes its place at once and is written with the next append, or when asked', async () => {
  await withTempDir(async (dir) => {
    const { signer, resolveKey } = makeSigner();
    const log = await openMessageLog({ dir, signer, checkpointEvery: 100_000, checkpointIntervalMs: 60_000 });
    const linesBefore = (await linesOf(segment(dir))).length;
    const batchesBefore = log.stats().batches;

    const deferred = log.appendDeferred(messageRecord(1));
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect((await linesOf(segment(dir))).length).toBe(linesBefore);
    // The next append starts one write for both, in chain order.
    const next = await log.append(messageRecord(2));
    expect(next.seq).toBe(deferred.seq + 1);
    expect(await deferred.durable()).toEqual({ seq: deferred.seq, hash: deferred.hash });
    expect(log.stats().batches).toBe(batchesBefore + 1);
    const lines = await linesOf(segment(dir));
    expect(lines.slice(linesBefore).map((line) => (JSON.parse(line) as LogEntry).seq)).toEqual([deferred.seq, next.seq]);

    // Alone, it is written once somebody waits for it.
    const alone = log.appendDeferred(messageRecord(3));
    expect(await alone.durable()).toMatchObject({ seq: next.seq + 1 });
    expect((await linesOf(segment(dir))).length).toBe(linesBefore + 3);
    // Or when the log closes.
    const unawaited = log.appendDeferred(messageRecord(4));
    await log.close();
    const result = await verifyLog(dir, { resolveKey });
    expect(result).toMatchObject({ isValid: true, lastSeq: unawaited.seq + 1 });
  });
});

test('a deferred append on a closed log is refused at once', async () => {
  await withTempDir(async (dir) => {
    const { signer } = makeSigner();
    const log = await openMessageLog({ dir, signer });
    await log.close();
    expect(() => log.appendDeferred(messageRecord(1))).toThrow(MessageLogError);
  });
});

test('what the caller logged is what is hashed, even with undefined fields', async () => {
  await withTempDir(async (dir) => {
    const { signer, resolveKey } = makeSigner();
    const log = await openMessageLog({ dir, signer });
    await log.append({ ...messageRecord(1), status: undefined, fault: { type: 'Server.ServerProxy.ServiceFailed', detail: undefined } });
    await log.close();
    expect((await verifyLog(dir, { resolveKey })).isValid).toBe(true);
  });
});

test('bad records, and appends after close, are refused with a reason', async () => {
  await withTempDir(async (dir) => {
    const { signer } = makeSigner();
    const log = await openMessageLog({ dir, signer });
    await expect(log.append({ ...messageRecord(1), messageId: '' })).rejects.toMatchObject({ reason: 'invalid-record' });
    await expect(log.append({ ...messageRecord(1), direction: 'sideways' as never })).rejects.toBeInstanceOf(MessageLogError);
    await log.close();
    await expect(log.append(messageRecord(2))).rejects.toMatchObject({ reason: 'closed' });
    await expect(openMessageLog({ dir, signer, checkpointEvery: 0 })).rejects.toMatchObject({ reason: 'invalid-options' });
  });
});

test('one writer per directory: a second open in the same process is refused until the first closes', async () => {
  await withTempDir(async (dir) => {
    const { signer } = makeSigner();
    const log = await openMessageLog({ dir, signer });
    await expect(openMessageLog({ dir, signer })).rejects.toMatchObject({ reason: 'locked' });
    await log.close();
    const again = await openMessageLog({ dir, signer });
    expect(again.head.seq).toBeGreaterThan(1);
    await again.close();
  });
});

test('reopening resumes the chain: seqs go on and an opened entry marks the restart', async () => {
  await withTempDir(async (dir) => {
    const { signer, resolveKey } = makeSigner();
    let log = await openMessageLog({ dir, signer });
    await log.append(messageRecord(1));
    await log.close();
    const headBefore = log.head;
    log = await openMessageLog({ dir, signer });
    const next = await log.append(messageRecord(2));
    await log.close();
    const lines = (await linesOf(segment(dir))).map((line) => JSON.parse(line) as LogEntry);
    const reopened = lines.find((entry) => entry.seq === headBefore.seq + 1)!;
    expect(reopened).toMatchObject({ kind: 'opened', prev: headBefore.hash });
    expect(next.seq).toBe(headBefore.seq + 2);
    expect((await verifyLog(dir, { resolveKey })).isValid).toBe(true);
    expect(await readFile(segment(dir), 'utf8')).toMatch(/\n$/);
  });
});

test('a continuation log starts by naming its predecessor’s head', async () => {
  await withTempDir(async (dir) => {
    const { signer, resolveKey } = makeSigner('wessex/GOV/wessex-council/gw1');
    const continuation = {
      predecessorGateway: 'wessex/GOV/casterbridge/gw1',
      predecessorHeadSeq: 4711,
      predecessorHeadHash: 'ab'.repeat(32),
    };
    const log = await openMessageLog({ dir, signer, continuation });
    await log.close();
    const [first, second] = (await linesOf(segment(dir))).map((line) => JSON.parse(line) as LogEntry);
    expect(first).toMatchObject({ seq: 1, kind: 'continuation', ...continuation });
    expect(second).toMatchObject({ seq: 2, kind: 'opened' });
    expect((await verifyLog(dir, { resolveKey })).isValid).toBe(true);
  });
});

test('when the disk refuses a write, that append and every later one fail with write-failed, until the log is opened again', async () => {
  await withTempDir(async (dir) => {
    const { signer, resolveKey } = makeSigner();
    const log = await openMessageLog({ dir, signer, segmentMaxBytes: 2048 });
    await log.append(messageRecord(1));
    // The next segment cannot be created: its directory has gone.
    await rm(dir, { recursive: true, force: true });
    const appends = Array.from({ length: 5 }, (_, i) => log.append(messageRecord(2 + i, 1500)));
    for (const append of appends) await expect(append).rejects.toMatchObject({ reason: 'write-failed' });
    await expect(log.append(messageRecord(9))).rejects.toMatchObject({ reason: 'write-failed' });
    await log.close();
    const again = await openMessageLog({ dir, signer });
    await again.append(messageRecord(10));
    await again.close();
    expect((await verifyLog(dir, { resolveKey })).isValid).toBe(true);
  });
});
