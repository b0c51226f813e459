/**
 * SQL for the estate: the only file that writes SQL. Contracts go in batches (PGlite is
 * slow row by row, fast with multi-row VALUES).
 */
import type { Database } from '@joinery/core';
import type { Kysely } from 'kysely';
import type { ContractRow } from './contracts/read-register.ts';
import type { Contract, ContractImport, ContractMapping, ImportProblem } from './model.ts';
import type { EstateTables } from './tables.ts';

export type EstateDb = Kysely<EstateTables>;

/** The estate's tables on a database handle or inside a transaction. */
export function estateDb(db: Database['db']): EstateDb {
  return db.withTables<EstateTables>() as unknown as EstateDb;
}

// 27 columns a row: 400 rows stay well inside PostgreSQL's 65,535 bind parameters.
const BATCH = 400;

export async function findImportByHash(db: EstateDb, organisationCode: string, sha256: string) {
  return db
    .selectFrom('estate_contract_imports')
    .select(['id', 'file_name', 'imported_at'])
    .where('organisation_code', '=', organisationCode)
    .where('sha256', '=', sha256)
    .executeTakeFirst();
}

export async function insertImport(
  db: EstateDb,
  entry: {
    organisationCode: string;
    fileName: string;
    sha256: string;
    rows: number;
    imported: number;
    refused: number;
    mapping: ContractMapping;
    problems: ImportProblem[];
    importedBy: string | null;
  },
): Promise<{ id: number; importedAt: Date }> {
  const row = await db
    .insertInto('estate_contract_imports')
    .values({
      organisation_code: entry.organisationCode,
      file_name: entry.fileName,
      sha256: entry.sha256,
      row_count: entry.rows,
      imported_count: entry.imported,
      refused_count: entry.refused,
      mapping: JSON.stringify(entry.mapping),
      problems: JSON.stringify(entry.problems),
      imported_by: entry.importedBy,
    })
    .returning(['id', 'imported_at'])
    .executeTakeFirstOrThrow();
  return { id: Number(row.id), importedAt: row.imported_at };
}

export async function insertContracts(db: EstateDb, importId: number, organisationCode: string, contracts: readonly ContractRow[]) {
  for (let start = 0; start < contracts.length; start += BATCH) {
    const values = contracts.slice(start, start + BATCH).map(({ row, values: c, source }) => ({
      import_id: importId,
      organisation_code: organisationCode,
      row_number: row,
      reference: c.reference,
      title: c.title,
      description: c.description,
      supplier_name: c.supplierName,
      supplier_company_number: c.supplierCompanyNumber,
      supplier_charity_number: c.supplierCharityNumber,
      supplier_society_number: c.supplierSocietyNumber,
      value_gbp: c.value,
      start_date: c.startDate,
      end_date: c.endDate,
      review_date: c.reviewDate,
      procurement_route: c.procurementRoute,
      is_sme_supplier: c.isSmeSupplier,
      is_vcse_supplier: c.isVcseSupplier,
      department: c.department,
      cpv_code: c.cpvCode,
      notice_period: c.noticePeriod,
      notice_served_date: c.noticeServedDate,
      break_dates: JSON.stringify(c.breakDates),
      termination_cost_gbp: c.terminationCost,
      is_auto_renewing: c.isAutoRenewing,
      is_novation_required: c.isNovationRequired,
      has_change_of_control_clause: c.hasChangeOfControlClause,
      source_row: JSON.stringify(source),
    }));
    await db.insertInto('estate_contracts').values(values).execute();
  }
}

const money = (value: string | null) => (value === null ? null : Number(value));

/** An organisation's current contracts: those of its latest import, in file order. */
export async function selectCurrentContracts(db: EstateDb, organisationCode: string): Promise<Contract[]> {
  const latest = await latestImportRow(db, organisationCode);
  if (!latest) return [];
  const rows = await db.selectFrom('estate_contracts').selectAll().where('import_id', '=', latest.id).orderBy('row_number').execute();
  return rows.map((r) => ({
    id: Number(r.id),
    organisationCode: r.organisation_code,
    importId: Number(r.import_id),
    row: r.row_number,
    reference: r.reference,
    title: r.title,
    description: r.description,
    supplierName: r.supplier_name,
    supplierCompanyNumber: r.supplier_company_number,
    supplierCharityNumber: r.supplier_charity_number,
    supplierSocietyNumber: r.supplier_society_number,
    value: money(r.value_gbp),
    startDate: r.start_date,
    endDate: r.end_date,
    reviewDate: r.review_date,
    procurementRoute: r.procurement_route,
    isSmeSupplier: r.is_sme_supplier,
    isVcseSupplier: r.is_vcse_supplier,
    department: r.department,
    cpvCode: r.cpv_code,
    noticePeriod: r.notice_period,
    noticeServedDate: r.notice_served_date,
    breakDates: r.break_dates,
    terminationCost: money(r.termination_cost_gbp),
    isAutoRenewing: r.is_auto_renewing,
    isNovationRequired: r.is_novation_required,
    hasChangeOfControlClause: r.has_change_of_control_clause,
  }));
}

async function latestImportRow(db: EstateDb, organisationCode: string) {
  return db
    .selectFrom('estate_contract_imports')
    .selectAll()
    .where('organisation_code', '=', organisationCode)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** Imports, newest first; one organisation's or everyone's. */
export async function selectImports(db: EstateDb, organisationCode?: string, limit = 50): Promise<ContractImport[]> {
  let q = db.selectFrom('estate_contract_imports').selectAll().orderBy('id', 'desc').limit(limit);
  if (organisationCode) q = q.where('organisation_code', '=', organisationCode);
  return (await q.execute()).map((r) => ({
    id: Number(r.id),
    organisationCode: r.organisation_code,
    fileName: r.file_name,
    sha256: r.sha256,
    rows: r.row_count,
    imported: r.imported_count,
    refused: r.refused_count,
    importedBy: r.imported_by,
    importedAt: new Date(r.imported_at).toISOString(),
  }));
}

export async function latestImport(db: EstateDb, organisationCode: string): Promise<ContractImport | undefined> {
  return (await selectImports(db, organisationCode, 1))[0];
}
