/**
 * The registers' Fastify plugin: the address register and the person index, each an
 * encapsulated set of routes. The server registers this once.
 */
import type { Database, JoineryConfig } from '@joinery/core';
import type { FastifyInstance } from 'fastify';
import { addressMatchingRoutes } from './http/address-matching-routes.ts';
import { addressRoutes } from './http/address-routes.ts';
import { gazetteerRoutes } from './http/gazetteer-routes.ts';
import { personRoutes } from './persons/http.ts';

export interface RegistersRouteOptions {
  database: Database;
  config: JoineryConfig;
}

export async function registersRoutes(app: FastifyInstance, options: RegistersRouteOptions) {
  await app.register(addressRoutes, { database: options.database });
  await app.register(gazetteerRoutes, options);
  await app.register(addressMatchingRoutes, options);
  await app.register(personRoutes, { database: options.database });
}
