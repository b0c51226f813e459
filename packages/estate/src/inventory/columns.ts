/**
 * Which column holds which field, for any kind of inventory (contracts, applications,
 * integrations). Headers are compared normalised (lower case, punctuation and underscores as
 * spaces, so "supplier_name" and "Supplier name:" are the same), against anchored patterns
 * tried most specific first across all fields, so that a short name never steals a column a
 * more specific pattern of another field wants. An explicit mapping (field → column)
 * overrides what is recognised; it is checked, and every problem reported at once.
 */
import { createHash } from 'node:crypto';
import type { ProblemDetail } from '@joinery/core';
import { estateError } from '../errors.ts';

/** Lower case, every run of anything but letters and digits one space: "Supplier name:" → "supplier name". */
export function normaliseHeader(header: string): string {
  return header
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** What one kind of file's columns are: its fields, how headers name them, which are required. */
export interface FieldSet<F extends string> {
  /** "contract", "application", "integration": for messages. */
  noun: string;
  fields: readonly F[];
  patterns: Record<F, readonly RegExp[]>;
  required: readonly F[];
  labels: Record<F, string>;
}

/**
 * The mapping the headers suggest: each field the first column matching its most specific pattern.
 * @example proposeColumns(['Reference', 'Title'], CONTRACT_FIELD_SET) // { reference: 'Reference', title: 'Title' }
 */
export function proposeColumns<F extends string>(columns: readonly string[], set: FieldSet<F>): Partial<Record<F, string>> {
  const normalised = columns.map(normaliseHeader);
  const taken = new Set<number>();
  const mapping: Partial<Record<F, string>> = {};
  const depth = Math.max(...set.fields.map((f) => set.patterns[f].length));
  for (let level = 0; level < depth; level++) {
    for (const field of set.fields) {
      const pattern = set.patterns[field][level];
      if (!pattern || mapping[field]) continue;
      const index = normalised.findIndex((h, i) => !taken.has(i) && pattern.test(h));
      if (index >= 0) {
        mapping[field] = columns[index]!;
        taken.add(index);
      }
    }
  }
  return mapping;
}

/**
 * The mapping to use: the explicit one (checked: known fields, columns in the file, no column
 * twice) over what the headers suggest; refused, with every problem, if a required field has
 * no column (unless `optional` lets it be absent, e.g. a reference that can be derived).
 */
export function resolveColumns<F extends string>(
  columns: readonly string[],
  explicit: Record<string, string> | undefined,
  file: string,
  set: FieldSet<F>,
  optional: readonly F[] = [],
): Partial<Record<F, string>> {
  const problems: ProblemDetail[] = [];
  const known = new Set<string>(set.fields);
  const present = new Set(columns);
  const given: Partial<Record<F, string>> = {};
  for (const [field, column] of Object.entries(explicit ?? {})) {
    if (!known.has(field))
      problems.push({
        file,
        field: field.slice(0, 100),
        message: `"${field.slice(0, 100)}" is not a${/^[aeiou]/.test(set.noun) ? 'n' : ''} ${set.noun} field: use one of ${set.fields.join(', ')}`,
      });
    else if (typeof column !== 'string' || !present.has(column))
      problems.push({
        file,
        field,
        column: String(column).slice(0, 200),
        message: `${file} has no column "${String(column).slice(0, 200)}" (for ${field})`,
      });
    else given[field as F] = column;
  }
  const usedTwice = Object.values<string>(given as Record<string, string>).filter((c, i, all) => all.indexOf(c) !== i);
  for (const column of new Set(usedTwice))
    problems.push({ file, column, message: `The column "${column}" is mapped to more than one field` });
  const givenColumns = new Set(Object.values(given));
  const proposed = proposeColumns(
    columns.filter((c) => !givenColumns.has(c)),
    set,
  );
  const mapping: Partial<Record<F, string>> = { ...proposed, ...given };
  for (const field of set.required)
    if (!mapping[field] && !optional.includes(field))
      problems.push({
        file,
        field,
        message: `No column holds the ${set.labels[field].toLowerCase()}: name it in the mapping (e.g. {"${field}": "Your column"})`,
      });
  if (problems.length > 0) throw estateError('ESTATE_MAPPING_INVALID', problems.map((p) => p.message).join('; '), problems);
  // In the order of the fields, for stable reports.
  return Object.fromEntries(set.fields.filter((f) => mapping[f]).map((f) => [f, mapping[f]!])) as Partial<Record<F, string>>;
}

/**
 * The key a remembered mapping is kept under: the file's set of headers as written, in any
 * order (a file with the same columns gets the same mapping proposed next time; the mapping
 * names columns exactly, so "Ref" and "REF" are different headers).
 * @example headerKey(['Ref', 'Name']) === headerKey(['Name', 'Ref']) // true
 */
export function headerKey(columns: readonly string[]): string {
  const set = [...new Set(columns)].sort();
  return createHash('sha256').update(JSON.stringify(set)).digest('hex');
}
