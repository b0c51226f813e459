import { saveOrganisations } from '@joinery/core';
import type { TestDatabase } from '@joinery/core/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { daysBetween, estateOverview } from '../../src/overview/service.ts';
import { saveReorganisation } from '../../src/reorganisations/service.ts';
import { importContracts } from '../../src/service.ts';
import { csv, openEstateDatabase } from '../helpers.ts';

describe('estate overview', () => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await openEstateDatabase();
    const council = (code: string, name: string, successorCode: string | null) => ({
      code,
      name,
      type: 'district-council' as const,
      successorCode,
      identifiers: [],
      partnerships: [],
    });
    await saveOrganisations(
      database,
      [
        { ...council('wessex-council', 'Wessex Council', null), type: 'unitary-authority' },
        council('casterbridge', 'Casterbridge District Council', 'wessex-council'),
        council('budmouth', 'Budmouth Borough Council', 'wessex-council'),
      ],
      [],
    );
    await saveReorganisation(database, {
      code: 'wessex-lgr',
      name: 'Wessex LGR',
      successorCode: 'wessex-council',
      vestingDay: '2028-04-01',
    });
  });
  afterEach(() => database.close());

  it('counts days to vesting across month lengths and leap years', () => {
    expect(daysBetween('2026-12-01', '2028-04-01')).toBe(487);
    expect(daysBetween('2028-04-02', '2028-04-01')).toBe(-1);
  });

  it('counts each council’s current contracts (latest import) and says who has imported nothing', async () => {
    const register = (rows: string[][]) => csv([['Reference', 'Title', 'Supplier'], ...rows]);
    await importContracts(database, null, {
      organisationCode: 'casterbridge',
      fileName: 'a.csv',
      bytes: register([['C1', 'Payroll', 'Mellstock Ltd']]),
    });
    await importContracts(database, null, {
      organisationCode: 'casterbridge',
      fileName: 'b.csv',
      bytes: register([
        ['C1', 'Payroll', 'Mellstock Ltd'],
        ['C2', 'Email', 'Flintcomb Ltd'],
      ]),
    });
    const overview = await estateOverview(database, 'wessex-lgr', '2026-12-01');
    expect(overview.daysToVesting).toBe(487);
    expect(overview.councils.map((c) => [c.organisationCode, c.role, c.contracts])).toEqual([
      ['budmouth', 'predecessor', 0],
      ['casterbridge', 'predecessor', 2],
      ['wessex-council', 'successor', 0],
    ]);
    expect(overview.totals).toEqual({ contracts: 2, applications: 0, integrations: 0 });
    expect(overview.missing).toEqual([
      { organisationCode: 'budmouth', name: 'Budmouth Borough Council', kinds: ['contracts', 'applications', 'integrations'] },
      { organisationCode: 'casterbridge', name: 'Casterbridge District Council', kinds: ['applications', 'integrations'] },
    ]);
  });

  it('says which reorganisation is unknown', async () => {
    await expect(estateOverview(database, 'nowhere', '2026-12-01')).rejects.toMatchObject({ code: 'ESTATE_REORGANISATION_UNKNOWN' });
  });
});
