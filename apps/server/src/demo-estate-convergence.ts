/**
 * The demo's convergence: once the councils' inventories are in, each duplicated capability
 * gets as its target the candidate that scores highest on the default weights (as a starting
 * point for the programme board to argue with), and the staged plan is generated from them.
 * Derived from the imported data, never hard-coded. Safe to repeat: targets already chosen and
 * a plan already generated are left alone.
 */
import type { Database } from '@joinery/core';
import { chooseTarget, generateConvergencePlan, getConvergencePlan, listDuplicates } from '@joinery/estate';

export interface DemoConvergenceReport {
  targets: number;
  planItems: number;
}

/** @example await loadDemoConvergence(database, 'wessex-lgr'); */
export async function loadDemoConvergence(database: Database, reorganisationCode: string): Promise<DemoConvergenceReport> {
  const { groups } = await listDuplicates(database, reorganisationCode);
  let targets = 0;
  for (const group of groups) {
    if (group.target) continue;
    const best = group.candidates[0]!.application;
    await chooseTarget(database, null, reorganisationCode, {
      capabilityKey: group.capabilityKey,
      organisationCode: best.organisationCode,
      reference: best.reference,
      rationale: 'Demo: the highest consolidation score on the default weights',
    });
    targets++;
  }
  const existing = await getConvergencePlan(database, reorganisationCode);
  if (groups.length > 0 && existing.items.length === 0) await generateConvergencePlan(database, null, reorganisationCode);
  return { targets, planItems: (await getConvergencePlan(database, reorganisationCode)).items.length };
}
