/**
 * The pages for a federation's services (X-Road's service descriptions): the catalogue, a
 * provider's "Register a service" form (an OpenAPI 3.1 document uploaded or pasted), and each
 * service's page with its operations, who holds access rights to it, its document, and the
 * provider's forms to change, disable or enable it. Pages only: the JSON API is the
 * authority's (authority/http-services.ts); every change goes through the same functions, which
 * decide who may (the provider's administrators) and audit refusals.
 * @example await app.register(servicePages, { database, config });
 */
import { hasRole } from '@joinery/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type {} from '@fastify/view';
import { getFederation } from '../authority/federations.ts';
import { listGateways } from '../authority/gateways.ts';
import { listGrants } from '../authority/grants.ts';
import { listMembers } from '../authority/members.ts';
import type { Federation, Grant, Member, Service } from '../authority/model.ts';
import { getService, listServices, serviceDescription } from '../authority/service-catalogue.ts';
import { registerService, setServiceEnabled, updateService } from '../authority/services.ts';
import { documentFromForm, readableDescription } from './services-description.ts';
import {
  actorOf,
  federationCrumbs,
  formErrors,
  formFile,
  formValues,
  idPath,
  pageAuthority,
  type ExchangePageOptions,
  type FieldMap,
} from './services-forms.ts';

type Params = { code: string; '*': string };

const REGISTER_FIELDS = ['memberCode', 'subsystemCode', 'serviceCode', 'serviceVersion', 'gatewayCode', 'title'];
const registerFields: FieldMap = {
  idOf: (field) =>
    field && REGISTER_FIELDS.includes(field) ? `register-${field}` : field === undefined ? 'register-memberCode' : 'register-openApiFile',
  byCode: {
    EXCHANGE_MEMBER_UNKNOWN: 'memberCode',
    EXCHANGE_MEMBER_REVOKED: 'memberCode',
    EXCHANGE_SUBSYSTEM_UNKNOWN: 'subsystemCode',
    EXCHANGE_GATEWAY_UNKNOWN: 'gatewayCode',
    EXCHANGE_GATEWAY_REVOKED: 'gatewayCode',
    EXCHANGE_SERVICE_EXISTS: 'serviceCode',
    EXCHANGE_OPENAPI_INVALID: 'openApi',
    EXCHANGE_OPENAPI_TOO_LARGE: 'openApi',
  },
};
const updateFields: FieldMap = {
  idOf: (field) => (field === 'title' || field === 'gatewayCode' ? `update-${field}` : 'update-openApiFile'),
  byCode: { EXCHANGE_GATEWAY_UNKNOWN: 'gatewayCode', EXCHANGE_GATEWAY_REVOKED: 'gatewayCode' },
};

/** A refused form comes back with the uploaded document in the paste box: a browser never keeps a chosen file. */
function keepDocument(request: FastifyRequest, values: Record<string, string>): Record<string, string> {
  const file = formFile(request, 'openApiFile');
  return file ? { ...values, openApiText: file.content.toString('utf8') } : values;
}

/** Access rights that are in force, or waiting for the provider, per service id. */
function grantCounts(grants: Grant[]): Map<string, { inForce: number; proposed: number }> {
  const counts = new Map<string, { inForce: number; proposed: number }>();
  for (const g of grants) {
    const c = counts.get(g.service) ?? { inForce: 0, proposed: 0 };
    if (g.status === 'approved' && !g.isExpired) c.inForce += 1;
    if (g.status === 'proposed') c.proposed += 1;
    counts.set(g.service, c);
  }
  return counts;
}

export async function servicePages(app: FastifyInstance, options: ExchangePageOptions) {
  const authority = pageAuthority(app, options);

  /** Members of the federation whose services the user may register (the authority decides again on submit). */
  const providedBy = (request: FastifyRequest, members: Member[]) =>
    members.filter((m) => m.status === 'active' && m.organisationCode && hasRole(request.user, m.organisationCode, 'admin'));

  async function showList(request: FastifyRequest, reply: FastifyReply, code: string, extra: Record<string, unknown> = {}) {
    const federation = await getFederation(authority, code);
    const [services, members, grants, gateways] = await Promise.all([
      listServices(authority, code),
      listMembers(authority, code),
      listGrants(authority, code),
      listGateways(authority, code),
    ]);
    const counts = grantCounts(grants);
    const names = new Map(members.map((m) => [m.memberCode, m.name]));
    const mine = providedBy(request, members);
    const mineCodes = new Set(mine.map((m) => m.memberCode));
    return reply.view('exchange/services-list.njk', {
      title: `Services of ${federation.name}`,
      federation,
      services: services.map((s) => ({
        ...s,
        providerName: names.get(s.memberCode) ?? s.memberCode,
        grants: counts.get(s.id) ?? { inForce: 0, proposed: 0 },
        href: `/exchange/federations/${encodeURIComponent(code)}/services/${idPath(s.id)}`,
      })),
      providers: mine,
      subsystems: mine.flatMap((m) => m.subsystems.map((s) => ({ ...s, memberCode: m.memberCode, memberName: m.name }))),
      gateways: gateways.filter((g) => mineCodes.has(g.memberCode) && g.status !== 'revoked'),
      values: { memberCode: mine.length === 1 ? mine[0]!.memberCode : '' },
      fieldErrors: {},
      breadcrumbs: [...federationCrumbs(federation), { text: 'Services' }],
      ...extra,
    });
  }

  app.get<{ Params: { code: string } }>('/exchange/federations/:code/services', async (request, reply) =>
    showList(request, reply, request.params.code),
  );

  app.post<{ Params: { code: string } }>('/exchange/federations/:code/services', async (request, reply) => {
    const code = request.params.code;
    const f = formValues(request);
    try {
      const openApi = documentFromForm(formFile(request, 'openApiFile'), f.openApiText);
      const { service } = await registerService(authority, actorOf(request), {
        federationCode: code,
        memberCode: f.memberCode ?? '',
        subsystemCode: f.subsystemCode ?? '',
        serviceCode: f.serviceCode ?? '',
        serviceVersion: f.serviceVersion || undefined,
        gatewayCode: f.gatewayCode ?? '',
        title: f.title ?? '',
        openApi,
      });
      return reply.redirect(`/exchange/federations/${encodeURIComponent(code)}/services/${idPath(service.id)}?done=registered`, 303);
    } catch (error) {
      const refused = formErrors(error, registerFields);
      return showList(request, reply.code(refused.status), code, { ...refused, values: keepDocument(request, f) });
    }
  });

  async function showService(
    request: FastifyRequest,
    reply: FastifyReply,
    federation: Federation,
    service: Service,
    extra: Record<string, unknown> = {},
  ) {
    const code = federation.code;
    const [members, grants, gateways, { document, sha256 }] = await Promise.all([
      listMembers(authority, code),
      listGrants(authority, code, { service: service.id }),
      listGateways(authority, code, { memberCode: service.memberCode }),
      serviceDescription(authority, code, service.id),
    ]);
    const provider = members.find((m) => m.memberCode === service.memberCode);
    const href = `/exchange/federations/${encodeURIComponent(code)}/services/${idPath(service.id)}`;
    return reply.view('exchange/services-detail.njk', {
      title: service.title,
      federation,
      service,
      provider,
      href,
      openApiHref: `/api/exchange/federations/${encodeURIComponent(code)}/services/${idPath(service.id)}/openapi`,
      sha256,
      readable: readableDescription(document, service.operations),
      grants: grants.map((g) => ({ ...g, href: `/exchange/federations/${encodeURIComponent(code)}/grants/${g.id}` })),
      proposeHref: `/exchange/federations/${encodeURIComponent(code)}/grants/new?service=${encodeURIComponent(service.id)}`,
      canAdminister: Boolean(provider?.organisationCode && hasRole(request.user, provider.organisationCode, 'admin')),
      gateways: gateways.filter((g) => g.status !== 'revoked' || g.gatewayCode === service.gatewayCode),
      values: { title: service.title, gatewayCode: service.gatewayCode },
      fieldErrors: {},
      done: (request.query as { done?: string }).done,
      breadcrumbs: [
        ...federationCrumbs(federation),
        { text: 'Services', href: `/exchange/federations/${encodeURIComponent(code)}/services` },
        { text: service.serviceCode + (service.serviceVersion ? ` ${service.serviceVersion}` : '') },
      ],
      ...extra,
    });
  }

  app.get<{ Params: Params }>('/exchange/federations/:code/services/*', async (request, reply) => {
    const federation = await getFederation(authority, request.params.code);
    const service = await getService(authority, federation.code, request.params['*'].replace(/\/+$/, ''));
    return showService(request, reply, federation, service);
  });

  // A change to a service: …/services/<service id>/update, /disable or /enable.
  app.post<{ Params: Params }>('/exchange/federations/:code/services/*', async (request, reply) => {
    const federation = await getFederation(authority, request.params.code);
    const tail = request.params['*'].replace(/\/+$/, '');
    const verb = tail.slice(tail.lastIndexOf('/') + 1);
    const service = await getService(authority, federation.code, tail.slice(0, tail.lastIndexOf('/')));
    const back = `/exchange/federations/${encodeURIComponent(federation.code)}/services/${idPath(service.id)}`;
    const actor = actorOf(request);
    if (verb === 'disable' || verb === 'enable') {
      await setServiceEnabled(authority, actor, { federationCode: federation.code, serviceId: service.id, isEnabled: verb === 'enable' });
      return reply.redirect(`${back}?done=${verb}d`, 303);
    }
    if (verb !== 'update') return reply.callNotFound();
    const f = formValues(request);
    try {
      const openApi = documentFromForm(formFile(request, 'openApiFile'), f.openApiText);
      await updateService(authority, actor, {
        federationCode: federation.code,
        serviceId: service.id,
        title: f.title,
        gatewayCode: f.gatewayCode,
        ...(openApi === undefined ? {} : { openApi }),
      });
    } catch (error) {
      const refused = formErrors(error, updateFields);
      return showService(request, reply.code(refused.status), federation, service, { ...refused, values: keepDocument(request, f) });
    }
    return reply.redirect(`${back}?done=updated`, 303);
  });
}
