/** The home page and the service's own pages: accessibility, cookies, privacy. */
import {
  listOrganisations,
  listPartnerships,
  ORGANISATION_TYPE_LABELS,
  ORGANISATION_TYPES,
  IDENTIFIER_LABELS,
  type Database,
  type JoineryConfig,
  type Organisation,
  type OrganisationType,
} from '@joinery/core';
import type { FastifyInstance } from 'fastify';
import { CAPABILITIES } from './capabilities.ts';

const PLURALS: Partial<Record<OrganisationType, string>> = {
  'unitary-authority': 'Unitary authorities',
  'county-council': 'County councils',
  'district-council': 'District councils',
  'nhs-trust': 'NHS trusts',
  'gp-practice': 'GP practices',
  'housing-association': 'Housing associations',
};

function groupOrganisations(organisations: Organisation[]) {
  const names = new Map(organisations.map((o) => [o.code, o.name]));
  return ORGANISATION_TYPES.map((type) => ({
    label: PLURALS[type] ?? ORGANISATION_TYPE_LABELS[type],
    organisations: organisations
      .filter((o) => o.type === type)
      .map((o) => ({
        ...o,
        successorName: o.successorCode ? names.get(o.successorCode) : undefined,
        identifiers: o.identifiers.map((i) => ({ label: IDENTIFIER_LABELS[i.kind] ?? i.kind, value: i.value })),
      })),
  })).filter((g) => g.organisations.length > 0);
}

export async function pages(
  app: FastifyInstance,
  { database, config, cookieName }: { database: Database; config: JoineryConfig; cookieName: string },
) {
  app.get('/', async (_request, reply) => {
    const [organisations, partnerships] = await Promise.all([listOrganisations(database), listPartnerships(database)]);
    const federation = partnerships.find((p) => p.kind === 'federation');
    return reply.view('home.njk', {
      title: 'Home',
      organisationGroups: groupOrganisations(organisations),
      federationName: federation?.name,
      capabilities: CAPABILITIES,
    });
  });
  app.get('/accessibility', async (_request, reply) => reply.view('accessibility.njk', { title: 'Accessibility statement' }));
  app.get('/cookies', async (_request, reply) =>
    reply.view('cookies.njk', { title: 'Cookies', cookieName, sessionMinutes: config.sessionMinutes }),
  );
  app.get('/privacy', async (_request, reply) => reply.view('privacy.njk', { title: 'Privacy' }));
}
