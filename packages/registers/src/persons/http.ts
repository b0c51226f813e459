/**
 * The person index's pages and API. Administrators of an organisation register its source
 * systems and load extracts; administrators or information governance build the index;
 * only caseworkers and information governance see personal data, each view audited with a
 * reason (asked once on the page, kept in the session for a while; `reason` in the API).
 */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { requireSignIn, type Database } from '@joinery/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type {} from '@fastify/view';
import { Type } from 'typebox';
import { registersError } from '../errors.ts';
import {
  auditView,
  mayAdminister,
  mayBuild,
  mayViewPersonalData,
  refuse,
  rememberReason,
  requirePersonalData,
  requireReason,
  sessionReason,
} from './access.ts';
import { buildPersonIndex } from './build.ts';
import { loadExtract } from './load.ts';
import { matchPerson, registerPersonRecord } from './match.ts';
import { BuildReport, ColumnMapping, LoadReport, PERSON_FIELD_LABELS, PERSON_FIELDS, PersonQuery, type PersonField } from './model.ts';
import { decidePair, getReviewQueuePair, listReviewQueue } from './review.ts';
import { getPersonView, qualityReport, searchPersons } from './single-view.ts';
import { personsDb, latestBuild, listLoads } from './store.ts';
import { changeSystem, getSystem, listSystems, proposeMappingForExtract, registerSystem } from './systems.ts';

const tags = ['Person index'];
const Reason = Type.String({
  minLength: 1,
  maxLength: 500,
  description: 'Why you need to see this personal data (written to the audit trail)',
});

interface Upload {
  filename: string;
  content: Buffer;
}

function field(request: FastifyRequest, name: string): string {
  const value = (request.body as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value.trim() : '';
}

function upload(request: FastifyRequest): Upload {
  const value = (request.body as Record<string, unknown> | undefined)?.file as Upload | undefined;
  if (!value || !Buffer.isBuffer(value.content) || value.content.length === 0)
    throw registersError('REGISTERS_EXTRACT_INVALID', 'Choose a CSV file to upload', [
      { field: 'file', message: 'Choose a CSV file to upload' },
    ]);
  return value;
}

/** Mapping form fields ("map.addressLines" = "address_1, address_2") to a mapping. */
function mappingFromForm(request: FastifyRequest): ColumnMapping {
  const mapping: ColumnMapping = {};
  for (const f of PERSON_FIELDS) {
    const columns = field(request, `map.${f}`)
      .split(',')
      .map((c) => c.trim())
      .filter(Boolean);
    if (columns.length > 0) mapping[f] = columns;
  }
  return mapping;
}

export async function personRoutes(app: FastifyInstance, { database }: { database: Database }) {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  app.addHook('preHandler', requireSignIn);
  // Scripts send extracts as the request body.
  app.addContentTypeParser(['text/csv', 'application/csv'], { parseAs: 'buffer', bodyLimit: 512 * 1048576 }, (_r, body, done) =>
    done(null, body),
  );

  const systemKey = (p: { org: string; code: string }) => `${p.org}/${p.code}`;
  const requireAdmin = async (request: FastifyRequest, organisationCode: string) => {
    if (!mayAdminister(request, organisationCode)) await refuse(database, request, 'admin', organisationCode);
  };
  /** Pages: the reason in the session, or off to the reason form and back. */
  const pageReason = (request: FastifyRequest, reply: FastifyReply): string | undefined => {
    const reason = sessionReason(request);
    if (!reason) void reply.redirect(`/persons/reason?returnTo=${encodeURIComponent(request.url)}`);
    return reason;
  };

  // API: systems, loads, build

  api.get('/api/person-systems', { schema: { tags, summary: 'Source systems registered in the person index' } }, async () => ({
    systems: await listSystems(database),
  }));

  api.post(
    '/api/person-systems',
    {
      schema: {
        tags,
        summary: 'Register a source system (administrators of its organisation)',
        body: Type.Object({ organisationCode: Type.String(), code: Type.String(), name: Type.String(), mapping: ColumnMapping }),
      },
    },
    async (request, reply) => {
      await requireAdmin(request, request.body.organisationCode);
      const system = await registerSystem(database, request.user!, { ...request.body, mapping: request.body.mapping as ColumnMapping });
      return reply.code(201).send(system);
    },
  );

  api.post(
    '/api/person-systems/propose-mapping',
    { schema: { tags, summary: 'Propose a column mapping from an extract (text/csv body)', consumes: ['text/csv'] } },
    async (request) => {
      if (!Buffer.isBuffer(request.body)) throw registersError('REGISTERS_EXTRACT_INVALID', 'Send the extract as a text/csv body');
      return proposeMappingForExtract(request.body, 'extract.csv');
    },
  );

  api.put(
    '/api/person-systems/:org/:code/mapping',
    {
      schema: {
        tags,
        summary: 'Change a source system’s column mapping',
        params: Type.Object({ org: Type.String(), code: Type.String() }),
        body: ColumnMapping,
      },
    },
    async (request) => {
      await requireAdmin(request, request.params.org);
      return changeSystem(database, request.user!, systemKey(request.params), { mapping: request.body as ColumnMapping });
    },
  );

  api.post(
    '/api/person-systems/:org/:code/loads',
    {
      schema: {
        tags,
        summary: 'Load a full extract of a source system (text/csv body): added, updated, unchanged, retired and refused rows',
        consumes: ['text/csv'],
        params: Type.Object({ org: Type.String(), code: Type.String() }),
        querystring: Type.Object({ fileName: Type.Optional(Type.String({ maxLength: 200 })) }),
        response: { 201: LoadReport },
      },
    },
    async (request, reply) => {
      await requireAdmin(request, request.params.org);
      if (!Buffer.isBuffer(request.body)) throw registersError('REGISTERS_EXTRACT_INVALID', 'Send the extract as a text/csv body');
      const report = await loadExtract(database, request.user!, {
        systemKey: systemKey(request.params),
        bytes: request.body,
        fileName: request.query.fileName ?? 'extract.csv',
      });
      return reply.code(201).send(report);
    },
  );

  api.get(
    '/api/person-systems/:org/:code/quality',
    {
      schema: { tags, summary: 'Data-quality report of a source system', params: Type.Object({ org: Type.String(), code: Type.String() }) },
    },
    async (request) => {
      if (!mayAdminister(request, request.params.org) && !mayViewPersonalData(request))
        await refuse(database, request, 'admin', systemKey(request.params));
      await getSystem(database, systemKey(request.params));
      return qualityReport(database, systemKey(request.params));
    },
  );

  api.post(
    '/api/persons/build',
    {
      schema: {
        tags,
        summary: 'Build or refresh the person index',
        body: Type.Object({
          retrain: Type.Optional(Type.Boolean()),
          trainFromDecisions: Type.Optional(Type.Boolean()),
          threshold: Type.Optional(Type.Number({ minimum: 0.5, maximum: 0.9999 })),
          reviewLowerBound: Type.Optional(Type.Number({ minimum: 0.01, maximum: 0.99 })),
          incremental: Type.Optional(
            Type.Boolean({
              description: 'false: re-link every record; otherwise only records changed since the last build and the persons they touch',
            }),
          ),
        }),
        response: { 200: BuildReport },
      },
    },
    async (request) => {
      if (!mayBuild(request)) await refuse(database, request, 'admin or information-governance');
      return buildPersonIndex(database, request.user!, request.body);
    },
  );

  // API: personal data (reason required)

  api.post(
    '/api/persons/match',
    {
      schema: {
        tags,
        summary: 'Match a person record against the index, with probabilities and explanations; optionally register it',
        body: Type.Object({
          reason: Reason,
          record: PersonQuery,
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50 })),
          register: Type.Optional(Type.Boolean()),
          systemKey: Type.Optional(Type.String({ description: 'With register: the system holding the record (organisation/code)' })),
          sourceRecordId: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
        }),
      },
    },
    async (request) => {
      await requirePersonalData(database, request);
      const reason = requireReason(request.body.reason);
      if (!request.body.register)
        return matchPerson(database, request.user!, request.body.record, {
          reason,
          limit: request.body.limit,
          organisationCode: request.actingFor,
        });
      if (!request.body.systemKey || !request.body.sourceRecordId)
        throw registersError('REGISTERS_MATCH_INVALID', 'To register a record, give systemKey and sourceRecordId');
      const [org] = request.body.systemKey.split('/');
      if (!mayAdminister(request, org!) && !request.user!.memberships.some((m) => m.organisationCode === org))
        await refuse(database, request, `a role in ${org}`, request.body.systemKey);
      return registerPersonRecord(
        database,
        request.user!,
        { systemKey: request.body.systemKey, sourceRecordId: request.body.sourceRecordId, record: request.body.record },
        { reason, limit: request.body.limit },
      );
    },
  );

  api.get(
    '/api/persons',
    {
      schema: {
        tags,
        summary: 'Search persons by NHS number, surname, given name or date of birth',
        querystring: Type.Object({
          reason: Reason,
          nhsNumber: Type.Optional(Type.String({ maxLength: 20 })),
          surname: Type.Optional(Type.String({ maxLength: 100 })),
          givenName: Type.Optional(Type.String({ maxLength: 100 })),
          dateOfBirth: Type.Optional(Type.String({ maxLength: 20 })),
        }),
      },
    },
    async (request) => {
      await requirePersonalData(database, request);
      const { reason, ...query } = request.query;
      const persons = await searchPersons(database, query);
      await auditView(database, request, {
        action: 'person.search',
        subjectType: 'person',
        reason: requireReason(reason),
        details: { fields: Object.keys(query).sort(), found: persons.length },
      });
      return { persons };
    },
  );

  api.get(
    '/api/persons/:id',
    {
      schema: {
        tags,
        summary: 'A person’s single view: records, systems, disagreements, history',
        params: Type.Object({ id: Type.String() }),
        querystring: Type.Object({ reason: Reason }),
      },
    },
    async (request) => {
      await requirePersonalData(database, request, request.params.id);
      const reason = requireReason(request.query.reason);
      const view = await getPersonView(database, request.params.id);
      await auditView(database, request, { action: 'person.view', subjectType: 'person', subjectId: view.id, reason });
      return view;
    },
  );

  api.get(
    '/api/persons-review',
    {
      schema: {
        tags,
        summary: 'The clerical review queue',
        querystring: Type.Object({
          reason: Reason,
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
          offset: Type.Optional(Type.Integer({ minimum: 0 })),
        }),
      },
    },
    async (request) => {
      await requirePersonalData(database, request);
      const reason = requireReason(request.query.reason);
      const queue = await listReviewQueue(database, { limit: request.query.limit ?? 20, offset: request.query.offset ?? 0 });
      await auditView(database, request, {
        action: 'person.review-list',
        subjectType: 'person-pair',
        reason,
        details: { pairs: queue.pairs.map((p) => p.id) },
      });
      return queue;
    },
  );

  api.post(
    '/api/persons-review/:id',
    {
      schema: {
        tags,
        summary: 'Decide a pair: the same person, or different people, with a reason',
        params: Type.Object({ id: Type.Integer() }),
        body: Type.Object({ decision: Type.Enum(['same', 'different']), reason: Reason }),
      },
    },
    async (request, reply) => {
      await requirePersonalData(database, request);
      await decidePair(database, request.user!, request.params.id, request.body as { decision: 'same' | 'different'; reason: string });
      return reply.code(204).send();
    },
  );

  // Pages

  app.get('/persons', async (request, reply) => {
    const systems = await listSystems(database);
    const build = await latestBuild(personsDb(database.db));
    const administers = new Set(request.user!.memberships.filter((m) => m.roles.includes('admin')).map((m) => m.organisationCode));
    return reply.view('persons/index.njk', {
      title: 'Person index',
      systems,
      build,
      administers: [...administers],
      mayBuild: mayBuild(request),
      personal: mayViewPersonalData(request),
      reason: sessionReason(request),
      fields: PERSON_FIELDS.map((f) => ({ name: f, label: PERSON_FIELD_LABELS[f] })),
    });
  });

  app.get<{ Querystring: { returnTo?: string } }>('/persons/reason', async (request, reply) => {
    await requirePersonalData(database, request);
    return reply.view('persons/reason.njk', {
      title: 'Why do you need to see personal data?',
      returnTo: safePersonsPath(request.query.returnTo),
    });
  });

  app.post('/persons/reason', async (request, reply) => {
    await requirePersonalData(database, request);
    const reason = field(request, 'reason');
    const returnTo = safePersonsPath(field(request, 'returnTo'));
    if (!reason)
      return reply.code(400).view('persons/reason.njk', {
        title: 'Why do you need to see personal data?',
        returnTo,
        error: 'Enter the reason you need to see personal data',
      });
    rememberReason(request, reason);
    await auditView(database, request, { action: 'person.reason-given', subjectType: 'person-index', reason });
    return reply.redirect(returnTo);
  });

  app.get<{ Querystring: Record<string, string | undefined> }>('/persons/search', async (request, reply) => {
    await requirePersonalData(database, request);
    const reason = pageReason(request, reply);
    if (!reason) return reply;
    const q = {
      nhsNumber: request.query.nhsNumber,
      surname: request.query.surname,
      givenName: request.query.givenName,
      dateOfBirth: request.query.dateOfBirth,
    };
    const asked = Object.values(q).some((v) => v && v.trim() !== '');
    const persons = asked ? await searchPersons(database, q) : [];
    if (asked)
      await auditView(database, request, {
        action: 'person.search',
        subjectType: 'person',
        reason,
        details: { fields: Object.keys(q).filter((k) => q[k as keyof typeof q]), found: persons.length },
      });
    return reply.view('persons/search.njk', {
      title: 'Find a person',
      q,
      asked,
      persons,
      breadcrumbs: [{ text: 'Person index', href: '/persons' }, { text: 'Find a person' }],
    });
  });

  app.get('/persons/review', async (request, reply) => {
    await requirePersonalData(database, request);
    const reason = pageReason(request, reply);
    if (!reason) return reply;
    const queue = await listReviewQueue(database, { limit: 50 });
    await auditView(database, request, {
      action: 'person.review-list',
      subjectType: 'person-pair',
      reason,
      details: { pairs: queue.pairs.map((p) => p.id) },
    });
    return reply.view('persons/review.njk', {
      title: 'Pairs to review',
      queue,
      breadcrumbs: [{ text: 'Person index', href: '/persons' }, { text: 'Review' }],
    });
  });

  app.get<{ Params: { id: string } }>('/persons/review/:id', async (request, reply) => {
    await requirePersonalData(database, request);
    const reason = pageReason(request, reply);
    if (!reason) return reply;
    const pair = await getReviewQueuePair(database, Number.parseInt(request.params.id, 10) || 0);
    await auditView(database, request, { action: 'person.review-view', subjectType: 'person-pair', subjectId: String(pair.id), reason });
    return reply.view('persons/review-pair.njk', {
      title: `Pair ${pair.id}: one person or two?`,
      pair,
      columns: RECORD_ROWS,
      breadcrumbs: [{ text: 'Person index', href: '/persons' }, { text: 'Review', href: '/persons/review' }, { text: `Pair ${pair.id}` }],
    });
  });

  app.post<{ Params: { id: string } }>('/persons/review/:id', async (request, reply) => {
    await requirePersonalData(database, request);
    const decision = field(request, 'decision');
    const id = Number.parseInt(request.params.id, 10) || 0;
    if (decision !== 'same' && decision !== 'different')
      throw registersError('REGISTERS_REASON_REQUIRED', 'Choose whether the records are the same person', [
        { field: 'decision', message: 'Choose same person or different people' },
      ]);
    await decidePair(database, request.user!, id, { decision, reason: field(request, 'reason') });
    return reply.redirect('/persons/review');
  });

  app.get<{ Params: { org: string; code: string } }>('/persons/systems/:org/:code', async (request, reply) => {
    if (!mayAdminister(request, request.params.org) && !mayViewPersonalData(request))
      await refuse(database, request, 'admin', systemKey(request.params));
    const system = await getSystem(database, systemKey(request.params));
    const loads = await listLoads(personsDb(database.db), system.key, 20);
    const quality = await qualityReport(database, system.key);
    return reply.view('persons/system.njk', {
      title: `${system.name} (${system.organisationCode})`,
      system,
      loads,
      quality,
      administers: mayAdminister(request, system.organisationCode),
      fields: PERSON_FIELDS.map((f: PersonField) => ({
        name: f,
        label: PERSON_FIELD_LABELS[f],
        value: (system.mapping[f] ?? []).join(', '),
      })),
      breadcrumbs: [{ text: 'Person index', href: '/persons' }, { text: system.key }],
    });
  });

  app.post('/persons/systems', async (request, reply) => {
    const organisationCode = field(request, 'organisationCode');
    await requireAdmin(request, organisationCode);
    const file = (request.body as Record<string, unknown> | undefined)?.file as Upload | undefined;
    const proposed =
      file && Buffer.isBuffer(file.content) && file.content.length > 0 ? proposeMappingForExtract(file.content, file.filename).mapping : {};
    const fromForm = mappingFromForm(request);
    const system = await registerSystem(database, request.user!, {
      organisationCode,
      code: field(request, 'code'),
      name: field(request, 'name'),
      mapping: Object.keys(fromForm).length > 0 ? fromForm : proposed,
    });
    return reply.redirect(`/persons/systems/${system.key}`);
  });

  app.post<{ Params: { org: string; code: string } }>('/persons/systems/:org/:code/mapping', async (request, reply) => {
    await requireAdmin(request, request.params.org);
    await changeSystem(database, request.user!, systemKey(request.params), { mapping: mappingFromForm(request) });
    return reply.redirect(`/persons/systems/${systemKey(request.params)}`);
  });

  app.post<{ Params: { org: string; code: string } }>('/persons/systems/:org/:code/loads', async (request, reply) => {
    await requireAdmin(request, request.params.org);
    const file = upload(request);
    const report = await loadExtract(database, request.user!, {
      systemKey: systemKey(request.params),
      bytes: file.content,
      fileName: file.filename,
    });
    return reply.view('persons/load.njk', {
      title: `Loaded ${file.filename}`,
      report,
      breadcrumbs: [
        { text: 'Person index', href: '/persons' },
        { text: report.systemKey, href: `/persons/systems/${report.systemKey}` },
        { text: `Load ${report.loadId}` },
      ],
    });
  });

  app.post('/persons/build', async (request, reply) => {
    if (!mayBuild(request)) await refuse(database, request, 'admin or information-governance');
    const report = await buildPersonIndex(database, request.user!, {
      retrain: field(request, 'retrain') === 'yes',
      trainFromDecisions: field(request, 'trainFromDecisions') === 'yes',
      incremental: field(request, 'full') !== 'yes',
    });
    return reply.view('persons/built.njk', {
      title: 'Person index built',
      report,
      breadcrumbs: [{ text: 'Person index', href: '/persons' }, { text: `Build ${report.buildId}` }],
    });
  });

  // Last: /persons/:id would otherwise catch /persons/search and /persons/review.
  app.get<{ Params: { id: string } }>('/persons/:id', async (request, reply) => {
    await requirePersonalData(database, request, request.params.id);
    const reason = pageReason(request, reply);
    if (!reason) return reply;
    const view = await getPersonView(database, request.params.id);
    await auditView(database, request, { action: 'person.view', subjectType: 'person', subjectId: view.id, reason });
    return reply.view('persons/person.njk', {
      title: `Person ${view.id}`,
      view,
      columns: RECORD_ROWS,
      breadcrumbs: [{ text: 'Person index', href: '/persons' }, { text: view.id }],
    });
  });
}

/** The record fields shown side by side on pages. */
const RECORD_ROWS = [
  ['title', 'Title'],
  ['given_name', 'Given name'],
  ['middle_names', 'Middle names'],
  ['surname', 'Surname'],
  ['full_name', 'Name as held'],
  ['date_of_birth', 'Date of birth'],
  ['sex', 'Sex'],
  ['nhs_number', 'NHS number'],
  ['address', 'Address'],
  ['postcode', 'Postcode'],
  ['uprn', 'UPRN'],
  ['phone', 'Phone'],
  ['email', 'Email'],
];

/** Only back to a person index page (never off-site). */
function safePersonsPath(path: string | undefined): string {
  return path && /^\/persons(\/[A-Za-z0-9/_-]*)?(\?[^\s]*)?$/.test(path) && !path.startsWith('//') ? path : '/persons';
}
