import type { TestDatabase } from '@joinery/core/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  listBenefits,
  listScorecard,
  recordMeasurement,
  recordScorecardValue,
  saveBenefit,
  updateGate,
} from '../../src/benefits/service.ts';
import { ACTOR, openReorganisedDatabase } from '../governance/fixtures.ts';

describe('benefits register', () => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await openReorganisedDatabase();
  });
  afterEach(() => database.close());

  const saving = {
    reference: 'B-01',
    title: 'One finance system',
    kind: 'cashable-saving' as const,
    measure: 'Annual cost',
    unit: 'GBP',
    baseline: 1000,
    target: 600,
    owner: 'S151 officer',
  };

  it('counts realised against target from the latest measurement, keeps measurements when a benefit is replaced, and tracks gates', async () => {
    await saveBenefit(database, ACTOR, 'wessex-lgr', {
      ...saving,
      gates: [{ kind: 'api-available', milestone: 'Ledger API live', isMet: false }],
    });
    await saveBenefit(database, ACTOR, 'wessex-lgr', {
      reference: 'B-02',
      title: 'Faster onboarding',
      kind: 'public-value',
      measure: 'Days to onboard',
      unit: 'days',
      baseline: 10,
      target: 3,
      owner: 'HR',
    });
    await recordMeasurement(database, ACTOR, 'wessex-lgr', 'B-01', { measuredOn: '2028-09-30', value: 700 });
    await recordMeasurement(database, ACTOR, 'wessex-lgr', 'B-01', { measuredOn: '2028-06-30', value: 900 });
    await recordMeasurement(database, ACTOR, 'wessex-lgr', 'B-02', { measuredOn: '2028-06-30', value: 3 });
    await saveBenefit(database, ACTOR, 'wessex-lgr', { ...saving, target: 500 }); // gates not given: kept
    await updateGate(database, ACTOR, 'wessex-lgr', 'B-01', 1, { isMet: true, metOn: '2028-05-01' });
    const { benefits, totals } = await listBenefits(database, 'wessex-lgr');
    expect(benefits[0]).toMatchObject({
      latest: 700,
      targetGain: 500,
      realisedGain: 300,
      gatesMet: 1,
      gates: [{ milestone: 'Ledger API live', metOn: '2028-05-01' }],
    });
    expect(benefits[0]!.measurements.map((m) => m.measuredOn)).toEqual(['2028-06-30', '2028-09-30']);
    expect(totals).toEqual([
      { kind: 'cashable-saving', benefits: 1, targetGbp: 500, realisedGbp: 300, targetsReached: 0 },
      { kind: 'cost-avoidance', benefits: 0, targetGbp: 0, realisedGbp: 0, targetsReached: 0 },
      { kind: 'public-value', benefits: 1, targetGbp: 0, realisedGbp: 0, targetsReached: 1 },
    ]);
  });

  it('reports every problem with a benefit and stores nothing; a scorecard period recorded twice keeps the second value', async () => {
    await expect(
      saveBenefit(database, ACTOR, 'wessex-lgr', { ...saving, reference: 'bad ref', baseline: Number.NaN, dueDate: '31/03/2029' }),
    ).rejects.toMatchObject({
      code: 'ESTATE_BENEFIT_INVALID',
      details: [{ field: 'reference' }, { field: 'baseline' }, { field: 'dueDate' }],
    });
    expect((await listBenefits(database, 'wessex-lgr')).benefits).toEqual([]);
    await recordScorecardValue(database, ACTOR, 'wessex-lgr', { measure: 'time-to-onboard', periodStart: '2028-04-01', value: 12 });
    await recordScorecardValue(database, ACTOR, 'wessex-lgr', { measure: 'time-to-onboard', periodStart: '2028-04-01', value: 9 });
    expect((await listScorecard(database, 'wessex-lgr')).map((v) => v.value)).toEqual([9]);
  });
});
