/**
 * Reading OS Open UPRN (UPRN, X_COORDINATE, Y_COORDINATE, LATITUDE, LONGITUDE): coordinates
 * only, returned as bare addresses (a UPRN and its position) that the merge uses to fill in
 * positions the gazetteers lack. A bad UPRN or coordinate is a problem with its line.
 */
import type { RegisterAddress } from '../address.ts';
import { readHeaderCsv, UPRN_PATTERN, type GazetteerProblem, type ParsedGazetteer, type ParseOptions } from './model.ts';

const COLUMNS = ['UPRN', 'X_COORDINATE', 'Y_COORDINATE', 'LATITUDE', 'LONGITUDE'];

/** @example const { addresses } = parseOpenUprn(text, { fileName: 'osopenuprn.csv', authority: 'wessex-council' }); */
export function parseOpenUprn(content: string, { authority }: ParseOptions): ParsedGazetteer {
  const read = readHeaderCsv(content);
  if ('problem' in read) return { addresses: [], streets: 0, records: 0, problems: [read.problem] };
  const { rows } = read;
  const problems: GazetteerProblem[] = [];
  const missing = COLUMNS.filter((c) => rows.length > 0 && !(c in rows[0]!));
  if (missing.length > 0)
    return { addresses: [], streets: 0, records: rows.length, problems: [{ line: 1, message: `no ${missing.join(', ')} column` }] };
  const addresses: RegisterAddress[] = [];
  rows.forEach((row, index) => {
    const line = index + 2;
    if (!UPRN_PATTERN.test(row.UPRN ?? '')) {
      problems.push({ line, field: 'UPRN', message: `"${(row.UPRN ?? '').slice(0, 20)}" is not a UPRN` });
      return;
    }
    const coordinate = (name: string, min: number, max: number) => {
      const value = row[name] ?? '';
      if (value === '') return undefined;
      const n = Number(value);
      if (!(n >= min && n <= max))
        problems.push({ line, field: name, message: `"${value.slice(0, 20)}" is not a coordinate in Great Britain` });
      return n;
    };
    addresses.push({
      uprn: String(Number(row.UPRN)),
      easting: coordinate('X_COORDINATE', 0, 700_000),
      northing: coordinate('Y_COORDINATE', -200_000, 1_300_000),
      latitude: coordinate('LATITUDE', 49, 61),
      longitude: coordinate('LONGITUDE', -9, 2),
      authority,
      status: 'approved',
    });
  });
  return { addresses, streets: 0, records: rows.length, problems };
}
