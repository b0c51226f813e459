/**
 * Classifying applications by capability against the imported LGA Function list: the rules
 * (rules.ts) run on each organisation's current applications, a person can override (kept,
 * keyed by organisation and application reference, through any number of re-imports), and the
 * software contracts (CPV 48, 72) no application names are listed. `classifiedApplications` is
 * what other code calls (duplicates by capability, the convergence plan).
 */
import { recordAudit, type Database, type SignedInUser } from '@joinery/core';
import { estateError } from '../errors.ts';
import { estateDb, type EstateDb } from '../store.ts';
import type { ClassificationOverride, ClassifiedApplication, UnlistedSoftware } from './model.ts';
import { classify, unclassifiedReason, type FunctionEntry } from './rules.ts';

/** The current Function list with each function's LGSL services (empty when none is imported). */
export async function loadFunctions(database: Database): Promise<FunctionEntry[]> {
  const db = estateDb(database.db);
  const current = async (list: string) =>
    db
      .selectFrom('estate_reference_imports')
      .select('id')
      .where('list', '=', list)
      .where('is_current', '=', true)
      .orderBy('id', 'desc')
      .executeTakeFirst();
  const functionsImport = await current('functions');
  if (!functionsImport) return [];
  const mappingImport = await current('function-services');
  const rows = await db
    .selectFrom('estate_reference_functions')
    .selectAll()
    .where('import_id', '=', functionsImport.id)
    .orderBy('identifier')
    .execute();
  const mappings = mappingImport
    ? await db
        .selectFrom('estate_reference_function_services')
        .selectAll()
        .where('import_id', '=', mappingImport.id)
        .orderBy('service_id')
        .execute()
    : [];
  return rows.map((r) => ({
    id: r.identifier,
    label: r.label,
    parentLabel: r.parent_label,
    services: mappings.filter((m) => m.function_id === r.identifier).map((m) => ({ id: m.service_id, label: m.service_label })),
  }));
}

async function currentApplications(db: EstateDb, organisationCodes: string[]) {
  if (organisationCodes.length === 0) return [];
  const latest = await db
    .selectFrom('estate_inventory_imports')
    .select(['organisation_code', (eb) => eb.fn.max('id').as('id')])
    .where('kind', '=', 'applications')
    .where('organisation_code', 'in', organisationCodes)
    .groupBy('organisation_code')
    .execute();
  if (latest.length === 0) return [];
  return db
    .selectFrom('estate_applications')
    .selectAll()
    .where(
      'import_id',
      'in',
      latest.map((l) => Number(l.id)),
    )
    .orderBy('organisation_code')
    .orderBy('row_number')
    .execute();
}

/**
 * Every current application of the organisations with what it is for: a person's decision if
 * there is one, else the rules' (computed now against the current Function list), else
 * unclassified (functionId null) with why.
 * @example (await classifiedApplications(database, ['casterbridge'])).filter((a) => a.functionLabel === 'Benefits')
 */
export async function classifiedApplications(database: Database, organisationCodes: string[]): Promise<ClassifiedApplication[]> {
  const db = estateDb(database.db);
  const [apps, functions] = await Promise.all([currentApplications(db, organisationCodes), loadFunctions(database)]);
  const overrides =
    organisationCodes.length === 0
      ? []
      : await db
          .selectFrom('estate_application_classifications')
          .selectAll()
          .where('method', '=', 'user')
          .where('organisation_code', 'in', organisationCodes)
          .execute();
  const byKey = new Map(overrides.map((o) => [`${o.organisation_code}\u0000${o.application_reference}`, o]));
  return apps.map((a) => {
    const base = {
      organisationCode: a.organisation_code,
      reference: a.reference,
      name: a.name,
      product: a.product,
      supplierName: a.supplier_name,
      capability: a.capability,
      contractReference: a.contract_reference,
    };
    const user = byKey.get(`${a.organisation_code}\u0000${a.reference}`);
    if (user)
      return {
        ...base,
        functionId: user.function_id,
        functionLabel: user.function_label,
        serviceId: user.service_id,
        serviceLabel: user.service_label,
        method: 'user' as const,
        confidence: Number(user.confidence),
        reason: user.reason,
        decidedBy: user.decided_by,
      };
    const rule = functions.length > 0 ? classify({ capability: a.capability, name: a.name, product: a.product }, functions) : undefined;
    if (rule) return { ...base, ...rule, method: 'rule' as const, decidedBy: null };
    return {
      ...base,
      functionId: null,
      functionLabel: null,
      serviceId: null,
      serviceLabel: null,
      method: null,
      confidence: 0,
      reason: functions.length === 0 ? 'No Function list has been imported' : unclassifiedReason(a),
      decidedBy: null,
    };
  });
}

/**
 * Runs the rules and records their results (method rule) for the organisations' current
 * applications; a person's decision is never overwritten. Returns how many were classified.
 * @example const { classified, unclassified } = await runClassification(database, null, ['casterbridge']);
 */
export async function runClassification(
  database: Database,
  user: SignedInUser | null,
  organisationCodes: string[],
): Promise<{ applications: number; classified: number; unclassified: number; byUser: number }> {
  const all = await classifiedApplications(database, organisationCodes);
  const rules = all.filter((a) => a.method === 'rule');
  await database.db.transaction().execute(async (trx) => {
    const db = estateDb(trx);
    if (organisationCodes.length > 0)
      await db
        .deleteFrom('estate_application_classifications')
        .where('method', '=', 'rule')
        .where('organisation_code', 'in', organisationCodes)
        .execute();
    for (let i = 0; i < rules.length; i += 400)
      await db
        .insertInto('estate_application_classifications')
        .values(
          rules.slice(i, i + 400).map((a) => ({
            organisation_code: a.organisationCode,
            application_reference: a.reference,
            function_id: a.functionId,
            function_label: a.functionLabel,
            service_id: a.serviceId,
            service_label: a.serviceLabel,
            method: 'rule' as const,
            confidence: a.confidence,
            reason: a.reason.slice(0, 1000),
            decided_by: null,
          })),
        )
        .execute();
    await recordAudit(trx, {
      actor: user ?? undefined,
      action: 'estate.classification.run',
      subjectType: 'organisations',
      subjectId: organisationCodes.join(',').slice(0, 64),
      details: { applications: all.length, classified: rules.length },
    });
  });
  const byUser = all.filter((a) => a.method === 'user').length;
  return { applications: all.length, classified: rules.length + byUser, unclassified: all.length - rules.length - byUser, byUser };
}

/**
 * A person decides what an application is for; kept through re-imports until changed or cleared.
 * @example await overrideClassification(database, user, { organisation: 'casterbridge', reference: 'APP-1', functionId: 3, reason: 'It is the benefits system' });
 */
export async function overrideClassification(
  database: Database,
  user: SignedInUser | null,
  input: ClassificationOverride,
): Promise<ClassifiedApplication> {
  const functions = await loadFunctions(database);
  const problems: { field: string; message: string }[] = [];
  const f = functions.find((x) => x.id === input.functionId);
  if (functions.length === 0)
    throw estateError('ESTATE_REFERENCE_MISSING', 'No Function list has been imported: run joinery reference import functions FILE');
  if (!f) problems.push({ field: 'functionId', message: `${input.functionId} is not a function of the imported Function list` });
  const s = input.serviceId ? f?.services.find((x) => x.id === input.serviceId) : undefined;
  if (input.serviceId && f && !s) problems.push({ field: 'serviceId', message: `LGSL ${input.serviceId} is not a service of ${f.label}` });
  const app = (await classifiedApplications(database, [input.organisation])).find((a) => a.reference === input.reference);
  if (!app)
    problems.push({ field: 'reference', message: `${input.organisation} has no current application "${input.reference.slice(0, 60)}"` });
  if (problems.length > 0) throw estateError('ESTATE_CLASSIFICATION_INVALID', 'The classification cannot be recorded', problems);
  const values = {
    function_id: f!.id,
    function_label: f!.label,
    service_id: s?.id ?? null,
    service_label: s?.label ?? null,
    method: 'user' as const,
    confidence: 1,
    reason: input.reason?.trim() || `Decided by ${user?.username ?? 'the command line'}`,
    decided_by: user?.username ?? null,
    decided_at: new Date(),
  };
  await database.db.transaction().execute(async (trx) => {
    await estateDb(trx)
      .insertInto('estate_application_classifications')
      .values({ organisation_code: input.organisation, application_reference: input.reference, ...values })
      .onConflict((c) => c.columns(['organisation_code', 'application_reference']).doUpdateSet(values))
      .execute();
    await recordAudit(trx, {
      actor: user ?? undefined,
      organisationCode: input.organisation,
      action: 'estate.classification.overridden',
      subjectType: 'application',
      subjectId: input.reference.slice(0, 64),
      details: { functionId: f!.id, serviceId: s?.id ?? null, was: app!.functionId },
    });
  });
  return (await classifiedApplications(database, [input.organisation])).find((a) => a.reference === input.reference)!;
}

/** Removes a person's decision: the rules decide again. */
export async function clearClassification(
  database: Database,
  user: SignedInUser | null,
  organisation: string,
  reference: string,
): Promise<void> {
  await database.db.transaction().execute(async (trx) => {
    await estateDb(trx)
      .deleteFrom('estate_application_classifications')
      .where('organisation_code', '=', organisation)
      .where('application_reference', '=', reference)
      .where('method', '=', 'user')
      .execute();
    await recordAudit(trx, {
      actor: user ?? undefined,
      organisationCode: organisation,
      action: 'estate.classification.cleared',
      subjectType: 'application',
      subjectId: reference.slice(0, 64),
    });
  });
}

/** CPV 48 (software packages) and 72 (IT services): the contracts that buy software. */
export const SOFTWARE_CPV = /^(48|72)/;

/**
 * Software nobody listed: current CPV 48/72 contracts of the organisations that no current
 * application names as its contract.
 * @example (await unlistedSoftware(database, ['casterbridge'])).map((c) => c.reference)
 */
export async function unlistedSoftware(database: Database, organisationCodes: string[]): Promise<UnlistedSoftware[]> {
  if (organisationCodes.length === 0) return [];
  const db = estateDb(database.db);
  const latest = await db
    .selectFrom('estate_contract_imports')
    .select(['organisation_code', (eb) => eb.fn.max('id').as('id')])
    .where('organisation_code', 'in', organisationCodes)
    .groupBy('organisation_code')
    .execute();
  if (latest.length === 0) return [];
  const contracts = await db
    .selectFrom('estate_contracts')
    .select(['organisation_code', 'reference', 'title', 'supplier_name', 'cpv_code', 'value_gbp', 'end_date'])
    .where(
      'import_id',
      'in',
      latest.map((l) => Number(l.id)),
    )
    .where('cpv_code', 'is not', null)
    .orderBy('organisation_code')
    .orderBy('row_number')
    .execute();
  const named = new Set(
    (await currentApplications(db, organisationCodes))
      .filter((a) => a.contract_reference)
      .map((a) => `${a.organisation_code}\u0000${a.contract_reference!.trim().toLowerCase()}`),
  );
  const seen = new Set<string>();
  return contracts
    .filter((c) => SOFTWARE_CPV.test(c.cpv_code!.trim()))
    .filter((c) => !named.has(`${c.organisation_code}\u0000${c.reference.trim().toLowerCase()}`))
    .filter((c) => {
      const key = `${c.organisation_code}\u0000${c.reference}`;
      if (seen.has(key)) return false; // a register lists one contract once per supplier
      seen.add(key);
      return true;
    })
    .map((c) => ({
      organisationCode: c.organisation_code,
      reference: c.reference,
      title: c.title,
      supplierName: c.supplier_name,
      cpvCode: c.cpv_code!,
      value: c.value_gbp === null ? null : Number(c.value_gbp),
      endDate: c.end_date,
    }));
}
