/**
 * Signed-in routes for running a federation: federations, members and subsystems, gateways and
 * their enrolment tokens, certificates, trusted federations, publishing and the operations
 * overview. Reading is for any signed-in user (the configuration is public anyway); who may
 * change what is decided by the authority's functions (actor.ts), which audit refusals.
 */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { SignedConfiguration, SigningKey } from '../configuration/model.ts';
import { MEMBER_CLASSES } from '../identifiers.ts';
import { listCertificates, revokeCertificate } from './certificates.ts';
import type { AuthorityContext } from './context.ts';
import { createFederation, getFederation, listFederations, publishNow, updateFederation } from './federations.ts';
import { issueEnrolmentToken, listGateways, registerGateway, revokeGateway } from './gateways.ts';
import { actorOf, FederationCode, FederationParams, GatewayParams, MemberParams, Reason, tags } from './http-schemas.ts';
import { addSubsystem, admitMember, getMember, listMembers, revokeMember } from './members.ts';
import { Certificate, EnrolmentTokenIssued, Federation, Gateway, Member, OperationsOverview, TrustedFederation } from './model.ts';
import { operationsOverview } from './operations-overview.ts';
import { listTrustedFederations, trustFederation, untrustFederation } from './trust.ts';

const OrganisationCode = Type.String({ pattern: '^[a-z0-9][a-z0-9-]{1,62}$', description: 'A Joinery organisation code' });

export async function federationRoutes(app: FastifyInstance, { authority }: { authority: AuthorityContext }) {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  api.get(
    '/api/exchange/federations',
    {
      schema: {
        tags,
        summary: 'Every federation this server knows: its own and those it trusts',
        response: { 200: Type.Array(Federation) },
      },
    },
    async () => listFederations(authority),
  );

  api.post(
    '/api/exchange/federations',
    {
      schema: {
        tags,
        summary: 'Create a hosted federation: its CA, configuration-signing and timestamping keys, and its first configuration',
        description:
          'Needs the admin role in the operator organisation, whose administrators then run the federation. Its members are also a core partnership of kind federation with the same code.',
        body: Type.Object({
          code: FederationCode,
          name: Type.String({ minLength: 1, maxLength: 200 }),
          publicUrl: Type.String({
            minLength: 1,
            maxLength: 400,
            description: 'The authority’s public base URL, e.g. https://exchange.wessex.example',
          }),
          operatorOrganisationCode: OrganisationCode,
          organisationCodes: Type.Optional(Type.Array(OrganisationCode, { maxItems: 500, description: 'Organisations admitted at once' })),
          configurationValidityHours: Type.Optional(Type.Integer({ minimum: 1, maximum: 8760 })),
        }),
        response: { 201: Federation },
      },
    },
    async (request, reply) => reply.code(201).send(await createFederation(authority, actorOf(request), request.body)),
  );

  api.get(
    '/api/exchange/federations/:code',
    { schema: { tags, summary: 'A hosted federation', params: FederationParams, response: { 200: Federation } } },
    async (request) => getFederation(authority, request.params.code),
  );

  api.patch(
    '/api/exchange/federations/:code',
    {
      schema: {
        tags,
        summary: 'Change a federation’s name or how long its configurations stay valid (its operators); publishes',
        params: FederationParams,
        body: Type.Object({
          name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
          configurationValidityHours: Type.Optional(Type.Integer({ minimum: 1, maximum: 8760 })),
        }),
        response: { 200: Federation },
      },
    },
    async (request) => updateFederation(authority, actorOf(request), request.params.code, request.body),
  );

  api.get(
    '/api/exchange/federations/:code/members',
    {
      schema: {
        tags,
        summary: 'The federation’s members and their subsystems',
        params: FederationParams,
        response: { 200: Type.Array(Member) },
      },
    },
    async (request) => listMembers(authority, request.params.code),
  );

  api.post(
    '/api/exchange/federations/:code/members',
    {
      schema: {
        tags,
        summary: 'Admit an organisation as a member (the federation’s operators); publishes',
        description:
          'Its member code is its organisation code; its class follows from its type (councils, police, fire, schools GOV; NHS bodies NHS; housing associations NGO; others COM) unless given.',
        params: FederationParams,
        body: Type.Object({
          organisationCode: OrganisationCode,
          memberClass: Type.Optional(Type.Union(MEMBER_CLASSES.map((c) => Type.Literal(c)))),
        }),
        response: { 201: Member },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await admitMember(authority, actorOf(request), { federationCode: request.params.code, ...request.body })),
  );

  api.get(
    '/api/exchange/federations/:code/members/:member',
    { schema: { tags, summary: 'A member and its subsystems', params: MemberParams, response: { 200: Member } } },
    async (request) => getMember(authority, request.params.code, request.params.member),
  );

  api.post(
    '/api/exchange/federations/:code/members/:member/revoke',
    {
      schema: {
        tags,
        summary: 'Revoke a member, its gateways and their certificates (the federation’s operators); publishes',
        params: MemberParams,
        body: Reason,
        response: { 200: Member },
      },
    },
    async (request) =>
      revokeMember(authority, actorOf(request), {
        federationCode: request.params.code,
        memberCode: request.params.member,
        reason: request.body.reason,
      }),
  );

  api.post(
    '/api/exchange/federations/:code/members/:member/subsystems',
    {
      schema: {
        tags,
        summary: 'Add a subsystem to a member (the member’s administrators); publishes',
        params: MemberParams,
        body: Type.Object({
          code: Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$' }),
          name: Type.String({ minLength: 1, maxLength: 200 }),
        }),
        response: { 201: Member },
      },
    },
    async (request, reply) =>
      reply.code(201).send(
        await addSubsystem(authority, actorOf(request), {
          federationCode: request.params.code,
          memberCode: request.params.member,
          ...request.body,
        }),
      ),
  );

  api.get(
    '/api/exchange/federations/:code/gateways',
    {
      schema: {
        tags,
        summary: 'The federation’s gateways',
        params: FederationParams,
        querystring: Type.Object({ member: Type.Optional(Type.String({ maxLength: 63 })) }),
        response: { 200: Type.Array(Gateway) },
      },
    },
    async (request) => listGateways(authority, request.params.code, { memberCode: request.query.member }),
  );

  api.post(
    '/api/exchange/federations/:code/members/:member/gateways',
    {
      schema: {
        tags,
        summary: 'Register a gateway of a member (the member’s administrators): returns its one-time enrolment token, shown once',
        description: 'The token works once, for 24 hours; the gateway enrols with it (POST …/enrolments).',
        params: MemberParams,
        body: Type.Object({
          gatewayCode: Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$' }),
          address: Type.String({ minLength: 1, maxLength: 500, description: 'https://host:port, e.g. https://127.0.0.1:5501' }),
        }),
        response: { 201: EnrolmentTokenIssued },
      },
    },
    async (request, reply) =>
      reply.code(201).send(
        await registerGateway(authority, actorOf(request), {
          federationCode: request.params.code,
          memberCode: request.params.member,
          ...request.body,
        }),
      ),
  );

  api.post(
    '/api/exchange/federations/:code/members/:member/gateways/:gateway/enrolment-tokens',
    {
      schema: {
        tags,
        summary: 'A new enrolment token for a registered gateway (lost token, certificate renewal); its unused ones stop working',
        params: GatewayParams,
        response: { 201: EnrolmentTokenIssued },
      },
    },
    async (request, reply) =>
      reply.code(201).send(
        await issueEnrolmentToken(authority, actorOf(request), {
          federationCode: request.params.code,
          memberCode: request.params.member,
          gatewayCode: request.params.gateway,
        }),
      ),
  );

  api.post(
    '/api/exchange/federations/:code/members/:member/gateways/:gateway/revoke',
    {
      schema: {
        tags,
        summary: 'Revoke a gateway and its certificates (the member’s administrators or the operators); publishes',
        params: GatewayParams,
        body: Reason,
        response: { 200: Gateway },
      },
    },
    async (request) =>
      revokeGateway(authority, actorOf(request), {
        federationCode: request.params.code,
        memberCode: request.params.member,
        gatewayCode: request.params.gateway,
        reason: request.body.reason,
      }),
  );

  api.get(
    '/api/exchange/federations/:code/certificates',
    {
      schema: {
        tags,
        summary: 'Every certificate the federation’s CA has issued, newest first',
        params: FederationParams,
        querystring: Type.Object({
          member: Type.Optional(Type.String({ maxLength: 63 })),
          gateway: Type.Optional(Type.String({ maxLength: 63 })),
          revoked: Type.Optional(Type.Boolean()),
        }),
        response: { 200: Type.Array(Certificate) },
      },
    },
    async (request) =>
      listCertificates(authority, request.params.code, {
        memberCode: request.query.member,
        gatewayCode: request.query.gateway,
        isRevoked: request.query.revoked,
      }),
  );

  api.post(
    '/api/exchange/federations/:code/certificates/:serial/revoke',
    {
      schema: {
        tags,
        summary: 'Revoke a gateway’s certificate (its member’s administrators or the operators); publishes',
        params: Type.Object({ code: FederationCode, serial: Type.String({ pattern: '^[0-9A-Fa-f]{1,64}$' }) }),
        body: Reason,
        response: { 200: Certificate },
      },
    },
    async (request) =>
      revokeCertificate(authority, actorOf(request), {
        federationCode: request.params.code,
        serialNumber: request.params.serial,
        reason: request.body.reason,
      }),
  );

  api.get(
    '/api/exchange/federations/:code/trusted-federations',
    {
      schema: {
        tags,
        summary: 'The federations whose members may be granted access here',
        params: FederationParams,
        response: { 200: Type.Array(TrustedFederation) },
      },
    },
    async (request) => listTrustedFederations(authority, request.params.code),
  );

  api.post(
    '/api/exchange/federations/:code/trusted-federations',
    {
      schema: {
        tags,
        summary: 'Trust another federation, from its anchor (the operators); publishes',
        description:
          'Send the other authority’s anchor (its GET …/anchor) with code = its instance. Each key id must be the SHA-256 of its key.',
        params: FederationParams,
        body: Type.Object({
          code: FederationCode,
          name: Type.String({ minLength: 1, maxLength: 200 }),
          configurationUrl: Type.String({ minLength: 1, maxLength: 500 }),
          signingKeys: Type.Array(SigningKey, { minItems: 1, maxItems: 10 }),
        }),
        response: { 201: TrustedFederation },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await trustFederation(authority, actorOf(request), { federationCode: request.params.code, ...request.body })),
  );

  api.delete(
    '/api/exchange/federations/:code/trusted-federations/:trusted',
    {
      schema: {
        tags,
        summary: 'Stop trusting a federation (the operators); publishes',
        params: Type.Object({ code: FederationCode, trusted: FederationCode }),
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      await untrustFederation(authority, actorOf(request), { federationCode: request.params.code, code: request.params.trusted });
      return reply.code(204).send(null);
    },
  );

  api.post(
    '/api/exchange/federations/:code/configuration/publish',
    {
      schema: {
        tags,
        summary: 'Publish a new configuration now (the operators), e.g. before the current one expires',
        params: FederationParams,
        response: { 201: SignedConfiguration },
      },
    },
    async (request, reply) => reply.code(201).send(await publishNow(authority, actorOf(request), request.params.code)),
  );

  api.get(
    '/api/exchange/federations/:code/operations',
    {
      schema: {
        tags,
        summary:
          'The federation in operation: gateways’ health, traffic per service and client, certificates about to expire (the operators)',
        params: FederationParams,
        querystring: Type.Object({
          hours: Type.Optional(Type.Integer({ minimum: 1, maximum: 744, description: 'The traffic window; default 24' })),
        }),
        response: { 200: OperationsOverview },
      },
    },
    async (request) => operationsOverview(authority, actorOf(request), request.params.code, { windowHours: request.query.hours ?? 24 }),
  );
}
