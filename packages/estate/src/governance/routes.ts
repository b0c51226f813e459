/**
 * Governance, readiness and benefits as one Fastify plugin, registered by estateRoutes. The
 * published decision-rights matrix (its page, its JSON and its stylesheet) is public: those routes
 * say config.isPublic, which estateRoutes' sign-in hook (and the one here) respect; every other
 * route needs sign-in.
 */
import { requireSignIn, type Database } from '@joinery/core';
import type { FastifyInstance } from 'fastify';
import { benefitsRoutes } from '../benefits/http.ts';
import { readinessRoutes } from '../readiness/http.ts';
import { decisionRightsRoutes } from './http.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route needs no sign-in (the published decision-rights matrix). */
    isPublic?: boolean;
  }
}

export async function governanceRoutes(app: FastifyInstance, { database }: { database: Database }) {
  app.addHook('preHandler', async (request) => {
    if (request.routeOptions.config.isPublic) return;
    await requireSignIn(request);
  });
  await app.register(decisionRightsRoutes, { database });
  await app.register(readinessRoutes, { database });
  await app.register(benefitsRoutes, { database });
}
