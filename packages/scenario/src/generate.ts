/**
 * The generator's running order. Each stage draws from its own named random stream, so
 * the same seed and scale give the same county, and changing one stage (say, the estate)
 * does not reshuffle the people.
 */
import { SCENARIO_DATE } from './dates.ts';
import { generateEstate } from './estate/index.ts';
import { generateHealthAndHousing } from './health-housing.ts';
import type { ScenarioOptions, WessexScenario } from './model.ts';
import { DEMO_USERS, WESSEX_ORGANISATIONS, WESSEX_PARTNERSHIPS } from './organisations.ts';
import { generatePlaces } from './places.ts';
import { generatePopulation, toTruePerson } from './population/index.ts';
import { Random } from './random.ts';
import { listSourceSystems } from './source-systems/catalogue.ts';
import { generateExtracts } from './source-systems/extracts.ts';
import { buildOccupancy, type SourceContext } from './source-systems/holdings.ts';

function checkOptions(options: ScenarioOptions): { seed: number | string; scale: number } {
  const seed = options.seed ?? 1;
  const scale = options.scale ?? 1;
  if (typeof seed === 'number' && !Number.isFinite(seed)) throw new RangeError(`seed must be finite, not ${seed}`);
  if (typeof scale !== 'number' || !Number.isFinite(scale) || scale <= 0) {
    throw new RangeError(`scale must be a number greater than 0, not ${String(scale)}`);
  }
  // The NHS test-number range (999…) holds about 900,000 numbers: enough for scale 8.
  if (scale > 8) throw new RangeError(`scale must be at most 8, not ${scale}`);
  return { seed, scale };
}

/**
 * Generates the Wessex reorganisation: deterministic for a seed and scale.
 * @example
 * const wessex = generateWessex({ seed: 7, scale: 0.05 });
 * wessex.sourceExtracts['budmouth/council-tax'].length; // ≈ 1,000
 */
export function generateWessex(options: ScenarioOptions = {}): WessexScenario {
  const { seed, scale } = checkOptions(options);
  const root = new Random(`wessex/${String(seed)}`);
  const places = generatePlaces(root.fork('places'), scale);
  const population = generatePopulation(root.fork('population'), places);
  const sourceSystems = listSourceSystems();
  const context: SourceContext = {
    places,
    people: population.people,
    episodes: population.episodes,
    occupancy: buildOccupancy(population.people),
  };
  const extracts = generateExtracts(root.fork('sources'), context, sourceSystems);
  const estate = generateEstate(root.fork('estate'));
  const events = generateHealthAndHousing(root.fork('health-housing'), context, extracts);
  const uprnOf = (property: number) => places.properties[property]?.uprn ?? '';

  return {
    seed,
    scale,
    generatedAt: SCENARIO_DATE,
    organisations: WESSEX_ORGANISATIONS,
    partnerships: WESSEX_PARTNERSHIPS,
    demoUsers: DEMO_USERS.map((u) => ({ ...u, roles: [...u.roles] })),
    streets: places.streets,
    properties: places.properties,
    sourceSystems,
    sourceExtracts: extracts.sourceExtracts,
    truth: {
      persons: population.people.map((p) => toTruePerson(p, uprnOf)),
      links: extracts.links,
    },
    applications: estate.applications,
    suppliers: estate.suppliers,
    contracts: estate.contracts,
    integrations: estate.integrations,
    admissions: events.admissions,
    housingCases: events.housingCases,
  };
}
