/**
 * The federation authority's JSON API, under /api/exchange/…: public endpoints for gateways
 * (configuration, anchor, service descriptions, enrolment, timestamps, reports) and signed-in
 * ones for people running the federation. One encapsulated Fastify plugin; the server
 * registers it after core's authentication plugin.
 * @example await app.register(exchangeAuthorityRoutes, { database, config });
 */
import { requireSignIn, type Database, type JoineryConfig } from '@joinery/core';
import type { FastifyInstance } from 'fastify';
import { openAuthority, type AuthorityContext } from './context.ts';
import { certificationAuthorityRoutes } from './http-certification-authorities.ts';
import { evidenceRoutes } from './http-evidence.ts';
import { federationRoutes } from './http-federation.ts';
import { publicAuthorityRoutes } from './http-public.ts';
import { serviceRoutes } from './http-services.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** No sign-in needed. */
    isPublic?: boolean;
  }
}

export interface ExchangeAuthorityRouteOptions {
  database: Database;
  config: Pick<JoineryConfig, 'dataDir'> & { exchangeKey?: string };
  /** Built from the database and config when not given (tests pass one with their own clock). */
  authority?: AuthorityContext;
}

export async function exchangeAuthorityRoutes(app: FastifyInstance, { database, config, authority }: ExchangeAuthorityRouteOptions) {
  const context = authority ?? openAuthority(database, { dataDir: config.dataDir, exchangeKey: config.exchangeKey });
  // Sign-in for every route except those marked config.isPublic (what gateways call).
  app.addHook('preHandler', async (request) => (request.routeOptions.config.isPublic ? undefined : requireSignIn(request)));
  await publicAuthorityRoutes(app, { authority: context });
  await federationRoutes(app, { authority: context });
  await certificationAuthorityRoutes(app, { authority: context });
  await serviceRoutes(app, { authority: context });
  await evidenceRoutes(app, { database });
}
