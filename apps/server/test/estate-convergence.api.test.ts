/** Convergence's API as scripts use it: bearer tokens, refusals by role, every route's shape. */
import { createApiToken } from '@joinery/core';
import { saveReorganisation } from '@joinery/estate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertApplications, insertContracts, insertIntegrations } from '../../../packages/estate/test/convergence/fixtures.ts';
import { startTestServer, type TestServer } from './helpers.ts';

describe('estate convergence API', () => {
  let server: TestServer;
  let admin: string;
  let viewer: string;
  const R = 'reorganisation=wessex-lgr';
  beforeAll(async () => {
    server = await startTestServer();
    admin = (await createApiToken(server.database, 'casterbridge.admin', 'test')).token;
    viewer = (await createApiToken(server.database, 'budmouth.viewer', 'test')).token;
    await saveReorganisation(server.database, {
      code: 'wessex-lgr',
      name: 'Wessex LGR',
      successorCode: 'wessex-council',
      vestingDay: '2028-04-01',
    });
    await insertApplications(server.database, 'casterbridge', [
      {
        reference: 'C-CRM',
        name: 'Casterbridge CRM',
        capability: 'CRM',
        hosting: 'hosted',
        users: 80,
        annualCost: 20000,
        contractReference: 'CK-2',
      },
      { reference: 'C-WEB', name: 'Website', capability: 'Website', users: 10 },
    ]);
    await insertApplications(server.database, 'budmouth', [
      { reference: 'B-CRM', name: 'Budmouth CRM', capability: 'CRM', hosting: 'saas', users: 60, annualCost: 6000 },
    ]);
    await insertContracts(server.database, 'casterbridge', [
      { reference: 'CK-2', endDate: '2030-03-31', noticePeriod: 'P3M', terminationCost: 5000 },
    ]);
    await insertIntegrations(server.database, 'casterbridge', [{ reference: 'CI-1', source: 'C-WEB', target: 'C-CRM', personal: true }]);
  });
  afterAll(async () => server?.close());

  const call = (method: 'GET' | 'PUT' | 'POST' | 'PATCH', url: string, token?: string, payload?: object) =>
    server.app.inject({ method, url, payload, headers: token ? { authorization: `Bearer ${token}` } : {} });

  it('lists duplicates with explained scores for any partner member; refuses strangers', async () => {
    expect((await call('GET', `/api/estate/convergence/duplicates?${R}`)).statusCode).toBe(401);
    const res = await call('GET', `/api/estate/convergence/duplicates?${R}`, viewer);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.groups).toHaveLength(1);
    expect(body.groups[0]).toMatchObject({ capabilityKey: 'crm', organisations: ['budmouth', 'casterbridge'], target: null });
    expect(body.groups[0].candidates[0].breakdown).toHaveLength(8);
    expect(body.groups[0].candidates[0].breakdown[0]).toEqual(
      expect.objectContaining({ criterion: 'runway', weight: 3, explanation: expect.any(String) }),
    );
  });

  it('lets an administrator of a predecessor change weights and targets; a viewer is refused and audited', async () => {
    const weights = { runway: 1, costPerUser: 1, users: 1, hosting: 5, supplierHealth: 0, openApi: 1, dataExport: 1, endOfSupport: 1 };
    const refused = await call('PUT', `/api/estate/convergence/weights?${R}`, viewer, weights);
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ code: 'ESTATE_CONVERGENCE_FORBIDDEN' });
    const bad = await call('PUT', `/api/estate/convergence/weights?${R}`, admin, { ...weights, hosting: 99 });
    expect(bad.statusCode).toBe(400);
    const saved = await call('PUT', `/api/estate/convergence/weights?${R}`, admin, weights);
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ version: 1, savedBy: 'casterbridge.admin', values: { hosting: 5 } });
    expect((await call('GET', `/api/estate/convergence/weights?${R}`, viewer)).json().history).toHaveLength(1);

    const flags = await call('PUT', `/api/estate/convergence/flags?${R}`, admin, {
      organisationCode: 'budmouth',
      reference: 'B-CRM',
      hasOpenApi: true,
      hasDataExport: null,
    });
    expect(flags.statusCode, flags.body).toBe(200);
    const target = await call('POST', `/api/estate/convergence/targets?${R}`, admin, {
      capabilityKey: 'crm',
      organisationCode: 'budmouth',
      reference: 'B-CRM',
      rationale: 'SaaS',
    });
    expect(target.statusCode, target.body).toBe(201);
    expect(target.json()).toMatchObject({ capabilityKey: 'crm', reference: 'B-CRM', chosenBy: 'casterbridge.admin' });
    const unknown = await call('POST', `/api/estate/convergence/targets?${R}`, admin, {
      capabilityKey: 'ufo',
      organisationCode: 'budmouth',
      reference: 'B-CRM',
    });
    expect(unknown.statusCode).toBe(404);
    const audit = await server.database.db
      .selectFrom('audit_events')
      .select(['action', 'outcome'])
      .where('action', '=', 'access.refused')
      .execute();
    expect(audit.length).toBeGreaterThan(0);
  });

  it('gives the graph and the impact of decommissioning, with switching-cost parameters', async () => {
    const graph = (await call('GET', `/api/estate/convergence/dependencies?${R}`, viewer)).json();
    expect(graph.edges).toEqual([
      expect.objectContaining({ reference: 'CI-1', source: 'casterbridge/C-WEB', target: 'casterbridge/C-CRM' }),
    ]);
    expect(graph.isolated).toBe(1);
    const impact = await call('GET', `/api/estate/convergence/impact?${R}&organisation=casterbridge&reference=C-CRM`, viewer);
    expect(impact.statusCode, impact.body).toBe(200);
    expect(impact.json()).toMatchObject({ directIntegrations: [{ reference: 'CI-1' }], personalDataFlows: [{ reference: 'CI-1' }] });
    expect(impact.json().switchingCost.total).toBe(8000 + 15000 + 80 * 25 + 5000 + 80 * 150);
    const params = (await call('GET', `/api/estate/convergence/switching-cost-parameters?${R}`, viewer)).json().current.values;
    const saved = await call('PUT', `/api/estate/convergence/switching-cost-parameters?${R}`, admin, { ...params, trainingPerUserGbp: 0 });
    expect(saved.statusCode, saved.body).toBe(200);
    const after = await call('GET', `/api/estate/convergence/impact?${R}&organisation=casterbridge&reference=C-CRM`, viewer);
    expect(after.json().switchingCost.total).toBe(8000 + 15000 + 80 * 25 + 5000);
  });

  it('generates, edits, holds and exports the plan', async () => {
    const generated = await call('POST', `/api/estate/convergence/plan?${R}`, admin);
    expect(generated.statusCode, generated.body).toBe(201);
    const items = generated.json().items as { key: string }[];
    expect(items.map((i) => i.key)).toEqual(
      expect.arrayContaining(['protect:crm', 'protect:website', 'move:casterbridge/C-CRM', 'optimise:crm']),
    );
    const patched = await call('PATCH', `/api/estate/convergence/plan/items?${R}`, admin, {
      key: 'move:casterbridge/C-CRM',
      end: '2030-09-30',
      notes: 'after elections',
    });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json()).toMatchObject({ end: '2030-09-30', isEdited: true });
    const badDates = await call('PATCH', `/api/estate/convergence/plan/items?${R}`, admin, {
      key: 'move:casterbridge/C-CRM',
      start: '2031-01-01',
    });
    expect(badDates.statusCode).toBe(400);
    expect(badDates.json().details).toEqual([expect.objectContaining({ field: 'end' })]);

    await call('PUT', `/api/estate/convergence/plan/stages/stabilise?${R}`, admin, { status: 'started' });
    const held = await call('PUT', `/api/estate/convergence/plan/stages/converge?${R}`, admin, { status: 'started' });
    expect(held.statusCode).toBe(409);
    expect(held.json()).toMatchObject({ code: 'ESTATE_HOLD_POINT_UNMET' });
    const criteria = [{ id: 'sla', kind: 'performance', text: 'Services at SLA', isMet: true, evidence: 'report' }];
    const started = await call('PUT', `/api/estate/convergence/plan/stages/converge?${R}`, admin, {
      holdPoint: criteria,
      status: 'started',
    });
    expect(started.statusCode, started.body).toBe(200);
    expect(started.json()).toMatchObject({ stage: 'converge', status: 'started', holdPoint: criteria });

    const csv = await call('GET', `/api/estate/convergence/plan.csv?${R}`, viewer);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain('move:casterbridge/C-CRM,converge,move');
    const json = await call('GET', `/api/estate/convergence/plan.json?${R}`, viewer);
    expect(JSON.parse(json.body).stages[1]).toMatchObject({ status: 'started' });
  });

  it('serves the three pages with CSRF-protected forms for an administrator', async () => {
    for (const path of [
      '/estate/convergence',
      '/estate/convergence/dependencies?application=casterbridge%2FC-CRM',
      '/estate/convergence/plan',
    ]) {
      const page = await server.app.inject({
        method: 'GET',
        url: path,
        headers: { authorization: `Bearer ${admin}`, accept: 'text/html' },
      });
      expect(page.statusCode, page.body.slice(0, 800)).toBe(200);
      expect(page.body).toContain('name="_csrf"');
      if (path.includes('dependencies')) expect(page.body).toContain('<svg');
    }
    // A criterion added on the page holds the optimise stage until it is met.
    const { Browser } = await import('./helpers.ts');
    const browser = new Browser(server.app);
    await browser.signIn('casterbridge.admin');
    const plan = await browser.get('/estate/convergence/plan');
    const added = await browser.post('/estate/convergence/plan/stages', {
      _csrf: Browser.csrfFrom(plan.body),
      reorganisation: 'wessex-lgr',
      stage: 'optimise',
      newKind: 'benefits',
      newText: 'Licence savings banked',
      status: 'not-started',
    });
    expect(added.statusCode, added.body.slice(0, 500)).toBe(303);
    const stages = (await call('GET', `/api/estate/convergence/plan?${R}`, viewer)).json().stages;
    expect(stages[2].holdPoint.at(-1)).toEqual({
      id: 'licence-savings-banked',
      kind: 'benefits',
      text: 'Licence savings banked',
      isMet: false,
      evidence: null,
    });
    const noToken = await browser.post('/estate/convergence/plan/stages', {
      reorganisation: 'wessex-lgr',
      stage: 'optimise',
      newText: 'x',
    });
    expect(noToken.statusCode).toBe(403); // CSRF

    const forViewer = await server.app.inject({
      method: 'GET',
      url: '/estate/convergence/plan',
      headers: { authorization: `Bearer ${viewer}`, accept: 'text/html' },
    });
    expect(forViewer.body).not.toContain('action="/estate/convergence/plan"');
  });
});
