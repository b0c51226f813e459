/** Convergence's SQL: the current inventory of the predecessors, and its own tables. */
import { sql } from 'kysely';
import type { EstateDb } from '../store.ts';
import type { RawIntegration } from './graph.ts';
import type { ConvergenceApplication, HoldCriterion, PlanItem, PlanStage, Stage, Target } from './model.ts';

const num = (v: string | null) => (v === null ? null : Number(v));
const iso = (v: Date | string) => new Date(v).toISOString();

async function latestInventoryImports(db: EstateDb, organisationCodes: readonly string[], kind: 'applications' | 'integrations') {
  if (organisationCodes.length === 0) return [];
  const rows = await db
    .selectFrom('estate_inventory_imports')
    .select(['organisation_code', (eb) => eb.fn.max('id').as('id')])
    .where('organisation_code', 'in', organisationCodes)
    .where('kind', '=', kind)
    .groupBy('organisation_code')
    .execute();
  return rows.map((r) => Number(r.id));
}

/** The organisations' current applications, with their contract (latest contract import, joined by reference) and flags. */
export async function selectCurrentApplications(db: EstateDb, organisationCodes: readonly string[]): Promise<ConvergenceApplication[]> {
  const imports = await latestInventoryImports(db, organisationCodes, 'applications');
  if (imports.length === 0) return [];
  const contractImports = await db
    .selectFrom('estate_contract_imports')
    .select(['organisation_code', (eb) => eb.fn.max('id').as('id')])
    .where('organisation_code', 'in', organisationCodes)
    .groupBy('organisation_code')
    .execute();
  const contracts = contractImports.length
    ? await db
        .selectFrom('estate_contracts')
        .select(['organisation_code', 'reference', 'end_date', 'notice_period', 'termination_cost_gbp'])
        .where(
          'import_id',
          'in',
          contractImports.map((c) => Number(c.id)),
        )
        .orderBy('row_number')
        .execute()
    : [];
  // Rows sharing a reference are one procurement (lots, several suppliers): the latest end date stands for it.
  const contractOf = new Map<string, ConvergenceApplication['contract']>();
  for (const c of contracts) {
    const key = `${c.organisation_code}/${c.reference}`;
    const seen = contractOf.get(key);
    const endDate = c.end_date ? String(c.end_date).slice(0, 10) : null;
    if (seen && (seen.endDate ?? '') >= (endDate ?? '')) continue;
    contractOf.set(key, { reference: c.reference, endDate, noticePeriod: c.notice_period, terminationCost: num(c.termination_cost_gbp) });
  }
  const rows = await db
    .selectFrom('estate_applications as a')
    .leftJoin('estate_convergence_flags as f', (j) =>
      j.onRef('f.organisation_code', '=', 'a.organisation_code').onRef('f.application_reference', '=', 'a.reference'),
    )
    .select([
      'a.organisation_code',
      'a.reference',
      'a.name',
      'a.product',
      'a.supplier_name',
      'a.supplier_company_number',
      'a.hosting',
      'a.capability',
      'a.business_owner',
      'a.user_count',
      'a.annual_cost_gbp',
      'a.end_of_support',
      'a.data_held',
      'a.contract_reference',
      'f.has_open_api',
      'f.has_data_export',
    ])
    .where('a.import_id', 'in', imports)
    .orderBy('a.organisation_code')
    .orderBy('a.row_number')
    .execute();
  return rows.map((r) => ({
    organisationCode: r.organisation_code,
    reference: r.reference,
    name: r.name,
    product: r.product,
    supplierName: r.supplier_name,
    supplierCompanyNumber: r.supplier_company_number,
    hosting: r.hosting,
    capability: r.capability,
    businessOwner: r.business_owner,
    users: r.user_count,
    annualCost: num(r.annual_cost_gbp),
    endOfSupport: r.end_of_support ? String(r.end_of_support).slice(0, 10) : null,
    dataHeld: r.data_held,
    contract: r.contract_reference ? (contractOf.get(`${r.organisation_code}/${r.contract_reference}`) ?? null) : null,
    hasOpenApi: r.has_open_api ?? null,
    hasDataExport: r.has_data_export ?? null,
  }));
}

export async function selectCurrentIntegrations(db: EstateDb, organisationCodes: readonly string[]): Promise<RawIntegration[]> {
  const imports = await latestInventoryImports(db, organisationCodes, 'integrations');
  if (imports.length === 0) return [];
  const rows = await db
    .selectFrom('estate_integrations')
    .selectAll()
    .where('import_id', 'in', imports)
    .orderBy('organisation_code')
    .orderBy('row_number')
    .execute();
  return rows.map((r) => ({
    organisationCode: r.organisation_code,
    reference: r.reference,
    sourceApplication: r.source_application,
    targetApplication: r.target_application,
    method: r.method,
    frequency: r.frequency,
    dataCarried: r.data_carried,
    carriesPersonalData: r.carries_personal_data,
    owner: r.owner,
  }));
}

export async function selectSettings(db: EstateDb, reorganisationCode: string, kind: 'weights' | 'switching-cost') {
  return db
    .selectFrom('estate_convergence_settings')
    .selectAll()
    .where('reorganisation_code', '=', reorganisationCode)
    .where('kind', '=', kind)
    .orderBy('version', 'desc')
    .execute();
}

export async function insertSettings(
  db: EstateDb,
  entry: { reorganisationCode: string; kind: 'weights' | 'switching-cost'; version: number; settings: object; savedBy: string | null },
) {
  await db
    .insertInto('estate_convergence_settings')
    .values({
      reorganisation_code: entry.reorganisationCode,
      kind: entry.kind,
      version: entry.version,
      settings: JSON.stringify(entry.settings),
      saved_by: entry.savedBy,
    })
    .execute();
}

export async function upsertFlags(
  db: EstateDb,
  entry: {
    organisationCode: string;
    reference: string;
    hasOpenApi: boolean | null;
    hasDataExport: boolean | null;
    updatedBy: string | null;
  },
) {
  const values = {
    has_open_api: entry.hasOpenApi,
    has_data_export: entry.hasDataExport,
    updated_by: entry.updatedBy,
    updated_at: new Date(),
  };
  await db
    .insertInto('estate_convergence_flags')
    .values({ organisation_code: entry.organisationCode, application_reference: entry.reference, ...values })
    .onConflict((c) => c.columns(['organisation_code', 'application_reference']).doUpdateSet(values))
    .execute();
}

export async function selectTargets(db: EstateDb, reorganisationCode: string): Promise<Target[]> {
  const rows = await db
    .selectFrom('estate_convergence_targets')
    .selectAll()
    .where('reorganisation_code', '=', reorganisationCode)
    .execute();
  return rows.map((r) => ({
    capabilityKey: r.capability_key,
    organisationCode: r.organisation_code,
    reference: r.application_reference,
    rationale: r.rationale,
    chosenBy: r.chosen_by,
    chosenAt: iso(r.chosen_at),
  }));
}

export async function upsertTarget(db: EstateDb, reorganisationCode: string, t: Omit<Target, 'chosenAt'>) {
  const values = {
    organisation_code: t.organisationCode,
    application_reference: t.reference,
    rationale: t.rationale,
    chosen_by: t.chosenBy,
    chosen_at: new Date(),
  };
  await db
    .insertInto('estate_convergence_targets')
    .values({ reorganisation_code: reorganisationCode, capability_key: t.capabilityKey, ...values })
    .onConflict((c) => c.columns(['reorganisation_code', 'capability_key']).doUpdateSet(values))
    .execute();
}

type ItemRow = Awaited<ReturnType<typeof selectItemRows>>[number];
async function selectItemRows(db: EstateDb, reorganisationCode: string) {
  return db.selectFrom('estate_convergence_plan_items').selectAll().where('reorganisation_code', '=', reorganisationCode).execute();
}
const day = (v: unknown) =>
  v === null || v === undefined ? null : v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10);
const toItem = (r: ItemRow): PlanItem => ({
  key: r.item_key,
  stage: r.stage,
  kind: r.kind,
  title: r.title,
  capabilityKey: r.capability_key,
  organisationCode: r.organisation_code,
  reference: r.application_reference,
  targetOrganisationCode: r.target_organisation_code,
  targetReference: r.target_application_reference,
  start: day(r.start_date)!,
  end: day(r.end_date)!,
  noticeBy: day(r.notice_by),
  dependsOn: r.depends_on,
  isProtected: r.is_protected,
  reasons: r.reasons,
  notes: r.notes,
  isEdited: r.is_edited,
});

const STAGE_ORDER: Record<Stage, number> = { stabilise: 0, converge: 1, optimise: 2 };
export async function selectPlanItems(db: EstateDb, reorganisationCode: string): Promise<PlanItem[]> {
  return (await selectItemRows(db, reorganisationCode))
    .map(toItem)
    .sort(
      (a, b) =>
        STAGE_ORDER[a.stage] - STAGE_ORDER[b.stage] ||
        a.start.localeCompare(b.start) ||
        a.end.localeCompare(b.end) ||
        a.key.localeCompare(b.key),
    );
}

/** Replaces the generated plan: items no longer generated go (unless edited); edited items keep their notes, stage and dates. */
export async function replacePlanItems(db: EstateDb, reorganisationCode: string, items: Omit<PlanItem, 'notes' | 'isEdited'>[]) {
  const keys = items.map((i) => i.key);
  let remove = db
    .deleteFrom('estate_convergence_plan_items')
    .where('reorganisation_code', '=', reorganisationCode)
    .where('is_edited', '=', false);
  if (keys.length > 0) remove = remove.where('item_key', 'not in', keys);
  await remove.execute();
  for (let start = 0; start < items.length; start += 200) {
    const values = items.slice(start, start + 200).map((i) => ({
      reorganisation_code: reorganisationCode,
      item_key: i.key,
      stage: i.stage,
      kind: i.kind,
      title: i.title,
      capability_key: i.capabilityKey,
      organisation_code: i.organisationCode,
      application_reference: i.reference,
      target_organisation_code: i.targetOrganisationCode,
      target_application_reference: i.targetReference,
      start_date: i.start,
      end_date: i.end,
      notice_by: i.noticeBy,
      depends_on: JSON.stringify(i.dependsOn),
      is_protected: i.isProtected,
      reasons: JSON.stringify(i.reasons),
      updated_at: new Date(),
    }));
    await db
      .insertInto('estate_convergence_plan_items')
      .values(values)
      .onConflict((c) =>
        c.columns(['reorganisation_code', 'item_key']).doUpdateSet((eb) => ({
          stage: eb.ref('excluded.stage'),
          kind: eb.ref('excluded.kind'),
          title: eb.ref('excluded.title'),
          capability_key: eb.ref('excluded.capability_key'),
          organisation_code: eb.ref('excluded.organisation_code'),
          application_reference: eb.ref('excluded.application_reference'),
          target_organisation_code: eb.ref('excluded.target_organisation_code'),
          target_application_reference: eb.ref('excluded.target_application_reference'),
          start_date: eb.ref('excluded.start_date'),
          end_date: eb.ref('excluded.end_date'),
          notice_by: eb.ref('excluded.notice_by'),
          depends_on: eb.ref('excluded.depends_on'),
          is_protected: eb.ref('excluded.is_protected'),
          reasons: eb.ref('excluded.reasons'),
          updated_at: eb.ref('excluded.updated_at'),
        })),
      )
      .execute();
  }
}

export async function updatePlanItemRow(
  db: EstateDb,
  reorganisationCode: string,
  key: string,
  change: { stage: Stage; start: string; end: string; notes: string | null; isEdited: boolean; updatedBy: string | null },
) {
  const result = await db
    .updateTable('estate_convergence_plan_items')
    .set({
      stage: change.stage,
      start_date: change.start,
      end_date: change.end,
      notes: change.notes,
      is_edited: change.isEdited,
      updated_by: change.updatedBy,
      updated_at: new Date(),
    })
    .where('reorganisation_code', '=', reorganisationCode)
    .where('item_key', '=', key)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function selectStages(db: EstateDb, reorganisationCode: string): Promise<PlanStage[]> {
  const rows = await db.selectFrom('estate_convergence_stages').selectAll().where('reorganisation_code', '=', reorganisationCode).execute();
  return rows
    .map((r) => ({
      stage: r.stage,
      status: r.status,
      holdPoint: r.hold_point as HoldCriterion[],
      startedAt: r.started_at ? iso(r.started_at) : null,
    }))
    .sort((a, b) => STAGE_ORDER[a.stage] - STAGE_ORDER[b.stage]);
}

export async function insertMissingStages(db: EstateDb, reorganisationCode: string, defaults: Record<Stage, HoldCriterion[]>) {
  await db
    .insertInto('estate_convergence_stages')
    .values(
      (Object.keys(defaults) as Stage[]).map((stage) => ({
        reorganisation_code: reorganisationCode,
        stage,
        hold_point: JSON.stringify(defaults[stage]),
      })),
    )
    .onConflict((c) => c.columns(['reorganisation_code', 'stage']).doNothing())
    .execute();
}

export async function updateStageRow(
  db: EstateDb,
  reorganisationCode: string,
  stage: Stage,
  change: { status: PlanStage['status']; holdPoint: HoldCriterion[]; startedAt: Date | null; updatedBy: string | null },
) {
  await db
    .updateTable('estate_convergence_stages')
    .set({
      status: change.status,
      hold_point: JSON.stringify(change.holdPoint),
      started_at: change.startedAt ?? sql<null>`null`,
      updated_by: change.updatedBy,
      updated_at: new Date(),
    })
    .where('reorganisation_code', '=', reorganisationCode)
    .where('stage', '=', stage)
    .execute();
}
