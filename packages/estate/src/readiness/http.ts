/**
 * Readiness API and page: record ratings (one assessment, several areas), read the current
 * ratings with the overall rating by the documented rule, and the history, charted.
 */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { renderChartSvg, type Database } from '@joinery/core';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { callerOf, chooseReorganisation, formOf, pageContext, ReorganisationParams } from '../governance/http.ts';
import { mustChange, mustRead } from '../governance/access.ts';
import {
  AREA_KEYS,
  READINESS_AREAS,
  READINESS_CAPACITIES,
  ReadinessRating,
  ReadinessRatingInput,
  ReadinessSummary,
  type Rating,
} from './model.ts';
import { OVERALL_RULE } from './rating-rule.ts';
import { readinessHistory, readinessSummary, recordReadiness } from './service.ts';

const tags = ['Estate: readiness'];

/** A chart of one organisation's ratings over time, one line per area. */
export async function readinessChart(history: readonly ReadinessRating[], organisationName: string): Promise<string | null> {
  if (history.length === 0) return null;
  const values = history.map((r) => ({
    date: r.assessedOn,
    area: READINESS_AREAS.find((a) => a.key === r.area)?.name ?? r.area,
    rating: r.rating,
  }));
  // A grid, not lines: ratings are categories. Each square also says its rating in words, so colour is not the only cue.
  return renderChartSvg(
    {
      data: { values },
      encoding: {
        x: { field: 'date', type: 'ordinal', title: 'Assessed on', axis: { labelAngle: 0 } },
        y: { field: 'area', type: 'nominal', title: null, sort: READINESS_AREAS.map((a) => a.name), axis: { labelLimit: 420 } },
      },
      layer: [
        {
          mark: { type: 'rect', stroke: '#ffffff', strokeWidth: 2 },
          encoding: {
            color: {
              field: 'rating',
              type: 'nominal',
              title: 'Rating',
              scale: { domain: ['red', 'amber', 'green'], range: ['#d4351c', '#f47738', '#00703c'] },
            },
          },
        },
        {
          mark: { type: 'text', fontSize: 14, fontWeight: 'bold' },
          encoding: {
            text: { field: 'rating', type: 'nominal' },
            // Dark text on amber, white on red and green: readable on each.
            color: { condition: { test: "datum.rating === 'amber'", value: '#0b0c0c' }, value: '#ffffff' },
          },
        },
      ],
      width: { step: 110 },
      height: { step: 34 },
    },
    {
      title: `Readiness of ${organisationName} over time`,
      description: `Grid of each readiness area's rating (red, amber or green, written in each square) at each assessment date. The table after the chart lists every rating with its evidence.`,
    },
  );
}

export async function readinessRoutes(app: FastifyInstance, { database }: { database: Database }) {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const base = '/api/estate/reorganisations/:code/readiness';

  api.get(
    base,
    {
      schema: {
        tags,
        summary: 'Current readiness ratings per organisation and area, and the overall ratings by the documented rule',
        params: ReorganisationParams,
        response: {
          200: Type.Object({
            areas: Type.Array(Type.Object({ key: Type.String(), capacity: Type.String(), name: Type.String(), question: Type.String() })),
            capacities: Type.Array(Type.Object({ key: Type.String(), name: Type.String() })),
            summary: ReadinessSummary,
          }),
        },
      },
    },
    async (request) => {
      const reorganisation = await mustRead(database, callerOf(request), request.params.code);
      return {
        areas: READINESS_AREAS.map((a) => ({ ...a })),
        capacities: READINESS_CAPACITIES.map((c) => ({ ...c })),
        summary: await readinessSummary(database, reorganisation.code),
      };
    },
  );

  api.post(
    base,
    {
      schema: {
        tags,
        summary: 'Record an assessment: ratings for one or more areas (needs an administrator of the successor or a predecessor)',
        description: `Earlier ratings are kept as the history. ${OVERALL_RULE}`,
        params: ReorganisationParams,
        body: Type.Object({ ratings: Type.Array(ReadinessRatingInput, { minItems: 1, maxItems: 100 }) }),
        response: { 201: Type.Object({ ratings: Type.Array(ReadinessRating) }) },
      },
    },
    async (request, reply) => {
      const reorganisation = await mustChange(database, callerOf(request), request.params.code);
      return reply.code(201).send({ ratings: await recordReadiness(database, request.user!, reorganisation.code, request.body.ratings) });
    },
  );

  api.get(
    `${base}/history`,
    {
      schema: {
        tags,
        summary: 'Every rating recorded, oldest first',
        params: ReorganisationParams,
        querystring: Type.Object({ organisation: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })) }),
        response: { 200: Type.Object({ ratings: Type.Array(ReadinessRating) }) },
      },
    },
    async (request) => {
      const reorganisation = await mustRead(database, callerOf(request), request.params.code);
      return { ratings: await readinessHistory(database, reorganisation.code, request.query.organisation) };
    },
  );

  // Pages

  app.get<{ Querystring: { reorganisation?: string; organisation?: string; recorded?: string } }>(
    '/estate/readiness',
    async (request, reply) => {
      const reorganisation = await chooseReorganisation(database, request, request.query.reorganisation);
      const context = pageContext(request, reorganisation);
      // The organisation asked for, else the user's own (if it takes part), else the successor.
      const organisation =
        [request.query.organisation, request.actingFor].find((c) => c && context.parties.includes(c)) ?? reorganisation.successorCode;
      const summary = await readinessSummary(database, reorganisation.code);
      const history = await readinessHistory(database, reorganisation.code, organisation);
      const names = await organisationNames(database, context.parties);
      return reply.view('estate/readiness-assessment.njk', {
        title: 'Digital readiness',
        ...context,
        names,
        organisation,
        summary,
        areas: READINESS_AREAS,
        capacities: READINESS_CAPACITIES,
        rule: OVERALL_RULE,
        history: history.map((r) => ({ ...r, areaName: READINESS_AREAS.find((a) => a.key === r.area)?.name ?? r.area })).reverse(),
        chart: await readinessChart(history, names[organisation] ?? organisation),
        today: new Date().toISOString().slice(0, 10),
        recorded: request.query.recorded,
      });
    },
  );

  app.post('/estate/readiness', async (request, reply) => {
    const form = formOf(request);
    const text = (name: string) => (typeof form[name] === 'string' ? (form[name] as string).trim() : '');
    const reorganisation = await mustChange(database, callerOf(request), text('reorganisation'));
    const organisationCode = text('organisation');
    const ratings = AREA_KEYS.filter((area) => ['red', 'amber', 'green'].includes(text(`rating_${area}`))).map((area) => ({
      organisationCode,
      area,
      rating: text(`rating_${area}`) as Rating,
      evidence: text(`evidence_${area}`),
      links: text(`link_${area}`) ? [{ text: text(`link_${area}`), href: text(`link_${area}`) }] : [],
      assessor: text('assessor'),
      assessedOn: text('assessedOn'),
    }));
    const recorded = await recordReadiness(database, request.user!, reorganisation.code, ratings);
    return reply.redirect(
      `/estate/readiness?reorganisation=${encodeURIComponent(reorganisation.code)}&organisation=${encodeURIComponent(organisationCode)}&recorded=${recorded.length}`,
      303,
    );
  });
}

async function organisationNames(database: Database, codes: string[]): Promise<Record<string, string>> {
  if (codes.length === 0) return {};
  const rows = await database.db.selectFrom('organisations').select(['code', 'name']).where('code', 'in', codes).execute();
  return Object.fromEntries(codes.map((c) => [c, rows.find((r) => r.code === c)?.name ?? c]));
}
export { organisationNames };
