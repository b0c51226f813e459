/**
 * A supplier's health from its assessments. Each indicator is taken from the latest assessment
 * that gives it (by assessment date, then by when it was recorded), so an assessment may update
 * one indicator and leave the rest. The overall health is the worst of:
 *
 * - **red**: credit risk high; BC/DR test failed; performance red; the assessor says "at risk".
 * - **amber**: credit risk medium; BC/DR passed with issues, or not tested in the last
 *   12 months; prompt payment below 95% of invoices within 30 days (the Procurement
 *   Act 2023 payment standard); performance amber; the assessor says "watch".
 *   (A BC/DR test never recorded is not counted here: unknown is not unhealthy. For critical
 *   suppliers it is a warning, warnings.ts.)
 * - **green**: at least one indicator known and none of the above.
 * - **unknown**: no assessment at all.
 *
 * A parent company guarantee is shown but does not change the rating: it lowers the council's
 * exposure, not the supplier's risk of failing.
 */
import type { HealthAssessment, SupplierHealth } from './model.ts';

export const PROMPT_PAYMENT_THRESHOLD = 95;
export const BCDR_TEST_MONTHS = 12;

/** YYYY-MM-DD `months` before `day`. */
export function monthsBefore(day: string, months: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() - months);
  return d.toISOString().slice(0, 10);
}

/** Latest first: by assessment date, then by id (the order they were recorded). */
export function newestFirst(assessments: readonly HealthAssessment[]): HealthAssessment[] {
  return [...assessments].sort((a, b) => (a.assessedOn === b.assessedOn ? b.id - a.id : a.assessedOn < b.assessedOn ? 1 : -1));
}

/**
 * @example supplierHealth([], '2026-12-01').overall // 'unknown'
 */
export function supplierHealth(assessments: readonly HealthAssessment[], today: string): SupplierHealth {
  const ordered = newestFirst(assessments);
  const find = <K extends keyof HealthAssessment>(key: K) => ordered.find((a) => a[key] !== null && a[key] !== undefined);
  const credit = find('creditRisk');
  const guarantee = find('hasParentGuarantee');
  const bcdr = find('bcdrTestedOn');
  const payment = find('promptPaymentPercent');
  const performance = find('performanceRag');
  const stated = find('statedHealth');
  const health: SupplierHealth = {
    overall: 'unknown',
    reasons: [],
    creditRisk: credit
      ? { risk: credit.creditRisk!, rating: credit.creditRating, agency: credit.creditAgency, assessedOn: credit.assessedOn }
      : null,
    parentGuarantee: guarantee
      ? { hasGuarantee: guarantee.hasParentGuarantee!, guarantor: guarantee.parentGuarantor, assessedOn: guarantee.assessedOn }
      : null,
    bcdr: bcdr
      ? {
          testedOn: bcdr.bcdrTestedOn!,
          rtoHours: bcdr.bcdrRtoHours,
          rpoHours: bcdr.bcdrRpoHours,
          result: bcdr.bcdrResult,
          assessedOn: bcdr.assessedOn,
        }
      : null,
    promptPayment: payment ? { percent: payment.promptPaymentPercent!, assessedOn: payment.assessedOn } : null,
    performance: performance
      ? { rag: performance.performanceRag!, note: performance.performanceNote, assessedOn: performance.assessedOn }
      : null,
    statedHealth: stated ? { health: stated.statedHealth!, assessedOn: stated.assessedOn } : null,
  };
  if (ordered.length === 0) return { ...health, reasons: ['No health assessment has been recorded'] };
  return { ...health, ...overallHealth(health, today) };
}

/** The rule above, on the current indicators. */
export function overallHealth(
  health: Omit<SupplierHealth, 'overall' | 'reasons'>,
  today: string,
): Pick<SupplierHealth, 'overall' | 'reasons'> {
  const red: string[] = [];
  const amber: string[] = [];
  if (health.creditRisk?.risk === 'high') red.push('Credit risk is high');
  if (health.creditRisk?.risk === 'medium') amber.push('Credit risk is medium');
  if (health.bcdr?.result === 'failed') red.push(`Business continuity and disaster recovery test failed (${health.bcdr.testedOn})`);
  if (health.bcdr?.result === 'passed with issues')
    amber.push(`Business continuity and disaster recovery test passed with issues (${health.bcdr.testedOn})`);
  if (health.bcdr && health.bcdr.testedOn < monthsBefore(today, BCDR_TEST_MONTHS))
    amber.push(`Business continuity and disaster recovery last tested ${health.bcdr.testedOn}, more than ${BCDR_TEST_MONTHS} months ago`);
  if (health.promptPayment && health.promptPayment.percent < PROMPT_PAYMENT_THRESHOLD)
    amber.push(`Pays ${health.promptPayment.percent}% of invoices within 30 days (below ${PROMPT_PAYMENT_THRESHOLD}%)`);
  if (health.performance?.rag === 'red') red.push('Performance is red');
  if (health.performance?.rag === 'amber') amber.push('Performance is amber');
  if (health.statedHealth?.health === 'at risk') red.push('Assessed as at risk');
  if (health.statedHealth?.health === 'watch') amber.push('Assessed as one to watch');
  if (red.length) return { overall: 'red', reasons: [...red, ...amber] };
  if (amber.length) return { overall: 'amber', reasons: amber };
  return { overall: 'green', reasons: ['No indicator gives cause for concern'] };
}
