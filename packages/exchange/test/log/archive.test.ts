import { createHash } from 'node:crypto';
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { expect, test } from 'vitest';
import { openMessageLog, verifyLog, type ArchivedEntry, type LogEntry } from '../../src/log/index.ts';
import { linesOf, makeSigner, messageRecord, withTempDir } from './log-fixtures.ts';

const gateway = makeSigner();

/** With fdatasync only where durability is the point, to keep the tests quick. */
async function rotatedLog(dir: string, sync = false) {
  const log = await openMessageLog({ dir, signer: gateway.signer, segmentMaxBytes: 8 * 1024, checkpointEvery: 20, sync });
  for (let i = 0; i < 120; i++) await log.append(messageRecord(i, 200));
  return log;
}

const liveSegments = async (dir: string) => (await readdir(dir)).filter((name) => name.endsWith('.jsonl')).sort();

test('segments rotate at the size limit; archiving gzips the closed ones and records each in the live log', async () => {
  await withTempDir(async (dir) => {
    const log = await rotatedLog(dir, true);
    const before = await liveSegments(dir);
    expect(before.length).toBeGreaterThanOrEqual(4);
    for (const name of before.slice(0, -1)) expect((await readFile(join(dir, name))).length).toBeLessThanOrEqual(8 * 1024);
    const firstSegmentText = await readFile(join(dir, before[0]!));
    const { archived } = await log.archive();
    expect(archived.map((segment) => segment.file)).toEqual(before.slice(0, -1).map((name) => `archive/${name}.gz`));
    // The archived records themselves may spill into a new segment.
    const after = await liveSegments(dir);
    expect(after[0]).toBe(before.at(-1));
    const gz = await readFile(join(dir, archived[0]!.file));
    expect(gunzipSync(gz)).toEqual(firstSegmentText);
    expect(archived[0]).toMatchObject({ firstSeq: 1, sha256: createHash('sha256').update(gz).digest('hex'), bytes: gz.length });
    const liveLines = (await Promise.all(after.map((name) => linesOf(join(dir, name))))).flat();
    const records = liveLines
      .map((line) => JSON.parse(line) as LogEntry)
      .filter((entry): entry is ArchivedEntry => entry.kind === 'archived');
    expect(records.map((entry) => entry.file)).toEqual(archived.map((segment) => segment.file));
    // The chain runs on from the archives through the live log.
    for (let i = 0; i < 10; i++) await log.append(messageRecord(1000 + i, 200));
    // find reads archived and live entries alike.
    expect((await log.find('m-3')).map((entry) => entry.kind === 'message' && entry.record.messageId)).toEqual(['m-3']);
    expect((await log.find('m-1005')).length).toBe(1);
    expect(await log.find('m-none')).toEqual([]);
    await log.close();
    const result = await verifyLog(dir, { resolveKey: gateway.resolveKey });
    expect(result.problems.filter((problem) => problem.severity === 'error')).toEqual([]);
    expect(result).toMatchObject({ isValid: true, archives: archived.length, segments: (await liveSegments(dir)).length, unsignedTail: 0 });
  });
});

test('archive({ beforeSeq }) archives only segments that end before it, and a reopened log goes on archiving', async () => {
  await withTempDir(async (dir) => {
    let log = await rotatedLog(dir);
    const segments = await liveSegments(dir);
    const { archived } = await log.archive({ beforeSeq: 40 });
    expect(archived.length).toBeGreaterThanOrEqual(1);
    expect(archived.every((segment) => segment.lastSeq < 40)).toBe(true);
    expect((await liveSegments(dir)).length).toBe(segments.length - archived.length);
    await log.close();
    log = await openMessageLog({ dir, signer: gateway.signer, segmentMaxBytes: 8 * 1024 });
    expect((await log.find('m-100')).length).toBe(1);
    const more = await log.archive();
    expect(more.archived[0]!.firstSeq).toBe(archived.at(-1)!.lastSeq + 1);
    await log.close();
    expect((await verifyLog(dir, { resolveKey: gateway.resolveKey })).isValid).toBe(true);
  });
});

test('a deleted or altered archive file is reported against its archived record', async () => {
  await withTempDir(async (dir) => {
    const log = await rotatedLog(dir);
    const { archived } = await log.archive();
    await log.close();
    const copy = async (tamper: (copyDir: string) => Promise<void>) => {
      const copyDir = await mkdtemp(join(tmpdir(), 'joinery-log-archive-'));
      await cp(dir, copyDir, { recursive: true });
      await tamper(copyDir);
      const result = await verifyLog(copyDir, { resolveKey: gateway.resolveKey });
      await rm(copyDir, { recursive: true, force: true });
      return result.problems.filter((problem) => problem.severity === 'error');
    };
    const second = archived[1]!;
    expect(await copy((copyDir) => rm(join(copyDir, second.file)))).toEqual([
      expect.objectContaining({ kind: 'archive-missing', file: second.file, seq: second.seq }),
    ]);
    // The two oldest gone: the gap they leave at the start is theirs, not reported again.
    expect(
      await copy(async (copyDir) =>
        Promise.all(archived.slice(0, 2).map((segment) => rm(join(copyDir, segment.file)))).then(() => undefined),
      ),
    ).toEqual(
      archived.slice(0, 2).map((segment) => expect.objectContaining({ kind: 'archive-missing', file: segment.file, seq: segment.seq })),
    );
    // Altered and recompressed: the SHA-256 recorded in the live log no longer matches, and the edited entry shows.
    const altered = await copy(async (copyDir) => {
      const text = gunzipSync(await readFile(join(copyDir, second.file))).toString();
      await writeFile(join(copyDir, second.file), gzipSync(text.replace('"GET"', '"PUT"')));
    });
    expect(altered).toContainEqual(expect.objectContaining({ kind: 'archive-altered', file: second.file, seq: second.seq }));
    expect(altered).toContainEqual(expect.objectContaining({ kind: 'content-altered', file: second.file }));
    // Recompressed only (same entries, different bytes): the file is not the one recorded.
    const recompressed = await copy(async (copyDir) => {
      await writeFile(join(copyDir, second.file), gzipSync(gunzipSync(await readFile(join(copyDir, second.file))), { level: 1 }));
    });
    expect(recompressed).toEqual([expect.objectContaining({ kind: 'archive-altered', file: second.file })]);
    expect(await copy((copyDir) => writeFile(join(copyDir, second.file), 'not gzip'))).toContainEqual(
      expect.objectContaining({ kind: 'archive-unreadable', file: second.file }),
    );
  });
});

test('a crash mid-archive is settled on open: an unrecorded archive file is dropped, a recorded one wins', async () => {
  await withTempDir(async (dir) => {
    let log = await rotatedLog(dir);
    await log.close();
    const [first] = await liveSegments(dir);
    // Crash after writing the archive file, before recording it.
    await writeFile(join(dir, 'archive', `${first}.gz`), gzipSync(await readFile(join(dir, first!))));
    await writeFile(join(dir, 'archive', `${first}.gz.tmp`), 'half');
    const duplicate = await verifyLog(dir, { resolveKey: gateway.resolveKey });
    expect(duplicate.problems.map((problem) => problem.kind)).toEqual(['archive-duplicate', 'archive-unreferenced', 'untimestamped']);
    expect(duplicate.isValid).toBe(true);
    log = await openMessageLog({ dir, signer: gateway.signer });
    expect(await readdir(join(dir, 'archive'))).toEqual([]);
    expect(await liveSegments(dir)).toContain(first);
    // Crash after the archived entry was recorded, before the live copy was removed.
    const { archived } = await log.archive();
    await log.close();
    await writeFile(join(dir, first!), gunzipSync(await readFile(join(dir, archived[0]!.file))));
    log = await openMessageLog({ dir, signer: gateway.signer });
    expect(await liveSegments(dir)).not.toContain(first);
    expect((await log.find('m-0')).length).toBe(1);
    await log.close();
    expect((await verifyLog(dir, { resolveKey: gateway.resolveKey })).problems).toEqual([
      expect.objectContaining({ kind: 'untimestamped' }),
    ]);
  });
});

test('find reads the newest segments through the index and scans older ones, before and after a reopen', async () => {
  await withTempDir(async (dir) => {
    const options = { dir, signer: gateway.signer, segmentMaxBytes: 4 * 1024, indexedSegments: 2, sync: false };
    let log = await openMessageLog(options);
    for (let i = 0; i < 60; i++) await log.append({ ...messageRecord(i, 200), messageId: `m-${i % 20}` });
    expect((await liveSegments(dir)).length).toBeGreaterThan(5);
    const expectFound = async () => {
      for (const id of ['m-0', 'm-7', 'm-19']) {
        const found = await log.find(id);
        expect(found.map((entry) => entry.kind === 'message' && entry.record.messageId)).toEqual([id, id, id]);
        expect(found.map((entry) => entry.seq)).toEqual([...found.map((entry) => entry.seq)].sort((a, b) => a - b));
      }
    };
    await expectFound();
    await log.close();
    log = await openMessageLog(options);
    await expectFound();
    await log.archive({ beforeSeq: 30 });
    await expectFound();
    await log.close();
  });
});
