/**
 * Signed-in routes for what flows through a federation: services (the provider's own
 * administrators), access rights (proposed by the client or the provider, decided by the
 * provider) and successions (declared by the successor). A service is addressed by its
 * member, subsystem and code, with ?version= when it has one.
 */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { formatServiceId } from '../identifiers.ts';
import type { AuthorityContext } from './context.ts';
import { approveGrant, recertifyGrant, refuseGrant, revokeGrant } from './grant-decisions.ts';
import { getGrant, listGrants, proposeGrant } from './grants.ts';
import {
  actorOf,
  FederationCode,
  FederationParams,
  GrantParams,
  MemberParams,
  Note,
  OPENAPI_BODY_LIMIT,
  OpenApiDocument,
  ServiceParams,
  SubsystemParams,
  tags,
  VersionQuery,
} from './http-schemas.ts';
import { getMember } from './members.ts';
import { Grant, GrantStatus, Service, ServiceRegistration, Succession } from './model.ts';
import { listServices } from './service-catalogue.ts';
import { registerService, setServiceEnabled, updateService } from './services.ts';
import { declareSuccession, listSuccessions, withdrawSuccession } from './successions.ts';

const Day = Type.String({ format: 'date', description: 'YYYY-MM-DD' });

export async function serviceRoutes(app: FastifyInstance, { authority }: { authority: AuthorityContext }) {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  /** The id of the service a route names (the member's class comes from the register). */
  const serviceIdOf = async (params: { code: string; member: string; subsystem: string; service: string }, version?: string) => {
    const member = await getMember(authority, params.code, params.member);
    return formatServiceId({
      instance: params.code,
      memberClass: member.memberClass,
      memberCode: params.member,
      subsystemCode: params.subsystem,
      serviceCode: params.service,
      serviceVersion: version || undefined,
    });
  };

  api.get(
    '/api/exchange/federations/:code/services',
    {
      schema: {
        tags,
        summary: 'The federation’s services with their operations',
        params: FederationParams,
        querystring: Type.Object({ member: Type.Optional(Type.String({ maxLength: 63 })) }),
        response: { 200: Type.Array(Service) },
      },
    },
    async (request) => listServices(authority, request.params.code, { memberCode: request.query.member }),
  );

  api.post(
    '/api/exchange/federations/:code/members/:member/subsystems/:subsystem/services',
    {
      bodyLimit: OPENAPI_BODY_LIMIT,
      schema: {
        tags,
        summary: 'Register a service with its OpenAPI 3.1 document (the provider’s administrators); publishes',
        description:
          'The document must say openapi: 3.1.x, have info (title, version) and paths with at least one operation; each operation’s operationId is what grants name (one missing is derived as <method>-<path>, and listed in derivedOperationIds). At most 1 MB; every problem is listed.',
        params: SubsystemParams,
        body: Type.Object({
          serviceCode: Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$' }),
          serviceVersion: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$' })),
          gatewayCode: Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$', description: 'The member’s gateway that serves it' }),
          title: Type.String({ minLength: 1, maxLength: 200 }),
          openApi: OpenApiDocument,
        }),
        response: { 201: ServiceRegistration },
      },
    },
    async (request, reply) =>
      reply.code(201).send(
        await registerService(authority, actorOf(request), {
          federationCode: request.params.code,
          memberCode: request.params.member,
          subsystemCode: request.params.subsystem,
          ...request.body,
        }),
      ),
  );

  api.patch(
    '/api/exchange/federations/:code/members/:member/subsystems/:subsystem/services/:service',
    {
      bodyLimit: OPENAPI_BODY_LIMIT,
      schema: {
        tags,
        summary: 'Change a service’s title, gateway or OpenAPI document (the provider’s administrators); publishes',
        description:
          'A new document gets a new hash in the configuration; one that drops operations a live grant names is refused, naming the grants.',
        params: ServiceParams,
        querystring: VersionQuery,
        body: Type.Object({
          title: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
          gatewayCode: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$' })),
          openApi: Type.Optional(OpenApiDocument),
        }),
        response: { 200: ServiceRegistration },
      },
    },
    async (request) =>
      updateService(authority, actorOf(request), {
        federationCode: request.params.code,
        serviceId: await serviceIdOf(request.params, request.query.version),
        ...request.body,
      }),
  );

  for (const [verb, isEnabled] of [
    ['disable', false],
    ['enable', true],
  ] as const)
    api.post(
      `/api/exchange/federations/:code/members/:member/subsystems/:subsystem/services/:service/${verb}`,
      {
        schema: {
          tags,
          summary: `${verb === 'disable' ? 'Take a service out of' : 'Put a service back into'} the configuration (the provider’s administrators); publishes`,
          params: ServiceParams,
          querystring: VersionQuery,
          response: { 200: Service },
        },
      },
      async (request) =>
        setServiceEnabled(authority, actorOf(request), {
          federationCode: request.params.code,
          serviceId: await serviceIdOf(request.params, request.query.version),
          isEnabled,
        }),
    );

  api.get(
    '/api/exchange/federations/:code/grants',
    {
      schema: {
        tags,
        summary: 'Access rights, newest first, with days to expiry and whether recertification is overdue',
        params: FederationParams,
        querystring: Type.Object({
          status: Type.Optional(GrantStatus),
          client: Type.Optional(Type.String({ maxLength: 400 })),
          service: Type.Optional(Type.String({ maxLength: 400 })),
        }),
        response: { 200: Type.Array(Grant) },
      },
    },
    async (request) => listGrants(authority, request.params.code, request.query),
  );

  api.post(
    '/api/exchange/federations/:code/grants',
    {
      schema: {
        tags,
        summary: 'Propose an access right (an administrator of the client’s or the provider’s organisation)',
        description:
          'In force once the provider approves. To change an approved grant, propose a new one that supersedes it: the old one stays in force until the new one is approved.',
        params: FederationParams,
        body: Type.Object({
          client: Type.String({
            minLength: 7,
            maxLength: 400,
            description: 'INSTANCE/CLASS/MEMBER/SUBSYSTEM (may be of a trusted federation)',
          }),
          service: Type.String({ minLength: 9, maxLength: 400, description: 'INSTANCE/CLASS/MEMBER/SUBSYSTEM/SERVICE[/VERSION]' }),
          operations: Type.Array(Type.String({ minLength: 1, maxLength: 200 }), {
            minItems: 1,
            maxItems: 2000,
            description: 'operationIds, or ["*"]',
          }),
          purpose: Type.String({ minLength: 1, maxLength: 1000 }),
          lawfulBasis: Type.String({ minLength: 1, maxLength: 500 }),
          agreement: Type.String({ minLength: 1, maxLength: 500, description: 'The data-sharing agreement it rests on' }),
          validFrom: Day,
          expiresOn: Day,
          recertifyBy: Type.String({ format: 'date', description: 'On or before expiresOn' }),
          supersedes: Type.Optional(Type.String({ format: 'uuid' })),
        }),
        response: { 201: Grant },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await proposeGrant(authority, actorOf(request), { federationCode: request.params.code, ...request.body })),
  );

  api.get(
    '/api/exchange/federations/:code/grants/:id',
    { schema: { tags, summary: 'One access right', params: GrantParams, response: { 200: Grant } } },
    async (request) => getGrant(authority, request.params.code, request.params.id),
  );

  const decisions = { approve: approveGrant, refuse: refuseGrant, revoke: revokeGrant } as const;
  for (const [verb, decide] of Object.entries(decisions))
    api.post(
      `/api/exchange/federations/:code/grants/:id/${verb}`,
      {
        schema: {
          tags,
          summary: `${verb === 'approve' ? 'Approve a proposed' : verb === 'refuse' ? 'Refuse a proposed' : 'Revoke an approved'} access right (the provider’s administrators), with a note${verb === 'refuse' ? '' : '; publishes'}`,
          params: GrantParams,
          body: Note,
          response: { 200: Grant },
        },
      },
      async (request) =>
        decide(authority, actorOf(request), { federationCode: request.params.code, grantId: request.params.id, note: request.body.note }),
    );

  api.post(
    '/api/exchange/federations/:code/grants/:id/recertify',
    {
      schema: {
        tags,
        summary:
          'Confirm an approved access right is still needed, setting the next recertification day (the provider’s administrators); publishes',
        params: GrantParams,
        body: Type.Object({
          recertifyBy: Type.String({ format: 'date', description: 'After today, on or before expiresOn' }),
          note: Type.Optional(Type.String({ minLength: 1, maxLength: 1000 })),
        }),
        response: { 200: Grant },
      },
    },
    async (request) =>
      recertifyGrant(authority, actorOf(request), { federationCode: request.params.code, grantId: request.params.id, ...request.body }),
  );

  api.get(
    '/api/exchange/federations/:code/successions',
    {
      schema: {
        tags,
        summary: 'Declared successions, with their dual-running periods',
        params: FederationParams,
        response: { 200: Type.Array(Succession) },
      },
    },
    async (request) => listSuccessions(authority, request.params.code),
  );

  api.post(
    '/api/exchange/federations/:code/successions',
    {
      schema: {
        tags,
        summary: 'Declare that a member succeeds another (the successor’s administrators); publishes',
        description:
          'During dual running gateways treat the successor’s subsystems as holding the grants of the predecessor’s subsystems with the same codes; afterwards calls to the predecessor are answered Server.ClientProxy.SuccessionEnded.',
        params: FederationParams,
        body: Type.Object({
          predecessorCode: Type.String({ maxLength: 63 }),
          successorCode: Type.String({ maxLength: 63 }),
          dualRunningFrom: Day,
          dualRunningUntil: Day,
        }),
        response: { 201: Succession },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await declareSuccession(authority, actorOf(request), { federationCode: request.params.code, ...request.body })),
  );

  api.delete(
    '/api/exchange/federations/:code/successions/:member',
    {
      schema: {
        tags,
        summary: 'Withdraw the succession of a member (the successor’s administrators); publishes',
        params: Type.Object({ code: FederationCode, member: MemberParams.properties.member }),
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      await withdrawSuccession(authority, actorOf(request), {
        federationCode: request.params.code,
        predecessorCode: request.params.member,
      });
      return reply.code(204).send(null);
    },
  );
}
