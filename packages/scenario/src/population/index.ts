/**
 * The hidden population: households placed in the county's homes at the window's start,
 * then ten years of life events. What comes out is the truth every source system copies.
 */
import { NhsNumberAllocator, PhonePool } from '../contact-details.ts';
import type { Places } from '../places.ts';
import { type Random } from '../random.ts';
import { populateCounty, simulateLifeEvents } from './life-events.ts';
import type { Person } from './people.ts';
import { createWorld, type HomelessEpisode } from './world.ts';

export interface Population {
  /** Everyone who lived in the county at any time in the window, in order of creation. */
  people: Person[];
  /** People who lost their home during the window. */
  episodes: HomelessEpisode[];
}

/**
 * Simulates the population of `places`.
 * @example generatePopulation(new Random(1).fork('population'), places).people.length // ≈ 2.5 × homes
 */
export function generatePopulation(random: Random, places: Places): Population {
  const identity = {
    random: random.fork('identity'),
    nhs: new NhsNumberAllocator(random.fork('nhs-numbers')),
    phones: new PhonePool(random.fork('phones')),
    people: [],
  };
  const world = createWorld(random.fork('life'), identity, places);
  populateCounty(world);
  simulateLifeEvents(world);
  return { people: identity.people, episodes: world.episodes };
}

export type { Household, Person, Spell } from './people.ts';
export { currentSurname, isPresentOn, spellOn, surnameOn, toTruePerson } from './people.ts';
export type { HomelessEpisode } from './world.ts';
export { LIFE_EVENT_RATES } from './life-events.ts';
