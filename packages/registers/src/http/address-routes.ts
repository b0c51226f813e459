/**
 * The address register's pages and API: search by postcode, street or UPRN; a property page
 * showing which gazetteers hold the address; the conflicts the merge found. Addresses are
 * not personal data, but the register is licensed data: every route needs a signed-in user.
 */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { recordAudit, requireSignIn, type Database } from '@joinery/core';
import type { FastifyInstance } from 'fastify';
import type {} from '@fastify/view';
import { Type } from 'typebox';
import { mayViewPersonalData } from '../persons/access.ts';
import { addressConflicts, getProperty, propertyHoldings, searchAddresses } from '../service/address-search.ts';

const tags = ['Address register'];

const AddressSummary = Type.Object({
  uprn: Type.String({ description: 'Unique Property Reference Number' }),
  singleLine: Type.String(),
  postcode: Type.Union([Type.String(), Type.Null()]),
  classification: Type.Union([Type.String(), Type.Null()]),
  authority: Type.String({ description: 'Organisation code of the gazetteer the approved address came from' }),
});

export async function addressRoutes(app: FastifyInstance, { database }: { database: Database }) {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  app.addHook('preHandler', requireSignIn);

  api.get(
    '/api/addresses',
    {
      schema: {
        tags,
        summary: 'Search the address register by postcode, UPRN or words of the address',
        querystring: Type.Object({
          q: Type.String({ maxLength: 200, description: 'A postcode ("WX1 2AB"), a UPRN, or words ("high st casterbridge")' }),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
        }),
        response: {
          200: Type.Object({
            query: Type.String(),
            readAs: Type.String(),
            total: Type.Integer(),
            addresses: Type.Array(AddressSummary),
          }),
        },
      },
    },
    async (request) => {
      const found = await searchAddresses(database, request.query.q, request.query.limit ?? 50);
      return { ...found, addresses: found.addresses.map(({ address: _full, ...summary }) => summary) };
    },
  );

  api.get(
    '/api/addresses/:uprn',
    {
      schema: {
        tags,
        summary: 'One address by UPRN, with every gazetteer’s version of it',
        params: Type.Object({ uprn: Type.String() }),
      },
    },
    async (request) => getProperty(database, request.params.uprn),
  );

  api.get(
    '/api/address-conflicts',
    {
      schema: {
        tags,
        summary: 'Conflicts found when merging the predecessors’ gazetteers',
        querystring: Type.Object({
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
          offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
        }),
      },
    },
    async (request) => addressConflicts(database, { limit: request.query.limit ?? 50, offset: request.query.offset ?? 0 }),
  );

  app.get<{ Querystring: { q?: string } }>('/addresses', async (request, reply) => {
    const q = typeof request.query.q === 'string' ? request.query.q : '';
    const found = await searchAddresses(database, q);
    return reply.view('registers/addresses.njk', { title: q ? `Addresses: ${q}` : 'Address register', found, q });
  });

  app.get<{ Params: { uprn: string } }>('/addresses/:uprn', async (request, reply) => {
    const property = await getProperty(database, request.params.uprn);
    const personal = mayViewPersonalData(request);
    const holdings = personal ? await propertyHoldings(database, property.address.uprn) : undefined;
    if (holdings)
      await recordAudit(database.db, {
        actor: request.user,
        organisationCode: request.actingFor,
        action: 'addresses.holdings-view',
        subjectType: 'uprn',
        subjectId: property.address.uprn,
        details: { systems: holdings.map((h) => h.systemKey) },
      });
    return reply.view('registers/property.njk', {
      title: property.address.singleLine,
      property,
      holdings,
      breadcrumbs: [{ text: 'Address register', href: '/addresses' }, { text: `UPRN ${property.address.uprn}` }],
    });
  });

  app.get<{ Querystring: { page?: string } }>('/address-conflicts', async (request, reply) => {
    const page = Math.max(1, Number.parseInt(request.query.page ?? '1', 10) || 1);
    const { total, conflicts } = await addressConflicts(database, { limit: 50, offset: (page - 1) * 50 });
    return reply.view('registers/conflicts.njk', {
      title: 'Gazetteer conflicts',
      total,
      conflicts,
      page,
      pages: Math.max(1, Math.ceil(total / 50)),
      breadcrumbs: [{ text: 'Address register', href: '/addresses' }, { text: 'Conflicts' }],
    });
  });
}
