/**
 * The federation's signed configuration: its serial, when it was published and when it
 * expires, what is in it, where gateways fetch it and the anchor that verifies it — with the
 * CA's SHA-256 fingerprint, which whoever checks evidence needs (joinery exchange
 * verify-evidence --ca). The operators publish now (before it expires) and change the
 * federation's name or how long each configuration stays valid.
 */
import { createHash, X509Certificate } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { federationAnchor, latestConfiguration } from '../authority/configuration.ts';
import { publishNow, updateFederation } from '../authority/federations.ts';
import type { FederationConfiguration } from '../configuration/model.ts';
import { federationFrame } from './federation-frame.ts';
import { actorOf, formErrors, instantInWords, plural, segment, submitForm, valuesOf, type FormState, type PageGroup } from './page-kit.ts';

type Params = { Params: { code: string }; Querystring: { done?: string } };

/** SHA-256 of the certificate's DER, lower-case hex: what `--ca` and the evidence page take. */
export const certificateFingerprint = (pem: string): string => createHash('sha256').update(new X509Certificate(pem).raw).digest('hex');

const holdsInWords = (c: FederationConfiguration) =>
  [
    plural(c.members.length, 'member'),
    plural(c.gateways.length, 'enrolled gateway'),
    plural(c.services.length, 'service'),
    plural(c.grants.length, 'access right'),
    plural(c.successions.length, 'succession'),
    plural(c.revokedCertificates.length, 'revoked certificate'),
    plural(c.trustedFederations.length, 'trusted federation'),
  ].join(', ');

const DONE: Record<string, string> = {
  published: 'A new configuration has been published.',
  changed: 'The federation has been changed and a new configuration published.',
};

export const configurationPages: PageGroup = async (app, { authority }) => {
  async function show(request: FastifyRequest<Params>, reply: FastifyReply, form: FormState = {}) {
    const code = request.params.code;
    const frame = await federationFrame(app, authority, request, code, 'configuration');
    const [signed, anchor] = await Promise.all([latestConfiguration(authority, code), federationAnchor(authority, code)]);
    const configuration = signed?.configuration;
    const changeValues =
      form.name === 'change'
        ? valuesOf(form, 'change')
        : { name: frame.federation.name, configurationValidityHours: String(frame.federation.configurationValidityHours) };
    return reply.view('exchange/federation-configuration.njk', {
      ...frame,
      configuration,
      holds: configuration && holdsInWords(configuration),
      signature: signed?.signature,
      issuedInWords: instantInWords(configuration?.issuedAt),
      expiresInWords: instantInWords(configuration?.expiresAt),
      isExpired: configuration ? new Date(configuration.expiresAt) <= authority.now() : false,
      certificationAuthorities: (configuration?.certificationAuthorities ?? []).map((ca) => ({
        ...ca,
        fingerprint: certificateFingerprint(ca.certificatePem),
      })),
      anchor,
      configurationUrl: `/api/exchange/federations/${segment(code)}/configuration`,
      anchorUrl: `/api/exchange/federations/${segment(code)}/anchor`,
      changeValues,
      errors: form.errors,
      fieldErrors: form.fieldErrors ?? {},
      done: DONE[request.query.done ?? ''],
    });
  }

  const page = (request: FastifyRequest<Params>) => `/exchange/federations/${segment(request.params.code)}/configuration`;

  app.get<Params>('/exchange/federations/:code/configuration', async (request, reply) => show(request, reply));

  app.post<Params>('/exchange/federations/:code/configuration/publish', async (request, reply) => {
    try {
      await publishNow(authority, actorOf(request), request.params.code);
    } catch (error) {
      const { status, ...problems } = formErrors(error, {});
      return show(request, reply.code(status), problems);
    }
    return reply.redirect(`${page(request)}?done=published`, 303);
  });

  app.post<Params>('/exchange/federations/:code/configuration/change', async (request, reply) =>
    submitForm(request, reply, {
      name: 'change',
      inputs: { name: 'change-name', configurationValidityHours: 'change-configurationValidityHours' },
      run: (f) =>
        updateFederation(authority, actorOf(request), request.params.code, {
          name: f.name ?? '',
          configurationValidityHours: f.configurationValidityHours ? Number(f.configurationValidityHours) : Number.NaN,
        }),
      redirectTo: `${page(request)}?done=changed`,
      show: (r, form) => show(request, r, form),
    }),
  );
};
