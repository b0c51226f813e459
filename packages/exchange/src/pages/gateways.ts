/**
 * A federation's gateways: their addresses, status and certificates (and, for the operators,
 * whether each is reporting). A member's administrators register a gateway, which gives a
 * one-time enrolment token shown once — on a page of its own, never cached, with the commands
 * that enrol and start the gateway — and ask for a new token (lost, or to renew certificates).
 * A gateway is revoked by its member's administrators or the operators.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { listCertificates } from '../authority/certificates.ts';
import { issueEnrolmentToken, listGateways, registerGateway, revokeGateway } from '../authority/gateways.ts';
import { listMembers } from '../authority/members.ts';
import type { EnrolmentTokenIssued } from '../authority/model.ts';
import { operationsOverview } from '../authority/operations-overview.ts';
import { federationFrame } from './federation-frame.ts';
import {
  actorOf,
  shortDay,
  instantInWords,
  mayAdminister,
  segment,
  selectItems,
  submitForm,
  valuesOf,
  type FormState,
  type PageGroup,
} from './page-kit.ts';

type Params = { Params: { code: string }; Querystring: { done?: string } };

/** "casterbridge/gw1" in a form → its two codes. */
const gatewayKey = (value: string | undefined) => {
  const [memberCode = '', gatewayCode = ''] = (value ?? '').split('/');
  return { memberCode, gatewayCode };
};

/** Where the page suggests the gateway's folder: one per gateway, so one machine can run several. */
export const gatewayFolder = (memberCode: string, gatewayCode: string) => `.joinery/gateway-${memberCode}-${gatewayCode}`;

export const gatewayPages: PageGroup = async (app, { authority }) => {
  async function show(request: FastifyRequest<Params>, reply: FastifyReply, form: FormState = {}) {
    const code = request.params.code;
    const frame = await federationFrame(app, authority, request, code, 'gateways');
    const [gateways, members, certificates, operations] = await Promise.all([
      listGateways(authority, code),
      listMembers(authority, code),
      listCertificates(authority, code, { isRevoked: false }),
      frame.isOperator ? operationsOverview(authority, frame.actor, code) : undefined,
    ]);
    const organisationOf = (memberCode: string) => members.find((m) => m.memberCode === memberCode)?.organisationCode;
    const administered = members.filter((m) => m.status === 'active' && mayAdminister(frame.actor, m.organisationCode));
    const live = gateways.filter((g) => g.status !== 'revoked');
    const ownLive = live.filter((g) => administered.some((m) => m.memberCode === g.memberCode));
    const gatewayItems = (list: typeof gateways, name: string) =>
      selectItems(
        list.map((g) => ({ value: `${g.memberCode}/${g.gatewayCode}`, text: `${g.id} (${g.address})` })),
        valuesOf(form, name).gateway,
        'Choose a gateway',
      );
    return reply.view('exchange/federation-gateways.njk', {
      ...frame,
      gateways: gateways.map((g) => {
        const health = operations?.gateways.find((h) => h.gatewayId === g.id);
        const mine = certificates.filter((c) => c.memberCode === g.memberCode && c.gatewayCode === g.gatewayCode);
        const ending = (usage: string) => mine.find((c) => c.usage === usage)?.notAfter;
        return {
          ...g,
          health: health?.health,
          lastReportInWords: instantInWords(health?.lastReportAt),
          logHead: health?.logHead,
          authEndsInWords: shortDay(ending('auth')),
          signEndsInWords: shortDay(ending('sign')),
        };
      }),
      registerItems: selectItems(
        administered.map((m) => ({ value: m.memberCode, text: `${m.name} (${m.id})` })),
        valuesOf(form, 'register').memberCode,
        'Choose a member',
      ),
      registerValues: valuesOf(form, 'register'),
      tokenItems: gatewayItems(ownLive, 'token'),
      revokeItems: gatewayItems(
        frame.isOperator ? live : live.filter((g) => mayAdminister(frame.actor, organisationOf(g.memberCode))),
        'revoke',
      ),
      revokeValues: valuesOf(form, 'revoke'),
      canRegister: administered.length > 0,
      errors: form.errors,
      fieldErrors: form.fieldErrors ?? {},
      done:
        request.query.done === 'revoked' ? 'The gateway and its certificates have been revoked, and a new configuration published.' : '',
    });
  }

  /** The token, once: not cached by the browser or anything between. */
  async function showToken(request: FastifyRequest<Params>, reply: FastifyReply, issued: EnrolmentTokenIssued, isNew: boolean) {
    const frame = await federationFrame(app, authority, request, request.params.code, 'gateways');
    const folder = gatewayFolder(issued.gateway.memberCode, issued.gateway.gatewayCode);
    return reply
      .code(201)
      .header('cache-control', 'no-store')
      .view('exchange/federation-gateway-token.njk', {
        ...frame,
        title: `Enrolment token for ${issued.gateway.id}`,
        issued,
        isNew,
        folder,
        expiresInWords: instantInWords(issued.expiresAt),
        initCommand: `joinery gateway init --dir ${folder} --token ${issued.token}`,
        runCommand: `joinery gateway --dir ${folder}`,
      });
  }

  const page = (request: FastifyRequest<Params>) => `/exchange/federations/${segment(request.params.code)}/gateways`;

  app.get<Params>('/exchange/federations/:code/gateways', async (request, reply) => show(request, reply));

  app.post<Params>('/exchange/federations/:code/gateways', async (request, reply) =>
    submitForm(request, reply, {
      name: 'register',
      inputs: { memberCode: 'register-memberCode', gatewayCode: 'register-gatewayCode', address: 'register-address' },
      required: { memberCode: 'Choose the member whose gateway it is' },
      run: (f) =>
        registerGateway(authority, actorOf(request), {
          federationCode: request.params.code,
          memberCode: f.memberCode!,
          gatewayCode: f.gatewayCode ?? '',
          address: f.address ?? '',
        }),
      respond: (r, issued) => showToken(request, r, issued, true),
      show: (r, form) => show(request, r, form),
    }),
  );

  app.post<Params>('/exchange/federations/:code/gateways/token', async (request, reply) =>
    submitForm(request, reply, {
      name: 'token',
      inputs: { gateway: 'token-gateway', gatewayCode: 'token-gateway' },
      required: { gateway: 'Choose the gateway that needs a new token' },
      run: (f) => issueEnrolmentToken(authority, actorOf(request), { federationCode: request.params.code, ...gatewayKey(f.gateway) }),
      respond: (r, issued) => showToken(request, r, issued, false),
      show: (r, form) => show(request, r, form),
    }),
  );

  app.post<Params>('/exchange/federations/:code/gateways/revoke', async (request, reply) =>
    submitForm(request, reply, {
      name: 'revoke',
      inputs: { gateway: 'revoke-gateway', gatewayCode: 'revoke-gateway', reason: 'revoke-reason' },
      required: { gateway: 'Choose the gateway to revoke' },
      run: (f) =>
        revokeGateway(authority, actorOf(request), {
          federationCode: request.params.code,
          ...gatewayKey(f.gateway),
          reason: f.reason ?? '',
        }),
      redirectTo: `${page(request)}?done=revoked`,
      show: (r, form) => show(request, r, form),
    }),
  );
};
