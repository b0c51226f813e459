/** What every gazetteer reader returns, and what the readers share. */
import { parse } from 'csv-parse/sync';
import type { RegisterAddress } from '../address.ts';

/** BS 7666 logical status codes. */
export const LOGICAL_STATUS: Record<string, RegisterAddress['status']> = {
  '1': 'approved',
  '3': 'alternative',
  '6': 'provisional',
  '8': 'historical',
};
export const UPRN_PATTERN = /^\d{1,12}$/;

/** A CSV with a header row, headers upper-cased; or the problem that stops it being read. */
export function readHeaderCsv(content: string): { rows: Record<string, string>[] } | { problem: GazetteerProblem } {
  try {
    return { rows: parse(content, { columns: (h: string[]) => h.map((c) => c.trim().toUpperCase()), skip_empty_lines: true, trim: true }) };
  } catch (error) {
    const e = error as Error & { lines?: number };
    return { problem: { line: e.lines ?? 1, message: `not CSV: ${e.message}` } };
  }
}

export interface GazetteerProblem {
  /** Line of the file (1 is the first). */
  line: number;
  /** DTF record type, where the format has them. */
  recordType?: string;
  field?: string;
  message: string;
}

export interface ParsedGazetteer {
  addresses: RegisterAddress[];
  /** Streets read (DTF), or 0. */
  streets: number;
  /** Records (lines) read. */
  records: number;
  problems: GazetteerProblem[];
}

export interface ParseOptions {
  fileName: string;
  /** The organisation whose gazetteer it is: recorded on every address. */
  authority: string;
}
