/**
 * What moving off an application costs, by an explicit formula whose parameters each
 * reorganisation can change:
 *
 *   integrations  Σ over its integrations: perIntegrationGbp × methodFactor(method)
 * + data          dataMigrationBaseGbp + dataMigrationPerUserGbp × users
 * + contract      the contract's termination cost (when its contract runs past vesting day or has one recorded)
 * + training      trainingPerUserGbp × users
 *
 * Users stand in for records until inventories carry record counts. Manual re-keying and email
 * "integrations" cost little to replace; database links cost most (they are rebuilt as APIs).
 */
import type { ConvergenceApplication, ConvergenceIntegration, SwitchingCost, SwitchingCostParameters } from './model.ts';

export const DEFAULT_SWITCHING_COST: SwitchingCostParameters = {
  perIntegrationGbp: 8_000,
  methodFactors: { api: 1, 'file transfer': 0.75, 'database link': 1.5, 'manual re-keying': 0.25, email: 0.25, other: 1 },
  dataMigrationBaseGbp: 15_000,
  dataMigrationPerUserGbp: 25,
  trainingPerUserGbp: 150,
};

const gbp = (n: number) => `£${Math.round(n).toLocaleString('en-GB')}`;

export function methodFactor(parameters: SwitchingCostParameters, method: string | null): number {
  const factors = parameters.methodFactors;
  return factors[(method ?? '').trim().toLowerCase()] ?? factors.other ?? 1;
}

/**
 * @example switchingCost(app, integrations, DEFAULT_SWITCHING_COST).total
 */
export function switchingCost(
  application: ConvergenceApplication,
  integrations: readonly ConvergenceIntegration[],
  p: SwitchingCostParameters,
): SwitchingCost {
  const users = application.users ?? 0;
  const integrationCost = integrations.reduce((sum, i) => sum + p.perIntegrationGbp * methodFactor(p, i.method), 0);
  const byMethod = new Map<string, number>();
  for (const i of integrations)
    byMethod.set((i.method ?? 'other').toLowerCase(), (byMethod.get((i.method ?? 'other').toLowerCase()) ?? 0) + 1);
  const termination = application.contract?.terminationCost ?? 0;
  const lines = [
    {
      label: 'Rebuild integrations',
      formula:
        integrations.length === 0
          ? 'no integrations'
          : [...byMethod].map(([m, n]) => `${n} × ${gbp(p.perIntegrationGbp)} × ${methodFactor(p, m)} (${m})`).join(' + '),
      amount: Math.round(integrationCost),
    },
    {
      label: 'Migrate data',
      formula: `${gbp(p.dataMigrationBaseGbp)} + ${users} users × ${gbp(p.dataMigrationPerUserGbp)}`,
      amount: Math.round(p.dataMigrationBaseGbp + p.dataMigrationPerUserGbp * users),
    },
    {
      label: 'End the contract',
      formula: application.contract
        ? application.contract.terminationCost === null
          ? `termination cost of ${application.contract.reference} not known: counted as £0`
          : `termination cost of ${application.contract.reference}`
        : 'no contract',
      amount: Math.round(termination),
    },
    { label: 'Train users', formula: `${users} users × ${gbp(p.trainingPerUserGbp)}`, amount: Math.round(p.trainingPerUserGbp * users) },
  ];
  return { total: lines.reduce((sum, l) => sum + l.amount, 0), lines };
}
