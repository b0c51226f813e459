/**
 * Reading a table's rows into values, for any kind of inventory: every cell of every row
 * read by its field's reader, every problem kept (row, column, why), so that one pass tells
 * the user all there is to fix. Pure: no database, no I/O.
 */
import type { ImportProblem } from '../model.ts';
import { Refusal, type Read } from '../contracts/values.ts';

/** A cell's value, given its column's header (some headers carry the unit). */
export type CellReader = (text: string, header: string) => Read<unknown> | unknown[];

export interface RowSpec<F extends string, V> {
  readers: Record<F, CellReader>;
  labels: Record<F, string>;
  /** The values of a row before any cell is read (blanks). */
  empty: () => V;
  /** Fields a row cannot be without ("… is missing"). */
  required: readonly F[];
  /** Checks across fields (e.g. an end before its start), after the cells are read. */
  check?: (values: V, row: number, mapping: Partial<Record<F, string>>) => ImportProblem[];
}

export interface ReadRow<V> {
  /** Row of the file, the header being row 1. */
  row: number;
  values: V;
  /** The row as it was, every column: nothing the file said is lost. */
  source: Record<string, string>;
}

export interface ReadRows<V> {
  rows: number;
  read: ReadRow<V>[];
  problems: ImportProblem[];
  refusedRows: number[];
}

/**
 * @example const { read, problems } = readRows(table, mapping, APPLICATION_ROWS);
 */
export function readRows<F extends string, V>(
  table: { rows: Record<string, string>[] },
  mapping: Partial<Record<F, string>>,
  spec: RowSpec<F, V>,
): ReadRows<V> {
  const read: ReadRow<V>[] = [];
  const problems: ImportProblem[] = [];
  const refusedRows: number[] = [];
  table.rows.forEach((source, index) => {
    const row = index + 2;
    const before = problems.length;
    if (Object.values(source).every((v) => v.trim() === '')) {
      problems.push({ row, message: 'The row is empty' });
      refusedRows.push(row);
      return;
    }
    const values = spec.empty() as Record<string, unknown>;
    for (const [field, column] of Object.entries(mapping) as [F, string][]) {
      const value = spec.readers[field](source[column] ?? '', column);
      if (value instanceof Refusal) {
        const message = value.message.startsWith('"') ? value.message : `${spec.labels[field]} ${value.message}`;
        problems.push({ row, column, field, message });
      } else if (value !== null) values[field] = value;
    }
    for (const field of spec.required)
      if ((values[field] === '' || values[field] === null) && !problems.some((p, i) => i >= before && p.field === field))
        problems.push({ row, column: mapping[field], field, message: `${spec.labels[field]} is missing` });
    if (spec.check) problems.push(...spec.check(values as V, row, mapping));
    if (problems.length > before) refusedRows.push(row);
    else read.push({ row, values: values as V, source });
  });
  return { rows: table.rows.length, read, problems, refusedRows };
}

/** The first few problems, in words, for an error message (all of them go in its details). */
export function summariseProblems(problems: readonly ImportProblem[], shown = 3): string {
  const first = problems.slice(0, shown).map((p) => `row ${p.row}${p.column ? ` (${p.column})` : ''}: ${p.message}`);
  return first.join('; ') + (problems.length > shown ? '; …' : '');
}
