/**
 * Signed-in routes for the certification authorities a federation trusts: its own and the
 * external ones whose gateway certificates it accepts (certification-authorities.ts), and their
 * revocation lists (revocation-lists.ts). Reading is for any signed-in user; trusting, stopping and
 * applying a list are for the federation's operators.
 */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { coreError } from '@joinery/core';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import {
  listCertificationAuthorities,
  stopTrustingCertificationAuthority,
  trustCertificationAuthority,
} from './certification-authorities.ts';
import type { AuthorityContext } from './context.ts';
import { REVOCATION_LIST_MAX_BYTES } from '../pki/revocation-list.ts';
import { applyRevocationList } from './revocation-lists.ts';
import { actorOf, FederationCode, FederationParams, Reason, tags } from './http-schemas.ts';
import { CertificationAuthority } from './model.ts';

const Fingerprint = Type.String({
  pattern: '^[0-9a-fA-F]{2}(:?[0-9a-fA-F]{2}){31}$',
  description: 'SHA-256 of the CA certificate’s DER, hex (colons allowed)',
});

export async function certificationAuthorityRoutes(app: FastifyInstance, { authority }: { authority: AuthorityContext }) {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  api.get(
    '/api/exchange/federations/:code/certification-authorities',
    {
      schema: {
        tags,
        summary: 'The certification authorities whose gateway certificates the federation accepts: its own, then external ones',
        params: FederationParams,
        querystring: Type.Object({
          removed: Type.Optional(
            Type.Union([Type.Literal('yes'), Type.Literal('no')], { description: 'yes: include those no longer trusted' }),
          ),
        }),
        response: { 200: Type.Array(CertificationAuthority) },
      },
    },
    async (request) =>
      listCertificationAuthorities(authority, request.params.code, { isIncludingRemoved: request.query.removed === 'yes' }),
  );

  api.post(
    '/api/exchange/federations/:code/certification-authorities',
    {
      schema: {
        tags,
        summary: 'Trust an external certification authority (the operators); publishes',
        description:
          'Its members’ gateways may then enrol with certificates it issued (POST …/enrolments with authCertificatePem and signCertificatePem). The certificate must be a CA certificate (basicConstraints cA, keyCertSign), valid now.',
        params: FederationParams,
        body: Type.Object({
          name: Type.String({ minLength: 1, maxLength: 200, description: 'What the operators call it' }),
          certificatePem: Type.String({ minLength: 1, maxLength: 20_000, description: 'The CA certificate, PEM' }),
        }),
        response: { 201: CertificationAuthority },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await trustCertificationAuthority(authority, actorOf(request), { federationCode: request.params.code, ...request.body })),
  );

  api.post(
    '/api/exchange/federations/:code/certification-authorities/:fingerprint/remove',
    {
      schema: {
        tags,
        summary: 'Stop trusting an external certification authority (the operators): revokes every certificate it issued here; publishes',
        params: Type.Object({ code: FederationCode, fingerprint: Fingerprint }),
        body: Reason,
        response: {
          200: Type.Object({
            authority: CertificationAuthority,
            revokedSerialNumbers: Type.Array(Type.String(), { description: 'The gateway certificates revoked with it' }),
          }),
        },
      },
    },
    async (request) =>
      stopTrustingCertificationAuthority(authority, actorOf(request), {
        federationCode: request.params.code,
        fingerprint: request.params.fingerprint,
        reason: request.body.reason,
      }),
  );

  api.post(
    '/api/exchange/federations/:code/certification-authorities/:fingerprint/revocation-list',
    {
      // A large CA's list runs to megabytes; base64 adds a third.
      bodyLimit: Math.ceil(REVOCATION_LIST_MAX_BYTES * 1.4) + 4096,
      // Sign-in is checked once the body is read; a caller with neither token nor session is turned away before it is.
      onRequest: async (request) => {
        if (!request.headers.authorization && !request.session?.get('userId')) throw coreError('CORE_SIGN_IN_REQUIRED');
      },
      schema: {
        tags,
        summary:
          'Apply an external CA’s revocation list (the operators): revokes every certificate it lists that a gateway enrolled with here; publishes',
        description:
          'The list must be the CA’s full CRL (not a delta), issued and signed by it, not dated in the future, and no older than the list last applied (by CRL number, else by date). A list past its next update is applied and reported overdue. Enrolment then refuses any certificate it lists.',
        params: Type.Object({ code: FederationCode, fingerprint: Fingerprint }),
        body: Type.Object({
          crl: Type.String({ minLength: 1, description: 'The CRL as PEM (-----BEGIN X509 CRL-----), or its DER as base64' }),
        }),
        response: {
          200: Type.Object({
            authority: CertificationAuthority,
            listed: Type.Integer({ description: 'How many certificates the list names' }),
            revokedSerialNumbers: Type.Array(Type.String(), { description: 'The gateway certificates it revoked here now' }),
            alreadyRevoked: Type.Integer({ description: 'Those it names that were revoked here already' }),
          }),
        },
      },
    },
    async (request) =>
      applyRevocationList(authority, actorOf(request), {
        federationCode: request.params.code,
        fingerprint: request.params.fingerprint,
        crl: request.body.crl,
      }),
  );
}
