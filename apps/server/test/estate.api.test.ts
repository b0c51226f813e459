/** The estate's API as scripts use it: bearer tokens, text/csv bodies, refusals by role and organisation. */
import { createApiToken } from '@joinery/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './helpers.ts';

const REGISTER = [
  'Reference,Title,Supplier,Supplier registered company number,Value,Start Date,End date,Notice period (days)',
  'CB-1,Waste collection,Wessex Waste Ltd,gb/2165763,"£3,800,000",01/04/2020,31/03/2028,365',
  'CB-2,Payroll,Melchester Payroll Ltd,,12000,2023-04-01,2026-03-31,',
].join('\r\n');

describe('estate API', () => {
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

  const post = (query: string, token: string, payload = REGISTER) =>
    server.app.inject({
      method: 'POST',
      url: `/api/estate/contract-imports?${query}`,
      payload,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
    });
  const get = (url: string, token?: string) =>
    server.app.inject({ method: 'GET', url, headers: token ? { authorization: `Bearer ${token}` } : {} });

  it('refuses another council’s administrator (403), and anyone not signed in (401)', async () => {
    const refused = await post('organisation=casterbridge', budmouth);
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ code: 'ESTATE_IMPORT_FORBIDDEN' });
    expect((await get('/api/estate/contracts?organisation=casterbridge')).statusCode).toBe(401);
  });

  it('previews, imports, refuses the same file twice, lists and exports for a partner’s viewer', async () => {
    const preview = await post('organisation=casterbridge&mode=preview', casterbridge);
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json()).toMatchObject({ mode: 'preview', importId: null, rows: 2, imported: 2, refused: 0 });
    expect((await get('/api/estate/contracts?organisation=casterbridge', viewer)).json().contracts).toEqual([]);

    const imported = await post('organisation=casterbridge&fileName=contracts.csv', casterbridge);
    expect(imported.statusCode, imported.body).toBe(201);
    expect(imported.json()).toMatchObject({ rows: 2, imported: 2, refused: 0, mapping: { noticePeriod: 'Notice period (days)' } });
    const again = await post('organisation=casterbridge', casterbridge);
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'ESTATE_IMPORT_ALREADY_DONE' });

    const listed = await get('/api/estate/contracts?organisation=casterbridge', viewer);
    expect(listed.statusCode).toBe(200);
    expect(listed.json().contracts).toMatchObject([
      { reference: 'CB-1', supplierCompanyNumber: '02165763', value: 3_800_000, noticePeriod: 'P365D' },
      { reference: 'CB-2', noticePeriod: null },
    ]);
    const ocds = await get('/api/estate/contracts.ocds.json?organisation=casterbridge', viewer);
    expect(ocds.statusCode).toBe(200);
    expect(ocds.json()).toMatchObject({
      version: '1.1',
      releases: [{ ocid: 'ocds-joinery-casterbridge-CB-1', contracts: [{ lgr: { noticePeriod: 'P365D' } }] }, {}],
    });
  });

  it('reports bad rows with row and column, and imports nothing', async () => {
    const bad = await post('organisation=budmouth', budmouth, 'Reference,Title,Supplier,Value\nB-1,Roads,Egdon Roads Ltd,lots\n');
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'ESTATE_IMPORT_INVALID', details: [{ row: 2, column: 'Value' }] });
    expect((await get('/api/estate/contracts?organisation=budmouth', budmouth)).json().contracts).toEqual([]);
  });

  it('shows the contracts page with an upload form for administrators', async () => {
    const page = await server.app.inject({
      method: 'GET',
      url: '/estate/contracts?organisation=casterbridge',
      headers: { authorization: `Bearer ${casterbridge}`, accept: 'text/html' },
    });
    expect(page.statusCode, page.body.slice(0, 500)).toBe(200);
    expect(page.body).toContain('CB-1');
    expect(page.body).toContain('name="_csrf"');
  });
});
