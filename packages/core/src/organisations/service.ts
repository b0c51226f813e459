/** The rules for organisations: identifiers are checked, codes must exist, successors must be known. */
import { checkIdentifier, type IdentifierKind } from '../identifiers/index.ts';
import { coreError, Problems } from '../errors.ts';
import type { Database } from '../db/database.ts';
import type { Organisation, Partnership } from './model.ts';
import { countOrganisations, selectOrganisations, selectPartnerships, upsertOrganisations, upsertPartnerships } from './store.ts';

const CHECKED_KINDS = new Set<string>(['gss', 'ods', 'companies-house', 'charity', 'uprn']);

/** Validates identifiers (normalising them) and references; throws every problem at once. */
export function validateOrganisations(
  organisations: Organisation[],
  partnerships: Partnership[] = [],
  known: string[] = [],
): Organisation[] {
  const problems = new Problems();
  const codes = new Set([...known, ...organisations.map((o) => o.code)]);
  const normalised = organisations.map((organisation, index) => ({
    ...organisation,
    identifiers: organisation.identifiers.map((identifier) => {
      if (!CHECKED_KINDS.has(identifier.kind)) return identifier;
      const checked = checkIdentifier(identifier.kind as IdentifierKind, identifier.value);
      if (checked.ok) return { ...identifier, value: checked.value };
      problems.add({ row: index + 1, field: identifier.kind, message: `${organisation.code}: ${checked.message}` });
      return identifier;
    }),
  }));
  for (const [index, organisation] of normalised.entries()) {
    if (organisation.successorCode && !codes.has(organisation.successorCode)) {
      problems.add({
        row: index + 1,
        field: 'successorCode',
        message: `${organisation.code}: successor "${organisation.successorCode}" is not a known organisation`,
      });
    }
  }
  for (const partnership of partnerships) {
    for (const member of partnership.members) {
      if (!codes.has(member))
        problems.add({ field: 'members', message: `${partnership.code}: member "${member}" is not a known organisation` });
    }
  }
  problems.throwIfAny('Some organisations are not valid');
  return normalised;
}

/**
 * Adds or updates organisations and partnerships in one transaction.
 * @example await saveOrganisations(database, [{ code: 'casterbridge', name: 'Casterbridge District Council', type: 'district-council', successorCode: null, identifiers: [], partnerships: [] }]);
 */
export async function saveOrganisations(
  database: Database,
  organisations: Organisation[],
  partnerships: Partnership[] = [],
): Promise<void> {
  const known = (await selectOrganisations(database.db)).map((o) => o.code);
  const valid = validateOrganisations(organisations, partnerships, known);
  await database.db.transaction().execute(async (trx) => {
    await upsertOrganisations(trx, valid);
    await upsertPartnerships(trx, partnerships);
  });
}

export async function listOrganisations(database: Database): Promise<Organisation[]> {
  return selectOrganisations(database.db);
}

export async function listPartnerships(database: Database): Promise<Partnership[]> {
  return selectPartnerships(database.db);
}

export async function getOrganisation(database: Database, code: string): Promise<Organisation> {
  const found = (await selectOrganisations(database.db)).find((o) => o.code === code);
  if (!found) throw coreError('CORE_NOT_FOUND', `There is no organisation with the code "${code}"`);
  return found;
}

/** How many organisations there are (0 on a fresh install). */
export async function countAllOrganisations(database: Database): Promise<number> {
  return countOrganisations(database.db);
}
