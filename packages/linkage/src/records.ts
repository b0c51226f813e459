/**
 * Records prepared for linkage: one column array of normalised values per compared or
 * blocked column (null for missing), plus ids and sources. Columnar so that the hot loops
 * touch only the arrays they need.
 */
import {
  normaliseEmail,
  normaliseName,
  normaliseNhsNumber,
  normalisePhone,
  normalisePostcode,
  normaliseText,
  parseDate,
} from './normalise/index.ts';
import type { ColumnKind, LinkageSettings } from './settings.ts';

/** One input table as read from a file: its source name and its rows of strings. */
export interface InputTable {
  source: string;
  rows: Record<string, string>[];
}

export interface Records {
  count: number;
  ids: string[];
  sources: string[];
  /** Index into `sourceNames` for each record. */
  sourceOf: Uint16Array;
  sourceNames: string[];
  /** Normalised values by column name. */
  columns: Map<string, (string | null)[]>;
  kinds: Map<string, ColumnKind>;
}

const NORMALISERS: Record<ColumnKind, (raw: string) => string | undefined> = {
  forename: normaliseName,
  surname: normaliseName,
  name: normaliseName,
  date: (raw) => parseDate(raw),
  postcode: (raw) => normalisePostcode(raw),
  address: normaliseText,
  email: (raw) => normaliseEmail(raw),
  phone: (raw) => normalisePhone(raw),
  'nhs-number': (raw) => normaliseNhsNumber(raw),
  identifier: (raw) => raw.replace(/\s+/g, '').toLowerCase(),
  string: normaliseText,
  numeric: (raw) => {
    const n = Number(raw.replace(/,/g, ''));
    return raw.trim() === '' || !Number.isFinite(n) ? undefined : String(n);
  },
  exact: (raw) => raw.trim(),
};

/** Normalises one value of a column of `kind`; empty and unparseable values become null. */
export function normaliseValue(kind: ColumnKind, raw: string | undefined): string | null {
  if (raw === undefined) return null;
  const value = NORMALISERS[kind](raw);
  return value === undefined || value === '' ? null : value;
}

/** The kind each column is normalised as: from comparisons, else exact (blocking-only columns). */
export function columnKinds(settings: LinkageSettings): Map<string, ColumnKind> {
  const kinds = new Map<string, ColumnKind>();
  for (const c of settings.comparisons) kinds.set(c.column, c.kind);
  // A swapped level reads its other column normalised as this one is.
  for (const c of settings.comparisons)
    for (const level of c.levels) if (level.otherColumn && !kinds.has(level.otherColumn)) kinds.set(level.otherColumn, c.kind);
  // A level on another column reads it normalised as the level says (or as its comparison is).
  for (const c of settings.comparisons)
    for (const level of c.levels) if (level.column && !kinds.has(level.column)) kinds.set(level.column, level.kind ?? c.kind);
  for (const rule of settings.blockingRules)
    for (const key of rule.keys)
      for (const column of [key.column, key.withColumn]) if (column && !kinds.has(column)) kinds.set(column, 'string');
  return kinds;
}

/**
 * @example const records = prepareRecords(settings, [{ source: 'a', rows }]);
 */
export function prepareRecords(settings: LinkageSettings, tables: InputTable[]): Records {
  const kinds = columnKinds(settings);
  const ids: string[] = [];
  const sources: string[] = [];
  const sourceNames: string[] = [];
  const sourceOf: number[] = [];
  const columns = new Map<string, (string | null)[]>([...kinds.keys()].map((c) => [c, []]));
  for (const table of tables) {
    for (const row of table.rows) {
      const source = settings.sourceColumn ? (row[settings.sourceColumn] ?? table.source) : table.source;
      let index = sourceNames.indexOf(source);
      if (index < 0) index = sourceNames.push(source) - 1;
      ids.push(row[settings.uniqueIdColumn] ?? '');
      sources.push(source);
      sourceOf.push(index);
      for (const [column, kind] of kinds) columns.get(column)!.push(normaliseValue(kind, row[column]));
    }
  }
  return { count: ids.length, ids, sources, sourceOf: Uint16Array.from(sourceOf), sourceNames, columns, kinds };
}
