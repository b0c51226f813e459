/**
 * What needs attention before vesting day. A contract is critical when it is for a critical
 * service (critical-services.ts) or a user marked it so on its exit plan; a supplier is critical
 * when it supplies a critical contract or application. Warnings:
 *
 * | code | severity | when |
 * | --- | --- | --- |
 * | exit-plan-missing | high | a critical contract has no current exit plan: none, not agreed, no owner, or not reviewed in 12 months |
 * | exit-plan-not-rehearsed | high | a critical contract's current exit plan was never rehearsed |
 * | exit-plan-rehearsal-overdue | medium | its next rehearsal is past due (or, with none due, the last was over 12 months ago) |
 * | export-terms-missing | medium | a critical contract does not give the council its data in open formats (not recorded, or no) |
 * | resolution-plan-missing | high | a critical supplier has no agreed resolution plan ("living will") |
 * | bcdr-not-tested | medium | a critical supplier's BC/DR has not been tested in the last 12 months (or never recorded) |
 * | health-red | high | any supplier whose overall health is red (health.ts) |
 */
import { monthsBefore } from './health.ts';
import type { ResolutionPlan, SupplierContract, SupplierHealth, SupplierWarning } from './model.ts';

export const PLAN_REVIEW_MONTHS = 12;

export interface SupplierForWarnings {
  id: string;
  name: string;
  isCritical: boolean;
  health: SupplierHealth;
  resolutionPlan: ResolutionPlan | null;
  contracts: readonly SupplierContract[];
}

/** Why a contract's exit plan is not current, or null when it is. */
export function exitPlanGap(contract: SupplierContract, today: string): string | null {
  const plan = contract.exitPlan;
  if (!plan || (!plan.owner && !plan.status)) return 'no exit plan';
  if (plan.status !== 'agreed') return `its exit plan is ${plan.status ?? 'without a status'}, not agreed`;
  if (!plan.owner) return 'its exit plan has no owner';
  if (!plan.lastReviewedOn) return 'its exit plan has never been reviewed';
  if (plan.lastReviewedOn < monthsBefore(today, PLAN_REVIEW_MONTHS)) return `its exit plan was last reviewed ${plan.lastReviewedOn}`;
  return null;
}

/**
 * @example supplierWarnings({ id: 'coh-1', name: 'X', isCritical: true, health, resolutionPlan: null, contracts: [] }, '2026-12-01')[0].code // 'resolution-plan-missing'
 */
export function supplierWarnings(supplier: SupplierForWarnings, today: string): SupplierWarning[] {
  const out: SupplierWarning[] = [];
  const warn = (code: SupplierWarning['code'], severity: SupplierWarning['severity'], message: string, contract?: SupplierContract) =>
    out.push({
      code,
      severity,
      supplierId: supplier.id,
      supplierName: supplier.name,
      organisationCode: contract?.organisationCode ?? null,
      contractReference: contract?.reference ?? null,
      message,
    });
  const yearAgo = monthsBefore(today, PLAN_REVIEW_MONTHS);

  if (supplier.health.overall === 'red')
    warn('health-red', 'high', `${supplier.name}’s health is red: ${supplier.health.reasons.join('; ')}`);
  if (supplier.isCritical) {
    const plan = supplier.resolutionPlan;
    if (!plan || plan.status !== 'agreed')
      warn(
        'resolution-plan-missing',
        'high',
        `${supplier.name} supplies critical services but has no agreed resolution plan${plan ? ` (it is ${plan.status})` : ''}`,
      );
    const bcdr = supplier.health.bcdr;
    if (!bcdr || bcdr.testedOn < yearAgo)
      warn(
        'bcdr-not-tested',
        'medium',
        bcdr
          ? `${supplier.name}’s business continuity and disaster recovery were last tested ${bcdr.testedOn}, over 12 months ago`
          : `${supplier.name}’s business continuity and disaster recovery testing has not been recorded`,
      );
  }
  for (const c of supplier.contracts) {
    if (!c.isCritical) continue;
    const label = `${c.organisationCode} ${c.reference} (${c.title})`;
    const gap = exitPlanGap(c, today);
    const plan = c.exitPlan;
    if (gap) warn('exit-plan-missing', 'high', `Critical contract ${label} has no current exit plan: ${gap}`, c);
    else if (!plan!.lastRehearsedOn)
      warn('exit-plan-not-rehearsed', 'high', `The exit plan for critical contract ${label} has never been rehearsed`, c);
    else if (plan!.nextRehearsalDue ? plan!.nextRehearsalDue < today : plan!.lastRehearsedOn < yearAgo)
      warn(
        'exit-plan-rehearsal-overdue',
        'medium',
        `The exit plan for critical contract ${label} is overdue a rehearsal (${plan!.nextRehearsalDue ? `due ${plan!.nextRehearsalDue}` : `last ${plan!.lastRehearsedOn}`})`,
        c,
      );
    if (plan?.exportsOpenFormats !== true)
      warn(
        'export-terms-missing',
        'medium',
        `Critical contract ${label} ${plan?.exportsOpenFormats === false ? 'does not let the council export its data in open formats' : 'has no recorded terms for exporting the council’s data in open formats'}`,
        c,
      );
  }
  return out;
}
