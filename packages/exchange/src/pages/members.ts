/**
 * A federation's members and their subsystems: the operators admit organisations and revoke
 * members (revoking a member revokes its gateways and their certificates); a member's
 * administrators add its subsystems. Each change publishes a new configuration.
 */
import { listOrganisations } from '@joinery/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { MEMBER_CLASSES } from '../identifiers.ts';
import { addSubsystem, admitMember, listMembers, revokeMember } from '../authority/members.ts';
import { federationFrame } from './federation-frame.ts';
import {
  actorOf,
  dayInWords,
  mayAdminister,
  segment,
  selectItems,
  submitForm,
  valuesOf,
  type FormState,
  type PageGroup,
} from './page-kit.ts';

type Params = { Params: { code: string }; Querystring: { done?: string } };

const DONE: Record<string, string> = {
  admitted: 'The organisation has been admitted and a new configuration published.',
  revoked: 'The member, its gateways and their certificates have been revoked, and a new configuration published.',
  subsystem: 'The subsystem has been added and a new configuration published.',
};

export const memberPages: PageGroup = async (app, { authority, database }) => {
  async function show(request: FastifyRequest<Params>, reply: FastifyReply, form: FormState = {}) {
    const code = request.params.code;
    const frame = await federationFrame(app, authority, request, code, 'members');
    const [members, organisations] = await Promise.all([listMembers(authority, code), listOrganisations(database)]);
    const active = members.filter((m) => m.status === 'active');
    const administered = active.filter((m) => mayAdminister(frame.actor, m.organisationCode));
    const memberItems = (list: typeof members, name: string) =>
      selectItems(
        list.map((m) => ({ value: m.memberCode, text: `${m.name} (${m.id})` })),
        valuesOf(form, name).memberCode,
        'Choose a member',
      );
    return reply.view('exchange/federation-members.njk', {
      ...frame,
      members: members.map((m) => ({ ...m, revokedInWords: dayInWords(m.revokedAt) })),
      canAddSubsystem: administered.length > 0,
      admitItems: selectItems(
        organisations
          .filter((o) => !members.some((m) => m.organisationCode === o.code))
          .map((o) => ({ value: o.code, text: `${o.name} (${o.code})` })),
        valuesOf(form, 'admit').organisationCode,
        'Choose an organisation',
      ),
      classItems: selectItems(
        MEMBER_CLASSES.map((c) => ({ value: c, text: c })),
        valuesOf(form, 'admit').memberClass,
        'From the organisation’s type',
      ),
      revokeItems: memberItems(active, 'revoke'),
      subsystemItems: memberItems(administered, 'subsystem'),
      revokeValues: valuesOf(form, 'revoke'),
      subsystemValues: valuesOf(form, 'subsystem'),
      errors: form.errors,
      fieldErrors: form.fieldErrors ?? {},
      done: DONE[request.query.done ?? ''],
    });
  }

  const back = (request: FastifyRequest<Params>, done: string) =>
    `/exchange/federations/${segment(request.params.code)}/members?done=${done}`;

  app.get<Params>('/exchange/federations/:code/members', async (request, reply) => show(request, reply));

  app.post<Params>('/exchange/federations/:code/members', async (request, reply) =>
    submitForm(request, reply, {
      name: 'admit',
      inputs: { organisationCode: 'admit-organisationCode', memberClass: 'admit-memberClass' },
      required: { organisationCode: 'Choose the organisation to admit' },
      run: (f) =>
        admitMember(authority, actorOf(request), {
          federationCode: request.params.code,
          organisationCode: f.organisationCode!,
          ...(f.memberClass ? { memberClass: f.memberClass } : {}),
        }),
      redirectTo: back(request, 'admitted'),
      show: (r, form) => show(request, r, form),
    }),
  );

  app.post<Params>('/exchange/federations/:code/members/revoke', async (request, reply) =>
    submitForm(request, reply, {
      name: 'revoke',
      inputs: { memberCode: 'revoke-memberCode', reason: 'revoke-reason' },
      required: { memberCode: 'Choose the member to revoke' },
      run: (f) =>
        revokeMember(authority, actorOf(request), {
          federationCode: request.params.code,
          memberCode: f.memberCode!,
          reason: f.reason ?? '',
        }),
      redirectTo: back(request, 'revoked'),
      show: (r, form) => show(request, r, form),
    }),
  );

  app.post<Params>('/exchange/federations/:code/subsystems', async (request, reply) =>
    submitForm(request, reply, {
      name: 'subsystem',
      inputs: { memberCode: 'subsystem-memberCode', code: 'subsystem-code', name: 'subsystem-name' },
      required: { memberCode: 'Choose the member the subsystem belongs to' },
      run: (f) =>
        addSubsystem(authority, actorOf(request), {
          federationCode: request.params.code,
          memberCode: f.memberCode!,
          code: f.code ?? '',
          name: f.name ?? '',
        }),
      redirectTo: back(request, 'subsystem'),
      show: (r, form) => show(request, r, form),
    }),
  );
};
