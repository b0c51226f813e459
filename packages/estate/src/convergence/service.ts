/**
 * Convergence's rules over the database: a reorganisation's duplicates and their scores, the
 * weights (versioned), targets and openness flags, the dependency graph and the impact of
 * decommissioning, and the staged plan (generate, edit, hold points, export). Every write is
 * audited; bad input is refused with every problem at once and nothing changed.
 */
import { recordAudit, type Database, type ProblemDetail, type SignedInUser } from '@joinery/core';
import { stringify } from 'csv-stringify/sync';
import { estateError } from '../errors.ts';
import { findReorganisation, type Reorganisation } from '../reorganisations/service.ts';
import { estateDb } from '../store.ts';
import { capabilityKey } from './capability-key.ts';
import { buildGraph, impactOfDecommissioning, nodeKey, type DependencyGraph } from './graph.ts';
import {
  CRITERIA,
  STAGES,
  type ConvergenceApplication,
  type DuplicateGroup,
  type HoldCriterion,
  type Impact,
  type PlanItem,
  type PlanStage,
  type Stage,
  type SwitchingCostParameters,
  type Target,
  type Weights,
} from './model.ts';
import { DEFAULT_HOLD_POINTS, generatePlan, reasonsStageCannotStart } from './plan.ts';
import { DEFAULT_WEIGHTS, scoreCandidates, type SupplierHealthLookup } from './scoring.ts';
import { supplierHealthFromRegister } from './supplier-health.ts';
import { classifiedApplications } from '../classification/service.ts';
import * as store from './store.ts';
import { DEFAULT_SWITCHING_COST } from './switching-cost.ts';

type Actor = Pick<SignedInUser, 'id' | 'username'> | null;

export interface Versioned<T> {
  values: T;
  version: number;
  savedBy: string | null;
  savedAt: string | null;
}

export async function requireReorganisation(database: Database, code: string): Promise<Reorganisation> {
  const found = await findReorganisation(database, code);
  if (!found) throw estateError('ESTATE_REORGANISATION_UNKNOWN', `There is no reorganisation with the code "${code.slice(0, 64)}"`);
  return found;
}

async function audit(database: Database['db'], actor: Actor, reorg: Reorganisation, action: string, subjectId: string, details: object) {
  await recordAudit(database, {
    actor,
    organisationCode: reorg.successorCode,
    action: `estate.convergence.${action}`,
    subjectType: 'reorganisation',
    subjectId: `${reorg.code}:${subjectId}`.slice(0, 200),
    details: details as Record<string, unknown>,
  });
}

function invalid(message: string, problems: ProblemDetail[]): never {
  throw estateError('ESTATE_CONVERGENCE_INVALID', `${message}: ${problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`, problems);
}

// Settings (weights, switching-cost parameters), versioned

async function currentSettings<T>(database: Database, reorg: Reorganisation, kind: 'weights' | 'switching-cost', defaults: T) {
  const rows = await store.selectSettings(estateDb(database.db), reorg.code, kind);
  const history = rows.map((r) => ({
    values: { ...defaults, ...(r.settings as Partial<T>) } as T,
    version: r.version,
    savedBy: r.saved_by,
    savedAt: new Date(r.saved_at).toISOString(),
  }));
  return { current: history[0] ?? { values: defaults, version: 0, savedBy: null, savedAt: null }, history };
}

/** @example (await convergenceWeights(database, 'wessex-lgr')).current.values.runway */
export async function convergenceWeights(database: Database, reorganisationCode: string) {
  return currentSettings<Weights>(database, await requireReorganisation(database, reorganisationCode), 'weights', DEFAULT_WEIGHTS);
}

/** Saves the weights as a new version. Each weight is a number from 0 to 10. */
export async function saveConvergenceWeights(
  database: Database,
  actor: Actor,
  reorganisationCode: string,
  weights: Record<string, unknown>,
) {
  const reorg = await requireReorganisation(database, reorganisationCode);
  const problems: ProblemDetail[] = [];
  for (const key of Object.keys(weights))
    if (!(CRITERIA as readonly string[]).includes(key)) problems.push({ field: key, message: `not a criterion (${CRITERIA.join(', ')})` });
  for (const c of CRITERIA) {
    const w = weights[c];
    if (typeof w !== 'number' || !Number.isFinite(w) || w < 0 || w > 10) problems.push({ field: c, message: 'give a weight from 0 to 10' });
  }
  if (problems.length) invalid('The weights were not saved', problems);
  return saveSettings(database, actor, reorg, 'weights', weights as Weights);
}

export async function switchingCostParameters(database: Database, reorganisationCode: string) {
  return currentSettings(database, await requireReorganisation(database, reorganisationCode), 'switching-cost', DEFAULT_SWITCHING_COST);
}

export async function saveSwitchingCostParameters(
  database: Database,
  actor: Actor,
  reorganisationCode: string,
  parameters: SwitchingCostParameters,
) {
  const reorg = await requireReorganisation(database, reorganisationCode);
  const problems: ProblemDetail[] = [];
  for (const [k, v] of Object.entries(parameters))
    if (k !== 'methodFactors' && (typeof v !== 'number' || v < 0))
      problems.push({ field: k, message: 'give an amount of pounds, 0 or more' });
  for (const [m, f] of Object.entries(parameters.methodFactors ?? {}))
    if (typeof f !== 'number' || f < 0) problems.push({ field: `methodFactors.${m}`, message: 'give a factor, 0 or more' });
  if (problems.length) invalid('The switching-cost parameters were not saved', problems);
  return saveSettings(database, actor, reorg, 'switching-cost', parameters);
}

async function saveSettings<T extends object>(
  database: Database,
  actor: Actor,
  reorg: Reorganisation,
  kind: 'weights' | 'switching-cost',
  values: T,
) {
  return database.db.transaction().execute(async (trx) => {
    const db = estateDb(trx);
    const version = ((await store.selectSettings(db, reorg.code, kind))[0]?.version ?? 0) + 1;
    await store.insertSettings(db, { reorganisationCode: reorg.code, kind, version, settings: values, savedBy: actor?.username ?? null });
    await audit(trx, actor, reorg, `${kind}-saved`, String(version), { version, values });
    return { values, version, savedBy: actor?.username ?? null, savedAt: new Date().toISOString() } satisfies Versioned<T>;
  });
}

// The estate as convergence reads it

export interface ConvergenceEstate {
  reorganisation: Reorganisation;
  applications: ConvergenceApplication[];
  graph: DependencyGraph;
}

/** The predecessors' current applications (with contracts and flags) and the dependency graph. */
export async function loadConvergenceEstate(database: Database, reorganisationCode: string): Promise<ConvergenceEstate> {
  const reorganisation = await requireReorganisation(database, reorganisationCode);
  const db = estateDb(database.db);
  const councils = reorganisation.predecessorCodes;
  const functions = new Map(
    (await classifiedApplications(database, councils)).map((c) => [`${c.organisationCode}\u0000${c.reference}`, c.functionLabel]),
  );
  const applications = (await store.selectCurrentApplications(db, councils)).map((a) => ({
    ...a,
    functionLabel: functions.get(`${a.organisationCode}\u0000${a.reference}`) ?? null,
  }));
  const integrations = await store.selectCurrentIntegrations(db, councils);
  return { reorganisation, applications, graph: buildGraph(applications, integrations) };
}

/**
 * Capabilities met by two or more applications across the predecessors, each candidate scored.
 * @example (await listDuplicates(database, 'wessex-lgr')).groups[0].candidates[0].breakdown
 */
export async function listDuplicates(
  database: Database,
  reorganisationCode: string,
  options: { supplierHealth?: SupplierHealthLookup; estate?: ConvergenceEstate } = {},
): Promise<{ reorganisation: Reorganisation; weights: Versioned<Weights>; groups: DuplicateGroup[] }> {
  const estate = options.estate ?? (await loadConvergenceEstate(database, reorganisationCode));
  const weights = (await convergenceWeights(database, reorganisationCode)).current;
  const targets = new Map((await store.selectTargets(estateDb(database.db), reorganisationCode)).map((t) => [t.capabilityKey, t]));
  const supplierHealth = options.supplierHealth ?? (await supplierHealthFromRegister(database, reorganisationCode));
  const byKey = new Map<string, ConvergenceApplication[]>();
  for (const a of estate.applications) {
    const key = capabilityKey(a);
    if (key) byKey.set(key, [...(byKey.get(key) ?? []), a]);
  }
  const groups = [...byKey]
    .filter(([, apps]) => apps.length >= 2)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, apps]) => ({
      capabilityKey: key,
      capability: apps[0]!.functionLabel ?? apps[0]!.capability ?? key,
      organisations: [...new Set(apps.map((a) => a.organisationCode))].sort(),
      candidates: scoreCandidates(apps, weights.values, estate.reorganisation.vestingDay, supplierHealth),
      target: targets.get(key) ?? null,
    }));
  return { reorganisation: estate.reorganisation, weights, groups };
}

/** Chooses the target of a duplicated capability: one of its candidates. */
export async function chooseTarget(
  database: Database,
  actor: Actor,
  reorganisationCode: string,
  choice: { capabilityKey: string; organisationCode: string; reference: string; rationale?: string | null },
): Promise<Target> {
  const { reorganisation, groups } = await listDuplicates(database, reorganisationCode);
  const group = groups.find((g) => g.capabilityKey === choice.capabilityKey);
  if (!group)
    throw estateError(
      'ESTATE_CONVERGENCE_NOT_FOUND',
      `No duplicated capability "${choice.capabilityKey.slice(0, 100)}" in ${reorganisation.code}`,
      [{ field: 'capabilityKey', message: 'not a capability with two or more applications' }],
    );
  if (
    !group.candidates.some(
      (c) => c.application.organisationCode === choice.organisationCode && c.application.reference === choice.reference,
    )
  )
    throw estateError(
      'ESTATE_CONVERGENCE_INVALID',
      `${choice.organisationCode}/${choice.reference} is not a candidate for ${group.capability}`,
      [{ field: 'reference', message: `choose one of ${group.candidates.map((c) => nodeKey(c.application)).join(', ')}` }],
    );
  const target = { ...choice, rationale: choice.rationale?.trim() || null, chosenBy: actor?.username ?? null };
  await database.db.transaction().execute(async (trx) => {
    await store.upsertTarget(estateDb(trx), reorganisation.code, target);
    await audit(trx, actor, reorganisation, 'target-chosen', choice.capabilityKey, target);
  });
  return (await store.selectTargets(estateDb(database.db), reorganisation.code)).find((t) => t.capabilityKey === choice.capabilityKey)!;
}

/** Records whether an application has an open API and open data export (null: not known). */
export async function saveOpennessFlags(
  database: Database,
  actor: Actor,
  reorganisationCode: string,
  flags: { organisationCode: string; reference: string; hasOpenApi: boolean | null; hasDataExport: boolean | null },
) {
  const estate = await loadConvergenceEstate(database, reorganisationCode);
  if (!estate.graph.nodes.has(nodeKey(flags)))
    throw estateError(
      'ESTATE_CONVERGENCE_NOT_FOUND',
      `No current application ${nodeKey(flags).slice(0, 200)} in ${estate.reorganisation.code}`,
      [{ field: 'reference', message: 'not an application in a predecessor’s current inventory' }],
    );
  await database.db.transaction().execute(async (trx) => {
    await store.upsertFlags(estateDb(trx), { ...flags, updatedBy: actor?.username ?? null });
    await audit(trx, actor, estate.reorganisation, 'flags-saved', nodeKey(flags), flags);
  });
  return flags;
}

// Dependencies

/** The dependency graph: one council's applications that take part in a flow (and their partners elsewhere), or every council's. */
export async function dependencyGraph(database: Database, reorganisationCode: string, organisationCode?: string) {
  const { graph, reorganisation } = await loadConvergenceEstate(database, reorganisationCode);
  const edges = organisationCode
    ? graph.edges.filter((e) => e.source.startsWith(`${organisationCode}/`) || e.target.startsWith(`${organisationCode}/`))
    : graph.edges;
  const keys = new Set(edges.flatMap((e) => [e.source, e.target]));
  const nodes = [...graph.nodes].filter(([k]) => keys.has(k)).map(([key, a]) => ({ key, ...a }));
  const isolated =
    [...graph.nodes.values()].filter((a) => !organisationCode || a.organisationCode === organisationCode).length -
    nodes.filter((n) => !organisationCode || n.organisationCode === organisationCode).length;
  return { reorganisation, nodes, edges, isolated, dangling: graph.dangling };
}

export async function decommissioningImpact(
  database: Database,
  reorganisationCode: string,
  organisationCode: string,
  reference: string,
): Promise<Impact> {
  const { graph } = await loadConvergenceEstate(database, reorganisationCode);
  const key = `${organisationCode}/${reference}`;
  if (!graph.nodes.has(key))
    throw estateError('ESTATE_CONVERGENCE_NOT_FOUND', `No current application ${key.slice(0, 200)} in ${reorganisationCode.slice(0, 64)}`, [
      { field: 'reference', message: 'not an application in a predecessor’s current inventory' },
    ]);
  const parameters = (await switchingCostParameters(database, reorganisationCode)).current.values;
  return impactOfDecommissioning(graph, key, parameters);
}

// The plan

export interface ConvergencePlan {
  reorganisationCode: string;
  vestingDay: string;
  items: PlanItem[];
  stages: PlanStage[];
}

export async function getConvergencePlan(database: Database, reorganisationCode: string): Promise<ConvergencePlan> {
  const reorg = await requireReorganisation(database, reorganisationCode);
  const db = estateDb(database.db);
  let stages = await store.selectStages(db, reorg.code);
  if (stages.length === 0)
    stages = STAGES.map((stage) => ({ stage, status: 'not-started', holdPoint: DEFAULT_HOLD_POINTS[stage], startedAt: null }));
  return { reorganisationCode: reorg.code, vestingDay: reorg.vestingDay, items: await store.selectPlanItems(db, reorg.code), stages };
}

/**
 * Generates (again) the plan from contract dates, dependencies and the chosen targets. Items
 * someone edited keep their stage, dates and notes; the rest are replaced.
 */
export async function generateConvergencePlan(database: Database, actor: Actor, reorganisationCode: string): Promise<ConvergencePlan> {
  const estate = await loadConvergenceEstate(database, reorganisationCode);
  const { groups } = await listDuplicates(database, reorganisationCode, { estate });
  const before = await store.selectPlanItems(estateDb(database.db), estate.reorganisation.code);
  const fixed = new Map(before.filter((i) => i.isEdited).map((i) => [i.key, { stage: i.stage, start: i.start, end: i.end }]));
  const plan = generatePlan({
    vestingDay: estate.reorganisation.vestingDay,
    applications: estate.applications,
    groups,
    integrations: estate.graph.edges,
    fixed,
  });
  await database.db.transaction().execute(async (trx) => {
    const db = estateDb(trx);
    await store.replacePlanItems(db, estate.reorganisation.code, plan.items);
    await store.insertMissingStages(db, estate.reorganisation.code, DEFAULT_HOLD_POINTS);
    await audit(trx, actor, estate.reorganisation, 'plan-generated', 'plan', { items: plan.items.length, keptEdited: fixed.size });
  });
  return getConvergencePlan(database, reorganisationCode);
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const isDay = (v: unknown): v is string => typeof v === 'string' && DAY.test(v) && !Number.isNaN(Date.parse(v));

/** Changes a plan item's stage, dates or notes. Changing stage or dates marks it edited (kept when the plan is generated again). */
export async function updatePlanItem(
  database: Database,
  actor: Actor,
  reorganisationCode: string,
  key: string,
  change: { stage?: Stage; start?: string; end?: string; notes?: string | null },
): Promise<PlanItem> {
  const reorg = await requireReorganisation(database, reorganisationCode);
  const db = estateDb(database.db);
  const item = (await store.selectPlanItems(db, reorg.code)).find((i) => i.key === key);
  if (!item)
    throw estateError('ESTATE_CONVERGENCE_NOT_FOUND', `No plan item "${key.slice(0, 200)}" in ${reorg.code}`, [
      { field: 'key', message: 'not an item of the plan' },
    ]);
  const problems: ProblemDetail[] = [];
  if (change.stage !== undefined && !(STAGES as readonly string[]).includes(change.stage))
    problems.push({ field: 'stage', message: `one of ${STAGES.join(', ')}` });
  if (change.start !== undefined && !isDay(change.start)) problems.push({ field: 'start', message: 'give the start as YYYY-MM-DD' });
  if (change.end !== undefined && !isDay(change.end)) problems.push({ field: 'end', message: 'give the end as YYYY-MM-DD' });
  const start = change.start ?? item.start;
  const end = change.end ?? item.end;
  if (isDay(start) && isDay(end) && end < start)
    problems.push({ field: 'end', message: `the end (${end}) is before the start (${start})` });
  if ((change.notes ?? '').length > 4000) problems.push({ field: 'notes', message: 'at most 4,000 characters' });
  if (problems.length) invalid(`Plan item ${key.slice(0, 200)} was not changed`, problems);
  const stage = change.stage ?? item.stage;
  const isEdited = item.isEdited || stage !== item.stage || start !== item.start || end !== item.end;
  const notes = change.notes === undefined ? item.notes : change.notes?.trim() || null;
  await database.db.transaction().execute(async (trx) => {
    await store.updatePlanItemRow(estateDb(trx), reorg.code, key, {
      stage,
      start,
      end,
      notes,
      isEdited,
      updatedBy: actor?.username ?? null,
    });
    await audit(trx, actor, reorg, 'plan-item-changed', key, {
      before: { stage: item.stage, start: item.start, end: item.end, notes: item.notes },
      after: { stage, start, end, notes },
    });
  });
  return { ...item, stage, start, end, notes, isEdited };
}

/**
 * Updates a stage: its hold point's criteria (met, evidence; or the whole list) and its status.
 * A stage cannot be marked started while its hold point is unmet (ESTATE_HOLD_POINT_UNMET).
 */
export async function updatePlanStage(
  database: Database,
  actor: Actor,
  reorganisationCode: string,
  stage: Stage,
  change: { holdPoint?: HoldCriterion[]; met?: Record<string, boolean>; evidence?: Record<string, string>; status?: PlanStage['status'] },
): Promise<PlanStage> {
  const reorg = await requireReorganisation(database, reorganisationCode);
  const db = estateDb(database.db);
  await store.insertMissingStages(db, reorg.code, DEFAULT_HOLD_POINTS);
  const stages = await store.selectStages(db, reorg.code);
  const own = stages.find((s) => s.stage === stage);
  if (!own)
    throw estateError('ESTATE_CONVERGENCE_NOT_FOUND', `No stage "${String(stage).slice(0, 40)}"`, [
      { field: 'stage', message: `one of ${STAGES.join(', ')}` },
    ]);
  const problems: ProblemDetail[] = [];
  let holdPoint = (change.holdPoint ?? own.holdPoint).map((c) => ({ ...c }));
  if (stage === 'stabilise' && holdPoint.length > 0)
    problems.push({ field: 'holdPoint', message: 'stabilise comes first: it has no hold point' });
  const ids = new Set<string>();
  for (const c of holdPoint) {
    if (ids.has(c.id)) problems.push({ field: `holdPoint.${c.id}`, message: 'two criteria have this id' });
    ids.add(c.id);
  }
  for (const id of Object.keys({ ...change.met, ...change.evidence }))
    if (!ids.has(id)) problems.push({ field: `criteria.${id}`, message: 'no criterion of this hold point has this id' });
  if (problems.length) invalid(`The ${stage} stage was not changed`, problems);
  holdPoint = holdPoint.map((c) => ({
    ...c,
    isMet: change.met?.[c.id] ?? c.isMet,
    evidence: change.evidence && c.id in change.evidence ? change.evidence[c.id]!.trim() || null : c.evidence,
  }));
  const status = change.status ?? own.status;
  if (status !== 'not-started' && own.status === 'not-started') {
    const reasons = reasonsStageCannotStart(
      stages.map((s) => (s.stage === stage ? { ...s, holdPoint } : s)),
      stage,
    );
    if (reasons.length > 0)
      throw estateError(
        'ESTATE_HOLD_POINT_UNMET',
        `The ${stage} stage cannot start: ${reasons.join('; ')}`,
        reasons.map((message) => ({ field: 'status', message })),
      );
  }
  const startedAt = status === 'not-started' ? null : own.startedAt ? new Date(own.startedAt) : new Date();
  await database.db.transaction().execute(async (trx) => {
    await store.updateStageRow(estateDb(trx), reorg.code, stage, { status, holdPoint, startedAt, updatedBy: actor?.username ?? null });
    await audit(trx, actor, reorg, 'stage-changed', stage, {
      before: { status: own.status, holdPoint: own.holdPoint },
      after: { status, holdPoint },
    });
  });
  return (await store.selectStages(db, reorg.code)).find((s) => s.stage === stage)!;
}

export const PLAN_CSV_COLUMNS = [
  'key',
  'stage',
  'kind',
  'title',
  'capabilityKey',
  'organisationCode',
  'reference',
  'targetOrganisationCode',
  'targetReference',
  'start',
  'end',
  'noticeBy',
  'dependsOn',
  'isProtected',
  'reasons',
  'notes',
  'isEdited',
] as const;

/** The plan as CSV: one row per item; lists joined with "; ". */
export function planCsv(plan: ConvergencePlan): string {
  const rows = plan.items.map((i) =>
    PLAN_CSV_COLUMNS.map((c) => {
      const v = i[c];
      return Array.isArray(v) ? v.join('; ') : v === null ? '' : String(v);
    }),
  );
  return stringify([[...PLAN_CSV_COLUMNS], ...rows], { record_delimiter: 'windows' });
}
