/**
 * The certification authorities whose gateway certificates the federation accepts: its own,
 * and external ones (a member's own PKI) the operators trust — pasted as PEM or uploaded — and
 * can stop trusting, which revokes what each issued here — and each external CA's revocation
 * list, applied here so that what the CA revokes stops working in the federation too. Gateways
 * enrol with an external CA's certificates from the CLI (joinery gateway request-certificates, then init).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  listCertificationAuthorities,
  stopTrustingCertificationAuthority,
  trustCertificationAuthority,
} from '../authority/certification-authorities.ts';
import { authorityError } from '../authority/errors.ts';
import type { CertificationAuthority } from '../authority/model.ts';
import { applyRevocationList } from '../authority/revocation-lists.ts';
import { REVOCATION_LIST_MAX_BYTES } from '../pki/revocation-list.ts';
import { federationFrame } from './federation-frame.ts';
import { actorOf, formFile, plural, segment, shortDay, submitForm, valuesOf, type FormState, type PageGroup } from './page-kit.ts';

type Params = { Params: { code: string }; Querystring: { done?: string; removed?: string; revoked?: string } };

/** A CA certificate is a kilobyte or two; this is generous (the service refuses over 20,000 characters anyway). */
const CERTIFICATE_FILE_MAX_BYTES = 64 * 1024;

const DONE: Record<string, string> = {
  added: 'The certification authority is now trusted and a new configuration published.',
  removed:
    'The certification authority is no longer trusted; the certificates it issued here are revoked and a new configuration published.',
  crl: 'The revocation list is applied.',
};

/** The banner after a list is applied: how many certificates it revoked here (the count comes back in the address). */
function doneText(done: string | undefined, revoked: string | undefined): string | undefined {
  if (done !== 'crl') return DONE[done ?? ''];
  const count = /^\d{1,6}$/.test(revoked ?? '') ? Number(revoked) : 0;
  return count
    ? `The revocation list is applied: it revoked ${plural(count, 'gateway certificate')} here, and a new configuration is published.`
    : 'The revocation list is applied: it names no certificate in force here, so nothing else changed.';
}

/** The last list applied, in words; and whether it is overdue. */
function revocationListText(list: CertificationAuthority['revocationList']): string {
  if (!list) return 'None applied yet';
  const number = list.number ? `Number ${list.number}, i` : 'I';
  const next = list.nextUpdate ? `; the next ${list.isOverdue ? 'was' : 'is'} due ${shortDay(list.nextUpdate)}` : '';
  return `${number}ssued ${shortDay(list.thisUpdate)}${next}. It lists ${plural(list.entries, 'certificate')}. Applied ${shortDay(list.appliedAt)}${list.appliedBy ? ` by ${list.appliedBy}` : ''}.`;
}

/** The list as sent: the file when one was chosen (PEM or DER), else the text box. */
function readRevocationListInput(text: string, file: { filename: string; content: Buffer } | undefined): string | Buffer {
  const limit = Math.ceil(REVOCATION_LIST_MAX_BYTES * 1.4);
  const refuse = (message: string) => authorityError('EXCHANGE_CRL_INVALID', message, [{ field: 'crl', message }]);
  if (file) {
    if (file.content.length > limit)
      throw refuse(`The file ${file.filename} is larger than a revocation list may be (${REVOCATION_LIST_MAX_BYTES / 1024 / 1024} MB)`);
    return file.content;
  }
  if (!text.trim()) throw refuse('Choose the certification authority’s revocation list file, or paste it');
  return text;
}

/** The certificate as sent: from the file when one was chosen, else the text box. */
function readCertificate(text: string, file: { filename: string; content: Buffer } | undefined): string {
  if (!file) return text;
  if (file.content.length > CERTIFICATE_FILE_MAX_BYTES)
    throw authorityError('EXCHANGE_CA_INVALID', `The file ${file.filename} is larger than a CA certificate`, [
      {
        field: 'certificatePem',
        message: `The file ${file.filename} is larger than a CA certificate (${CERTIFICATE_FILE_MAX_BYTES / 1024} KB at most)`,
      },
    ]);
  return file.content.toString('utf8');
}

/** A fingerprint as people compare them over the phone: pairs of hex digits. */
const grouped = (fingerprint: string) => fingerprint.toUpperCase().match(/../g)!.join(':');

export const certificationAuthorityPages: PageGroup = async (app, { authority }) => {
  async function show(request: FastifyRequest<Params>, reply: FastifyReply, form: FormState = {}) {
    const code = request.params.code;
    const frame = await federationFrame(app, authority, request, code, 'certification-authorities');
    const isShowingRemoved = request.query.removed === 'yes';
    const cas = await listCertificationAuthorities(authority, code, { isIncludingRemoved: isShowingRemoved });
    return reply.view('exchange/federation-certification-authorities.njk', {
      ...frame,
      isShowingRemoved,
      authorities: cas.map((c) => ({
        ...c,
        fingerprintText: grouped(c.fingerprint),
        validInWords: `${shortDay(c.notBefore)} to ${shortDay(c.notAfter)}`,
        inForceText: plural(c.certificatesInForce, 'gateway certificate'),
        addedInWords: shortDay(c.addedAt),
        removedInWords: shortDay(c.removedAt),
        revocationListText: revocationListText(c.revocationList),
        isRevocationListOverdue: c.revocationList?.isOverdue ?? false,
        crlId: `crl-${c.fingerprint.slice(0, 16)}`,
      })),
      crlForm: form.name?.startsWith('crl-') ? { name: form.name, values: form.values ?? {} } : { name: '', values: {} },
      addValues: valuesOf(form, 'add'),
      errors: form.errors,
      fieldErrors: form.fieldErrors ?? {},
      done: doneText(request.query.done, request.query.revoked),
    });
  }

  const page = (request: FastifyRequest<Params>) => `/exchange/federations/${segment(request.params.code)}/certification-authorities`;

  app.get<Params>('/exchange/federations/:code/certification-authorities', async (request, reply) => show(request, reply));

  app.post<Params>('/exchange/federations/:code/certification-authorities', async (request, reply) =>
    submitForm(request, reply, {
      name: 'add',
      inputs: { name: 'add-name', certificatePem: 'add-certificatePem' },
      run: (f) =>
        trustCertificationAuthority(authority, actorOf(request), {
          federationCode: request.params.code,
          name: f.name ?? '',
          certificatePem: readCertificate(f.certificatePem ?? '', formFile(request, 'certificateFile')),
        }),
      redirectTo: `${page(request)}?done=added`,
      show: (r, form) => show(request, r, form),
    }),
  );

  app.post<{ Params: { code: string; fingerprint: string }; Querystring: { done?: string; removed?: string } }>(
    '/exchange/federations/:code/certification-authorities/:fingerprint/remove',
    async (request, reply) =>
      submitForm(request, reply, {
        name: `remove-${request.params.fingerprint}`,
        inputs: { reason: `remove-${request.params.fingerprint.slice(0, 16)}-reason` },
        run: (f) =>
          stopTrustingCertificationAuthority(authority, actorOf(request), {
            federationCode: request.params.code,
            fingerprint: request.params.fingerprint,
            reason: f.reason ?? '',
          }),
        redirectTo: `${page(request)}?done=removed`,
        show: (r, form) => show(request, r, form),
      }),
  );

  app.post<{ Params: { code: string; fingerprint: string }; Querystring: { done?: string; removed?: string } }>(
    '/exchange/federations/:code/certification-authorities/:fingerprint/revocation-list',
    async (request, reply) => {
      const id = `crl-${request.params.fingerprint.slice(0, 16)}`;
      return submitForm(request, reply, {
        name: id,
        inputs: { crl: id },
        run: (f) =>
          applyRevocationList(authority, actorOf(request), {
            federationCode: request.params.code,
            fingerprint: request.params.fingerprint,
            crl: readRevocationListInput(f.crl ?? '', formFile(request, 'crlFile')),
          }),
        respond: async (r, result) => r.redirect(`${page(request)}?done=crl&revoked=${result.revokedSerialNumbers.length}`, 303),
        show: (r, form) => show(request, r, form),
      });
    },
  );
};
