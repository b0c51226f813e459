/**
 * How a benefit counts (pure). The target says which way is better: a saving measured as an
 * annual cost aims below its baseline, a satisfaction score above it. So
 *   target gain   = |target − baseline|
 *   realised gain = (latest − baseline) × sign(target − baseline)   (negative: moved the wrong way; 0 before any measurement)
 * Money totals add the gains of benefits measured in GBP, by kind; public value in other units
 * is counted by targets reached rather than added up.
 */
import type { BenefitTotals } from './model.ts';

export interface Countable {
  kind: string;
  unit: string;
  baseline: number;
  target: number;
  latest: number | null;
}

export function gainsOf(b: Omit<Countable, 'kind' | 'unit'>): { targetGain: number; realisedGain: number; isTargetReached: boolean } {
  const direction = Math.sign(b.target - b.baseline);
  const targetGain = Math.abs(b.target - b.baseline);
  const realisedGain = b.latest === null ? 0 : (b.latest - b.baseline) * direction;
  return { targetGain, realisedGain, isTargetReached: b.latest !== null && realisedGain >= targetGain };
}

export const isMoney = (unit: string) => /^(gbp|£)$/i.test(unit.trim());

/**
 * Realised against target, per kind, in the order given.
 * @example benefitTotals([{ kind: 'cashable-saving', unit: 'GBP', baseline: 100, target: 60, latest: 80 }], ['cashable-saving'])
 * // [{ kind: 'cashable-saving', benefits: 1, targetGbp: 40, realisedGbp: 20, targetsReached: 0 }]
 */
export function benefitTotals(benefits: readonly Countable[], kinds: readonly string[]): BenefitTotals[] {
  return kinds.map((kind) => {
    const mine = benefits.filter((b) => b.kind === kind);
    let targetGbp = 0;
    let realisedGbp = 0;
    let targetsReached = 0;
    for (const b of mine) {
      const g = gainsOf(b);
      if (isMoney(b.unit)) {
        targetGbp += g.targetGain;
        realisedGbp += g.realisedGain;
      }
      if (g.isTargetReached) targetsReached++;
    }
    return { kind, benefits: mine.length, targetGbp, realisedGbp, targetsReached };
  });
}
