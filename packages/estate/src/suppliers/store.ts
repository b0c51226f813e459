/** SQL for suppliers, exit and resilience (the only file of this area that writes SQL). */
import type { EstateDb } from '../store.ts';
import type { ExitPlan, ExitPlanInput, HealthAssessment, HealthAssessmentInput, PlanInput, ResolutionPlan } from './model.ts';

const num = (value: string | null) => (value === null ? null : Number(value));
const iso = (value: Date | string) => new Date(value).toISOString();

/** Each organisation's current applications (its latest applications import), only the columns suppliers need. */
export async function selectCurrentApplications(db: EstateDb, organisationCodes: readonly string[]) {
  if (organisationCodes.length === 0) return [];
  const latest = db
    .selectFrom('estate_inventory_imports')
    .select((eb) => ['organisation_code', eb.fn.max('id').as('id')])
    .where('kind', '=', 'applications')
    .where('organisation_code', 'in', organisationCodes)
    .groupBy('organisation_code');
  return db
    .selectFrom('estate_applications as a')
    .innerJoin(latest.as('l'), (j) => j.onRef('l.id', '=', 'a.import_id'))
    .select([
      'a.organisation_code',
      'a.reference',
      'a.name',
      'a.capability',
      'a.supplier_name',
      'a.supplier_company_number',
      'a.contract_reference',
    ])
    .orderBy('a.organisation_code')
    .orderBy('a.row_number')
    .execute();
}

export async function insertAssessment(
  db: EstateDb,
  supplierKey: string,
  a: HealthAssessmentInput,
  recordedFor: string | null,
  recordedBy: string | null,
): Promise<number> {
  const row = await db
    .insertInto('estate_supplier_assessments')
    .values({
      supplier_key: supplierKey,
      assessed_on: a.assessedOn,
      source: a.source,
      evidence: a.evidence ?? null,
      credit_risk: a.creditRisk ?? null,
      credit_rating: a.creditRating ?? null,
      credit_agency: a.creditAgency ?? null,
      has_parent_guarantee: a.hasParentGuarantee ?? null,
      parent_guarantor: a.parentGuarantor ?? null,
      bcdr_tested_on: a.bcdrTestedOn ?? null,
      bcdr_rto_hours: a.bcdrRtoHours ?? null,
      bcdr_rpo_hours: a.bcdrRpoHours ?? null,
      bcdr_result: a.bcdrResult ?? null,
      prompt_payment_percent: a.promptPaymentPercent ?? null,
      performance_rag: a.performanceRag ?? null,
      performance_note: a.performanceNote ?? null,
      stated_health: a.statedHealth ?? null,
      recorded_for: recordedFor,
      recorded_by: recordedBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

/** Assessments of the given suppliers (all, when keys is omitted), in the order recorded. */
export async function selectAssessments(db: EstateDb, keys?: readonly string[]): Promise<HealthAssessment[]> {
  if (keys && keys.length === 0) return [];
  let q = db.selectFrom('estate_supplier_assessments').selectAll().orderBy('id');
  if (keys) q = q.where('supplier_key', 'in', keys);
  return (await q.execute()).map((r) => ({
    id: Number(r.id),
    supplierId: r.supplier_key,
    assessedOn: r.assessed_on,
    source: r.source,
    evidence: r.evidence,
    creditRisk: r.credit_risk,
    creditRating: r.credit_rating,
    creditAgency: r.credit_agency,
    hasParentGuarantee: r.has_parent_guarantee,
    parentGuarantor: r.parent_guarantor,
    bcdrTestedOn: r.bcdr_tested_on,
    bcdrRtoHours: num(r.bcdr_rto_hours),
    bcdrRpoHours: num(r.bcdr_rpo_hours),
    bcdrResult: r.bcdr_result,
    promptPaymentPercent: num(r.prompt_payment_percent),
    performanceRag: r.performance_rag,
    performanceNote: r.performance_note,
    statedHealth: r.stated_health,
    recordedBy: r.recorded_by,
    recordedAt: iso(r.recorded_at),
  }));
}

/** Whether any assessment of the supplier came from this source (the demo loads once). */
export async function hasAssessmentFrom(db: EstateDb, supplierKey: string, source: string): Promise<boolean> {
  const row = await db
    .selectFrom('estate_supplier_assessments')
    .select('id')
    .where('supplier_key', '=', supplierKey)
    .where('source', '=', source)
    .executeTakeFirst();
  return row !== undefined;
}

export async function upsertResolutionPlan(db: EstateDb, supplierKey: string, p: PlanInput, updatedBy: string | null): Promise<void> {
  const values = {
    owner: p.owner,
    status: p.status,
    last_reviewed_on: p.lastReviewedOn ?? null,
    last_rehearsed_on: p.lastRehearsedOn ?? null,
    next_rehearsal_due: p.nextRehearsalDue ?? null,
    notes: p.notes ?? null,
    updated_by: updatedBy,
    updated_at: new Date(),
  };
  await db
    .insertInto('estate_supplier_resolution_plans')
    .values({ supplier_key: supplierKey, ...values })
    .onConflict((c) => c.column('supplier_key').doUpdateSet(values))
    .execute();
}

export async function selectResolutionPlans(db: EstateDb, keys: readonly string[]): Promise<ResolutionPlan[]> {
  if (keys.length === 0) return [];
  const rows = await db.selectFrom('estate_supplier_resolution_plans').selectAll().where('supplier_key', 'in', keys).execute();
  return rows.map((r) => ({
    supplierId: r.supplier_key,
    owner: r.owner,
    status: r.status,
    lastReviewedOn: r.last_reviewed_on,
    lastRehearsedOn: r.last_rehearsed_on,
    nextRehearsalDue: r.next_rehearsal_due,
    notes: r.notes,
    updatedBy: r.updated_by,
    updatedAt: iso(r.updated_at),
  }));
}

export async function upsertExitPlan(
  db: EstateDb,
  organisationCode: string,
  contractReference: string,
  p: ExitPlanInput,
  updatedBy: string | null,
): Promise<void> {
  const values = {
    is_critical: p.isCritical ?? null,
    owner: p.owner ?? null,
    status: p.status ?? null,
    last_reviewed_on: p.lastReviewedOn ?? null,
    last_rehearsed_on: p.lastRehearsedOn ?? null,
    next_rehearsal_due: p.nextRehearsalDue ?? null,
    notes: p.notes ?? null,
    exports_open_formats: p.exportsOpenFormats ?? null,
    export_formats: p.exportFormats ?? null,
    has_api_access: p.hasApiAccess ?? null,
    api_charges: p.apiCharges ?? null,
    has_escrow: p.hasEscrow ?? null,
    escrow_agent: p.escrowAgent ?? null,
    data_return_days: p.dataReturnDays ?? null,
    updated_by: updatedBy,
    updated_at: new Date(),
  };
  await db
    .insertInto('estate_contract_exit_plans')
    .values({ organisation_code: organisationCode, contract_reference: contractReference, ...values })
    .onConflict((c) => c.columns(['organisation_code', 'contract_reference']).doUpdateSet(values))
    .execute();
}

export async function selectExitPlans(db: EstateDb, organisationCodes: readonly string[]): Promise<ExitPlan[]> {
  if (organisationCodes.length === 0) return [];
  const rows = await db.selectFrom('estate_contract_exit_plans').selectAll().where('organisation_code', 'in', organisationCodes).execute();
  return rows.map((r) => ({
    organisationCode: r.organisation_code,
    contractReference: r.contract_reference,
    isCritical: r.is_critical,
    owner: r.owner,
    status: r.status,
    lastReviewedOn: r.last_reviewed_on,
    lastRehearsedOn: r.last_rehearsed_on,
    nextRehearsalDue: r.next_rehearsal_due,
    notes: r.notes,
    exportsOpenFormats: r.exports_open_formats,
    exportFormats: r.export_formats,
    hasApiAccess: r.has_api_access,
    apiCharges: r.api_charges,
    hasEscrow: r.has_escrow,
    escrowAgent: r.escrow_agent,
    dataReturnDays: r.data_return_days,
    updatedBy: r.updated_by,
    updatedAt: iso(r.updated_at),
  }));
}
