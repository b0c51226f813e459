/** A reorganisation for the governance tests: Wessex Council succeeding Casterbridge and Budmouth. */
import { saveOrganisations } from '@joinery/core';
import type { TestDatabase } from '@joinery/core/testing';
import { saveReorganisation } from '../../src/reorganisations/service.ts';
import { openEstateDatabase } from '../helpers.ts';

export async function openReorganisedDatabase(): Promise<TestDatabase> {
  const database = await openEstateDatabase();
  const council = (code: string, name: string, successorCode: string | null) => ({
    code,
    name,
    type: successorCode ? ('district-council' as const) : ('unitary-authority' as const),
    successorCode,
    identifiers: [],
    partnerships: [],
  });
  await saveOrganisations(
    database,
    [
      council('wessex-council', 'Wessex Council', null),
      council('casterbridge', 'Casterbridge District Council', 'wessex-council'),
      council('budmouth', 'Budmouth Borough Council', 'wessex-council'),
    ],
    [],
  );
  await saveReorganisation(database, { code: 'wessex-lgr', name: 'Wessex LGR', successorCode: 'wessex-council', vestingDay: '2028-04-01' });
  return database;
}

export const ACTOR = { id: '00000000-0000-0000-0000-000000000001', username: 'casterbridge.admin' };
