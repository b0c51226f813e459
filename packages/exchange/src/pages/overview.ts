/**
 * /exchange: every federation this server is the authority of, with its configuration, its
 * counts and what needs attention; the federations they trust; and the way to each page.
 */
import { listFederations } from '../authority/federations.ts';
import { listTrustedFederations } from '../authority/trust.ts';
import { federationSections, linkWarnings } from './federation-frame.ts';
import { federationStatus } from './federation-status.ts';
import { actorOf, administeredOrganisations, instantInWords, type PageGroup } from './page-kit.ts';

export const overviewPages: PageGroup = async (app, { authority }) => {
  app.get<{ Querystring: { created?: string } }>('/exchange', async (request, reply) => {
    const actor = actorOf(request);
    const federations = await listFederations(authority);
    const hosted = await Promise.all(
      federations
        .filter((f) => f.isHosted)
        .map(async (federation) => {
          const status = await federationStatus(authority, actor, federation);
          const trusted = await listTrustedFederations(authority, federation.code);
          return {
            ...status,
            issuedInWords: instantInWords(status.configuration?.issuedAt),
            expiresInWords: instantInWords(status.configuration?.expiresAt),
            warnings: linkWarnings(app, status.href, status.warnings),
            sections: federationSections(app, status.href).filter((s) => s.href !== status.href),
            trusted,
          };
        }),
    );
    return reply.view('exchange/overview.njk', {
      title: 'Data exchange',
      hosted,
      known: federations.filter((f) => !f.isHosted),
      mayCreate: administeredOrganisations(request).length > 0,
    });
  });
};
