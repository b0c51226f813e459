import { saveOrganisations } from '@joinery/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findReorganisation, reorganisationOf, saveReorganisation } from '../../src/reorganisations/service.ts';
import { openEstateDatabase } from '../helpers.ts';
import type { TestDatabase } from '@joinery/core/testing';

describe('reorganisations', () => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await openEstateDatabase();
    await saveOrganisations(
      database,
      [
        {
          code: 'wessex-council',
          name: 'Wessex Council',
          type: 'unitary-authority',
          successorCode: null,
          identifiers: [],
          partnerships: [],
        },
        {
          code: 'casterbridge',
          name: 'Casterbridge District Council',
          type: 'district-council',
          successorCode: 'wessex-council',
          identifiers: [],
          partnerships: [],
        },
      ],
      [],
    );
  });
  afterEach(() => database.close());

  it('finds the predecessors from their successor and is found from either side', async () => {
    const saved = await saveReorganisation(database, {
      code: 'wessex-lgr',
      name: 'Wessex LGR',
      successorCode: 'wessex-council',
      vestingDay: '2028-04-01',
    });
    expect(saved).toEqual({
      code: 'wessex-lgr',
      name: 'Wessex LGR',
      successorCode: 'wessex-council',
      vestingDay: '2028-04-01',
      predecessorCodes: ['casterbridge'],
    });
    expect((await reorganisationOf(database, 'casterbridge'))?.code).toBe('wessex-lgr');
    expect((await reorganisationOf(database, 'wessex-council'))?.code).toBe('wessex-lgr');
    expect(await reorganisationOf(database, 'budmouth')).toBeUndefined();
  });

  it('moves vesting day when saved again, and refuses a day that is not a date', async () => {
    await saveReorganisation(database, {
      code: 'wessex-lgr',
      name: 'Wessex LGR',
      successorCode: 'wessex-council',
      vestingDay: '2028-04-01',
    });
    await saveReorganisation(database, {
      code: 'wessex-lgr',
      name: 'Wessex LGR',
      successorCode: 'wessex-council',
      vestingDay: '2027-04-01',
    });
    expect((await findReorganisation(database, 'wessex-lgr'))?.vestingDay).toBe('2027-04-01');
    await expect(
      saveReorganisation(database, { code: 'wessex-lgr', name: 'x', successorCode: 'wessex-council', vestingDay: 'April 2028' }),
    ).rejects.toMatchObject({ code: 'ESTATE_REORGANISATION_INVALID' });
  });
});
