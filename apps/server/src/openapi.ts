/**
 * OpenAPI 3.1, generated from the same TypeBox schemas that validate every request,
 * at /api/openapi.json, and a readable page of it at /api/docs (server-rendered, so
 * it meets the same accessibility standard as every other page).
 */
import fastifySwagger from '@fastify/swagger';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

interface Operation {
  summary?: string;
  description?: string;
  tags?: string[];
  parameters?: { name: string; in: string; required?: boolean; description?: string; schema?: { type?: string } }[];
  requestBody?: unknown;
  responses?: Record<string, { description?: string }>;
}

async function openApiPlugin(app: FastifyInstance, { version }: { version: string }) {
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Joinery API',
        version,
        description:
          'Every Joinery page is backed by this API. Sign in through the browser (session cookie, with an x-csrf-token header on changes).',
        license: { name: 'MIT', identifier: 'MIT' },
      },
      components: {
        securitySchemes: {
          apiToken: { type: 'http', scheme: 'bearer', description: 'A personal API token from `joinery users token`' },
          session: { type: 'apiKey', in: 'cookie', name: 'joinery' },
        },
      },
      security: [{ apiToken: [] }, { session: [] }],
      tags: [
        { name: 'Organisations', description: 'Member organisations and partnerships' },
        { name: 'Users', description: 'Users and their roles per organisation' },
        { name: 'Audit', description: 'The audit trail' },
        { name: 'Operations', description: 'Health and readiness' },
      ],
    },
    hideUntagged: true,
  });
}

export const openApi = fp(openApiPlugin, { name: 'joinery-openapi' });

export async function openApiRoutes(app: FastifyInstance) {
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  app.get('/api/docs', { schema: { hide: true } }, async (_request, reply) => {
    const spec = app.swagger() as {
      info: { title: string; version: string; description?: string };
      tags?: { name: string; description?: string }[];
      paths: Record<string, Record<string, Operation>>;
    };
    const operations = Object.entries(spec.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({
        method: method.toUpperCase(),
        path,
        summary: op.summary ?? '',
        tag: op.tags?.[0] ?? 'Other',
        parameters: (op.parameters ?? []).map((p) => ({
          name: p.name,
          in: p.in,
          required: Boolean(p.required),
          description: p.description ?? '',
        })),
        hasBody: Boolean(op.requestBody),
        responses: Object.entries(op.responses ?? {}).map(([status, r]) => ({ status, description: r.description ?? '' })),
      })),
    );
    const groups = (spec.tags ?? [])
      .map((tag) => ({ ...tag, operations: operations.filter((o) => o.tag === tag.name) }))
      .filter((g) => g.operations.length > 0);
    return reply.view('api-docs.njk', { title: 'API', info: spec.info, groups });
  });
}
