/**
 * What every import shares, whatever it lists: the file's SHA-256 (the same file twice changes
 * nothing), which mapping to use (the user's, one remembered for files with these headers, or
 * what the headers suggest), and refusing a file with bad rows whole (audited, every problem in
 * the error's details).
 */
import { createHash } from 'node:crypto';
import { getOrganisation, JoineryError, recordAudit, type Database, type SignedInUser } from '@joinery/core';
import { estateError } from '../errors.ts';
import type { ImportProblem } from '../model.ts';
import type { EstateDb } from '../store.ts';
import { headerKey } from './columns.ts';
import { summariseProblems } from './read-rows.ts';
import { findRememberedMapping, saveRememberedMapping, type ImportKind } from './store.ts';

export type Actor = Pick<SignedInUser, 'id' | 'username'> | null;

/** Where the mapping an import used came from. */
export type MappingSource = 'explicit' | 'remembered' | 'headers';

export function sha256Of(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export async function requireOrganisation(database: Database, code: string): Promise<{ code: string; name: string }> {
  try {
    return await getOrganisation(database, code);
  } catch (error) {
    if (error instanceof JoineryError && error.code === 'CORE_NOT_FOUND')
      throw estateError('ESTATE_ORGANISATION_UNKNOWN', `There is no organisation with the code "${code.slice(0, 64)}"`);
    throw error;
  }
}

/** The 409 for a file already imported: nothing is changed. */
export function alreadyImported(
  fileName: string,
  organisationCode: string,
  before: { id: number | string; file_name: string; imported_at: Date | string },
): JoineryError {
  return estateError(
    'ESTATE_IMPORT_ALREADY_DONE',
    `${fileName} was already imported for ${organisationCode} (as ${before.file_name}, import ${before.id}, ${new Date(before.imported_at).toISOString()}): nothing was changed`,
  );
}

/**
 * The mapping to hand to the resolver: the user's own, else one remembered for a file with these
 * headers, else none (the headers decide).
 */
export async function chooseMapping(
  db: EstateDb,
  organisationCode: string,
  kind: ImportKind,
  columns: readonly string[],
  explicit: Record<string, string> | undefined,
): Promise<{ mapping: Record<string, string> | undefined; source: MappingSource; headerKey: string }> {
  const key = headerKey(columns);
  if (explicit && Object.keys(explicit).length > 0) return { mapping: explicit, source: 'explicit', headerKey: key };
  const remembered = await findRememberedMapping(db, organisationCode, kind, key);
  const present = new Set(columns);
  if (remembered && Object.values(remembered).every((c) => present.has(c)))
    return { mapping: remembered, source: 'remembered', headerKey: key };
  return { mapping: undefined, source: 'headers', headerKey: key };
}

/**
 * Keeps the mapping an import used for the next file with the same headers, when the user gave
 * or confirmed it (inside the import's transaction).
 */
export async function rememberMapping(
  db: EstateDb,
  entry: {
    organisationCode: string;
    kind: ImportKind;
    headerKey: string;
    headers: readonly string[];
    mapping: Record<string, string>;
    actor: Actor;
  },
): Promise<void> {
  await saveRememberedMapping(db, { ...entry, savedBy: entry.actor?.username ?? null });
}

/** Audits the refusal of a file with bad rows and throws, every problem in the details. */
export async function refuseInvalid(
  database: Database,
  actor: Actor,
  entry: {
    organisationCode: string;
    action: string;
    subjectType: string;
    fileName: string;
    sha256: string;
    rows: number;
    refusedRows: number;
    problems: ImportProblem[];
  },
): Promise<never> {
  await recordAudit(database.db, {
    actor,
    organisationCode: entry.organisationCode,
    action: entry.action,
    subjectType: entry.subjectType,
    subjectId: entry.fileName,
    outcome: 'refused',
    details: { sha256: entry.sha256, rows: entry.rows, refusedRows: entry.refusedRows, problems: entry.problems.length },
  });
  throw estateError(
    'ESTATE_IMPORT_INVALID',
    `${entry.fileName}: ${entry.refusedRows} of ${entry.rows} rows have problems, so nothing was imported (${summariseProblems(entry.problems)}). Fix them, or import the valid rows only (keepValid).`,
    entry.problems.map((p) => ({ ...p, file: entry.fileName })),
  );
}
