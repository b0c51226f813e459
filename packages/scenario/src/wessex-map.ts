/**
 * The map of Wessex: which towns and villages each district holds, where they are and how
 * big, and the words its streets and houses are named with. A catalogue, fixed for all seeds.
 *
 * Places are Hardy's names for real Dorset and Wiltshire places (Casterbridge is Dorchester,
 * Budmouth Weymouth, Melchester Salisbury, Sandbourne Bournemouth…); coordinates sit near
 * their real counterparts so maps look like a county. Postcodes use the area "WX", which
 * Royal Mail does not use, so no generated postcode is a real one.
 */
import type { DistrictCode } from './organisations.ts';

export interface Settlement {
  name: string;
  district: DistrictCode;
  /** The post town used in addresses; villages take a nearby town's. */
  postTown: string;
  kind: 'town' | 'village';
  /** Share of the district's properties. */
  share: number;
  lat: number;
  lng: number;
  isCoastal: boolean;
}

/** Share of the county's properties in each district. */
export const DISTRICT_SHARES: Record<DistrictCode, number> = {
  casterbridge: 0.24,
  budmouth: 0.22,
  melchester: 0.26,
  sandbourne: 0.28,
};

const town = (name: string, district: DistrictCode, share: number, lat: number, lng: number, isCoastal = false): Settlement => ({
  name,
  district,
  postTown: name,
  kind: 'town',
  share,
  lat,
  lng,
  isCoastal,
});

const village = (
  name: string,
  district: DistrictCode,
  postTown: string,
  share: number,
  lat: number,
  lng: number,
  isCoastal = false,
): Settlement => ({ name, district, postTown, kind: 'village', share, lat, lng, isCoastal });

export const SETTLEMENTS: readonly Settlement[] = [
  town('Casterbridge', 'casterbridge', 0.58, 50.715, -2.437),
  village('Mellstock', 'casterbridge', 'Casterbridge', 0.06, 50.727, -2.405),
  village("Abbot's Cernel", 'casterbridge', 'Casterbridge', 0.04, 50.809, -2.477),
  village('Chalk-Newton', 'casterbridge', 'Casterbridge', 0.05, 50.779, -2.573),
  village('Evershead', 'casterbridge', 'Port Bredy', 0.03, 50.839, -2.606),
  town('Port Bredy', 'casterbridge', 0.24, 50.733, -2.758, true),
  town('Budmouth', 'budmouth', 0.7, 50.614, -2.457, true),
  village('Overcombe', 'budmouth', 'Budmouth', 0.07, 50.64, -2.42, true),
  town('Street of Wells', 'budmouth', 0.16, 50.56, -2.445, true),
  village('East Quarriers', 'budmouth', 'Street of Wells', 0.07, 50.547, -2.433, true),
  town('Melchester', 'melchester', 0.46, 51.069, -1.795),
  town('Shaston', 'melchester', 0.15, 51.005, -2.198),
  village('Marlott', 'melchester', 'Shaston', 0.04, 50.97, -2.32),
  town('Sherton Abbas', 'melchester', 0.13, 50.947, -2.516),
  village('Great Hintock', 'melchester', 'Sherton Abbas', 0.03, 50.88, -2.49),
  town('Stourcastle', 'melchester', 0.07, 50.925, -2.304),
  town('Ivell', 'melchester', 0.12, 50.942, -2.633),
  town('Sandbourne', 'sandbourne', 0.55, 50.72, -1.88, true),
  town('Havenpool', 'sandbourne', 0.2, 50.715, -1.987, true),
  town('Anglebury', 'sandbourne', 0.08, 50.686, -2.11),
  town('Knollsea', 'sandbourne', 0.07, 50.609, -1.96, true),
  village('Weatherbury', 'sandbourne', 'Anglebury', 0.06, 50.749, -2.345),
  village('Kingsbere', 'sandbourne', 'Anglebury', 0.04, 50.755, -2.217),
];

/** Neighbourhoods inside the bigger towns, used as the locality line of some streets. */
export const TOWN_LOCALITIES: Readonly<Record<string, readonly string[]>> = {
  Casterbridge: ['Durnover', 'Fordington Field', 'Maumbury'],
  Budmouth: ['Budmouth Regis', 'Melcombe', 'Radipole'],
  Melchester: ['Fisherton', 'Harnham', 'Bemerton'],
  Sandbourne: ['Westcliff', 'Boscombe Chine', 'Heathside'],
  Havenpool: ['Parkstone', 'Hamworthy'],
};

/** Properties per postcode district (outcode) at scale 1, for sizing the outcode list. */
export const PROPERTIES_PER_OUTCODE = 4_000;
/** Royal Mail: the unit letters never include C, I, K, M, O or V. */
export const POSTCODE_UNIT_LETTERS = 'ABDEFGHJLNPQRSTUWXYZ';

// prettier-ignore
export const STREET_SUFFIXES: readonly (readonly [string, number])[] = [
  ['Road', 25], ['Lane', 12], ['Close', 14], ['Street', 8], ['Avenue', 7], ['Way', 8], ['Drive', 7], ['Gardens', 5], ['Crescent', 4],
  ['Place', 3], ['Terrace', 3], ['Walk', 2], ['Rise', 2], ['Mews', 2], ['Hill', 2], ['Grove', 3],
];

// prettier-ignore
export const VILLAGE_SUFFIXES: readonly (readonly [string, number])[] = [
  ['Lane', 30], ['Road', 15], ['Street', 8], ['Close', 10], ['Row', 4], ['Hill', 5], ['Way', 3],
];

/** Streets every town centre has, in the order they are used. */
// prettier-ignore
export const CENTRE_STREETS = [
  'High Street', 'Market Street', 'Church Street', 'South Street', 'North Street', 'East Street', 'West Street', 'Bridge Street',
  'Cornhill', 'King Street', 'Queen Street', 'Trinity Street',
];

/** Whole street names villages have. */
// prettier-ignore
export const VILLAGE_STREETS = [
  'The Street', 'Church Lane', 'Back Lane', 'Mill Lane', 'Chapel Row', 'The Green', 'Fore Street', 'Water Lane', 'School Lane',
  'Duck Street', 'Frys Lane', 'Pound Lane',
];

// prettier-ignore
export const STREET_STEMS = [
  // trees and landscape
  'Oak', 'Elm', 'Ash', 'Beech', 'Chestnut', 'Hawthorn', 'Rowan', 'Willow', 'Holly', 'Hazel', 'Lime', 'Sycamore', 'Poplar', 'Laurel',
  'Juniper', 'Alder', 'Birch', 'Cedar', 'Maple', 'Meadow', 'Orchard', 'Brook', 'Heath', 'Coombe', 'Vale', 'Ridge', 'Field', 'Green',
  'Moor', 'Mead', 'Furze', 'Barrow',
  // Wessex words and rivers
  'Frome', 'Froom', 'Egdon', 'Yalbury', 'Durnover', 'Poundbury', 'Cerne', 'Stour', 'Chesil', 'Blackmoor', 'Cranborne', 'Purbeck', 'Mixen',
  'Rainbarrow', 'Greenhill', 'Bindon', 'Talbothays', 'Flintcomb', 'Stickleford', 'Lulstead', 'Nuttlebury', 'Toneborough',
  // Hardy's people, as new estates are named
  'Henchard', 'Farfrae', 'Everdene', 'Boldwood', 'Troy', 'Gabriel', 'Durbeyfield', 'Clare', 'Yeobright', 'Venn', 'Wildeve', 'Fawley',
  'Bridehead', 'Melbury', 'Winterborne', 'Fitzpiers', 'Swancourt', 'Newson', 'Templeman', 'Lucetta', 'Oakbury', 'Barnes', 'Julian',
  // the usual Victorian and civic names
  'Victoria', 'Albert', 'Alexandra', 'Princess', 'Windsor', 'Tudor', 'York', 'Clarence', 'Gloucester', 'Station', 'Park', 'London',
  'Mill', 'Manor', 'Rectory', 'Priory', 'Abbey', 'Grange', 'Cemetery', "St Mary's", "St George's", "St Peter's", "St John's", "Queen's",
  "King's",
];

// prettier-ignore
export const HOUSE_NAMES = [
  'Rose Cottage', 'The Old Rectory', 'Orchard House', 'Ivy Cottage', 'Hillside', 'The Laurels', 'Meadow View', 'Holly Lodge',
  'The Old Forge', 'Chestnut Cottage', 'Wayside', 'Fairview', 'The Coach House', 'Yew Tree Cottage', "Keeper's Cottage", 'Mill House',
  'The Old School House', 'Brook Cottage', 'Greenacres', 'Sunnyside', 'Tamarisk', 'Woodlands', 'The Barn', 'Well Cottage', 'Hope Cottage',
  'Little Orchard', 'Primrose Cottage', 'The Granary', 'Dairy Cottage', 'Apple Tree Cottage', 'Field View', 'The Old Post Office',
  'Church Cottage', 'The Vicarage', 'Corner Cottage', 'Thatched Cottage', 'Honeysuckle Cottage', 'Lavender Cottage', 'Nightingales',
  'Swallows', 'Badgers', 'Foxgloves', 'Heather View', 'Egdon View', 'Furze Cottage', 'Shepherds', 'Bramble Cottage', 'The Stables',
  'Downs View', 'Wessex House',
];

export const COASTAL_HOUSE_NAMES = ['Sea View', 'Harbour Lights', 'Driftwood', 'Seagulls', 'Chesil View'];

export const BLOCK_SUFFIXES = ['Court', 'House', 'Lodge', 'Mansions', 'Place'];

/** Inns named in the novels, for the pubs on the high streets. */
// prettier-ignore
export const PUB_NAMES = [
  "The King's Arms", 'The Three Mariners', "Peter's Finger", 'The Quiet Woman', 'The Pure Drop', "The Buck's Head", 'The Load of Hay',
  'The Phoenix', 'The Royal Oak', 'The White Hart',
];
