/**
 * UK postcodes (BS 7666): outward code = area letters + district; inward code = sector
 * digit + unit letters. Levels of agreement from the whole unit down to the area.
 */
export interface PostcodeParts {
  unit: string;
  sector: string;
  district: string;
  area: string;
}

const PATTERN = /^([A-Z]{1,2})(\d[A-Z\d]?) ?(\d)([A-Z]{2})$/;

/** @example parsePostcode('wx12ab') // { unit: 'WX1 2AB', sector: 'WX1 2', district: 'WX1', area: 'WX' } */
export function parsePostcode(raw: string): PostcodeParts | undefined {
  const compact = raw.toUpperCase().replace(/\s+/g, '');
  const match = PATTERN.exec(compact);
  if (!match) return undefined;
  const [, area, district, sector, unit] = match as unknown as [string, string, string, string, string];
  const outward = `${area}${district}`;
  return { unit: `${outward} ${sector}${unit}`, sector: `${outward} ${sector}`, district: outward, area };
}

/** How far two postcodes agree. @example postcodeLevel('WX1 2AB', 'WX1 2CD') // 'sector' */
export function postcodeLevel(a: string, b: string): 'unit' | 'sector' | 'district' | 'area' | 'none' {
  const pa = parsePostcode(a);
  const pb = parsePostcode(b);
  if (!pa || !pb) return 'none';
  if (pa.unit === pb.unit) return 'unit';
  if (pa.sector === pb.sector) return 'sector';
  if (pa.district === pb.district) return 'district';
  if (pa.area === pb.area) return 'area';
  return 'none';
}
