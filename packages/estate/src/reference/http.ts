/**
 * The reference lists' API and pages, and starting a reorganisation from the register.
 * Importing a list (national data, shared by every organisation) is for an administrator of any
 * organisation. Starting a reorganisation is for an administrator of one of the organisations it
 * names that already exist; when none exists yet, for an administrator of any organisation.
 * Reading is for any member of a partner organisation. Refusals are audited.
 */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { coreError, JoineryError, recordAudit, type Database, type JoineryConfig } from '@joinery/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type {} from '@fastify/view';
import { Type } from 'typebox';
import { classificationRoutes } from '../classification/http.ts';
import { estateError } from '../errors.ts';
import { listReorganisations } from '../reorganisations/service.ts';
import {
  PredecessorProposal,
  REFERENCE_LIST_LABELS,
  REFERENCE_LISTS,
  ReferenceImport,
  ReferenceImportReport,
  ReferenceListName,
  RegisterEntry,
  ReorganisationRecord,
  ReorganisationStart,
} from './model.ts';
import {
  importReferenceList,
  listReferenceImports,
  proposePredecessors,
  searchRegister,
  startReorganisationFromRegister,
} from './service.ts';

const tags = ['Estate: reference lists'];

/** Audits a refusal and throws: needs 'admin' (of any organisation) or 'membership'. */
export async function refuseReference(
  database: Database,
  request: FastifyRequest,
  needs: 'admin' | 'membership',
  subject: string,
): Promise<never> {
  await recordAudit(database.db, {
    actor: request.user,
    organisationCode: request.actingFor,
    action: 'access.refused',
    subjectType: 'reference',
    subjectId: subject.slice(0, 64),
    outcome: 'refused',
    details: { method: request.method, path: request.url.split('?')[0], needs },
    clientAddress: request.ip,
  });
  if (needs === 'admin')
    throw estateError('ESTATE_REFERENCE_FORBIDDEN', 'Only an administrator of an organisation can import reference lists');
  throw coreError('CORE_FORBIDDEN', 'Only members of a partner organisation can see this');
}

const isAdminAnywhere = (request: FastifyRequest) => (request.user?.memberships ?? []).some((m) => m.roles.includes('admin'));
const isMember = (request: FastifyRequest) => (request.user?.memberships.length ?? 0) > 0;

export async function referenceRoutes(app: FastifyInstance, { database }: { database: Database; config?: JoineryConfig }) {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  api.post(
    '/api/estate/reference-imports',
    {
      schema: {
        tags,
        summary: 'Import a version of a reference list (the file as published, text/csv)',
        description:
          'Lists: lgsl (esd services.csv), functions (esd functions.csv), function-services (the LGA function → service mapping, functions_services_themes.csv), councils (mySociety uk_local_authorities_future.csv or GOV.UK local-authorities.csv, recognised by their columns), lgsl-tiers (GOV.UK local_services.csv). Bad rows are refused and reported, the rest stored; a new file replaces the list; the current file again changes nothing (200, unchanged). Needs the admin role in any organisation.',
        consumes: ['text/csv'],
        querystring: Type.Object({ list: ReferenceListName, fileName: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })) }),
        response: { 200: ReferenceImportReport, 201: ReferenceImportReport },
      },
    },
    async (request, reply) => {
      if (!isAdminAnywhere(request)) await refuseReference(database, request, 'admin', request.query.list);
      if (!Buffer.isBuffer(request.body))
        throw estateError('ESTATE_REFERENCE_UNREADABLE', 'Send the list as the request body with Content-Type: text/csv');
      const report = await importReferenceList(database, request.user!, {
        list: request.query.list,
        fileName: request.query.fileName ?? `${request.query.list}.csv`,
        bytes: request.body,
      });
      return reply.code(report.unchanged ? 200 : 201).send(report);
    },
  );

  api.get(
    '/api/estate/reference-imports',
    {
      schema: {
        tags,
        summary: 'Every version of every reference list imported (isCurrent: the one in use)',
        response: { 200: Type.Array(ReferenceImport) },
      },
    },
    async (request) => {
      if (!isMember(request)) await refuseReference(database, request, 'membership', 'reference-imports');
      return listReferenceImports(database);
    },
  );

  api.get(
    '/api/estate/register',
    {
      schema: {
        tags,
        summary: 'Councils in the imported register, by name, GSS code or local-authority code',
        querystring: Type.Object({ q: Type.String({ minLength: 1, maxLength: 100 }) }),
        response: { 200: Type.Array(RegisterEntry) },
      },
    },
    async (request) => {
      if (!isMember(request)) await refuseReference(database, request, 'membership', 'register');
      return searchRegister(database, request.query.q);
    },
  );

  api.get(
    '/api/estate/register/:code/predecessors',
    {
      schema: {
        tags,
        summary: 'The predecessors the register proposes for a council (replaced-by links, then county and districts), each with why',
        params: Type.Object({ code: Type.String({ minLength: 1, maxLength: 40 }) }),
        response: { 200: PredecessorProposal },
      },
    },
    async (request) => {
      if (!isMember(request)) await refuseReference(database, request, 'membership', 'register');
      return proposePredecessors(database, request.params.code);
    },
  );

  api.post(
    '/api/estate/reorganisations/from-register',
    {
      schema: {
        tags,
        summary: 'Start (or update) a reorganisation from the imported register',
        description:
          'The successor is an entry in the register (successor.registerCode) or a new council (successor.code and name); predecessors are register codes. Each council becomes (or is matched to, by its identifiers) an organisation carrying its GSS and local-authority codes; predecessors’ successor is set; the reorganisation is saved. Needs the admin role in one of the named organisations that exist, or in any organisation when none exists yet.',
        body: ReorganisationStart,
        response: {
          201: Type.Object({
            reorganisation: ReorganisationRecord,
            created: Type.Array(Type.String()),
            updated: Type.Array(Type.String()),
          }),
        },
      },
    },
    async (request, reply) => {
      if (!isAdminAnywhere(request)) await refuseReference(database, request, 'admin', request.body.code);
      return reply.code(201).send(await startReorganisationFromRegister(database, request.user!, request.body));
    },
  );

  // Pages

  app.get<{ Querystring: { started?: string } }>('/estate/reference', async (request, reply) => {
    if (!isMember(request)) await refuseReference(database, request, 'membership', 'reference');
    const imports = await listReferenceImports(database);
    const lists = REFERENCE_LISTS.map((list) => ({
      list,
      label: REFERENCE_LIST_LABELS[list],
      current: imports.filter((i) => i.list === list && i.isCurrent),
      history: imports.filter((i) => i.list === list && !i.isCurrent),
    }));
    return reply.view('estate/reference-lists.njk', {
      title: 'Reference lists',
      lists,
      reorganisations: await listReorganisations(database),
      started: request.query.started?.slice(0, 64),
    });
  });

  app.get<{ Querystring: { q?: string; from?: string } }>('/estate/reorganisations/new', async (request, reply) => {
    if (!isMember(request)) await refuseReference(database, request, 'membership', 'reorganisation');
    return reply.view(
      'estate/reorganisation-start.njk',
      await startPage(database, request.query.q, request.query.from, isAdminAnywhere(request)),
    );
  });

  app.post('/estate/reorganisations/new', async (request, reply) => {
    if (!isAdminAnywhere(request)) await refuseReference(database, request, 'admin', 'reorganisation');
    const body = (request.body ?? {}) as Record<string, unknown>;
    const text = (name: string) => (typeof body[name] === 'string' ? (body[name] as string).trim() : '');
    const list = (name: string) => {
      const v = body[name];
      return (Array.isArray(v) ? v : typeof v === 'string' ? [v] : []).map(String);
    };
    const predecessors = [
      ...list('predecessors'),
      ...text('otherPredecessors')
        .split(/[\s,;]+/)
        .filter(Boolean),
    ];
    const successorRegister = text('successorRegisterCode');
    const input = {
      code: text('code'),
      name: text('name'),
      vestingDay: text('vestingDay'),
      successor: successorRegister
        ? { registerCode: successorRegister }
        : { code: text('successorCode'), name: text('successorName'), gssCode: text('successorGss') || undefined },
      predecessors,
    };
    try {
      const started = await startReorganisationFromRegister(database, request.user!, input);
      return reply.redirect(`/estate/reference?started=${encodeURIComponent(started.reorganisation.code)}`, 303);
    } catch (error) {
      if (!(error instanceof JoineryError) || error.status >= 500) throw error;
      const page = await startPage(database, undefined, text('from') || undefined, true);
      return reply.code(error.status).view('estate/reorganisation-start.njk', {
        ...page,
        values: {
          ...input,
          successorRegisterCode: successorRegister,
          successorCode: text('successorCode'),
          successorName: text('successorName'),
          otherPredecessors: text('otherPredecessors'),
        },
        chosen: [...new Set(predecessors)],
        errors: (error.details.length > 0 ? error.details : [{ message: error.message }]).map((d) => ({
          text: d.message,
          href: `#${FIELD_IDS[d.field ?? ''] ?? 'code'}`,
        })),
        fieldErrors: Object.fromEntries(error.details.filter((d) => d.field).map((d) => [FIELD_IDS[d.field!] ?? d.field, d.message])),
      });
    }
  });

  await classificationRoutes(app, { database });
}

const FIELD_IDS: Record<string, string> = {
  code: 'code',
  name: 'name',
  vestingDay: 'vestingDay',
  successor: 'successorName',
  successorCode: 'successorCode',
  successorName: 'successorName',
  predecessors: 'otherPredecessors',
};

async function startPage(database: Database, q: string | undefined, from: string | undefined, administers: boolean) {
  const loaded = (await listReferenceImports(database)).some((i) => i.list === 'councils' && i.isCurrent);
  let results: Awaited<ReturnType<typeof searchRegister>> = [];
  let proposal: Awaited<ReturnType<typeof proposePredecessors>> | undefined;
  let problem: string | undefined;
  if (loaded && q && q.trim() !== '') results = await searchRegister(database, q.slice(0, 100));
  if (loaded && from) {
    try {
      proposal = await proposePredecessors(database, from.slice(0, 40));
    } catch (error) {
      if (!(error instanceof JoineryError)) throw error;
      problem = error.message;
    }
  }
  // A council that replaced others is the successor; otherwise it is a predecessor and the successor is new.
  const isSuccessor = proposal ? proposal.proposals.some((p) => p.entry.replacedBy.includes(proposal!.entry.code)) : false;
  return {
    title: 'Start a reorganisation',
    breadcrumbs: [{ text: 'Reference lists', href: '/estate/reference' }, { text: 'Start a reorganisation' }],
    loaded,
    administers,
    q: q ?? '',
    from: from ?? '',
    results,
    proposal,
    problem,
    isSuccessor,
    values:
      isSuccessor && proposal
        ? { successorRegisterCode: proposal.entry.code, name: `${proposal.entry.shortName ?? proposal.entry.name} reorganisation` }
        : {},
    chosen: proposal?.proposals.map((p) => p.entry.code) ?? [],
    errors: [] as { text: string; href: string }[],
    fieldErrors: {} as Record<string, string>,
  };
}
