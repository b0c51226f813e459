/**
 * The hidden population's working shape: mutable people and households the life-event
 * simulation changes, then freezes into `TruePerson` ground truth.
 */
import { makeEmail, type NhsNumberAllocator, type PhonePool } from '../contact-details.ts';
import { isoDate, type Day } from '../dates.ts';
import type { HouseholdRole, TruePerson } from '../model.ts';
import { eraOf, pickGivenName, surnameForSex, type NameOrigin } from '../names.ts';
import type { DistrictCode } from '../organisations.ts';
import { type Random } from '../random.ts';

export interface Spell {
  property: number;
  district: DistrictCode;
  from: Day;
  to?: Day;
  role: HouseholdRole;
  /** True while the person had no home of their own (sofa-surfing, rough sleeping). */
  isHomeless?: boolean;
  /** The household's deprivation while this spell lasted. */
  deprivation: number;
}

export interface Household {
  id: number;
  property: number;
  district: DistrictCode;
  members: Person[];
  /** 0 (comfortable) to 1 (struggling): raises benefits claims and housing need. */
  deprivation: number;
}

export interface Person {
  index: number;
  id: string;
  sex: 'F' | 'M';
  origin: NameOrigin;
  givenName: string;
  middleNames: string[];
  /** Surnames held, oldest first; the first is from birth. */
  surnames: { surname: string; from: Day }[];
  dob: Day;
  dod?: Day;
  nhsNumber: string;
  phone?: string;
  email?: string;
  spells: Spell[];
  arrivedOn: Day;
  leftOn?: Day;
  household: Household | null;
  partner: Person | null;
  isMarried: boolean;
  /** 0–1: health and care need, so the same people recur in hospital and social care. */
  need: number;
  /** The last day anything happened to them: later events never go back before it. */
  lastEvent: Day;
  /** Whether phone and email have been decided (they are, once, on reaching 16). */
  hasContactDetails: boolean;
}

/** Shared allocators for identifiers that must be unique across the county. */
export interface Identity {
  random: Random;
  nhs: NhsNumberAllocator;
  phones: PhonePool;
  people: Person[];
}

export function surnameOn(person: Person, day: Day): string {
  let current = person.surnames[0]!.surname;
  for (const s of person.surnames) if (s.from <= day) current = s.surname;
  return current;
}

export function currentSurname(person: Person): string {
  return person.surnames[person.surnames.length - 1]!.surname;
}

export function spellOn(person: Person, day: Day): Spell | undefined {
  for (let i = person.spells.length - 1; i >= 0; i--) {
    const s = person.spells[i]!;
    if (s.from <= day && (s.to === undefined || s.to > day)) return s;
  }
  return undefined;
}

export function isPresentOn(person: Person, day: Day): boolean {
  return (person.dod === undefined || person.dod > day) && spellOn(person, day) !== undefined;
}

export interface NewPerson {
  sex: 'F' | 'M';
  origin: NameOrigin;
  surname: string;
  dob: Day;
  arrivedOn: Day;
}

/** Makes a person with names fitting their origin and birth cohort. */
export function makePerson(identity: Identity, spec: NewPerson): Person {
  const { random } = identity;
  const birthYear = new Date(spec.dob * 86_400_000).getUTCFullYear();
  const era = eraOf(birthYear);
  const givenName = pickGivenName(random, spec.origin, spec.sex, era);
  const middleNames: string[] = [];
  const middleCount = random.chance(0.45) ? (random.chance(0.12) ? 2 : 1) : 0;
  for (let i = 0; i < middleCount; i++) {
    const middle = pickGivenName(random, spec.origin, spec.sex, era);
    if (middle !== givenName && !middleNames.includes(middle)) middleNames.push(middle);
  }
  const surname = surnameForSex(spec.surname, spec.sex);
  const person: Person = {
    index: identity.people.length,
    id: `P${String(identity.people.length + 1).padStart(7, '0')}`,
    sex: spec.sex,
    origin: spec.origin,
    givenName,
    middleNames,
    surnames: [{ surname, from: spec.dob }],
    dob: spec.dob,
    nhsNumber: identity.nhs.next(),
    spells: [],
    arrivedOn: spec.arrivedOn,
    household: null,
    partner: null,
    isMarried: false,
    need: Math.pow(random.next(), 3),
    lastEvent: spec.arrivedOn,
    hasContactDetails: false,
  };
  identity.people.push(person);
  return person;
}

/** Phones and emails are given when someone is an adult: children's contacts are parents'. */
export function giveContactDetails(identity: Identity, person: Person): void {
  const { random } = identity;
  if (person.hasContactDetails) return;
  person.hasContactDetails = true;
  const birthYear = new Date(person.dob * 86_400_000).getUTCFullYear();
  // Older people are less likely to give an email; most give a phone, but the pool is small.
  const emailChance = birthYear < 1950 ? 0.2 : birthYear < 1970 ? 0.45 : 0.65;
  if (random.chance(0.22)) person.phone = identity.phones.take();
  if (random.chance(emailChance)) person.email = makeEmail(random, person.givenName, currentSurname(person), birthYear);
}

/** Freezes the working person into ground truth. */
export function toTruePerson(person: Person, uprnOf: (property: number) => string): TruePerson {
  return {
    personId: person.id,
    sex: person.sex,
    givenName: person.givenName,
    middleNames: person.middleNames,
    surname: currentSurname(person),
    birthSurname: person.surnames[0]!.surname,
    surnameHistory: person.surnames.map((s) => ({ surname: s.surname, from: isoDate(s.from) })),
    dateOfBirth: isoDate(person.dob),
    ...(person.dod !== undefined ? { dateOfDeath: isoDate(person.dod) } : {}),
    nhsNumber: person.nhsNumber,
    ...(person.phone ? { phone: person.phone } : {}),
    ...(person.email ? { email: person.email } : {}),
    origin: person.origin,
    addresses: person.spells.map((s) => ({
      uprn: s.isHomeless ? '' : uprnOf(s.property),
      district: s.district,
      from: isoDate(s.from),
      ...(s.to !== undefined ? { to: isoDate(s.to) } : {}),
      role: s.role,
    })),
    arrivedOn: isoDate(person.arrivedOn),
    ...(person.leftOn !== undefined ? { leftOn: isoDate(person.leftOn) } : {}),
  };
}
