import type { TestDatabase } from '@joinery/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  chooseTarget,
  convergenceWeights,
  decommissioningImpact,
  dependencyGraph,
  generateConvergencePlan,
  getConvergencePlan,
  listDuplicates,
  planCsv,
  saveConvergenceWeights,
  saveOpennessFlags,
  updatePlanItem,
  updatePlanStage,
} from '../../src/convergence/service.ts';
import { DEFAULT_WEIGHTS } from '../../src/convergence/scoring.ts';
import { openEstateDatabase } from '../helpers.ts';
import { insertApplications, insertContracts, insertIntegrations, makeReorganisation } from './fixtures.ts';

const actor = { id: '00000000-0000-4000-8000-000000000001', username: 'tester' };

describe('convergence service on PGlite', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openEstateDatabase();
    await makeReorganisation(database);
    // An older import that must be ignored: only the latest import of each kind is current.
    await insertApplications(database, 'casterbridge', [{ reference: 'OLD', name: 'Retired long ago', capability: 'Payroll' }]);
    await insertApplications(database, 'casterbridge', [
      {
        reference: 'C-PAY',
        name: 'Casterbridge payroll',
        capability: 'HR and payroll',
        hosting: 'saas',
        users: 300,
        annualCost: 30000,
        contractReference: 'CK-1',
      },
      {
        reference: 'C-CRM',
        name: 'Casterbridge CRM',
        capability: 'CRM',
        hosting: 'hosted',
        users: 80,
        annualCost: 20000,
        contractReference: 'CK-2',
        businessOwner: 'Customer services',
      },
      { reference: 'C-WEB', name: 'Website', capability: 'Website', users: 10, businessOwner: 'Digital' },
      { reference: 'C-XL', name: 'Grants spreadsheet', capability: 'Local tools' },
    ]);
    await insertApplications(database, 'budmouth', [
      {
        reference: 'B-PAY',
        name: 'Budmouth payroll',
        capability: 'HR & payroll',
        hosting: 'on-premises',
        users: 200,
        annualCost: 40000,
        contractReference: 'BK-1',
      },
      {
        reference: 'B-CRM',
        name: 'Budmouth CRM',
        capability: 'crm',
        hosting: 'saas',
        users: 60,
        annualCost: 6000,
        contractReference: 'BK-2',
        businessOwner: 'Contact centre',
      },
      { reference: 'B-WASTE', name: 'Budmouth waste', capability: 'Waste', users: 20, businessOwner: 'Waste team' },
    ]);
    await insertContracts(database, 'casterbridge', [
      { reference: 'CK-1', endDate: '2031-03-31', noticePeriod: 'P6M', terminationCost: 0 },
      { reference: 'CK-2', endDate: '2030-03-31', noticePeriod: 'P3M', terminationCost: 5000 },
    ]);
    await insertContracts(database, 'budmouth', [
      { reference: 'BK-1', endDate: '2029-09-30', noticePeriod: 'P12M', terminationCost: 20000 },
      { reference: 'BK-2', endDate: '2028-12-31', noticePeriod: 'P90D' },
    ]);
    await insertIntegrations(database, 'casterbridge', [
      { reference: 'CI-1', source: 'C-WEB', target: 'C-CRM', personal: true, owner: 'Digital' },
      { reference: 'CI-2', source: 'C-CRM', target: 'C-WEB', method: 'file transfer' },
    ]);
    await insertIntegrations(database, 'budmouth', [
      { reference: 'BI-1', source: 'B-CRM', target: 'B-WASTE', personal: true, data: 'Missed bins' },
      { reference: 'BI-2', source: 'B-PAY', target: 'C-PAY', method: 'manual re-keying', data: 'Payroll journals' },
    ]);
  });
  afterAll(() => database.close());

  it('groups the current applications by capability across councils, scores them with the contract joined by reference', async () => {
    const { groups, weights } = await listDuplicates(database, 'wessex-lgr');
    expect(weights).toMatchObject({ version: 0, values: DEFAULT_WEIGHTS });
    expect(groups.map((g) => [g.capabilityKey, g.candidates.map((c) => c.application.reference).sort()])).toEqual([
      ['crm', ['B-CRM', 'C-CRM']],
      ['hr and payroll', ['B-PAY', 'C-PAY']],
    ]);
    const pay = groups.find((g) => g.capabilityKey === 'hr and payroll')!;
    expect(pay.candidates[0]!.application).toMatchObject({
      reference: 'C-PAY',
      contract: { reference: 'CK-1', endDate: '2031-03-31', noticePeriod: 'P6M' },
    });
    expect(pay.candidates[0]!.breakdown.find((b) => b.criterion === 'runway')!.explanation).toContain('35.9 months past vesting day');
  });

  it('versions the weights and refuses bad ones with every problem', async () => {
    await expect(
      saveConvergenceWeights(database, actor, 'wessex-lgr', { ...DEFAULT_WEIGHTS, runway: 11, hosting: -1, colour: 2 }),
    ).rejects.toMatchObject({
      code: 'ESTATE_CONVERGENCE_INVALID',
      details: [{ field: 'colour' }, { field: 'runway' }, { field: 'hosting' }],
    });
    await saveConvergenceWeights(database, actor, 'wessex-lgr', { ...DEFAULT_WEIGHTS, hosting: 9 });
    await saveConvergenceWeights(database, actor, 'wessex-lgr', { ...DEFAULT_WEIGHTS, hosting: 10 });
    const { current, history } = await convergenceWeights(database, 'wessex-lgr');
    expect(current).toMatchObject({ version: 2, savedBy: 'tester', values: { hosting: 10 } });
    expect(history.map((h) => h.version)).toEqual([2, 1]);
    const crm = (await listDuplicates(database, 'wessex-lgr')).groups.find((g) => g.capabilityKey === 'crm')!;
    expect(crm.candidates[0]!.application.reference).toBe('B-CRM'); // SaaS, cheaper a user
  });

  it('records openness flags and targets; a target must be a candidate', async () => {
    await saveOpennessFlags(database, actor, 'wessex-lgr', {
      organisationCode: 'casterbridge',
      reference: 'C-CRM',
      hasOpenApi: true,
      hasDataExport: false,
    });
    const crm = (await listDuplicates(database, 'wessex-lgr')).groups.find((g) => g.capabilityKey === 'crm')!;
    expect(crm.candidates.find((c) => c.application.reference === 'C-CRM')!.application).toMatchObject({
      hasOpenApi: true,
      hasDataExport: false,
    });
    await expect(
      saveOpennessFlags(database, actor, 'wessex-lgr', {
        organisationCode: 'casterbridge',
        reference: 'OLD',
        hasOpenApi: true,
        hasDataExport: null,
      }),
    ).rejects.toMatchObject({ code: 'ESTATE_CONVERGENCE_NOT_FOUND' });
    await expect(
      chooseTarget(database, actor, 'wessex-lgr', { capabilityKey: 'crm', organisationCode: 'casterbridge', reference: 'C-WEB' }),
    ).rejects.toMatchObject({ code: 'ESTATE_CONVERGENCE_INVALID' });
    const target = await chooseTarget(database, actor, 'wessex-lgr', {
      capabilityKey: 'crm',
      organisationCode: 'budmouth',
      reference: 'B-CRM',
      rationale: ' SaaS, open API ',
    });
    expect(target).toMatchObject({ capabilityKey: 'crm', reference: 'B-CRM', rationale: 'SaaS, open API', chosenBy: 'tester' });
    await chooseTarget(database, actor, 'wessex-lgr', {
      capabilityKey: 'hr and payroll',
      organisationCode: 'casterbridge',
      reference: 'C-PAY',
    });
    const audit = await database.db.selectFrom('audit_events').select('action').where('action', 'like', 'estate.convergence.%').execute();
    expect(audit.map((a) => a.action)).toContain('estate.convergence.target-chosen');
  });

  it('builds the graph across councils and says what decommissioning breaks', async () => {
    const all = await dependencyGraph(database, 'wessex-lgr');
    expect(all.edges.map((e) => `${e.source}>${e.target}`)).toContain('budmouth/B-PAY>casterbridge/C-PAY');
    const caster = await dependencyGraph(database, 'wessex-lgr', 'casterbridge');
    expect(caster.nodes.map((n) => n.key).sort()).toEqual([
      'budmouth/B-PAY',
      'casterbridge/C-CRM',
      'casterbridge/C-PAY',
      'casterbridge/C-WEB',
    ]);
    const impact = await decommissioningImpact(database, 'wessex-lgr', 'casterbridge', 'C-CRM');
    expect(impact.directIntegrations.map((i) => i.reference).sort()).toEqual(['CI-1', 'CI-2']);
    expect(impact.personalDataFlows.map((i) => i.reference)).toEqual(['CI-1']);
    expect(impact.owners).toEqual(['Customer services', 'Digital']);
    expect(impact.switchingCost.lines.find((l) => l.label === 'End the contract')!.amount).toBe(5000);
    await expect(decommissioningImpact(database, 'wessex-lgr', 'casterbridge', 'NOPE')).rejects.toMatchObject({
      code: 'ESTATE_CONVERGENCE_NOT_FOUND',
    });
  });

  it('generates the plan, keeps edits when generated again, holds stages and exports CSV', async () => {
    const plan = await generateConvergencePlan(database, actor, 'wessex-lgr');
    const keys = plan.items.map((i) => i.key);
    expect(keys).toEqual(
      expect.arrayContaining([
        'protect:crm',
        'protect:hr and payroll',
        'protect:waste',
        'protect:website',
        'move:budmouth/B-PAY',
        'move:casterbridge/C-CRM',
        'optimise:crm',
      ]),
    );
    const move = plan.items.find((i) => i.key === 'move:budmouth/B-PAY')!;
    expect(move).toMatchObject({ stage: 'converge', noticeBy: '2028-09-30', end: '2029-09-30', isProtected: true });

    await expect(updatePlanItem(database, actor, 'wessex-lgr', move.key, { start: '2030-01-01', end: '2029-01-01' })).rejects.toMatchObject(
      {
        code: 'ESTATE_CONVERGENCE_INVALID',
        details: [{ field: 'end' }],
      },
    );
    await updatePlanItem(database, actor, 'wessex-lgr', move.key, { end: '2030-06-30', notes: 'Waiting for the payroll year end' });
    const again = await generateConvergencePlan(database, actor, 'wessex-lgr');
    expect(again.items.find((i) => i.key === move.key)).toMatchObject({
      end: '2030-06-30',
      notes: 'Waiting for the payroll year end',
      isEdited: true,
    });

    await expect(updatePlanStage(database, actor, 'wessex-lgr', 'converge', { status: 'started' })).rejects.toMatchObject({
      code: 'ESTATE_HOLD_POINT_UNMET',
    });
    await updatePlanStage(database, actor, 'wessex-lgr', 'stabilise', { status: 'started' });
    await expect(
      updatePlanStage(database, actor, 'wessex-lgr', 'converge', {
        met: { 'day-one-performance': true, 'day-one-risk': true },
        status: 'started',
      }),
    ).rejects.toMatchObject({ code: 'ESTATE_HOLD_POINT_UNMET', details: [{ message: expect.stringContaining('benefit baseline') }] });
    // Nothing was changed by the refusal.
    expect((await getConvergencePlan(database, 'wessex-lgr')).stages[1]!.holdPoint.every((c) => !c.isMet)).toBe(true);
    const started = await updatePlanStage(database, actor, 'wessex-lgr', 'converge', {
      met: { 'day-one-performance': true, 'day-one-risk': true, 'benefit-baselines': true },
      evidence: { 'day-one-risk': 'BC test 2028-06-12' },
      status: 'started',
    });
    expect(started).toMatchObject({ status: 'started', startedAt: expect.any(String) });
    expect(started.holdPoint[1]).toMatchObject({ isMet: true, evidence: 'BC test 2028-06-12' });

    const csv = planCsv(await getConvergencePlan(database, 'wessex-lgr'));
    expect(csv.split('\r\n')[0]).toBe(
      'key,stage,kind,title,capabilityKey,organisationCode,reference,targetOrganisationCode,targetReference,start,end,noticeBy,dependsOn,isProtected,reasons,notes,isEdited',
    );
    expect(csv).toContain('move:budmouth/B-PAY,converge,move');
  });
});
