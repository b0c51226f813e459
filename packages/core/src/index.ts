/**
 * @joinery/core — the shared kernel every room uses.
 * @example
 * import { loadConfig, openDatabase, migrate, CORE_MIGRATIONS } from '@joinery/core';
 * const database = await openDatabase(loadConfig());
 * await migrate(database, [CORE_MIGRATIONS]);
 */
import { fileURLToPath } from 'node:url';

export * from './identifiers/index.ts';
export * from './errors.ts';
export { renderChartSvg, type ChartText } from './charts/render-chart.ts';
export { decodeText, readCsv, type CsvTable } from './files/read-csv.ts';
export * from './config.ts';
export * from './db/database.ts';
export * from './db/migrations.ts';
export type * from './db/tables.ts';
export { CORE_MIGRATIONS } from './migrations-source.ts';
export * from './organisations/model.ts';
export * from './organisations/service.ts';
export * from './users/roles.ts';
export * from './users/service.ts';
export { createApiToken, findUserByApiToken } from './users/api-tokens.ts';
export { hashPassword, verifyPassword, generatePassword, passwordProblems } from './users/password.ts';
export * from './audit/audit.ts';
export * from './portability/export.ts';
export * from './portability/import.ts';
export { readCatalogue, type TableEntry, type ColumnEntry } from './portability/catalogue.ts';
export { authentication, requireRole, requireSignIn, sessionCookieName, startSession } from './http/auth-plugin.ts';
export { authRoutes } from './http/auth-routes.ts';
export { organisationRoutes } from './http/organisation-routes.ts';
export { safeReturnTo } from './http/safe-return.ts';
/** Core's Nunjucks templates (pages extend the server's layout.njk). */
export const CORE_VIEWS = fileURLToPath(new URL('./views', import.meta.url));
