/** SQL for applications: batches in, an organisation's current ones out. */
import type { ReadRow } from '../inventory/read-rows.ts';
import type { EstateDb } from '../store.ts';
import type { Application, ApplicationValues } from './model.ts';

// 19 columns a row: 500 rows stay well inside PostgreSQL's 65,535 bind parameters.
const BATCH = 500;

export async function insertApplications(
  db: EstateDb,
  importId: number,
  organisationCode: string,
  rows: readonly ReadRow<ApplicationValues>[],
) {
  for (let start = 0; start < rows.length; start += BATCH) {
    const values = rows.slice(start, start + BATCH).map(({ row, values: a, source }) => ({
      import_id: importId,
      organisation_code: organisationCode,
      row_number: row,
      reference: a.reference,
      name: a.name,
      product: a.product,
      supplier_name: a.supplierName,
      supplier_company_number: a.supplierCompanyNumber,
      version: a.version,
      hosting: a.hosting,
      capability: a.capability,
      business_owner: a.businessOwner,
      user_count: a.userCount,
      data_held: a.dataHeld,
      annual_cost_gbp: a.annualCost,
      licence_model: a.licenceModel,
      end_of_support: a.endOfSupport,
      contract_reference: a.contractReference,
      source_row: JSON.stringify(source),
    }));
    await db.insertInto('estate_applications').values(values).execute();
  }
}

export async function latestInventoryImportId(db: EstateDb, organisationCode: string, kind: 'applications' | 'integrations') {
  const row = await db
    .selectFrom('estate_inventory_imports')
    .select('id')
    .where('organisation_code', '=', organisationCode)
    .where('kind', '=', kind)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? Number(row.id) : undefined;
}

/** An organisation's current applications: those of its latest applications import, in file order. */
export async function selectCurrentApplications(db: EstateDb, organisationCode: string): Promise<Application[]> {
  const latest = await latestInventoryImportId(db, organisationCode, 'applications');
  if (latest === undefined) return [];
  const rows = await db.selectFrom('estate_applications').selectAll().where('import_id', '=', latest).orderBy('row_number').execute();
  return rows.map((r) => ({
    id: Number(r.id),
    organisationCode: r.organisation_code,
    importId: Number(r.import_id),
    row: r.row_number,
    reference: r.reference,
    name: r.name,
    product: r.product,
    supplierName: r.supplier_name,
    supplierCompanyNumber: r.supplier_company_number,
    version: r.version,
    hosting: r.hosting,
    capability: r.capability,
    businessOwner: r.business_owner,
    userCount: r.user_count,
    dataHeld: r.data_held,
    annualCost: r.annual_cost_gbp === null ? null : Number(r.annual_cost_gbp),
    licenceModel: r.licence_model,
    endOfSupport: r.end_of_support,
    contractReference: r.contract_reference,
  }));
}
