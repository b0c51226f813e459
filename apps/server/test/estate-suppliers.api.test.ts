/** Suppliers, exit and resilience by API: register, detail, assessments, plans, warnings; refusals by role and organisation. */
import { createApiToken } from '@joinery/core';
import { importContracts, saveReorganisation } from '@joinery/estate';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoSuppliers } from '../src/demo-estate-suppliers.ts';
import { startTestServer, type TestServer } from './helpers.ts';

const REGISTER = (rows: string[]) =>
  Buffer.from(['Reference,Title,Supplier,Supplier registered company number,Value,Start Date,End date', ...rows].join('\r\n'));

describe('estate suppliers API', () => {
  let server: TestServer;
  let casterbridge: string;
  let budmouth: string;
  let viewer: string;
  beforeAll(async () => {
    server = await startTestServer();
    casterbridge = (await createApiToken(server.database, 'casterbridge.admin', 'test')).token;
    budmouth = (await createApiToken(server.database, 'budmouth.admin', 'test')).token;
    viewer = (await createApiToken(server.database, 'budmouth.viewer', 'test')).token;
    await saveReorganisation(server.database, {
      code: 'wessex-lgr',
      name: 'Wessex LGR',
      successorCode: 'wessex-council',
      vestingDay: '2028-04-01',
    });
    await importContracts(server.database, null, {
      organisationCode: 'casterbridge',
      fileName: 'c.csv',
      bytes: REGISTER([
        'CB-1,Payroll service,Weydon Priors Workforce Ltd,99133702,120000,2023-04-01,2028-03-31',
        'CB-2,Grounds,Egdon Gardens,,9000,,',
      ]),
    });
    await importContracts(server.database, null, {
      organisationCode: 'budmouth',
      fileName: 'b.csv',
      bytes: REGISTER(['BM-1,HR and payroll,WEYDON PRIORS WORKFORCE LIMITED,,80000,2022-04-01,2027-03-31']),
    });
  });
  afterAll(async () => server?.close());

  const call = (method: 'GET' | 'POST' | 'PUT', url: string, token?: string, payload?: unknown) =>
    server.app.inject({ method, url, payload: payload as object, headers: token ? { authorization: `Bearer ${token}` } : {} });

  it('lists the reorganisation’s suppliers and warnings for a partner’s viewer; 401 without sign-in', async () => {
    expect((await call('GET', '/api/estate/suppliers?reorganisation=wessex-lgr')).statusCode).toBe(401);
    const res = await call('GET', '/api/estate/suppliers?reorganisation=wessex-lgr', viewer);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.suppliers.map((s: { id: string }) => s.id)).toEqual(['coh-99133702', 'name-egdon-gardens']);
    expect(body.suppliers[0]).toMatchObject({
      councils: ['budmouth', 'casterbridge'],
      contracts: 2,
      totalValue: 200000,
      isCritical: true,
      criticalServices: ['Payroll'],
    });
    const warnings = await call('GET', '/api/estate/supplier-warnings?reorganisation=wessex-lgr', viewer);
    expect(
      warnings
        .json()
        .warnings.map((w: { code: string }) => w.code)
        .sort(),
    ).toEqual([
      'bcdr-not-tested',
      'exit-plan-missing',
      'exit-plan-missing',
      'export-terms-missing',
      'export-terms-missing',
      'resolution-plan-missing',
    ]);
    expect((await call('GET', '/api/estate/suppliers?reorganisation=nowhere', viewer)).json()).toMatchObject({
      code: 'ESTATE_REORGANISATION_UNKNOWN',
    });
    expect((await call('GET', '/api/estate/suppliers/coh-00000000', viewer)).statusCode).toBe(404);
  });

  it('records assessments, resolution and exit plans for administrators concerned; refuses others (audited)', async () => {
    const assessment = {
      assessedOn: '2026-01-05',
      source: 'Credit report',
      creditRisk: 'high',
      creditRating: 'D',
      creditAgency: 'Casterbridge Credit',
    };
    const refused = await call('POST', '/api/estate/suppliers/coh-99133702/health-assessments', viewer, assessment);
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ code: 'ESTATE_SUPPLIER_FORBIDDEN' });
    const created = await call('POST', '/api/estate/suppliers/coh-99133702/health-assessments', budmouth, assessment);
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ supplierId: 'coh-99133702', creditRisk: 'high', recordedBy: 'budmouth.admin' });
    const bad = await call('POST', '/api/estate/suppliers/coh-99133702/health-assessments', budmouth, {
      assessedOn: 'yesterday',
      source: 'x',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({
      code: 'ESTATE_SUPPLIER_INPUT_INVALID',
      details: [{ field: 'assessedOn' }, { field: 'creditRisk' }],
    });
    const schema = await call('POST', '/api/estate/suppliers/coh-99133702/health-assessments', budmouth, {
      ...assessment,
      creditRisk: 'dire',
    });
    expect(schema.statusCode).toBe(400);

    const plan = await call('PUT', '/api/estate/suppliers/coh-99133702/resolution-plan', casterbridge, {
      owner: 'Head of HR',
      status: 'agreed',
    });
    expect(plan.statusCode, plan.body).toBe(200);
    // Budmouth's administrator cannot write Casterbridge's exit plan; Casterbridge's can.
    const exit = {
      owner: 'Payroll manager',
      status: 'agreed',
      lastReviewedOn: '2026-01-10',
      exportsOpenFormats: true,
      exportFormats: 'CSV',
    };
    expect((await call('PUT', '/api/estate/contract-exit-plans?organisation=casterbridge&reference=CB-1', budmouth, exit)).statusCode).toBe(
      403,
    );
    const saved = await call('PUT', '/api/estate/contract-exit-plans?organisation=casterbridge&reference=CB-1', casterbridge, exit);
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ organisationCode: 'casterbridge', contractReference: 'CB-1', exportFormats: 'CSV' });
    expect(
      (await call('PUT', '/api/estate/contract-exit-plans?organisation=casterbridge&reference=NOPE', casterbridge, exit)).statusCode,
    ).toBe(404);

    const detail = (await call('GET', '/api/estate/suppliers/coh-99133702?reorganisation=wessex-lgr&on=2026-06-01', viewer)).json();
    expect(detail.health.overall).toBe('red');
    expect(detail.resolutionPlan).toMatchObject({ owner: 'Head of HR', updatedBy: 'casterbridge.admin' });
    expect(
      detail.warnings
        .map((w: { code: string; contractReference: string | null }) => `${w.code} ${w.contractReference ?? ''}`.trim())
        .sort(),
    ).toEqual(['bcdr-not-tested', 'exit-plan-missing BM-1', 'exit-plan-not-rehearsed CB-1', 'export-terms-missing BM-1', 'health-red']);
    const refusals = await server.database.db
      .selectFrom('audit_events')
      .select(['action', 'subject_id'])
      .where('action', '=', 'access.refused')
      .execute();
    expect(refusals.map((r) => r.subject_id)).toEqual(expect.arrayContaining(['supplier coh-99133702', 'contract casterbridge/CB-1']));
  });

  it('loads the scenario’s supplier health as the first assessment, once', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'joinery-suppliers-'));
    await mkdir(join(dir, 'estate'));
    await writeFile(
      join(dir, 'estate', 'suppliers.csv'),
      'id,name,companies_house_number,is_sme,is_vcse,health\r\nweydon,Weydon Priors Workforce Ltd,99133702,false,false,watch\r\negdon,Egdon Gardens,,true,false,at risk\r\n',
    );
    expect(await loadDemoSuppliers(server.database, dir)).toEqual({ suppliers: 2, assessments: 2 });
    expect(await loadDemoSuppliers(server.database, dir)).toEqual({ suppliers: 2, assessments: 0 });
    const egdon = (await call('GET', '/api/estate/suppliers/name-egdon-gardens?organisation=casterbridge', viewer)).json();
    expect(egdon.assessments).toMatchObject([{ assessedOn: '2026-04-01', statedHealth: 'at risk', recordedBy: null }]);
    expect(egdon.supplier.health).toBe('red');
  });

  it('is in the OpenAPI document', async () => {
    const doc = (await call('GET', '/api/openapi.json')).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/estate/suppliers',
        '/api/estate/suppliers/{id}',
        '/api/estate/supplier-warnings',
        '/api/estate/contract-exit-plans',
      ]),
    );
  });
});
