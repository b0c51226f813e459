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
export type { EstateTables } from './tables.ts';

/** The estate's page templates folder, for the server's view engine. */
export const ESTATE_VIEWS = fileURLToPath(new URL('./views', import.meta.url));
