/**
 * Reading an uploaded inventory, whichever form it comes in: CSV (core's readCsv: encodings,
 * quoting) or an Excel workbook (XLSX), told apart by the file's first bytes (an XLSX file is a
 * ZIP archive, "PK\x03\x04"), not by its name alone. From a workbook the first worksheet is
 * read, or the one named; its first non-empty row is the header. Cells become the text a CSV
 * would have held: dates as YYYY-MM-DD, formulas as their result, rich text as its text.
 */
import { JoineryError, readCsv, type CsvTable as CoreCsvTable } from '@joinery/core';
import ExcelJS from 'exceljs';
import { estateError } from '../errors.ts';

/** The media type of an XLSX workbook. */
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Beyond these a workbook is refused rather than read (a sheet's declared size can be huge). */
export const XLSX_LIMITS = { bytes: 50 * 1024 * 1024, rows: 200_000, columns: 500 };

/** A table read from a file: core's CSV table, or one from a workbook (encoding "xlsx"). */
export type SpreadsheetTable = Omit<CoreCsvTable, 'encoding'> & { encoding: CoreCsvTable['encoding'] | 'xlsx' };
type CsvTable = SpreadsheetTable;

const ZIP = [0x50, 0x4b, 0x03, 0x04];

/** Whether the bytes are a ZIP archive (as every XLSX file is). */
export function isZip(bytes: Uint8Array): boolean {
  return ZIP.every((b, i) => bytes[i] === b);
}

function unreadable(file: string, message: string): JoineryError {
  return estateError('ESTATE_IMPORT_UNREADABLE', message, [{ file, message }]);
}

/** A cell as a CSV would hold it. */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) {
    // Excel dates have no time zone: exceljs gives them as UTC midnight (plus any time of day).
    if (Number.isNaN(value.getTime())) return '';
    return value.toISOString().slice(0, 10);
  }
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (typeof value === 'string') return value;
  if (typeof value === 'object') {
    if ('richText' in value && Array.isArray(value.richText)) return value.richText.map((r) => r.text).join('');
    if ('formula' in value || 'sharedFormula' in value) return cellText((value as { result?: ExcelJS.CellValue }).result ?? null);
    if ('error' in value) return '';
    if ('text' in value) return cellText((value as { text: ExcelJS.CellValue }).text);
  }
  return '';
}

/**
 * The first worksheet (or `sheet`) of an XLSX workbook as a table.
 * @example const table = await readXlsx(bytes, 'applications.xlsx');
 */
export async function readXlsx(bytes: Uint8Array, file: string, sheet?: string): Promise<CsvTable> {
  if (bytes.length > XLSX_LIMITS.bytes)
    throw unreadable(file, `${file} is ${Math.round(bytes.length / 1024 / 1024)} MB: at most ${XLSX_LIMITS.bytes / 1024 / 1024} MB`);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  } catch (error) {
    throw unreadable(file, `${file} cannot be read as an Excel workbook (XLSX): ${(error as Error).message.slice(0, 200)}`);
  }
  const sheets = workbook.worksheets;
  const worksheet = sheet ? sheets.find((s) => s.name === sheet) : sheets[0];
  if (!worksheet)
    throw unreadable(
      file,
      sheet
        ? `${file} has no worksheet "${sheet.slice(0, 100)}": it has ${sheets.map((s) => `"${s.name}"`).join(', ') || 'none'}`
        : `${file} has no worksheets`,
    );
  if (worksheet.rowCount > XLSX_LIMITS.rows + 1)
    throw unreadable(file, `${file} (${worksheet.name}) has ${worksheet.rowCount} rows: at most ${XLSX_LIMITS.rows}`);
  // exceljs works columnCount out from every row each time it is read: read it once.
  const columnCount = worksheet.columnCount;
  if (columnCount > XLSX_LIMITS.columns)
    throw unreadable(file, `${file} (${worksheet.name}) has ${columnCount} columns: at most ${XLSX_LIMITS.columns}`);
  const records: string[][] = [];
  worksheet.eachRow({ includeEmpty: false }, (row) => {
    const cells: string[] = [];
    for (let c = 1; c <= columnCount; c++) cells.push(cellText(row.getCell(c).value).trim());
    if (cells.some((v) => v !== '')) records.push(cells);
  });
  const [header, ...body] = records;
  if (!header) throw unreadable(file, `${file} (${worksheet.name}) is empty: it needs a header row`);
  // Trailing empty header cells are formatting, not columns.
  let width = header.length;
  while (width > 0 && header[width - 1] === '') width--;
  const columns = header.slice(0, width);
  const blank = columns.findIndex((c) => c === '');
  if (blank >= 0) throw unreadable(file, `${file} (${worksheet.name}): column ${blank + 1} of the header row has no name`);
  const duplicates = [...new Set(columns.filter((c, i) => columns.indexOf(c) !== i))];
  if (duplicates.length > 0) throw unreadable(file, `${file} has the column ${duplicates.map((d) => `"${d}"`).join(', ')} more than once`);
  const rows = body.map((values) => Object.fromEntries(columns.map((c, i) => [c, values[i] ?? ''])));
  return { file, encoding: 'xlsx', columns, rows };
}

/**
 * An uploaded file as a table: XLSX when its bytes are a ZIP archive, CSV otherwise.
 * @example const table = await readSpreadsheet(bytes, 'contracts.xlsx');
 */
export async function readSpreadsheet(bytes: Uint8Array, file: string, options: { sheet?: string } = {}): Promise<CsvTable> {
  if (isZip(bytes)) return readXlsx(bytes, file, options.sheet);
  if (/\.xlsx$/i.test(file))
    throw unreadable(
      file,
      `${file} is named as an Excel workbook but is not one (an XLSX file is a ZIP archive): save it again as XLSX or CSV`,
    );
  if (/\.xls$/i.test(file) || (bytes[0] === 0xd0 && bytes[1] === 0xcf))
    throw unreadable(file, `${file} is an old Excel (XLS) workbook: save it as XLSX or CSV`);
  try {
    return readCsv(bytes, file);
  } catch (error) {
    if (error instanceof JoineryError) throw estateError('ESTATE_IMPORT_UNREADABLE', error.message, error.details);
    throw error;
  }
}
