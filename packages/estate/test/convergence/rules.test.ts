import { describe, expect, it } from 'vitest';
import { capabilityKey } from '../../src/convergence/capability-key.ts';
import { addMonths, noticeDeadline } from '../../src/convergence/dates.ts';
import { dayOneCritical } from '../../src/convergence/day-one.ts';
import { buildGraph, downstreamOf, impactOfDecommissioning, stronglyConnected, type RawIntegration } from '../../src/convergence/graph.ts';
import type { DuplicateGroup } from '../../src/convergence/model.ts';
import { DEFAULT_HOLD_POINTS, generatePlan, reasonsStageCannotStart } from '../../src/convergence/plan.ts';
import { DEFAULT_WEIGHTS, scoreCandidates } from '../../src/convergence/scoring.ts';
import { DEFAULT_SWITCHING_COST, switchingCost } from '../../src/convergence/switching-cost.ts';
import { app } from './fixtures.ts';

const VESTING = '2028-04-01';
const flow = (
  organisationCode: string,
  reference: string,
  source: string,
  target: string,
  over: Partial<RawIntegration> = {},
): RawIntegration => ({
  organisationCode,
  reference,
  sourceApplication: source,
  targetApplication: target,
  method: 'API',
  frequency: 'daily',
  dataCarried: null,
  carriesPersonalData: null,
  owner: null,
  ...over,
});

describe('capabilityKey', () => {
  it('normalises case, spacing, apostrophes and ampersands; names no key for non-capabilities', () => {
    expect(capabilityKey({ capability: ' Children’s  Social Care ' })).toBe("children's social care");
    expect(capabilityKey({ capability: 'HR & Payroll' })).toBe('hr and payroll');
    expect(capabilityKey({ capability: 'Local tools' })).toBeNull();
    expect(capabilityKey({ capability: null })).toBeNull();
  });
  it('groups by the LGA function when the application is classified, whatever the council calls it', () => {
    const revs = capabilityKey({ capability: 'Revs & Bens', functionLabel: 'Benefits' });
    expect(revs).toBe('function: benefits');
    expect(capabilityKey({ capability: 'Benefits system', functionLabel: 'Benefits' })).toBe(revs);
    expect(capabilityKey({ capability: 'Local tools', functionLabel: 'Pest control' })).toBe('function: pest control');
  });
});

describe('dates', () => {
  it('counts notice back from the end date in the contract’s own unit', () => {
    expect(noticeDeadline('2028-03-31', 'P6M')).toBe('2027-09-30');
    expect(noticeDeadline('2028-03-31', 'P90D')).toBe('2028-01-01');
    expect(noticeDeadline('2028-03-31', 'P1Y')).toBe('2027-03-31');
    expect(noticeDeadline('2028-03-31', null)).toBeNull();
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
  });
  it('knows what is day-one critical', () => {
    expect(dayOneCritical('hr and payroll')).toBe('staff must be paid');
    expect(dayOneCritical('planning')).toBeNull();
  });
});

describe('consolidation scores', () => {
  const saas = app('casterbridge', 'C1', {
    hosting: 'saas',
    users: 100,
    annualCost: 10_000,
    contract: { reference: 'K1', endDate: '2031-04-01', noticePeriod: 'P6M', terminationCost: 0 },
    hasOpenApi: true,
    hasDataExport: true,
  });
  const old = app('budmouth', 'B1', {
    hosting: 'on-premises',
    users: 50,
    annualCost: 10_000,
    endOfSupport: '2027-12-31',
    contract: { reference: 'K2', endDate: '2027-03-31', noticePeriod: null, terminationCost: null },
    hasOpenApi: false,
  });

  it('explains each criterion and ranks the better candidate first', () => {
    const [first, second] = scoreCandidates([old, saas], DEFAULT_WEIGHTS, VESTING);
    expect(first!.application.reference).toBe('C1');
    expect(first!.total).toBe(94.7); // all full marks but supplier health, neutral: 18 of 19
    const byCriterion = Object.fromEntries(second!.breakdown.map((b) => [b.criterion, b]));
    expect(byCriterion.runway).toMatchObject({ score: 0, explanation: expect.stringContaining('before vesting day') });
    expect(byCriterion.costPerUser).toMatchObject({ score: 0.5 }); // £200 a user vs £100
    expect(byCriterion.users).toMatchObject({ score: 0.5 });
    expect(byCriterion.hosting).toMatchObject({ score: 0 });
    expect(byCriterion.supplierHealth).toMatchObject({ score: 0.5, explanation: expect.stringContaining('neutral') });
    expect(byCriterion.openApi).toMatchObject({ score: 0 });
    expect(byCriterion.dataExport).toMatchObject({ score: 0.5 });
    expect(byCriterion.endOfSupport).toMatchObject({ score: 0 });
    // Σ points ÷ Σ weights × 100
    const points = second!.breakdown.reduce((s, b) => s + b.points, 0);
    expect(second!.total).toBeCloseTo((points / 19) * 100, 0);
  });

  it('follows the weights: only hosting counted, or the supplier health hook', () => {
    const onlyUsers = { ...Object.fromEntries(Object.keys(DEFAULT_WEIGHTS).map((k) => [k, 0])), users: 1 } as typeof DEFAULT_WEIGHTS;
    const ranked = scoreCandidates([saas, old], onlyUsers, VESTING);
    expect(ranked.map((c) => c.total)).toEqual([100, 50]);
    const health = scoreCandidates([saas, old], { ...onlyUsers, users: 0, supplierHealth: 1 }, VESTING, (a) =>
      a.reference === 'B1' ? 1 : 0.2,
    );
    expect(health[0]!.application.reference).toBe('B1');
    expect(scoreCandidates([saas], { ...onlyUsers, users: 0 }, VESTING)[0]!.total).toBe(0);
  });
});

describe('dependency graph and impact', () => {
  const apps = ['A', 'B', 'C', 'D'].map((r) => app('casterbridge', r, { businessOwner: `${r} owner`, users: 10 }));
  apps.push(app('wessex-county', 'F', { name: 'County finance', businessOwner: 'Finance' }));
  // A → B → C → A (a cycle), C → D, and a flow to the county's finance system (named by its reference only).
  const integrations = [
    flow('casterbridge', 'I1', 'A', 'B', {
      personal: true,
      carriesPersonalData: true,
      owner: 'Integration team',
    } as Partial<RawIntegration>),
    flow('casterbridge', 'I2', 'B', 'C', { method: 'file transfer' }),
    flow('casterbridge', 'I3', 'C', 'A', { method: 'manual re-keying' }),
    flow('casterbridge', 'I4', 'C', 'D'),
    flow('casterbridge', 'I5', 'A', 'F', { carriesPersonalData: false }),
    flow('casterbridge', 'I6', 'A', 'NOWHERE'),
  ];
  const graph = buildGraph(apps, integrations);

  it('resolves flows to other councils by reference and reports the dangling ones', () => {
    expect(graph.edges.find((e) => e.reference === 'I5')?.target).toBe('wessex-county/F');
    expect(graph.dangling).toEqual([{ organisationCode: 'casterbridge', reference: 'I6', missing: 'NOWHERE' }]);
  });

  it('walks downstream through a cycle without looping', () => {
    expect(downstreamOf(graph, 'casterbridge/A').sort()).toEqual(['casterbridge/B', 'casterbridge/C', 'casterbridge/D', 'wessex-county/F']);
    expect(downstreamOf(graph, 'casterbridge/D')).toEqual([]);
  });

  it('says what breaks and who must be told', () => {
    const impact = impactOfDecommissioning(graph, 'casterbridge/B', DEFAULT_SWITCHING_COST);
    expect(impact.directIntegrations.map((e) => e.reference).sort()).toEqual(['I1', 'I2']);
    // Downstream of B: C, A (through the cycle), D, F; integrations out of them, except those into B or direct.
    expect(impact.downstreamIntegrations.map((e) => e.reference).sort()).toEqual(['I3', 'I4', 'I5']);
    expect(impact.applicationsToTell.map((a) => a.key).sort()).toEqual([
      'casterbridge/A',
      'casterbridge/C',
      'casterbridge/D',
      'wessex-county/F',
    ]);
    expect(impact.applicationsToTell.find((a) => a.key === 'casterbridge/A')?.why).toContain('sends data');
    expect(impact.owners).toEqual(['A owner', 'B owner', 'C owner', 'D owner', 'Finance', 'Integration team']);
    expect(impact.personalDataFlows.map((e) => e.reference)).toEqual(['I1']);
  });

  it('finds strongly connected components in reverse topological order', () => {
    const succ: Record<string, string[]> = { a: ['b'], b: ['c'], c: ['a', 'd'], d: [] };
    const components = stronglyConnected(['a', 'b', 'c', 'd'], (k) => succ[k] ?? []);
    expect(components.map((c) => c.sort())).toEqual([['d'], ['a', 'b', 'c']]);
  });
});

describe('switching cost', () => {
  it('adds integrations × method factor, data migration, termination and training', () => {
    const a = app('casterbridge', 'A', {
      users: 40,
      contract: { reference: 'K', endDate: '2030-01-01', noticePeriod: null, terminationCost: 12_000 },
    });
    const integrations = [{ method: 'API' }, { method: 'Database link' }, { method: 'carrier pigeon' }].map((m, i) => ({
      organisationCode: 'casterbridge',
      reference: `I${i}`,
      source: 'x',
      target: 'y',
      frequency: null,
      dataCarried: null,
      carriesPersonalData: null,
      owner: null,
      ...m,
    }));
    const cost = switchingCost(a, integrations, DEFAULT_SWITCHING_COST);
    expect(cost.lines.map((l) => l.amount)).toEqual([8000 + 12000 + 8000, 15000 + 40 * 25, 12000, 40 * 150]);
    expect(cost.total).toBe(28000 + 16000 + 12000 + 6000);
    const cheap = switchingCost(a, integrations, { ...DEFAULT_SWITCHING_COST, perIntegrationGbp: 0, trainingPerUserGbp: 0 });
    expect(cheap.total).toBe(16000 + 12000);
  });
});

describe('the staged plan', () => {
  const withContract = (org: string, ref: string, capability: string, endDate: string | null) =>
    app(org, ref, {
      capability,
      contract: endDate ? { reference: `K-${ref}`, endDate, noticePeriod: 'P6M', terminationCost: null } : null,
    });
  const group = (capability: string, apps: ReturnType<typeof app>[], target: ReturnType<typeof app> | null): DuplicateGroup => ({
    capabilityKey: capability.toLowerCase(),
    capability,
    organisations: apps.map((a) => a.organisationCode),
    candidates: apps.map((application, i) => ({ application, total: 0, rank: i + 1, breakdown: [] })),
    target: target && {
      capabilityKey: capability.toLowerCase(),
      organisationCode: target.organisationCode,
      reference: target.reference,
      rationale: null,
      chosenBy: null,
      chosenAt: '',
    },
  });
  // CRM at budmouth feeds Waste at budmouth; both are being moved. CRM must not retire before Waste has moved.
  const crmTarget = withContract('casterbridge', 'CRM1', 'CRM', '2032-01-01');
  const crmOld = withContract('budmouth', 'CRM2', 'CRM', '2028-06-30'); // ends before a move can be done
  const wasteTarget = withContract('casterbridge', 'W1', 'Waste', '2032-01-01');
  const wasteOld = withContract('budmouth', 'W2', 'Waste', '2030-03-31');
  const planningA = withContract('casterbridge', 'P1', 'Planning', null);
  const planningB = withContract('budmouth', 'P2', 'Planning', null);
  const applications = [crmTarget, crmOld, wasteTarget, wasteOld, planningA, planningB];
  const groups = [
    group('CRM', [crmTarget, crmOld], crmTarget),
    group('Waste', [wasteTarget, wasteOld], wasteTarget),
    group('Planning', [planningA, planningB], null),
  ];
  const integrations = [{ source: 'budmouth/CRM2', target: 'budmouth/W2' }];

  it('protects day-one services, asks for missing targets, times moves to contracts and orders them by dependency', () => {
    const plan = generatePlan({ vestingDay: VESTING, applications, groups, integrations });
    const byKey = Object.fromEntries(plan.items.map((i) => [i.key, i]));
    expect(byKey['protect:crm']).toMatchObject({ stage: 'stabilise', isProtected: true, start: '2027-10-01', end: VESTING });
    expect(byKey['protect:crm']!.reasons.join(' ')).toContain('K-CRM2 ends 2028-06-30');
    expect(byKey['protect:planning']).toBeUndefined();
    expect(byKey['choose:planning']).toMatchObject({ stage: 'stabilise', kind: 'choose-target' });
    expect(byKey['move:budmouth/W2']).toMatchObject({ stage: 'converge', end: '2030-03-31', noticeBy: '2029-09-30', dependsOn: [] });
    // CRM2's contract ends before a move is possible; and it feeds W2, so it retires a month after W2 has moved.
    expect(byKey['move:budmouth/CRM2']).toMatchObject({ end: '2030-04-30', dependsOn: ['move:budmouth/W2'] });
    expect(byKey['move:budmouth/CRM2']!.reasons.join(' ')).toMatch(/extend it/);
    expect(byKey['move:budmouth/CRM2']!.start).toBe('2029-10-30');
    expect(byKey['optimise:crm']).toMatchObject({ stage: 'optimise', start: '2030-05-30' });
    expect(plan.holdPoints).toEqual([
      { before: 'converge', date: '2028-07-01' },
      { before: 'optimise', date: '2030-05-30' },
    ]);
    for (const item of plan.items) expect(item.end >= item.start).toBe(true);
  });

  it('moves applications that feed each other together, and respects edited items', () => {
    const cyclic = [...integrations, { source: 'budmouth/W2', target: 'budmouth/CRM2' }];
    const plan = generatePlan({ vestingDay: VESTING, applications, groups, integrations: cyclic });
    const crm = plan.items.find((i) => i.key === 'move:budmouth/CRM2')!;
    const waste = plan.items.find((i) => i.key === 'move:budmouth/W2')!;
    expect(crm.end).toBe(waste.end);
    expect(crm.reasons.join(' ')).toContain('moves together with budmouth/W2');

    const edited = generatePlan({
      vestingDay: VESTING,
      applications,
      groups,
      integrations,
      fixed: new Map([['move:budmouth/W2', { stage: 'converge' as const, start: '2031-01-01', end: '2031-06-30' }]]),
    });
    expect(edited.items.find((i) => i.key === 'move:budmouth/W2')).toMatchObject({ start: '2031-01-01', end: '2031-06-30' });
    expect(edited.items.find((i) => i.key === 'move:budmouth/CRM2')!.end).toBe('2031-07-30');
  });

  it('keeps a stage from starting until its hold point is met and the stage before has started', () => {
    const stages = [
      { stage: 'stabilise' as const, status: 'started', holdPoint: [] },
      { stage: 'converge' as const, status: 'not-started', holdPoint: DEFAULT_HOLD_POINTS.converge.map((c) => ({ ...c })) },
      { stage: 'optimise' as const, status: 'not-started', holdPoint: DEFAULT_HOLD_POINTS.optimise.map((c) => ({ ...c, isMet: true })) },
    ];
    expect(reasonsStageCannotStart(stages, 'stabilise')).toEqual([]);
    expect(reasonsStageCannotStart(stages, 'converge')).toHaveLength(3);
    expect(reasonsStageCannotStart(stages, 'optimise')).toEqual(['the converge stage has not started']);
    for (const c of stages[1]!.holdPoint) c.isMet = true;
    expect(reasonsStageCannotStart(stages, 'converge')).toEqual([]);
  });
});
