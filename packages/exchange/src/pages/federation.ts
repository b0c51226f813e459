/**
 * Creating a hosted federation, and its summary page. The operator is one of the
 * organisations the user administers (createFederation checks it); the members admitted at
 * once are any organisations Joinery knows.
 */
import { listOrganisations } from '@joinery/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createFederation } from '../authority/federations.ts';
import { federationFrame, linkWarnings } from './federation-frame.ts';
import { federationStatus } from './federation-status.ts';
import {
  actorOf,
  administeredOrganisations,
  formErrors,
  formFields,
  formList,
  instantInWords,
  segment,
  selectItems,
  type PageGroup,
} from './page-kit.ts';

const CREATE_INPUTS = {
  code: 'code',
  name: 'name',
  publicUrl: 'publicUrl',
  operatorOrganisationCode: 'operatorOrganisationCode',
  organisationCodes: 'organisationCodes',
  configurationValidityHours: 'configurationValidityHours',
};

export const federationPages: PageGroup = async (app, { authority, database, config }) => {
  async function showNew(request: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}) {
    const administered = administeredOrganisations(request);
    const values = (extra.values as Record<string, string> | undefined) ?? {
      publicUrl: config.publicUrl,
      configurationValidityHours: '168',
    };
    const chosen = new Set((extra.members as string[] | undefined) ?? []);
    const organisations = await listOrganisations(database);
    return reply.view('exchange/federation-new.njk', {
      title: 'Create a federation',
      breadcrumbs: [{ text: 'Exchange', href: '/exchange' }, { text: 'Create a federation' }],
      administered,
      operatorItems: selectItems(
        administered.map((o) => ({ value: o.organisationCode, text: o.organisationName })),
        values.operatorOrganisationCode,
      ),
      memberItems: organisations.map((o) => ({ value: o.code, text: `${o.name} (${o.code})`, checked: chosen.has(o.code) })),
      values,
      fieldErrors: {},
      ...extra,
    });
  }

  app.get('/exchange/federations/new', async (request, reply) => showNew(request, reply));

  app.post('/exchange/federations', async (request, reply) => {
    const f = formFields(request);
    const members = formList(request, 'organisationCodes');
    const hours = f.configurationValidityHours ? Number(f.configurationValidityHours) : undefined;
    try {
      const federation = await createFederation(authority, actorOf(request), {
        code: f.code ?? '',
        name: f.name ?? '',
        publicUrl: f.publicUrl ?? '',
        operatorOrganisationCode: f.operatorOrganisationCode ?? '',
        organisationCodes: members,
        ...(hours !== undefined ? { configurationValidityHours: hours } : {}),
      });
      return reply.redirect(`/exchange/federations/${segment(federation.code)}?created=1`, 303);
    } catch (error) {
      const { status, ...problems } = formErrors(error, CREATE_INPUTS);
      return showNew(request, reply.code(status), { ...problems, values: f, members });
    }
  });

  app.get<{ Params: { code: string }; Querystring: { created?: string } }>('/exchange/federations/:code', async (request, reply) => {
    const frame = await federationFrame(app, authority, request, request.params.code, 'summary');
    const status = await federationStatus(authority, frame.actor, frame.federation);
    return reply.view('exchange/federation-summary.njk', {
      ...frame,
      status,
      warnings: linkWarnings(app, frame.base, status.warnings),
      issuedInWords: instantInWords(status.configuration?.issuedAt),
      expiresInWords: instantInWords(status.configuration?.expiresAt),
      createdInWords: instantInWords(frame.federation.createdAt),
      created: request.query.created === '1',
    });
  });
};
