/** Liveness (/healthz: the process answers) and readiness (/readyz: the database answers). */
import { isDatabaseReady, type Database } from '@joinery/core';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';

const Health = Type.Object({ status: Type.String(), database: Type.Optional(Type.String()) });

export async function health(app: FastifyInstance, { database }: { database: Database }) {
  app.get(
    '/healthz',
    { schema: { tags: ['Operations'], summary: 'Liveness: the server process is answering', response: { 200: Health } } },
    async () => ({ status: 'ok' }),
  );
  app.get(
    '/readyz',
    { schema: { tags: ['Operations'], summary: 'Readiness: the database is reachable', response: { 200: Health, 503: Health } } },
    async (_request, reply) => {
      const ready = await isDatabaseReady(database);
      return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'unavailable', database: database.kind });
    },
  );
}
