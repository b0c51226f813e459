/**
 * Who lives in a home: a household type chosen by the head's age and the kind of dwelling,
 * shaped after the ONS Families and Households survey (about 30% one person, 30% couples
 * without children, a quarter with children) and Dorset's older-than-average age profile.
 */
import type { Day } from '../dates.ts';
import { pickOrigin, pickSurname, type NameOrigin } from '../names.ts';
import { WeightedTable, type Random } from '../random.ts';
import { giveContactDetails, makePerson, type Household, type Person } from './people.ts';
import { join, newHousehold, type World } from './world.ts';

const YEAR = 365.25;

type HouseholdType = 'single' | 'couple' | 'family' | 'lone-parent' | 'sharers';

// Age of the household reference person, in five-year bands from 18.
const HEAD_AGE_BANDS = new WeightedTable<number>(
  (
    [
      [18, 3],
      [25, 7],
      [30, 9],
      [35, 9],
      [40, 9],
      [45, 10],
      [50, 10],
      [55, 9],
      [60, 8],
      [65, 8],
      [70, 8],
      [75, 6],
      [80, 4],
      [85, 2.5],
      [90, 1],
    ] as const
  ).map(([age, w]) => [age, w] as const),
);
const SHELTERED_AGE_BANDS = new WeightedTable<number>([
  [65, 2],
  [70, 3],
  [75, 4],
  [80, 4],
  [85, 3],
  [90, 1.5],
]);

function typeTable(age: number, classification: string): WeightedTable<HouseholdType> {
  const isFlat = classification === 'RD06';
  const isSheltered = classification === 'RD08';
  let w: [HouseholdType, number][];
  if (isSheltered)
    w = [
      ['single', 70],
      ['couple', 30],
    ];
  else if (age < 30)
    w = [
      ['single', 40],
      ['couple', 25],
      ['family', 15],
      ['lone-parent', 8],
      ['sharers', 12],
    ];
  else if (age < 45)
    w = [
      ['single', 18],
      ['couple', 15],
      ['family', 50],
      ['lone-parent', 12],
      ['sharers', 5],
    ];
  else if (age < 60)
    w = [
      ['single', 22],
      ['couple', 35],
      ['family', 33],
      ['lone-parent', 8],
      ['sharers', 2],
    ];
  else if (age < 75)
    w = [
      ['single', 30],
      ['couple', 62],
      ['family', 8],
    ];
  else
    w = [
      ['single', 60],
      ['couple', 40],
    ];
  if (isFlat) w = w.map(([t, x]) => [t, t === 'family' ? x * 0.4 : t === 'single' || t === 'sharers' ? x * 1.6 : x]);
  return new WeightedTable(w);
}

const CHILD_COUNTS = new WeightedTable<number>([
  [1, 40],
  [2, 42],
  [3, 13],
  [4, 5],
]);

function bornDaysAgo(random: Random, day: Day, age: number): Day {
  return Math.floor(day - age * YEAR - random.int(0, 364));
}

function deprivationFor(random: Random, tenure: string): number {
  if (tenure === 'social') return 0.5 + 0.5 * random.next();
  if (tenure === 'private-rent') return 0.15 + 0.6 * random.next();
  return 0.4 * random.next() ** 2;
}

/** A household surname: now and then double-barrelled, as some families are from birth. */
function familySurname(random: Random, origin: NameOrigin): string {
  const surname = pickSurname(random, origin);
  if (origin === 'british' && random.chance(0.015)) {
    const other = pickSurname(random, origin);
    if (other !== surname) return `${other}-${surname}`;
  }
  return surname;
}

/** Marries `wife` to a man with `surname`: most take it, some double-barrel, some keep theirs. */
export function marry(random: Random, wife: Person, surname: string, day: Day): void {
  wife.isMarried = true;
  const r = random.next();
  if (r < 0.8) wife.surnames.push({ surname, from: day });
  else if (r < 0.86) wife.surnames.push({ surname: `${wife.surnames[0]!.surname}-${surname}`, from: day });
}

interface Adult {
  person: Person;
  role: 'head' | 'partner' | 'other';
}

/**
 * Fills an empty home with a new household on `day`. For the households already there at
 * the window's start (`isInitial`), the move-in date goes back up to 25 years.
 */
export function composeHousehold(world: World, property: number, day: Day, isInitial: boolean): Household {
  const { random, identity, places } = world;
  const classification = places.properties[property]!.classification;
  const tenure = places.tenure[property]!;
  const bands = classification === 'RD08' ? SHELTERED_AGE_BANDS : HEAD_AGE_BANDS;
  const headAge = bands.sample(random) + random.int(0, 4);
  const type = typeTable(headAge, classification).sample(random);
  const origin = pickOrigin(random);
  const yearsThere = isInitial ? Math.min(random.int(0, 25), Math.max(0, headAge - 19)) * random.next() : 0;
  const moveIn = Math.floor(day - yearsThere * YEAR);
  const household = newHousehold(world, property, deprivationFor(random, tenure));
  const arrivedOn = isInitial ? moveIn : day;
  const adults: Adult[] = [];

  const headSex: 'F' | 'M' =
    type === 'lone-parent'
      ? random.chance(0.9)
        ? 'F'
        : 'M'
      : type === 'single' && headAge >= 75
        ? random.chance(0.7)
          ? 'F'
          : 'M'
        : type === 'couple' || type === 'family'
          ? random.chance(0.8)
            ? 'M'
            : 'F'
          : random.chance(0.5)
            ? 'F'
            : 'M';
  const surname = familySurname(random, origin);
  const head = makePerson(identity, { sex: headSex, origin, surname, dob: bornDaysAgo(random, day, headAge), arrivedOn });
  adults.push({ person: head, role: 'head' });

  let mother: Person | undefined = headSex === 'F' ? head : undefined;
  let father: Person | undefined = headSex === 'M' ? head : undefined;

  if (type === 'couple' || type === 'family') {
    const isSameSex = random.chance(0.03);
    const partnerSex: 'F' | 'M' = isSameSex ? headSex : headSex === 'M' ? 'F' : 'M';
    const partnerAge = Math.max(18, Math.round(headAge + (partnerSex === 'F' ? -2 : 2) + random.normal(0, 4)));
    const partnerOrigin = random.chance(0.85) ? origin : pickOrigin(random);
    const partner = makePerson(identity, {
      sex: partnerSex,
      origin: partnerOrigin,
      surname: pickSurname(random, partnerOrigin),
      dob: bornDaysAgo(random, day, partnerAge),
      arrivedOn,
    });
    head.partner = partner;
    partner.partner = head;
    adults.push({ person: partner, role: 'partner' });
    if (!isSameSex) {
      const wife = partnerSex === 'F' ? partner : head;
      const husband = wife === head ? partner : head;
      mother = wife;
      father = husband;
      const youngest = Math.min(headAge, partnerAge);
      if (random.chance(youngest >= 25 ? 0.75 : 0.3)) {
        head.isMarried = partner.isMarried = true;
        const earliest = Math.max(wife.dob, husband.dob) + 19 * YEAR;
        const wedding = Math.floor(earliest + random.next() * Math.max(1, moveIn - earliest));
        marry(random, wife, husband.surnames[0]!.surname, Math.min(wedding, moveIn));
      }
    } else {
      mother = headSex === 'F' ? head : undefined;
    }
  } else if (type === 'sharers') {
    const count = random.int(1, 3);
    for (let i = 0; i < count; i++) {
      const o = pickOrigin(random);
      const sharer = makePerson(identity, {
        sex: random.chance(0.5) ? 'F' : 'M',
        origin: o,
        surname: pickSurname(random, o),
        dob: bornDaysAgo(random, day, random.int(19, 35)),
        arrivedOn,
      });
      adults.push({ person: sharer, role: 'other' });
    }
  }

  const children: Person[] = [];
  if (type === 'family' || type === 'lone-parent') {
    const parent = mother ?? head;
    const parentAge = (day - parent.dob) / YEAR;
    // Older parents' "children" are often grown up and still at home.
    const count = headAge >= 60 ? 1 : CHILD_COUNTS.sample(random);
    const maxAge = headAge >= 60 ? 40 : headAge >= 45 ? 25 : 17;
    const low = Math.max(0, Math.floor(parentAge - 42));
    const high = Math.min(maxAge, Math.floor(parentAge - 18));
    const childSurname =
      type === 'lone-parent' && random.chance(0.4)
        ? pickSurname(random, origin)
        : father
          ? father.surnames[0]!.surname
          : parent.surnames[parent.surnames.length - 1]!.surname;
    for (let i = 0; i < count && low <= high; i++) {
      const childOrigin = father && mother && random.chance(0.5) ? mother.origin : origin;
      children.push(
        makePerson(identity, {
          sex: random.chance(0.512) ? 'M' : 'F',
          origin: childOrigin,
          surname: childSurname,
          dob: bornDaysAgo(random, day, random.int(low, high)),
          arrivedOn,
        }),
      );
    }
  }

  for (const { person, role } of adults) {
    join(person, household, Math.max(moveIn, person.dob), role);
    giveContactDetails(identity, person);
  }
  for (const child of children) {
    join(child, household, Math.max(moveIn, child.dob), 'child');
    child.arrivedOn = Math.max(arrivedOn, child.dob);
    if ((day - child.dob) / YEAR >= 16) giveContactDetails(identity, child);
  }
  for (const m of household.members) m.lastEvent = Math.max(day, m.lastEvent);
  return household;
}
