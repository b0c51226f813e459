/**
 * Consolidation scores: which of a capability's duplicate applications should the others move
 * to? Each criterion gives a score from 0 to 1 on an explicit scale (0.5 when not known:
 * neutral), multiplied by its weight; the total is Σ points ÷ Σ weights × 100. Every score says
 * which criterion gave what, so a programme board can see why and disagree.
 */
import { monthsBetween } from './dates.ts';
import { CRITERIA, CRITERION_LABELS, type Candidate, type ConvergenceApplication, type Criterion, type Weights } from './model.ts';

/** The defaults: contract runway and openness ("adopt, not adapt") count most. */
export const DEFAULT_WEIGHTS: Weights = {
  runway: 3,
  costPerUser: 2,
  users: 2,
  hosting: 2,
  supplierHealth: 2,
  openApi: 3,
  dataExport: 3,
  endOfSupport: 2,
};

/** Months of runway (or of support left) past vesting day that earn the full score. */
export const FULL_RUNWAY_MONTHS = 36;

export const HOSTING_SCORES = { saas: 1, hosted: 0.5, 'on-premises': 0 } as const;

/**
 * Supplier health, 0 (failing) to 1 (sound), or null when not known. The supplier register
 * (another part of the estate) provides it; until then nothing is known and the criterion is neutral.
 */
export type SupplierHealthLookup = (application: ConvergenceApplication) => number | null;
export const NO_SUPPLIER_HEALTH: SupplierHealthLookup = () => null;

interface Scored {
  score: number;
  explanation: string;
}

const NEUTRAL = 0.5;
const clamp = (n: number) => Math.max(0, Math.min(1, n));
const round = (n: number, places = 2) => Math.round(n * 10 ** places) / 10 ** places;
const gbp = (n: number) => `£${n.toLocaleString('en-GB', { maximumFractionDigits: 0 })}`;

function costPerUser(a: ConvergenceApplication): number | null {
  return a.annualCost !== null && a.users ? a.annualCost / a.users : null;
}

function flag(value: boolean | null, yes: string, no: string): Scored {
  if (value === null) return { score: NEUTRAL, explanation: 'not recorded: neutral' };
  return value ? { score: 1, explanation: yes } : { score: 0, explanation: no };
}

/** Scores one criterion for an application among its group (cost and users compare with the group's best). */
export function scoreCriterion(
  criterion: Criterion,
  a: ConvergenceApplication,
  group: readonly ConvergenceApplication[],
  vestingDay: string,
  supplierHealth: SupplierHealthLookup,
): Scored {
  switch (criterion) {
    case 'runway': {
      if (!a.contract) return { score: NEUTRAL, explanation: 'no contract found: neutral' };
      if (!a.contract.endDate) return { score: NEUTRAL, explanation: `contract ${a.contract.reference} has no end date: neutral` };
      const months = monthsBetween(vestingDay, a.contract.endDate);
      const score = clamp(months / FULL_RUNWAY_MONTHS);
      return {
        score,
        explanation:
          months <= 0
            ? `contract ${a.contract.reference} ends ${a.contract.endDate}, before vesting day`
            : `contract ${a.contract.reference} runs ${months} months past vesting day (${months}/${FULL_RUNWAY_MONTHS}, at most 1)`,
      };
    }
    case 'costPerUser': {
      const own = costPerUser(a);
      if (own === null) return { score: NEUTRAL, explanation: 'cost or users not known: neutral' };
      const known = group.map(costPerUser).filter((c): c is number => c !== null);
      const cheapest = Math.min(...known);
      const score = own === 0 ? 1 : clamp(cheapest / own);
      return { score, explanation: `${gbp(own)} a user a year; the cheapest in the group is ${gbp(cheapest)} (cheapest ÷ this)` };
    }
    case 'users': {
      if (a.users === null) return { score: NEUTRAL, explanation: 'users not known: neutral' };
      const most = Math.max(...group.map((g) => g.users ?? 0));
      return {
        score: most === 0 ? NEUTRAL : clamp(a.users / most),
        explanation: `${a.users} users; the most in the group is ${most} (this ÷ most)`,
      };
    }
    case 'hosting':
      if (!a.hosting) return { score: NEUTRAL, explanation: 'hosting not known: neutral' };
      return { score: HOSTING_SCORES[a.hosting], explanation: `${a.hosting} (SaaS 1, hosted 0.5, on-premises 0)` };
    case 'supplierHealth': {
      const health = supplierHealth(a);
      if (health === null) return { score: NEUTRAL, explanation: 'supplier health not known: neutral' };
      return { score: clamp(health), explanation: `supplier health ${round(health)} from the supplier register` };
    }
    case 'openApi':
      return flag(a.hasOpenApi, 'open API recorded', 'no open API recorded');
    case 'dataExport':
      return flag(a.hasDataExport, 'data can be exported in open formats', 'no open data export');
    case 'endOfSupport': {
      if (!a.endOfSupport) return { score: 1, explanation: 'no end of support announced' };
      const months = monthsBetween(vestingDay, a.endOfSupport);
      return {
        score: clamp(months / FULL_RUNWAY_MONTHS),
        explanation:
          months <= 0
            ? `support ends ${a.endOfSupport}, before vesting day`
            : `support ends ${a.endOfSupport}, ${months} months past vesting day (${months}/${FULL_RUNWAY_MONTHS}, at most 1)`,
      };
    }
  }
}

/**
 * Scores and ranks a capability's candidates (highest total first; ties by organisation and reference).
 * @example scoreCandidates(apps, DEFAULT_WEIGHTS, '2028-04-01')[0].application.reference
 */
export function scoreCandidates(
  group: readonly ConvergenceApplication[],
  weights: Weights,
  vestingDay: string,
  supplierHealth: SupplierHealthLookup = NO_SUPPLIER_HEALTH,
): Candidate[] {
  const totalWeight = CRITERIA.reduce((sum, c) => sum + weights[c], 0);
  const scored = group.map((application) => {
    const breakdown = CRITERIA.map((criterion) => {
      const { score, explanation } = scoreCriterion(criterion, application, group, vestingDay, supplierHealth);
      const weight = weights[criterion];
      return { criterion, label: CRITERION_LABELS[criterion], weight, score: round(score), points: round(weight * score), explanation };
    });
    const points = breakdown.reduce((sum, b) => sum + b.weight * b.score, 0);
    return { application, breakdown, total: totalWeight === 0 ? 0 : round((points / totalWeight) * 100, 1), rank: 0 };
  });
  scored.sort(
    (x, y) =>
      y.total - x.total ||
      x.application.organisationCode.localeCompare(y.application.organisationCode) ||
      x.application.reference.localeCompare(y.application.reference),
  );
  scored.forEach((s, i) => (s.rank = i + 1));
  return scored;
}
