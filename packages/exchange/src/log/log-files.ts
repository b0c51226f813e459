/**
 * Where the log lives on disk: `<dir>/segment-000001.jsonl`, … (the live segments, the last one
 * being written) and `<dir>/archive/segment-000001.jsonl.gz`, … (closed segments moved out of
 * the way). Segment numbers never repeat, so files sort into chain order by number.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';

export const ARCHIVE_DIR = 'archive';
const SEGMENT = /^segment-(\d{6,})\.jsonl$/;
const ARCHIVED_SEGMENT = /^segment-(\d{6,})\.jsonl\.gz$/;

export const segmentFileName = (number: number): string => `segment-${String(number).padStart(6, '0')}.jsonl`;
/** Relative to the log directory, as `archived` entries and problems name it. */
export const archiveFileName = (number: number): string => `${ARCHIVE_DIR}/${segmentFileName(number)}.gz`;

export interface LogFile {
  number: number;
  /** Relative to the log directory. */
  file: string;
  path: string;
  isArchive: boolean;
}

async function filesMatching(dir: string, pattern: RegExp): Promise<string[]> {
  try {
    return (await readdir(dir)).filter((name) => pattern.test(name));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

/** The log's segment files, each list in chain order. */
export async function listLogFiles(dir: string): Promise<{ archives: LogFile[]; live: LogFile[] }> {
  const byNumber = (a: LogFile, b: LogFile) => a.number - b.number;
  const live = (await filesMatching(dir, SEGMENT)).map((name) => ({
    number: Number(SEGMENT.exec(name)![1]),
    file: name,
    path: join(dir, name),
    isArchive: false,
  }));
  const archives = (await filesMatching(join(dir, ARCHIVE_DIR), ARCHIVED_SEGMENT)).map((name) => ({
    number: Number(ARCHIVED_SEGMENT.exec(name)![1]),
    file: `${ARCHIVE_DIR}/${name}`,
    path: join(dir, ARCHIVE_DIR, name),
    isArchive: true,
  }));
  return { archives: archives.sort(byNumber), live: live.sort(byNumber) };
}

/**
 * The files to read, in chain order: archives, then live segments. A segment that is both
 * archived and live (a crash between writing the archive and removing the live file, before the
 * log was reopened) is read from its live copy; `duplicates` lists the archive copies skipped.
 */
export async function logFilesInOrder(dir: string): Promise<{ files: LogFile[]; duplicates: LogFile[] }> {
  const { archives, live } = await listLogFiles(dir);
  const liveNumbers = new Set(live.map((file) => file.number));
  const duplicates = archives.filter((file) => liveNumbers.has(file.number));
  const files = [...archives.filter((file) => !liveNumbers.has(file.number)), ...live].sort((a, b) => a.number - b.number);
  return { files, duplicates };
}
