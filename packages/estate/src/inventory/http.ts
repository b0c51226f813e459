/**
 * The estate's API and pages for applications and integrations, and the contracts' missing LGR
 * terms. As for contracts: importing an organisation's inventory is for its administrators;
 * reading is for any signed-in member of a partner organisation; refusals are audited (the
 * access checks are estateRoutes' own, handed in, so that there is one of each).
 */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Database, JoineryConfig } from '@joinery/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type {} from '@fastify/view';
import { Type } from 'typebox';
import { Application, APPLICATION_FIELD_LABELS, APPLICATION_FIELDS } from '../applications/model.ts';
import { importApplications, listApplicationImports, listApplications } from '../applications/service.ts';
import { estateError } from '../errors.ts';
import { Integration, INTEGRATION_FIELD_LABELS, INTEGRATION_FIELDS } from '../integrations/model.ts';
import { importIntegrations, listIntegrationImports, listIntegrations } from '../integrations/service.ts';
import { listContractsMissingTerms } from '../service.ts';
import { InventoryImport, InventoryImportReport, type InventoryKind } from './model.ts';
import { XLSX_TYPE } from './read-file.ts';
import type { InventoryImportInput } from './service.ts';

export interface InventoryAccess {
  mustAdminister: (database: Database, request: FastifyRequest, organisationCode: string) => Promise<void>;
  mustBeMember: (database: Database, request: FastifyRequest, organisationCode: string) => Promise<void>;
  parseMapping: (text: string | undefined) => Record<string, string> | undefined;
  formField: (request: FastifyRequest, name: string) => string;
}

const tags = ['Estate'];
const Organisation = Type.String({ minLength: 1, maxLength: 64, description: 'The organisation code, e.g. casterbridge' });

const ImportQuery = Type.Object({
  organisation: Organisation,
  mode: Type.Optional(Type.Union([Type.Literal('preview'), Type.Literal('import')], { default: 'import' })),
  keepValid: Type.Optional(Type.Boolean()),
  fileName: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  mapping: Type.Optional(Type.String({ maxLength: 10_000, description: 'JSON: field → column name' })),
  sheet: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'XLSX: the worksheet to read (the first otherwise)' })),
});

const KINDS = {
  applications: {
    title: 'Applications',
    singular: 'application',
    importer: importApplications,
    fields: APPLICATION_FIELDS.map((f) => ({ name: f, label: APPLICATION_FIELD_LABELS[f] })),
    hint: 'Columns are recognised by their headers (Application ID, Name, Product, Supplier, Version, Hosting, Capability, Business owner, Users, Annual cost, Licence model, End of support, Contract reference…).',
  },
  integrations: {
    title: 'Integrations',
    singular: 'integration',
    importer: importIntegrations,
    fields: INTEGRATION_FIELDS.map((f) => ({ name: f, label: INTEGRATION_FIELD_LABELS[f] })),
    hint: 'Columns are recognised by their headers (Integration ID, Source application, Target application, Method, Frequency, Data carried, Personal data, Owner). Source and target must be references (or names) of the council’s current applications.',
  },
} as const;

export async function inventoryRoutes(
  app: FastifyInstance,
  { database, access }: { database: Database; config: JoineryConfig; access: InventoryAccess },
): Promise<void> {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const { mustAdminister, mustBeMember, parseMapping, formField } = access;

  for (const kind of ['applications', 'integrations'] as const) {
    const k = KINDS[kind];
    api.post(
      `/api/estate/${k.singular}-imports`,
      {
        schema: {
          tags,
          summary: `Import (or preview) an organisation’s ${kind} inventory (the request body: text/csv or XLSX)`,
          description: `Every row is checked and every problem reported (row, column, why)${kind === 'integrations' ? '; source and target must be the organisation’s current applications' : ''}. mode=preview writes nothing. Otherwise the file is refused whole if any row has a problem, unless keepValid=true (rows = imported + refused). The same file twice is refused (409). A mapping given is remembered for files with the same headers. Needs the admin role in the organisation.`,
          consumes: ['text/csv', XLSX_TYPE],
          querystring: ImportQuery,
          response: { 200: InventoryImportReport, 201: InventoryImportReport },
        },
      },
      async (request, reply) => {
        await mustAdminister(database, request, request.query.organisation);
        if (!Buffer.isBuffer(request.body))
          throw estateError(
            'ESTATE_IMPORT_UNREADABLE',
            `Send the ${kind} inventory as the request body with Content-Type: text/csv or ${XLSX_TYPE}`,
          );
        const report = await k.importer(database, request.user!, {
          organisationCode: request.query.organisation,
          fileName: request.query.fileName ?? `${kind}.csv`,
          bytes: request.body,
          mapping: parseMapping(request.query.mapping),
          mode: request.query.mode ?? 'import',
          keepValid: request.query.keepValid ?? false,
          sheet: request.query.sheet,
        });
        return reply.code(report.mode === 'preview' ? 200 : 201).send(report);
      },
    );

    api.get(
      `/api/estate/${kind}-imports`,
      {
        schema: {
          tags,
          summary: `An organisation’s ${kind} imports, newest first`,
          querystring: Type.Object({ organisation: Organisation }),
          response: { 200: Type.Array(InventoryImport) },
        },
      },
      async (request) => {
        await mustBeMember(database, request, request.query.organisation);
        return kind === 'applications'
          ? listApplicationImports(database, request.query.organisation)
          : listIntegrationImports(database, request.query.organisation);
      },
    );
  }

  api.get(
    '/api/estate/applications',
    {
      schema: {
        tags,
        summary: 'An organisation’s current applications (from its latest applications import)',
        querystring: Type.Object({ organisation: Organisation }),
        response: {
          200: Type.Object({
            organisationCode: Type.String(),
            currentImport: Type.Union([InventoryImport, Type.Null()]),
            applications: Type.Array(Application),
          }),
        },
      },
    },
    async (request) => {
      await mustBeMember(database, request, request.query.organisation);
      return listApplications(database, request.query.organisation);
    },
  );

  api.get(
    '/api/estate/integrations',
    {
      schema: {
        tags,
        summary: 'An organisation’s current integrations (from its latest integrations import)',
        querystring: Type.Object({ organisation: Organisation }),
        response: {
          200: Type.Object({
            organisationCode: Type.String(),
            currentImport: Type.Union([InventoryImport, Type.Null()]),
            integrations: Type.Array(Integration),
          }),
        },
      },
    },
    async (request) => {
      await mustBeMember(database, request, request.query.organisation);
      return listIntegrations(database, request.query.organisation);
    },
  );

  api.get(
    '/api/estate/contracts/missing-terms',
    {
      schema: {
        tags,
        summary:
          'Which of an organisation’s current contracts lack the LGR terms (notice period, termination cost, auto-renewal, novation, change of control)',
        querystring: Type.Object({ organisation: Organisation }),
        response: {
          200: Type.Object({
            organisationCode: Type.String(),
            contracts: Type.Integer({ description: 'Current contracts' }),
            contractsLacking: Type.Integer({ description: 'Of which lacking at least one term' }),
            counts: Type.Record(Type.String(), Type.Integer(), { description: 'LGR term → how many current contracts lack it' }),
            lacking: Type.Array(
              Type.Object({
                reference: Type.String(),
                title: Type.String(),
                supplierName: Type.String(),
                endDate: Type.Union([Type.String(), Type.Null()]),
                missing: Type.Array(Type.String()),
              }),
            ),
          }),
        },
      },
    },
    async (request) => {
      await mustBeMember(database, request, request.query.organisation);
      return listContractsMissingTerms(database, request.query.organisation);
    },
  );

  // Pages

  for (const kind of ['applications', 'integrations'] as const) {
    const k = KINDS[kind];
    app.get<{ Querystring: { organisation?: string; imported?: string } }>(`/estate/${kind}`, async (request, reply) => {
      const user = request.user!;
      const chosen = request.query.organisation ?? request.actingFor ?? user.memberships[0]?.organisationCode;
      await mustBeMember(database, request, chosen ?? '');
      const listed = chosen
        ? kind === 'applications'
          ? { ...(await listApplications(database, chosen)), integrations: undefined }
          : { ...(await listIntegrations(database, chosen)), applications: undefined }
        : undefined;
      return reply.view('estate/applications-inventory.njk', {
        title: k.title,
        kind,
        singular: k.singular,
        hint: k.hint,
        organisation: chosen,
        listed,
        imports: chosen
          ? kind === 'applications'
            ? await listApplicationImports(database, chosen)
            : await listIntegrationImports(database, chosen)
          : [],
        imported: request.query.imported,
        administers: user.memberships.filter((m) => m.roles.includes('admin')),
        fields: k.fields,
      });
    });

    app.post(`/estate/${kind}`, async (request, reply) => {
      const organisationCode = formField(request, 'organisation');
      await mustAdminister(database, request, organisationCode);
      const file = (request.body as Record<string, unknown> | undefined)?.file as { filename: string; content: Buffer } | undefined;
      if (!file || !Buffer.isBuffer(file.content) || file.content.length === 0)
        throw estateError('ESTATE_IMPORT_UNREADABLE', `Choose an ${kind} inventory (CSV or XLSX) to upload`, [
          { field: 'file', message: 'Choose a CSV or XLSX file to upload' },
        ]);
      const preview = formField(request, 'mode') === 'preview';
      const input: InventoryImportInput = {
        organisationCode,
        fileName: file.filename.slice(0, 200) || `${kind}.csv`,
        bytes: file.content,
        mapping: parseMapping(formField(request, 'mapping')),
        mode: preview ? 'preview' : 'import',
        keepValid: formField(request, 'keepValid') === 'true',
        sheet: formField(request, 'sheet') || undefined,
      };
      const report = await k.importer(database, request.user!, input);
      if (preview)
        return reply.view('estate/applications-preview.njk', {
          title: `${k.title} inventory preview`,
          report,
          kind,
          mappingJson: JSON.stringify(report.mapping),
          labels: Object.fromEntries(k.fields.map((f) => [f.name, f.label])),
          breadcrumbs: [
            { text: k.title, href: `/estate/${kind}?organisation=${encodeURIComponent(organisationCode)}` },
            { text: 'Preview' },
          ],
        });
      return reply.redirect(`/estate/${kind}?organisation=${encodeURIComponent(organisationCode)}&imported=${report.importId}`, 303);
    });
  }
}

export type { InventoryKind };
