/**
 * Every certificate the federation's CA has issued — gateways' TLS (auth) and signing
 * certificates, the timestamping certificate, the CA's own — and those gateways enrolled with
 * from a member's own CA, newest first, with who issued each, with its validity
 * and revocation. A gateway's certificate is revoked by its member's administrators or the
 * operators; its serial goes into the next configuration, which every gateway checks.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { listCertificates, revokeCertificate } from '../authority/certificates.ts';
import { listCertificationAuthorities } from '../authority/certification-authorities.ts';
import { listMembers } from '../authority/members.ts';
import { federationFrame } from './federation-frame.ts';
import {
  actorOf,
  mayAdminister,
  segment,
  selectItems,
  shortDay,
  submitForm,
  valuesOf,
  type FormState,
  type PageGroup,
} from './page-kit.ts';

type Params = { Params: { code: string }; Querystring: { done?: string; revoked?: string } };

const USAGE: Record<string, string> = {
  auth: 'Gateway TLS',
  sign: 'Gateway signing',
  timestamping: 'Timestamping',
  certification: 'Certification authority',
};

export const certificatePages: PageGroup = async (app, { authority }) => {
  async function show(request: FastifyRequest<Params>, reply: FastifyReply, form: FormState = {}) {
    const code = request.params.code;
    const frame = await federationFrame(app, authority, request, code, 'certificates');
    const showRevoked = request.query.revoked === 'yes';
    const [certificates, members, issuers] = await Promise.all([
      listCertificates(authority, code, showRevoked ? {} : { isRevoked: false }),
      listMembers(authority, code),
      listCertificationAuthorities(authority, code, { isIncludingRemoved: true }),
    ]);
    const ownIssuer = issuers.find((i) => !i.isExternal)?.name ?? 'This federation’s CA';
    const issuerOf = (fingerprint: string | null) =>
      fingerprint ? (issuers.find((i) => i.fingerprint === fingerprint)?.name ?? fingerprint) : ownIssuer;
    const now = authority.now();
    const organisationOf = (memberCode: string | null) => members.find((m) => m.memberCode === memberCode)?.organisationCode;
    const revocable = certificates.filter(
      (c) =>
        !c.revokedAt &&
        (c.usage === 'auth' || c.usage === 'sign') &&
        (frame.isOperator || mayAdminister(frame.actor, organisationOf(c.memberCode))),
    );
    return reply.view('exchange/federation-certificates.njk', {
      ...frame,
      showRevoked,
      certificates: certificates.map((c) => ({
        ...c,
        usageText: USAGE[c.usage] ?? c.usage,
        issuerText: issuerOf(c.issuerFingerprint),
        notBeforeInWords: shortDay(c.notBefore),
        notAfterInWords: shortDay(c.notAfter),
        revokedInWords: shortDay(c.revokedAt),
        isEnded: new Date(c.notAfter) <= now,
      })),
      revokeItems: selectItems(
        revocable.map((c) => ({
          value: c.serialNumber,
          text: `${USAGE[c.usage]} of ${c.gatewayId ?? c.subject}, serial ${c.serialNumber}`,
        })),
        valuesOf(form, 'revoke').serialNumber,
        'Choose a certificate',
      ),
      revokeValues: valuesOf(form, 'revoke'),
      errors: form.errors,
      fieldErrors: form.fieldErrors ?? {},
      done: request.query.done === 'revoked' ? 'The certificate has been revoked and a new configuration published.' : '',
    });
  }

  app.get<Params>('/exchange/federations/:code/certificates', async (request, reply) => show(request, reply));

  app.post<Params>('/exchange/federations/:code/certificates/revoke', async (request, reply) =>
    submitForm(request, reply, {
      name: 'revoke',
      inputs: { serialNumber: 'revoke-serialNumber', reason: 'revoke-reason' },
      required: { serialNumber: 'Choose the certificate to revoke' },
      run: (f) =>
        revokeCertificate(authority, actorOf(request), {
          federationCode: request.params.code,
          serialNumber: f.serialNumber!,
          reason: f.reason ?? '',
        }),
      redirectTo: `/exchange/federations/${segment(request.params.code)}/certificates?done=revoked`,
      show: (r, form) => show(request, r, form),
    }),
  );
};
