/**
 * The person index's public surface.
 * @example
 * import { loadWessexSources, matchPerson } from '@joinery/registers';
 * await loadWessexSources(database, '.joinery/scenario');
 * const match = await matchPerson(database, user, { surname: 'Henchard', dateOfBirth: '1956-03-12' }, { reason: 'Case 12' });
 */
export {
  PERSON_FIELDS,
  PERSON_FIELD_LABELS,
  type ColumnMapping,
  type PersonField,
  type StandardPerson,
  type LoadReport,
  type BuildReport,
  type PersonQuery,
} from './model.ts';
export { proposeMapping, mapRow, mappingProblems } from './mapping.ts';
export { listSystems, getSystem, registerSystem, changeSystem, proposeMappingForExtract, type Actor } from './systems.ts';
export { loadExtract } from './load.ts';
export { buildPersonIndex, linkageInput, type BuildOptions } from './build.ts';
export { matchPerson, registerPersonRecord, forgetMatchIndex, type PersonMatch, type PersonCandidate } from './match.ts';
export { assignPersonIds, newPersonId, type IdAssignment } from './stable-ids.ts';
export { personLinkageSettings, personTrainingSettings, DEFAULT_THRESHOLD, DEFAULT_REVIEW_LOWER_BOUND } from './settings.ts';
export { personIndexAccuracy, type SystemAccuracy } from './accuracy.ts';
export { loadWessexSources, type WessexSourcesReport } from './wessex.ts';
