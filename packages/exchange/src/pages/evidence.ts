/**
 * /exchange/evidence: anyone signed in checks an evidence bundle (from `joinery exchange
 * evidence`) exactly as `joinery exchange verify-evidence` does — the chain proof to a signed
 * checkpoint, its RFC 3161 timestamp, each certificate's chain to the CA, each message's RFC
 * 9421 signature and RFC 9530 digest — optionally against the CA fingerprint they expect.
 * Verifying reads no personal data held here (the bundle is the user's own), so any signed-in
 * user may; each verification is audited with the bundle's SHA-256 and the outcome.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { checkEvidence, EVIDENCE_MAX_BYTES } from '../evidence/verification.ts';
import { readSha256Fingerprints } from '../pki/fingerprint-text.ts';
import { formFields, formFile, pageError, type FormState, type PageGroup } from './page-kit.ts';

export { EVIDENCE_MAX_BYTES };

/** One or more fingerprints, one a line or separated by commas, each as copied (label, colons). */
const readFingerprints = (text: string) =>
  readSha256Fingerprints(
    text
      .split(/[,\n]/)
      .map((part) => part.trim())
      .filter(Boolean),
  );

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
    const { fingerprints, unread } = readFingerprints(f.ca ?? '');
    const refuse = (text: string, input: string) => show(reply.code(400), { values: f, ...pageError(text, `#${input}`) });
    if (!file) return refuse('Choose the evidence bundle (a .json file from joinery exchange evidence)', 'bundle');
    if (file.content.length > EVIDENCE_MAX_BYTES)
      return refuse(
        `The file ${file.filename} is larger than an evidence bundle can be (${EVIDENCE_MAX_BYTES / 1_048_576} MB at most)`,
        'bundle',
      );
    if (unread)
      return refuse(
        `“${unread.slice(0, 80)}” is not a SHA-256 fingerprint: give the 64 hexadecimal digits shown on the federation’s configuration page or by joinery gateway status`,
        'ca',
      );
    let bundle: unknown;
    try {
      bundle = JSON.parse(file.content.toString('utf8'));
    } catch (error) {
      return refuse(
        `The file ${file.filename} is not JSON (${(error as Error).message}): choose the bundle joinery exchange evidence wrote`,
        'bundle',
      );
    }
    const checked = await checkEvidence(database, {
      content: file.content,
      bundle,
      fileName: file.filename,
      trustedCaFingerprints: fingerprints,
      user: request.user,
      actingFor: request.actingFor,
      clientAddress: request.ip,
    });
    const { report, sha256 } = checked;
    if (checked.isNotEvidence)
      return refuse(`The file ${file.filename} is JSON but not an evidence bundle (joinery-exchange-evidence/1)`, 'bundle');
    return show(reply, {
      values: f,
      report,
      fileName: file.filename,
      sha256,
      fingerprint: fingerprints.join(', '),
      entries: checked.entries.map((e) => ({
        ...e,
        direction: DIRECTIONS[e.direction] ?? e.direction,
        status: e.status ?? '',
        timestampedAt: e.timestampedAt ?? '',
      })),
      problems: checked.problems,
    });
  });
};
