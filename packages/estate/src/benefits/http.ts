/**
 * Benefits register and scorecard: API and page. Reading needs membership of an organisation in
 * the reorganisation; changing needs an administrator of the successor or a predecessor.
 */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { renderChartSvg, type Database } from '@joinery/core';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { callerOf, chooseReorganisation, formOf, pageContext, ReorganisationParams } from '../governance/http.ts';
import { mustChange, mustRead } from '../governance/access.ts';
import { estateError } from '../errors.ts';
import {
  Benefit,
  BenefitInput,
  BenefitTotals,
  BENEFIT_KINDS,
  GATE_KINDS,
  GateInput,
  MeasurementInput,
  ScorecardValue,
  ScorecardValueInput,
  SCORECARD_MEASURES,
  type BenefitKind,
  type GateKind,
  type ScorecardMeasure,
} from './model.ts';
import { isMoney } from './realisation.ts';
import { listBenefits, listScorecard, recordMeasurement, recordScorecardValue, saveBenefit, updateGate } from './service.ts';

const tags = ['Estate: benefits'];
const pounds = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP', maximumFractionDigits: 0 });
const plain = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 });
/** A value in a benefit's unit, for people: £1,250,000 or 12.5. */
const inUnit = (value: number | null, unit: string) => (value === null ? '' : isMoney(unit) ? pounds.format(value) : plain.format(value));
const Reference = Type.Object({ reference: Type.String({ minLength: 1, maxLength: 64 }) });

/** The scorecard as small multiples: one line chart per measure (their units differ). */
export async function scorecardChart(values: readonly ScorecardValue[]): Promise<string | null> {
  if (values.length === 0) return null;
  return renderChartSvg(
    {
      data: {
        values: values.map((v) => ({
          period: v.periodStart,
          value: v.value,
          measure: `${SCORECARD_MEASURES[v.measure].name} (${SCORECARD_MEASURES[v.measure].unit})`,
        })),
      },
      facet: {
        row: {
          field: 'measure',
          type: 'nominal',
          title: null,
          header: { labelAngle: 0, labelAlign: 'left', labelFontSize: 14, labelOrient: 'top' },
        },
      },
      spec: {
        width: 520,
        height: 70,
        mark: { type: 'line', point: { filled: true, size: 60 }, color: '#1d70b8' },
        encoding: {
          x: { field: 'period', type: 'ordinal', timeUnit: 'yearmonth', title: 'Period', axis: { format: '%b %Y', labelAngle: 0 } },
          y: { field: 'value', type: 'quantitative', title: null },
        },
      },
      resolve: { scale: { y: 'independent' } },
    },
    {
      title: 'Programme scorecard over time',
      description: 'One line chart per scorecard measure, each on its own scale. The table after the chart gives every value.',
    },
  );
}

export async function benefitsRoutes(app: FastifyInstance, { database }: { database: Database }) {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const base = '/api/estate/reorganisations/:code';

  api.get(
    `${base}/benefits`,
    {
      schema: {
        tags,
        summary: 'The benefits register, with realised against target totals by kind',
        params: ReorganisationParams,
        response: { 200: Type.Object({ benefits: Type.Array(Benefit), totals: Type.Array(BenefitTotals) }) },
      },
    },
    async (request) => listBenefits(database, (await mustRead(database, callerOf(request), request.params.code)).code),
  );

  api.put(
    `${base}/benefits/:reference`,
    {
      schema: {
        tags,
        summary: 'Add or replace a benefit (and its gates, if given); its measurements are kept',
        params: Type.Intersect([ReorganisationParams, Reference]),
        body: Type.Omit(BenefitInput, ['reference']),
        response: { 200: Benefit },
      },
    },
    async (request) => {
      const reorganisation = await mustChange(database, callerOf(request), request.params.code);
      return saveBenefit(database, request.user!, reorganisation.code, { ...request.body, reference: request.params.reference });
    },
  );

  api.post(
    `${base}/benefits/:reference/measurements`,
    {
      schema: {
        tags,
        summary: 'Record a measurement of a benefit',
        params: Type.Intersect([ReorganisationParams, Reference]),
        body: MeasurementInput,
        response: { 201: Benefit },
      },
    },
    async (request, reply) => {
      const reorganisation = await mustChange(database, callerOf(request), request.params.code);
      return reply
        .code(201)
        .send(await recordMeasurement(database, request.user!, reorganisation.code, request.params.reference, request.body));
    },
  );

  api.put(
    `${base}/benefits/:reference/gates/:number`,
    {
      schema: {
        tags,
        summary: 'Mark a gate met (with the day) or not met',
        params: Type.Intersect([ReorganisationParams, Reference, Type.Object({ number: Type.Integer({ minimum: 1 }) })]),
        body: Type.Pick(GateInput, ['isMet', 'metOn']),
        response: { 200: Benefit },
      },
    },
    async (request) => {
      const reorganisation = await mustChange(database, callerOf(request), request.params.code);
      return updateGate(database, request.user!, reorganisation.code, request.params.reference, request.params.number, request.body);
    },
  );

  api.get(
    `${base}/scorecard`,
    {
      schema: {
        tags,
        summary: 'The programme scorecard: every value by measure and period',
        params: ReorganisationParams,
        response: {
          200: Type.Object({
            measures: Type.Record(Type.String(), Type.Object({ name: Type.String(), unit: Type.String(), higherIsBetter: Type.Boolean() })),
            values: Type.Array(ScorecardValue),
          }),
        },
      },
    },
    async (request) => {
      const reorganisation = await mustRead(database, callerOf(request), request.params.code);
      return { measures: SCORECARD_MEASURES, values: await listScorecard(database, reorganisation.code) };
    },
  );

  api.put(
    `${base}/scorecard`,
    {
      schema: {
        tags,
        summary: 'Record (or replace) one measure’s value for one period',
        params: ReorganisationParams,
        body: ScorecardValueInput,
        response: { 200: Type.Object({ values: Type.Array(ScorecardValue) }) },
      },
    },
    async (request) => {
      const reorganisation = await mustChange(database, callerOf(request), request.params.code);
      return { values: await recordScorecardValue(database, request.user!, reorganisation.code, request.body) };
    },
  );

  // Pages

  app.get<{ Querystring: { reorganisation?: string; done?: string } }>('/estate/benefits', async (request, reply) => {
    const reorganisation = await chooseReorganisation(database, request, request.query.reorganisation);
    const register = await listBenefits(database, reorganisation.code);
    const scorecard = await listScorecard(database, reorganisation.code);
    return reply.view('estate/benefits-register.njk', {
      title: 'Benefits',
      ...pageContext(request, reorganisation),
      benefits: register.benefits.map((b) => ({
        ...b,
        text: {
          baseline: inUnit(b.baseline, b.unit),
          target: inUnit(b.target, b.unit),
          latest: inUnit(b.latest, b.unit),
          realisedGain: inUnit(b.realisedGain, b.unit),
          targetGain: inUnit(b.targetGain, b.unit),
        },
        measurements: b.measurements.map((m) => ({ ...m, text: inUnit(m.value, b.unit) })),
      })),
      totals: register.totals.map((t) => ({ ...t, targetText: pounds.format(t.targetGbp), realisedText: pounds.format(t.realisedGbp) })),
      kinds: BENEFIT_KINDS,
      gateKinds: GATE_KINDS,
      measures: SCORECARD_MEASURES,
      scorecard: scorecard.map((v) => ({
        ...v,
        text: plain.format(v.value),
        name: SCORECARD_MEASURES[v.measure].name,
        unit: SCORECARD_MEASURES[v.measure].unit,
      })),
      chart: await scorecardChart(scorecard),
      done: request.query.done,
      today: new Date().toISOString().slice(0, 10),
    });
  });

  app.post('/estate/benefits', async (request, reply) => {
    const form = formOf(request);
    const text = (name: string) => (typeof form[name] === 'string' ? (form[name] as string).trim() : '');
    const number = (name: string) => (text(name) === '' ? Number.NaN : Number(text(name).replace(/[£,\s]/g, '')));
    const reorganisation = await mustChange(database, callerOf(request), text('reorganisation'));
    const action = text('action');
    const back = (done: string) =>
      reply.redirect(`/estate/benefits?reorganisation=${encodeURIComponent(reorganisation.code)}&done=${done}`, 303);
    if (action === 'benefit') {
      const gate = text('gateMilestone')
        ? [{ kind: (text('gateKind') || 'milestone') as GateKind, milestone: text('gateMilestone'), isMet: false }]
        : undefined;
      const existing = (await listBenefits(database, reorganisation.code)).benefits.find((b) => b.reference === text('reference'));
      await saveBenefit(database, request.user!, reorganisation.code, {
        reference: text('reference'),
        title: text('title'),
        kind: text('kind') as BenefitKind,
        measure: text('measure'),
        unit: text('unit'),
        baseline: number('baseline'),
        target: number('target'),
        owner: text('owner'),
        evidence: text('evidence'),
        dueDate: text('dueDate') || null,
        // A new gate is added after the benefit's existing ones.
        gates: gate && [
          ...(existing?.gates.map((g) => ({ kind: g.kind as GateKind, milestone: g.milestone, isMet: g.isMet, metOn: g.metOn })) ?? []),
          ...gate,
        ],
      });
      return back('benefit');
    }
    if (action === 'measurement') {
      await recordMeasurement(database, request.user!, reorganisation.code, text('reference'), {
        measuredOn: text('measuredOn'),
        value: number('value'),
        evidence: text('evidence'),
      });
      return back('measurement');
    }
    if (action === 'gate') {
      const isMet = text('isMet') === 'true';
      await updateGate(database, request.user!, reorganisation.code, text('reference'), Number.parseInt(text('gate'), 10) || 0, {
        isMet,
        metOn: isMet ? text('metOn') : null,
      });
      return back('gate');
    }
    if (action === 'scorecard') {
      await recordScorecardValue(database, request.user!, reorganisation.code, {
        measure: text('measure') as ScorecardMeasure,
        periodStart: text('periodStart'),
        value: number('value'),
        note: text('note'),
      });
      return back('scorecard');
    }
    throw estateError('ESTATE_BENEFIT_INVALID', 'The form did not say what to do', [
      { field: 'action', message: 'Use one of the forms on the benefits page' },
    ]);
  });
}
