/** SQL for the import machinery every kind shares: remembered column mappings. */
import type { ImportProblem } from '../model.ts';
import type { EstateDb } from '../store.ts';
import type { InventoryImport } from './model.ts';

export type ImportKind = 'contracts' | 'applications' | 'integrations';

export async function findRememberedMapping(
  db: EstateDb,
  organisationCode: string,
  kind: ImportKind,
  headerKey: string,
): Promise<Record<string, string> | undefined> {
  const row = await db
    .selectFrom('estate_import_mappings')
    .select(['mapping'])
    .where('organisation_code', '=', organisationCode)
    .where('kind', '=', kind)
    .where('header_key', '=', headerKey)
    .executeTakeFirst();
  return row?.mapping;
}

export async function saveRememberedMapping(
  db: EstateDb,
  entry: {
    organisationCode: string;
    kind: ImportKind;
    headerKey: string;
    headers: readonly string[];
    mapping: Record<string, string>;
    savedBy: string | null;
  },
): Promise<void> {
  await db
    .insertInto('estate_import_mappings')
    .values({
      organisation_code: entry.organisationCode,
      kind: entry.kind,
      header_key: entry.headerKey,
      headers: JSON.stringify(entry.headers),
      mapping: JSON.stringify(entry.mapping),
      saved_by: entry.savedBy,
    })
    .onConflict((oc) =>
      oc.columns(['organisation_code', 'kind', 'header_key']).doUpdateSet({
        mapping: JSON.stringify(entry.mapping),
        headers: JSON.stringify(entry.headers),
        saved_by: entry.savedBy,
        saved_at: new Date(),
      }),
    )
    .execute();
}

type InventoryKindName = 'applications' | 'integrations';

export async function findInventoryImportByHash(db: EstateDb, organisationCode: string, kind: InventoryKindName, sha256: string) {
  return db
    .selectFrom('estate_inventory_imports')
    .select(['id', 'file_name', 'imported_at'])
    .where('organisation_code', '=', organisationCode)
    .where('kind', '=', kind)
    .where('sha256', '=', sha256)
    .executeTakeFirst();
}

export async function insertInventoryImport(
  db: EstateDb,
  entry: {
    organisationCode: string;
    kind: InventoryKindName;
    fileName: string;
    sha256: string;
    rows: number;
    imported: number;
    refused: number;
    mapping: Record<string, string>;
    problems: ImportProblem[];
    importedBy: string | null;
  },
): Promise<number> {
  const row = await db
    .insertInto('estate_inventory_imports')
    .values({
      organisation_code: entry.organisationCode,
      kind: entry.kind,
      file_name: entry.fileName.slice(0, 200),
      sha256: entry.sha256,
      row_count: entry.rows,
      imported_count: entry.imported,
      refused_count: entry.refused,
      mapping: JSON.stringify(entry.mapping),
      problems: JSON.stringify(entry.problems),
      imported_by: entry.importedBy,
    })
    .returning(['id'])
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

/** Imports of a kind, newest first; one organisation's or everyone's. */
export async function selectInventoryImports(
  db: EstateDb,
  kind: InventoryKindName,
  organisationCode?: string,
  limit = 50,
): Promise<InventoryImport[]> {
  let q = db.selectFrom('estate_inventory_imports').selectAll().where('kind', '=', kind).orderBy('id', 'desc').limit(limit);
  if (organisationCode) q = q.where('organisation_code', '=', organisationCode);
  return (await q.execute()).map((r) => ({
    id: Number(r.id),
    organisationCode: r.organisation_code,
    kind: r.kind,
    fileName: r.file_name,
    sha256: r.sha256,
    rows: r.row_count,
    imported: r.imported_count,
    refused: r.refused_count,
    importedBy: r.imported_by,
    importedAt: new Date(r.imported_at).toISOString(),
  }));
}
