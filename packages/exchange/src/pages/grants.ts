/**
 * The pages for access rights (X-Road's access rights, with a purpose, a lawful basis, the
 * data-sharing agreement, an expiry and a recertification date): the federation's list with
 * filters and flags, the "Ask for access" form (the client's or the provider's administrators),
 * and each grant's page with its history and the provider's decisions. Pages only: proposing
 * and deciding are the authority's functions (authority/grants.ts, grant-decisions.ts), which
 * say who may; the decision buttons are shown only to those `mayDecideGrant` allows.
 * @example await app.register(grantPages, { database, config });
 */
import { hasRole } from '@joinery/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type {} from '@fastify/view';
import { parseSubsystemId } from '../identifiers.ts';
import { dayOf } from '../authority/context.ts';
import { getFederation } from '../authority/federations.ts';
import { approveGrant, mayDecideGrant, recertifyGrant, refuseGrant, revokeGrant } from '../authority/grant-decisions.ts';
import { getGrant, listGrants, proposeGrant } from '../authority/grants.ts';
import { listMembers } from '../authority/members.ts';
import type { Federation, Grant, Member } from '../authority/model.ts';
import { getService, listServices } from '../authority/service-catalogue.ts';
import { pendingChange, supersessionChain } from './grants-history.ts';
import { ARTICLE_6_BASES, composeLawfulBasis, splitLawfulBasis } from './grants-lawful-basis.ts';
import {
  actorOf,
  federationCrumbs,
  formErrors,
  formList,
  formValues,
  idPath,
  pageAuthority,
  type ExchangePageOptions,
} from './services-forms.ts';

const STATUSES = ['proposed', 'approved', 'refused', 'revoked', 'superseded'] as const;
type Status = (typeof STATUSES)[number];
const DECISIONS = { approve: approveGrant, refuse: refuseGrant, revoke: revokeGrant } as const;

const PROPOSE_FIELDS: Record<string, string> = {
  client: 'propose-client',
  operations: 'propose-operations',
  purpose: 'propose-purpose',
  lawfulBasis: 'propose-art6',
  agreement: 'propose-agreement',
  validFrom: 'propose-validFrom',
  expiresOn: 'propose-expiresOn',
  recertifyBy: 'propose-recertifyBy',
};
const proposeFields = {
  idOf: (field: string | undefined) => PROPOSE_FIELDS[field ?? ''] ?? 'propose-client',
  byCode: {
    EXCHANGE_ID_INVALID: 'client',
    EXCHANGE_CLIENT_UNKNOWN: 'client',
    EXCHANGE_MEMBER_REVOKED: 'client',
    EXCHANGE_SERVICE_DISABLED: 'operations',
    EXCHANGE_GRANT_INVALID: 'operations',
  },
};

const grantHref = (code: string, id: string) => `/exchange/federations/${encodeURIComponent(code)}/grants/${id}`;

/** What a row says besides its status: the reasons a grant needs someone's attention. */
function flagsOf(g: Grant, changes: Map<string, string>): string[] {
  return [
    g.isExpired && (g.status === 'approved' || g.status === 'proposed') ? `expired on ${g.expiresOn}` : '',
    g.isRecertificationOverdue ? `recertification overdue (due ${g.recertifyBy})` : '',
    g.status === 'superseded' ? 'superseded by a change' : '',
    changes.has(g.id) ? 'change proposed' : '',
  ].filter(Boolean);
}

export async function grantPages(app: FastifyInstance, options: ExchangePageOptions) {
  const authority = pageAuthority(app, options);

  app.get<{ Params: { code: string }; Querystring: { status?: string; client?: string; service?: string } }>(
    '/exchange/federations/:code/grants',
    async (request, reply) => {
      const code = request.params.code;
      const federation = await getFederation(authority, code);
      const q = request.query;
      const status = STATUSES.includes(q.status as Status) ? (q.status as Status) : undefined;
      const filter = { status, client: q.client || undefined, service: q.service || undefined };
      const query = new URLSearchParams(Object.entries(filter).filter((e): e is [string, string] => Boolean(e[1]))).toString();
      const [all, services] = await Promise.all([listGrants(authority, code), listServices(authority, code)]);
      const shown = filter.status || filter.client || filter.service ? await listGrants(authority, code, filter) : all;
      const changes = new Map(all.filter((g) => g.status === 'proposed' && g.supersedes).map((g) => [g.supersedes!, g.id]));
      return reply.view('exchange/grants-list.njk', {
        title: `Access rights in ${federation.name}`,
        federation,
        grants: shown.map((g) => ({ ...g, href: grantHref(code, g.id), flags: flagsOf(g, changes) })),
        total: all.length,
        filter,
        statuses: STATUSES,
        clients: [...new Set(all.map((g) => g.client))].sort(),
        services: services.map((s) => ({ value: s.id, text: `${s.title} (${s.id})` })),
        proposeHref: `/exchange/federations/${encodeURIComponent(code)}/grants/new`,
        jsonHref: `/api/exchange/federations/${encodeURIComponent(code)}/grants${query ? `?${query}` : ''}`,
        breadcrumbs: [...federationCrumbs(federation), { text: 'Access rights' }],
      });
    },
  );

  /** Subsystems of this federation the user administers: the clients they may ask for. */
  const ownSubsystems = (request: FastifyRequest, members: Member[]) =>
    members
      .filter((m) => m.status === 'active' && m.organisationCode && hasRole(request.user, m.organisationCode, 'admin'))
      .flatMap((m) => m.subsystems.map((s) => s.id));

  async function showPropose(
    request: FastifyRequest,
    reply: FastifyReply,
    federation: Federation,
    choice: { serviceId?: string; supersedes?: string },
    extra: Record<string, unknown> = {},
  ) {
    const code = federation.code;
    const old = choice.supersedes ? await getGrant(authority, code, choice.supersedes) : undefined;
    const serviceId = old?.service ?? choice.serviceId;
    const [services, members, service] = await Promise.all([
      listServices(authority, code),
      listMembers(authority, code),
      serviceId ? getService(authority, code, serviceId) : undefined,
    ]);
    const values = old
      ? {
          client: old.client,
          purpose: old.purpose,
          ...splitLawfulBasis(old.lawfulBasis),
          agreement: old.agreement,
          validFrom: old.validFrom,
          expiresOn: old.expiresOn,
          recertifyBy: old.recertifyBy,
        }
      : { validFrom: dayOf(authority.now()) };
    return reply.view('exchange/grants-propose.njk', {
      title: old ? 'Propose a change to an access right' : 'Ask for access to a service',
      federation,
      service,
      old: old && { ...old, href: grantHref(code, old.id) },
      services: services.filter((s) => s.isEnabled).map((s) => ({ value: s.id, text: `${s.title} (${s.id})` })),
      ownSubsystems: ownSubsystems(request, members),
      bases: ARTICLE_6_BASES,
      values,
      chosenOperations: old?.operations ?? [],
      fieldErrors: {},
      action: `/exchange/federations/${encodeURIComponent(code)}/grants`,
      breadcrumbs: [
        ...federationCrumbs(federation),
        { text: 'Access rights', href: `/exchange/federations/${encodeURIComponent(code)}/grants` },
        { text: old ? 'Propose a change' : 'Ask for access' },
      ],
      ...extra,
    });
  }

  app.get<{ Params: { code: string }; Querystring: { service?: string; supersedes?: string } }>(
    '/exchange/federations/:code/grants/new',
    async (request, reply) => {
      const federation = await getFederation(authority, request.params.code);
      return showPropose(request, reply, federation, {
        serviceId: request.query.service || undefined,
        supersedes: request.query.supersedes || undefined,
      });
    },
  );

  app.post<{ Params: { code: string } }>('/exchange/federations/:code/grants', async (request, reply) => {
    const federation = await getFederation(authority, request.params.code);
    const f = formValues(request);
    const operations = formList(request, 'operations');
    try {
      const grant = await proposeGrant(authority, actorOf(request), {
        federationCode: federation.code,
        client: f.client ?? '',
        service: f.service ?? '',
        operations,
        purpose: f.purpose ?? '',
        lawfulBasis: composeLawfulBasis(f),
        agreement: f.agreement ?? '',
        validFrom: f.validFrom ?? '',
        expiresOn: f.expiresOn ?? '',
        recertifyBy: f.recertifyBy ?? '',
        ...(f.supersedes ? { supersedes: f.supersedes } : {}),
      });
      return reply.redirect(`${grantHref(federation.code, grant.id)}?done=proposed`, 303);
    } catch (error) {
      const refused = formErrors(error, proposeFields);
      return showPropose(
        request,
        reply.code(refused.status),
        federation,
        { serviceId: f.service || undefined, supersedes: f.supersedes || undefined },
        { ...refused, values: f, chosenOperations: operations },
      );
    }
  });

  async function showGrant(request: FastifyRequest, reply: FastifyReply, federation: Federation, id: string, extra = {}) {
    const code = federation.code;
    const grant = await getGrant(authority, code, id);
    const [related, members, mayDecide] = await Promise.all([
      listGrants(authority, code, { client: grant.client, service: grant.service }),
      listMembers(authority, code),
      mayDecideGrant(authority, actorOf(request), code, id),
    ]);
    const chain = supersessionChain(grant, related);
    const change = pendingChange(grant, chain);
    const client = parseSubsystemId(grant.client);
    const clientMember = client?.instance === code ? members.find((m) => m.memberCode === client.memberCode) : undefined;
    const mayPropose =
      mayDecide || Boolean(clientMember?.organisationCode && hasRole(request.user, clientMember.organisationCode, 'admin'));
    const changes = new Map(related.filter((g) => g.status === 'proposed' && g.supersedes).map((g) => [g.supersedes!, g.id]));
    return reply.view('exchange/grants-detail.njk', {
      title: `Access right for ${grant.client}`,
      federation,
      grant: { ...grant, flags: flagsOf(grant, changes) },
      href: grantHref(code, grant.id),
      serviceHref: `/exchange/federations/${encodeURIComponent(code)}/services/${idPath(grant.service)}`,
      chain: chain.map((g) => ({ ...g, href: grantHref(code, g.id), isThis: g.id === grant.id })),
      change: change && {
        ...change,
        inForceHref: grantHref(code, change.inForce.id),
        proposedHref: grantHref(code, change.proposed.id),
      },
      mayDecide,
      changeHref:
        mayPropose && grant.status === 'approved' && !change
          ? `/exchange/federations/${encodeURIComponent(code)}/grants/new?supersedes=${grant.id}`
          : undefined,
      providerName: members.find((m) => grant.service.split('/')[2] === m.memberCode)?.name,
      clientName: clientMember?.name,
      values: {},
      fieldErrors: {},
      done: (request.query as { done?: string }).done,
      breadcrumbs: [
        ...federationCrumbs(federation),
        { text: 'Access rights', href: `/exchange/federations/${encodeURIComponent(code)}/grants` },
        { text: grant.client },
      ],
      ...extra,
    });
  }

  app.get<{ Params: { code: string; id: string } }>('/exchange/federations/:code/grants/:id', async (request, reply) => {
    const federation = await getFederation(authority, request.params.code);
    return showGrant(request, reply, federation, request.params.id);
  });

  app.post<{ Params: { code: string; id: string; decision: string } }>(
    '/exchange/federations/:code/grants/:id/:decision',
    async (request, reply) => {
      const { code, id, decision } = request.params;
      const federation = await getFederation(authority, code);
      const f = formValues(request);
      const input = { federationCode: federation.code, grantId: id };
      try {
        if (decision === 'recertify')
          await recertifyGrant(authority, actorOf(request), { ...input, recertifyBy: f.recertifyBy ?? '', note: f.note || undefined });
        else if (decision in DECISIONS)
          await DECISIONS[decision as keyof typeof DECISIONS](authority, actorOf(request), { ...input, note: f.note ?? '' });
        else return reply.callNotFound();
      } catch (error) {
        const refused = formErrors(error, {
          idOf: (field) => (field === 'recertifyBy' ? 'recertify-recertifyBy' : `${decision}-note`),
        });
        return showGrant(request, reply.code(refused.status), federation, id, { ...refused, values: f, decision });
      }
      return reply.redirect(`${grantHref(federation.code, id)}?done=${decision}`, 303);
    },
  );
}
