/**
 * /exchange/evidence: anyone signed in checks an evidence bundle (from `joinery exchange
 * evidence`) exactly as `joinery exchange verify-evidence` does — the chain proof to a signed
 * checkpoint, its RFC 3161 timestamp, each certificate's chain to the CA, each message's RFC
 * 9421 signature and RFC 9530 digest — optionally against the CA fingerprint they expect.
 * Verifying reads no personal data held here (the bundle is the user's own), so any signed-in
 * user may; each verification is audited with the bundle's SHA-256 and the outcome.
 */
import { createHash } from 'node:crypto';
import { recordAudit } from '@joinery/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { verifyEvidenceBundle } from '../evidence/evidence.ts';
import { formFields, formFile, pageError, type FormState, type PageGroup } from './page-kit.ts';

/** A bundle holds a message's entries (bodies included) and a few certificates: 10 MB is far above any real one. */
export const EVIDENCE_MAX_BYTES = 10 * 1_048_576;

const FINGERPRINT = /^[0-9a-f]{64}$/;

const DIRECTIONS: Record<string, string> = {
  'request-out': 'Request sent',
  'request-in': 'Request received',
  'response-out': 'Answer sent',
  'response-in': 'Answer received',
  refused: 'Refused',
};

export const evidencePages: PageGroup = async (app, { database }) => {
  const show = (reply: FastifyReply, form: FormState & Record<string, unknown> = {}) =>
    reply.view('exchange/evidence.njk', {
      title: 'Verify an evidence bundle',
      breadcrumbs: [{ text: 'Exchange', href: '/exchange' }, { text: 'Verify evidence' }],
      values: form.values ?? {},
      fieldErrors: form.fieldErrors ?? {},
      ...form,
    });

  app.get('/exchange/evidence', async (_request, reply) => show(reply));

  app.post('/exchange/evidence', async (request: FastifyRequest, reply) => {
    const f = formFields(request);
    const file = formFile(request, 'bundle');
    const fingerprint = (f.ca ?? '').toLowerCase().replace(/[:\s]/g, '');
    const refuse = (text: string, input: string) => show(reply.code(400), { values: f, ...pageError(text, `#${input}`) });
    if (!file) return refuse('Choose the evidence bundle (a .json file from joinery exchange evidence)', 'bundle');
    if (file.content.length > EVIDENCE_MAX_BYTES)
      return refuse(
        `The file ${file.filename} is larger than an evidence bundle can be (${EVIDENCE_MAX_BYTES / 1_048_576} MB at most)`,
        'bundle',
      );
    if (fingerprint && !FINGERPRINT.test(fingerprint))
      return refuse('The CA fingerprint is 64 hexadecimal characters (the SHA-256 shown on the federation’s configuration page)', 'ca');
    let bundle: unknown;
    try {
      bundle = JSON.parse(file.content.toString('utf8'));
    } catch (error) {
      return refuse(
        `The file ${file.filename} is not JSON (${(error as Error).message}): choose the bundle joinery exchange evidence wrote`,
        'bundle',
      );
    }
    const report = verifyEvidenceBundle(bundle, fingerprint ? { trustedCaFingerprints: [fingerprint] } : {});
    if (report.problems.some((p) => p.kind === 'not-evidence'))
      return refuse(`The file ${file.filename} is JSON but not an evidence bundle (joinery-exchange-evidence/1)`, 'bundle');
    const sha256 = createHash('sha256').update(file.content).digest('hex');
    await recordAudit(database.db, {
      actor: request.user,
      organisationCode: request.actingFor,
      action: 'exchange.evidence.verify',
      subjectType: 'exchange-message',
      subjectId: (report.messageId ?? sha256).slice(0, 200),
      details: {
        holds: report.isValid,
        gateway: report.gateway ?? null,
        fileName: file.filename.slice(0, 200),
        sha256,
        trustedCa: fingerprint || null,
        problems: report.problems.length + report.trustProblems.length,
      },
      clientAddress: request.ip,
    });
    return show(reply, {
      values: f,
      report,
      fileName: file.filename,
      sha256,
      fingerprint,
      entries: report.entries.map((e) => ({
        seq: e.seq,
        direction: DIRECTIONS[e.record.direction] ?? e.record.direction,
        method: e.record.method ?? '',
        path: e.record.path ?? '',
        status: e.record.status ?? '',
        // To the millisecond, as logged: evidence is about exactly when.
        loggedAt: e.at,
        timestampedAt: report.timestamps.find((t) => t.seq === e.seq)?.genTime.toISOString() ?? '',
      })),
      problems: [
        ...report.trustProblems.map((message) => ({ severity: 'error', message })),
        ...report.problems.map((p) => ({ severity: p.severity, message: p.message })),
      ],
    });
  });
};
