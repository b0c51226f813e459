/** SQL for the reference lists: versions (imports) and their rows, in batches. */
import type { EstateDb } from '../store.ts';
import type { ReferenceImport, ReferenceList, ReferenceProblem } from './model.ts';
import type { CouncilRow, ReadList } from './read-lists.ts';

const BATCH = 500;

async function inBatches<T>(rows: T[], write: (batch: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) await write(rows.slice(i, i + BATCH));
}

export async function currentImport(db: EstateDb, list: ReferenceList, format?: string) {
  let query = db.selectFrom('estate_reference_imports').selectAll().where('list', '=', list).where('is_current', '=', true);
  if (format) query = query.where('format', '=', format);
  return query.orderBy('id', 'desc').executeTakeFirst();
}

/** The current import ids of a list (councils may have one per register). */
export async function currentImportIds(db: EstateDb, list: ReferenceList, format?: string): Promise<number[]> {
  let query = db.selectFrom('estate_reference_imports').select('id').where('list', '=', list).where('is_current', '=', true);
  if (format) query = query.where('format', '=', format);
  return (await query.execute()).map((r) => Number(r.id));
}

/** Records a new version, makes it current and replaces the old version's rows. */
export async function insertVersion(
  db: EstateDb,
  entry: {
    read: ReadList;
    fileName: string;
    sha256: string;
    rows: number;
    imported: number;
    problems: ReferenceProblem[];
    importedBy: string | null;
  },
): Promise<number> {
  const { read } = entry;
  const old = await currentImportIds(db, read.list, read.format);
  if (old.length > 0) {
    await db.updateTable('estate_reference_imports').set({ is_current: false }).where('id', 'in', old).execute();
    const table = TABLE_OF[read.list];
    await db.deleteFrom(table).where('import_id', 'in', old).execute();
  }
  const row = await db
    .insertInto('estate_reference_imports')
    .values({
      list: read.list,
      format: read.format,
      file_name: entry.fileName,
      sha256: entry.sha256,
      row_count: entry.rows,
      imported_count: entry.imported,
      refused_count: entry.rows - entry.imported,
      problems: JSON.stringify(entry.problems),
      is_current: true,
      imported_by: entry.importedBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const importId = Number(row.id);
  switch (read.list) {
    case 'lgsl':
      await inBatches(read.rows, (b) =>
        db
          .insertInto('estate_reference_services')
          .values(b.map((r) => ({ import_id: importId, identifier: r.identifier, label: r.label, description: r.description })))
          .execute(),
      );
      break;
    case 'functions':
      await inBatches(read.rows, (b) =>
        db
          .insertInto('estate_reference_functions')
          .values(
            b.map((r) => ({
              import_id: importId,
              identifier: r.identifier,
              label: r.label,
              description: r.description,
              parent_identifier: r.parentIdentifier,
              parent_label: r.parentLabel,
            })),
          )
          .execute(),
      );
      break;
    case 'function-services':
      await inBatches(read.rows, (b) =>
        db
          .insertInto('estate_reference_function_services')
          .values(
            b.map((r) => ({ import_id: importId, function_id: r.functionId, service_id: r.serviceId, service_label: r.serviceLabel })),
          )
          .execute(),
      );
      break;
    case 'councils':
      await inBatches(read.rows, (b) =>
        db
          .insertInto('estate_reference_councils')
          .values(
            b.map((r) => ({
              import_id: importId,
              code: r.code,
              name: r.name,
              short_name: r.shortName,
              gss_code: r.gssCode,
              local_authority_code: r.localAuthorityCode,
              tier: r.tier,
              parent_code: r.parentCode,
              start_date: r.startDate,
              end_date: r.endDate,
              replaced_by: JSON.stringify(r.replacedBy),
            })),
          )
          .execute(),
      );
      break;
    case 'lgsl-tiers':
      await inBatches(read.rows, (b) =>
        db
          .insertInto('estate_reference_service_tiers')
          .values(
            b.map((r) => ({ import_id: importId, service_id: r.serviceId, description: r.description, providing_tier: r.providingTier })),
          )
          .execute(),
      );
      break;
  }
  return importId;
}

const TABLE_OF = {
  lgsl: 'estate_reference_services',
  functions: 'estate_reference_functions',
  'function-services': 'estate_reference_function_services',
  councils: 'estate_reference_councils',
  'lgsl-tiers': 'estate_reference_service_tiers',
} as const;

export async function selectImports(db: EstateDb): Promise<ReferenceImport[]> {
  const rows = await db.selectFrom('estate_reference_imports').selectAll().orderBy('list').orderBy('id', 'desc').execute();
  return rows.map((r) => ({
    id: Number(r.id),
    list: r.list as ReferenceList,
    format: r.format,
    fileName: r.file_name,
    sha256: r.sha256,
    rows: r.row_count,
    imported: r.imported_count,
    refused: r.refused_count,
    isCurrent: r.is_current,
    importedBy: r.imported_by,
    importedAt: r.imported_at.toISOString(),
  }));
}

export type CouncilRecord = CouncilRow & { register: string };

/** The councils of the current register: mySociety's if imported (it has replaced-by links), else GOV.UK's. */
export async function selectCouncils(db: EstateDb): Promise<CouncilRecord[]> {
  const imports = await db
    .selectFrom('estate_reference_imports')
    .select(['id', 'format'])
    .where('list', '=', 'councils')
    .where('is_current', '=', true)
    .execute();
  const chosen = imports.find((i) => i.format === 'mysociety') ?? imports[0];
  if (!chosen) return [];
  const rows = await db.selectFrom('estate_reference_councils').selectAll().where('import_id', '=', chosen.id).orderBy('name').execute();
  return rows.map((r) => ({
    register: chosen.format,
    code: r.code,
    name: r.name,
    shortName: r.short_name,
    gssCode: r.gss_code,
    localAuthorityCode: r.local_authority_code,
    tier: r.tier as CouncilRow['tier'],
    parentCode: r.parent_code,
    startDate: r.start_date,
    endDate: r.end_date,
    replacedBy: (typeof r.replaced_by === 'string' ? JSON.parse(r.replaced_by) : r.replaced_by) as string[],
  }));
}
