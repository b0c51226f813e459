/** The rules of suppliers, exit and resilience: identity, overall health, critical services, warnings. */
import { describe, expect, it } from 'vitest';
import { criticalServiceOf } from '../../src/suppliers/critical-services.ts';
import { supplierHealth } from '../../src/suppliers/health.ts';
import { groupSuppliers, normaliseSupplierName, supplierKeyOf } from '../../src/suppliers/identity.ts';
import type { HealthAssessment, SupplierContract } from '../../src/suppliers/model.ts';
import { supplierWarnings } from '../../src/suppliers/warnings.ts';

const TODAY = '2026-12-01';

function assessment(id: number, fields: Partial<HealthAssessment>): HealthAssessment {
  return {
    id,
    supplierId: 'coh-99104417',
    assessedOn: '2026-06-01',
    source: 'test',
    evidence: null,
    creditRisk: null,
    creditRating: null,
    creditAgency: null,
    hasParentGuarantee: null,
    parentGuarantor: null,
    bcdrTestedOn: null,
    bcdrRtoHours: null,
    bcdrRpoHours: null,
    bcdrResult: null,
    promptPaymentPercent: null,
    performanceRag: null,
    performanceNote: null,
    statedHealth: null,
    recordedBy: null,
    recordedAt: '2026-06-01T00:00:00.000Z',
    ...fields,
  };
}

describe('supplier identity', () => {
  it('normalises names: case, punctuation, "&", a leading "the" and trailing legal forms', () => {
    expect(normaliseSupplierName('The Mellstock Systems Ltd.')).toBe('mellstock systems');
    expect(normaliseSupplierName('MELLSTOCK SYSTEMS LIMITED')).toBe('mellstock systems');
    expect(normaliseSupplierName('Print & Mail (UK) Ltd')).toBe('print and mail');
    expect(normaliseSupplierName('Sherton Abbas Software plc')).toBe('sherton abbas software');
    expect(normaliseSupplierName('Ltd')).toBe('ltd');
  });

  it('prefers the company number, then the charity number, then the name', () => {
    expect(supplierKeyOf({ name: 'X Ltd', companyNumber: '99104417', charityNumber: '1123456' })).toBe('coh-99104417');
    expect(supplierKeyOf({ name: 'Egdon Leisure Trust', charityNumber: '1123456' })).toBe('chc-1123456');
    expect(supplierKeyOf({ name: 'Egdon Leisure Trust', charityNumber: 'sc 012345' })).toBe('chc-SC012345');
    expect(supplierKeyOf({ name: 'The Egdon Leisure Trust Ltd' })).toBe('name-egdon-leisure-trust');
  });

  it('joins a name-only row to the one numbered supplier of that name, never to one of two', () => {
    expect(
      groupSuppliers([
        { name: 'Mellstock Systems Ltd', companyNumber: '99104417' },
        { name: 'MELLSTOCK SYSTEMS LIMITED' },
        { name: 'Mellstock Systems', companyNumber: null, charityNumber: null },
      ]),
    ).toEqual(['coh-99104417', 'coh-99104417', 'coh-99104417']);
    expect(
      groupSuppliers([
        { name: 'Acme Ltd', companyNumber: '11111111' },
        { name: 'Acme Limited', companyNumber: '22222222' },
        { name: 'Acme' },
      ]),
    ).toEqual(['coh-11111111', 'coh-22222222', 'name-acme']);
  });
});

describe('overall health', () => {
  it('is unknown with no assessment, green when nothing is wrong', () => {
    expect(supplierHealth([], TODAY).overall).toBe('unknown');
    expect(supplierHealth([assessment(1, { creditRisk: 'low', bcdrTestedOn: '2026-03-01', bcdrResult: 'passed' })], TODAY).overall).toBe(
      'green',
    );
  });

  it('is the worst indicator: high credit risk, failed BC/DR, red performance or "at risk" make it red', () => {
    for (const fields of [
      { creditRisk: 'high' },
      { bcdrTestedOn: '2026-05-01', bcdrResult: 'failed' },
      { performanceRag: 'red' },
      { statedHealth: 'at risk' },
    ] as Partial<HealthAssessment>[])
      expect(supplierHealth([assessment(1, { creditRisk: 'low', ...fields })], TODAY).overall, JSON.stringify(fields)).toBe('red');
  });

  it('is amber for medium risk, a stale BC/DR test, poor prompt payment, "watch"; a guarantee changes nothing', () => {
    expect(supplierHealth([assessment(1, { creditRisk: 'medium' })], TODAY).overall).toBe('amber');
    const stale = supplierHealth([assessment(1, { bcdrTestedOn: '2025-11-30', bcdrResult: 'passed' })], TODAY);
    expect(stale.overall).toBe('amber');
    expect(stale.reasons[0]).toContain('more than 12 months ago');
    expect(supplierHealth([assessment(1, { bcdrTestedOn: '2025-12-01', bcdrResult: 'passed' })], TODAY).overall).toBe('green');
    expect(supplierHealth([assessment(1, { promptPaymentPercent: 94.9 })], TODAY).overall).toBe('amber');
    expect(supplierHealth([assessment(1, { promptPaymentPercent: 95 })], TODAY).overall).toBe('green');
    expect(supplierHealth([assessment(1, { statedHealth: 'watch' })], TODAY).overall).toBe('amber');
    expect(supplierHealth([assessment(1, { hasParentGuarantee: false })], TODAY).overall).toBe('green');
  });

  it('takes each indicator from the latest assessment that gives it', () => {
    const health = supplierHealth(
      [
        assessment(1, { assessedOn: '2026-01-01', creditRisk: 'high', performanceRag: 'green' }),
        assessment(2, { assessedOn: '2026-09-01', creditRisk: 'low' }),
        assessment(3, { assessedOn: '2026-03-01', performanceRag: 'amber' }),
      ],
      TODAY,
    );
    expect(health.creditRisk).toMatchObject({ risk: 'low', assessedOn: '2026-09-01' });
    expect(health.performance).toMatchObject({ rag: 'amber', assessedOn: '2026-03-01' });
    expect(health.overall).toBe('amber');
  });
});

describe('critical services', () => {
  it('recognises the day-one services in titles and capabilities', () => {
    expect(criticalServiceOf(['Council tax and business rates system'])).toBe('Revenues and benefits');
    expect(criticalServiceOf([null, 'HR and payroll'])).toBe('Payroll');
    expect(criticalServiceOf(['Adult social care'])).toBe('Social care case management');
    expect(criticalServiceOf(['Electoral registration'])).toBe('Elections');
    expect(criticalServiceOf(['Leisure bookings', 'Cemeteries and crematoria'])).toBeNull();
  });
});

describe('warnings', () => {
  const contract = (fields: Partial<SupplierContract> = {}): SupplierContract => ({
    organisationCode: 'casterbridge',
    reference: 'CB-1',
    title: 'Payroll',
    supplierName: 'Mellstock Systems Ltd',
    value: 1000,
    endDate: '2028-03-31',
    criticalService: 'Payroll',
    isCritical: true,
    exitPlan: null,
    ...fields,
  });
  const plan = (fields: Partial<NonNullable<SupplierContract['exitPlan']>> = {}): NonNullable<SupplierContract['exitPlan']> => ({
    organisationCode: 'casterbridge',
    contractReference: 'CB-1',
    isCritical: null,
    owner: 'Payroll manager',
    status: 'agreed',
    lastReviewedOn: '2026-10-01',
    lastRehearsedOn: '2026-10-15',
    nextRehearsalDue: '2027-10-15',
    notes: null,
    exportsOpenFormats: true,
    exportFormats: 'CSV',
    hasApiAccess: true,
    apiCharges: null,
    hasEscrow: false,
    escrowAgent: null,
    dataReturnDays: 30,
    updatedBy: null,
    updatedAt: '2026-10-01T00:00:00.000Z',
    ...fields,
  });
  const green = supplierHealth([assessment(1, { creditRisk: 'low', bcdrTestedOn: '2026-06-01', bcdrResult: 'passed' })], TODAY);
  const resolution = {
    supplierId: 'coh-99104417',
    owner: 'Head of ICT',
    status: 'agreed' as const,
    lastReviewedOn: '2026-09-01',
    lastRehearsedOn: null,
    nextRehearsalDue: null,
    notes: null,
    updatedBy: null,
    updatedAt: '2026-09-01T00:00:00.000Z',
  };
  const codes = (contracts: SupplierContract[], extra: Partial<Parameters<typeof supplierWarnings>[0]> = {}) =>
    supplierWarnings(
      { id: 'coh-99104417', name: 'Mellstock', isCritical: true, health: green, resolutionPlan: resolution, contracts, ...extra },
      TODAY,
    ).map((w) => w.code);

  it('none for a critical supplier with everything in place', () => {
    expect(codes([contract({ exitPlan: plan() })])).toEqual([]);
  });

  it('a critical contract without a current exit plan, or without open export terms', () => {
    expect(codes([contract()])).toEqual(['exit-plan-missing', 'export-terms-missing']);
    expect(codes([contract({ exitPlan: plan({ status: 'draft' }) })])).toEqual(['exit-plan-missing']);
    expect(codes([contract({ exitPlan: plan({ lastReviewedOn: '2025-11-01' }) })])).toEqual(['exit-plan-missing']);
    expect(codes([contract({ exitPlan: plan({ exportsOpenFormats: false }) })])).toEqual(['export-terms-missing']);
    expect(codes([contract({ isCritical: false })])).toEqual([]);
  });

  it('an exit plan never rehearsed, or overdue its rehearsal', () => {
    expect(codes([contract({ exitPlan: plan({ lastRehearsedOn: null, nextRehearsalDue: null }) })])).toEqual(['exit-plan-not-rehearsed']);
    expect(codes([contract({ exitPlan: plan({ nextRehearsalDue: '2026-11-30' }) })])).toEqual(['exit-plan-rehearsal-overdue']);
    expect(codes([contract({ exitPlan: plan({ lastRehearsedOn: '2025-06-01', nextRehearsalDue: null }) })])).toEqual([
      'exit-plan-rehearsal-overdue',
    ]);
  });

  it('a critical supplier without a resolution plan or a recent BC/DR test; any supplier in the red', () => {
    expect(codes([], { resolutionPlan: null })).toEqual(['resolution-plan-missing']);
    expect(codes([], { resolutionPlan: { ...resolution, status: 'draft' } })).toEqual(['resolution-plan-missing']);
    expect(codes([], { health: supplierHealth([assessment(1, { creditRisk: 'low' })], TODAY) })).toEqual(['bcdr-not-tested']);
    const red = supplierHealth([assessment(1, { creditRisk: 'high', bcdrTestedOn: '2026-06-01' })], TODAY);
    expect(codes([], { health: red, isCritical: false, resolutionPlan: null })).toEqual(['health-red']);
  });
});
