/**
 * Convergence's API and pages: duplicates and their scores (/estate/convergence), the
 * dependency graph and a decommissioning's impact (/estate/convergence/dependencies), and the
 * staged plan (/estate/convergence/plan). Every page is backed by a JSON route below; forms
 * post with the CSRF token (enforced by core's sign-in plugin) and redirect back (303).
 */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Database } from '@joinery/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type {} from '@fastify/view';
import { Type } from 'typebox';
import { estateError } from '../errors.ts';
import { listReorganisations, reorganisationOf, type Reorganisation } from '../reorganisations/service.ts';
import { administersReorganisation, mustAdministerReorganisation, mustBePartnerMember } from './access.ts';
import { layOutGraph, renderDependencyGraph, renderGantt } from './charts.ts';
import { DAY_ONE_CRITICAL_KEYWORDS } from './day-one.ts';
import { downstreamOf } from './graph.ts';
import {
  CRITERIA,
  CRITERION_LABELS,
  ConvergenceApplication,
  ConvergenceIntegration,
  DuplicateGroup,
  HoldCriterion,
  Impact,
  PlanItem,
  PlanStage,
  STAGES,
  StageName,
  StageStatus,
  SwitchingCostParameters,
  Target,
  Weights,
  type Stage,
} from './model.ts';
import {
  chooseTarget,
  convergenceWeights,
  decommissioningImpact,
  dependencyGraph,
  generateConvergencePlan,
  getConvergencePlan,
  listDuplicates,
  planCsv,
  requireReorganisation,
  saveConvergenceWeights,
  saveOpennessFlags,
  saveSwitchingCostParameters,
  switchingCostParameters,
  updatePlanItem,
  updatePlanStage,
} from './service.ts';

const tags = ['Estate convergence'];
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(s: T) => Type.Union([s, Type.Null()]);
const ReorganisationQuery = Type.String({ minLength: 1, maxLength: 64, description: 'The reorganisation code, e.g. wessex-lgr' });
const Versioned = <T extends Parameters<typeof Type.Object>[0]>(values: ReturnType<typeof Type.Object<T>>) =>
  Type.Object({
    values,
    version: Type.Integer({ description: '0: the defaults, never saved' }),
    savedBy: Nullable(Type.String()),
    savedAt: Nullable(Type.String()),
  });
const GraphNode = Type.Object({ key: Type.String(), ...ConvergenceApplication.properties });

function form(request: FastifyRequest): Record<string, unknown> {
  return (request.body as Record<string, unknown> | undefined) ?? {};
}
function field(request: FastifyRequest, name: string): string {
  const value = form(request)[name];
  return typeof value === 'string' ? value.trim() : '';
}
const tri = (value: string): boolean | null => (value === 'yes' ? true : value === 'no' ? false : null);

async function chosenReorganisation(database: Database, request: FastifyRequest, code: string | undefined): Promise<Reorganisation> {
  if (code) return requireReorganisation(database, code);
  const mine = request.actingFor ? await reorganisationOf(database, request.actingFor) : undefined;
  const found = mine ?? (await listReorganisations(database))[0];
  if (!found) throw estateError('ESTATE_REORGANISATION_UNKNOWN', 'No reorganisation has been recorded yet');
  return found;
}

const back = (reply: FastifyReply, path: string, reorg: string, extra = '') =>
  reply.redirect(`${path}?reorganisation=${encodeURIComponent(reorg)}${extra}`, 303);

export async function convergenceRoutes(app: FastifyInstance, { database }: { database: Database }) {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  const readable = async (request: FastifyRequest, code: string) => {
    await mustBePartnerMember(database, request, code);
    return requireReorganisation(database, code);
  };
  const writable = async (request: FastifyRequest, code: string) => {
    const reorg = await requireReorganisation(database, code);
    await mustAdministerReorganisation(database, request, reorg);
    return reorg;
  };

  // API: duplicates, weights, flags, targets

  api.get(
    '/api/estate/convergence/duplicates',
    {
      schema: {
        tags,
        summary: 'Capabilities met by two or more of the predecessors’ applications, each candidate scored and explained',
        querystring: Type.Object({ reorganisation: ReorganisationQuery }),
        response: {
          200: Type.Object({ reorganisationCode: Type.String(), weights: Versioned(Weights), groups: Type.Array(DuplicateGroup) }),
        },
      },
    },
    async (request) => {
      await readable(request, request.query.reorganisation);
      const { reorganisation, weights, groups } = await listDuplicates(database, request.query.reorganisation);
      return { reorganisationCode: reorganisation.code, weights, groups };
    },
  );

  api.get(
    '/api/estate/convergence/weights',
    {
      schema: {
        tags,
        summary: 'The consolidation criteria’s weights: the current version and every saved one',
        querystring: Type.Object({ reorganisation: ReorganisationQuery }),
        response: { 200: Type.Object({ current: Versioned(Weights), history: Type.Array(Versioned(Weights)) }) },
      },
    },
    async (request) => {
      await readable(request, request.query.reorganisation);
      return convergenceWeights(database, request.query.reorganisation);
    },
  );

  api.put(
    '/api/estate/convergence/weights',
    {
      schema: {
        tags,
        summary: 'Save the criteria’s weights (a new version; audited)',
        description: 'Every criterion needs a weight from 0 (ignored) to 10. Needs the admin role of the successor or of a predecessor.',
        querystring: Type.Object({ reorganisation: ReorganisationQuery }),
        body: Weights,
        response: { 200: Versioned(Weights) },
      },
    },
    async (request) => {
      await writable(request, request.query.reorganisation);
      return saveConvergenceWeights(database, request.user!, request.query.reorganisation, request.body);
    },
  );

  const FlagsBody = Type.Object({
    organisationCode: Type.String({ minLength: 1, maxLength: 64 }),
    reference: Type.String({ minLength: 1, maxLength: 200 }),
    hasOpenApi: Nullable(Type.Boolean()),
    hasDataExport: Nullable(Type.Boolean()),
  });
  api.put(
    '/api/estate/convergence/flags',
    {
      schema: {
        tags,
        summary: 'Record whether an application has an open API and open data export (null: not known)',
        querystring: Type.Object({ reorganisation: ReorganisationQuery }),
        body: FlagsBody,
        response: { 200: FlagsBody },
      },
    },
    async (request) => {
      await writable(request, request.query.reorganisation);
      return saveOpennessFlags(database, request.user!, request.query.reorganisation, request.body);
    },
  );

  api.post(
    '/api/estate/convergence/targets',
    {
      schema: {
        tags,
        summary: 'Choose the target application of a duplicated capability (one of its candidates)',
        querystring: Type.Object({ reorganisation: ReorganisationQuery }),
        body: Type.Object({
          capabilityKey: Type.String({ minLength: 1, maxLength: 200 }),
          organisationCode: Type.String({ minLength: 1, maxLength: 64 }),
          reference: Type.String({ minLength: 1, maxLength: 200 }),
          rationale: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
        }),
        response: { 201: Target },
      },
    },
    async (request, reply) => {
      await writable(request, request.query.reorganisation);
      return reply.code(201).send(await chooseTarget(database, request.user!, request.query.reorganisation, request.body));
    },
  );

  // API: dependencies, impact, switching cost

  api.get(
    '/api/estate/convergence/dependencies',
    {
      schema: {
        tags,
        summary: 'The dependency graph: applications that take part in a data flow, and the flows (one council’s, or every council’s)',
        querystring: Type.Object({
          reorganisation: ReorganisationQuery,
          organisation: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
        }),
        response: {
          200: Type.Object({
            reorganisationCode: Type.String(),
            nodes: Type.Array(GraphNode),
            edges: Type.Array(ConvergenceIntegration),
            isolated: Type.Integer({ description: 'Applications with no integration (not in nodes)' }),
            dangling: Type.Array(Type.Object({ organisationCode: Type.String(), reference: Type.String(), missing: Type.String() }), {
              description: 'Integrations naming an application no council lists',
            }),
          }),
        },
      },
    },
    async (request) => {
      await readable(request, request.query.reorganisation);
      const g = await dependencyGraph(database, request.query.reorganisation, request.query.organisation);
      return { reorganisationCode: g.reorganisation.code, nodes: g.nodes, edges: g.edges, isolated: g.isolated, dangling: g.dangling };
    },
  );

  api.get(
    '/api/estate/convergence/impact',
    {
      schema: {
        tags,
        summary: 'What breaks if an application is decommissioned, who must be told, and what switching off it costs',
        querystring: Type.Object({
          reorganisation: ReorganisationQuery,
          organisation: Type.String({ minLength: 1, maxLength: 64 }),
          reference: Type.String({ minLength: 1, maxLength: 200 }),
        }),
        response: { 200: Impact },
      },
    },
    async (request) => {
      await readable(request, request.query.reorganisation);
      return decommissioningImpact(database, request.query.reorganisation, request.query.organisation, request.query.reference);
    },
  );

  api.get(
    '/api/estate/convergence/switching-cost-parameters',
    {
      schema: {
        tags,
        summary: 'The switching-cost formula’s parameters: current and every saved version',
        querystring: Type.Object({ reorganisation: ReorganisationQuery }),
        response: {
          200: Type.Object({ current: Versioned(SwitchingCostParameters), history: Type.Array(Versioned(SwitchingCostParameters)) }),
        },
      },
    },
    async (request) => {
      await readable(request, request.query.reorganisation);
      return switchingCostParameters(database, request.query.reorganisation);
    },
  );

  api.put(
    '/api/estate/convergence/switching-cost-parameters',
    {
      schema: {
        tags,
        summary: 'Save the switching-cost parameters (a new version; audited)',
        querystring: Type.Object({ reorganisation: ReorganisationQuery }),
        body: SwitchingCostParameters,
        response: { 200: Versioned(SwitchingCostParameters) },
      },
    },
    async (request) => {
      await writable(request, request.query.reorganisation);
      return saveSwitchingCostParameters(database, request.user!, request.query.reorganisation, request.body);
    },
  );

  // API: the plan

  const Plan = Type.Object({
    reorganisationCode: Type.String(),
    vestingDay: Type.String(),
    items: Type.Array(PlanItem),
    stages: Type.Array(PlanStage),
  });

  api.post(
    '/api/estate/convergence/plan',
    {
      schema: {
        tags,
        summary: 'Generate (again) the staged plan from contract dates, dependencies and the chosen targets',
        description: 'Items someone edited keep their stage, dates and notes. Needs the admin role of the successor or of a predecessor.',
        querystring: Type.Object({ reorganisation: ReorganisationQuery }),
        response: { 201: Plan },
      },
    },
    async (request, reply) => {
      await writable(request, request.query.reorganisation);
      return reply.code(201).send(await generateConvergencePlan(database, request.user!, request.query.reorganisation));
    },
  );

  api.get(
    '/api/estate/convergence/plan',
    {
      schema: {
        tags,
        summary: 'The staged plan: items and stages with their hold points',
        querystring: Type.Object({ reorganisation: ReorganisationQuery }),
        response: { 200: Plan },
      },
    },
    async (request) => {
      await readable(request, request.query.reorganisation);
      return getConvergencePlan(database, request.query.reorganisation);
    },
  );

  api.get(
    '/api/estate/convergence/plan.json',
    { schema: { tags, summary: 'The plan as a JSON download', querystring: Type.Object({ reorganisation: ReorganisationQuery }) } },
    async (request, reply) => {
      await readable(request, request.query.reorganisation);
      const plan = await getConvergencePlan(database, request.query.reorganisation);
      return reply
        .header('content-disposition', `attachment; filename="${plan.reorganisationCode}-convergence-plan.json"`)
        .type('application/json')
        .send(JSON.stringify(plan, null, 2));
    },
  );

  api.get(
    '/api/estate/convergence/plan.csv',
    { schema: { tags, summary: 'The plan as CSV (one row per item)', querystring: Type.Object({ reorganisation: ReorganisationQuery }) } },
    async (request, reply) => {
      await readable(request, request.query.reorganisation);
      const plan = await getConvergencePlan(database, request.query.reorganisation);
      return reply
        .header('content-disposition', `attachment; filename="${plan.reorganisationCode}-convergence-plan.csv"`)
        .type('text/csv; charset=utf-8')
        .send(planCsv(plan));
    },
  );

  api.patch(
    '/api/estate/convergence/plan/items',
    {
      schema: {
        tags,
        summary: 'Change a plan item’s stage, dates or notes (changing stage or dates marks it edited)',
        querystring: Type.Object({ reorganisation: ReorganisationQuery }),
        body: Type.Object({
          key: Type.String({ minLength: 1, maxLength: 500, description: 'The item’s key, e.g. move:casterbridge/CDC-APP-001' }),
          stage: Type.Optional(StageName),
          start: Type.Optional(Type.String({ description: 'YYYY-MM-DD' })),
          end: Type.Optional(Type.String({ description: 'YYYY-MM-DD' })),
          notes: Type.Optional(Nullable(Type.String({ maxLength: 4000 }))),
        }),
        response: { 200: PlanItem },
      },
    },
    async (request) => {
      await writable(request, request.query.reorganisation);
      const { key, ...change } = request.body;
      return updatePlanItem(database, request.user!, request.query.reorganisation, key, change);
    },
  );

  api.put(
    '/api/estate/convergence/plan/stages/:stage',
    {
      schema: {
        tags,
        summary: 'Update a stage: its hold point’s criteria (met, evidence, or the whole list) and its status',
        description:
          'A stage cannot be marked started while any criterion of its hold point is unmet, or before the stage ahead of it has started (409 ESTATE_HOLD_POINT_UNMET).',
        params: Type.Object({ stage: StageName }),
        querystring: Type.Object({ reorganisation: ReorganisationQuery }),
        body: Type.Object({
          holdPoint: Type.Optional(Type.Array(HoldCriterion, { maxItems: 30 })),
          met: Type.Optional(Type.Record(Type.String(), Type.Boolean(), { description: 'criterion id → met' })),
          evidence: Type.Optional(Type.Record(Type.String(), Type.String({ maxLength: 2000 }))),
          status: Type.Optional(StageStatus),
        }),
        response: { 200: PlanStage },
      },
    },
    async (request) => {
      await writable(request, request.query.reorganisation);
      return updatePlanStage(database, request.user!, request.query.reorganisation, request.params.stage, request.body);
    },
  );

  // Pages

  app.get<{ Querystring: { reorganisation?: string; saved?: string } }>('/estate/convergence', async (request, reply) => {
    await mustBePartnerMember(database, request, request.query.reorganisation ?? '');
    const reorg = await chosenReorganisation(database, request, request.query.reorganisation);
    const { groups, weights } = await listDuplicates(database, reorg.code);
    const history = (await convergenceWeights(database, reorg.code)).history;
    return reply.view('estate/convergence-duplicates.njk', {
      title: 'Convergence: duplicate systems',
      reorg,
      groups: groups.map((g) => ({
        ...g,
        candidates: g.candidates.map((c) => ({
          ...c,
          key: `${c.application.organisationCode}/${c.application.reference}`,
          isTarget: g.target?.organisationCode === c.application.organisationCode && g.target?.reference === c.application.reference,
          costPerUser:
            c.application.annualCost !== null && c.application.users ? Math.round(c.application.annualCost / c.application.users) : null,
        })),
      })),
      weights,
      history: history.slice(0, 5),
      criteria: CRITERIA.map((c) => ({ name: c, label: CRITERION_LABELS[c], weight: weights.values[c] })),
      canWrite: administersReorganisation(request, reorg),
      saved: request.query.saved,
      breadcrumbs: [{ text: 'Convergence' }],
    });
  });

  app.post('/estate/convergence/weights', async (request, reply) => {
    const reorg = await writable(request, field(request, 'reorganisation'));
    const weights: Record<string, unknown> = {};
    const problems: { field: string; message: string }[] = [];
    for (const c of CRITERIA) {
      const text = field(request, c);
      const n = Number(text);
      if (text === '' || !Number.isFinite(n))
        problems.push({ field: c, message: `Give ${CRITERION_LABELS[c].toLowerCase()} a weight from 0 to 10` });
      weights[c] = n;
    }
    if (problems.length) throw estateError('ESTATE_CONVERGENCE_INVALID', 'The weights were not saved', problems);
    await saveConvergenceWeights(database, request.user!, reorg.code, weights);
    return back(reply, '/estate/convergence', reorg.code, '&saved=weights#weights');
  });

  app.post('/estate/convergence/targets', async (request, reply) => {
    const reorg = await writable(request, field(request, 'reorganisation'));
    const choice = field(request, 'target');
    const slash = choice.indexOf('/');
    if (slash < 1)
      throw estateError('ESTATE_CONVERGENCE_INVALID', 'Choose the target application', [
        { field: 'target', message: 'Choose one of the candidates' },
      ]);
    await chooseTarget(database, request.user!, reorg.code, {
      capabilityKey: field(request, 'capabilityKey'),
      organisationCode: choice.slice(0, slash),
      reference: choice.slice(slash + 1),
      rationale: field(request, 'rationale') || null,
    });
    return back(reply, '/estate/convergence', reorg.code, '&saved=target');
  });

  app.post('/estate/convergence/flags', async (request, reply) => {
    const reorg = await writable(request, field(request, 'reorganisation'));
    await saveOpennessFlags(database, request.user!, reorg.code, {
      organisationCode: field(request, 'organisationCode'),
      reference: field(request, 'reference'),
      hasOpenApi: tri(field(request, 'hasOpenApi')),
      hasDataExport: tri(field(request, 'hasDataExport')),
    });
    return back(reply, '/estate/convergence', reorg.code, '&saved=flags');
  });

  app.get<{ Querystring: { reorganisation?: string; organisation?: string; application?: string } }>(
    '/estate/convergence/dependencies',
    async (request, reply) => {
      await mustBePartnerMember(database, request, request.query.reorganisation ?? '');
      const reorg = await chosenReorganisation(database, request, request.query.reorganisation);
      const organisation =
        request.query.organisation && reorg.predecessorCodes.includes(request.query.organisation) ? request.query.organisation : undefined;
      const everything = await dependencyGraph(database, reorg.code);
      const shown = organisation ? await dependencyGraph(database, reorg.code, organisation) : everything;
      const chosen = request.query.application;
      let impact: Impact | undefined;
      if (chosen) {
        const slash = chosen.indexOf('/');
        impact = await decommissioningImpact(database, reorg.code, chosen.slice(0, slash), chosen.slice(slash + 1));
      }
      const affected = new Set(
        impact ? downstreamOf(everything, `${impact.application.organisationCode}/${impact.application.reference}`) : [],
      );
      for (const a of impact?.applicationsToTell ?? []) affected.add(a.key);
      const broken = new Set([...(impact?.directIntegrations ?? []), ...(impact?.downstreamIntegrations ?? [])].map((e) => e.reference));
      const laid = layOutGraph(shown.nodes, shown.edges, { chosen, affected });
      const names = new Map(everything.nodes.map((n) => [n.key, n.name]));
      const scope = organisation ? `${organisation}’s` : 'every council’s';
      const chart =
        shown.edges.length > 0
          ? await renderDependencyGraph(laid, shown.edges, broken, {
              title: `Dependency graph: ${scope} applications and data flows`,
              description: `${shown.nodes.length} applications and ${shown.edges.length} integrations, data flowing left to right${impact ? `; ${impact.application.name} is marked, with the integrations that would break in red` : ''}. The table after the chart lists every integration.`,
            })
          : null;
      const parameters = await switchingCostParameters(database, reorg.code);
      const applications = (await dependencyGraph(database, reorg.code)).nodes; // only those with flows can break anything
      return reply.view('estate/convergence-dependencies.njk', {
        title: 'Convergence: dependencies',
        reorg,
        organisation,
        chosen,
        impact,
        chart,
        shown,
        edges: shown.edges.map((e) => ({
          ...e,
          sourceOrganisation: e.source.split('/')[0],
          targetOrganisation: e.target.split('/')[0],
          sourceName: names.get(e.source) ?? e.source,
          targetName: names.get(e.target) ?? e.target,
          breaks: broken.has(e.reference),
        })),
        applications: applications.sort((a, b) => a.key.localeCompare(b.key)),
        parameters: parameters.current,
        money: (n: number) => Math.round(n).toLocaleString('en-GB'),
        canWrite: administersReorganisation(request, reorg),
        breadcrumbs: [
          { text: 'Convergence', href: `/estate/convergence?reorganisation=${encodeURIComponent(reorg.code)}` },
          { text: 'Dependencies' },
        ],
      });
    },
  );

  app.post('/estate/convergence/switching-cost', async (request, reply) => {
    const reorg = await writable(request, field(request, 'reorganisation'));
    const current = (await switchingCostParameters(database, reorg.code)).current.values;
    const problems: { field: string; message: string }[] = [];
    const amount = (name: string) => {
      const n = Number(field(request, name));
      if (field(request, name) === '' || !Number.isFinite(n) || n < 0) problems.push({ field: name, message: 'Give an amount, 0 or more' });
      return n;
    };
    const methodFactors: Record<string, number> = {};
    for (const m of Object.keys(current.methodFactors)) methodFactors[m] = amount(`factor-${m}`);
    const next = {
      perIntegrationGbp: amount('perIntegrationGbp'),
      methodFactors,
      dataMigrationBaseGbp: amount('dataMigrationBaseGbp'),
      dataMigrationPerUserGbp: amount('dataMigrationPerUserGbp'),
      trainingPerUserGbp: amount('trainingPerUserGbp'),
    };
    if (problems.length) throw estateError('ESTATE_CONVERGENCE_INVALID', 'The switching-cost parameters were not saved', problems);
    await saveSwitchingCostParameters(database, request.user!, reorg.code, next);
    const application = field(request, 'application');
    return back(
      reply,
      '/estate/convergence/dependencies',
      reorg.code,
      application ? `&application=${encodeURIComponent(application)}` : '',
    );
  });

  app.get<{ Querystring: { reorganisation?: string; saved?: string } }>('/estate/convergence/plan', async (request, reply) => {
    await mustBePartnerMember(database, request, request.query.reorganisation ?? '');
    const reorg = await chosenReorganisation(database, request, request.query.reorganisation);
    const plan = await getConvergencePlan(database, reorg.code);
    const chart =
      plan.items.length > 0
        ? await renderGantt(plan.items, plan.vestingDay, {
            title: 'The convergence plan',
            description: `Gantt chart of ${plan.items.length} items in three stages (stabilise, converge, optimise), vesting day ${plan.vestingDay} marked by a dashed line. The table after the chart lists every item with its dates.`,
          })
        : null;
    return reply.view('estate/convergence-plan.njk', {
      title: 'Convergence: the staged plan',
      reorg,
      plan,
      chart,
      stages: STAGES,
      counts: Object.fromEntries(STAGES.map((s) => [s, plan.items.filter((i) => i.stage === s).length])),
      keywords: DAY_ONE_CRITICAL_KEYWORDS,
      canWrite: administersReorganisation(request, reorg),
      saved: request.query.saved,
      breadcrumbs: [
        { text: 'Convergence', href: `/estate/convergence?reorganisation=${encodeURIComponent(reorg.code)}` },
        { text: 'Plan' },
      ],
    });
  });

  app.post('/estate/convergence/plan', async (request, reply) => {
    const reorg = await writable(request, field(request, 'reorganisation'));
    await generateConvergencePlan(database, request.user!, reorg.code);
    return back(reply, '/estate/convergence/plan', reorg.code, '&saved=generated');
  });

  app.post('/estate/convergence/plan/items', async (request, reply) => {
    const reorg = await writable(request, field(request, 'reorganisation'));
    const stage = field(request, 'stage');
    await updatePlanItem(database, request.user!, reorg.code, field(request, 'key'), {
      stage: stage ? (stage as Stage) : undefined,
      start: field(request, 'start') || undefined,
      end: field(request, 'end') || undefined,
      notes: field(request, 'notes'),
    });
    return back(reply, '/estate/convergence/plan', reorg.code, '&saved=item');
  });

  app.post('/estate/convergence/plan/stages', async (request, reply) => {
    const reorg = await writable(request, field(request, 'reorganisation'));
    const stage = field(request, 'stage') as Stage;
    if (!(STAGES as readonly string[]).includes(stage))
      throw estateError('ESTATE_CONVERGENCE_INVALID', 'Choose a stage', [{ field: 'stage', message: `one of ${STAGES.join(', ')}` }]);
    const plan = await getConvergencePlan(database, reorg.code);
    const own = plan.stages.find((s) => s.stage === stage)!;
    const metIds = new Set([form(request).met ?? []].flat().map(String));
    const met = Object.fromEntries(own.holdPoint.map((c) => [c.id, metIds.has(c.id)]));
    const evidence = Object.fromEntries(own.holdPoint.map((c) => [c.id, field(request, `evidence-${c.id}`)]));
    const status = field(request, 'status');
    // A new criterion, if one was written: appended to the hold point, not yet met.
    const newText = field(request, 'newText');
    const newKind = field(request, 'newKind');
    let holdPoint: HoldCriterion[] | undefined;
    if (newText !== '') {
      if (!['performance', 'risk', 'benefits'].includes(newKind) || newText.length > 500)
        throw estateError('ESTATE_CONVERGENCE_INVALID', 'The criterion was not added', [
          { field: 'newText', message: 'Choose performance, risk or benefits, and describe the criterion in at most 500 characters' },
        ]);
      const base =
        newText
          .toLowerCase()
          .replace(/[^a-z0-9]+/g, '-')
          .replace(/^-|-$/g, '')
          .slice(0, 40) || 'criterion';
      let id = base;
      for (let n = 2; own.holdPoint.some((c) => c.id === id); n++) id = `${base}-${n}`;
      holdPoint = [...own.holdPoint, { id, kind: newKind as HoldCriterion['kind'], text: newText, isMet: false, evidence: null }];
    }
    await updatePlanStage(database, request.user!, reorg.code, stage, {
      holdPoint,
      met,
      evidence,
      status: status === 'started' || status === 'complete' || status === 'not-started' ? status : undefined,
    });
    return back(reply, '/estate/convergence/plan', reorg.code, `&saved=stage#stage-${stage}`);
  });
}
