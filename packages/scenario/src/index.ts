/**
 * @joinery/scenario — the synthetic Wessex reorganisation: five councils merging into one,
 * their partners, a county of addresses and people, each council's and partner's source
 * systems with realistic errors, the estate of applications and contracts, hospital
 * admissions and housing cases, and the ground truth to measure linkage against.
 *
 * @example
 * import { generateWessex, writeScenarioFiles } from '@joinery/scenario';
 * const wessex = generateWessex({ seed: 1, scale: 0.05 });
 * await writeScenarioFiles(wessex, '/tmp/wessex');
 */
export { generateWessex } from './generate.ts';
export { writeScenarioFiles } from './files.ts';
export { toOrganisations } from './core-organisations.ts';
export {
  DEMO_USERS,
  DISTRICT_CODES,
  GP_PRACTICES,
  PREDECESSOR_CODES,
  WESSEX_ORGANISATIONS,
  WESSEX_PARTNERSHIPS,
  WESSEX_REORGANISATION,
  type DistrictCode,
} from './organisations.ts';
export { ERROR_PROFILES, type ErrorProfile, type SystemKind } from './errors-model.ts';
export { SYSTEM_KINDS, listSourceSystems, type SystemKindInfo } from './source-systems/catalogue.ts';
export { LIFE_EVENT_RATES } from './population/index.ts';
export { NICKNAMES, type NameOrigin } from './names.ts';
export { SCENARIO_DATE, WINDOW_START } from './dates.ts';
export type * from './model.ts';
