/**
 * The authority's public endpoints: what gateways (and other authorities, and auditors) call
 * without signing in. Each proves itself its own way — the configuration by its signature, an
 * enrolment by its one-time token, a report by the gateway's signature, a timestamp request
 * needs nothing — so none uses the session, and none is subject to CSRF checks (`csrf: false`).
 */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { Type } from 'typebox';
import { SignedConfiguration } from '../configuration/model.ts';
import type { AuthorityContext } from './context.ts';
import { enrolGateway } from './enrolment.ts';
import { readEnrolmentToken } from './enrolment-token.ts';
import { authorityError } from './errors.ts';
import { SignedGatewayReport } from './gateway-report.ts';
import { ConfigurationAnchor, Enrolment, ReceivedReport } from './model.ts';
import { configurationBySerial, federationAnchor, latestConfiguration } from './configuration.ts';
import { receiveGatewayReport } from './reports.ts';
import { serviceDescription } from './service-catalogue.ts';
import { respondToTimestampQuery, TIMESTAMP_QUERY_MAX_BYTES } from './timestamps.ts';
import { FederationParams, tags } from './http-schemas.ts';

const PUBLIC = { isPublic: true, csrf: false };

/** Sends JSON text as it is: stored documents are served without being parsed and serialised again. */
const sendJsonText = (reply: FastifyReply, text: string) => reply.type('application/json; charset=utf-8').send(text);

export async function publicAuthorityRoutes(app: FastifyInstance, { authority }: { authority: AuthorityContext }) {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  // RFC 3161 §3.4: requests and responses over HTTP are these two media types, DER bodies.
  app.addContentTypeParser(
    'application/timestamp-query',
    { parseAs: 'buffer', bodyLimit: TIMESTAMP_QUERY_MAX_BYTES },
    (_request, body, done) => done(null, body),
  );

  api.get(
    '/api/exchange/federations/:code/configuration',
    {
      config: PUBLIC,
      schema: {
        tags,
        summary: 'The federation’s latest signed configuration (what every gateway downloads)',
        description:
          'Verify it with the anchor’s signing keys (Ed25519 over its RFC 8785 form). ETag is the serial; send If-None-Match to get 304 when unchanged.',
        params: FederationParams,
        response: { 200: SignedConfiguration, 304: Type.Null({ description: 'Unchanged since the ETag sent' }) },
      },
    },
    async (request, reply) => {
      const signed = await latestConfiguration(authority, request.params.code);
      if (!signed)
        throw authorityError(
          'EXCHANGE_CONFIGURATION_UNPUBLISHED',
          `Federation "${request.params.code}" has not published a configuration yet`,
        );
      const etag = `"${request.params.code}-${signed.configuration.serial}"`;
      reply.header('cache-control', 'no-cache').header('etag', etag);
      if (request.headers['if-none-match'] === etag) return reply.code(304).send(null);
      // Sent as stored: the bytes signed are the JCS form, so re-serialising is harmless, but there is no need.
      return sendJsonText(reply, JSON.stringify(signed));
    },
  );

  api.get(
    '/api/exchange/federations/:code/configuration/:serial',
    {
      config: PUBLIC,
      schema: {
        tags,
        summary: 'One published configuration by serial (to check evidence signed under it)',
        params: Type.Object({ code: FederationParams.properties.code, serial: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) }),
        response: { 200: SignedConfiguration },
      },
    },
    async (request, reply) => {
      const signed = await configurationBySerial(authority, request.params.code, request.params.serial);
      return sendJsonText(reply.header('cache-control', 'public, max-age=31536000, immutable'), JSON.stringify(signed));
    },
  );

  api.get(
    '/api/exchange/federations/:code/anchor',
    {
      config: PUBLIC,
      schema: {
        tags,
        summary: 'The federation’s configuration anchor: where its configuration is and which keys sign it',
        description:
          'Another authority records this to trust the federation (joinery exchange trust add --anchor). Compare the key ids out of band before trusting them.',
        params: FederationParams,
        response: { 200: ConfigurationAnchor },
      },
    },
    async (request) => federationAnchor(authority, request.params.code),
  );

  api.get(
    '/api/exchange/federations/:code/services/*',
    {
      config: PUBLIC,
      schema: {
        tags,
        summary: 'A service’s OpenAPI 3.1 document: …/services/INSTANCE/CLASS/MEMBER/SUBSYSTEM/SERVICE[/VERSION]/openapi',
        description: 'Its SHA-256 over the RFC 8785 (JCS) form is the openApiSha256 in the configuration (also sent as the ETag).',
        params: Type.Object({
          code: FederationParams.properties.code,
          '*': Type.String({ maxLength: 420, description: 'The service id, then /openapi' }),
        }),
        response: { 200: Type.Object({}, { additionalProperties: true, description: 'The OpenAPI 3.1 document' }) },
      },
    },
    async (request, reply) => {
      const tail = request.params['*'];
      if (!tail.endsWith('/openapi')) throw authorityError('EXCHANGE_SERVICE_UNKNOWN', 'Ask for …/services/<service id>/openapi');
      const { document, sha256 } = await serviceDescription(authority, request.params.code, tail.slice(0, -'/openapi'.length));
      return sendJsonText(reply.header('etag', `"${sha256}"`).header('cache-control', 'no-cache'), JSON.stringify(document));
    },
  );

  api.post(
    '/api/exchange/federations/:code/enrolments',
    {
      config: PUBLIC,
      schema: {
        tags,
        summary:
          'A new gateway enrols: its one-time token and two PKCS #10 requests (auth, sign) for its certificates, or with certificates an external CA the federation trusts issued for them',
        description:
          'Unauthenticated but token-checked. Wrong or expired token: 401; used token: 409; a request whose self-signature does not verify, or a presented certificate that is not for its key, not from a trusted CA, not valid now or not fit for its use: 400. A refused enrolment changes nothing.',
        params: FederationParams,
        body: Type.Object({
          token: Type.String({ minLength: 1, maxLength: 4000 }),
          authCsrPem: Type.String({ minLength: 1, maxLength: 20_000 }),
          signCsrPem: Type.String({ minLength: 1, maxLength: 20_000 }),
          authCertificatePem: Type.Optional(
            Type.String({
              minLength: 1,
              maxLength: 20_000,
              description: 'A certificate for the auth request’s key from an external CA the federation trusts (with signCertificatePem)',
            }),
          ),
          signCertificatePem: Type.Optional(
            Type.String({ minLength: 1, maxLength: 20_000, description: 'The same for the sign request’s key' }),
          ),
        }),
        response: { 201: Enrolment },
      },
    },
    async (request, reply) => {
      // The token names its federation; a token for another one is refused before it is looked at (and not spent).
      const claims = readEnrolmentToken(request.body.token)?.claims;
      if (claims && claims.federation !== request.params.code)
        throw authorityError(
          'EXCHANGE_ENROLMENT_TOKEN_INVALID',
          `The token is for federation ${claims.federation}: enrol at ${claims.configurationUrl.replace(/\/configuration$/, '/enrolments')}`,
        );
      const enrolment = await enrolGateway(authority, { ...request.body, clientAddress: request.ip });
      return reply.code(201).send(enrolment);
    },
  );

  api.post(
    '/api/exchange/federations/:code/timestamps',
    {
      config: PUBLIC,
      schema: {
        tags,
        summary: 'RFC 3161 timestamping: a DER TimeStampReq (application/timestamp-query) answered with a DER TimeStampResp',
        description: 'A malformed request is answered 200 with a rejection status inside the response, as RFC 3161 §2.4.2 asks.',
        consumes: ['application/timestamp-query'],
        produces: ['application/timestamp-reply'],
        params: FederationParams,
        response: { 200: Type.String({ format: 'binary', description: 'A DER TimeStampResp (application/timestamp-reply)' }) },
      },
    },
    async (request, reply) => {
      if (!Buffer.isBuffer(request.body))
        throw authorityError('EXCHANGE_TIMESTAMP_INVALID', 'Send a DER TimeStampReq with Content-Type: application/timestamp-query');
      const response = await respondToTimestampQuery(authority, request.params.code, request.body);
      // DER bytes, sent as they are (the schema above documents them; Fastify does not serialise a Buffer).
      return (reply as FastifyReply).type('application/timestamp-reply').send(response);
    },
  );

  api.post(
    '/api/exchange/federations/:code/gateway-reports',
    {
      config: PUBLIC,
      schema: {
        tags,
        summary: 'A gateway reports its traffic, certificates and message-log head, signed with its sign key',
        description:
          'signature: base64 Ed25519 over the report’s RFC 8785 (JCS) form, verified with the gateway’s current sign certificate (or certificateSerial). 401 when it does not verify.',
        params: FederationParams,
        body: SignedGatewayReport,
        response: { 202: ReceivedReport, 200: ReceivedReport },
      },
    },
    async (request, reply) => {
      if (!request.body.report.gatewayId.startsWith(`${request.params.code}/`))
        throw authorityError('EXCHANGE_REPORT_INVALID', `The report is for a gateway of another federation than ${request.params.code}`);
      const received = await receiveGatewayReport(authority, { ...request.body, clientAddress: request.ip });
      return reply.code(received.isDuplicate ? 200 : 202).send(received);
    },
  );
}
