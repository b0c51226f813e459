/** The estate overview: API and page. Any signed-in member of a partner organisation may read it. */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { coreError, type Database } from '@joinery/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { listReorganisations } from '../reorganisations/service.ts';
import { ESTATE_SECTIONS } from './sections.ts';
import { chooseReorganisation, estateOverview } from './service.ts';

const Counts = {
  contracts: Type.Integer(),
  applications: Type.Integer(),
  integrations: Type.Integer(),
};

const Overview = Type.Object({
  reorganisation: Type.Object({
    code: Type.String(),
    name: Type.String(),
    successorCode: Type.String(),
    vestingDay: Type.String({ format: 'date' }),
    predecessorCodes: Type.Array(Type.String()),
  }),
  successorName: Type.String(),
  daysToVesting: Type.Integer({ description: 'Whole days from today to vesting day (negative once passed)' }),
  councils: Type.Array(
    Type.Object({
      organisationCode: Type.String(),
      name: Type.String(),
      role: Type.Union([Type.Literal('predecessor'), Type.Literal('successor')]),
      ...Counts,
      lastImportedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    }),
  ),
  totals: Type.Object(Counts),
  missing: Type.Array(
    Type.Object({
      organisationCode: Type.String(),
      name: Type.String(),
      kinds: Type.Array(Type.Union([Type.Literal('contracts'), Type.Literal('applications'), Type.Literal('integrations')])),
    }),
  ),
});

const today = () => new Date().toISOString().slice(0, 10);

function mustBeMember(request: FastifyRequest) {
  if ((request.user?.memberships.length ?? 0) === 0)
    throw coreError('CORE_FORBIDDEN', 'Only members of a partner organisation can see the estate');
}

export async function overviewRoutes(app: FastifyInstance, { database }: { database: Database }) {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  api.get(
    '/api/estate/overview',
    {
      schema: {
        tags: ['Estate'],
        summary: 'A reorganisation’s estate at a glance: days to vesting, and what each council has imported',
        querystring: Type.Object({
          reorganisation: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'e.g. wessex-lgr; default: your own' })),
        }),
        response: { 200: Overview },
      },
    },
    async (request) => {
      mustBeMember(request);
      const codes = request.user!.memberships.map((m) => m.organisationCode);
      const chosen = await chooseReorganisation(database, request.query.reorganisation, codes);
      if (!chosen) throw coreError('CORE_NOT_FOUND', 'No reorganisation has been recorded yet');
      return estateOverview(database, chosen, today());
    },
  );

  app.get<{ Querystring: { reorganisation?: string } }>('/estate', async (request, reply) => {
    mustBeMember(request);
    const codes = request.user!.memberships.map((m) => m.organisationCode);
    const chosen = await chooseReorganisation(database, request.query.reorganisation?.slice(0, 64), codes);
    return reply.view('estate/overview.njk', {
      title: 'Estate',
      overview: chosen ? await estateOverview(database, chosen, today()) : undefined,
      reorganisations: await listReorganisations(database),
      sections: ESTATE_SECTIONS,
    });
  });
}
