/**
 * The estate's API and pages for contracts. Importing a council's contract register is for the
 * administrators of that council; reading contracts is for any signed-in member of a partner
 * organisation (a contract register is published under the Transparency Code anyway; partners
 * planning a merger need each other's). Refusals are written to the audit trail.
 */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { coreError, hasRole, recordAudit, requireSignIn, type Database, type JoineryConfig } from '@joinery/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type {} from '@fastify/view';
import { Type } from 'typebox';
import { describeNoticePeriod } from './contracts/values.ts';
import { overviewRoutes } from './overview/http.ts';
import { contractMapRoutes } from './contract-map/http.ts';
import { convergenceRoutes } from './convergence/http.ts';
import { estateError } from './errors.ts';
import { Contract, ContractImport, CONTRACT_FIELD_LABELS, CONTRACT_FIELDS, ImportReport, type ContractMapping } from './model.ts';
import { inventoryRoutes } from './inventory/http.ts';
import { referenceRoutes } from './reference/http.ts';
import { XLSX_TYPE } from './inventory/read-file.ts';
import { exportContractsOcds, importContracts, listContractImports, listContracts, listContractsMissingTerms } from './service.ts';
import { governanceRoutes } from './governance/routes.ts';
import { supplierRoutes } from './suppliers/http.ts';

export interface EstateRouteOptions {
  database: Database;
  config: JoineryConfig;
}

const tags = ['Estate'];
const Organisation = Type.String({ minLength: 1, maxLength: 64, description: 'The organisation code, e.g. casterbridge' });

async function refuse(database: Database, request: FastifyRequest, organisationCode: string, needs: string): Promise<never> {
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
    throw estateError('ESTATE_IMPORT_FORBIDDEN', `Only an administrator of ${organisationCode.slice(0, 64)} can import its contracts`);
  throw coreError('CORE_FORBIDDEN', 'Only members of a partner organisation can see contracts');
}

async function mustAdminister(database: Database, request: FastifyRequest, organisationCode: string): Promise<void> {
  if (!hasRole(request.user, organisationCode, 'admin')) await refuse(database, request, organisationCode, 'admin');
}

async function mustBeMember(database: Database, request: FastifyRequest, organisationCode: string): Promise<void> {
  if ((request.user?.memberships.length ?? 0) === 0) await refuse(database, request, organisationCode, 'membership');
}

function parseMapping(text: string | undefined): ContractMapping | undefined {
  if (!text || text.trim() === '') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw estateError('ESTATE_MAPPING_INVALID', 'The mapping is not JSON: write e.g. {"reference": "Contract ID", "value": "Total £"}');
  }
  if (!value || typeof value !== 'object' || Array.isArray(value) || Object.values(value).some((v) => typeof v !== 'string'))
    throw estateError(
      'ESTATE_MAPPING_INVALID',
      'The mapping is an object of field names to column names, e.g. {"reference": "Contract ID"}',
    );
  return value as ContractMapping;
}

function formField(request: FastifyRequest, name: string): string {
  const value = (request.body as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value.trim() : '';
}

export async function estateRoutes(app: FastifyInstance, { database, config }: EstateRouteOptions) {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  // Sign-in for every route except those marked config.isPublic (the published decision-rights matrix).
  app.addHook('preHandler', async (request) => (request.routeOptions.config.isPublic ? undefined : requireSignIn(request)));
  await app.register(overviewRoutes, { database });
  await convergenceRoutes(app, { database });
  await app.register(governanceRoutes, { database });
  // Scripts send registers as the request body (curl --data-binary @contracts.csv).
  app.addContentTypeParser(['text/csv', 'application/csv'], { parseAs: 'buffer', bodyLimit: config.uploadLimitBytes }, (_r, body, done) =>
    done(null, body),
  );
  // …and workbooks (curl --data-binary @contracts.xlsx -H 'content-type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').
  app.addContentTypeParser(
    [XLSX_TYPE, 'application/octet-stream'],
    { parseAs: 'buffer', bodyLimit: config.uploadLimitBytes },
    (_r, body, done) => done(null, body),
  );
  await inventoryRoutes(app, { database, config, access: { mustAdminister, mustBeMember, parseMapping, formField } });
  await app.register(contractMapRoutes, { database, config });
  await supplierRoutes(app, { database, config });

  api.post(
    '/api/estate/contract-imports',
    {
      schema: {
        tags,
        summary: 'Import (or preview) a Transparency Code contract register (the request body, text/csv)',
        description:
          'Every row is checked and every problem reported (row, column, why). mode=preview writes nothing. Otherwise the file is refused whole if any row has a problem, unless keepValid=true, which stores the valid rows and reports the refused ones (rows = imported + refused). The same file twice is refused. Needs the admin role in the organisation.',
        consumes: ['text/csv', XLSX_TYPE],
        querystring: Type.Object({
          organisation: Organisation,
          sheet: Type.Optional(
            Type.String({ minLength: 1, maxLength: 100, description: 'XLSX: the worksheet to read (the first otherwise)' }),
          ),
          mode: Type.Optional(Type.Union([Type.Literal('preview'), Type.Literal('import')], { default: 'import' })),
          keepValid: Type.Optional(Type.Boolean()),
          fileName: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
          mapping: Type.Optional(Type.String({ maxLength: 10_000, description: 'JSON: contract field → column name' })),
        }),
        response: { 200: ImportReport, 201: ImportReport },
      },
    },
    async (request, reply) => {
      await mustAdminister(database, request, request.query.organisation);
      if (!Buffer.isBuffer(request.body))
        throw estateError(
          'ESTATE_IMPORT_UNREADABLE',
          'Send the contract register as the request body with Content-Type: text/csv (or the XLSX type)',
        );
      const report = await importContracts(database, request.user!, {
        organisationCode: request.query.organisation,
        fileName: request.query.fileName ?? 'contracts.csv',
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
    '/api/estate/contracts',
    {
      schema: {
        tags,
        summary: 'An organisation’s current contracts (from its latest import)',
        querystring: Type.Object({ organisation: Organisation }),
        response: {
          200: Type.Object({
            organisationCode: Type.String(),
            currentImport: Type.Union([ContractImport, Type.Null()]),
            contracts: Type.Array(Contract),
          }),
        },
      },
    },
    async (request) => {
      await mustBeMember(database, request, request.query.organisation);
      return listContracts(database, request.query.organisation);
    },
  );

  api.get(
    '/api/estate/contracts.ocds.json',
    {
      schema: {
        tags,
        summary: 'An organisation’s current contracts as an OCDS 1.1.5 release package, with the LGR extension',
        querystring: Type.Object({ organisation: Organisation }),
      },
    },
    async (request, reply) => {
      await mustBeMember(database, request, request.query.organisation);
      const uri = `${config.publicUrl}/api/estate/contracts.ocds.json?organisation=${encodeURIComponent(request.query.organisation)}`;
      const pkg = await exportContractsOcds(database, request.query.organisation, { uri });
      return reply.type('application/json').send(pkg);
    },
  );

  // Pages

  app.get<{ Querystring: { organisation?: string; imported?: string } }>('/estate/contracts', async (request, reply) => {
    const user = request.user!;
    const organisations = user.memberships;
    const chosen = request.query.organisation ?? request.actingFor ?? organisations[0]?.organisationCode;
    await mustBeMember(database, request, chosen ?? '');
    const found = chosen ? await listContracts(database, chosen) : undefined;
    const listed = found && {
      ...found,
      contracts: found.contracts.map((c) => ({ ...c, noticeText: describeNoticePeriod(c.noticePeriod) })),
    };
    return reply.view('estate/contracts.njk', {
      title: 'Contracts',
      organisation: chosen,
      listed,
      imports: chosen ? await listContractImports(database, chosen) : [],
      missingTerms: chosen ? await listContractsMissingTerms(database, chosen) : undefined,
      imported: request.query.imported,
      administers: user.memberships.filter((m) => m.roles.includes('admin')),
      fields: CONTRACT_FIELDS.map((f) => ({ name: f, label: CONTRACT_FIELD_LABELS[f] })),
    });
  });

  app.post('/estate/contracts', async (request, reply) => {
    const organisationCode = formField(request, 'organisation');
    await mustAdminister(database, request, organisationCode);
    const file = (request.body as Record<string, unknown> | undefined)?.file as { filename: string; content: Buffer } | undefined;
    if (!file || !Buffer.isBuffer(file.content) || file.content.length === 0)
      throw estateError('ESTATE_IMPORT_UNREADABLE', 'Choose a contract register (CSV) to upload', [
        { field: 'file', message: 'Choose a CSV file to upload' },
      ]);
    const preview = formField(request, 'mode') === 'preview';
    const report = await importContracts(database, request.user!, {
      organisationCode,
      fileName: file.filename,
      bytes: file.content,
      mapping: parseMapping(formField(request, 'mapping')),
      mode: preview ? 'preview' : 'import',
      keepValid: formField(request, 'keepValid') === 'true',
    });
    if (preview)
      return reply.view('estate/contract-preview.njk', {
        title: 'Contract register preview',
        report,
        breadcrumbs: [{ text: 'Contracts', href: `/estate/contracts?organisation=${organisationCode}` }, { text: 'Preview' }],
      });
    return reply.redirect(`/estate/contracts?organisation=${encodeURIComponent(organisationCode)}&imported=${report.importId}`, 303);
  });

  await referenceRoutes(app, { database, config });
}
