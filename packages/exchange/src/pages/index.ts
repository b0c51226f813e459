/**
 * The exchange's pages, under /exchange: the federation authority's admin UI (federations,
 * members, gateways, certificates, trusted federations, successions, configuration) and
 * evidence verification. Built on the same authority functions as the JSON API, which decide
 * who may do what and audit refusals; a refused form comes back with a GOV.UK error summary.
 * Every page needs sign-in. One encapsulated plugin, registered after exchangeAuthorityRoutes.
 * @example await app.register(exchangePages, { database, config });
 */
import { requireSignIn, type Database, type JoineryConfig } from '@joinery/core';
import type { FastifyInstance } from 'fastify';
import { openAuthority, type AuthorityContext } from '../authority/context.ts';
import { certificatePages } from './certificates.ts';
import { certificationAuthorityPages } from './certification-authorities.ts';
import { configurationPages } from './configuration.ts';
import { evidencePages } from './evidence.ts';
import { federationPages } from './federation.ts';
import { gatewayPages } from './gateways.ts';
import { grantPages } from './grants.ts';
import { memberPages } from './members.ts';
import { operationsPages } from './operations.ts';
import { overviewPages } from './overview.ts';
import type { PageGroup } from './page-kit.ts';
import { servicePages } from './services.ts';
import { successionPages } from './successions.ts';
import { trustPages } from './trust.ts';

/** The page groups, one file each; each federation page links to the others' routes (federation-frame.ts). */
export const PAGE_GROUPS: PageGroup[] = [
  overviewPages,
  federationPages,
  memberPages,
  gatewayPages,
  servicePages,
  grantPages,
  operationsPages,
  certificatePages,
  certificationAuthorityPages,
  trustPages,
  successionPages,
  configurationPages,
  evidencePages,
];

export interface ExchangePageOptions {
  database: Database;
  config: Pick<JoineryConfig, 'dataDir' | 'publicUrl'> & { exchangeKey?: string };
  /** Built from the database and config when not given (tests pass one with their own clock). */
  authority?: AuthorityContext;
}

export async function exchangePages(app: FastifyInstance, { database, config, authority }: ExchangePageOptions) {
  const context = authority ?? openAuthority(database, { dataDir: config.dataDir, exchangeKey: config.exchangeKey });
  app.addHook('preHandler', async (request) => requireSignIn(request));
  for (const group of PAGE_GROUPS) await group(app, { authority: context, database, config });
}
