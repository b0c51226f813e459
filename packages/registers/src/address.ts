/**
 * One addressable place in the register, in the shape BS 7666 and the GeoPlace DTF use:
 * a UPRN, the secondary addressable object (SAO: "Flat 2") inside the primary (PAO: "14",
 * "Rose Cottage"), the street (USRN), locality, town and postcode. Every importer (DTF 7.3
 * LLPG, AddressBase-style CSV, OS Open UPRN) produces this; the matcher and the store read it.
 */
export interface RegisterAddress {
  /** Unique Property Reference Number: digits, at most 12. */
  uprn: string;
  /** The UPRN of the building this one is inside (a flat's block), when known. */
  parentUprn?: string;
  /** Unique Street Reference Number of the street the address is on. */
  usrn?: string;
  /** Organisation or business name at the address, when part of the address. */
  organisation?: string;
  saoStartNumber?: number;
  saoStartSuffix?: string;
  saoEndNumber?: number;
  saoEndSuffix?: string;
  /** e.g. "FLAT 2", "GROUND FLOOR". */
  saoText?: string;
  paoStartNumber?: number;
  paoStartSuffix?: string;
  paoEndNumber?: number;
  paoEndSuffix?: string;
  /** e.g. "ROSE COTTAGE", "THE OLD FORGE". */
  paoText?: string;
  street?: string;
  locality?: string;
  town?: string;
  postcode?: string;
  /** AddressBase classification code, e.g. RD04 (terraced house), CR08 (shop). */
  classification?: string;
  /** WGS84 coordinates, when known. */
  latitude?: number;
  longitude?: number;
  /** British National Grid, when known. */
  easting?: number;
  northing?: number;
  /** Which authority's gazetteer this came from: the custodian code, or the organisation code in Joinery. */
  authority: string;
  /** BS 7666 LPI logical status: approved (1), alternative (3), provisional (6), historical (8). */
  status: 'approved' | 'alternative' | 'provisional' | 'historical';
}

/** "14A", "14-16", "" from a number/suffix range. */
export function numberRange(start?: number, startSuffix?: string, end?: number, endSuffix?: string): string {
  if (start === undefined) return '';
  const first = `${start}${startSuffix ?? ''}`;
  return end === undefined ? first : `${first}-${end}${endSuffix ?? ''}`;
}

/**
 * The address as lines a person would write on an envelope (organisation, SAO, PAO with street,
 * locality, town, postcode), empty parts left out.
 * @example addressLines({ uprn: '1', saoText: 'FLAT 2', paoStartNumber: 14, street: 'HIGH STREET', town: 'CASTERBRIDGE', postcode: 'WX1 2AB', authority: 'x', status: 'approved' })
 * // ['FLAT 2', '14 HIGH STREET', 'CASTERBRIDGE', 'WX1 2AB']
 */
export function addressLines(a: RegisterAddress): string[] {
  const sao = [a.saoText, numberRange(a.saoStartNumber, a.saoStartSuffix, a.saoEndNumber, a.saoEndSuffix)].filter(Boolean).join(' ');
  const paoNumber = numberRange(a.paoStartNumber, a.paoStartSuffix, a.paoEndNumber, a.paoEndSuffix);
  const lines: string[] = [];
  if (a.organisation) lines.push(a.organisation);
  if (sao) lines.push(sao);
  if (a.paoText) lines.push(a.paoText);
  const streetLine = [paoNumber, a.street].filter(Boolean).join(' ');
  if (streetLine) lines.push(streetLine);
  for (const part of [a.locality, a.town, a.postcode]) if (part) lines.push(part);
  return lines;
}

/** The address on one line, comma-separated. */
export function singleLineAddress(a: RegisterAddress): string {
  return addressLines(a).join(', ');
}
