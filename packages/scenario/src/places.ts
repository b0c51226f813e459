/**
 * Streets and properties: a small gazetteer shaped like AddressBase (USRN per street, UPRN
 * per addressable property, SAO/PAO parts, classification codes, coordinates, postcodes).
 *
 * Streets have a character (Victorian terrace, semis, a close of detached houses, blocks of
 * flats, a town-centre street of shops with flats above, a village lane of named cottages),
 * because the address shapes that break matching — "Flat 2, 14 Mill Lane", "Rose Cottage,
 * The Street", "First Floor Flat" — come from those characters.
 */
import type { ScenarioProperty, ScenarioStreet } from './model.ts';
import { DISTRICT_CODES, type DistrictCode } from './organisations.ts';
import { type Random, WeightedTable } from './random.ts';
import {
  BLOCK_SUFFIXES,
  CENTRE_STREETS,
  COASTAL_HOUSE_NAMES,
  DISTRICT_SHARES,
  HOUSE_NAMES,
  POSTCODE_UNIT_LETTERS,
  PROPERTIES_PER_OUTCODE,
  PUB_NAMES,
  SETTLEMENTS,
  STREET_STEMS,
  STREET_SUFFIXES,
  TOWN_LOCALITIES,
  VILLAGE_STREETS,
  VILLAGE_SUFFIXES,
  type Settlement,
} from './wessex-map.ts';

/** Properties in the county at scale 1. */
export const PROPERTIES_AT_SCALE_1 = 40_000;

/** Who owns or rents a home; drives who appears in benefits, housing and tenancy systems. */
export type Tenure = 'owner' | 'private-rent' | 'social' | 'commercial';

export interface Places {
  streets: ScenarioStreet[];
  properties: ScenarioProperty[];
  /** Parallel to `properties`. 'social' homes belong to Egdon Heath Housing Association. */
  tenure: Tenure[];
  /** Indexes into `properties` of homes, by district. */
  homesByDistrict: Record<DistrictCode, number[]>;
}

type StreetCharacter = 'centre' | 'terrace' | 'semis' | 'detached' | 'flats' | 'converted' | 'village';

const TOWN_CHARACTERS = new WeightedTable<StreetCharacter>([
  ['terrace', 30],
  ['semis', 30],
  ['detached', 12],
  ['flats', 14],
  ['converted', 10],
]);

// Ranges of UPRN and USRN per district, far enough apart never to meet; real councils'
// ranges come from their local custodian code in the same way.
const UPRN_BASE: Record<DistrictCode, number> = {
  casterbridge: 10_011_000_000,
  budmouth: 10_012_000_000,
  melchester: 10_013_000_000,
  sandbourne: 10_014_000_000,
};
const USRN_BASE: Record<DistrictCode, number> = {
  casterbridge: 39_100_000,
  budmouth: 39_200_000,
  melchester: 39_300_000,
  sandbourne: 39_400_000,
};

/** Hands out postcode units of one outcode: sectors of up to ~150 units, letters shuffled. */
class PostcodeDistrict {
  private sector = 0;
  private unitsInSector = 0;
  private letters: string[] = [];

  constructor(
    readonly outcode: string,
    private readonly random: Random,
  ) {
    this.newSector();
  }

  newSector(): void {
    this.sector = (this.sector + 1) % 10;
    this.unitsInSector = 0;
    const pairs: string[] = [];
    for (const a of POSTCODE_UNIT_LETTERS) for (const b of POSTCODE_UNIT_LETTERS) pairs.push(a + b);
    this.letters = this.random.shuffle(pairs);
  }

  next(): string {
    if (this.unitsInSector >= 150 || this.letters.length === 0) this.newSector();
    this.unitsInSector++;
    return `${this.outcode} ${this.sector}${this.letters.pop()}`;
  }
}

interface Counters {
  uprn: Record<DistrictCode, number>;
  usrn: Record<DistrictCode, number>;
}

/** The outcodes (WX1, WX2…) of each post town, sized at scale 1 so numbering is stable. */
function assignOutcodes(scale: number, random: Random): Map<string, PostcodeDistrict[]> {
  const countByPostTown = new Map<string, number>();
  for (const s of SETTLEMENTS) {
    const n = PROPERTIES_AT_SCALE_1 * DISTRICT_SHARES[s.district] * s.share;
    countByPostTown.set(s.postTown, (countByPostTown.get(s.postTown) ?? 0) + n);
  }
  const result = new Map<string, PostcodeDistrict[]>();
  let next = 1;
  for (const [postTown, count] of countByPostTown) {
    const k = Math.max(1, Math.round(count / PROPERTIES_PER_OUTCODE), Math.ceil((count * scale) / 30_000));
    const list: PostcodeDistrict[] = [];
    for (let i = 0; i < k; i++) list.push(new PostcodeDistrict(`WX${next++}`, random.fork(`outcode-${next}`)));
    result.set(postTown, list);
  }
  return result;
}

class StreetNamer {
  private readonly used = new Set<string>();
  constructor(private readonly random: Random) {}

  take(settlement: Settlement, character: StreetCharacter): string {
    const key = (name: string) => `${settlement.postTown}|${settlement.name}|${name}`;
    const isVillage = character === 'village';
    if (character === 'centre') {
      const name = CENTRE_STREETS.find((n) => !this.used.has(key(n)));
      if (name) return this.claim(key(name), name);
    }
    if (isVillage && this.random.chance(0.5)) {
      const name = VILLAGE_STREETS.find((n) => !this.used.has(key(n)));
      if (name) return this.claim(key(name), name);
    }
    const suffixes = new WeightedTable(isVillage ? VILLAGE_SUFFIXES : STREET_SUFFIXES);
    for (let attempt = 0; attempt < 200; attempt++) {
      const name = `${this.random.pick(STREET_STEMS)} ${suffixes.sample(this.random)}`;
      if (!this.used.has(key(name))) return this.claim(key(name), name);
    }
    // Big scales can exhaust stem × suffix: number the ways as new estates sometimes are.
    for (let n = 2; ; n++) {
      const name = `${this.random.pick(STREET_STEMS)} Way ${n}`;
      if (!this.used.has(key(name))) return this.claim(key(name), name);
    }
  }

  private claim(key: string, name: string): string {
    this.used.add(key);
    return name;
  }
}

const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

interface AddressParts {
  saoText?: string;
  paoStartNumber?: number;
  paoText?: string;
  classification: string;
  tenure: Tenure;
}

/** The addressable objects along one street, in walking order. */
function streetAddresses(random: Random, character: StreetCharacter, size: number, s: Settlement): AddressParts[] {
  const out: AddressParts[] = [];
  const rent = (pSocial: number, pPrivate: number): Tenure => {
    const r = random.next();
    return r < pSocial ? 'social' : r < pSocial + pPrivate ? 'private-rent' : 'owner';
  };
  let number = 1;
  const houseNames = s.isCoastal ? [...HOUSE_NAMES, ...COASTAL_HOUSE_NAMES] : HOUSE_NAMES;
  const usedNames = new Set<string>();
  const houseName = () => {
    for (let i = 0; i < 20; i++) {
      const name = random.pick(houseNames);
      if (!usedNames.has(name)) {
        usedNames.add(name);
        return name;
      }
    }
    return undefined;
  };
  while (out.length < size) {
    switch (character) {
      case 'centre': {
        const r = random.next();
        const commercial = r < 0.35 ? 'CR08' : r < 0.45 ? 'CR07' : r < 0.5 ? 'CO01' : r < 0.53 ? 'CR06' : r < 0.55 ? 'CR01' : '';
        if (commercial === 'CR06') {
          out.push({ paoStartNumber: number, paoText: random.pick(PUB_NAMES), classification: 'CR06', tenure: 'commercial' });
        } else if (commercial) {
          out.push({ paoStartNumber: number, classification: commercial, tenure: 'commercial' });
          // Flats over shops: "First Floor Flat, 12 High Street".
          if (random.chance(0.45)) {
            const sao = random.chance(0.5) ? 'First Floor Flat' : 'Flat 1';
            out.push({ saoText: sao, paoStartNumber: number, classification: 'RD06', tenure: rent(0.05, 0.7) });
          }
        } else {
          out.push({ paoStartNumber: number, classification: 'RD04', tenure: rent(0.05, 0.4) });
        }
        number++;
        break;
      }
      case 'terrace':
      case 'semis':
      case 'converted': {
        const isConverted = character === 'converted' ? random.chance(0.55) : random.chance(0.06);
        if (isConverted) {
          const flats = random.int(2, 4);
          const style = random.int(0, 2);
          for (let f = 1; f <= flats; f++) {
            const sao =
              style === 0
                ? `Flat ${f}`
                : style === 1
                  ? `Flat ${String.fromCharCode(64 + f)}`
                  : (['Basement Flat', 'Ground Floor Flat', 'First Floor Flat', 'Second Floor Flat'][f - 1] ?? `Flat ${f}`);
            out.push({ saoText: sao, paoStartNumber: number, classification: 'RD06', tenure: rent(0.08, 0.55) });
          }
        } else {
          const classification = character === 'semis' ? 'RD03' : 'RD04';
          out.push({ paoStartNumber: number, classification, tenure: rent(character === 'semis' ? 0.06 : 0.1, 0.2) });
        }
        number++;
        break;
      }
      case 'detached': {
        const name = random.chance(0.35) ? houseName() : undefined;
        out.push({
          paoStartNumber: name && random.chance(0.7) ? undefined : number,
          paoText: name,
          classification: random.chance(0.85) ? 'RD02' : 'RD03',
          tenure: rent(0.01, 0.08),
        });
        number++;
        break;
      }
      case 'flats': {
        if (random.chance(0.5)) {
          // A block: "Flat 7, Farfrae Court, 3 Henchard Way".
          const block = `${random.pick(STREET_STEMS)} ${random.pick(BLOCK_SUFFIXES)}`;
          const isSheltered = random.chance(0.12);
          const flats = random.int(6, 30);
          const numbered = random.chance(0.4);
          for (let f = 1; f <= flats; f++) {
            out.push({
              saoText: `Flat ${f}`,
              paoText: block,
              paoStartNumber: numbered ? number : undefined,
              classification: isSheltered ? 'RD08' : 'RD06',
              tenure: isSheltered ? rent(0.6, 0.1) : rent(0.35, 0.35),
            });
          }
        } else {
          out.push({ paoStartNumber: number, classification: 'RD04', tenure: rent(0.15, 0.25) });
        }
        number++;
        break;
      }
      case 'village': {
        const r = random.next();
        if (r < 0.03) {
          out.push({ paoText: random.pick(PUB_NAMES), classification: 'CR06', tenure: 'commercial' });
        } else if (r < 0.05) {
          out.push({ paoStartNumber: number++, classification: 'CR08', tenure: 'commercial' });
        } else if (r < 0.6) {
          const name = houseName();
          out.push({
            paoText: name,
            paoStartNumber: name ? undefined : number++,
            classification: random.pick(['RD02', 'RD03', 'RD04']),
            tenure: rent(0.03, 0.15),
          });
        } else {
          out.push({
            paoStartNumber: number++,
            classification: random.pick(['RD02', 'RD03', 'RD04']),
            tenure: rent(0.04, 0.15),
          });
        }
        break;
      }
    }
  }
  return out;
}

function streetSize(random: Random, character: StreetCharacter): number {
  switch (character) {
    case 'centre':
      return random.int(20, 60);
    case 'terrace':
      return random.int(20, 80);
    case 'semis':
      return random.int(16, 60);
    case 'detached':
      return random.int(6, 30);
    case 'flats':
      return random.int(20, 70);
    case 'converted':
      return random.int(10, 40);
    case 'village':
      return random.int(5, 30);
  }
}

/**
 * Builds the gazetteer: `scale` × 40,000 properties across the four districts.
 * @example generatePlaces(new Random(1).fork('places'), 0.05).properties.length // ≈ 2,000
 */
export function generatePlaces(random: Random, scale: number): Places {
  const places: Places = {
    streets: [],
    properties: [],
    tenure: [],
    homesByDistrict: { casterbridge: [], budmouth: [], melchester: [], sandbourne: [] },
  };
  const counters: Counters = { uprn: { ...UPRN_BASE }, usrn: { ...USRN_BASE } };
  const outcodes = assignOutcodes(scale, random.fork('outcodes'));
  const namer = new StreetNamer(random.fork('street-names'));

  for (const district of DISTRICT_CODES) {
    for (const settlement of SETTLEMENTS.filter((s) => s.district === district)) {
      const r = random.fork(`settlement/${settlement.name}`);
      const target = Math.max(1, Math.round(PROPERTIES_AT_SCALE_1 * scale * DISTRICT_SHARES[district] * settlement.share));
      const districts = outcodes.get(settlement.postTown)!;
      // Villages take their own sector of the post town's last outcode, as real ones do.
      if (settlement.kind === 'village') districts[districts.length - 1]!.newSector();
      const centreStreets = settlement.kind === 'town' ? Math.min(CENTRE_STREETS.length, Math.ceil(target / 1500)) : 0;
      const radius = settlement.kind === 'town' ? 0.01 + 0.02 * Math.sqrt(target / (PROPERTIES_AT_SCALE_1 * scale * 0.1)) : 0.005;
      let made = 0;
      let streetIndex = 0;
      let unitLeft = 0;
      let postcode = '';
      while (made < target) {
        const character: StreetCharacter =
          settlement.kind === 'village' ? 'village' : streetIndex < centreStreets ? 'centre' : TOWN_CHARACTERS.sample(r);
        const name = namer.take(settlement, character);
        counters.usrn[district] += r.int(1, 9);
        const usrn = String(counters.usrn[district]);
        const localities = TOWN_LOCALITIES[settlement.name];
        const locality =
          settlement.kind === 'village' ? settlement.name : localities && character !== 'centre' && r.chance(0.3) ? r.pick(localities) : '';
        places.streets.push({ usrn, name, locality, town: settlement.postTown, district });

        const addresses = streetAddresses(r, character, Math.min(streetSize(r, character), target - made), settlement);
        const outcodeIndex = Math.min(districts.length - 1, Math.floor((made / target) * districts.length));
        const postcodeDistrict = settlement.kind === 'village' ? districts[districts.length - 1]! : districts[outcodeIndex]!;
        // A street starts a new postcode unit unless the last one is still small.
        if (unitLeft < 8) unitLeft = 0;
        const angle = r.next() * Math.PI;
        const distance = radius * Math.sqrt(r.next());
        const bearing = r.next() * 2 * Math.PI;
        const lat0 = settlement.lat + distance * Math.cos(bearing);
        const lng0 = settlement.lng + (distance * Math.sin(bearing)) / Math.cos((settlement.lat * Math.PI) / 180);
        addresses.forEach((a, i) => {
          if (unitLeft <= 0) {
            postcode = postcodeDistrict.next();
            unitLeft = r.int(8, 22);
          }
          unitLeft--;
          counters.uprn[district] += r.int(1, 7);
          const along = (a.paoStartNumber ?? i) * 0.00009;
          const side = (a.paoStartNumber ?? i) % 2 === 0 ? 0.00012 : -0.00012;
          const property: ScenarioProperty = {
            uprn: String(counters.uprn[district]),
            usrn,
            ...(a.saoText ? { saoText: a.saoText } : {}),
            ...(a.paoStartNumber !== undefined ? { paoStartNumber: a.paoStartNumber } : {}),
            ...(a.paoText ? { paoText: a.paoText } : {}),
            streetName: name,
            ...(locality ? { locality } : {}),
            town: settlement.postTown,
            postcode,
            district,
            classification: a.classification,
            lat: round6(lat0 + along * Math.sin(angle) + side * Math.cos(angle)),
            lng: round6(lng0 + along * Math.cos(angle) * 1.6 - side * Math.sin(angle)),
          };
          if (a.tenure !== 'commercial') places.homesByDistrict[district].push(places.properties.length);
          places.properties.push(property);
          places.tenure.push(a.tenure);
        });
        made += addresses.length;
        streetIndex++;
      }
    }
  }
  return places;
}
