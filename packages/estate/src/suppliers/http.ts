/**
 * The API and pages for suppliers, exit and resilience. Registered inside estateRoutes (so
 * sign-in is required); who may write is in access.ts. Pages post forms with the session's
 * CSRF token; a form with problems comes back with a GOV.UK error summary and nothing changed.
 */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { JoineryError, type Database, type JoineryConfig } from '@joinery/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type {} from '@fastify/view';
import { Type } from 'typebox';
import { reorganisationOf } from '../reorganisations/service.ts';
import { CRITICAL_SERVICES } from './critical-services.ts';
import { administeredAmong, mustAdministerOneOf, mustBeMemberForSuppliers } from './access.ts';
import {
  ExitPlan,
  ExitPlanInput,
  HealthAssessment,
  HealthAssessmentInput,
  PlanInput,
  ResolutionPlan,
  SupplierDetail,
  SupplierRegister,
  SupplierScope,
  SupplierWarning,
  WARNING_CODES,
} from './model.ts';
import {
  contractAdministrators,
  getContractExit,
  getSupplier,
  listSupplierWarnings,
  listSuppliers,
  recordHealthAssessment,
  saveExitPlan,
  saveResolutionPlan,
  supplierAdministrators,
  withSuccessors,
  type SupplierQuery,
} from './service.ts';

const tags = ['Estate suppliers'];
const Code = (description: string) => Type.String({ minLength: 1, maxLength: 64, description });
const ScopeQuery = Type.Object({
  reorganisation: Type.Optional(
    Code('A reorganisation code, e.g. wessex-lgr: its successor’s and predecessors’ contracts and applications'),
  ),
  organisation: Type.Optional(Code('One organisation’s contracts and applications')),
  on: Type.Optional(
    Type.String({ format: 'date', description: 'Measure warnings on this day (YYYY-MM-DD), e.g. vesting day; default today' }),
  ),
});
const SupplierId = Type.Object({
  id: Type.String({ minLength: 3, maxLength: 210, description: 'The supplier id (coh-…, chc-…, name-…)' }),
});
const ContractKey = Type.Object({
  organisation: Code('The organisation holding the contract'),
  reference: Type.String({ minLength: 1, maxLength: 200, description: 'The contract’s reference' }),
});

type Query = { reorganisation?: string; organisation?: string; on?: string };
const toQuery = (q: Query): SupplierQuery => ({ reorganisation: q.reorganisation, organisation: q.organisation, today: q.on });

/** The scope a page shows when none is asked for: the user's organisation's reorganisation, else the organisation. */
async function defaultScope(database: Database, request: FastifyRequest, q: Query): Promise<Query> {
  if (q.reorganisation || q.organisation) return q;
  const mine = request.actingFor ?? request.user?.memberships[0]?.organisationCode;
  if (!mine) return q;
  const lgr = await reorganisationOf(database, mine);
  return lgr ? { ...q, reorganisation: lgr.code } : { ...q, organisation: mine };
}

function scopeQueryString(scope: SupplierScope): string {
  if (scope.reorganisation) return `reorganisation=${encodeURIComponent(scope.reorganisation)}`;
  return scope.organisationCodes.length === 1 ? `organisation=${encodeURIComponent(scope.organisationCodes[0]!)}` : '';
}

/** The scope a form carried back, rebuilt from its two known parameters only. */
function scopeFromForm(value: string | undefined): { query: Query; back: string } {
  const params = new URLSearchParams(value ?? '');
  const query: Query = {};
  const reorganisation = params.get('reorganisation');
  const organisation = params.get('organisation');
  if (reorganisation) query.reorganisation = reorganisation.slice(0, 64);
  else if (organisation) query.organisation = organisation.slice(0, 64);
  const back = query.reorganisation
    ? `&reorganisation=${encodeURIComponent(query.reorganisation)}`
    : query.organisation
      ? `&organisation=${encodeURIComponent(query.organisation)}`
      : '';
  return { query, back };
}

// Forms: every value is a string; blank is "not given".
function fields(request: FastifyRequest): Record<string, string> {
  const body = (request.body ?? {}) as Record<string, unknown>;
  return Object.fromEntries(Object.entries(body).map(([k, v]) => [k, typeof v === 'string' ? v.trim() : '']));
}
const text = (v: string | undefined) => (v ? v : null);
const numberOf = (v: string | undefined) => (v ? Number(v.replace(/,/g, '')) : null);
const flag = (v: string | undefined) => (v === 'yes' ? true : v === 'no' ? false : null);

function assessmentFromForm(f: Record<string, string>): HealthAssessmentInput {
  return {
    assessedOn: f.assessedOn ?? '',
    source: f.source ?? '',
    evidence: text(f.evidence),
    creditRisk: text(f.creditRisk) as HealthAssessmentInput['creditRisk'],
    creditRating: text(f.creditRating),
    creditAgency: text(f.creditAgency),
    hasParentGuarantee: flag(f.hasParentGuarantee),
    parentGuarantor: text(f.parentGuarantor),
    bcdrTestedOn: text(f.bcdrTestedOn),
    bcdrRtoHours: numberOf(f.bcdrRtoHours),
    bcdrRpoHours: numberOf(f.bcdrRpoHours),
    bcdrResult: text(f.bcdrResult) as HealthAssessmentInput['bcdrResult'],
    promptPaymentPercent: numberOf(f.promptPaymentPercent),
    performanceRag: text(f.performanceRag) as HealthAssessmentInput['performanceRag'],
    performanceNote: text(f.performanceNote),
    statedHealth: text(f.statedHealth) as HealthAssessmentInput['statedHealth'],
  };
}

function planFromForm(f: Record<string, string>) {
  return {
    owner: f.owner ?? '',
    status: (f.status ?? '') as PlanInput['status'],
    lastReviewedOn: text(f.lastReviewedOn),
    lastRehearsedOn: text(f.lastRehearsedOn),
    nextRehearsalDue: text(f.nextRehearsalDue),
    notes: text(f.notes),
  };
}

function exitPlanFromForm(f: Record<string, string>): ExitPlanInput {
  return {
    ...planFromForm(f),
    owner: text(f.owner),
    status: text(f.status) as ExitPlanInput['status'],
    isCritical: flag(f.isCritical),
    exportsOpenFormats: flag(f.exportsOpenFormats),
    exportFormats: text(f.exportFormats),
    hasApiAccess: flag(f.hasApiAccess),
    apiCharges: text(f.apiCharges),
    hasEscrow: flag(f.hasEscrow),
    escrowAgent: text(f.escrowAgent),
    dataReturnDays: numberOf(f.dataReturnDays),
  };
}

/** A refused form: the error summary's list (each problem linked to its field). */
function formErrors(error: unknown, prefix: string) {
  if (!(error instanceof JoineryError) || error.code !== 'ESTATE_SUPPLIER_INPUT_INVALID') throw error;
  const fieldErrors: Record<string, { text: string }> = {};
  for (const d of error.details) fieldErrors[`${prefix}${d.field ?? ''}`] ??= { text: d.message };
  return { errors: error.details.map((d) => ({ text: d.message, href: `#${prefix}${d.field ?? ''}` })), fieldErrors };
}

const WARNING_LABELS: Record<(typeof WARNING_CODES)[number], string> = {
  'exit-plan-missing': 'Critical contract without a current exit plan',
  'exit-plan-not-rehearsed': 'Exit plan never rehearsed',
  'exit-plan-rehearsal-overdue': 'Exit plan rehearsal overdue',
  'export-terms-missing': 'No open data-export terms',
  'resolution-plan-missing': 'Critical supplier without a resolution plan',
  'bcdr-not-tested': 'BC/DR not tested in 12 months',
  'health-red': 'Supplier health red',
};

export interface SupplierRouteOptions {
  database: Database;
  config: JoineryConfig;
}

export async function supplierRoutes(app: FastifyInstance, { database }: SupplierRouteOptions) {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  api.get(
    '/api/estate/suppliers',
    {
      schema: {
        tags,
        summary: 'The supplier register of a reorganisation or an organisation, with every warning',
        description:
          'Suppliers derived from the current contracts and applications, identified by Companies House number, else charity number, else normalised name. Neither parameter: every organisation. Any member of a partner organisation.',
        querystring: ScopeQuery,
        response: { 200: SupplierRegister },
      },
    },
    async (request) => {
      await mustBeMemberForSuppliers(database, request);
      return listSuppliers(database, toQuery(request.query));
    },
  );

  api.get(
    '/api/estate/supplier-warnings',
    {
      schema: {
        tags,
        summary:
          'Warnings: critical services without current exit or resolution plans, rehearsals overdue, health red, BC/DR untested, no open export terms',
        querystring: ScopeQuery,
        response: { 200: Type.Object({ scope: SupplierScope, warnings: Type.Array(SupplierWarning) }) },
      },
    },
    async (request) => {
      await mustBeMemberForSuppliers(database, request);
      return listSupplierWarnings(database, toQuery(request.query));
    },
  );

  api.get(
    '/api/estate/suppliers/:id',
    {
      schema: {
        tags,
        summary: 'One supplier: contracts with exit plans and terms, applications, health and its history, resolution plan, warnings',
        params: SupplierId,
        querystring: ScopeQuery,
        response: { 200: SupplierDetail },
      },
    },
    async (request) => {
      await mustBeMemberForSuppliers(database, request);
      return getSupplier(database, request.params.id, toQuery(request.query));
    },
  );

  api.post(
    '/api/estate/suppliers/:id/health-assessments',
    {
      schema: {
        tags,
        summary: 'Record a health assessment (kept as history)',
        description:
          'Needs the admin role in an organisation holding a current contract or application with the supplier, or in its successor.',
        params: SupplierId,
        body: HealthAssessmentInput,
        response: { 201: HealthAssessment },
      },
    },
    async (request, reply) => {
      const id = request.params.id;
      const actingFor = await mustAdministerOneOf(database, request, await supplierAdministrators(database, id), `supplier ${id}`);
      return reply.code(201).send(await recordHealthAssessment(database, request.user!, id, request.body, { actingFor }));
    },
  );

  api.put(
    '/api/estate/suppliers/:id/resolution-plan',
    {
      schema: {
        tags,
        summary: 'Record (replace) the supplier’s resolution plan (“living will”)',
        description:
          'Needs the admin role in an organisation holding a current contract or application with the supplier, or in its successor.',
        params: SupplierId,
        body: PlanInput,
        response: { 200: ResolutionPlan },
      },
    },
    async (request) => {
      const id = request.params.id;
      const actingFor = await mustAdministerOneOf(database, request, await supplierAdministrators(database, id), `supplier ${id}`);
      return saveResolutionPlan(database, request.user!, id, request.body, { actingFor });
    },
  );

  api.put(
    '/api/estate/contract-exit-plans',
    {
      schema: {
        tags,
        summary: 'Record (replace) a contract’s exit plan and its data-portability and API terms',
        description: 'Keyed by the organisation and the contract’s reference. Needs the admin role in that organisation or its successor.',
        querystring: ContractKey,
        body: ExitPlanInput,
        response: { 200: ExitPlan },
      },
    },
    async (request) => {
      const { organisation, reference } = request.query;
      const allowed = await contractAdministrators(database, organisation, reference);
      const actingFor = await mustAdministerOneOf(database, request, allowed, `contract ${organisation}/${reference}`);
      return saveExitPlan(database, request.user!, organisation, reference, request.body, { actingFor });
    },
  );

  // Pages

  app.get<{ Querystring: Query }>('/estate/suppliers', async (request, reply) => {
    await mustBeMemberForSuppliers(database, request);
    const query = await defaultScope(database, request, request.query);
    const register = await listSuppliers(database, toQuery(query));
    const counts = WARNING_CODES.map((code) => ({
      code,
      label: WARNING_LABELS[code],
      count: register.warnings.filter((w) => w.code === code).length,
    })).filter((c) => c.count > 0);
    return reply.view('estate/suppliers-register.njk', {
      title: 'Suppliers, exit and resilience',
      register,
      scopeQuery: scopeQueryString(register.scope),
      counts,
      shownWarnings: register.warnings.slice(0, 100),
      criticalServices: CRITICAL_SERVICES.map((s) => s.service),
    });
  });

  async function showSupplier(request: FastifyRequest, reply: FastifyReply, id: string, q: Query, extra: Record<string, unknown> = {}) {
    const query = await defaultScope(database, request, q);
    const detail = await getSupplier(database, id, toQuery(query));
    const allowed = await supplierAdministrators(database, id).catch(() => [] as string[]);
    const administers = administeredAmong(request, allowed);
    // A contract's exit plan: its organisation's administrators, or its successor's.
    const editable = new Set<string>();
    for (const code of new Set(detail.contracts.map((c) => c.organisationCode)))
      if (administeredAmong(request, await withSuccessors(database, [code])).length > 0) editable.add(code);
    const administersContract = (organisationCode: string) => editable.has(organisationCode);
    const scopeQuery = query.reorganisation
      ? `reorganisation=${encodeURIComponent(query.reorganisation)}`
      : query.organisation
        ? `organisation=${encodeURIComponent(query.organisation)}`
        : '';
    return reply.view('estate/suppliers-detail.njk', {
      title: detail.supplier.name,
      detail,
      scopeQuery,
      canAdminister: administers.length > 0,
      otherNames: detail.supplier.names.filter((n) => n !== detail.supplier.name),
      contracts: detail.contracts.map((c) => ({ ...c, canEdit: administersContract(c.organisationCode) })),
      breadcrumbs: [{ text: 'Suppliers', href: `/estate/suppliers${scopeQuery ? `?${scopeQuery}` : ''}` }, { text: detail.supplier.name }],
      values: {},
      planValues: detail.resolutionPlan
        ? Object.fromEntries(Object.entries(detail.resolutionPlan).map(([k, v]) => [k, v === null ? '' : String(v)]))
        : {},
      fieldErrors: {},
      ...extra,
    });
  }

  app.get<{ Params: { id: string }; Querystring: Query }>('/estate/suppliers/:id', async (request, reply) => {
    await mustBeMemberForSuppliers(database, request);
    return showSupplier(request, reply, request.params.id, request.query, { saved: (request.query as { saved?: string }).saved });
  });

  app.post<{ Params: { id: string } }>('/estate/suppliers/:id/health-assessments', async (request, reply) => {
    const id = request.params.id;
    const f = fields(request);
    const actingFor = await mustAdministerOneOf(database, request, await supplierAdministrators(database, id), `supplier ${id}`);
    const { query, back } = scopeFromForm(f.scope);
    try {
      await recordHealthAssessment(database, request.user!, id, assessmentFromForm(f), { actingFor });
    } catch (error) {
      return showSupplier(request, reply.code(400), id, query, {
        ...formErrors(error, 'assessment-'),
        values: f,
      });
    }
    return reply.redirect(`/estate/suppliers/${encodeURIComponent(id)}?saved=assessment${back}`, 303);
  });

  app.post<{ Params: { id: string } }>('/estate/suppliers/:id/resolution-plan', async (request, reply) => {
    const id = request.params.id;
    const f = fields(request);
    const actingFor = await mustAdministerOneOf(database, request, await supplierAdministrators(database, id), `supplier ${id}`);
    const { query, back } = scopeFromForm(f.scope);
    try {
      await saveResolutionPlan(database, request.user!, id, planFromForm(f), { actingFor });
    } catch (error) {
      return showSupplier(request, reply.code(400), id, query, {
        ...formErrors(error, 'plan-'),
        planValues: f,
      });
    }
    return reply.redirect(`/estate/suppliers/${encodeURIComponent(id)}?saved=plan${back}`, 303);
  });

  async function showExitPlan(
    request: FastifyRequest,
    reply: FastifyReply,
    organisation: string,
    reference: string,
    extra: Record<string, unknown> = {},
  ) {
    const found = await getContractExit(database, organisation, reference);
    const plan = found.contract.exitPlan;
    const yesNo = (v: boolean | null | undefined) => (v === true ? 'yes' : v === false ? 'no' : '');
    const values = plan
      ? {
          ...Object.fromEntries(Object.entries(plan).map(([k, v]) => [k, v === null ? '' : String(v)])),
          isCritical: yesNo(plan.isCritical),
          exportsOpenFormats: yesNo(plan.exportsOpenFormats),
          hasApiAccess: yesNo(plan.hasApiAccess),
          hasEscrow: yesNo(plan.hasEscrow),
        }
      : {};
    return reply.view('estate/suppliers-exit-plan.njk', {
      title: `Exit plan: ${organisation} ${reference}`,
      found,
      organisation,
      reference,
      values,
      fieldErrors: {},
      breadcrumbs: [
        { text: 'Suppliers', href: '/estate/suppliers' },
        { text: found.supplierName, href: `/estate/suppliers/${encodeURIComponent(found.supplierId)}` },
        { text: `Exit plan ${reference}` },
      ],
      ...extra,
    });
  }

  app.get<{ Querystring: { organisation?: string; reference?: string } }>('/estate/contract-exit-plan', async (request, reply) => {
    const { organisation = '', reference = '' } = request.query;
    const allowed = await contractAdministrators(database, organisation, reference);
    await mustAdministerOneOf(database, request, allowed, `contract ${organisation}/${reference}`);
    return showExitPlan(request, reply, organisation, reference);
  });

  app.post('/estate/contract-exit-plan', async (request, reply) => {
    const f = fields(request);
    const organisation = f.organisation ?? '';
    const reference = f.reference ?? '';
    const allowed = await contractAdministrators(database, organisation, reference);
    const actingFor = await mustAdministerOneOf(database, request, allowed, `contract ${organisation}/${reference}`);
    let supplierId: string;
    try {
      supplierId = (await getContractExit(database, organisation, reference)).supplierId;
      await saveExitPlan(database, request.user!, organisation, reference, exitPlanFromForm(f), { actingFor });
    } catch (error) {
      return showExitPlan(request, reply.code(400), organisation, reference, { ...formErrors(error, 'exit-'), values: f });
    }
    return reply.redirect(`/estate/suppliers/${encodeURIComponent(supplierId)}?saved=exit-plan`, 303);
  });
}
