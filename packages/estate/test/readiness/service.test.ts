import type { TestDatabase } from '@joinery/core/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readinessHistory, readinessSummary, recordReadiness } from '../../src/readiness/service.ts';
import { AREA_KEYS } from '../../src/readiness/model.ts';
import { ACTOR, openReorganisedDatabase } from '../governance/fixtures.ts';

describe('readiness assessments', () => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await openReorganisedDatabase();
  });
  afterEach(() => database.close());

  const rate = (organisationCode: string, rating: 'red' | 'amber' | 'green', assessedOn: string, areas = AREA_KEYS) =>
    recordReadiness(
      database,
      ACTOR,
      'wessex-lgr',
      areas.map((area) => ({ organisationCode, area, rating, evidence: 'Seen', assessor: 'Assessor', assessedOn })),
      '2027-01-01',
    );

  it('keeps history, takes the latest per area as current, and rates organisations and the reorganisation by the rule', async () => {
    await rate('casterbridge', 'amber', '2026-06-01');
    await rate('casterbridge', 'green', '2026-12-01');
    await rate('budmouth', 'green', '2026-12-01');
    await rate('wessex-council', 'green', '2026-12-01', ['estate-discovery']);
    let summary = await readinessSummary(database, 'wessex-lgr');
    const casterbridge = summary.organisations.find((o) => o.organisationCode === 'casterbridge')!;
    expect(casterbridge.overall).toBe('green');
    expect(casterbridge.capacities).toEqual({ discover: 'green', integrate: 'green', operate: 'green', sustain: 'green' });
    expect(summary.organisations.find((o) => o.organisationCode === 'wessex-council')!.overall).toBe('amber');
    expect(summary.areas['estate-discovery']).toBe('green');
    expect(summary.areas['skills-capacity']).toBeNull(); // the successor has not rated it
    expect(summary.overall).toBe('amber');

    // An earlier-dated assessment recorded later does not displace the current rating.
    await rate('casterbridge', 'red', '2026-01-01', ['skills-capacity']);
    summary = await readinessSummary(database, 'wessex-lgr');
    expect(summary.organisations.find((o) => o.organisationCode === 'casterbridge')!.areas['skills-capacity']?.rating).toBe('green');
    await rate('budmouth', 'red', '2026-12-02', ['skills-capacity']);
    expect((await readinessSummary(database, 'wessex-lgr')).overall).toBe('red');
    expect((await readinessHistory(database, 'wessex-lgr', 'casterbridge')).length).toBe(15);
  });

  it('refuses an organisation outside the reorganisation and a future date, recording nothing', async () => {
    await expect(
      recordReadiness(
        database,
        ACTOR,
        'wessex-lgr',
        [
          {
            organisationCode: 'casterbridge',
            area: 'estate-discovery',
            rating: 'green',
            evidence: 'x',
            assessor: 'y',
            assessedOn: '2026-01-01',
          },
          {
            organisationCode: 'nowhere',
            area: 'estate-discovery',
            rating: 'green',
            evidence: 'x',
            assessor: 'y',
            assessedOn: '2030-01-01',
          },
        ],
        '2027-01-01',
      ),
    ).rejects.toMatchObject({
      code: 'ESTATE_READINESS_INVALID',
      details: [{ field: 'ratings.1.organisationCode' }, { field: 'ratings.1.assessedOn' }],
    });
    expect(await readinessHistory(database, 'wessex-lgr')).toEqual([]);
  });
});
