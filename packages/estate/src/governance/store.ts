/** SQL for the decision-rights matrix's versions. */
import type { EstateDb } from '../store.ts';
import type { DecisionMatrix, DecisionRightsVersion } from './model.ts';

type Row = {
  reorganisation_code: string;
  version: number;
  matrix: unknown;
  change_note: string;
  saved_by: string | null;
  saved_at: Date;
  published_at: Date | null;
  published_by: string | null;
};

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

function toVersion(row: Row, publishedVersion: number | undefined): DecisionRightsVersion {
  return {
    reorganisationCode: row.reorganisation_code,
    version: row.version,
    matrix: row.matrix as DecisionMatrix,
    changeNote: row.change_note,
    savedBy: row.saved_by,
    savedAt: iso(row.saved_at)!,
    publishedAt: iso(row.published_at),
    publishedBy: row.published_by,
    isPublished: row.version === publishedVersion,
  };
}

/** The version published most recently, if any. */
export async function selectPublishedVersionNumber(db: EstateDb, code: string): Promise<number | undefined> {
  const row = await db
    .selectFrom('estate_decision_rights_versions')
    .select('version')
    .where('reorganisation_code', '=', code)
    .where('published_at', 'is not', null)
    .orderBy('published_at', 'desc')
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.version;
}

/** Every version, newest first. */
export async function selectVersions(db: EstateDb, code: string): Promise<DecisionRightsVersion[]> {
  const published = await selectPublishedVersionNumber(db, code);
  const rows = await db
    .selectFrom('estate_decision_rights_versions')
    .selectAll()
    .where('reorganisation_code', '=', code)
    .orderBy('version', 'desc')
    .execute();
  return rows.map((r) => toVersion(r as Row, published));
}

export async function selectVersion(db: EstateDb, code: string, version: number): Promise<DecisionRightsVersion | undefined> {
  const row = await db
    .selectFrom('estate_decision_rights_versions')
    .selectAll()
    .where('reorganisation_code', '=', code)
    .where('version', '=', version)
    .executeTakeFirst();
  return row && toVersion(row as Row, await selectPublishedVersionNumber(db, code));
}

export async function insertVersion(
  db: EstateDb,
  entry: { code: string; matrix: DecisionMatrix; changeNote: string; savedBy: string | null },
): Promise<number> {
  const latest = await db
    .selectFrom('estate_decision_rights_versions')
    .select((eb) => eb.fn.max('version').as('version'))
    .where('reorganisation_code', '=', entry.code)
    .executeTakeFirst();
  const version = Number(latest?.version ?? 0) + 1;
  await db
    .insertInto('estate_decision_rights_versions')
    .values({
      reorganisation_code: entry.code,
      version,
      matrix: JSON.stringify(entry.matrix),
      change_note: entry.changeNote,
      saved_by: entry.savedBy,
    })
    .execute();
  return version;
}

export async function markPublished(db: EstateDb, code: string, version: number, publishedBy: string | null): Promise<boolean> {
  const result = await db
    .updateTable('estate_decision_rights_versions')
    .set({ published_at: new Date(), published_by: publishedBy })
    .where('reorganisation_code', '=', code)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
