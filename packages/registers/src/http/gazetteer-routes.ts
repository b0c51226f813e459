/**
 * Importing gazetteers: a page listing the imports with an upload form, and the same by API
 * (a text/csv body). Only an organisation's administrators import its gazetteer.
 */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { coreError, hasRole, recordAudit, requireSignIn, type Database, type JoineryConfig } from '@joinery/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type {} from '@fastify/view';
import { Type } from 'typebox';
import { listGazetteers } from '../store/addresses.ts';
import { registersDb } from '../service/address-search.ts';
import { GAZETTEER_FORMAT_LABELS, GAZETTEER_FORMATS, importGazetteer, type GazetteerFormat } from '../service/gazetteer-import.ts';
import { acceptCsvBodies, formField, uploadedFile } from './uploads.ts';

const tags = ['Address register'];

async function mustAdminister(database: Database, request: FastifyRequest, organisationCode: string): Promise<void> {
  if (hasRole(request.user, organisationCode, 'admin')) return;
  await recordAudit(database.db, {
    actor: request.user,
    organisationCode: request.actingFor,
    action: 'access.refused',
    subjectType: 'organisation',
    subjectId: organisationCode,
    outcome: 'refused',
    details: { method: request.method, path: request.url.split('?')[0], needs: ['admin'] },
  });
  throw coreError('CORE_FORBIDDEN', `Only an administrator of ${organisationCode.slice(0, 64)} can import its gazetteer`);
}

function adminOrganisations(request: FastifyRequest) {
  return (request.user?.memberships ?? []).filter((m) => m.roles.includes('admin'));
}

export async function gazetteerRoutes(app: FastifyInstance, { database, config }: { database: Database; config: JoineryConfig }) {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  app.addHook('preHandler', requireSignIn);
  acceptCsvBodies(app, config.uploadLimitBytes);

  api.get('/api/gazetteers', { schema: { tags, summary: 'Gazetteer files imported into the address register' } }, async () =>
    listGazetteers(registersDb(database)),
  );

  api.post(
    '/api/gazetteers',
    {
      schema: {
        tags,
        summary: 'Import a gazetteer file (the request body, text/csv) and re-merge the register',
        description:
          'Refused whole, with every problem (line, field, why), when any record is malformed; refused when the same file was imported before. Needs the admin role in the organisation.',
        querystring: Type.Object({
          organisation: Type.String({ description: 'The authority whose gazetteer it is' }),
          format: Type.Enum(GAZETTEER_FORMATS),
          fileName: Type.Optional(Type.String({ maxLength: 200 })),
        }),
      },
    },
    async (request, reply) => {
      await mustAdminister(database, request, request.query.organisation);
      if (!Buffer.isBuffer(request.body))
        throw coreError('CORE_VALIDATION', 'Send the file as the request body with Content-Type: text/csv');
      const result = await importGazetteer(database, {
        organisationCode: request.query.organisation,
        format: request.query.format,
        fileName: request.query.fileName ?? 'upload.csv',
        content: request.body,
        actor: request.user!,
      });
      return reply.code(201).send(result);
    },
  );

  app.get<{ Querystring: { imported?: string } }>('/gazetteers', async (request, reply) => {
    const gazetteers = await listGazetteers(registersDb(database));
    const imported = gazetteers.find((g) => String(g.id) === request.query.imported);
    return reply.view('registers/gazetteers.njk', {
      title: 'Gazetteers',
      gazetteers,
      imported,
      organisations: adminOrganisations(request),
      formats: GAZETTEER_FORMATS.map((value) => ({ value, text: GAZETTEER_FORMAT_LABELS[value] })),
      breadcrumbs: [{ text: 'Address register', href: '/addresses' }, { text: 'Gazetteers' }],
    });
  });

  app.post('/gazetteers', async (request, reply) => {
    const organisationCode = formField(request, 'organisation');
    const format = formField(request, 'format') as GazetteerFormat;
    await mustAdminister(database, request, organisationCode);
    const file = uploadedFile(request);
    const result = await importGazetteer(database, {
      organisationCode,
      format,
      fileName: file.filename,
      content: file.content,
      actor: request.user!,
    });
    return reply.redirect(`/gazetteers?imported=${result.gazetteer.id}`, 303);
  });
}
