/**
 * What opening an existing log reads: every live segment once — fully parsed for the newest,
 * which the message index covers; only the first, last, checkpoint and archived lines of older
 * ones — then the tail, which must link up before anything is appended. An
 * incomplete last line (a crash mid-write: it was never acknowledged) is cut and reported so a
 * `recovered` entry can record it; anything else wrong in the tail refuses the open, because
 * appending after it would bury the damage. An archive left half done by a crash is settled.
 */
import { open, rm, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { chainHash, isHash, safeContentHashOf, sha256Hex, ZERO_HASH } from './entry-hash.ts';
import { syncDirectory } from './group-commit-writer.ts';
import { ARCHIVE_DIR, listLogFiles } from './log-files.ts';
import { MessageIndex } from './message-index.ts';
import { MessageLogError } from './message-log-error.ts';
import { readLines } from './read-lines.ts';

export interface SegmentSummary {
  number: number;
  bytes: number;
  firstSeq?: number;
  lastSeq?: number;
  lastHash?: string;
}

export interface LoadedLogState {
  /** Live segments in order; empty for a new log. */
  segments: SegmentSummary[];
  index: MessageIndex;
  head: { seq: number; hash: string };
  /** Entries other than timestamps after the last checkpoint. */
  sinceCheckpoint: number;
  cut?: { file: string; bytes: number; sha256: string };
  unreadableLines: number;
}

/** How many of the last entries must link up for the log to be opened. */
const TAIL_CHECKED = 8;

type Parsed = Record<string, unknown> & { seq: number; kind: string };

function parseEntry(text: string): Parsed | undefined {
  try {
    const value: unknown = JSON.parse(text);
    if (value && typeof value === 'object' && Number.isSafeInteger((value as Parsed).seq)) return value as Parsed;
  } catch {
    // counted by the caller
  }
  return undefined;
}

interface TailLine {
  file: string;
  line: number;
  text: string;
}

function checkTail(lines: TailLine[]): Parsed | undefined {
  const tail = lines.map((line) => ({ ...line, entry: parseEntry(line.text) }));
  const corrupt = (at: { file: string; line: number }, why: string) =>
    new MessageLogError(
      'corrupt-tail',
      `The message log cannot be opened: ${at.file} line ${at.line} ${why}. It is not cut or rewritten automatically: run verifyLog on the directory to see what happened, and restore it from a backup or move it aside`,
    );
  tail.forEach((at, i) => {
    const entry = at.entry;
    if (!entry) throw corrupt(at, 'is not a log entry');
    if (!isHash(entry.prev) || !isHash(entry.contentHash) || !isHash(entry.hash)) throw corrupt(at, 'lacks its hashes');
    if (safeContentHashOf(entry) !== entry.contentHash) throw corrupt(at, 'does not match its content hash');
    if (chainHash(entry.prev, entry.contentHash) !== entry.hash) throw corrupt(at, 'does not match its hash');
    const before = tail[i - 1]?.entry;
    if (before && (entry.seq !== before.seq + 1 || entry.prev !== before.hash)) throw corrupt(at, `does not follow entry ${before.seq}`);
    if (entry.seq === 1 && entry.prev !== ZERO_HASH) throw corrupt(at, 'is the first entry but does not start the chain');
  });
  return tail.at(-1)?.entry;
}

async function cutIncompleteLine(path: string, offset: number, length: number, sync: boolean): Promise<string> {
  const handle = await open(path, 'r+');
  try {
    const cut = Buffer.alloc(length);
    await handle.read(cut, 0, length, offset);
    await handle.truncate(offset);
    if (sync) await handle.datasync();
    return sha256Hex(cut);
  } finally {
    await handle.close();
  }
}

/** Removes archive files no `archived` entry records, and live copies of segments archived for good. */
async function settleArchives(dir: string, recorded: Set<string>, state: LoadedLogState): Promise<void> {
  const { archives, live } = await listLogFiles(dir);
  for (const name of await readdir(join(dir, ARCHIVE_DIR)).catch(() => []))
    if (name.endsWith('.tmp')) await rm(join(dir, ARCHIVE_DIR, name), { force: true });
  for (const archive of archives) {
    const liveCopy = live.find((file) => file.number === archive.number);
    if (!liveCopy) continue;
    if (!recorded.has(archive.file)) {
      await rm(archive.path, { force: true });
      continue;
    }
    await rm(liveCopy.path, { force: true });
    state.segments = state.segments.filter((segment) => segment.number !== archive.number);
    state.index.drop(archive.number);
  }
  await syncDirectory(dir);
}

/** Lines of an unindexed segment worth parsing: they change the state, not just the index. */
const MATTERS = /"kind":"(?:checkpoint|archived)"/;

export async function loadLogState(dir: string, options: { sync: boolean; indexedSegments: number }): Promise<LoadedLogState> {
  const { archives, live } = await listLogFiles(dir);
  if (!live.length && archives.length)
    throw new MessageLogError(
      'corrupt-tail',
      `The message log in ${dir} has archived segments but no live segment: the live log is missing`,
    );
  const index = new MessageIndex(options.indexedSegments, live.at(-1)?.number ?? 1);
  const state: LoadedLogState = { segments: [], index, head: { seq: 0, hash: ZERO_HASH }, sinceCheckpoint: 0, unreadableLines: 0 };
  const recordedArchives = new Set<string>();
  const tail: TailLine[] = [];
  for (const [i, file] of live.entries()) {
    const segment: SegmentSummary = { number: file.number, bytes: 0 };
    state.segments.push(segment);
    const isIndexed = index.isIndexed(file.number);
    let lastText: string | undefined;
    for await (const line of readLines(file.path)) {
      if (!line.isComplete) {
        if (i !== live.length - 1)
          throw new MessageLogError('corrupt-tail', `${file.file} ends in an incomplete line but is not the last segment`);
        const sha256 = await cutIncompleteLine(file.path, line.offset, line.length, options.sync);
        state.cut = { file: file.file, bytes: line.length, sha256 };
        break;
      }
      segment.bytes = line.offset + line.length;
      tail.push({ file: file.file, line: line.line, text: line.text });
      if (tail.length > TAIL_CHECKED) tail.shift();
      lastText = line.text;
      const isFirst = line.line === 1;
      if (!isIndexed && !isFirst && !MATTERS.test(line.text)) {
        state.sinceCheckpoint += 1;
        continue;
      }
      const entry = parseEntry(line.text);
      if (!entry) {
        state.unreadableLines += 1;
        continue;
      }
      segment.firstSeq ??= entry.seq;
      if (entry.kind === 'checkpoint') state.sinceCheckpoint = 0;
      else if (entry.kind !== 'timestamp') state.sinceCheckpoint += 1;
      if (entry.kind === 'archived' && typeof entry.file === 'string') recordedArchives.add(entry.file);
      const messageId = (entry.record as { messageId?: unknown } | undefined)?.messageId;
      if (isIndexed && entry.kind === 'message' && typeof messageId === 'string')
        index.add(messageId, { segment: file.number, offset: line.offset, length: line.length, seq: entry.seq });
    }
    const last = lastText === undefined ? undefined : parseEntry(lastText);
    if (last) {
      segment.lastSeq = last.seq;
      segment.lastHash = String(last.hash);
    }
  }
  const last = checkTail(tail);
  if (last) state.head = { seq: last.seq, hash: String(last.hash) };
  await settleArchives(dir, recordedArchives, state);
  return state;
}
