/**
 * Each district council's Local Land and Property Gazetteer, as it would export it in the
 * GeoPlace Data Transfer Format (DTF 7.3 CSV, laid out as AddressBase Premium's record
 * types): 10 header, 11 street, 15 street descriptor, 21 BLPU, 24 LPI, 32 classification,
 * 99 trailer. With the conflicts a merger meets, kept as ground truth:
 * - a property on a district boundary held by both districts, written differently;
 * - one place held twice in a gazetteer, under two UPRNs.
 * Some LPIs are historical (a house renamed), as real gazetteers keep them.
 */
import type { ScenarioProperty, ScenarioStreet } from './model.ts';
import { DISTRICT_CODES } from './organisations.ts';
import { Random } from './random.ts';

/** Fictional local custodian codes (real ones are four digits, 0114–9999). */
export const CUSTODIAN_CODES: Record<string, number> = { casterbridge: 9901, budmouth: 9902, melchester: 9903, sandbourne: 9904 };

export interface GazetteerConflictTruth {
  kind: 'same-uprn-different-address' | 'same-address-different-uprns';
  uprns: string[];
  districts: string[];
  /** What differs (boundary properties) or why (duplicates). */
  detail: string;
}

export interface DistrictGazetteer {
  district: string;
  /** DTF records in file order, each a list of field values. */
  records: (string | number)[][];
  addresses: number;
}

const DATE = '2026-04-01';
const SHARE_ON_BOUNDARY = 0.004;
const SHARE_DUPLICATED = 0.002;
const SHARE_RENAMED = 0.02;

/** A rough British National Grid position from WGS84 (synthetic data: metres are enough). */
export function gridReference(lat: number, lng: number): [number, number] {
  const easting = 400_000 + (lng + 2) * 111_320 * Math.cos((lat * Math.PI) / 180);
  const northing = -100_000 + (lat - 49) * 110_574;
  return [Math.round(easting * 100) / 100, Math.round(northing * 100) / 100];
}

const ABBREVIATIONS: [RegExp, string][] = [
  [/\bRoad$/, 'Rd'],
  [/\bStreet$/, 'St'],
  [/\bLane$/, 'Ln'],
  [/\bAvenue$/, 'Ave'],
  [/\bClose$/, 'Cl'],
];

interface Entry {
  property: ScenarioProperty;
  uprn: string;
  status: 1 | 3 | 8;
  paoText?: string;
}

/**
 * @example const { gazetteers, conflicts } = districtGazetteers(scenario.properties, scenario.streets, scenario.seed);
 */
export function districtGazetteers(
  properties: readonly ScenarioProperty[],
  streets: readonly ScenarioStreet[],
  seed: string | number,
): { gazetteers: DistrictGazetteer[]; conflicts: GazetteerConflictTruth[] } {
  const random = new Random(`${seed}/gazetteers`);
  const entries = new Map<string, Entry[]>(DISTRICT_CODES.map((d) => [d, []]));
  const conflicts: GazetteerConflictTruth[] = [];
  const townOf = new Map<string, string>();
  for (const p of properties) if (!townOf.has(p.district)) townOf.set(p.district, p.town);
  let nextUprn = 1_000_000_000 + properties.length;
  const streetOf = new Map(streets.map((s) => [s.usrn, s]));
  const variantStreets = new Map<string, Map<string, ScenarioStreet>>(DISTRICT_CODES.map((d) => [d, new Map()]));

  for (const property of properties) {
    const own = entries.get(property.district)!;
    own.push({ property, uprn: property.uprn, status: 1 });
    if (property.paoText && random.chance(SHARE_RENAMED))
      own.push({
        property,
        uprn: property.uprn,
        status: 8,
        paoText: random.pick(['The Old Forge', 'Old School House', 'Sunnyside', 'Fairview']),
      });

    if (random.chance(SHARE_ON_BOUNDARY)) {
      // The neighbour holds it too, written its own way.
      const others = DISTRICT_CODES.filter((d) => d !== property.district);
      const neighbour = random.pick(others);
      // The neighbour describes the street its own way (once per street).
      const described = variantStreets.get(neighbour)!;
      let variant = described.get(property.usrn);
      if (!variant) {
        const street = streetOf.get(property.usrn)!;
        const abbreviation = ABBREVIATIONS.find(([pattern]) => pattern.test(street.name));
        variant =
          abbreviation && random.chance(0.5)
            ? { ...street, name: street.name.replace(abbreviation[0], abbreviation[1]) }
            : { ...street, town: townOf.get(neighbour) ?? street.town };
        described.set(property.usrn, variant);
      }
      const street = streetOf.get(property.usrn)!;
      if (variant.name === street.name && variant.town === street.town) continue;
      entries.get(neighbour)!.push({ property, uprn: property.uprn, status: 1 });
      const detail = variant.name !== property.streetName ? 'street' : 'town';
      conflicts.push({ kind: 'same-uprn-different-address', uprns: [property.uprn], districts: [property.district, neighbour], detail });
    } else if (random.chance(SHARE_DUPLICATED)) {
      // Entered twice: a second UPRN for the same place.
      const duplicate = String(nextUprn++);
      own.push({ property, uprn: duplicate, status: 1 });
      conflicts.push({
        kind: 'same-address-different-uprns',
        uprns: [property.uprn, duplicate],
        districts: [property.district],
        detail: 'entered twice',
      });
    }
  }

  const gazetteers = DISTRICT_CODES.map((district) => {
    const held = entries.get(district)!;
    // A gazetteer holds its own streets and, described its own way, a neighbour's its addresses are on.
    const variants = variantStreets.get(district)!;
    const usrns = new Set<string>();
    for (const s of streets) if (s.district === district) usrns.add(s.usrn);
    for (const e of held) usrns.add(e.property.usrn);
    const described = [...usrns].map((u) => variants.get(u) ?? streetOf.get(u)!);
    return { district, records: dtfRecords(district, described, held), addresses: held.length };
  });
  return { gazetteers, conflicts };
}

function dtfRecords(district: string, streets: ScenarioStreet[], entries: Entry[]): (string | number)[][] {
  const custodian = CUSTODIAN_CODES[district] ?? 9900;
  const records: (string | number)[][] = [];
  let order = 0;
  // DTF 7.3 record 10: header.
  records.push([10, `${district.toUpperCase()} COUNCIL`, custodian, DATE, 1, DATE, '00:00:00', '7.3', 'F']);
  for (const s of streets) {
    // Record 11: street (type 1, a designated street name).
    records.push([
      11,
      'I',
      ++order,
      s.usrn,
      1,
      custodian,
      2,
      DATE,
      1,
      8,
      1,
      '2000-01-01',
      '',
      DATE,
      '2000-01-01',
      '',
      '',
      '',
      '',
      '',
      '',
      '',
      '',
      10,
    ]);
    // Record 15: street descriptor.
    records.push([
      15,
      'I',
      ++order,
      s.usrn,
      s.name.toUpperCase(),
      s.locality.toUpperCase(),
      s.town.toUpperCase(),
      'WESSEX',
      'ENG',
      '2000-01-01',
      '',
      DATE,
      '2000-01-01',
    ]);
  }
  const seenBlpu = new Set<string>();
  let lpiKey = 0;
  for (const e of entries) {
    const p = e.property;
    if (!seenBlpu.has(e.uprn)) {
      seenBlpu.add(e.uprn);
      const [x, y] = gridReference(p.lat, p.lng);
      // Record 21: BLPU — where the property is, its postcode and custodian.
      records.push([
        21,
        'I',
        ++order,
        e.uprn,
        1,
        2,
        '2000-01-01',
        '',
        x,
        y,
        p.lat,
        p.lng,
        1,
        custodian,
        'E',
        '2000-01-01',
        '',
        DATE,
        '2000-01-01',
        'D',
        p.postcode,
        0,
      ]);
      // Record 32: classification (AddressBase scheme).
      records.push([
        32,
        'I',
        ++order,
        e.uprn,
        `${custodian}C${e.uprn}`,
        p.classification,
        'AddressBase Premium Classification Scheme',
        1.0,
        '2000-01-01',
        '',
        DATE,
        '2000-01-01',
      ]);
    }
    const flat = p.saoText ? /^(?:flat|unit|apartment)\s+(\d+)([a-z]?)$/i.exec(p.saoText) : null;
    // Record 24: LPI — the address in BS 7666 parts, with its logical status.
    records.push([
      24,
      'I',
      ++order,
      e.uprn,
      `${custodian}L${String(++lpiKey).padStart(9, '0')}`,
      'ENG',
      e.status,
      '2000-01-01',
      e.status === 8 ? '2020-01-01' : '',
      DATE,
      '2000-01-01',
      flat ? flat[1]! : '',
      flat ? flat[2]!.toUpperCase() : '',
      '',
      '',
      flat ? '' : (p.saoText?.toUpperCase() ?? ''),
      p.paoStartNumber ?? '',
      '',
      '',
      '',
      (e.paoText ?? p.paoText)?.toUpperCase() ?? '',
      p.usrn,
      1,
      '',
      '',
      'Y',
    ]);
  }
  // Record 99: trailer — the count of every record in the file, header and trailer included.
  records.push([99, 0, records.length + 1, DATE, '00:00:00']);
  return records;
}
