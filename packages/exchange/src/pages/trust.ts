/**
 * The federations this one trusts (X-Road's federation of instances): the operators record
 * another authority's anchor — pasted, or uploaded as the file its GET …/anchor gives — and
 * can stop trusting it. trustFederation checks every key id against its key; the page only
 * reads the JSON. This federation's own anchor is linked for the other side to record.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { authorityError } from '../authority/errors.ts';
import { listTrustedFederations, trustFederation, untrustFederation } from '../authority/trust.ts';
import type { SigningKey } from '../configuration/model.ts';
import { federationFrame } from './federation-frame.ts';
import {
  actorOf,
  formErrors,
  formFile,
  instantInWords,
  segment,
  submitForm,
  valuesOf,
  type FormState,
  type PageGroup,
} from './page-kit.ts';

type Params = { Params: { code: string }; Querystring: { done?: string } };

/** Anchors are a few kilobytes; this is generous. */
const ANCHOR_MAX_BYTES = 64 * 1024;

const DONE: Record<string, string> = {
  added: 'The federation is now trusted and a new configuration published.',
  removed: 'The federation is no longer trusted and a new configuration published.',
};

/** The anchor JSON as sent: from the file when one was chosen, else the text box. */
function readAnchor(text: string, file: { filename: string; content: Buffer } | undefined) {
  const source = file ? file.content : Buffer.from(text);
  const where = file ? `The file ${file.filename}` : 'The anchor';
  const invalid = (message: string) => authorityError('EXCHANGE_TRUST_INVALID', message, [{ field: 'anchor', message }]);
  if (source.length === 0) throw invalid('Paste the other federation’s anchor, or choose the file it is in');
  if (source.length > ANCHOR_MAX_BYTES) throw invalid(`${where} is larger than an anchor (${ANCHOR_MAX_BYTES / 1024} KB at most)`);
  let value: unknown;
  try {
    value = JSON.parse(source.toString('utf8'));
  } catch (error) {
    throw invalid(`${where} is not JSON (${(error as Error).message}): use what GET /api/exchange/federations/<code>/anchor returns`);
  }
  const anchor = (value ?? {}) as Partial<{ instance: string; name: string; configurationUrl: string; signingKeys: SigningKey[] }>;
  if (typeof value !== 'object' || Array.isArray(value) || typeof anchor.instance !== 'string')
    throw invalid(`${where} is not a federation anchor: it has no "instance" (the other federation’s code)`);
  return anchor;
}

export const trustPages: PageGroup = async (app, { authority }) => {
  async function show(request: FastifyRequest<Params>, reply: FastifyReply, form: FormState = {}) {
    const code = request.params.code;
    const frame = await federationFrame(app, authority, request, code, 'trust');
    const trusted = await listTrustedFederations(authority, code);
    return reply.view('exchange/federation-trust.njk', {
      ...frame,
      trusted: trusted.map((t) => ({
        ...t,
        createdInWords: instantInWords(t.createdAt),
        // Hex only (checked against the key when recorded), so safe as HTML.
        keyIdsHtml: t.signingKeys
          .map((k) => `<code class="govuk-!-text-break-word">${k.keyId.replace(/[^0-9a-f]/g, '')}</code>`)
          .join('<br>'),
      })),
      anchorUrl: `/api/exchange/federations/${segment(code)}/anchor`,
      trustValues: valuesOf(form, 'trust'),
      errors: form.errors,
      fieldErrors: form.fieldErrors ?? {},
      done: DONE[request.query.done ?? ''],
    });
  }

  const page = (request: FastifyRequest<Params>) => `/exchange/federations/${segment(request.params.code)}/trust`;

  app.get<Params>('/exchange/federations/:code/trust', async (request, reply) => show(request, reply));

  app.post<Params>('/exchange/federations/:code/trust', async (request, reply) =>
    submitForm(request, reply, {
      name: 'trust',
      inputs: {
        anchor: 'trust-anchor',
        code: 'trust-anchor',
        name: 'trust-anchor',
        configurationUrl: 'trust-anchor',
        signingKeys: 'trust-anchor',
      },
      run: (f) => {
        const anchor = readAnchor(f.anchor ?? '', formFile(request, 'anchorFile'));
        return trustFederation(authority, actorOf(request), {
          federationCode: request.params.code,
          code: anchor.instance!,
          name: anchor.name as string,
          configurationUrl: anchor.configurationUrl as string,
          signingKeys: anchor.signingKeys as SigningKey[],
        });
      },
      redirectTo: `${page(request)}?done=added`,
      show: (r, form) => show(request, r, form),
    }),
  );

  app.post<{ Params: { code: string; trusted: string }; Querystring: { done?: string } }>(
    '/exchange/federations/:code/trust/:trusted/remove',
    async (request, reply) => {
      try {
        await untrustFederation(authority, actorOf(request), { federationCode: request.params.code, code: request.params.trusted });
      } catch (error) {
        const { status, ...problems } = formErrors(error, {});
        return show(request, reply.code(status), problems);
      }
      return reply.redirect(`${page(request)}?done=removed`, 303);
    },
  );
};
