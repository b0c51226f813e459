/** The contract map's API: the map, its CSV, common suppliers and decisions, with who may decide. */
import { createApiToken } from '@joinery/core';
import { importContracts, saveReorganisation } from '@joinery/estate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, startTestServer, type TestServer } from './helpers.ts';

const register = (rows: string[]) =>
  Buffer.from(
    [
      'Reference,Title,Supplier,Supplier registered company number,Value,Start date,End date,Notice period (months),Novation required,CPV code',
      ...rows,
    ].join('\r\n'),
  );

describe('contract map API', () => {
  let server: TestServer;
  let casterbridge: string;
  let budmouth: string;
  let viewer: string;
  beforeAll(async () => {
    server = await startTestServer();
    await saveReorganisation(server.database, {
      code: 'wessex-lgr',
      name: 'Wessex LGR',
      successorCode: 'wessex-council',
      vestingDay: '2028-04-01',
    });
    await importContracts(server.database, null, {
      organisationCode: 'casterbridge',
      fileName: 'cb.csv',
      bytes: register([
        'CB-1,Waste collection,Wessex Waste Ltd,02165763,3800000,2020-04-01,2028-06-30,6,Yes,90511000-2',
        'CB-2,Payroll,Melchester Payroll Ltd,,12000,2023-04-01,2030-03-31,3,No,48000000-8',
      ]),
    });
    await importContracts(server.database, null, {
      organisationCode: 'budmouth',
      fileName: 'bu.csv',
      bytes: register(['BU-1,Bins,WESSEX WASTE LIMITED,2165763,900000,2022-04-01,2029-03-31,12,No,90511000-2']),
    });
    casterbridge = (await createApiToken(server.database, 'casterbridge.admin', 'test')).token;
    budmouth = (await createApiToken(server.database, 'budmouth.admin', 'test')).token;
    viewer = (await createApiToken(server.database, 'budmouth.viewer', 'test')).token;
  });
  afterAll(async () => server?.close());

  const get = (url: string, token?: string) =>
    server.app.inject({ method: 'GET', url, headers: token ? { authorization: `Bearer ${token}` } : {} });
  const decide = (token: string, body: Record<string, unknown>) =>
    server.app.inject({
      method: 'POST',
      url: '/api/estate/contract-decisions',
      payload: body,
      headers: { authorization: `Bearer ${token}` },
    });

  it('gives a partner’s viewer the map with every computed field, filtered, as of a given day', async () => {
    expect((await get('/api/estate/contract-map?reorganisation=wessex-lgr')).statusCode).toBe(401);
    const response = await get('/api/estate/contract-map?reorganisation=wessex-lgr&today=2026-12-01', viewer);
    expect(response.statusCode, response.body).toBe(200);
    const map = response.json();
    expect(map.summary).toMatchObject({ contracts: 3, needingDecision: 2 });
    expect(map.rows[0]).toMatchObject({
      reference: 'CB-1',
      noticeDeadline: '2027-12-30',
      daysToNoticeDeadline: 394,
      runsPastVesting: true,
      reasons: [{ code: 'notice-before-vesting' }, { code: 'novation-required' }],
      decision: null,
    });
    const filtered = await get(
      '/api/estate/contract-map?reorganisation=wessex-lgr&today=2026-12-01&softwareOnly=true&council=casterbridge',
      viewer,
    );
    expect(filtered.json().rows.map((r: { reference: string }) => r.reference)).toEqual(['CB-2']);
    const spec = (await server.app.inject('/api/openapi.json')).json();
    expect(Object.keys(spec.paths)).toEqual(
      expect.arrayContaining([
        '/api/estate/contract-map',
        '/api/estate/contract-map.csv',
        '/api/estate/common-suppliers',
        '/api/estate/contract-decisions',
      ]),
    );
    expect((await get('/api/estate/contract-map?reorganisation=nowhere', viewer)).json()).toMatchObject({
      code: 'ESTATE_REORGANISATION_UNKNOWN',
    });
    expect((await get('/api/estate/contract-map?reorganisation=wessex-lgr&today=soon', viewer)).statusCode).toBe(400);
  });

  it('exports the map as CSV and lists the suppliers councils share', async () => {
    const file = await get('/api/estate/contract-map.csv?reorganisation=wessex-lgr&needsDecision=true&today=2026-12-01', viewer);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toContain('text/csv');
    expect(file.body.split('\r\n')[0]).toMatch(/^organisation_code,organisation_name,reference,/);
    expect(file.body.trimEnd().split('\r\n')).toHaveLength(3);
    const suppliers = (await get('/api/estate/common-suppliers?reorganisation=wessex-lgr', viewer)).json();
    expect(suppliers.suppliers).toMatchObject([
      { key: 'coh-02165763', councils: ['budmouth', 'casterbridge'], contracts: 2, totalValue: 4_700_000 },
    ]);
  });

  it('lets the contract’s council decide, not another council or a viewer; refusals audited', async () => {
    const body = {
      reorganisation: 'wessex-lgr',
      organisationCode: 'casterbridge',
      reference: 'CB-1',
      decision: 'novate',
      owner: 'Head of Waste',
      rationale: 'Runs past vesting; the service must continue',
    };
    const refused = await decide(budmouth, body);
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ code: 'ESTATE_DECISION_FORBIDDEN' });
    expect((await decide(viewer, body)).statusCode).toBe(403);
    const audit = await server.database.db
      .selectFrom('audit_events')
      .select('subject_id')
      .where('action', '=', 'access.refused')
      .where('subject_id', '=', 'casterbridge/CB-1')
      .execute();
    expect(audit).toHaveLength(2);

    const bad = await decide(casterbridge, { ...body, decision: 'sell', owner: '' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'ESTATE_DECISION_INVALID', details: [{ field: 'decision' }, { field: 'owner' }] });

    const saved = await decide(casterbridge, body);
    expect(saved.statusCode, saved.body).toBe(201);
    expect(saved.json()).toMatchObject({ decision: 'novate', decidedBy: 'casterbridge.admin' });
    const listed = (await get('/api/estate/contract-decisions?reorganisation=wessex-lgr', viewer)).json();
    expect(listed.decisions).toHaveLength(1);
    const map = (await get('/api/estate/contract-map?reorganisation=wessex-lgr&noDecision=true&today=2026-12-01', viewer)).json();
    expect(map.rows.map((r: { reference: string }) => r.reference).sort()).toEqual(['BU-1', 'CB-2']);
  });

  it('shows the map page and a contract’s page, whose form records a decision with CSRF', async () => {
    const browser = new Browser(server.app);
    await browser.signIn('casterbridge.admin');
    const page = await browser.get('/estate/contract-map?reorganisation=wessex-lgr&by=supplier&needsDecision=true');
    expect(page.statusCode, page.body.slice(0, 300)).toBe(200);
    expect(page.body).toContain('<svg');
    expect(page.body).toContain('role="img"');
    expect(page.body).toContain('CB-1');
    const detail = await browser.get('/estate/contract-map/casterbridge/CB-2?reorganisation=wessex-lgr');
    expect(detail.statusCode).toBe(200);
    const csrf = Browser.csrfFrom(detail.body);
    const noToken = await browser.post('/estate/contract-map/casterbridge/CB-2', {
      reorganisation: 'wessex-lgr',
      decision: 'exit',
      owner: 'HR',
      rationale: 'x',
    });
    expect(noToken.statusCode).toBe(403);
    const invalid = await browser.post('/estate/contract-map/casterbridge/CB-2', {
      _csrf: csrf,
      reorganisation: 'wessex-lgr',
      decision: 'consolidate',
      owner: 'HR',
      rationale: 'One payroll',
    });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.body).toContain('Choose the contract it is to be consolidated into');
    const ok = await browser.post('/estate/contract-map/casterbridge/CB-2', {
      _csrf: csrf,
      reorganisation: 'wessex-lgr',
      decision: 'consolidate',
      consolidateInto: 'budmouth/BU-1',
      owner: 'Head of HR',
      rationale: 'One payroll for the new council',
      dueDate: '2027-12-31',
    });
    expect(ok.statusCode, ok.body.slice(0, 500)).toBe(303);
    const after = await browser.get(ok.headers.location as string);
    expect(after.body).toContain('Decision recorded');
    expect(after.body).toContain('One payroll for the new council');
  });
});
