/**
 * @joinery/estate — the LGR estate: each predecessor council's contracts, imported from its
 * Local Government Transparency Code contract register, held OCDS-shaped with the exit terms a
 * merger needs (the LGR extension), exported as an OCDS 1.1.5 release package.
 *
 * @example
 * import { importContracts, exportContractsOcds } from '@joinery/estate';
 * const report = await importContracts(database, null, { organisationCode: 'casterbridge', fileName: 'contracts.csv', bytes, keepValid: true });
 * report.rows === report.imported + report.refused; // true
 */
import { fileURLToPath } from 'node:url';

export { ESTATE_ERRORS, estateError, type EstateErrorCode } from './errors.ts';
export { ESTATE_MIGRATIONS } from './migrations.ts';
export { estateRoutes, type EstateRouteOptions } from './http.ts';
export * from './model.ts';
export { importContracts, listContracts, listContractImports, exportContractsOcds, type ContractImportInput } from './service.ts';
export { proposeMapping, normaliseHeader, HEADER_PATTERNS } from './contracts/columns.ts';
export { ocdsReleasePackage, DEFAULT_OCID_PREFIX } from './contracts/ocds.ts';
export { readCompanyNumber, readCharityNumber, readDate, readMoney, readFlag } from './contracts/values.ts';
export {
  saveReorganisation,
  findReorganisation,
  reorganisationOf,
  listReorganisations,
  type Reorganisation,
} from './reorganisations/service.ts';
export { estateOverview, type EstateOverview } from './overview/service.ts';
export { ESTATE_SECTIONS, type EstateSection } from './overview/sections.ts';
export { importApplications, listApplications, listApplicationImports } from './applications/service.ts';
export { importIntegrations, listIntegrations, listIntegrationImports } from './integrations/service.ts';
export { Application, APPLICATION_FIELDS, type ApplicationField } from './applications/model.ts';
export { Integration, INTEGRATION_FIELDS, type IntegrationField } from './integrations/model.ts';
export { InventoryImportReport, InventoryImport, type InventoryKind } from './inventory/model.ts';
export type { InventoryImportInput } from './inventory/service.ts';
export { readSpreadsheet, isZip } from './inventory/read-file.ts';
export { listContractsMissingTerms, type MissingTerms } from './service.ts';
export { derivedReference } from './contracts/read-register.ts';
export * from './reference/model.ts';
export {
  importReferenceList,
  listReferenceImports,
  searchRegister,
  registerEntry,
  proposePredecessors,
  startReorganisationFromRegister,
  organisationCodeFor,
} from './reference/service.ts';
export { readReferenceList } from './reference/read-lists.ts';
export * from './classification/model.ts';
export { classify, words, dice, SYNONYMS, type FunctionEntry, type RuleResult, type Synonym } from './classification/rules.ts';
export {
  classifiedApplications,
  runClassification,
  overrideClassification,
  clearClassification,
  unlistedSoftware,
  loadFunctions,
} from './classification/service.ts';
export {
  buildContractMap,
  contractMapCsv,
  listCommonSuppliers,
  listContractDecisions,
  recordContractDecision,
} from './contract-map/service.ts';
export { assessContract, noticeDeadlineOf, isSoftwareCpv } from './contract-map/rules.ts';
export { commonSuppliers } from './contract-map/suppliers.ts';
export { timelineChart } from './contract-map/chart.ts';
export * from './contract-map/model.ts';
export * from './convergence/index.ts';
export * from './suppliers/model.ts';
export {
  listSuppliers,
  getSupplier,
  listSupplierWarnings,
  recordHealthAssessment,
  saveResolutionPlan,
  saveExitPlan,
  supplierAdministrators,
  contractAdministrators,
  assessmentProblems,
  recordAssessmentsOnce,
  type SupplierQuery,
} from './suppliers/service.ts';
export { supplierKeyOf, groupSuppliers, normaliseSupplierName, type SupplierMention } from './suppliers/identity.ts';
export { supplierHealth, overallHealth } from './suppliers/health.ts';
export { supplierWarnings } from './suppliers/warnings.ts';
export { CRITICAL_SERVICES, criticalServiceOf } from './suppliers/critical-services.ts';
export * from './governance/model.ts';
export { matrixProblems, matrixGaps, diffMatrices } from './governance/matrix.ts';
export {
  saveDecisionRights,
  getDecisionRights,
  getDecisionRightsVersion,
  listDecisionRightsVersions,
  diffDecisionRights,
  publishDecisionRights,
  publishedDecisionRights,
} from './governance/service.ts';
export { mayChangeReorganisation, mayReadReorganisation } from './governance/access.ts';
export * from './readiness/model.ts';
export { overallRating, worstRating, ratingAcross, OVERALL_RULE } from './readiness/rating-rule.ts';
export { recordReadiness, readinessHistory, readinessSummary } from './readiness/service.ts';
export * from './benefits/model.ts';
export { benefitTotals, gainsOf } from './benefits/realisation.ts';
export {
  saveBenefit,
  recordMeasurement,
  updateGate,
  listBenefits,
  getBenefit,
  recordScorecardValue,
  listScorecard,
} from './benefits/service.ts';
export type { EstateTables } from './tables.ts';

/** The estate's page templates folder, for the server's view engine. */
export const ESTATE_VIEWS = fileURLToPath(new URL('./views', import.meta.url));
