/**
 * Matching free-text addresses to UPRNs: one address on a page or by API, a whole CSV file
 * by upload (or a text/csv API body) with a downloadable result and a review list. A run
 * belongs to the organisation the user acts for; only its members see it.
 */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { coreError, recordAudit, requireSignIn, type Database, type JoineryConfig } from '@joinery/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type {} from '@fastify/view';
import { Type } from 'typebox';
import { listMatchRuns } from '../store/match-runs.ts';
import { registersDb } from '../service/address-search.ts';
import {
  addressMatchResults,
  addressMatchResultsCsv,
  getAddressMatchRun,
  matchAddress,
  matchAddressFile,
  reviewAddressMatch,
} from '../service/address-matching.ts';
import { acceptCsvBodies, formField, uploadedFile } from './uploads.ts';

const tags = ['Address matching'];

function memberOrganisations(request: FastifyRequest): string[] {
  return (request.user?.memberships ?? []).map((m) => m.organisationCode);
}

function actingFor(request: FastifyRequest): string {
  if (!request.actingFor) throw coreError('CORE_FORBIDDEN', 'You act for no organisation: ask an administrator to give you a role');
  return request.actingFor;
}

const MatchBody = Type.Object(
  {
    address: Type.Optional(Type.String({ maxLength: 500, description: 'The address on one line, as written' })),
    lines: Type.Optional(Type.Array(Type.String({ maxLength: 200 }), { maxItems: 8, description: 'Or the address in lines' })),
    postcode: Type.Optional(Type.String({ maxLength: 20 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 20 })),
  },
  { additionalProperties: false },
);

export async function addressMatchingRoutes(app: FastifyInstance, { database, config }: { database: Database; config: JoineryConfig }) {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  app.addHook('preHandler', requireSignIn);
  acceptCsvBodies(app, config.uploadLimitBytes);

  api.post(
    '/api/addresses/match',
    {
      schema: {
        tags,
        summary: 'Match one free-text address to a UPRN',
        description:
          'Candidates with a match probability and an explanation of each part; outcome matched (≥ 0.9), review (≥ 0.3) or unmatched.',
        body: MatchBody,
      },
    },
    async (request) => {
      const { address, lines, postcode, limit } = request.body;
      if (!address?.trim() && !lines?.some((l) => l.trim()))
        throw coreError('CORE_VALIDATION', 'Give the address, or its lines', [
          { field: 'address', message: 'Give the address, or its lines' },
        ]);
      return matchAddress(database, lines?.length ? { lines, postcode } : address!, { limit });
    },
  );

  api.post(
    '/api/address-match-runs',
    {
      schema: {
        tags,
        summary: 'Match every address in a CSV file (the request body, text/csv)',
        description:
          'Address columns are found from the headers (address, line 1…, street, town, postcode) unless named. Every row gets a result. The run belongs to the organisation you act for.',
        querystring: Type.Object({
          fileName: Type.Optional(Type.String({ maxLength: 200 })),
          addressColumns: Type.Optional(Type.String({ description: 'Comma-separated column names holding the address, in order' })),
          idColumn: Type.Optional(Type.String()),
        }),
      },
    },
    async (request, reply) => {
      if (!Buffer.isBuffer(request.body))
        throw coreError('CORE_VALIDATION', 'Send the file as the request body with Content-Type: text/csv');
      const run = await matchAddressFile(database, {
        organisationCode: actingFor(request),
        fileName: request.query.fileName ?? 'upload.csv',
        content: request.body,
        actor: request.user!,
        addressColumns: request.query.addressColumns?.split(',').map((c) => c.trim()),
        idColumn: request.query.idColumn,
      });
      return reply.code(201).send(run);
    },
  );

  api.get(
    '/api/address-match-runs/:id',
    {
      schema: {
        tags,
        summary: 'A matching run with its results (optionally only the review list)',
        params: Type.Object({ id: Type.Integer() }),
        querystring: Type.Object({ outcome: Type.Optional(Type.Enum(['matched', 'review', 'unmatched'])) }),
      },
    },
    async (request) => {
      const run = await getAddressMatchRun(database, request.params.id, memberOrganisations(request));
      return { run, results: await addressMatchResults(database, run, request.query.outcome) };
    },
  );

  const sendCsv = async (request: FastifyRequest<{ Params: { id: number | string } }>, reply: FastifyReply) => {
    const run = await getAddressMatchRun(database, Number(request.params.id), memberOrganisations(request));
    await recordAudit(database.db, {
      actor: request.user,
      organisationCode: run.organisationCode,
      action: 'addresses.match-download',
      subjectType: 'address-match-run',
      subjectId: String(run.id),
    });
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="address-match-${run.id}.csv"`)
      .send(await addressMatchResultsCsv(database, run));
  };
  app.get<{ Params: { id: string } }>('/api/address-match-runs/:id/results.csv', sendCsv);
  app.get<{ Params: { id: string } }>('/address-matching/runs/:id/results.csv', sendCsv);

  app.get('/address-matching', async (request, reply) => {
    const runs = await listMatchRuns(registersDb(database), memberOrganisations(request));
    return reply.view('registers/address-matching.njk', {
      title: 'Match addresses to UPRNs',
      runs,
      breadcrumbs: [{ text: 'Address register', href: '/addresses' }, { text: 'Address matching' }],
    });
  });

  app.post('/address-matching', async (request, reply) => {
    const address = formField(request, 'address').slice(0, 500);
    const runs = await listMatchRuns(registersDb(database), memberOrganisations(request));
    const errors = address ? [] : [{ text: 'Enter an address', href: '#address' }];
    const result = address ? await matchAddress(database, address) : undefined;
    return reply.code(errors.length ? 400 : 200).view('registers/address-matching.njk', {
      title: 'Match addresses to UPRNs',
      address,
      result,
      runs,
      errors,
      breadcrumbs: [{ text: 'Address register', href: '/addresses' }, { text: 'Address matching' }],
    });
  });

  app.post('/address-matching/runs', async (request, reply) => {
    const file = uploadedFile(request);
    const run = await matchAddressFile(database, {
      organisationCode: actingFor(request),
      fileName: file.filename,
      content: file.content,
      actor: request.user!,
    });
    return reply.redirect(`/address-matching/runs/${run.id}`, 303);
  });

  app.get<{ Params: { id: string } }>('/address-matching/runs/:id', async (request, reply) => {
    const run = await getAddressMatchRun(database, Number(request.params.id), memberOrganisations(request));
    const review = await addressMatchResults(database, run, 'review');
    const unmatched = await addressMatchResults(database, run, 'unmatched');
    return reply.view('registers/address-match-run.njk', {
      title: `Address matching: ${run.fileName}`,
      run,
      review,
      unmatched: unmatched.slice(0, 200),
      breadcrumbs: [
        { text: 'Address register', href: '/addresses' },
        { text: 'Address matching', href: '/address-matching' },
        { text: run.fileName },
      ],
    });
  });

  app.post<{ Params: { id: string; row: string } }>('/address-matching/runs/:id/rows/:row', async (request, reply) => {
    const run = await getAddressMatchRun(database, Number(request.params.id), memberOrganisations(request));
    const choice = formField(request, 'uprn');
    if (!choice) throw coreError('CORE_VALIDATION', 'Choose a candidate, or none of them', [{ field: 'uprn', message: 'Choose one' }]);
    await reviewAddressMatch(database, run, Number(request.params.row), choice === 'none' ? null : choice, request.user!);
    return reply.redirect(`/address-matching/runs/${run.id}#row-${Number(request.params.row)}`, 303);
  });
}
