/**
 * The registers' Fastify plugin: the address register and the person index, each an
 * encapsulated set of routes. The server registers this once.
 */
import type { Database, JoineryConfig } from '@joinery/core';
import type { FastifyInstance } from 'fastify';
import { addressRoutes } from './http/address-routes.ts';
import { personRoutes } from './persons/http.ts';

export interface RegistersRouteOptions {
  database: Database;
  config: JoineryConfig;
}

export async function registersRoutes(app: FastifyInstance, options: RegistersRouteOptions) {
  await app.register(addressRoutes, { database: options.database });
  await app.register(personRoutes, { database: options.database });
}
