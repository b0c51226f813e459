/**
 * The reorganisation an estate is planned against: a successor council, its predecessors (the
 * organisations whose successor_code names it, in core) and vesting day. Contract deadlines,
 * duplicates and the convergence plan are all measured from it.
 */
import type { Database } from '@joinery/core';
import { estateError } from '../errors.ts';
import { estateDb } from '../store.ts';

export interface Reorganisation {
  code: string;
  name: string;
  successorCode: string;
  vestingDay: string;
  /** Organisation codes of the councils the successor replaces, sorted. */
  predecessorCodes: string[];
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Records (or updates) a reorganisation. The successor and its predecessors must already be
 * organisations; the predecessors are those whose successor_code names the successor.
 * @example await saveReorganisation(database, { code: 'wessex-lgr', name: 'Wessex LGR', successorCode: 'wessex-council', vestingDay: '2028-04-01' });
 */
export async function saveReorganisation(
  database: Database,
  input: { code: string; name: string; successorCode: string; vestingDay: string },
): Promise<Reorganisation> {
  if (!DAY.test(input.vestingDay) || Number.isNaN(Date.parse(input.vestingDay)))
    throw estateError('ESTATE_REORGANISATION_INVALID', `Vesting day "${input.vestingDay.slice(0, 40)}" is not a date (YYYY-MM-DD)`, [
      { field: 'vestingDay', message: 'Give vesting day as YYYY-MM-DD' },
    ]);
  const db = estateDb(database.db);
  await db
    .insertInto('estate_reorganisations')
    .values({ code: input.code, name: input.name, successor_code: input.successorCode, vesting_day: input.vestingDay })
    .onConflict((c) =>
      c.column('code').doUpdateSet({ name: input.name, successor_code: input.successorCode, vesting_day: input.vestingDay }),
    )
    .execute();
  return (await findReorganisation(database, input.code))!;
}

/** @example const lgr = await findReorganisation(database, 'wessex-lgr'); lgr?.predecessorCodes */
export async function findReorganisation(database: Database, code: string): Promise<Reorganisation | undefined> {
  const db = estateDb(database.db);
  const row = await db.selectFrom('estate_reorganisations').selectAll().where('code', '=', code).executeTakeFirst();
  if (!row) return undefined;
  return { ...toReorganisation(row), predecessorCodes: await predecessorsOf(database, row.successor_code) };
}

/**
 * The reorganisation an organisation takes part in, as successor or predecessor.
 * @example (await reorganisationOf(database, 'casterbridge'))?.vestingDay // '2028-04-01'
 */
export async function reorganisationOf(database: Database, organisationCode: string): Promise<Reorganisation | undefined> {
  const all = await listReorganisations(database);
  return all.find((r) => r.successorCode === organisationCode || r.predecessorCodes.includes(organisationCode));
}

/** @example (await listReorganisations(database)).map((r) => r.code) */
export async function listReorganisations(database: Database): Promise<Reorganisation[]> {
  const db = estateDb(database.db);
  const rows = await db.selectFrom('estate_reorganisations').selectAll().orderBy('code').execute();
  return Promise.all(
    rows.map(async (row) => ({ ...toReorganisation(row), predecessorCodes: await predecessorsOf(database, row.successor_code) })),
  );
}

function toReorganisation(row: { code: string; name: string; successor_code: string; vesting_day: string }) {
  return { code: row.code, name: row.name, successorCode: row.successor_code, vestingDay: row.vesting_day };
}

async function predecessorsOf(database: Database, successorCode: string): Promise<string[]> {
  const rows = await database.db
    .selectFrom('organisations')
    .select('code')
    .where('successor_code', '=', successorCode)
    .orderBy('code')
    .execute();
  return rows.map((r) => r.code);
}
