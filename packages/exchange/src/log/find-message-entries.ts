/**
 * Finding a message's entries: the newest live segments through the log's in-memory index (a
 * read at a known offset), older segments and archives by scanning (each line is tested for the
 * id's JSON text before it is parsed, so a scan costs little more than reading, or gunzipping).
 */
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { segmentFileName, type LogFile } from './log-files.ts';
import type { MessageLocation } from './message-index.ts';
import type { LogEntry, MessageEntry } from './model.ts';
import { readLines } from './read-lines.ts';

const isEntryFor = (value: unknown, messageId: string): value is MessageEntry =>
  !!value &&
  typeof value === 'object' &&
  (value as MessageEntry).kind === 'message' &&
  (value as MessageEntry).record?.messageId === messageId;

/** Reads indexed entries from the live segments; a segment archived meanwhile is skipped (the archive scan finds it). */
export async function readIndexedEntries(dir: string, messageId: string, locations: MessageLocation[]): Promise<LogEntry[]> {
  const found: LogEntry[] = [];
  const bySegment = new Map<number, MessageLocation[]>();
  for (const location of locations) bySegment.set(location.segment, [...(bySegment.get(location.segment) ?? []), location]);
  for (const [segment, here] of bySegment) {
    let handle;
    try {
      handle = await open(join(dir, segmentFileName(segment)), 'r');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw error;
    }
    try {
      for (const location of here) {
        const buffer = Buffer.alloc(location.length);
        await handle.read(buffer, 0, location.length, location.offset);
        try {
          const entry: unknown = JSON.parse(buffer.toString('utf8'));
          if (isEntryFor(entry, messageId)) found.push(entry);
        } catch {
          // The line was damaged after it was written: verifyLog reports it.
        }
      }
    } finally {
      await handle.close();
    }
  }
  return found;
}

/** Scans segment files (live or archived) for a message's entries. */
export async function scanFilesForMessage(files: LogFile[], messageId: string): Promise<LogEntry[]> {
  const needle = JSON.stringify(messageId);
  const found: LogEntry[] = [];
  for (const file of files) {
    try {
      for await (const { text } of readLines(file.path, { gunzip: file.isArchive })) {
        if (!text.includes(needle)) continue;
        try {
          const entry: unknown = JSON.parse(text);
          if (isEntryFor(entry, messageId)) found.push(entry);
        } catch {
          // verifyLog reports damaged lines
        }
      }
    } catch {
      // A file archived meanwhile, or unreadable: verifyLog reports the latter; find returns what it can.
    }
  }
  return found;
}

/** Entries in seq order, each once (a segment may be read both live and archived mid-archive). */
export function inSeqOrder(entries: LogEntry[]): LogEntry[] {
  const bySeq = new Map(entries.map((entry) => [entry.seq, entry]));
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}
