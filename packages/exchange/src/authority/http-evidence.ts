/**
 * POST /api/exchange/evidence/verifications: an evidence bundle checked for any signed-in caller,
 * as the page /exchange/evidence and `joinery exchange verify-evidence` check it, and audited.
 */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Database } from '@joinery/core';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { checkEvidence, EVIDENCE_MAX_BYTES } from '../evidence/verification.ts';
import { readSha256Fingerprints } from '../pki/fingerprint-text.ts';
import { authorityError } from './errors.ts';
import { tags } from './http-schemas.ts';

const EvidenceVerification = Type.Object({
  holds: Type.Boolean({ description: 'True when every check passed, against the CAs given (or, without them, the bundle’s own)' }),
  messageId: Type.Union([Type.String(), Type.Null()]),
  gateway: Type.Union([Type.String(), Type.Null()], { description: 'The gateway whose log the entries come from' }),
  signers: Type.Array(Type.String(), { description: 'The gateways whose signatures verified' }),
  sha256: Type.String({ description: 'Of the bundle as sent: what the audit event records' }),
  entries: Type.Array(
    Type.Object({
      seq: Type.Integer(),
      direction: Type.String(),
      method: Type.String(),
      path: Type.String(),
      status: Type.Union([Type.Integer(), Type.Null()]),
      loggedAt: Type.String(),
      timestampedAt: Type.Union([Type.String(), Type.Null()], { description: 'RFC 3161 genTime of its checkpoint' }),
    }),
  ),
  problems: Type.Array(Type.Object({ severity: Type.String(), message: Type.String() })),
});

export async function evidenceRoutes(app: FastifyInstance, { database }: { database: Database }) {
  app.withTypeProvider<TypeBoxTypeProvider>().post(
    '/api/exchange/evidence/verifications',
    {
      // The bundle as JSON inside JSON: room for the largest bundle the page takes.
      bodyLimit: EVIDENCE_MAX_BYTES + 65_536,
      schema: {
        tags,
        summary: 'Verify an evidence bundle (from joinery exchange evidence): any signed-in user; audited',
        description:
          'The same checks as joinery exchange verify-evidence: the chain proof to a signed checkpoint, its RFC 3161 timestamp, each certificate’s chain to a CA you trust, each message’s RFC 9421 signature and RFC 9530 digest. Give the federation CA’s fingerprint (and a member’s own CA’s when its gateway took part); without any, the bundle is checked only against the certificates it carries.',
        body: Type.Object({
          bundle: Type.Object({}, { additionalProperties: true, description: 'The bundle, as the JSON file holds it' }),
          trustedCaFingerprints: Type.Optional(
            Type.Array(Type.String({ maxLength: 200 }), {
              maxItems: 20,
              description: 'SHA-256 fingerprints, hex (colons, a SHA-256 label allowed)',
            }),
          ),
        }),
        response: { 200: EvidenceVerification },
      },
    },
    async (request) => {
      const { fingerprints, unread } = readSha256Fingerprints(request.body.trustedCaFingerprints ?? []);
      if (unread !== undefined)
        throw authorityError('EXCHANGE_EVIDENCE_INVALID', `“${unread.slice(0, 80)}” is not a SHA-256 fingerprint (64 hex digits)`);
      const content = Buffer.from(JSON.stringify(request.body.bundle));
      const checked = await checkEvidence(database, {
        content,
        bundle: request.body.bundle,
        trustedCaFingerprints: fingerprints,
        user: request.user,
        actingFor: request.actingFor,
        clientAddress: request.ip,
      });
      if (checked.isNotEvidence)
        throw authorityError('EXCHANGE_EVIDENCE_INVALID', 'The bundle is not an evidence bundle (joinery-exchange-evidence/1)');
      return {
        holds: checked.report.isValid,
        messageId: checked.report.messageId ?? null,
        gateway: checked.report.gateway ?? null,
        signers: checked.report.signers,
        sha256: checked.sha256,
        entries: checked.entries,
        problems: checked.problems,
      };
    },
  );
}
