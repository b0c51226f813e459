/**
 * Verifies a message log offline, as a third party would: with the directory, the gateway's
 * public keys (resolveKey) and a timestamp checker, and nothing of the gateway's state. It reads
 * the archives and the live segments in chain order, checks every entry (chain-checker.ts), every
 * `archived` record against its archive file (SHA-256, seq range, last hash), every line for
 * completeness, and the end of the log against a witness of its head when one is given — the
 * only way to see that whole entries were cut from the end.
 */
import { createReadStream } from 'node:fs';
import { createHash } from 'node:crypto';
import { ChainChecker } from './chain-checker.ts';
import { logFilesInOrder, type LogFile } from './log-files.ts';
import type { LogVerification, VerifyLogOptions } from './model.ts';
import { readLines } from './read-lines.ts';

async function sha256OfFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

interface Observed {
  firstSeq?: number;
  lastSeq?: number;
  lastHash?: string;
  isReadable: boolean;
}

/** Reads one file into the checker; returns the seq range it held. */
async function readFileInto(checker: ChainChecker, file: LogFile, isLast: boolean): Promise<Observed> {
  const observed: Observed = { isReadable: true };
  try {
    for await (const line of readLines(file.path, { gunzip: file.isArchive })) {
      const where = { file: file.file, line: line.line };
      if (!line.isComplete) {
        checker.report(
          'incomplete-line',
          where,
          undefined,
          isLast
            ? `The last line of ${file.file} is incomplete: the log was cut, or its gateway stopped mid-write and has not reopened it since`
            : `${file.file} ends in an incomplete line although later segments follow: it was cut`,
        );
        checker.unreadable();
        continue;
      }
      let value: unknown;
      try {
        value = JSON.parse(line.text);
      } catch (error) {
        checker.report('unparseable', where, undefined, `${file.file} line ${line.line} is not JSON: ${(error as Error).message}`);
        checker.unreadable();
        continue;
      }
      checker.check(value, where);
      const { seq, hash } = (value ?? {}) as { seq?: unknown; hash?: unknown };
      if (typeof seq === 'number') {
        observed.firstSeq ??= seq;
        observed.lastSeq = seq;
        observed.lastHash = String(hash);
      }
    }
  } catch (error) {
    observed.isReadable = false;
    checker.report(
      file.isArchive ? 'archive-unreadable' : 'unparseable',
      { file: file.file },
      undefined,
      `${file.file} cannot be read: ${(error as Error).message}`,
    );
  }
  return observed;
}

/** @example const result = await verifyLog('.joinery/gateway/log', { resolveKey: (id) => keys.get(id) }); */
export async function verifyLog(dir: string, options: VerifyLogOptions): Promise<LogVerification> {
  const checker = new ChainChecker(options);
  const { files, duplicates } = await logFilesInOrder(dir);
  if (!files.length) checker.report('missing-log', { file: '.' }, undefined, `${dir} holds no message log segments`);
  for (const duplicate of duplicates)
    checker.report(
      'archive-duplicate',
      { file: duplicate.file },
      undefined,
      `${duplicate.file} is also live: its archiving did not finish (the gateway completes it when it reopens the log); the live copy was read`,
    );
  const observed = new Map<string, Observed>();
  const numbersSeen: number[] = [];
  for (const [i, file] of files.entries()) {
    observed.set(file.file, await readFileInto(checker, file, i === files.length - 1));
    numbersSeen.push(file.number);
  }
  const archives = new Map([...files, ...duplicates].filter((file) => file.isArchive).map((file) => [file.file, file]));
  // Every archived record must find its file, unaltered, holding the entries it says.
  const missingRanges: { firstSeq: number; lastSeq: number }[] = [];
  const referenced = new Set<string>();
  for (const { entry } of checker.archivedRecords) {
    referenced.add(entry.file);
    const archive = archives.get(entry.file);
    const at = { file: entry.file };
    if (!archive) {
      missingRanges.push(entry);
      checker.report(
        'archive-missing',
        at,
        entry.seq,
        `${entry.file} (entries ${entry.firstSeq}–${entry.lastSeq}, recorded by entry ${entry.seq}) is missing`,
      );
      continue;
    }
    if ((await sha256OfFile(archive.path)) !== entry.sha256)
      checker.report('archive-altered', at, entry.seq, `${entry.file} is not the file entry ${entry.seq} recorded: its SHA-256 differs`);
    const seen = observed.get(entry.file);
    if (seen?.isReadable && (seen.firstSeq !== entry.firstSeq || seen.lastSeq !== entry.lastSeq || seen.lastHash !== entry.lastHash))
      checker.report(
        'archive-mismatch',
        at,
        entry.seq,
        `${entry.file} holds entries ${seen.firstSeq ?? '–'}–${seen.lastSeq ?? '–'}, but entry ${entry.seq} recorded ${entry.firstSeq}–${entry.lastSeq}`,
      );
  }
  for (const archive of archives.values())
    if (!referenced.has(archive.file))
      checker.report('archive-unreferenced', { file: archive.file }, undefined, `${archive.file} is not recorded by any archived entry`);
  // A segment number skipped that no missing archive accounts for.
  for (let i = 1; i < numbersSeen.length; i++)
    for (let number = numbersSeen[i - 1]! + 1; number < numbersSeen[i]!; number++) {
      const name = `segment-${String(number).padStart(6, '0')}.jsonl`;
      if (![...referenced].some((file) => file.endsWith(`${name}.gz`) && !archives.has(file)))
        checker.report(
          'segment-missing',
          { file: name },
          undefined,
          `${name} is missing between ${files[i - 1]!.file} and ${files[i]!.file}`,
        );
    }
  const lastFile = files.at(-1)?.file ?? '.';
  checker.finish(lastFile, missingRanges);
  const expected = options.expectedHead;
  if (expected && checker.lastSeq < expected.seq)
    checker.report(
      'truncated',
      { file: lastFile },
      expected.seq,
      `The log ends at entry ${checker.lastSeq}, but its head was witnessed at entry ${expected.seq}: entries have been cut from the end`,
    );
  else if (expected?.hash && checker.hashAtExpectedHead !== expected.hash)
    checker.report(
      'head-mismatch',
      { file: lastFile },
      expected.seq,
      `Entry ${expected.seq} is not the one witnessed: its hash differs, so the log was rewritten from there`,
    );
  const problems = checker.problems;
  return {
    isValid: !problems.some((problem) => problem.severity === 'error'),
    entries: checker.entries,
    segments: files.filter((file) => !file.isArchive).length,
    archives: archives.size,
    checkpoints: checker.checkpoints,
    timestamped: checker.timestamped,
    lastSeq: checker.lastSeq,
    lastHash: checker.lastHash,
    ...(checker.lastTimestamp ? { lastTimestamp: checker.lastTimestamp } : {}),
    unsignedTail: checker.unsignedTail,
    problems,
  };
}
