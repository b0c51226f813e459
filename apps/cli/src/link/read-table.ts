/**
 * Reading real, messy CSV files for linkage: a byte-order mark, CRLF line endings, Latin-1
 * (Windows-1252) instead of UTF-8, stray spaces around values and headers, quoted commas.
 * Every problem names the file, the row and the column; nothing is dropped silently.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { JoineryError } from '@joinery/core';
import { parse } from 'csv-parse/sync';

export interface ReadTable {
  source: string;
  file: string;
  encoding: 'utf-8' | 'windows-1252' | 'utf-16le';
  columns: string[];
  rows: Record<string, string>[];
}

function decode(bytes: Buffer): { text: string; encoding: ReadTable['encoding'] } {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(start)), encoding: 'utf-8' };
  } catch {
    // Not UTF-8: spreadsheets exported on Windows are Windows-1252 (a superset of Latin-1).
    return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'windows-1252' };
  }
}

export function readTable(file: string): ReadTable {
  const { text, encoding } = decode(readFileSync(file));
  let records: string[][];
  try {
    records = parse(text, { trim: true, skip_empty_lines: true, relax_column_count: false });
  } catch (error) {
    const e = error as Error & { lines?: number; column?: number };
    throw new JoineryError('LINKAGE_FILE_UNREADABLE', 400, `${file} cannot be read as CSV: ${e.message}`, [
      { file, row: e.lines, message: e.message },
    ]);
  }
  const [header, ...body] = records;
  if (!header || header.length === 0)
    throw new JoineryError('LINKAGE_FILE_UNREADABLE', 400, `${file} is empty: it needs a header row`, [
      { file, row: 1, message: 'No header row' },
    ]);
  const columns = header.map((h) => h.trim());
  const duplicates = columns.filter((c, i) => columns.indexOf(c) !== i);
  if (duplicates.length > 0)
    throw new JoineryError(
      'LINKAGE_FILE_UNREADABLE',
      400,
      `${file} has the column ${duplicates.map((d) => `"${d}"`).join(', ')} more than once`,
      [{ file, row: 1, message: 'Duplicate column' }],
    );
  const rows = body.map((values) => Object.fromEntries(columns.map((c, i) => [c, values[i] ?? ''])));
  return { source: basename(file).replace(/\.[^.]+$/, ''), file, encoding, columns, rows };
}
