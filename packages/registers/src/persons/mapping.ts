/**
 * From a system's own columns to the standard person shape: proposing a mapping from the
 * headers (and a sample of values), checking a mapping against a file, and mapping one row,
 * collecting every problem (row, column, why) rather than stopping at the first.
 */
import { isValidNhsNumber } from '@joinery/core';
import { normaliseValue, parseDate, profileColumns, splitFullName } from '@joinery/linkage';
import { parseAddress } from '../address-matching/parse.ts';
import {
  MULTI_COLUMN_FIELDS,
  PERSON_FIELDS,
  type ColumnMapping,
  type LoadProblem,
  type PersonField,
  type StandardPerson,
} from './model.ts';

// Header patterns for each field, tried in PERSON_FIELDS order; the first field to claim a column keeps it.
const HEADER_RULES: [PersonField, RegExp][] = [
  ['title', /^title$/i],
  ['givenName', /^(first|given|fore)[ _-]?names?$/i],
  ['middleNames', /^(middle|other)[ _-]?names?$/i],
  ['surname', /^(sur|last|family)[ _-]?name$/i],
  ['fullName', /name/i],
  ['dateOfBirth', /^dob$|birth/i],
  ['sex', /^(sex|gender)$/i],
  ['nhsNumber', /nhs/i],
  ['uprn', /uprn/i],
  ['postcode', /post[ _-]?code/i],
  ['addressLines', /^(address[ _-]?(line)?[ _-]?\d|house|street|locality|town|city|county)$/i],
  ['addressText', /address/i],
  ['phone', /phone|tel(ephone)?$|mobile/i],
  ['email', /e-?mail/i],
];

/**
 * A mapping proposed from the headers; the record id is the column the profile finds unique
 * (else the first column, as most extracts put it).
 * @example proposeMapping(['account_ref', 'surname', 'forenames', 'dob'], rows)
 * // { sourceRecordId: ['account_ref'], surname: ['surname'], givenName: ['forenames'], dateOfBirth: ['dob'] }
 */
export function proposeMapping(columns: string[], rows: Record<string, string>[] = []): ColumnMapping {
  const profiles = rows.length > 0 ? profileColumns(rows) : [];
  const id = profiles.find((p) => p.kind === 'id' && /id|ref|no|num|number/i.test(p.column))?.column ?? columns[0];
  const mapping: ColumnMapping = {};
  if (id) mapping.sourceRecordId = [id];
  for (const column of columns) {
    if (column === id) continue;
    const field = HEADER_RULES.find(([f, pattern]) => pattern.test(column) && (MULTI_COLUMN_FIELDS.has(f) || !mapping[f]))?.[0];
    if (!field) continue;
    (mapping[field] ??= []).push(column);
  }
  // A full name is only needed when there are no separate names.
  if (mapping.fullName && (mapping.surname || mapping.givenName)) delete mapping.fullName;
  if (mapping.addressLines && mapping.addressText) delete mapping.addressText;
  return mapping;
}

/** Problems with a mapping itself, or with it against a file's columns (unknown columns, no record id). */
export function mappingProblems(mapping: ColumnMapping, columns?: string[]): LoadProblem[] {
  const problems: LoadProblem[] = [];
  for (const [field, mapped] of Object.entries(mapping)) {
    if (!(PERSON_FIELDS as readonly string[]).includes(field))
      problems.push({ row: 1, message: `"${field}" is not a field of the standard person shape` });
    else if (!MULTI_COLUMN_FIELDS.has(field as PersonField) && (mapped?.length ?? 0) > 1)
      problems.push({ row: 1, message: `${field} takes one column, not ${mapped!.length}` });
    if (columns)
      for (const column of mapped ?? [])
        if (!columns.includes(column))
          problems.push({
            row: 1,
            column,
            message: `The mapping names the column "${column}" (for ${field}), which the file does not have`,
          });
  }
  if (!mapping.sourceRecordId?.length)
    problems.push({ row: 1, message: 'The mapping must name the column holding each record’s id (sourceRecordId)' });
  return problems;
}

const clean = (value: string | undefined) => {
  const v = value?.replace(/\s+/g, ' ').trim();
  return v ? v : null;
};

function titleCase(s: string): string {
  return s.replace(/(^|[\s'-])(\p{L})/gu, (_, before: string, letter: string) => before + letter.toUpperCase());
}

/** The earliest and latest plausible dates of birth (a record of someone born before 1900 is a typo). */
export const EARLIEST_BIRTH = '1900-01-01';

/**
 * One row in the standard shape, or the problems that refuse it.
 * @param rowNumber the row in the file (1 is the header), for messages
 */
export function mapRow(
  mapping: ColumnMapping,
  row: Record<string, string>,
  rowNumber: number,
): { person: StandardPerson; problems?: undefined } | { person?: undefined; problems: LoadProblem[] } {
  const one = (field: PersonField) => {
    const column = mapping[field]?.[0];
    return column === undefined ? null : clean(row[column]);
  };
  const problems: LoadProblem[] = [];
  const sourceRecordId = one('sourceRecordId');
  const idColumn = mapping.sourceRecordId?.[0];
  if (!sourceRecordId) problems.push({ row: rowNumber, column: idColumn, message: 'The record id is missing' });

  let givenName = one('givenName');
  let middleNames = one('middleNames');
  let surname = one('surname');
  const fullName = one('fullName');
  if (fullName && !givenName && !surname) {
    const split = splitFullName(fullName);
    surname = split.surname ? titleCase(split.surname) : null;
    givenName = split.forenames ? titleCase(split.forenames) : null;
  }
  // "Jean Gillian" in a forenames column: the first is the given name, the rest middle names.
  if (givenName && !middleNames && givenName.includes(' ')) {
    const [first, ...rest] = givenName.split(' ');
    givenName = first!;
    middleNames = rest.join(' ');
  }

  const rawDate = one('dateOfBirth');
  let dateOfBirth: string | null = null;
  if (rawDate) {
    dateOfBirth = parseDate(rawDate) ?? null;
    if (!dateOfBirth)
      problems.push({
        row: rowNumber,
        column: mapping.dateOfBirth![0],
        sourceRecordId: sourceRecordId ?? undefined,
        message: `"${rawDate}" is not a date`,
      });
  }

  const rawNhs = one('nhsNumber');
  let nhsNumber: string | null = null;
  if (rawNhs) {
    nhsNumber = normaliseValue('nhs-number', rawNhs);
    if (!nhsNumber || !isValidNhsNumber(nhsNumber)) {
      problems.push({
        row: rowNumber,
        column: mapping.nhsNumber![0],
        sourceRecordId: sourceRecordId ?? undefined,
        message: nhsNumber ? `NHS number ${rawNhs} fails the modulus-11 check digit` : `"${rawNhs}" is not an NHS number (ten digits)`,
      });
    }
  }

  const rawUprn = one('uprn');
  if (rawUprn && !/^\d{1,12}$/.test(rawUprn))
    problems.push({
      row: rowNumber,
      column: mapping.uprn![0],
      sourceRecordId: sourceRecordId ?? undefined,
      message: `"${rawUprn}" is not a UPRN (1 to 12 digits)`,
    });

  if (problems.length > 0) return { problems };

  const lines = (mapping.addressLines ?? []).map((c) => clean(row[c])).filter((v): v is string => v !== null);
  const address = lines.length > 0 ? lines.join(', ') : one('addressText');
  // Systems with no postcode column often write it inside the address ("… Budmouth WX5 1QF"): use it.
  const rawPostcode = one('postcode') ?? (address ? (parseAddress(address).postcode ?? null) : null);
  return {
    person: {
      sourceRecordId: sourceRecordId!,
      title: one('title'),
      givenName,
      middleNames: middleNames || null,
      surname,
      fullName,
      dateOfBirth,
      sex: standardSex(one('sex')),
      nhsNumber,
      address,
      // An unparseable postcode is kept as written: the quality report counts it, linkage ignores it.
      postcode: rawPostcode ? (normaliseValue('postcode', rawPostcode) ?? rawPostcode) : null,
      uprn: rawUprn ? String(Number(rawUprn)) : null,
      phone: one('phone'),
      email: one('email'),
    },
  };
}

/**
 * Sex as the systems write it (M/F, Male/Female, or NHS Data Dictionary person stated
 * gender codes 1 male, 2 female, 9 indeterminate, 0 not known) in one form: M, F, X or null.
 */
export function standardSex(raw: string | null): string | null {
  if (raw === null) return null;
  const v = raw.trim().toLowerCase();
  if (v === 'm' || v === 'male' || v === '1') return 'M';
  if (v === 'f' || v === 'female' || v === '2') return 'F';
  if (v === '9' || v === 'x' || v === 'i' || v === 'indeterminate') return 'X';
  if (v === '0' || v === 'u' || v === 'unknown' || v === 'not known') return null;
  return raw.trim();
}
