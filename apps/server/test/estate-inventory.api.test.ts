/** The inventory API as scripts use it: applications and integrations imports (CSV and XLSX bodies), lists, missing contract terms, refusals. */
import { createApiToken } from '@joinery/core';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './helpers.ts';

const APPLICATIONS = [
  'Application ID,Application name,Supplier,Hosting,Number of users,Annual cost,End of support',
  'APP-1,Revenues and benefits,Mellstock Software Ltd,On prem,120,"£85,000",31/03/2027',
  'APP-2,Payroll,Melchester Payroll Ltd,SaaS,1200,40000,',
].join('\r\n');
const INTEGRATIONS = [
  'Integration ID,Source system,Target system,Method,Frequency,Personal data',
  'INT-1,APP-1,APP-2,file transfer,daily,Yes',
].join('\r\n');
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

describe('estate inventory API', () => {
  let server: TestServer;
  let casterbridge: string;
  let budmouth: string;
  let viewer: string;
  beforeAll(async () => {
    server = await startTestServer();
    casterbridge = (await createApiToken(server.database, 'casterbridge.admin', 'test')).token;
    budmouth = (await createApiToken(server.database, 'budmouth.admin', 'test')).token;
    viewer = (await createApiToken(server.database, 'budmouth.viewer', 'test')).token;
  });
  afterAll(async () => server?.close());

  const post = (path: string, query: string, token: string, payload: string | Buffer, type = 'text/csv') =>
    server.app.inject({
      method: 'POST',
      url: `/api/estate/${path}?${query}`,
      payload,
      headers: { authorization: `Bearer ${token}`, 'content-type': type },
    });
  const get = (url: string, token?: string) =>
    server.app.inject({ method: 'GET', url, headers: token ? { authorization: `Bearer ${token}` } : {} });

  it('refuses another council’s administrator (403) and anyone not signed in (401)', async () => {
    const refused = await post('application-imports', 'organisation=casterbridge', budmouth, APPLICATIONS);
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ code: 'ESTATE_IMPORT_FORBIDDEN' });
    expect((await get('/api/estate/applications?organisation=casterbridge')).statusCode).toBe(401);
    expect((await get('/api/estate/integrations?organisation=casterbridge')).statusCode).toBe(401);
  });

  it('previews, imports, refuses the same file twice, and lists applications and integrations for a partner’s viewer', async () => {
    const preview = await post('application-imports', 'organisation=casterbridge&mode=preview', casterbridge, APPLICATIONS);
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json()).toMatchObject({
      mode: 'preview',
      importId: null,
      kind: 'applications',
      rows: 2,
      imported: 2,
      mappingSource: 'headers',
    });
    const imported = await post('application-imports', 'organisation=casterbridge&fileName=apps.csv', casterbridge, APPLICATIONS);
    expect(imported.statusCode, imported.body).toBe(201);
    const again = await post('application-imports', 'organisation=casterbridge', casterbridge, APPLICATIONS);
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'ESTATE_IMPORT_ALREADY_DONE' });
    const listed = await get('/api/estate/applications?organisation=casterbridge', viewer);
    expect(listed.statusCode).toBe(200);
    expect(listed.json().applications).toMatchObject([
      { reference: 'APP-1', hosting: 'on-premises', userCount: 120, annualCost: 85000, endOfSupport: '2027-03-31' },
      { reference: 'APP-2', hosting: 'saas' },
    ]);

    const flows = await post('integration-imports', 'organisation=casterbridge', casterbridge, INTEGRATIONS);
    expect(flows.statusCode, flows.body).toBe(201);
    expect(flows.json()).toMatchObject({ imported: 1, applicationsKnown: 2 });
    expect((await get('/api/estate/integrations?organisation=casterbridge', viewer)).json().integrations).toMatchObject([
      { reference: 'INT-1', sourceApplication: 'APP-1', targetApplication: 'APP-2', carriesPersonalData: true },
    ]);
    expect((await get('/api/estate/applications-imports?organisation=casterbridge', viewer)).json()).toHaveLength(1);
  });

  it('names the unknown application of an integration, and imports nothing', async () => {
    const bad = await post('integration-imports', 'organisation=casterbridge', casterbridge, 'id,source,target\nI-9,APP-1,APP-404\n');
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({
      code: 'ESTATE_IMPORT_INVALID',
      details: [
        { row: 2, column: 'target', message: expect.stringMatching(/^The target application "APP-404" is not one of casterbridge/) },
      ],
    });
  });

  it('takes an XLSX body, a mapping in the query (then remembered), and reports contracts’ missing terms', async () => {
    const workbook = new ExcelJS.Workbook();
    const ws = workbook.addWorksheet('Systems');
    ws.addRow(['Code', 'System', 'Where']);
    ws.addRow(['B-1', 'Email', 'cloud']);
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    const mapping = encodeURIComponent(JSON.stringify({ reference: 'Code', name: 'System', hosting: 'Where' }));
    const res = await post('application-imports', `organisation=budmouth&fileName=systems.xlsx&mapping=${mapping}`, budmouth, bytes, XLSX);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ imported: 1, mappingSource: 'explicit' });

    const register = 'Reference,Title,Supplier,Notice period (days)\nB-1,Roads,Egdon Roads Ltd,90\n,Parks,Egdon Parks Ltd,\n';
    const contracts = await post('contract-imports', 'organisation=budmouth', budmouth, register);
    expect(contracts.statusCode, contracts.body).toBe(201);
    expect(contracts.json()).toMatchObject({ imported: 2, derivedReferences: 1 });
    const missing = await get('/api/estate/contracts/missing-terms?organisation=budmouth', viewer);
    expect(missing.statusCode).toBe(200);
    expect(missing.json()).toMatchObject({ contracts: 2, contractsLacking: 2, counts: { noticePeriod: 1, terminationCost: 2 } });
  });

  it('shows the applications and integrations pages with an upload form for administrators, escaping what files said', async () => {
    await post('application-imports', 'organisation=budmouth&keepValid=true', budmouth, 'id,name\nX-1,<script>alert(1)</script>\n');
    for (const path of ['/estate/applications?organisation=budmouth', '/estate/integrations?organisation=casterbridge']) {
      const page = await server.app.inject({
        method: 'GET',
        url: path,
        headers: { authorization: `Bearer ${budmouth}`, accept: 'text/html' },
      });
      expect(page.statusCode, page.body.slice(0, 500)).toBe(200);
      expect(page.body).toContain('name="_csrf"');
      expect(page.body).not.toContain('<script>alert(1)</script>');
    }
  });
});
