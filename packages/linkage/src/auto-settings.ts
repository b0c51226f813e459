/**
 * Proposing settings from the files alone: find the unique id column, recognise what each
 * column holds (from its header and its values), and choose comparisons and blocking rules
 * a careful analyst would start from. The proposal is written out for the user to edit.
 */
import { normaliseValue } from './records.ts';
import { presetComparison } from './presets.ts';
import type { BlockingRule, ColumnKind, ComparisonSpec, LinkageSettings } from './settings.ts';

export interface ColumnProfile {
  column: string;
  kind: ColumnKind | 'id' | 'ignore';
  filled: number;
  distinct: number;
  why: string;
}

const HEADER_RULES: [RegExp, ColumnKind, string][] = [
  [/^(first|given|fore)[ _-]?names?$|^forenames?$|^christian[ _-]?name$/i, 'forename', 'header names a first name'],
  [/^(sur|last|family)[ _-]?name$|^surname$/i, 'surname', 'header names a surname'],
  [/^(full[ _-]?)?name$|^person[ _-]?name$|^patient[ _-]?name$/i, 'name', 'header names a full name'],
  [/dob|birth/i, 'date', 'header names a date of birth'],
  [/nhs/i, 'nhs-number', 'header names an NHS number'],
  [/e-?mail/i, 'email', 'header names an email'],
  [/phone|tel|mobile/i, 'phone', 'header names a phone number'],
  [/post[ _-]?code|zip/i, 'postcode', 'header names a postcode'],
  [/address|street|addr|line[ _-]?\d|town|suburb|city|locality|county|state/i, 'address', 'header names part of an address'],
  [
    /soc[ _-]?sec|ssn|ni[ _-]?(no|number)|national[ _-]?insurance|passport|licen[cs]e|_no$|number$|_num$/i,
    'identifier',
    'header names an identifier',
  ],
  [/date/i, 'date', 'header names a date'],
];

const ID_HEADER = /^(rec[ _-]?id|id|unique[ _-]?id|record[ _-]?id|.*[ _-]id)$/i;

function share(values: string[], test: (v: string) => boolean): number {
  const filled = values.filter((v) => v.trim() !== '');
  return filled.length === 0 ? 0 : filled.filter(test).length / filled.length;
}

/** Profiles every column: what it holds and why we think so. */
export function profileColumns(rows: Record<string, string>[], idColumn?: string): ColumnProfile[] {
  const columns = Object.keys(rows[0] ?? {});
  const sample = rows.slice(0, 5000);
  const profiles = columns.map((column): ColumnProfile => {
    const values = sample.map((r) => r[column] ?? '');
    const filled = values.filter((v) => v.trim() !== '').length;
    const distinct = new Set(values.filter((v) => v.trim() !== '')).size;
    if (column === idColumn) return { column, kind: 'id', filled, distinct, why: 'named with --id' };
    for (const [pattern, kind, why] of HEADER_RULES) {
      if (!pattern.test(column)) continue;
      // A header can mislead (an Australian "postcode"): check the values agree.
      if (kind === 'postcode' && share(values, (v) => normaliseValue('postcode', v) !== null) < 0.5)
        return {
          column,
          kind: 'exact',
          filled,
          distinct,
          why: 'header names a postcode, but values are not UK postcodes: compared exactly',
        };
      if (kind === 'date' && share(values, (v) => normaliseValue('date', v) !== null) < 0.5) continue;
      return { column, kind, filled, distinct, why };
    }
    if (share(values, (v) => normaliseValue('date', v) !== null) > 0.8)
      return { column, kind: 'date', filled, distinct, why: 'values are dates' };
    if (share(values, (v) => normaliseValue('postcode', v) !== null) > 0.8)
      return { column, kind: 'postcode', filled, distinct, why: 'values are UK postcodes' };
    if (share(values, (v) => /^[^\s@]+@[^\s@]+$/.test(v.trim())) > 0.8)
      return { column, kind: 'email', filled, distinct, why: 'values are email addresses' };
    if (share(values, (v) => /^[\d\s-]+$/.test(v.trim())) > 0.9)
      return { column, kind: distinct > filled * 0.5 ? 'identifier' : 'exact', filled, distinct, why: 'values are numbers' };
    return { column, kind: 'string', filled, distinct, why: 'free text' };
  });
  if (!idColumn) {
    const byHeader = profiles.find((p) => ID_HEADER.test(p.column) && p.distinct === sample.length);
    const byValues = profiles.find((p) => p.distinct === sample.length && p.filled === sample.length && p.kind !== 'date');
    const chosen = byHeader ?? byValues;
    if (chosen) {
      chosen.kind = 'id';
      chosen.why = byHeader ? 'header names an id and every value is unique' : 'every value is unique';
    }
  }
  return profiles;
}

/**
 * @example const settings = proposeSettings(rows, { linkType: 'dedupe_only' });
 */
export function proposeSettings(
  rows: Record<string, string>[],
  options: { linkType: LinkageSettings['linkType']; idColumn?: string },
): { settings: LinkageSettings; profiles: ColumnProfile[] } {
  const profiles = profileColumns(rows, options.idColumn);
  const id = profiles.find((p) => p.kind === 'id');
  if (!id) throw new Error('No column has a unique value in every row: name the unique id column with --id');
  const usable = profiles.filter((p) => p.kind !== 'id' && p.kind !== 'ignore' && p.filled > 0 && p.distinct > 1);
  const comparisons: ComparisonSpec[] = usable.map((p) => presetComparison(p.column, p.kind as ColumnKind));
  const of = (kind: ColumnKind) => usable.find((p) => p.kind === kind)?.column;
  const forename = of('forename');
  const surname = of('surname') ?? of('name');
  const date = of('date');
  const postcode = of('postcode') ?? usable.find((p) => /post|zip/i.test(p.column))?.column;
  const identifier = of('nhs-number') ?? of('identifier');
  const separateSurname = of('surname');
  if (forename && separateSurname) {
    // Names entered the wrong way round ("SMITH JOHN"): worth more than a near miss, less than exact.
    const levels = comparisons.find((c) => c.column === forename)!.levels;
    levels.splice(levels.findIndex((l) => l.test === 'exact') + 1, 0, {
      label: 'first and last names swapped',
      test: 'swapped',
      otherColumn: separateSurname,
    });
  }
  const rules: BlockingRule[] = [];
  if (date) rules.push({ keys: [{ column: date }] });
  if (surname && forename)
    rules.push({
      keys: [
        { column: surname, transform: 'metaphone' },
        { column: forename, transform: 'first-1' },
      ],
    });
  if (forename && surname) rules.push({ keys: [{ column: forename }, { column: surname, transform: 'first-1' }] });
  if (forename && separateSurname) rules.push({ keys: [{ column: forename, withColumn: separateSurname }] });
  if (postcode && surname) rules.push({ keys: [{ column: postcode }, { column: surname, transform: 'first-1' }] });
  if (postcode && forename) rules.push({ keys: [{ column: postcode }, { column: forename, transform: 'first-1' }] });
  if (identifier) rules.push({ keys: [{ column: identifier }] });
  const email = of('email');
  if (email) rules.push({ keys: [{ column: email, transform: 'email-local' }] });
  if (date && surname)
    rules.push({
      keys: [
        { column: date, transform: 'year' },
        { column: surname, transform: 'first-3' },
      ],
    });
  if (rules.length === 0) rules.push({ keys: [{ column: usable[0]!.column, transform: 'first-3' }] });
  return {
    settings: {
      linkType: options.linkType,
      uniqueIdColumn: id.column,
      blockingRules: rules,
      comparisons,
      threshold: 0.9,
      maxBlockSize: 5000,
    },
    profiles,
  };
}
