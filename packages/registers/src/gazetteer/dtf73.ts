/**
 * Reading a Local Land and Property Gazetteer in the GeoPlace Data Transfer Format (DTF 7.3,
 * CSV, records laid out as AddressBase Premium's record types). Every record is checked:
 * unknown record types, wrong field counts, UPRNs and USRNs that are not numbers, LPIs whose
 * BLPU or street is missing, a missing header or trailer, a trailer whose count disagrees —
 * each a problem with its line, record type and field. Nothing is dropped silently: the
 * caller refuses the file when there is any problem.
 */
import { parse } from 'csv-parse/sync';
import type { RegisterAddress } from '../address.ts';
import { LOGICAL_STATUS, UPRN_PATTERN, type GazetteerProblem, type ParsedGazetteer, type ParseOptions } from './model.ts';

// Field layouts by record type (DTF 7.3 / AddressBase Premium CSV).
const LAYOUTS: Record<number, readonly string[]> = {
  10: [
    'RECORD_IDENTIFIER',
    'CUSTODIAN_NAME',
    'LOCAL_CUSTODIAN_CODE',
    'PROCESS_DATE',
    'VOLUME_NUMBER',
    'ENTRY_DATE',
    'TIME_STAMP',
    'VERSION',
    'FILE_TYPE',
  ],
  11: [
    'RECORD_IDENTIFIER',
    'CHANGE_TYPE',
    'PRO_ORDER',
    'USRN',
    'RECORD_TYPE',
    'SWA_ORG_REF_NAMING',
    'STATE',
    'STATE_DATE',
    'STREET_SURFACE',
    'STREET_CLASSIFICATION',
    'VERSION',
    'STREET_START_DATE',
    'STREET_END_DATE',
    'LAST_UPDATE_DATE',
    'RECORD_ENTRY_DATE',
    'STREET_START_X',
    'STREET_START_Y',
    'STREET_START_LAT',
    'STREET_START_LONG',
    'STREET_END_X',
    'STREET_END_Y',
    'STREET_END_LAT',
    'STREET_END_LONG',
    'STREET_TOLERANCE',
  ],
  15: [
    'RECORD_IDENTIFIER',
    'CHANGE_TYPE',
    'PRO_ORDER',
    'USRN',
    'STREET_DESCRIPTION',
    'LOCALITY',
    'TOWN_NAME',
    'ADMINISTRATIVE_AREA',
    'LANGUAGE',
    'START_DATE',
    'END_DATE',
    'LAST_UPDATE_DATE',
    'ENTRY_DATE',
  ],
  21: [
    'RECORD_IDENTIFIER',
    'CHANGE_TYPE',
    'PRO_ORDER',
    'UPRN',
    'LOGICAL_STATUS',
    'BLPU_STATE',
    'BLPU_STATE_DATE',
    'PARENT_UPRN',
    'X_COORDINATE',
    'Y_COORDINATE',
    'LATITUDE',
    'LONGITUDE',
    'RPC',
    'LOCAL_CUSTODIAN_CODE',
    'COUNTRY',
    'START_DATE',
    'END_DATE',
    'LAST_UPDATE_DATE',
    'ENTRY_DATE',
    'ADDRESSBASE_POSTAL',
    'POSTCODE_LOCATOR',
    'MULTI_OCC_COUNT',
  ],
  24: [
    'RECORD_IDENTIFIER',
    'CHANGE_TYPE',
    'PRO_ORDER',
    'UPRN',
    'LPI_KEY',
    'LANGUAGE',
    'LOGICAL_STATUS',
    'START_DATE',
    'END_DATE',
    'LAST_UPDATE_DATE',
    'ENTRY_DATE',
    'SAO_START_NUMBER',
    'SAO_START_SUFFIX',
    'SAO_END_NUMBER',
    'SAO_END_SUFFIX',
    'SAO_TEXT',
    'PAO_START_NUMBER',
    'PAO_START_SUFFIX',
    'PAO_END_NUMBER',
    'PAO_END_SUFFIX',
    'PAO_TEXT',
    'USRN',
    'USRN_MATCH_INDICATOR',
    'AREA_NAME',
    'LEVEL',
    'OFFICIAL_FLAG',
  ],
  31: [
    'RECORD_IDENTIFIER',
    'CHANGE_TYPE',
    'PRO_ORDER',
    'UPRN',
    'ORG_KEY',
    'ORGANISATION',
    'LEGAL_NAME',
    'START_DATE',
    'END_DATE',
    'LAST_UPDATE_DATE',
    'ENTRY_DATE',
  ],
  32: [
    'RECORD_IDENTIFIER',
    'CHANGE_TYPE',
    'PRO_ORDER',
    'UPRN',
    'CLASS_KEY',
    'CLASSIFICATION_CODE',
    'CLASS_SCHEME',
    'SCHEME_VERSION',
    'START_DATE',
    'END_DATE',
    'LAST_UPDATE_DATE',
    'ENTRY_DATE',
  ],
  99: ['RECORD_IDENTIFIER', 'NEXT_VOLUME_NUMBER', 'RECORD_COUNT', 'ENTRY_DATE', 'TIME_STAMP'],
};
/** Record types read for their count but not needed for addresses (metadata, cross references, DPA, successors). */
const SKIPPED = new Set([23, 28, 29, 30]);

const USRN = /^\d{1,8}$/;

type Fields = Record<string, string>;

const optionalNumber = (value: string | undefined) => (value && value.trim() !== '' ? Number(value) : undefined);
const text = (value: string | undefined) => (value && value.trim() !== '' ? value.trim() : undefined);

/**
 * @example const { addresses, problems } = parseDtf73(text, { fileName: 'casterbridge.csv', authority: 'casterbridge' });
 */
export function parseDtf73(content: string, { fileName, authority }: ParseOptions): ParsedGazetteer {
  const problems: GazetteerProblem[] = [];
  let rows: string[][];
  try {
    rows = parse(content, { relax_column_count: true, skip_empty_lines: true, trim: true });
  } catch (error) {
    const e = error as Error & { lines?: number };
    return { addresses: [], streets: 0, records: 0, problems: [{ line: e.lines ?? 1, message: `not CSV: ${e.message}` }] };
  }
  const streets = new Map<string, { name?: string; locality?: string; town?: string }>();
  const blpus = new Map<string, Fields>();
  const classes = new Map<string, string>();
  const organisations = new Map<string, string>();
  const lpis: { line: number; fields: Fields }[] = [];
  let header = false;
  let trailer: { line: number; count: number } | undefined;

  rows.forEach((row, index) => {
    const line = index + 1;
    const type = Number(row[0]);
    if (trailer) problems.push({ line, recordType: row[0], message: 'a record after the trailer (record 99)' });
    if (SKIPPED.has(type)) return;
    const layout = LAYOUTS[type];
    if (!layout) {
      problems.push({
        line,
        recordType: row[0],
        field: 'RECORD_IDENTIFIER',
        message: `unknown record type "${String(row[0]).slice(0, 10)}"`,
      });
      return;
    }
    if (row.length !== layout.length) {
      problems.push({ line, recordType: String(type), message: `record ${type} has ${row.length} fields; DTF 7.3 has ${layout.length}` });
      return;
    }
    const fields = Object.fromEntries(layout.map((name, i) => [name, row[i] ?? ''])) as Fields;
    const identifier = (name: 'UPRN' | 'USRN') => {
      const value = fields[name]!;
      if (!(name === 'UPRN' ? UPRN_PATTERN : USRN).test(value)) {
        problems.push({ line, recordType: String(type), field: name, message: `"${value.slice(0, 20)}" is not a ${name}` });
        return undefined;
      }
      return String(Number(value));
    };
    if (type === 10) {
      if (line !== 1) problems.push({ line, recordType: '10', message: 'the header (record 10) must be the first record' });
      header = true;
    } else if (type === 99) {
      trailer = { line, count: Number(fields.RECORD_COUNT) };
    } else if (type === 11) {
      const usrn = identifier('USRN');
      if (usrn && !streets.has(usrn)) streets.set(usrn, {});
    } else if (type === 15) {
      const usrn = identifier('USRN');
      // The English descriptor wins where a street has several languages.
      if (usrn && (fields.LANGUAGE === 'ENG' || !streets.get(usrn)?.name))
        streets.set(usrn, { name: text(fields.STREET_DESCRIPTION), locality: text(fields.LOCALITY), town: text(fields.TOWN_NAME) });
    } else if (type === 21) {
      const uprn = identifier('UPRN');
      if (uprn) blpus.set(uprn, fields);
    } else if (type === 24) {
      if (identifier('UPRN') && identifier('USRN')) lpis.push({ line, fields });
    } else if (type === 32) {
      const uprn = identifier('UPRN');
      if (uprn) classes.set(uprn, fields.CLASSIFICATION_CODE!);
    } else if (type === 31) {
      const uprn = identifier('UPRN');
      if (uprn && text(fields.ORGANISATION)) organisations.set(uprn, text(fields.ORGANISATION)!);
    }
  });

  if (!header) problems.push({ line: 1, recordType: '10', message: 'no header record (10): is this a DTF 7.3 file?' });
  if (!trailer) problems.push({ line: rows.length, recordType: '99', message: 'no trailer record (99): the file may be cut short' });
  else if (trailer.count !== rows.length)
    problems.push({
      line: trailer.line,
      recordType: '99',
      field: 'RECORD_COUNT',
      message: `the trailer counts ${trailer.count} records but the file holds ${rows.length}: the file may be cut short`,
    });

  const addresses: RegisterAddress[] = [];
  for (const { line, fields } of lpis) {
    const uprn = String(Number(fields.UPRN));
    const usrn = String(Number(fields.USRN));
    const blpu = blpus.get(uprn);
    const street = streets.get(usrn);
    if (!blpu) problems.push({ line, recordType: '24', field: 'UPRN', message: `LPI for UPRN ${uprn}, which has no BLPU (record 21)` });
    if (!street)
      problems.push({ line, recordType: '24', field: 'USRN', message: `LPI on USRN ${usrn}, which has no street (record 11/15)` });
    if (!blpu || !street) continue;
    const status = LOGICAL_STATUS[fields.LOGICAL_STATUS!];
    if (!status) {
      problems.push({
        line,
        recordType: '24',
        field: 'LOGICAL_STATUS',
        message: `logical status "${fields.LOGICAL_STATUS}" is not 1, 3, 6 or 8`,
      });
      continue;
    }
    addresses.push({
      uprn,
      parentUprn: UPRN_PATTERN.test(blpu.PARENT_UPRN ?? '') ? String(Number(blpu.PARENT_UPRN)) : undefined,
      usrn,
      organisation: organisations.get(uprn),
      saoStartNumber: optionalNumber(fields.SAO_START_NUMBER),
      saoStartSuffix: text(fields.SAO_START_SUFFIX),
      saoEndNumber: optionalNumber(fields.SAO_END_NUMBER),
      saoEndSuffix: text(fields.SAO_END_SUFFIX),
      saoText: text(fields.SAO_TEXT),
      paoStartNumber: optionalNumber(fields.PAO_START_NUMBER),
      paoStartSuffix: text(fields.PAO_START_SUFFIX),
      paoEndNumber: optionalNumber(fields.PAO_END_NUMBER),
      paoEndSuffix: text(fields.PAO_END_SUFFIX),
      paoText: text(fields.PAO_TEXT),
      street: street.name,
      locality: street.locality,
      town: street.town,
      postcode: text(blpu.POSTCODE_LOCATOR),
      classification: classes.get(uprn),
      latitude: optionalNumber(blpu.LATITUDE),
      longitude: optionalNumber(blpu.LONGITUDE),
      easting: optionalNumber(blpu.X_COORDINATE),
      northing: optionalNumber(blpu.Y_COORDINATE),
      authority,
      status,
    });
  }
  void fileName;
  return { addresses, streets: streets.size, records: rows.length, problems };
}
