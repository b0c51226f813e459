/**
 * The decision-rights matrix's rules: every save is a new version (author, time, change note),
 * any version can be read, the latest is compared with the one before, and one version at a
 * time is published (the public page shows it). Writes are audited; only store.ts writes SQL.
 */
import { recordAudit, type Database, type SignedInUser } from '@joinery/core';
import { estateError } from '../errors.ts';
import { estateDb } from '../store.ts';
import { requireReorganisation } from './access.ts';
import { diffMatrices, matrixProblems } from './matrix.ts';
import type { DecisionMatrix, DecisionRightsVersion, MatrixDiff } from './model.ts';
import { insertVersion, markPublished, selectVersion, selectVersions } from './store.ts';

type Actor = Pick<SignedInUser, 'id' | 'username'> | null;

/** Tidies what a person typed: trimmed names and notes, blank notes dropped. */
function tidy(matrix: DecisionMatrix): DecisionMatrix {
  return {
    bodies: matrix.bodies.map((b) => ({ key: b.key.trim(), name: b.name.trim() })),
    cells: matrix.cells.map((c) => {
      const note = c.note?.trim();
      return note ? { domain: c.domain, body: c.body.trim(), code: c.code, note } : { domain: c.domain, body: c.body.trim(), code: c.code };
    }),
  };
}

/**
 * Saves the matrix as a new version. Refuses (changing nothing) a matrix with any problem.
 * @example const v = await saveDecisionRights(database, user, 'wessex-lgr', { matrix, changeNote: 'Design authority added' });
 */
export async function saveDecisionRights(
  database: Database,
  actor: Actor,
  code: string,
  input: { matrix: DecisionMatrix; changeNote: string },
): Promise<DecisionRightsVersion> {
  const reorganisation = await requireReorganisation(database, code);
  const matrix = tidy(input.matrix);
  const changeNote = input.changeNote.trim();
  const problems = matrixProblems(matrix);
  if (changeNote === '') problems.push({ field: 'changeNote', message: 'Say what changed (the change note)' });
  if (changeNote.length > 500) problems.push({ field: 'changeNote', message: 'Keep the change note to 500 characters' });
  if (problems.length > 0)
    throw estateError(
      'ESTATE_DECISION_RIGHTS_INVALID',
      `The matrix cannot be saved: ${problems.map((p) => p.message).join('; ')}`,
      problems,
    );
  const version = await database.db.transaction().execute(async (trx) => {
    const saved = await insertVersion(estateDb(trx), { code: reorganisation.code, matrix, changeNote, savedBy: actor?.username ?? null });
    await recordAudit(trx, {
      actor,
      organisationCode: reorganisation.successorCode,
      action: 'estate.decision-rights-save',
      subjectType: 'reorganisation',
      subjectId: reorganisation.code,
      details: { version: saved, changeNote },
    });
    return saved;
  });
  return (await selectVersion(estateDb(database.db), reorganisation.code, version))!;
}

/** Every version, newest first (the first is the current matrix). */
export async function listDecisionRightsVersions(database: Database, code: string): Promise<DecisionRightsVersion[]> {
  return selectVersions(estateDb(database.db), (await requireReorganisation(database, code)).code);
}

/** One version; refused with ESTATE_DECISION_RIGHTS_VERSION_UNKNOWN if there is no such version. */
export async function getDecisionRightsVersion(database: Database, code: string, version: number): Promise<DecisionRightsVersion> {
  const found = await selectVersion(estateDb(database.db), (await requireReorganisation(database, code)).code, version);
  if (!found) throw estateError('ESTATE_DECISION_RIGHTS_VERSION_UNKNOWN', `${code.slice(0, 64)} has no version ${version} of its matrix`);
  return found;
}

/** The current (latest) and the published matrix (either may be missing). */
export async function getDecisionRights(
  database: Database,
  code: string,
): Promise<{ current: DecisionRightsVersion | null; published: DecisionRightsVersion | null; versions: DecisionRightsVersion[] }> {
  const versions = await listDecisionRightsVersions(database, code);
  return { current: versions[0] ?? null, published: versions.find((v) => v.isPublished) ?? null, versions };
}

/**
 * What changed between two versions; by default the latest against the one before (null when
 * there are fewer than two versions).
 */
export async function diffDecisionRights(database: Database, code: string, from?: number, to?: number): Promise<MatrixDiff | null> {
  const versions = await listDecisionRightsVersions(database, code);
  const toVersion = to === undefined ? versions[0] : versions.find((v) => v.version === to);
  const fromVersion =
    from === undefined ? versions.find((v) => v.version === (toVersion?.version ?? 0) - 1) : versions.find((v) => v.version === from);
  if (to !== undefined && !toVersion)
    throw estateError('ESTATE_DECISION_RIGHTS_VERSION_UNKNOWN', `${code.slice(0, 64)} has no version ${to}`);
  if (from !== undefined && !fromVersion)
    throw estateError('ESTATE_DECISION_RIGHTS_VERSION_UNKNOWN', `${code.slice(0, 64)} has no version ${from}`);
  if (!toVersion || !fromVersion) return null;
  return diffMatrices(fromVersion.matrix, toVersion.matrix, fromVersion.version, toVersion.version);
}

/** Publishes a version: it becomes the one the public page shows. Audited. */
export async function publishDecisionRights(
  database: Database,
  actor: Actor,
  code: string,
  version: number,
): Promise<DecisionRightsVersion> {
  const reorganisation = await requireReorganisation(database, code);
  await database.db.transaction().execute(async (trx) => {
    if (!(await markPublished(estateDb(trx), reorganisation.code, version, actor?.username ?? null)))
      throw estateError(
        'ESTATE_DECISION_RIGHTS_VERSION_UNKNOWN',
        `${reorganisation.code} has no version ${version} of its matrix to publish`,
      );
    await recordAudit(trx, {
      actor,
      organisationCode: reorganisation.successorCode,
      action: 'estate.decision-rights-publish',
      subjectType: 'reorganisation',
      subjectId: reorganisation.code,
      details: { version },
    });
  });
  return (await selectVersion(estateDb(database.db), reorganisation.code, version))!;
}

/** The published matrix, for the public page; ESTATE_DECISION_RIGHTS_UNPUBLISHED if none is. */
export async function publishedDecisionRights(database: Database, code: string): Promise<DecisionRightsVersion> {
  const { published } = await getDecisionRights(database, code);
  if (!published)
    throw estateError('ESTATE_DECISION_RIGHTS_UNPUBLISHED', `${code.slice(0, 64)} has not published its decision-rights matrix`);
  return published;
}
