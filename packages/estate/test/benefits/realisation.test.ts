import { describe, expect, it } from 'vitest';
import { benefitTotals, gainsOf } from '../../src/benefits/realisation.ts';

describe('benefit realisation', () => {
  it('counts a saving (target below baseline) and a rise (target above) the same way round', () => {
    expect(gainsOf({ baseline: 900, target: 400, latest: 650 })).toEqual({ targetGain: 500, realisedGain: 250, isTargetReached: false });
    expect(gainsOf({ baseline: 60, target: 80, latest: 85 })).toEqual({ targetGain: 20, realisedGain: 25, isTargetReached: true });
    expect(gainsOf({ baseline: 900, target: 400, latest: 950 }).realisedGain).toBe(-50);
    expect(gainsOf({ baseline: 900, target: 400, latest: null })).toEqual({ targetGain: 500, realisedGain: 0, isTargetReached: false });
  });

  it('totals money by kind, and counts targets reached for every unit', () => {
    const totals = benefitTotals(
      [
        { kind: 'cashable-saving', unit: 'GBP', baseline: 900, target: 400, latest: 650 },
        { kind: 'cashable-saving', unit: '£', baseline: 100, target: 0, latest: 0 },
        { kind: 'cost-avoidance', unit: 'GBP', baseline: 0, target: 300, latest: null },
        { kind: 'public-value', unit: 'days', baseline: 10, target: 3, latest: 2 },
      ],
      ['cashable-saving', 'cost-avoidance', 'public-value'],
    );
    expect(totals).toEqual([
      { kind: 'cashable-saving', benefits: 2, targetGbp: 600, realisedGbp: 350, targetsReached: 1 },
      { kind: 'cost-avoidance', benefits: 1, targetGbp: 300, realisedGbp: 0, targetsReached: 0 },
      { kind: 'public-value', benefits: 1, targetGbp: 0, realisedGbp: 0, targetsReached: 1 },
    ]);
  });
});
