/**
 * Moving a closed segment out of the live log without breaking the chain: the segment's bytes
 * are gzipped into `archive/`, made durable and renamed into place; then the live log records an
 * `archived` entry (file, seq range, last hash, SHA-256 of the archive file) and only then is
 * the live copy removed. A crash at any step leaves either the live copy alone (the archive
 * file, unrecorded, is removed on open) or both with the record (the live copy is removed on open).
 */
import { open, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { sha256Hex } from './entry-hash.ts';
import { syncDirectory } from './group-commit-writer.ts';
import { ARCHIVE_DIR, archiveFileName, segmentFileName } from './log-files.ts';

const gzipAsync = promisify(gzip);

/** Writes the archive copy of a closed segment; returns its name (relative), SHA-256 and size. */
export async function writeSegmentArchive(
  dir: string,
  segment: number,
  options: { sync: boolean },
): Promise<{ file: string; sha256: string; bytes: number }> {
  const compressed = await gzipAsync(await readFile(join(dir, segmentFileName(segment))));
  const file = archiveFileName(segment);
  const temporary = join(dir, `${file}.tmp`);
  const handle = await open(temporary, 'w');
  try {
    await handle.writeFile(compressed);
    if (options.sync) await handle.datasync();
  } finally {
    await handle.close();
  }
  await rename(temporary, join(dir, file));
  if (options.sync) await syncDirectory(join(dir, ARCHIVE_DIR));
  return { file, sha256: sha256Hex(compressed), bytes: compressed.length };
}

/** Removes the live copy once the `archived` entry is durable. */
export async function removeLiveSegment(dir: string, segment: number, options: { sync: boolean }): Promise<void> {
  await rm(join(dir, segmentFileName(segment)), { force: true });
  if (options.sync) await syncDirectory(dir);
}
