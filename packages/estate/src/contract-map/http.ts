/**
 * The contract map's API and pages. Reading is for any signed-in member of a partner
 * organisation (as contracts are); recording a decision on a contract is for an administrator
 * of the contract's council or of the successor (the council that will inherit it). Refusals
 * are audited. "today" is the real date; the API takes `today` to show the map as of another day.
 */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { coreError, hasRole, recordAudit, renderChartSvg, type Database, type JoineryConfig } from '@joinery/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type {} from '@fastify/view';
import { Type } from 'typebox';
import { describeNoticePeriod } from '../contracts/values.ts';
import { estateError } from '../errors.ts';
import { listReorganisations, reorganisationOf, type Reorganisation } from '../reorganisations/service.ts';
import { timelineChart } from './chart.ts';
import { isDay, todayUtc } from './dates.ts';
import {
  CommonSupplier,
  ContractDecision,
  ContractMap,
  ContractMapFilters,
  DECISION_KINDS,
  DECISION_LABELS,
  DecisionInput,
  GROUPINGS,
  type ContractMapRow,
  type Grouping,
} from './model.ts';
import {
  buildContractMap,
  contractMapCsv,
  contractMapRows,
  findMapContract,
  listCommonSuppliers,
  listContractDecisions,
  recordContractDecision,
  requireReorganisation,
} from './service.ts';

const tags = ['Estate: contract map'];
const Reorg = Type.String({ minLength: 1, maxLength: 64, description: 'The reorganisation code, e.g. wessex-lgr' });
const Today = Type.Optional(Type.String({ format: 'date', description: 'Work the map out as of this day (default: today)' }));
const MapQuery = Type.Intersect([Type.Object({ reorganisation: Reorg, today: Today }), ContractMapFilters]);

async function refuse(database: Database, request: FastifyRequest, subject: string, needs: string): Promise<never> {
  await recordAudit(database.db, {
    actor: request.user,
    organisationCode: request.actingFor,
    action: 'access.refused',
    subjectType: needs === 'membership' ? 'reorganisation' : 'contract',
    subjectId: subject.slice(0, 250),
    outcome: 'refused',
    details: { method: request.method, path: request.url.split('?')[0], needs },
    clientAddress: request.ip,
  });
  if (needs === 'membership') throw coreError('CORE_FORBIDDEN', 'Only members of a partner organisation can see the contract map');
  throw estateError('ESTATE_DECISION_FORBIDDEN', `Only an administrator of ${needs} can record a decision on ${subject.slice(0, 250)}`);
}

const mayDecide = (request: FastifyRequest, reorganisation: Reorganisation, organisationCode: string) =>
  hasRole(request.user, organisationCode, 'admin') || hasRole(request.user, reorganisation.successorCode, 'admin');

async function mustBeMember(database: Database, request: FastifyRequest, subject: string) {
  if ((request.user?.memberships.length ?? 0) === 0) await refuse(database, request, subject, 'membership');
}

async function mustDecide(
  database: Database,
  request: FastifyRequest,
  reorganisationCode: string,
  organisationCode: string,
  reference: string,
) {
  const reorganisation = await requireReorganisation(database, reorganisationCode);
  if (!mayDecide(request, reorganisation, organisationCode))
    await refuse(database, request, `${organisationCode}/${reference}`, `${organisationCode} or ${reorganisation.successorCode}`);
}

function today(value: string | undefined): string {
  if (value === undefined || value === '') return todayUtc();
  if (!isDay(value)) throw coreError('CORE_VALIDATION', 'today must be a date', [{ field: 'today', message: 'Write YYYY-MM-DD' }]);
  return value;
}

const gbp = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP', maximumFractionDigits: 0 });
const money = (n: number | null) => (n === null ? '' : gbp.format(n));

/** The rows as pages show them: money formatted, notice in words. */
function shown(r: ContractMapRow) {
  return {
    ...r,
    valueText: money(r.value),
    terminationCostText: money(r.terminationCost),
    noticeText: describeNoticePeriod(r.noticePeriod),
    href: `/estate/contract-map/${encodeURIComponent(r.organisationCode)}/${encodeURIComponent(r.reference)}`,
    decisionText: r.decision ? DECISION_LABELS[r.decision.decision] : null,
  };
}

async function chooseReorganisation(database: Database, request: FastifyRequest, code: string | undefined) {
  if (code) return requireReorganisation(database, code);
  return (request.actingFor && (await reorganisationOf(database, request.actingFor))) || (await listReorganisations(database))[0];
}

function pageFilters(q: Record<string, string | undefined>) {
  const months = q.endsWithinMonths?.trim();
  const problems: { text: string; href: string }[] = [];
  let endsWithinMonths: number | undefined;
  if (months) {
    if (/^\d{1,3}$/.test(months)) endsWithinMonths = Number(months);
    else problems.push({ text: 'Ends within: enter a whole number of months, e.g. 18', href: '#endsWithinMonths' });
  }
  const by = (GROUPINGS as readonly string[]).includes(q.by ?? '') ? (q.by as Grouping) : 'council';
  return {
    filters: {
      council: q.council || undefined,
      needsDecision: q.needsDecision === 'true' || undefined,
      noDecision: q.noDecision === 'true' || undefined,
      softwareOnly: q.softwareOnly === 'true' || undefined,
      endsWithinMonths,
    },
    by,
    page: Math.max(1, Number.parseInt(q.page ?? '1', 10) || 1),
    problems,
  };
}

export async function contractMapRoutes(app: FastifyInstance, { database }: { database: Database; config: JoineryConfig }) {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  api.get(
    '/api/estate/contract-map',
    {
      schema: {
        tags,
        summary: 'Every predecessor’s current contracts against vesting day, with notice deadlines and what needs a decision',
        description:
          'One row per contract row of each predecessor’s latest import. Notice deadline = term end minus the notice period (months and years by the calendar); needsDecision and reasons say why a contract must be decided on before vesting day (docs/estate.md).',
        querystring: MapQuery,
        response: { 200: ContractMap },
      },
    },
    async (request) => {
      await mustBeMember(database, request, request.query.reorganisation);
      const { reorganisation, today: day, ...filters } = request.query;
      return buildContractMap(database, reorganisation, filters, today(day));
    },
  );

  api.get(
    '/api/estate/contract-map.csv',
    { schema: { tags, summary: 'The contract map as CSV (every computed field), with the same filters', querystring: MapQuery } },
    async (request, reply) => {
      await mustBeMember(database, request, request.query.reorganisation);
      const { reorganisation, today: day, ...filters } = request.query;
      const map = await buildContractMap(database, reorganisation, filters, today(day));
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${map.reorganisation.code}-contract-map.csv"`)
        .send(contractMapCsv(map));
    },
  );

  api.get(
    '/api/estate/common-suppliers',
    {
      schema: {
        tags,
        summary: 'Suppliers with current contracts at two or more predecessors (by Companies House number, else normalised name)',
        querystring: Type.Object({ reorganisation: Reorg, today: Today }),
        response: { 200: Type.Object({ reorganisationCode: Type.String(), suppliers: Type.Array(CommonSupplier) }) },
      },
    },
    async (request) => {
      await mustBeMember(database, request, request.query.reorganisation);
      return {
        reorganisationCode: request.query.reorganisation,
        suppliers: await listCommonSuppliers(database, request.query.reorganisation, today(request.query.today)),
      };
    },
  );

  api.get(
    '/api/estate/contract-decisions',
    {
      schema: {
        tags,
        summary: 'Decisions recorded on the predecessors’ contracts, oldest first: the latest per contract is in force',
        querystring: Type.Object({
          reorganisation: Reorg,
          organisation: Type.Optional(Type.String({ maxLength: 64 })),
          reference: Type.Optional(Type.String({ maxLength: 200 })),
        }),
        response: { 200: Type.Object({ reorganisationCode: Type.String(), decisions: Type.Array(ContractDecision) }) },
      },
    },
    async (request) => {
      const { reorganisation, organisation, reference } = request.query;
      await mustBeMember(database, request, reorganisation);
      const contract = organisation && reference ? { organisationCode: organisation, reference } : undefined;
      return { reorganisationCode: reorganisation, decisions: await listContractDecisions(database, reorganisation, contract) };
    },
  );

  api.post(
    '/api/estate/contract-decisions',
    {
      schema: {
        tags,
        summary: 'Record a decision on a predecessor’s contract: novate, extend, exit or consolidate (into another contract)',
        description:
          'Appends to the contract’s history (keyed by organisation and reference, so it survives re-imports); the latest is in force. Needs the admin role of the contract’s council or of the successor. Audited.',
        body: DecisionInput,
        response: { 201: ContractDecision },
      },
    },
    async (request, reply) => {
      const body = request.body;
      await mustDecide(database, request, body.reorganisation, body.organisationCode, body.reference);
      return reply.code(201).send(await recordContractDecision(database, request.user!, body, todayUtc()));
    },
  );

  // Pages

  app.get<{ Querystring: Record<string, string | undefined> }>('/estate/contract-map', async (request, reply) => {
    const reorganisation = await chooseReorganisation(database, request, request.query.reorganisation);
    await mustBeMember(database, request, reorganisation?.code ?? '');
    if (!reorganisation) return reply.view('estate/contract-map.njk', { title: 'Contract map' });
    const { filters, by, page, problems } = pageFilters(request.query);
    const day = todayUtc();
    const map = await buildContractMap(database, reorganisation.code, filters, day);
    const chart = timelineChart(map.rows, { by, vestingDay: reorganisation.vestingDay, today: day, page });
    const svg =
      chart.rows.length > 0
        ? await renderChartSvg(chart.spec, {
            title: `Contract timeline by ${by}, rows ${(chart.page - 1) * 40 + 1} to ${(chart.page - 1) * 40 + chart.rows.length} of ${chart.drawable}`,
            description: `Each bar is a contract from its start to the end of its term, coloured by ${by}; a diamond marks its notice deadline; vertical rules mark today (${day}) and vesting day (${reorganisation.vestingDay}). The table after the chart gives the same data.`,
          })
        : null;
    const query = new URLSearchParams(
      Object.entries(request.query).filter(
        (e): e is [string, string] => e[0] !== 'page' && e[0] !== 'rows' && typeof e[1] === 'string' && e[1] !== '',
      ),
    );
    const TABLE_ROWS = 100;
    const tablePages = Math.max(1, Math.ceil(map.rows.length / TABLE_ROWS));
    const tablePage = Math.min(Math.max(1, Number.parseInt(request.query.rows ?? '1', 10) || 1), tablePages);
    const link = (chartPage: number, rowsPage: number, anchor: string) =>
      `/estate/contract-map?${new URLSearchParams([...query, ['page', String(chartPage)], ['rows', String(rowsPage)]]).toString()}#${anchor}`;
    const pageHref = (n: number) => link(n, tablePage, 'timeline');
    const rowsHref = (n: number) => link(chart.page, n, 'contracts');
    const suppliers = await listCommonSuppliers(database, reorganisation.code, day);
    return reply.view('estate/contract-map.njk', {
      title: 'Contract map',
      reorganisation,
      map,
      summary: {
        ...map.summary,
        valueAtStakeText: money(map.summary.valueAtStake),
        terminationCostText: money(map.summary.terminationCostTotal),
      },
      rows: map.rows.slice((tablePage - 1) * TABLE_ROWS, tablePage * TABLE_ROWS).map(shown),
      table: {
        page: tablePage,
        pages: tablePages,
        first: (tablePage - 1) * TABLE_ROWS + 1,
        previous: tablePage > 1 ? rowsHref(tablePage - 1) : null,
        next: tablePage < tablePages ? rowsHref(tablePage + 1) : null,
      },
      chart: {
        svg,
        ...chart,
        previous: chart.page > 1 ? pageHref(chart.page - 1) : null,
        next: chart.page < chart.pages ? pageHref(chart.page + 1) : null,
      },
      suppliers: suppliers.slice(0, 25).map((s) => ({ ...s, totalValueText: money(s.totalValue) })),
      supplierCount: suppliers.length,
      query: request.query,
      by,
      filters,
      errors: problems,
      councils: reorganisation.predecessorCodes.map((code) => ({
        code,
        name: map.rows.find((r) => r.organisationCode === code)?.organisationName ?? code,
      })),
      groupings: GROUPINGS,
      csvHref: `/api/estate/contract-map.csv?${new URLSearchParams([['reorganisation', reorganisation.code], ...[...query].filter(([k]) => ['council', 'needsDecision', 'noDecision', 'softwareOnly', 'endsWithinMonths'].includes(k))]).toString()}`,
    });
  });

  const detail = async (
    request: FastifyRequest<{ Params: { organisation: string; reference: string }; Querystring: Record<string, string | undefined> }>,
    form?: { values: Record<string, string>; errors: { text: string; href: string }[] },
  ) => {
    const { organisation, reference } = request.params;
    const reorganisationCode = request.query.reorganisation ?? (await reorganisationOf(database, organisation))?.code;
    if (!reorganisationCode) throw estateError('ESTATE_CONTRACT_UNKNOWN', `${organisation.slice(0, 64)} takes part in no reorganisation`);
    await mustBeMember(database, request, reorganisationCode);
    const day = todayUtc();
    const { reorganisation, rows } = await findMapContract(database, reorganisationCode, organisation, reference, day);
    const history = await listContractDecisions(database, reorganisation.code, { organisationCode: organisation, reference });
    const others = (await contractMapRows(database, reorganisation, day))
      .filter((r) => !(r.organisationCode === organisation && r.reference === reference))
      .map((r) => ({
        value: `${r.organisationCode}/${r.reference}`,
        text: `${r.organisationName}: ${r.reference} ${r.title} (${r.supplierName})`,
      }));
    const unique = [...new Map(others.map((o) => [o.value, o])).values()].sort((a, b) => a.text.localeCompare(b.text));
    const values = form?.values ?? { dueDate: rows[0]!.noticeStatus === 'open' ? rows[0]!.noticeDeadline! : '' };
    const errors = form?.errors ?? [];
    return {
      title: `${reference}: ${rows[0]!.title}`,
      reorganisation,
      rows: rows.map(shown),
      history: [...history].reverse().map((d) => ({ ...d, label: DECISION_LABELS[d.decision] })),
      mayDecide: mayDecide(request, reorganisation, organisation),
      decisionItems: DECISION_KINDS.map((k) => ({ value: k, text: DECISION_LABELS[k], checked: values.decision === k })),
      consolidateItems: [
        { value: '', text: 'Not consolidating' },
        ...unique.map((o) => ({ ...o, selected: values.consolidateInto === o.value })),
      ],
      values,
      errors,
      errorOf: Object.fromEntries(errors.map((e) => [e.href.slice(1), e.text])),
      breadcrumbs: [
        { text: 'Contract map', href: `/estate/contract-map?reorganisation=${encodeURIComponent(reorganisation.code)}` },
        { text: reference },
      ],
    };
  };

  app.get<{ Params: { organisation: string; reference: string }; Querystring: Record<string, string | undefined> }>(
    '/estate/contract-map/:organisation/:reference',
    async (request, reply) => reply.view('estate/contract-map-detail.njk', { ...(await detail(request)), saved: request.query.saved }),
  );

  app.post<{ Params: { organisation: string; reference: string }; Querystring: Record<string, string | undefined> }>(
    '/estate/contract-map/:organisation/:reference',
    async (request, reply) => {
      const { organisation, reference } = request.params;
      const body = (request.body ?? {}) as Record<string, unknown>;
      const field = (name: string) => (typeof body[name] === 'string' ? (body[name] as string) : '');
      const reorganisationCode = field('reorganisation');
      await mustDecide(database, request, reorganisationCode, organisation, reference);
      const [intoOrg, ...intoRef] = field('consolidateInto').split('/');
      try {
        await recordContractDecision(
          database,
          request.user!,
          {
            reorganisation: reorganisationCode,
            organisationCode: organisation,
            reference,
            decision: field('decision'),
            owner: field('owner'),
            rationale: field('rationale'),
            dueDate: field('dueDate'),
            consolidateIntoOrganisationCode: intoOrg || null,
            consolidateIntoReference: intoRef.join('/') || null,
          },
          todayUtc(),
        );
      } catch (error) {
        const e = error as { code?: string; details?: { field?: string; message: string }[] };
        if (e.code !== 'ESTATE_DECISION_INVALID') throw error;
        const values = Object.fromEntries(['decision', 'owner', 'rationale', 'dueDate', 'consolidateInto'].map((k) => [k, field(k)]));
        const errors = (e.details ?? []).map((d) => ({
          text: d.message,
          href: `#${d.field === 'decision' ? 'decision' : (d.field ?? 'decision')}`,
        }));
        request.query.reorganisation = reorganisationCode;
        return reply.code(400).view('estate/contract-map-detail.njk', await detail(request, { values, errors }));
      }
      return reply.redirect(
        `/estate/contract-map/${encodeURIComponent(organisation)}/${encodeURIComponent(reference)}?reorganisation=${encodeURIComponent(reorganisationCode)}&saved=1`,
        303,
      );
    },
  );
}
