/**
 * Reading real, messy CSV files as councils' systems export them: a byte-order mark, CRLF
 * line endings, Windows-1252 (Latin-1) or UTF-16 instead of UTF-8, stray spaces around
 * values and headers, quoted commas. Every problem names the file and the row; a ragged
 * row is refused, never padded or cut silently.
 */
import { parse } from 'csv-parse/sync';
import { coreError } from '../errors.ts';

export interface CsvTable {
  file: string;
  encoding: 'utf-8' | 'windows-1252' | 'utf-16le';
  columns: string[];
  /** One object per data row, keyed by the trimmed header. */
  rows: Record<string, string>[];
}

/**
 * Text as councils' files come: UTF-16 with its mark, UTF-8 (its mark dropped), or else Windows-1252.
 * @example decodeText(readFileSync('llpg.csv')).text
 */
export function decodeText(bytes: Uint8Array): { text: string; encoding: CsvTable['encoding'] } {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(start)), encoding: 'utf-8' };
  } catch {
    // Not UTF-8: spreadsheets exported on Windows are Windows-1252 (a superset of Latin-1).
    return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'windows-1252' };
  }
}

/**
 * @param file the name to use in messages (the uploaded file's name or its path)
 * @example const { columns, rows } = readCsv(readFileSync('patients.csv'), 'patients.csv');
 */
export function readCsv(bytes: Uint8Array, file: string): CsvTable {
  const { text, encoding } = decodeText(bytes);
  let records: string[][];
  try {
    records = parse(text, { trim: true, skip_empty_lines: true, relax_column_count: false });
  } catch (error) {
    const e = error as Error & { lines?: number };
    throw coreError('CORE_FILE_UNREADABLE', `${file} cannot be read as CSV: ${e.message}`, [{ file, row: e.lines, message: e.message }]);
  }
  const [header, ...body] = records;
  if (!header || header.length === 0 || header.every((h) => h.trim() === ''))
    throw coreError('CORE_FILE_UNREADABLE', `${file} is empty: it needs a header row`, [{ file, row: 1, message: 'No header row' }]);
  const columns = header.map((h) => h.trim());
  const duplicates = columns.filter((c, i) => columns.indexOf(c) !== i);
  if (duplicates.length > 0)
    throw coreError('CORE_FILE_UNREADABLE', `${file} has the column ${duplicates.map((d) => `"${d}"`).join(', ')} more than once`, [
      { file, row: 1, message: 'Duplicate column' },
    ]);
  const rows = body.map((values) => Object.fromEntries(columns.map((c, i) => [c, values[i] ?? ''])));
  return { file, encoding, columns, rows };
}
