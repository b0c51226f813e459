/**
 * Classifications' API and page: what each application is for on the LGA Function list, the
 * applications not classified, and the software contracts nobody listed. Reading is for members
 * of a partner organisation; running the rules, overriding and clearing a classification is for
 * an administrator of the organisation whose application it is. Refusals are audited.
 */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { coreError, hasRole, recordAudit, type Database } from '@joinery/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { estateError } from '../errors.ts';
import { ClassificationOverride, ClassifiedApplication, UnlistedSoftware } from './model.ts';
import {
  classifiedApplications,
  clearClassification,
  loadFunctions,
  overrideClassification,
  runClassification,
  unlistedSoftware,
} from './service.ts';

const tags = ['Estate: classification'];
const Organisations = Type.String({
  minLength: 1,
  maxLength: 1000,
  description: 'Organisation codes, comma-separated, e.g. casterbridge,budmouth',
});

async function refuse(
  database: Database,
  request: FastifyRequest,
  organisationCode: string,
  needs: 'admin' | 'membership',
): Promise<never> {
  await recordAudit(database.db, {
    actor: request.user,
    organisationCode: request.actingFor,
    action: 'access.refused',
    subjectType: 'organisation',
    subjectId: organisationCode.slice(0, 64),
    outcome: 'refused',
    details: { method: request.method, path: request.url.split('?')[0], needs },
    clientAddress: request.ip,
  });
  if (needs === 'admin')
    throw estateError(
      'ESTATE_REFERENCE_FORBIDDEN',
      `Only an administrator of ${organisationCode.slice(0, 64)} can classify its applications`,
    );
  throw coreError('CORE_FORBIDDEN', 'Only members of a partner organisation can see classifications');
}

const codes = (text: string) =>
  [
    ...new Set(
      text
        .split(',')
        .map((c) => c.trim())
        .filter(Boolean),
    ),
  ].slice(0, 50);

export async function classificationRoutes(app: FastifyInstance, { database }: { database: Database }) {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const member = async (request: FastifyRequest, subject: string) => {
    if ((request.user?.memberships.length ?? 0) === 0) await refuse(database, request, subject, 'membership');
  };
  const admin = async (request: FastifyRequest, organisation: string) => {
    if (!hasRole(request.user, organisation, 'admin')) await refuse(database, request, organisation, 'admin');
  };

  api.get(
    '/api/estate/classifications',
    {
      schema: {
        tags,
        summary:
          'The organisations’ current applications, each with its LGA function (a person’s decision, else the rules’), confidence and why',
        querystring: Type.Object({ organisations: Organisations }),
        response: { 200: Type.Object({ applications: Type.Array(ClassifiedApplication), unclassified: Type.Integer() }) },
      },
    },
    async (request) => {
      await member(request, request.query.organisations);
      const applications = await classifiedApplications(database, codes(request.query.organisations));
      return { applications, unclassified: applications.filter((a) => a.functionId === null).length };
    },
  );

  api.post(
    '/api/estate/classifications/run',
    {
      schema: {
        tags,
        summary: 'Run the rules over an organisation’s current applications and record the results (a person’s decisions are kept)',
        querystring: Type.Object({ organisation: Type.String({ minLength: 1, maxLength: 64 }) }),
        response: {
          200: Type.Object({
            applications: Type.Integer(),
            classified: Type.Integer(),
            unclassified: Type.Integer(),
            byUser: Type.Integer(),
          }),
        },
      },
    },
    async (request) => {
      await admin(request, request.query.organisation);
      return runClassification(database, request.user!, [request.query.organisation]);
    },
  );

  api.put(
    '/api/estate/classifications',
    {
      schema: {
        tags,
        summary: 'Decide what an application is for (kept through re-imports until changed or cleared)',
        body: ClassificationOverride,
        response: { 200: ClassifiedApplication },
      },
    },
    async (request) => {
      await admin(request, request.body.organisation);
      return overrideClassification(database, request.user!, request.body);
    },
  );

  api.delete(
    '/api/estate/classifications',
    {
      schema: {
        tags,
        summary: 'Clear a person’s decision: the rules decide again',
        querystring: Type.Object({
          organisation: Type.String({ minLength: 1, maxLength: 64 }),
          reference: Type.String({ minLength: 1, maxLength: 200 }),
        }),
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      await admin(request, request.query.organisation);
      await clearClassification(database, request.user!, request.query.organisation, request.query.reference);
      return reply.code(204).send(null);
    },
  );

  api.get(
    '/api/estate/unlisted-software',
    {
      schema: {
        tags,
        summary: 'Software nobody listed: current CPV 48 (software) and 72 (IT services) contracts no application names',
        querystring: Type.Object({ organisations: Organisations }),
        response: { 200: Type.Array(UnlistedSoftware) },
      },
    },
    async (request) => {
      await member(request, request.query.organisations);
      return unlistedSoftware(database, codes(request.query.organisations));
    },
  );

  // Page

  app.get<{ Querystring: { organisation?: string; saved?: string } }>('/estate/reference/classifications', async (request, reply) => {
    const user = request.user!;
    const chosen = request.query.organisation ?? request.actingFor ?? user.memberships[0]?.organisationCode ?? '';
    await member(request, chosen);
    const [applications, functions, unlisted] = await Promise.all([
      classifiedApplications(database, [chosen]),
      loadFunctions(database),
      unlistedSoftware(database, [chosen]),
    ]);
    return reply.view('estate/reference-classifications.njk', {
      title: 'Applications by function',
      breadcrumbs: [{ text: 'Reference lists', href: '/estate/reference' }, { text: 'Applications by function' }],
      organisation: chosen,
      organisations: user.memberships,
      classified: applications.filter((a) => a.functionId !== null),
      unclassified: applications.filter((a) => a.functionId === null),
      functions: functions
        .map((f) => ({ id: f.id, label: f.parentLabel ? `${f.parentLabel}: ${f.label}` : f.label }))
        .sort((a, b) => a.label.localeCompare(b.label)),
      unlisted,
      administers: hasRole(user, chosen, 'admin'),
      saved: request.query.saved,
    });
  });

  app.post('/estate/reference/classifications', async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const text = (name: string) => (typeof body[name] === 'string' ? (body[name] as string).trim() : '');
    const organisation = text('organisation');
    await admin(request, organisation);
    const reference = text('reference');
    if (text('action') === 'clear') await clearClassification(database, request.user!, organisation, reference);
    else {
      const functionId = Number(text('functionId'));
      if (!Number.isInteger(functionId) || functionId < 1)
        throw estateError('ESTATE_CLASSIFICATION_INVALID', 'Choose the function the application is for', [
          { field: 'functionId', message: 'Choose a function' },
        ]);
      await overrideClassification(database, request.user!, { organisation, reference, functionId, reason: text('reason') || undefined });
    }
    return reply.redirect(
      `/estate/reference/classifications?organisation=${encodeURIComponent(organisation)}&saved=${encodeURIComponent(reference)}`,
      303,
    );
  });
}
