/**
 * Reading the reference lists as their publishers release them: the esd CSV downloads of the
 * LGSL and the Function list, the LGA's function → service mapping, mySociety's and GOV.UK's
 * registers of councils, and GOV.UK's LGSL providing tier. Every row is checked; a bad row is
 * refused with its row number, column and why, the others are kept. A file that is not the
 * list asked for (its columns are missing) is refused whole.
 */
import { checkIdentifier, readCsv, type CsvTable } from '@joinery/core';
import { estateError } from '../errors.ts';
import type { ReferenceList, ReferenceProblem } from './model.ts';

export interface ServiceRow {
  identifier: number;
  label: string;
  description: string | null;
}
export interface FunctionRow extends ServiceRow {
  parentIdentifier: number | null;
  parentLabel: string | null;
}
export interface FunctionServiceRow {
  functionId: number;
  serviceId: number;
  serviceLabel: string;
}
export type CouncilTier = 'county' | 'district' | 'unitary' | 'combined' | 'other';
export interface CouncilRow {
  code: string;
  name: string;
  shortName: string | null;
  gssCode: string | null;
  localAuthorityCode: string | null;
  tier: CouncilTier | null;
  parentCode: string | null;
  startDate: string | null;
  endDate: string | null;
  replacedBy: string[];
}
export interface ServiceTierRow {
  serviceId: number;
  description: string;
  providingTier: 'county/unitary' | 'district/unitary' | 'all';
}

export type ReadList =
  | { list: 'lgsl'; format: 'esd-csv'; rows: ServiceRow[] }
  | { list: 'functions'; format: 'esd-csv'; rows: FunctionRow[] }
  | { list: 'function-services'; format: 'esd-csv'; rows: FunctionServiceRow[] }
  | { list: 'councils'; format: 'mysociety' | 'govuk'; rows: CouncilRow[] }
  | { list: 'lgsl-tiers'; format: 'govuk'; rows: ServiceTierRow[] };

export interface ReadResult {
  read: ReadList;
  /** Data rows in the file. */
  rowCount: number;
  /** Rows accepted (a function row with no services counts: it is accounted for, not refused). */
  accepted: number;
  problems: ReferenceProblem[];
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Strips the RDF literal residue some esd descriptions carry ("…"@en) and blanks to null. */
export function cleanText(value: string | undefined): string | null {
  const text = (value ?? '')
    .trim()
    .replace(/^"(.*)"@en$/s, '$1')
    .trim();
  return text === '' ? null : text;
}

function requireColumns(table: CsvTable, list: ReferenceList, columns: string[]): void {
  const missing = columns.filter((c) => !table.columns.includes(c));
  if (missing.length > 0)
    throw estateError(
      'ESTATE_REFERENCE_UNREADABLE',
      `${table.file} is not the ${list} list: it lacks the column${missing.length > 1 ? 's' : ''} ${missing.map((m) => `"${m}"`).join(', ')}`,
      missing.map((m) => ({ file: table.file, row: 1, column: m, message: 'Missing column' })),
    );
}

function positiveInteger(value: string | undefined): number | null {
  const text = (value ?? '').trim();
  return /^\d{1,9}$/.test(text) && Number(text) > 0 ? Number(text) : null;
}

/**
 * Reads one reference list from a file's bytes; councils are recognised as mySociety's register
 * (local-authority-code column) or GOV.UK's (tier_id column).
 * @example const { read, problems } = readReferenceList('lgsl', readFileSync('lgsl_services.csv'), 'lgsl_services.csv');
 */
export function readReferenceList(list: ReferenceList, bytes: Uint8Array, fileName: string): ReadResult {
  let table: CsvTable;
  try {
    table = readCsv(bytes, fileName);
  } catch (error) {
    throw estateError('ESTATE_REFERENCE_UNREADABLE', (error as Error).message);
  }
  const problems: ReferenceProblem[] = [];
  const problem = (index: number, column: string, message: string) => problems.push({ row: index + 2, column, message });
  const rowCount = table.rows.length;

  if (list === 'lgsl' || list === 'functions') {
    requireColumns(table, list, list === 'lgsl' ? ['Identifier', 'Label'] : ['Identifier', 'Label', 'Parent identifiers']);
    const seen = new Set<number>();
    const rows: FunctionRow[] = [];
    table.rows.forEach((r, i) => {
      const identifier = positiveInteger(r['Identifier']);
      const label = cleanText(r['Label']);
      const before = problems.length;
      if (identifier === null) problem(i, 'Identifier', `"${(r['Identifier'] ?? '').slice(0, 20)}" is not a positive whole number`);
      else if (seen.has(identifier)) problem(i, 'Identifier', `${identifier} appears more than once`);
      if (!label) problem(i, 'Label', 'The label is blank');
      const type = (r['Type'] ?? '').trim();
      const expected = list === 'lgsl' ? 'Service' : 'Function';
      if (type !== '' && type !== expected)
        problem(
          i,
          'Type',
          `"${type.slice(0, 20)}" is not a ${expected.toLowerCase()} (is this the ${list === 'lgsl' ? 'Function list' : 'service list'}?)`,
        );
      const parentText = (r['Parent identifiers'] ?? '').trim();
      const parent = parentText === '' ? null : positiveInteger(parentText.split(/[,;]/)[0]);
      if (list === 'functions' && parentText !== '' && parent === null)
        problem(i, 'Parent identifiers', `"${parentText.slice(0, 20)}" is not a function identifier`);
      if (problems.length > before) return;
      seen.add(identifier!);
      rows.push({
        identifier: identifier!,
        label: label!,
        description: cleanText(r['Description']),
        parentIdentifier: parent,
        parentLabel: parent === null ? null : cleanText(r['Parent labels']),
      });
    });
    const read: ReadList =
      list === 'lgsl'
        ? { list, format: 'esd-csv', rows: rows.map(({ identifier, label, description }) => ({ identifier, label, description })) }
        : { list, format: 'esd-csv', rows };
    return { read, rowCount, accepted: rows.length, problems };
  }

  if (list === 'function-services') {
    requireColumns(table, list, ['Identifier', 'Mapped identifier', 'Mapped label']);
    const rows: FunctionServiceRow[] = [];
    const seen = new Set<string>();
    let accepted = 0;
    table.rows.forEach((r, i) => {
      const functionId = positiveInteger(r['Identifier']);
      const mapped = (r['Mapped identifier'] ?? '').trim();
      if (functionId === null) return problem(i, 'Identifier', `"${(r['Identifier'] ?? '').slice(0, 20)}" is not a function identifier`);
      if (mapped === '') return void accepted++; // a function with no services
      const serviceId = positiveInteger(mapped);
      if (serviceId === null) return problem(i, 'Mapped identifier', `"${mapped.slice(0, 20)}" is not an LGSL code`);
      const key = `${functionId}/${serviceId}`;
      accepted++;
      if (seen.has(key)) return;
      seen.add(key);
      rows.push({ functionId, serviceId, serviceLabel: cleanText(r['Mapped label']) ?? `LGSL ${serviceId}` });
    });
    return { read: { list, format: 'esd-csv', rows }, rowCount, accepted, problems };
  }

  if (list === 'lgsl-tiers') {
    requireColumns(table, list, ['LGSL', 'Description', 'Providing Tier']);
    const rows: ServiceTierRow[] = [];
    const seen = new Set<number>();
    table.rows.forEach((r, i) => {
      const serviceId = positiveInteger(r['LGSL']);
      const tier = (r['Providing Tier'] ?? '').trim().toLowerCase();
      const before = problems.length;
      if (serviceId === null) problem(i, 'LGSL', `"${(r['LGSL'] ?? '').slice(0, 20)}" is not an LGSL code`);
      else if (seen.has(serviceId)) problem(i, 'LGSL', `${serviceId} appears more than once`);
      if (tier !== 'county/unitary' && tier !== 'district/unitary' && tier !== 'all')
        problem(i, 'Providing Tier', `"${tier.slice(0, 30)}" is not county/unitary, district/unitary or all`);
      if (problems.length > before) return;
      seen.add(serviceId!);
      rows.push({
        serviceId: serviceId!,
        description: cleanText(r['Description']) ?? '',
        providingTier: tier as ServiceTierRow['providingTier'],
      });
    });
    return { read: { list, format: 'govuk', rows }, rowCount, accepted: rows.length, problems };
  }

  // councils
  if (table.columns.includes('local-authority-code')) {
    requireColumns(table, list, ['local-authority-code', 'official-name', 'gss-code', 'replaced-by', 'powers', 'county-la']);
    const rows: CouncilRow[] = [];
    const seen = new Set<string>();
    table.rows.forEach((r, i) => {
      const code = (r['local-authority-code'] ?? '').trim().toUpperCase();
      const before = problems.length;
      if (!/^[A-Z0-9][A-Z0-9-]{1,9}$/.test(code))
        problem(i, 'local-authority-code', `"${code.slice(0, 20)}" is not a local-authority code (letters, e.g. BKM)`);
      else if (seen.has(code)) problem(i, 'local-authority-code', `${code} appears more than once`);
      const name = cleanText(r['official-name']);
      if (!name) problem(i, 'official-name', 'The name is blank');
      const gss = gssOf(r['gss-code'], (m) => problem(i, 'gss-code', m));
      const startDate = dayOf(r['start-date'], (m) => problem(i, 'start-date', m));
      const endDate = dayOf(r['end-date'], (m) => problem(i, 'end-date', m));
      if (problems.length > before) return;
      seen.add(code);
      rows.push({
        code,
        name: name!,
        shortName: cleanText(r['nice-name']),
        gssCode: gss,
        localAuthorityCode: code,
        tier: TIER_BY_POWERS[(r['powers'] ?? '').trim().toLowerCase()] ?? (r['powers']?.trim() ? 'other' : null),
        parentCode: cleanText(r['county-la'])?.toUpperCase() ?? null,
        startDate,
        endDate,
        replacedBy: (r['replaced-by'] ?? '')
          .split(',')
          .map((c) => c.trim().toUpperCase())
          .filter(Boolean),
      });
    });
    return { read: { list, format: 'mysociety', rows }, rowCount, accepted: rows.length, problems };
  }
  if (!table.columns.includes('tier_id'))
    throw estateError(
      'ESTATE_REFERENCE_UNREADABLE',
      `${table.file} is not a register of councils: expected mySociety's (a local-authority-code column) or GOV.UK's (a tier_id column)`,
      [{ file: table.file, row: 1, column: 'local-authority-code', message: 'Missing column' }],
    );
  requireColumns(table, list, ['id', 'gss', 'tier_id', 'parent_local_authority_id', 'slug', 'name']);
  const slugById = new Map(table.rows.map((r) => [(r['id'] ?? '').trim(), (r['slug'] ?? '').trim()]));
  const rows: CouncilRow[] = [];
  const seen = new Set<string>();
  table.rows.forEach((r, i) => {
    const code = (r['slug'] ?? '').trim();
    const before = problems.length;
    if (!/^[a-z0-9][a-z0-9-]*$/.test(code)) problem(i, 'slug', `"${code.slice(0, 40)}" is not a GOV.UK slug`);
    else if (seen.has(code)) problem(i, 'slug', `${code} appears more than once`);
    const name = cleanText(r['name']);
    if (!name) problem(i, 'name', 'The name is blank');
    const gss = gssOf(r['gss'], (m) => problem(i, 'gss', m));
    const tier = TIER_BY_ID[(r['tier_id'] ?? '').trim()];
    if (!tier) problem(i, 'tier_id', `"${(r['tier_id'] ?? '').slice(0, 10)}" is not 1 (county), 2 (district) or 3 (unitary)`);
    const parentId = (r['parent_local_authority_id'] ?? '').trim();
    const parentCode = parentId === '' ? null : (slugById.get(parentId) ?? null);
    if (parentId !== '' && !parentCode) problem(i, 'parent_local_authority_id', `No row has id ${parentId.slice(0, 10)}`);
    if (problems.length > before) return;
    seen.add(code);
    rows.push({
      code,
      name: name!,
      shortName: null,
      gssCode: gss,
      localAuthorityCode: null,
      tier: tier!,
      parentCode,
      startDate: null,
      endDate: null,
      replacedBy: [],
    });
  });
  return { read: { list, format: 'govuk', rows }, rowCount, accepted: rows.length, problems };
}

const TIER_BY_POWERS: Record<string, CouncilTier> = {
  unitary: 'unitary',
  'upper tier': 'county',
  'lower tier': 'district',
  combined: 'combined',
};
const TIER_BY_ID: Record<string, CouncilTier> = { '1': 'county', '2': 'district', '3': 'unitary' };

function gssOf(value: string | undefined, fail: (message: string) => void): string | null {
  const text = (value ?? '').trim();
  if (text === '') return null;
  const checked = checkIdentifier('gss', text);
  if (checked.ok) return checked.value;
  fail(checked.message);
  return null;
}

function dayOf(value: string | undefined, fail: (message: string) => void): string | null {
  const text = (value ?? '').trim();
  if (text === '') return null;
  if (DAY.test(text) && !Number.isNaN(Date.parse(text))) return text;
  fail(`"${text.slice(0, 20)}" is not a date (YYYY-MM-DD)`);
  return null;
}
