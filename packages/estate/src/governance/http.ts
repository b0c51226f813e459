/**
 * The decision-rights matrix's API and pages. Reading needs membership of an organisation in
 * the reorganisation; saving and publishing need an administrator of the successor or of any
 * predecessor (access.ts). The published matrix is public: a page and a JSON route anyone may
 * read, since the report (§7.3) asks new unitaries to publish it.
 */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { readFileSync } from 'node:fs';
import type { Database } from '@joinery/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { estateError } from '../errors.ts';
import { listReorganisations, reorganisationOf, type Reorganisation } from '../reorganisations/service.ts';
import {
  mayChangeReorganisation,
  mayReadReorganisation,
  mustChange,
  mustRead,
  partiesOf,
  requireReorganisation,
  type Caller,
} from './access.ts';
import { readMatrixForm, NEW_COLUMNS } from './form.ts';
import { matrixGaps } from './matrix.ts';
import { DecisionMatrix, DecisionRightsVersion, DecisionRightsVersionSummary, DECISION_DOMAINS, MatrixDiff, RACI_CODES } from './model.ts';
import {
  diffDecisionRights,
  getDecisionRights,
  getDecisionRightsVersion,
  listDecisionRightsVersions,
  publishDecisionRights,
  publishedDecisionRights,
  saveDecisionRights,
} from './service.ts';
import { describeDiff, gapNames, matrixRows, RACI_LEGEND } from './view-model.ts';

const tags = ['Estate: governance'];
const PRINT_CSS = readFileSync(new URL('./print.css', import.meta.url), 'utf8');
export const ReorganisationParams = Type.Object({
  code: Type.String({ minLength: 1, maxLength: 64, description: 'The reorganisation, e.g. wessex-lgr' }),
});

export function callerOf(request: FastifyRequest): Caller {
  return {
    user: request.user,
    actingFor: request.actingFor,
    method: request.method,
    path: request.url.split('?')[0] ?? '',
    ip: request.ip,
  };
}

export function formOf(request: FastifyRequest): Record<string, unknown> {
  return (request.body as Record<string, unknown> | undefined) ?? {};
}

/** The reorganisation a page is about: ?reorganisation=, else the one the user's organisation is in. */
export async function chooseReorganisation(
  database: Database,
  request: FastifyRequest,
  asked: string | undefined,
): Promise<Reorganisation> {
  if (asked) return mustRead(database, callerOf(request), asked);
  const own = request.actingFor ? await reorganisationOf(database, request.actingFor) : undefined;
  const readable = own ? [own] : (await listReorganisations(database)).filter((r) => mayReadReorganisation(request.user, r));
  if (readable.length === 0)
    throw estateError('ESTATE_REORGANISATION_UNKNOWN', 'None of your organisations takes part in a reorganisation yet');
  return mustRead(database, callerOf(request), readable[0]!.code);
}

export const pageContext = (request: FastifyRequest, reorganisation: Reorganisation) => ({
  reorganisation,
  parties: partiesOf(reorganisation),
  mayChange: mayChangeReorganisation(request.user, reorganisation),
});

export async function decisionRightsRoutes(app: FastifyInstance, { database }: { database: Database }) {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const base = '/api/estate/reorganisations/:code/decision-rights';

  api.get(
    base,
    {
      schema: {
        tags,
        summary: 'The decision-rights matrix: the current version, the published one, its gaps and what the latest save changed',
        params: ReorganisationParams,
        response: {
          200: Type.Object({
            reorganisationCode: Type.String(),
            domains: Type.Array(Type.Object({ key: Type.String(), name: Type.String(), question: Type.String() })),
            codes: Type.Record(Type.String(), Type.String()),
            current: Type.Union([DecisionRightsVersion, Type.Null()]),
            published: Type.Union([DecisionRightsVersion, Type.Null()]),
            gaps: Type.Array(Type.String(), { description: 'Domains of the current version that no body is accountable for' }),
            latestChange: Type.Union([MatrixDiff, Type.Null()]),
          }),
        },
      },
    },
    async (request) => {
      const reorganisation = await mustRead(database, callerOf(request), request.params.code);
      const { current, published } = await getDecisionRights(database, reorganisation.code);
      return {
        reorganisationCode: reorganisation.code,
        domains: DECISION_DOMAINS.map((d) => ({ ...d })),
        codes: { ...RACI_CODES },
        current,
        published,
        gaps: current ? matrixGaps(current.matrix) : DECISION_DOMAINS.map((d) => d.key),
        latestChange: await diffDecisionRights(database, reorganisation.code),
      };
    },
  );

  api.put(
    base,
    {
      schema: {
        tags,
        summary: 'Save the matrix as a new version (needs an administrator of the successor or a predecessor)',
        description:
          'Every save is a new version with its author, time and change note; nothing is overwritten. A domain may have only one accountable (A) body.',
        params: ReorganisationParams,
        body: Type.Object({ matrix: DecisionMatrix, changeNote: Type.String({ minLength: 1, maxLength: 500 }) }),
        response: { 201: DecisionRightsVersion },
      },
    },
    async (request, reply) => {
      const reorganisation = await mustChange(database, callerOf(request), request.params.code);
      return reply.code(201).send(await saveDecisionRights(database, request.user!, reorganisation.code, request.body));
    },
  );

  api.get(
    `${base}/versions`,
    {
      schema: {
        tags,
        summary: 'Every version of the matrix, newest first',
        params: ReorganisationParams,
        response: { 200: Type.Object({ versions: Type.Array(DecisionRightsVersionSummary) }) },
      },
    },
    async (request) => {
      const reorganisation = await mustRead(database, callerOf(request), request.params.code);
      return { versions: (await listDecisionRightsVersions(database, reorganisation.code)).map(({ matrix: _m, ...summary }) => summary) };
    },
  );

  api.get(
    `${base}/versions/:version`,
    {
      schema: {
        tags,
        summary: 'One version of the matrix',
        params: Type.Intersect([ReorganisationParams, Type.Object({ version: Type.Integer({ minimum: 1 }) })]),
        response: { 200: DecisionRightsVersion },
      },
    },
    async (request) => {
      const reorganisation = await mustRead(database, callerOf(request), request.params.code);
      return getDecisionRightsVersion(database, reorganisation.code, request.params.version);
    },
  );

  api.get(
    `${base}/diff`,
    {
      schema: {
        tags,
        summary: 'What changed between two versions (by default the latest against the one before; null with fewer than two)',
        params: ReorganisationParams,
        querystring: Type.Object({ from: Type.Optional(Type.Integer({ minimum: 1 })), to: Type.Optional(Type.Integer({ minimum: 1 })) }),
        response: { 200: Type.Object({ diff: Type.Union([MatrixDiff, Type.Null()]) }) },
      },
    },
    async (request) => {
      const reorganisation = await mustRead(database, callerOf(request), request.params.code);
      return { diff: await diffDecisionRights(database, reorganisation.code, request.query.from, request.query.to) };
    },
  );

  api.post(
    `${base}/publish`,
    {
      schema: {
        tags,
        summary: 'Publish a version: the public page then shows it (needs an administrator of the successor or a predecessor)',
        params: ReorganisationParams,
        body: Type.Object({ version: Type.Integer({ minimum: 1 }) }),
        response: { 200: DecisionRightsVersion },
      },
    },
    async (request) => {
      const reorganisation = await mustChange(database, callerOf(request), request.params.code);
      return publishDecisionRights(database, request.user!, reorganisation.code, request.body.version);
    },
  );

  api.get(
    `${base}/published`,
    {
      config: { isPublic: true },
      schema: {
        tags,
        summary: 'The published matrix (public: no sign-in needed)',
        params: ReorganisationParams,
        response: { 200: DecisionRightsVersion },
      },
    },
    // Public: who saved and published it are staff usernames, not for publication.
    async (request) => ({ ...(await publishedDecisionRights(database, request.params.code)), savedBy: null, publishedBy: null }),
  );

  // Pages

  app.get('/estate/governance/matrix.css', { config: { isPublic: true }, schema: { hide: true } }, (_request, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(PRINT_CSS),
  );

  app.get<{ Querystring: { reorganisation?: string; saved?: string; published?: string } }>(
    '/estate/governance',
    async (request, reply) => {
      const reorganisation = await chooseReorganisation(database, request, request.query.reorganisation);
      const { current, published, versions } = await getDecisionRights(database, reorganisation.code);
      const previous = current ? versions.find((v) => v.version === current.version - 1) : undefined;
      const diff = await diffDecisionRights(database, reorganisation.code);
      const matrix = current?.matrix ?? { bodies: [], cells: [] };
      return reply.view('estate/governance-matrix.njk', {
        title: 'Decision rights',
        ...pageContext(request, reorganisation),
        current,
        published,
        versions,
        rows: matrixRows(matrix),
        editRows: matrixRows({
          ...matrix,
          bodies: [...matrix.bodies, ...Array.from({ length: NEW_COLUMNS }, () => ({ key: '', name: '' }))],
        }),
        bodies: matrix.bodies,
        newColumns: Array.from({ length: NEW_COLUMNS }, (_v, i) => matrix.bodies.length + i),
        gaps: current ? gapNames(matrix) : [],
        changes: diff && previous && current ? describeDiff(diff, current.matrix, previous.matrix) : [],
        diff,
        legend: RACI_LEGEND,
        saved: request.query.saved,
        justPublished: request.query.published,
      });
    },
  );

  app.get<{ Params: { version: string }; Querystring: { reorganisation?: string } }>(
    '/estate/governance/versions/:version',
    async (request, reply) => {
      const reorganisation = await chooseReorganisation(database, request, request.query.reorganisation);
      const version = await getDecisionRightsVersion(database, reorganisation.code, Number.parseInt(request.params.version, 10) || 0);
      return reply.view('estate/governance-version.njk', {
        title: `Decision rights, version ${version.version}`,
        ...pageContext(request, reorganisation),
        version,
        rows: matrixRows(version.matrix),
        legend: RACI_LEGEND,
        breadcrumbs: [
          { text: 'Decision rights', href: `/estate/governance?reorganisation=${encodeURIComponent(reorganisation.code)}` },
          { text: `Version ${version.version}` },
        ],
      });
    },
  );

  app.get<{ Querystring: { reorganisation?: string; version?: string } }>('/estate/governance/print', async (request, reply) => {
    const reorganisation = await chooseReorganisation(database, request, request.query.reorganisation);
    const { current } = await getDecisionRights(database, reorganisation.code);
    const version = request.query.version
      ? await getDecisionRightsVersion(database, reorganisation.code, Number.parseInt(request.query.version, 10) || 0)
      : current;
    if (!version)
      throw estateError('ESTATE_DECISION_RIGHTS_VERSION_UNKNOWN', `${reorganisation.code} has not saved a decision-rights matrix yet`);
    return reply.view('estate/governance-print.njk', {
      title: `Decision rights: ${reorganisation.name}`,
      reorganisation,
      version,
      rows: matrixRows(version.matrix),
      legend: RACI_LEGEND,
      isPublic: false,
    });
  });

  app.get<{ Params: { code: string } }>('/estate/governance/published/:code', { config: { isPublic: true } }, async (request, reply) => {
    const version = { ...(await publishedDecisionRights(database, request.params.code)), savedBy: null, publishedBy: null };
    const reorganisation = await requireReorganisation(database, request.params.code);
    return reply.view('estate/governance-print.njk', {
      title: `Decision rights: ${reorganisation.name}`,
      reorganisation,
      version,
      rows: matrixRows(version.matrix),
      legend: RACI_LEGEND,
      isPublic: true,
    });
  });

  app.post('/estate/governance', async (request, reply) => {
    const form = formOf(request);
    const reorganisation = await mustChange(database, callerOf(request), String(form.reorganisation ?? ''));
    const saved = await saveDecisionRights(database, request.user!, reorganisation.code, readMatrixForm(form));
    return reply.redirect(`/estate/governance?reorganisation=${encodeURIComponent(reorganisation.code)}&saved=${saved.version}`, 303);
  });

  app.post('/estate/governance/publish', async (request, reply) => {
    const form = formOf(request);
    const reorganisation = await mustChange(database, callerOf(request), String(form.reorganisation ?? ''));
    const published = await publishDecisionRights(
      database,
      request.user!,
      reorganisation.code,
      Number.parseInt(String(form.version ?? ''), 10) || 0,
    );
    return reply.redirect(
      `/estate/governance?reorganisation=${encodeURIComponent(reorganisation.code)}&published=${published.version}`,
      303,
    );
  });
}
