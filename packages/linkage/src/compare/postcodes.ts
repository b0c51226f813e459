/**
 * UK postcodes (BS 7666; Royal Mail's Postcode Address File guide): the outward code is the
 * area (one or two letters) and the district (a digit, then an optional digit or letter:
 * WX1, WX12, EC1A, W1A); the inward code is the sector digit and two unit letters. So
 * 'EC1A 1BB' has area 'EC', district 'EC1A', sector 'EC1A 1' and unit 'EC1A 1BB'. Girobank's
 * 'GIR 0AA' is accepted too. Matching is tolerant of case and of missing or stray spaces,
 * and does not police which letters Royal Mail allows where (a mistyped but well-shaped
 * postcode still sits in its district).
 *
 * Postcodes are scanned into reused code-unit buffers (`postcode-scan.ts`), so
 * `postcodeLevel` allocates nothing.
 */
import { first, scan, second, text, type Scan } from './postcode-scan.ts';

/** A postcode's nested parts, each normalised: 'WX1 2AB' ⊂ 'WX1 2' ⊂ 'WX1' ⊂ 'WX'. */
export interface PostcodeParts {
  unit: string;
  sector: string;
  district: string;
  area: string;
}

/** How finely two postcodes agree, finest first. */
export type PostcodeLevel = 'unit' | 'sector' | 'district' | 'area' | 'none';

/**
 * A UK postcode's unit, sector, district and area, normalised ('AB1 2CD'), or undefined when it is not one.
 * @example parsePostcode('wx12ab') // { unit: 'WX1 2AB', sector: 'WX1 2', district: 'WX1', area: 'WX' }
 */
export function parsePostcode(raw: string): PostcodeParts | undefined {
  if (!scan(raw, first)) return undefined;
  const { codes, length, area } = first;
  const district = text(codes, 0, length - 3);
  const sector = `${district} ${String.fromCharCode(codes[length - 3]!)}`;
  return { unit: `${sector}${text(codes, length - 2, length)}`, sector, district, area: text(codes, 0, area) };
}

function sameCodes(x: Scan, xFrom: number, y: Scan, yFrom: number, count: number): boolean {
  for (let k = 0; k < count; k++) if (x.codes[xFrom + k] !== y.codes[yFrom + k]) return false;
  return true;
}

/**
 * The finest level at which two postcodes agree: 'unit', 'sector', 'district', 'area' or 'none' (also when either is not a postcode).
 * @example postcodeLevel('WX1 2AB', 'wx12cd') // 'sector'
 */
export function postcodeLevel(a: string, b: string): PostcodeLevel {
  if (!scan(a, first) || !scan(b, second)) return 'none';
  if (first.area !== second.area || !sameCodes(first, 0, second, 0, first.area)) return 'none';
  const outward = first.length - 3;
  if (second.length - 3 !== outward || !sameCodes(first, 0, second, 0, outward)) return 'area';
  if (first.codes[outward] !== second.codes[outward]) return 'district';
  if (first.codes[outward + 1] !== second.codes[outward + 1] || first.codes[outward + 2] !== second.codes[outward + 2]) return 'sector';
  return 'unit';
}
