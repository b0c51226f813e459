/**
 * Reading an AddressBase-style CSV (a header row; OS AddressBase Plus column names). Each row
 * is one address; a row with a bad UPRN, a bad coordinate or a missing street is a problem
 * with its line and column, and the caller refuses the file.
 */
import type { RegisterAddress } from '../address.ts';
import { LOGICAL_STATUS, readHeaderCsv, UPRN_PATTERN, type GazetteerProblem, type ParsedGazetteer, type ParseOptions } from './model.ts';

const REQUIRED = ['UPRN'] as const;

/** @example const { addresses, problems } = parseAddressBase(text, { fileName: 'abp.csv', authority: 'casterbridge' }); */
export function parseAddressBase(content: string, { authority }: ParseOptions): ParsedGazetteer {
  const read = readHeaderCsv(content);
  if ('problem' in read) return { addresses: [], streets: 0, records: 0, problems: [read.problem] };
  const { rows } = read;
  const problems: GazetteerProblem[] = [];
  const columns = Object.keys(rows[0] ?? {});
  for (const column of REQUIRED)
    if (rows.length > 0 && !columns.includes(column)) problems.push({ line: 1, field: column, message: `no ${column} column` });
  if (problems.length > 0) return { addresses: [], streets: 0, records: rows.length, problems };
  const streets = new Set<string>();
  const addresses: RegisterAddress[] = [];
  rows.forEach((row, index) => {
    const line = index + 2;
    const get = (name: string) => (row[name] ?? '').trim() || undefined;
    const number = (name: string) => {
      const value = get(name);
      if (value === undefined) return undefined;
      const n = Number(value);
      if (!Number.isFinite(n)) problems.push({ line, field: name, message: `"${value.slice(0, 20)}" is not a number` });
      return n;
    };
    const uprn = get('UPRN') ?? '';
    if (!UPRN_PATTERN.test(uprn)) {
      problems.push({ line, field: 'UPRN', message: `"${uprn.slice(0, 20)}" is not a UPRN` });
      return;
    }
    const street = get('STREET_DESCRIPTION') ?? get('THOROUGHFARE');
    if (!street && !get('PAO_TEXT') && !get('ORGANISATION_NAME') && !get('ORGANISATION')) {
      problems.push({ line, field: 'STREET_DESCRIPTION', message: 'no street, building name or organisation: not an address' });
      return;
    }
    const usrn = get('USRN');
    if (usrn) streets.add(usrn);
    const status = LOGICAL_STATUS[get('LOGICAL_STATUS') ?? get('LPI_LOGICAL_STATUS') ?? '1'];
    if (!status) {
      problems.push({ line, field: 'LOGICAL_STATUS', message: 'logical status must be 1, 3, 6 or 8' });
      return;
    }
    addresses.push({
      uprn: String(Number(uprn)),
      parentUprn: get('PARENT_UPRN') && UPRN_PATTERN.test(get('PARENT_UPRN')!) ? String(Number(get('PARENT_UPRN'))) : undefined,
      usrn: usrn ? String(Number(usrn)) : undefined,
      organisation: get('ORGANISATION_NAME') ?? get('ORGANISATION'),
      saoStartNumber: number('SAO_START_NUMBER'),
      saoStartSuffix: get('SAO_START_SUFFIX'),
      saoEndNumber: number('SAO_END_NUMBER'),
      saoEndSuffix: get('SAO_END_SUFFIX'),
      saoText: get('SAO_TEXT'),
      paoStartNumber: number('PAO_START_NUMBER'),
      paoStartSuffix: get('PAO_START_SUFFIX'),
      paoEndNumber: number('PAO_END_NUMBER'),
      paoEndSuffix: get('PAO_END_SUFFIX'),
      paoText: get('PAO_TEXT'),
      street,
      locality: get('LOCALITY') ?? get('DEPENDENT_LOCALITY'),
      town: get('TOWN_NAME') ?? get('POST_TOWN'),
      postcode: get('POSTCODE_LOCATOR') ?? get('POSTCODE'),
      classification: get('CLASSIFICATION_CODE') ?? get('CLASS'),
      latitude: number('LATITUDE'),
      longitude: number('LONGITUDE'),
      easting: number('X_COORDINATE'),
      northing: number('Y_COORDINATE'),
      authority,
      status,
    });
  });
  return { addresses, streets: streets.size, records: rows.length, problems };
}
