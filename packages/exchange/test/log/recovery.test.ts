import { spawn } from 'node:child_process';
import { generateKeyPairSync, sign } from 'node:crypto';
import { appendFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { keyIdOf } from '../../src/configuration/signature.ts';
import { openMessageLog, verifyLog, type LogEntry } from '../../src/log/index.ts';
import { editLines, lineOfSeq, linesOf, makeSigner, messageRecord, segment, withTempDir } from './log-fixtures.ts';

test('a partial last line (a crash mid-write) is cut on open, recorded, and the chain goes on', async () => {
  await withTempDir(async (dir) => {
    const { signer, resolveKey } = makeSigner();
    let log = await openMessageLog({ dir, signer });
    for (let i = 0; i < 10; i++) await log.append(messageRecord(i));
    await log.close();
    const head = log.head;
    const partial = '{"seq":13,"at":"2025-01-01T00:00:00.000Z","kind":"message","record":{"messageId":"m-cut"';
    await appendFile(segment(dir), partial);
    const before = await verifyLog(dir, { resolveKey });
    expect(before.problems).toContainEqual(expect.objectContaining({ kind: 'incomplete-line', file: 'segment-000001.jsonl', line: 13 }));
    expect(before.isValid).toBe(false);

    log = await openMessageLog({ dir, signer });
    const after = await log.append(messageRecord(99));
    await log.close();
    const entries = (await linesOf(segment(dir))).map((line) => JSON.parse(line) as LogEntry);
    expect(entries.find((entry) => entry.seq === head.seq + 1)).toMatchObject({
      kind: 'recovered',
      file: 'segment-000001.jsonl',
      cutBytes: Buffer.byteLength(partial),
      prev: head.hash,
    });
    expect(after.seq).toBe(head.seq + 3); // recovered, opened, then the message
    const result = await verifyLog(dir, { resolveKey });
    expect(result.problems.filter((problem) => problem.severity === 'error')).toEqual([]);
    expect(entries.some((entry) => entry.kind === 'message' && entry.record.messageId === 'm-cut')).toBe(false);
  });
});

test('a tail that is corrupt beyond its last line refuses to open, and nothing is rewritten', async () => {
  await withTempDir(async (dir) => {
    const { signer } = makeSigner();
    const log = await openMessageLog({ dir, signer });
    for (let i = 0; i < 5; i++) await log.append(messageRecord(i));
    await log.close();
    await editLines(segment(dir), (lines) => {
      const i = lineOfSeq(lines, 4);
      lines[i] = lines[i]!.replace('"m-2"', '"m-two"');
      return lines;
    });
    const damaged = await linesOf(segment(dir));
    await expect(openMessageLog({ dir, signer })).rejects.toMatchObject({
      reason: 'corrupt-tail',
      message: expect.stringContaining('line 4'),
    });
    expect(await linesOf(segment(dir))).toEqual(damaged);
    // …and the lock was released: once the damage is repaired the log opens.
    await writeFile(segment(dir), '');
    await (await openMessageLog({ dir, signer })).close();
  });
});

test('killed while appending: every acknowledged entry survives and the reopened chain verifies', async () => {
  await withTempDir(async (dir) => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const keyId = keyIdOf(publicKey);
    const script = fileURLToPath(new URL('./fixtures/append-until-killed.ts', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', script, dir], {
      env: { ...process.env, LOG_KEY: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const acknowledged = new Map<number, string>();
    let buffered = '';
    await new Promise<void>((resolve, reject) => {
      child.on('error', reject);
      child.on('exit', () => resolve());
      child.stdout.on('data', (chunk: Buffer) => {
        const lines = (buffered + chunk.toString()).split('\n');
        buffered = lines.pop()!;
        for (const line of lines) {
          const [seq, hash] = line.split(' ');
          acknowledged.set(Number(seq), hash!);
        }
        if (acknowledged.size >= 3000) child.kill('SIGKILL');
      });
    });
    expect(acknowledged.size).toBeGreaterThanOrEqual(3000);
    // The lock it left names a dead process: the log opens again.
    const signer = { gatewayId: 'wessex/GOV/casterbridge/gw1', keyId, sign: (data: Buffer) => sign(null, data, privateKey) };
    const log = await openMessageLog({ dir, signer });
    await log.close();
    const entries = new Map(
      (await linesOf(segment(dir))).map((line) => JSON.parse(line) as LogEntry).map((entry) => [entry.seq, entry.hash]),
    );
    for (const [seq, hash] of acknowledged) expect(entries.get(seq)).toBe(hash);
    const result = await verifyLog(dir, { resolveKey: (id) => (id === keyId ? publicKey : undefined) });
    expect(result.problems.filter((problem) => problem.severity === 'error')).toEqual([]);
    expect(result.unsignedTail).toBe(0);
  });
}, 30_000);
