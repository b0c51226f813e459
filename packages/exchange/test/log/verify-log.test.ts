import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { chainHash, contentHashOf, openMessageLog, verifyLog, type LogEntry, type LogProblem } from '../../src/log/index.ts';
import { editLines, linesOf, makeSigner, makeTimestampAuthority, messageRecord, segment } from './log-fixtures.ts';

const gateway = makeSigner();
const tsa = makeTimestampAuthority();
const verifyOptions = { resolveKey: gateway.resolveKey, verifyTimestamp: tsa.verifyTimestamp };
let baseline: string;
let entries: LogEntry[];
let head: { seq: number; hash: string };

beforeAll(async () => {
  baseline = await mkdtemp(join(tmpdir(), 'joinery-log-baseline-'));
  const log = await openMessageLog({ dir: baseline, signer: gateway.signer, timestamp: tsa.timestamp, checkpointEvery: 5 });
  for (let i = 0; i < 30; i++) await log.append(messageRecord(i));
  await log.close();
  head = log.head;
  entries = (await linesOf(segment(baseline))).map((line) => JSON.parse(line) as LogEntry);
});
afterAll(() => rm(baseline, { recursive: true, force: true }));

/** A copy of the baseline log, edited by `tamper`, verified. */
async function verifyTampered(
  tamper: (dir: string) => Promise<void>,
  options: Partial<typeof verifyOptions> & { expectedHead?: { seq: number; hash?: string } } = {},
) {
  const dir = await mkdtemp(join(tmpdir(), 'joinery-log-tampered-'));
  try {
    await cp(baseline, dir, { recursive: true });
    await tamper(dir);
    return await verifyLog(dir, { ...verifyOptions, ...options });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const errors = (problems: LogProblem[]) => problems.filter((problem) => problem.severity === 'error');
const lineOf = (seq: number) => entries.findIndex((entry) => entry.seq === seq) + 1;
const messageAt = (n: number) => entries.filter((entry) => entry.kind === 'message')[n]!;
const checkpointAt = (n: number) => entries.filter((entry) => entry.kind === 'checkpoint')[n]!;

/** Re-hashes entries from `fromSeq` on, as a tamperer who knows the format would, so only signatures can tell. */
function reseal(lines: string[], fromSeq: number): string[] {
  let prev: string | undefined;
  return lines.map((line) => {
    const entry = JSON.parse(line) as LogEntry & Record<string, unknown>;
    if (entry.seq >= fromSeq) {
      if (prev) entry.prev = prev;
      entry.contentHash = contentHashOf(entry);
      entry.hash = chainHash(entry.prev, entry.contentHash);
    }
    prev = entry.hash;
    return JSON.stringify(entry);
  });
}

const edit = (seq: number, change: (entry: LogEntry & Record<string, unknown>) => void) => (lines: string[]) =>
  lines.map((line) => {
    const entry = JSON.parse(line) as LogEntry & Record<string, unknown>;
    if (entry.seq !== seq) return line;
    change(entry);
    return JSON.stringify(entry);
  });

test('the untouched log verifies: every checkpoint signed and timestamped, nothing unsigned', async () => {
  const result = await verifyLog(baseline, verifyOptions);
  expect(result.problems).toEqual([]);
  expect(result).toMatchObject({ isValid: true, lastSeq: head.seq, lastHash: head.hash, segments: 1, archives: 0 });
  expect(result.checkpoints).toBeGreaterThanOrEqual(6);
  expect(result.timestamped).toBeGreaterThanOrEqual(1);
  expect(result.lastTimestamp).toBeInstanceOf(Date);
  expect(result.unsignedTail).toBeLessThanOrEqual(1); // at most the final checkpoint's timestamp entry
  expect(await verifyLog(baseline, { ...verifyOptions, expectedHead: head })).toMatchObject({ isValid: true });
});

test('an edited entry is found by its content hash, at its file, line and seq', async () => {
  const target = messageAt(7);
  const result = await verifyTampered((dir) =>
    editLines(
      segment(dir),
      edit(target.seq, (entry) => ((entry.record as { status?: number }).status = 200)),
    ),
  );
  expect(errors(result.problems)).toEqual([
    expect.objectContaining({ kind: 'content-altered', file: 'segment-000001.jsonl', line: lineOf(target.seq), seq: target.seq }),
  ]);
  expect(result.isValid).toBe(false);
});

test('an edited hash is found, once', async () => {
  const target = messageAt(3);
  const result = await verifyTampered((dir) =>
    editLines(
      segment(dir),
      edit(target.seq, (entry) => (entry.hash = 'f'.repeat(64))),
    ),
  );
  expect(errors(result.problems)).toEqual([expect.objectContaining({ kind: 'hash-altered', seq: target.seq, line: lineOf(target.seq) })]);
});

test('a deleted entry leaves a gap', async () => {
  const target = messageAt(10);
  const result = await verifyTampered((dir) => editLines(segment(dir), (lines) => lines.filter((_, i) => i !== lineOf(target.seq) - 1)));
  expect(errors(result.problems)).toEqual([
    expect.objectContaining({ kind: 'missing-entries', seq: target.seq, file: 'segment-000001.jsonl' }),
  ]);
});

test('reordered entries are reported as out of place', async () => {
  const [a, b] = [messageAt(12), messageAt(13)];
  expect(b.seq).toBe(a.seq + 1);
  const result = await verifyTampered((dir) =>
    editLines(segment(dir), (lines) => {
      const i = lineOf(a.seq) - 1;
      [lines[i], lines[i + 1]] = [lines[i + 1]!, lines[i]!];
      return lines;
    }),
  );
  expect(errors(result.problems)).toEqual([expect.objectContaining({ kind: 'reordered', seq: a.seq, line: lineOf(b.seq) })]);
});

test('an inserted entry breaks the chain where it was put', async () => {
  const before = messageAt(5);
  const result = await verifyTampered((dir) =>
    editLines(segment(dir), (lines) => {
      const forged = JSON.parse(lines[lineOf(before.seq) - 1]!) as LogEntry;
      return lines.flatMap((line, i) =>
        i === lineOf(before.seq) - 1 ? [line, JSON.stringify({ ...forged, seq: forged.seq + 1 })] : [line],
      );
    }),
  );
  expect(errors(result.problems)).toContainEqual(expect.objectContaining({ seq: before.seq + 1, kind: 'chain-broken' }));
});

test('history rewritten and re-hashed is caught by the checkpoints', async () => {
  const target = messageAt(2);
  const resealed = await verifyTampered((dir) =>
    editLines(segment(dir), (lines) =>
      reseal(edit(target.seq, (entry) => ((entry.record as { path: string }).path = '/forged'))(lines), target.seq),
    ),
  );
  const covering = entries.find((entry) => entry.kind === 'checkpoint' && entry.upTo >= target.seq)!;
  expect(errors(resealed.problems)[0]).toMatchObject({ kind: 'checkpoint-mismatch', seq: covering.seq });
  // …and with the checkpoints' heads rewritten too, by their signatures.
  const resigned = await verifyTampered((dir) =>
    editLines(segment(dir), (lines) => {
      const forged = reseal(edit(target.seq, (entry) => ((entry.record as { path: string }).path = '/forged'))(lines), target.seq);
      return forged.reduce<string[]>((out, line) => {
        const entry = JSON.parse(line) as LogEntry & Record<string, unknown>;
        if (entry.kind === 'checkpoint' && entry.seq > target.seq) entry.headHash = JSON.parse(out.at(-1)!).hash;
        return reseal([...out, JSON.stringify(entry)], entry.seq);
      }, []);
    }),
  );
  expect(errors(resigned.problems)).toContainEqual(expect.objectContaining({ kind: 'bad-signature', seq: covering.seq }));
});

test('a bad checkpoint signature is reported at its checkpoint', async () => {
  const target = checkpointAt(2);
  const result = await verifyTampered((dir) =>
    editLines(segment(dir), (lines) =>
      reseal(edit(target.seq, (entry) => (entry.signature = Buffer.alloc(64, 1).toString('base64')))(lines), target.seq),
    ),
  );
  // Re-hashing the edited checkpoint changes every later head, so later checkpoints object too: the first problem is the one.
  expect(errors(result.problems)[0]).toMatchObject({ kind: 'bad-signature', seq: target.seq, line: lineOf(target.seq) });
  expect(errors(result.problems).filter((problem) => problem.seq! < target.seq)).toEqual([]);
});

test('checkpoints signed with a key the verifier does not know are reported', async () => {
  const stranger = makeSigner();
  const result = await verifyTampered(async () => undefined, { resolveKey: stranger.resolveKey });
  const unknown = result.problems.filter((problem) => problem.kind === 'unknown-key');
  expect(unknown.map((problem) => problem.seq)).toEqual(entries.filter((entry) => entry.kind === 'checkpoint').map((entry) => entry.seq));
  expect(result.isValid).toBe(false);
  expect(result.unsignedTail).toBe(head.seq);
});

test('an invalid timestamp token is reported; a log without timestamps is only warned about', async () => {
  const target = entries.at(-1)!; // the final checkpoint's timestamp: nothing after it to re-hash
  expect(target.kind).toBe('timestamp');
  const forged = await verifyTampered((dir) =>
    editLines(segment(dir), (lines) =>
      reseal(edit(target.seq, (entry) => (entry.token = Buffer.from('{"digest":"00"}').toString('base64')))(lines), target.seq),
    ),
  );
  expect(errors(forged.problems)).toEqual([expect.objectContaining({ kind: 'bad-timestamp', seq: target.seq })]);
  const otherTsa = makeTimestampAuthority();
  const wrongAuthority = await verifyTampered(async () => undefined, { verifyTimestamp: otherTsa.verifyTimestamp });
  expect(wrongAuthority.problems.filter((problem) => problem.kind === 'bad-timestamp').length).toBe(wrongAuthority.problems.length - 1);
  expect(wrongAuthority.problems.at(-1)).toMatchObject({ kind: 'untimestamped', severity: 'warning' });
  // No timestamping service at all: valid, with a warning.
  const dir = await mkdtemp(join(tmpdir(), 'joinery-log-'));
  const log = await openMessageLog({ dir, signer: gateway.signer });
  await log.append(messageRecord(1));
  await log.close();
  const plain = await verifyLog(dir, verifyOptions);
  expect(plain).toMatchObject({
    isValid: true,
    timestamped: 0,
    problems: [expect.objectContaining({ kind: 'untimestamped', severity: 'warning', seq: 3 })],
  });
  await rm(dir, { recursive: true, force: true });
});

test('a line that is not JSON is reported once, without a cascade', async () => {
  const target = messageAt(4);
  const result = await verifyTampered((dir) =>
    editLines(segment(dir), (lines) => lines.map((line, i) => (i === lineOf(target.seq) - 1 ? line.slice(0, 40) : line))),
  );
  expect(result.problems).toEqual([
    expect.objectContaining({ kind: 'unparseable', line: lineOf(target.seq), file: 'segment-000001.jsonl' }),
  ]);
});

test('a cut tail: a partial last line is seen; whole entries cut are seen against a witness of the head', async () => {
  const partial = await verifyTampered((dir) =>
    editLines(segment(dir), (lines) => [...lines.slice(0, -1), lines.at(-1)!.slice(0, 50)]).then(async () => {
      const text = (await linesOf(segment(dir))).join('\n'); // drop the final newline
      await writeFile(segment(dir), text);
    }),
  );
  expect(errors(partial.problems)).toEqual([expect.objectContaining({ kind: 'incomplete-line', line: entries.length })]);
  const cut = await verifyTampered((dir) => editLines(segment(dir), (lines) => lines.slice(0, -3)), { expectedHead: head });
  expect(errors(cut.problems)).toEqual([expect.objectContaining({ kind: 'truncated', seq: head.seq })]);
  expect((await verifyTampered((dir) => editLines(segment(dir), (lines) => lines.slice(0, -3)))).isValid).toBe(true);
  const forked = await verifyLog(baseline, { ...verifyOptions, expectedHead: { seq: head.seq, hash: '0'.repeat(64) } });
  expect(errors(forked.problems)).toEqual([expect.objectContaining({ kind: 'head-mismatch', seq: head.seq })]);
});

test('a directory with no log is reported, not thrown', async () => {
  const result = await verifyLog(join(tmpdir(), 'joinery-no-such-log'), verifyOptions);
  expect(result).toMatchObject({ isValid: false, problems: [expect.objectContaining({ kind: 'missing-log' })] });
});

test('any line replaced by any text or JSON is reported, never thrown', async () => {
  const lines = await linesOf(segment(baseline));
  const dir = await mkdtemp(join(tmpdir(), 'joinery-log-fuzz-'));
  try {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: lines.length - 1 }),
        fc.oneof(
          fc.string().map((text) => text.replace(/\n/g, ' ')),
          fc.jsonValue().map((value) => JSON.stringify(value)),
        ),
        async (index, replacement) => {
          if (replacement === lines[index]) return;
          await writeFile(segment(dir), lines.map((line, i) => `${i === index ? replacement : line}\n`).join(''));
          const result = await verifyLog(dir, verifyOptions);
          expect(result.isValid).toBe(false);
          expect(errors(result.problems).length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 60 },
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
