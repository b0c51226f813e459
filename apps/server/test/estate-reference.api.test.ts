/** The reference lists' API as scripts use it: importing lists (admins only), the register, starting a reorganisation, classifications. */
import { createApiToken } from '@joinery/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './helpers.ts';

const REGISTER = [
  'local-authority-code,official-name,nice-name,gss-code,start-date,end-date,replaced-by,county-la,powers',
  'WSX,Wessex County Council,Wessex County,E10000901,,2028-03-31,WXU,,upper tier',
  'CAS,Casterbridge District Council,Casterbridge,E07000901,,2028-03-31,WXU,WSX,lower tier',
  'BUD,Budmouth Borough Council,Budmouth,E07000902,,2028-03-31,WXU,WSX,lower tier',
  'WXU,Wessex Council,Wessex,E06000901,2028-04-01,,,,unitary',
].join('\n');
const FUNCTIONS = ['Identifier,Label,Parent identifiers,Parent labels', '3,Benefits,,', '110,Parking,,'].join('\n');

describe('estate reference API', () => {
  let server: TestServer;
  let admin: string;
  let viewer: string;
  beforeAll(async () => {
    server = await startTestServer();
    admin = (await createApiToken(server.database, 'casterbridge.admin', 'test')).token;
    viewer = (await createApiToken(server.database, 'budmouth.viewer', 'test')).token;
  });
  afterAll(async () => server?.close());

  const importList = (list: string, payload: string, token: string) =>
    server.app.inject({
      method: 'POST',
      url: `/api/estate/reference-imports?list=${list}&fileName=${list}.csv`,
      payload,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
    });
  const get = (url: string, token?: string) =>
    server.app.inject({ method: 'GET', url, headers: token ? { authorization: `Bearer ${token}` } : {} });

  it('refuses a viewer (403, audited) and anyone not signed in (401)', async () => {
    const refused = await importList('councils', REGISTER, viewer);
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ code: 'ESTATE_REFERENCE_FORBIDDEN' });
    expect((await get('/api/estate/reference-imports')).statusCode).toBe(401);
  });

  it('imports (201), the same file again (200, unchanged), lists versions; refuses an unknown list (400)', async () => {
    const first = await importList('councils', REGISTER, admin);
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ list: 'councils', format: 'mysociety', rows: 4, imported: 4, refused: 0, unchanged: false });
    const again = await importList('councils', REGISTER, admin);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ unchanged: true, importId: first.json().importId });
    expect((await importList('functions', FUNCTIONS, admin)).statusCode).toBe(201);
    expect((await importList('nonsense', FUNCTIONS, admin)).statusCode).toBe(400);
    const versions = await get('/api/estate/reference-imports', viewer);
    expect(versions.json()).toMatchObject([
      { list: 'councils', isCurrent: true },
      { list: 'functions', rows: 2 },
    ]);
  });

  it('searches the register and proposes predecessors; the successor is then started (201) by an administrator', async () => {
    const found = await get('/api/estate/register?q=E07000901', viewer);
    expect(found.json()).toMatchObject([{ code: 'CAS', organisationCode: 'casterbridge' }]);
    const proposal = await get('/api/estate/register/WXU/predecessors', viewer);
    expect(proposal.json().proposals.map((p: { entry: { code: string } }) => p.entry.code)).toEqual(['BUD', 'CAS', 'WSX']);
    const body = {
      code: 'wessex-lgr',
      name: 'Wessex LGR',
      vestingDay: '2028-04-01',
      successor: { registerCode: 'WXU' },
      predecessors: ['BUD', 'CAS', 'WSX'],
    };
    const byViewer = await server.app.inject({
      method: 'POST',
      url: '/api/estate/reorganisations/from-register',
      payload: body,
      headers: { authorization: `Bearer ${viewer}` },
    });
    expect(byViewer.statusCode).toBe(403);
    const bad = await server.app.inject({
      method: 'POST',
      url: '/api/estate/reorganisations/from-register',
      payload: { ...body, vestingDay: 'soon' },
      headers: { authorization: `Bearer ${admin}` },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'ESTATE_REORGANISATION_INVALID', details: [{ field: 'vestingDay' }] });
    const started = await server.app.inject({
      method: 'POST',
      url: '/api/estate/reorganisations/from-register',
      payload: body,
      headers: { authorization: `Bearer ${admin}` },
    });
    expect(started.statusCode, started.body).toBe(201);
    // casterbridge, budmouth and wessex-council already exist with these GSS codes: matched, not duplicated
    expect(started.json()).toMatchObject({
      reorganisation: { successorCode: 'wessex-council', predecessorCodes: ['budmouth', 'casterbridge', 'wessex'] },
      created: ['wessex'],
    });
  });

  it('lists classifications for members; overriding needs the organisation’s admin', async () => {
    const listed = await get('/api/estate/classifications?organisations=casterbridge', viewer);
    expect(listed.statusCode).toBe(200);
    expect(listed.json()).toEqual({ applications: [], unclassified: 0 });
    const put = (token: string) =>
      server.app.inject({
        method: 'PUT',
        url: '/api/estate/classifications',
        payload: { organisation: 'casterbridge', reference: 'APP-1', functionId: 3 },
        headers: { authorization: `Bearer ${token}` },
      });
    expect((await put(viewer)).statusCode).toBe(403);
    const missing = await put(admin);
    expect(missing.statusCode).toBe(400);
    expect(missing.json()).toMatchObject({ code: 'ESTATE_CLASSIFICATION_INVALID', details: [{ field: 'reference' }] });
    expect((await get('/api/estate/unlisted-software?organisations=casterbridge', viewer)).json()).toEqual([]);
  });

  it('shows the reference page with what is loaded', async () => {
    const page = await server.app.inject({
      method: 'GET',
      url: '/estate/reference',
      headers: { authorization: `Bearer ${viewer}`, accept: 'text/html' },
    });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Register of councils');
    expect(page.body).toContain('councils.csv (mysociety)');
  });
});
