/**
 * The benefits register's rules: a benefit is saved whole (with its gates, in order), measured
 * over time, and counted by realisation.ts; the scorecard holds one value per measure per period.
 * Writes are audited; every problem with an input is reported at once and nothing is changed.
 */
import { recordAudit, type Database, type ProblemDetail, type SignedInUser } from '@joinery/core';
import { estateError } from '../errors.ts';
import { estateDb } from '../store.ts';
import { requireReorganisation } from '../governance/access.ts';
import {
  BENEFIT_KINDS,
  GATE_KINDS,
  SCORECARD_MEASURES,
  type Benefit,
  type BenefitInput,
  type BenefitTotals,
  type MeasurementInput,
  type ScorecardValue,
  type ScorecardValueInput,
} from './model.ts';
import { benefitTotals, gainsOf } from './realisation.ts';

type Actor = Pick<SignedInUser, 'id' | 'username'> | null;

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const isDay = (v: string) => DAY.test(v) && !Number.isNaN(Date.parse(v)) && new Date(v).toISOString().startsWith(v);
const blank = (v: string | null | undefined) => (v === undefined || v === null || v.trim() === '' ? null : v.trim());

function benefitProblems(input: BenefitInput): ProblemDetail[] {
  const problems: ProblemDetail[] = [];
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(input.reference))
    problems.push({ field: 'reference', message: 'The reference is letters, digits, dots, hyphens or underscores, e.g. B-01' });
  for (const field of ['title', 'measure', 'unit', 'owner'] as const)
    if (input[field].trim() === '') problems.push({ field, message: `Give the benefit's ${field}` });
  if (!(input.kind in BENEFIT_KINDS)) problems.push({ field: 'kind', message: 'Choose cashable saving, cost avoidance or public value' });
  for (const field of ['baseline', 'target'] as const)
    if (!Number.isFinite(input[field])) problems.push({ field, message: `The ${field} must be a number` });
  if (Number.isFinite(input.baseline) && input.baseline === input.target)
    problems.push({ field: 'target', message: 'The target must differ from the baseline (otherwise there is no benefit)' });
  if (input.dueDate && !isDay(input.dueDate)) problems.push({ field: 'dueDate', message: 'Give the due date as YYYY-MM-DD' });
  (input.gates ?? []).forEach((g, i) => {
    if (!(g.kind in GATE_KINDS)) problems.push({ field: `gates.${i}.kind`, message: `Gate ${i + 1}: choose what kind of milestone it is` });
    if (g.milestone.trim() === '') problems.push({ field: `gates.${i}.milestone`, message: `Gate ${i + 1}: describe the milestone` });
    if (g.metOn && !isDay(g.metOn))
      problems.push({ field: `gates.${i}.metOn`, message: `Gate ${i + 1}: give the date it was met as YYYY-MM-DD` });
    if (!g.isMet && g.metOn) problems.push({ field: `gates.${i}.metOn`, message: `Gate ${i + 1}: a gate not met has no date met` });
    if (g.isMet && !g.metOn) problems.push({ field: `gates.${i}.metOn`, message: `Gate ${i + 1}: say when it was met` });
  });
  return problems;
}

/**
 * Adds or replaces a benefit (and its gates). Its measurements are kept.
 * @example await saveBenefit(database, user, 'wessex-lgr', { reference: 'B-01', title: 'One revenues system', kind: 'cashable-saving', measure: 'Annual cost', unit: 'GBP', baseline: 900000, target: 400000, owner: 'S151 officer' });
 */
export async function saveBenefit(database: Database, actor: Actor, code: string, input: BenefitInput): Promise<Benefit> {
  const reorganisation = await requireReorganisation(database, code);
  const problems = benefitProblems(input);
  if (problems.length > 0)
    throw estateError('ESTATE_BENEFIT_INVALID', `The benefit cannot be saved: ${problems.map((p) => p.message).join('; ')}`, problems);
  const values = {
    title: input.title.trim(),
    kind: input.kind,
    measure: input.measure.trim(),
    unit: input.unit.trim(),
    baseline: input.baseline,
    target: input.target,
    owner: input.owner.trim(),
    evidence: blank(input.evidence),
    due_date: blank(input.dueDate),
    updated_by: actor?.username ?? null,
    updated_at: new Date(),
  };
  await database.db.transaction().execute(async (trx) => {
    const db = estateDb(trx);
    await db
      .insertInto('estate_benefits')
      .values({ reorganisation_code: reorganisation.code, reference: input.reference, ...values })
      .onConflict((c) => c.columns(['reorganisation_code', 'reference']).doUpdateSet(values))
      .execute();
    if (input.gates) {
      await db
        .deleteFrom('estate_benefit_gates')
        .where('reorganisation_code', '=', reorganisation.code)
        .where('benefit_reference', '=', input.reference)
        .execute();
      if (input.gates.length > 0)
        await db
          .insertInto('estate_benefit_gates')
          .values(
            input.gates.map((g, i) => ({
              reorganisation_code: reorganisation.code,
              benefit_reference: input.reference,
              gate_number: i + 1,
              kind: g.kind,
              milestone: g.milestone.trim(),
              is_met: g.isMet,
              met_on: g.isMet ? (g.metOn ?? null) : null,
              updated_by: actor?.username ?? null,
            })),
          )
          .execute();
    }
    await recordAudit(trx, {
      actor,
      organisationCode: reorganisation.successorCode,
      action: 'estate.benefit-save',
      subjectType: 'benefit',
      subjectId: `${reorganisation.code}/${input.reference}`,
      details: { kind: input.kind, baseline: input.baseline, target: input.target, gates: input.gates?.length },
    });
  });
  return getBenefit(database, reorganisation.code, input.reference);
}

/** Records a measurement of a benefit's measure. */
export async function recordMeasurement(
  database: Database,
  actor: Actor,
  code: string,
  reference: string,
  input: MeasurementInput,
): Promise<Benefit> {
  const reorganisation = await requireReorganisation(database, code);
  await getBenefit(database, reorganisation.code, reference);
  const problems: ProblemDetail[] = [];
  if (!isDay(input.measuredOn)) problems.push({ field: 'measuredOn', message: 'Give the date measured as YYYY-MM-DD' });
  if (!Number.isFinite(input.value)) problems.push({ field: 'value', message: 'The value must be a number' });
  if (problems.length > 0)
    throw estateError(
      'ESTATE_BENEFIT_INVALID',
      `The measurement cannot be recorded: ${problems.map((p) => p.message).join('; ')}`,
      problems,
    );
  await database.db.transaction().execute(async (trx) => {
    await estateDb(trx)
      .insertInto('estate_benefit_measurements')
      .values({
        reorganisation_code: reorganisation.code,
        benefit_reference: reference,
        measured_on: input.measuredOn,
        value: input.value,
        evidence: blank(input.evidence),
        recorded_by: actor?.username ?? null,
      })
      .execute();
    await recordAudit(trx, {
      actor,
      organisationCode: reorganisation.successorCode,
      action: 'estate.benefit-measure',
      subjectType: 'benefit',
      subjectId: `${reorganisation.code}/${reference}`,
      details: { measuredOn: input.measuredOn, value: input.value },
    });
  });
  return getBenefit(database, reorganisation.code, reference);
}

/** The register with realised and target totals by kind. */
export async function listBenefits(database: Database, code: string): Promise<{ benefits: Benefit[]; totals: BenefitTotals[] }> {
  const reorganisation = await requireReorganisation(database, code);
  const db = estateDb(database.db);
  const [rows, measurements, gates] = await Promise.all([
    db.selectFrom('estate_benefits').selectAll().where('reorganisation_code', '=', reorganisation.code).orderBy('reference').execute(),
    db
      .selectFrom('estate_benefit_measurements')
      .selectAll()
      .where('reorganisation_code', '=', reorganisation.code)
      .orderBy('measured_on')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('estate_benefit_gates')
      .selectAll()
      .where('reorganisation_code', '=', reorganisation.code)
      .orderBy('gate_number')
      .execute(),
  ]);
  const benefits = rows.map((r): Benefit => {
    const mine = measurements
      .filter((m) => m.benefit_reference === r.reference)
      .map((m) => ({ measuredOn: m.measured_on, value: Number(m.value), evidence: m.evidence, recordedBy: m.recorded_by }));
    const myGates = gates
      .filter((g) => g.benefit_reference === r.reference)
      .map((g) => ({ number: g.gate_number, kind: g.kind, milestone: g.milestone, isMet: g.is_met, metOn: g.met_on }));
    const baseline = Number(r.baseline);
    const target = Number(r.target);
    const latest = mine.at(-1)?.value ?? null;
    return {
      reference: r.reference,
      title: r.title,
      kind: r.kind,
      measure: r.measure,
      unit: r.unit,
      baseline,
      target,
      owner: r.owner,
      evidence: r.evidence,
      dueDate: r.due_date,
      measurements: mine,
      gates: myGates,
      latest,
      ...gainsOf({ baseline, target, latest }),
      gatesMet: myGates.filter((g) => g.isMet).length,
    };
  });
  return { benefits, totals: benefitTotals(benefits, Object.keys(BENEFIT_KINDS)) };
}

export async function getBenefit(database: Database, code: string, reference: string): Promise<Benefit> {
  const found = (await listBenefits(database, code)).benefits.find((b) => b.reference === reference);
  if (!found) throw estateError('ESTATE_BENEFIT_UNKNOWN', `${code.slice(0, 64)} has no benefit "${reference.slice(0, 64)}"`);
  return found;
}

/** Records (or replaces) the scorecard's value of one measure for one period. */
export async function recordScorecardValue(
  database: Database,
  actor: Actor,
  code: string,
  input: ScorecardValueInput,
): Promise<ScorecardValue[]> {
  const reorganisation = await requireReorganisation(database, code);
  const problems: ProblemDetail[] = [];
  if (!(input.measure in SCORECARD_MEASURES)) problems.push({ field: 'measure', message: 'Choose one of the scorecard measures' });
  if (!isDay(input.periodStart)) problems.push({ field: 'periodStart', message: 'Give the first day of the period as YYYY-MM-DD' });
  if (!Number.isFinite(input.value) || input.value < 0) problems.push({ field: 'value', message: 'The value must be a number, 0 or more' });
  if (input.measure in SCORECARD_MEASURES && SCORECARD_MEASURES[input.measure].unit.startsWith('%') && input.value > 100)
    problems.push({ field: 'value', message: 'A percentage cannot be more than 100' });
  if (problems.length > 0)
    throw estateError(
      'ESTATE_SCORECARD_INVALID',
      `The scorecard value cannot be recorded: ${problems.map((p) => p.message).join('; ')}`,
      problems,
    );
  const values = { value: input.value, note: blank(input.note), recorded_by: actor?.username ?? null, recorded_at: new Date() };
  await database.db.transaction().execute(async (trx) => {
    await estateDb(trx)
      .insertInto('estate_scorecard_values')
      .values({ reorganisation_code: reorganisation.code, measure: input.measure, period_start: input.periodStart, ...values })
      .onConflict((c) => c.columns(['reorganisation_code', 'measure', 'period_start']).doUpdateSet(values))
      .execute();
    await recordAudit(trx, {
      actor,
      organisationCode: reorganisation.successorCode,
      action: 'estate.scorecard-record',
      subjectType: 'reorganisation',
      subjectId: reorganisation.code,
      details: { measure: input.measure, periodStart: input.periodStart, value: input.value },
    });
  });
  return listScorecard(database, reorganisation.code);
}

/** Every scorecard value, by measure then period. */
export async function listScorecard(database: Database, code: string): Promise<ScorecardValue[]> {
  const reorganisation = await requireReorganisation(database, code);
  const rows = await estateDb(database.db)
    .selectFrom('estate_scorecard_values')
    .selectAll()
    .where('reorganisation_code', '=', reorganisation.code)
    .orderBy('measure')
    .orderBy('period_start')
    .execute();
  return rows.map((r) => ({
    measure: r.measure,
    periodStart: r.period_start,
    value: Number(r.value),
    note: r.note,
    recordedBy: r.recorded_by,
  }));
}

/** Marks one gate met (on a day) or not met. */
export async function updateGate(
  database: Database,
  actor: Actor,
  code: string,
  reference: string,
  number: number,
  input: { isMet: boolean; metOn?: string | null },
): Promise<Benefit> {
  const reorganisation = await requireReorganisation(database, code);
  const benefit = await getBenefit(database, reorganisation.code, reference);
  const gate = benefit.gates.find((g) => g.number === number);
  if (!gate) throw estateError('ESTATE_BENEFIT_UNKNOWN', `${reference.slice(0, 64)} has no gate ${number}`);
  const problems: ProblemDetail[] = [];
  if (input.isMet && !(input.metOn && isDay(input.metOn)))
    problems.push({ field: 'metOn', message: 'Say when the gate was met (YYYY-MM-DD)' });
  if (problems.length > 0)
    throw estateError('ESTATE_BENEFIT_INVALID', `The gate cannot be updated: ${problems.map((p) => p.message).join('; ')}`, problems);
  await database.db.transaction().execute(async (trx) => {
    await estateDb(trx)
      .updateTable('estate_benefit_gates')
      .set({ is_met: input.isMet, met_on: input.isMet ? input.metOn! : null, updated_by: actor?.username ?? null, updated_at: new Date() })
      .where('reorganisation_code', '=', reorganisation.code)
      .where('benefit_reference', '=', reference)
      .where('gate_number', '=', number)
      .execute();
    await recordAudit(trx, {
      actor,
      organisationCode: reorganisation.successorCode,
      action: 'estate.benefit-gate',
      subjectType: 'benefit',
      subjectId: `${reorganisation.code}/${reference}`,
      details: { gate: number, isMet: input.isMet, metOn: input.metOn ?? null },
    });
  });
  return getBenefit(database, reorganisation.code, reference);
}
