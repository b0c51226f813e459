/**
 * The simulated county: who lives where, which homes stand empty, and the moves between
 * them. Every change of address goes through here, so address histories stay consistent
 * (one open spell per person, no overlaps, nothing before birth or after death).
 */
import type { Day } from '../dates.ts';
import type { HouseholdRole } from '../model.ts';
import { DISTRICT_CODES, type DistrictCode } from '../organisations.ts';
import type { Places } from '../places.ts';
import { type Random } from '../random.ts';
import type { Household, Identity, Person } from './people.ts';

/** Someone who lost their home during the window, for housing cases and hospital discharges. */
export interface HomelessEpisode {
  person: Person;
  district: DistrictCode;
  from: Day;
  /** When they were housed again; undefined if still without a home at the scenario date. */
  to?: Day;
  reason:
    | 'loss of private tenancy'
    | 'relationship breakdown'
    | 'family or friends no longer able to accommodate'
    | 'domestic abuse'
    | 'eviction from social housing';
}

export interface World {
  random: Random;
  identity: Identity;
  places: Places;
  households: Set<Household>;
  vacant: Record<DistrictCode, number[]>;
  nextHouseholdId: number;
  episodes: HomelessEpisode[];
}

export function createWorld(random: Random, identity: Identity, places: Places): World {
  const vacant = {} as Record<DistrictCode, number[]>;
  for (const d of DISTRICT_CODES) vacant[d] = [];
  return { random, identity, places, households: new Set(), vacant, nextHouseholdId: 1, episodes: [] };
}

/** A household in a home, or (with `property` -1) people without one in `district`. */
export function newHousehold(world: World, property: number, deprivation: number, district?: DistrictCode): Household {
  const household: Household = {
    id: world.nextHouseholdId++,
    property,
    district: district ?? (world.places.properties[property]!.district as DistrictCode),
    members: [],
    deprivation,
  };
  world.households.add(household);
  return household;
}

/** Takes an empty home, preferring social housing when asked; undefined if none is free. */
export function takeVacant(world: World, district: DistrictCode, preferSocial = false): number | undefined {
  const pool = world.vacant[district];
  if (pool.length === 0) return undefined;
  let at = Math.floor(world.random.next() * pool.length);
  if (preferSocial) {
    for (let tries = 0; tries < 12; tries++) {
      const i = Math.floor(world.random.next() * pool.length);
      if (world.places.tenure[pool[i]!] === 'social') {
        at = i;
        break;
      }
    }
  }
  const property = pool[at]!;
  pool[at] = pool[pool.length - 1]!;
  pool.pop();
  return property;
}

export function vacate(world: World, household: Household): void {
  world.households.delete(household);
  if (household.property >= 0) world.vacant[household.district].push(household.property);
}

export function endSpell(person: Person, day: Day): void {
  const open = person.spells[person.spells.length - 1];
  if (open && open.to === undefined) open.to = day;
}

/** Puts a person into a household from `day`, closing whatever spell they had. */
export function join(person: Person, household: Household, day: Day, role: HouseholdRole): void {
  endSpell(person, day);
  person.spells.push({
    property: household.property,
    district: household.district,
    from: day,
    role,
    deprivation: household.deprivation,
    ...(household.property < 0 ? { isHomeless: true } : {}),
  });
  household.members.push(person);
  person.household = household;
  person.lastEvent = Math.max(person.lastEvent, day);
}

/** Takes a person out of their household; the home is vacated when no one is left. */
export function leave(world: World, person: Person, day: Day): void {
  const household = person.household;
  endSpell(person, day);
  person.lastEvent = Math.max(person.lastEvent, day);
  if (!household) return;
  household.members = household.members.filter((m) => m !== person);
  person.household = null;
  if (household.members.length === 0) vacate(world, household);
}

/** The day an event affecting these people happens: never before their last event. */
export function eventDay(world: World, people: readonly Person[], from: Day, length: number): Day {
  let day = from + Math.floor(world.random.next() * length);
  for (const p of people) day = Math.max(day, p.lastEvent + 1);
  return day;
}

/** Moves a whole household to another home (or out of the county when `to` is undefined). */
export function moveHousehold(world: World, household: Household, to: number | undefined, day: Day): void {
  const members = [...household.members];
  const roles = new Map(members.map((m) => [m, m.spells[m.spells.length - 1]?.role ?? 'other'] as const));
  vacate(world, household);
  if (to === undefined) {
    for (const m of members) {
      endSpell(m, day);
      m.household = null;
      m.leftOn = day;
      m.lastEvent = day;
    }
    return;
  }
  const next = newHousehold(world, to, household.deprivation);
  for (const m of members) {
    m.household = null;
    join(m, next, day, roles.get(m)!);
  }
}
