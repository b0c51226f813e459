/**
 * Suppliers, exit and resilience: the register derived from the current contracts and
 * applications (identity.ts groups them), each supplier's health from its assessments
 * (health.ts), its resolution plan, each contract's exit plan and terms, and the warnings
 * (warnings.ts). Writing is audited, in one transaction with the change. The HTTP routes call
 * these; who may write is decided by `supplierAdministrators` / `contractAdministrators`.
 */
import { getOrganisation, JoineryError, recordAudit, type Database, type ProblemDetail, type SignedInUser } from '@joinery/core';
import { estateError } from '../errors.ts';
import type { Contract } from '../model.ts';
import { findReorganisation } from '../reorganisations/service.ts';
import { estateDb, selectCurrentContracts, type EstateDb } from '../store.ts';
import { criticalServiceOf } from './critical-services.ts';
import { supplierHealth, newestFirst } from './health.ts';
import { groupSuppliers } from './identity.ts';
import { BCDR_RESULTS, CREDIT_RISKS, PLAN_STATUSES, RAGS, STATED_HEALTHS } from './model.ts';
import type {
  ExitPlan,
  ExitPlanInput,
  HealthAssessment,
  HealthAssessmentInput,
  PlanInput,
  ResolutionPlan,
  SupplierApplication,
  SupplierContract,
  SupplierDetail,
  SupplierRegister,
  SupplierScope,
  SupplierSummary,
  SupplierWarning,
} from './model.ts';
import {
  hasAssessmentFrom,
  insertAssessment,
  selectAssessments,
  selectCurrentApplications,
  selectExitPlans,
  selectResolutionPlans,
  upsertExitPlan,
  upsertResolutionPlan,
} from './store.ts';
import { supplierWarnings } from './warnings.ts';

type Actor = Pick<SignedInUser, 'id' | 'username'> | null;

export interface SupplierQuery {
  reorganisation?: string;
  organisation?: string;
  /** The day warnings are measured on (YYYY-MM-DD); today when omitted. */
  today?: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const isDay = (value: string) => DAY.test(value) && !Number.isNaN(Date.parse(value)) && new Date(value).toISOString().startsWith(value);
const todayOf = (query: SupplierQuery) => query.today ?? new Date().toISOString().slice(0, 10);

/**
 * The organisations in view: a reorganisation's successor and predecessors, one organisation,
 * or (neither) every organisation with contracts or applications.
 */
export async function resolveSupplierScope(database: Database, query: SupplierQuery): Promise<SupplierScope> {
  const today = todayOf(query);
  if (!isDay(today)) throw estateError('ESTATE_SUPPLIER_SCOPE_INVALID', `"${today.slice(0, 20)}" is not a date (YYYY-MM-DD)`);
  if (query.reorganisation && query.organisation)
    throw estateError('ESTATE_SUPPLIER_SCOPE_INVALID', 'Give a reorganisation or an organisation, not both');
  if (query.reorganisation) {
    const found = await findReorganisation(database, query.reorganisation);
    if (!found)
      throw estateError('ESTATE_REORGANISATION_UNKNOWN', `There is no reorganisation with the code "${query.reorganisation.slice(0, 64)}"`);
    return { reorganisation: found.code, organisationCodes: [...found.predecessorCodes, found.successorCode].sort(), today };
  }
  if (query.organisation) {
    try {
      await getOrganisation(database, query.organisation);
    } catch (error) {
      if (error instanceof JoineryError && error.code === 'CORE_NOT_FOUND')
        throw estateError('ESTATE_ORGANISATION_UNKNOWN', `There is no organisation with the code "${query.organisation.slice(0, 64)}"`);
      throw error;
    }
    return { reorganisation: null, organisationCodes: [query.organisation], today };
  }
  const db = estateDb(database.db);
  const withContracts = await db.selectFrom('estate_contract_imports').select('organisation_code').distinct().execute();
  const withApplications = await db.selectFrom('estate_inventory_imports').select('organisation_code').distinct().execute();
  const codes = new Set([...withContracts, ...withApplications].map((r) => r.organisation_code));
  return { reorganisation: null, organisationCodes: [...codes].sort(), today };
}

interface Built {
  summary: SupplierSummary;
  detail: SupplierDetail;
}

function mostCommon(names: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const n of names) counts.set(n, (counts.get(n) ?? 0) + 1);
  // Ties go to a name not written in capitals ("Mellstock Systems Ltd" over "MELLSTOCK SYSTEMS LIMITED").
  const shouted = (n: string) => Number(n === n.toUpperCase());
  return [...counts].sort((a, b) => b[1] - a[1] || shouted(a[0]) - shouted(b[0]) || a[0].localeCompare(b[0]))[0]![0];
}

/** Everything about every supplier in scope, built once per request. */
async function buildSuppliers(db: EstateDb, scope: SupplierScope): Promise<Built[]> {
  const contracts: Contract[] = [];
  for (const code of scope.organisationCodes) contracts.push(...(await selectCurrentContracts(db, code)));
  const applications = (await selectCurrentApplications(db, scope.organisationCodes)).filter((a) => a.supplier_name);
  const keys = groupSuppliers([
    ...contracts.map((c) => ({ name: c.supplierName, companyNumber: c.supplierCompanyNumber, charityNumber: c.supplierCharityNumber })),
    ...applications.map((a) => ({ name: a.supplier_name!, companyNumber: a.supplier_company_number })),
  ]);
  const exitPlans = new Map(
    (await selectExitPlans(db, scope.organisationCodes)).map((p) => [`${p.organisationCode}\u0000${p.contractReference}`, p]),
  );
  // Applications by the contract they are bought under, so a contract is critical by what it buys.
  const appsByContract = new Map<string, typeof applications>();
  for (const a of await selectCurrentApplications(db, scope.organisationCodes)) {
    if (!a.contract_reference) continue;
    const k = `${a.organisation_code}\u0000${a.contract_reference}`;
    appsByContract.set(k, [...(appsByContract.get(k) ?? []), a]);
  }

  const groups = new Map<
    string,
    { contracts: SupplierContract[]; applications: SupplierApplication[]; names: string[]; company: string | null; charity: string | null }
  >();
  const group = (key: string) => {
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { contracts: [], applications: [], names: [], company: null, charity: null }));
    return g;
  };
  contracts.forEach((c, i) => {
    const g = group(keys[i]!);
    const k = `${c.organisationCode}\u0000${c.reference}`;
    const exitPlan = exitPlans.get(k) ?? null;
    const bought = appsByContract.get(k) ?? [];
    const criticalService = criticalServiceOf([c.title, c.description, ...bought.flatMap((a) => [a.capability, a.name])]);
    g.names.push(c.supplierName);
    g.company ??= c.supplierCompanyNumber;
    g.charity ??= c.supplierCharityNumber;
    g.contracts.push({
      organisationCode: c.organisationCode,
      reference: c.reference,
      title: c.title,
      supplierName: c.supplierName,
      value: c.value,
      endDate: c.endDate,
      criticalService,
      isCritical: exitPlan?.isCritical ?? criticalService !== null,
      exitPlan,
    });
  });
  applications.forEach((a, i) => {
    const g = group(keys[contracts.length + i]!);
    g.names.push(a.supplier_name!);
    g.company ??= a.supplier_company_number;
    g.applications.push({
      organisationCode: a.organisation_code,
      reference: a.reference,
      name: a.name,
      capability: a.capability,
      contractReference: a.contract_reference,
      criticalService: criticalServiceOf([a.capability, a.name]),
    });
  });

  const ids = [...groups.keys()];
  const assessments = new Map<string, HealthAssessment[]>();
  for (const a of await selectAssessments(db, ids)) assessments.set(a.supplierId, [...(assessments.get(a.supplierId) ?? []), a]);
  const plans = new Map((await selectResolutionPlans(db, ids)).map((p) => [p.supplierId, p]));

  const built = ids.map((id): Built => {
    const g = groups.get(id)!;
    const own = new Set(g.contracts.map((c) => `${c.organisationCode}\u0000${c.reference}`));
    // An application bought under one of this supplier's contracts follows that contract's marking.
    const criticalApps = g.applications.filter(
      (a) => a.criticalService && !(a.contractReference && own.has(`${a.organisationCode}\u0000${a.contractReference}`)),
    );
    const criticalContracts = g.contracts.filter((c) => c.isCritical);
    const criticalServices = [
      ...new Set([...criticalContracts.map((c) => c.criticalService ?? 'Marked critical'), ...criticalApps.map((a) => a.criticalService!)]),
    ].sort();
    const name = mostCommon(g.names);
    const history = newestFirst(assessments.get(id) ?? []);
    const health = supplierHealth(history, scope.today);
    const resolutionPlan = plans.get(id) ?? null;
    const isCritical = criticalServices.length > 0;
    const warnings = supplierWarnings({ id, name, isCritical, health, resolutionPlan, contracts: g.contracts }, scope.today);
    const ends = g.contracts
      .map((c) => c.endDate)
      .filter((d): d is string => d !== null)
      .sort();
    const summary: SupplierSummary = {
      id,
      name,
      names: [...new Set(g.names)].sort(),
      companyNumber: g.company,
      charityNumber: g.charity,
      councils: [...new Set([...g.contracts, ...g.applications].map((x) => x.organisationCode))].sort(),
      contracts: g.contracts.length,
      applications: g.applications.length,
      totalValue: Math.round(g.contracts.reduce((sum, c) => sum + (c.value ?? 0), 0) * 100) / 100,
      earliestContractEnd: ends[0] ?? null,
      isCritical,
      criticalServices,
      health: health.overall,
      resolutionPlanStatus: resolutionPlan?.status ?? null,
      warnings: warnings.length,
    };
    return {
      summary,
      detail: {
        supplier: summary,
        health,
        assessments: history,
        resolutionPlan,
        contracts: g.contracts,
        applications: g.applications,
        warnings,
      },
    };
  });
  // Biggest exposure first: critical, then by value.
  return built.sort(
    (a, b) =>
      Number(b.summary.isCritical) - Number(a.summary.isCritical) ||
      b.summary.totalValue - a.summary.totalValue ||
      a.summary.name.localeCompare(b.summary.name),
  );
}

const SEVERITY = { high: 0, medium: 1 } as const;
const bySeverity = (a: SupplierWarning, b: SupplierWarning) => SEVERITY[a.severity] - SEVERITY[b.severity];

/**
 * The supplier register for a reorganisation or an organisation, with every warning.
 * @example const { suppliers, warnings } = await listSuppliers(database, { reorganisation: 'wessex-lgr' });
 */
export async function listSuppliers(database: Database, query: SupplierQuery): Promise<SupplierRegister> {
  const scope = await resolveSupplierScope(database, query);
  const built = await buildSuppliers(estateDb(database.db), scope);
  return {
    scope,
    suppliers: built.map((b) => b.summary),
    warnings: built.flatMap((b) => b.detail.warnings).sort(bySeverity),
  };
}

/** @example const { warnings } = await listSupplierWarnings(database, { organisation: 'casterbridge' }); */
export async function listSupplierWarnings(
  database: Database,
  query: SupplierQuery,
): Promise<{ scope: SupplierScope; warnings: SupplierWarning[] }> {
  const { scope, warnings } = await listSuppliers(database, query);
  return { scope, warnings };
}

/**
 * One supplier: its contracts (with exit plans), applications, health and its history, resolution plan, warnings.
 * @example const detail = await getSupplier(database, 'coh-99104417', { reorganisation: 'wessex-lgr' });
 */
export async function getSupplier(database: Database, supplierId: string, query: SupplierQuery): Promise<SupplierDetail> {
  const scope = await resolveSupplierScope(database, query);
  const found = (await buildSuppliers(estateDb(database.db), scope)).find((b) => b.summary.id === supplierId);
  if (!found)
    throw estateError(
      'ESTATE_SUPPLIER_UNKNOWN',
      `No current contract or application in view names the supplier "${supplierId.slice(0, 80)}"`,
    );
  return found.detail;
}

/**
 * Who may record a supplier's health and resolution plan: administrators of any organisation
 * holding a current contract or application with it, or of such an organisation's successor.
 * Throws ESTATE_SUPPLIER_UNKNOWN when no organisation has it.
 */
export async function supplierAdministrators(database: Database, supplierId: string): Promise<string[]> {
  const detail = await getSupplier(database, supplierId, {});
  return withSuccessors(database, detail.supplier.councils);
}

/** Who may record a contract's exit plan: the organisation holding it and its successor. */
export async function contractAdministrators(database: Database, organisationCode: string, contractReference: string): Promise<string[]> {
  await requireContract(database, organisationCode, contractReference);
  return withSuccessors(database, [organisationCode]);
}

/** The organisations and their successors: who may administer what those organisations hold. */
export async function withSuccessors(database: Database, codes: readonly string[]): Promise<string[]> {
  if (codes.length === 0) return [];
  const rows = await database.db.selectFrom('organisations').select(['code', 'successor_code']).where('code', 'in', codes).execute();
  return [...new Set(rows.flatMap((r) => [r.code, ...(r.successor_code ? [r.successor_code] : [])]))].sort();
}

async function requireContract(database: Database, organisationCode: string, contractReference: string): Promise<Contract> {
  const found = (await selectCurrentContracts(estateDb(database.db), organisationCode)).find((c) => c.reference === contractReference);
  if (!found)
    throw estateError(
      'ESTATE_SUPPLIER_CONTRACT_UNKNOWN',
      `${organisationCode.slice(0, 64)} has no current contract with the reference "${contractReference.slice(0, 200)}"`,
    );
  return found;
}

// Validation: every problem collected, then thrown once.

class Problems {
  readonly list: ProblemDetail[] = [];
  add(field: string, message: string) {
    this.list.push({ field, message });
  }
  day(field: string, value: string | null | undefined, label: string, today: string, notAfterToday = true) {
    if (value === null || value === undefined || value === '') return;
    if (!isDay(value)) this.add(field, `${label} must be a date, YYYY-MM-DD (not "${value.slice(0, 40)}")`);
    else if (notAfterToday && value > today) this.add(field, `${label} cannot be in the future`);
  }
  number(field: string, value: number | null | undefined, label: string, min: number, max = Infinity) {
    if (value === null || value === undefined) return;
    if (!Number.isFinite(value)) this.add(field, `${label} must be a number`);
    else if (value < min || value > max)
      this.add(field, `${label} must be ${max === Infinity ? `${min} or more` : `between ${min} and ${max}`}`);
  }
  oneOf(field: string, value: unknown, allowed: readonly string[], label: string) {
    if (given(value) && !allowed.includes(value as string)) this.add(field, `${label} must be one of: ${allowed.join(', ')}`);
  }
  throwIfAny(message: string) {
    if (this.list.length)
      throw estateError('ESTATE_SUPPLIER_INPUT_INVALID', `${message}: ${this.list.map((p) => p.message).join('; ')}`, this.list);
  }
}

const given = (v: unknown) => v !== null && v !== undefined && v !== '';
const INDICATORS = [
  'creditRisk',
  'hasParentGuarantee',
  'bcdrTestedOn',
  'promptPaymentPercent',
  'performanceRag',
  'statedHealth',
] as const satisfies readonly (keyof HealthAssessmentInput)[];

/** Every problem with an assessment (empty when it can be recorded). */
export function assessmentProblems(a: HealthAssessmentInput, today: string): ProblemDetail[] {
  const p = new Problems();
  if (!given(a.assessedOn)) p.add('assessedOn', 'Give the date of the assessment');
  p.day('assessedOn', a.assessedOn, 'The assessment date', today);
  if (!given(a.source?.trim())) p.add('source', 'Give the source of the assessment');
  if (!INDICATORS.some((k) => given(a[k])))
    p.add(
      'creditRisk',
      'Record at least one indicator: credit risk, parent guarantee, BC/DR test, prompt payment, performance or overall health',
    );
  if ((given(a.creditRating) || given(a.creditAgency)) && !given(a.creditRisk))
    p.add('creditRisk', 'Give the credit risk band (low, medium, high) the rating means');
  if (given(a.parentGuarantor) && a.hasParentGuarantee !== true)
    p.add('hasParentGuarantee', 'A guarantor is named: say a parent company guarantee is in place');
  if ((given(a.bcdrRtoHours) || given(a.bcdrRpoHours) || given(a.bcdrResult)) && !given(a.bcdrTestedOn))
    p.add('bcdrTestedOn', 'Give the date business continuity and disaster recovery were tested');
  p.day('bcdrTestedOn', a.bcdrTestedOn, 'The BC/DR test date', today);
  p.oneOf('creditRisk', a.creditRisk, CREDIT_RISKS, 'Credit risk');
  p.oneOf('bcdrResult', a.bcdrResult, BCDR_RESULTS, 'The BC/DR result');
  p.oneOf('performanceRag', a.performanceRag, RAGS, 'Performance');
  p.oneOf('statedHealth', a.statedHealth, STATED_HEALTHS, 'Overall health');
  p.number('bcdrRtoHours', a.bcdrRtoHours, 'The recovery time objective (hours)', 0);
  p.number('bcdrRpoHours', a.bcdrRpoHours, 'The recovery point objective (hours)', 0);
  p.number('promptPaymentPercent', a.promptPaymentPercent, 'The prompt-payment record (%)', 0, 100);
  if (given(a.performanceNote) && !given(a.performanceRag))
    p.add('performanceRag', 'Give the performance rating (red, amber, green) the note explains');
  return p.list;
}

function planProblems(p: Problems, plan: Pick<PlanInput, 'lastReviewedOn' | 'lastRehearsedOn' | 'nextRehearsalDue'>, today: string) {
  p.day('lastReviewedOn', plan.lastReviewedOn, 'Last reviewed', today);
  p.day('lastRehearsedOn', plan.lastRehearsedOn, 'Last rehearsed', today);
  p.day('nextRehearsalDue', plan.nextRehearsalDue, 'Next rehearsal due', today, false);
  if (given(plan.lastRehearsedOn) && given(plan.nextRehearsalDue) && plan.nextRehearsalDue! < plan.lastRehearsedOn!)
    p.add('nextRehearsalDue', 'The next rehearsal cannot be due before the last one');
}

const clean = <T extends Record<string, unknown>>(input: T): T =>
  Object.fromEntries(Object.entries(input).map(([k, v]) => [k, typeof v === 'string' ? (v.trim() === '' ? null : v.trim()) : v])) as T;

/**
 * Records a health assessment of a supplier (kept as history; audited).
 * @example await recordHealthAssessment(database, user, 'coh-99104417', { assessedOn: '2026-11-02', source: 'D&B report', creditRisk: 'low' }, { actingFor: 'casterbridge' });
 */
export async function recordHealthAssessment(
  database: Database,
  actor: Actor,
  supplierId: string,
  input: HealthAssessmentInput,
  options: { actingFor?: string | null; today?: string } = {},
): Promise<HealthAssessment> {
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  const a = clean(input);
  const problems = assessmentProblems(a, today);
  if (problems.length)
    throw estateError(
      'ESTATE_SUPPLIER_INPUT_INVALID',
      `The assessment cannot be recorded: ${problems.map((p) => p.message).join('; ')}`,
      problems,
    );
  const id = await database.db.transaction().execute(async (trx) => {
    const newId = await insertAssessment(estateDb(trx), supplierId, a, options.actingFor ?? null, actor?.username ?? null);
    await recordAudit(trx, {
      actor,
      organisationCode: options.actingFor ?? null,
      action: 'estate.supplier-assessment',
      subjectType: 'supplier',
      subjectId: supplierId,
      details: { assessmentId: newId, assessedOn: a.assessedOn, source: a.source },
    });
    return newId;
  });
  return (await selectAssessments(estateDb(database.db), [supplierId])).find((x) => x.id === id)!;
}

/**
 * Records (replaces) a supplier's resolution plan; audited.
 * @example await saveResolutionPlan(database, user, 'coh-99104417', { owner: 'Head of ICT', status: 'agreed', lastReviewedOn: '2026-10-01' });
 */
export async function saveResolutionPlan(
  database: Database,
  actor: Actor,
  supplierId: string,
  input: PlanInput,
  options: { actingFor?: string | null; today?: string } = {},
): Promise<ResolutionPlan> {
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  const plan = clean(input);
  const p = new Problems();
  if (!given(plan.owner)) p.add('owner', 'Give the owner of the resolution plan');
  if (!given(plan.status)) p.add('status', 'Give the status of the resolution plan (draft, agreed, retired)');
  p.oneOf('status', plan.status, PLAN_STATUSES, 'The status');
  planProblems(p, plan, today);
  p.throwIfAny('The resolution plan cannot be recorded');
  await database.db.transaction().execute(async (trx) => {
    await upsertResolutionPlan(estateDb(trx), supplierId, plan, actor?.username ?? null);
    await recordAudit(trx, {
      actor,
      organisationCode: options.actingFor ?? null,
      action: 'estate.supplier-resolution-plan',
      subjectType: 'supplier',
      subjectId: supplierId,
      details: { ...plan },
    });
  });
  return (await selectResolutionPlans(estateDb(database.db), [supplierId]))[0]!;
}

/**
 * Records (replaces) a contract's exit plan and its data-portability and API terms; audited.
 * @example await saveExitPlan(database, user, 'casterbridge', 'CB-0001', { owner: 'Revenues manager', status: 'agreed', exportsOpenFormats: true, exportFormats: 'CSV' });
 */
export async function saveExitPlan(
  database: Database,
  actor: Actor,
  organisationCode: string,
  contractReference: string,
  input: ExitPlanInput,
  options: { actingFor?: string | null; today?: string } = {},
): Promise<ExitPlan> {
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  await requireContract(database, organisationCode, contractReference);
  const plan = clean(input);
  const p = new Problems();
  if (given(plan.status) && !given(plan.owner)) p.add('owner', 'Give the owner of the exit plan');
  if (given(plan.owner) && !given(plan.status)) p.add('status', 'Give the status of the exit plan (draft, agreed, retired)');
  p.oneOf('status', plan.status, PLAN_STATUSES, 'The status');
  planProblems(p, plan, today);
  p.number('dataReturnDays', plan.dataReturnDays, 'The data return period (days)', 0, 3650);
  if (typeof plan.dataReturnDays === 'number' && Number.isFinite(plan.dataReturnDays) && !Number.isInteger(plan.dataReturnDays))
    p.add('dataReturnDays', 'The data return period must be a whole number of days');
  if (given(plan.exportFormats) && plan.exportsOpenFormats !== true)
    p.add('exportsOpenFormats', 'Formats are named: say the data can be exported in open formats');
  if (given(plan.escrowAgent) && plan.hasEscrow !== true) p.add('hasEscrow', 'An escrow agent is named: say source code is held in escrow');
  if (given(plan.apiCharges) && plan.hasApiAccess !== true) p.add('hasApiAccess', 'API charges are given: say there is API access');
  p.throwIfAny('The exit plan cannot be recorded');
  await database.db.transaction().execute(async (trx) => {
    await upsertExitPlan(estateDb(trx), organisationCode, contractReference, plan, actor?.username ?? null);
    await recordAudit(trx, {
      actor,
      organisationCode,
      action: 'estate.contract-exit-plan',
      subjectType: 'contract',
      subjectId: `${organisationCode}/${contractReference}`.slice(0, 200),
      details: { ...plan, actingFor: options.actingFor ?? null },
    });
  });
  return (await selectExitPlans(estateDb(database.db), [organisationCode])).find((x) => x.contractReference === contractReference)!;
}

/** A contract with its supplier's id and its exit plan, for the exit-plan form. */
export async function getContractExit(
  database: Database,
  organisationCode: string,
  contractReference: string,
  today?: string,
): Promise<{ contract: SupplierContract; supplierId: string; supplierName: string }> {
  await requireContract(database, organisationCode, contractReference);
  const scope = await resolveSupplierScope(database, { organisation: organisationCode, today });
  for (const b of await buildSuppliers(estateDb(database.db), scope)) {
    const contract = b.detail.contracts.find((c) => c.reference === contractReference);
    if (contract) return { contract, supplierId: b.summary.id, supplierName: b.summary.name };
  }
  throw estateError('ESTATE_SUPPLIER_CONTRACT_UNKNOWN', `${organisationCode} has no current contract "${contractReference.slice(0, 200)}"`);
}

/**
 * Records assessments that a system (such as the demo's loader) brings, each once: one whose
 * supplier already has an assessment from the same source is skipped. Returns how many were recorded.
 * @example await recordAssessmentsOnce(database, [{ supplierId: 'coh-99104417', assessment: { assessedOn: '2026-04-01', source: 'Wessex scenario', statedHealth: 'stable' } }]);
 */
export async function recordAssessmentsOnce(
  database: Database,
  entries: readonly { supplierId: string; assessment: HealthAssessmentInput }[],
): Promise<number> {
  let recorded = 0;
  for (const { supplierId, assessment } of entries) {
    if (await hasAssessmentFrom(estateDb(database.db), supplierId, assessment.source)) continue;
    await recordHealthAssessment(database, null, supplierId, assessment);
    recorded++;
  }
  return recorded;
}
