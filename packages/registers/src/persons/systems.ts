/**
 * Source systems: registered per organisation by its administrators, each with the mapping
 * from its own columns to the standard person shape (proposed from an extract's headers,
 * editable).
 */
import { readCsv, recordAudit, type Database, type SignedInUser } from '@joinery/core';
import { sql } from 'kysely';
import { registersError } from '../errors.ts';
import { mappingProblems, proposeMapping } from './mapping.ts';
import type { ColumnMapping, PersonSystem } from './model.ts';
import { insertSystem, listSystemRows, personsDb, updateSystem } from './store.ts';

export type Actor = Pick<SignedInUser, 'id' | 'username'> | null;

const CODE = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** @example await listSystems(database) */
export async function listSystems(database: Database): Promise<PersonSystem[]> {
  return listSystemRows(personsDb(database.db));
}

/** @example await getSystem(database, 'casterbridge/council-tax') */
export async function getSystem(database: Database, key: string): Promise<PersonSystem> {
  const [system] = await listSystemRows(personsDb(database.db), key);
  if (!system) throw registersError('REGISTERS_SYSTEM_UNKNOWN', `No source system is registered as "${key.slice(0, 120)}"`);
  return system;
}

/**
 * A mapping proposed from an extract's header row (and its first rows' values).
 * @example proposeMappingForExtract(readFileSync('council-tax.csv'), 'council-tax.csv')
 */
export function proposeMappingForExtract(bytes: Uint8Array, fileName: string): { columns: string[]; mapping: ColumnMapping } {
  const table = readCsv(bytes, fileName);
  return { columns: table.columns, mapping: proposeMapping(table.columns, table.rows.slice(0, 2000)) };
}

/**
 * @example await registerSystem(database, admin, { organisationCode: 'casterbridge', code: 'council-tax', name: 'Council tax', mapping })
 */
export async function registerSystem(
  database: Database,
  actor: Actor,
  input: { organisationCode: string; code: string; name: string; mapping: ColumnMapping },
): Promise<PersonSystem> {
  const problems = [];
  if (!CODE.test(input.code))
    problems.push({ field: 'code', message: 'A system code is lower-case letters, digits and hyphens, e.g. council-tax' });
  if (input.name.trim() === '' || input.name.length > 200)
    problems.push({ field: 'name', message: 'Enter the system’s name (up to 200 characters)' });
  if (problems.length > 0) throw registersError('REGISTERS_SYSTEM_INVALID', problems[0]!.message, problems);
  const mapping = mappingProblems(input.mapping);
  if (mapping.length > 0)
    throw registersError(
      'REGISTERS_MAPPING_INVALID',
      mapping[0]!.message,
      mapping.map((p) => ({ ...p, field: 'mapping' })),
    );
  const organisation = await sql<{ code: string }>`select code from organisations where code = ${input.organisationCode}`.execute(
    database.db,
  );
  if (organisation.rows.length === 0)
    throw registersError('REGISTERS_ORGANISATION_UNKNOWN', `No organisation has the code "${input.organisationCode.slice(0, 60)}"`);
  const key = `${input.organisationCode}/${input.code}`;
  await database.db.transaction().execute(async (trx) => {
    const db = personsDb(trx);
    if ((await listSystemRows(db, key)).length > 0)
      throw registersError(
        'REGISTERS_SYSTEM_EXISTS',
        `${input.organisationCode} already has a source system with the code "${input.code}"`,
        [{ field: 'code', message: `${input.organisationCode} already has a source system with the code "${input.code}"` }],
      );
    await insertSystem(db, { ...input, name: input.name.trim(), createdBy: actor?.username ?? null });
    await recordAudit(trx, {
      actor,
      organisationCode: input.organisationCode,
      action: 'person-system.register',
      subjectType: 'person-system',
      subjectId: key,
      details: { name: input.name, mapping: input.mapping },
    });
  });
  return getSystem(database, key);
}

/** @example await changeSystem(database, admin, 'casterbridge/council-tax', { mapping }) */
export async function changeSystem(
  database: Database,
  actor: Actor,
  key: string,
  change: { name?: string; mapping?: ColumnMapping },
): Promise<PersonSystem> {
  const system = await getSystem(database, key);
  if (change.mapping) {
    const problems = mappingProblems(change.mapping);
    if (problems.length > 0)
      throw registersError(
        'REGISTERS_MAPPING_INVALID',
        problems[0]!.message,
        problems.map((p) => ({ ...p, field: 'mapping' })),
      );
  }
  await database.db.transaction().execute(async (trx) => {
    await updateSystem(personsDb(trx), key, change);
    await recordAudit(trx, {
      actor,
      organisationCode: system.organisationCode,
      action: 'person-system.change',
      subjectType: 'person-system',
      subjectId: key,
      details: { before: { name: system.name, mapping: system.mapping }, after: change },
    });
  });
  return getSystem(database, key);
}
