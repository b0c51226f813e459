/** The registers' API as scripts use it: bearer tokens, text/csv bodies, refusals by role. */
import { createApiToken } from '@joinery/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './helpers.ts';

const DTF = [
  '10,"CASTERBRIDGE COUNCIL",9901,"2026-04-01",1,"2026-04-01","00:00:00","7.3","F"',
  '11,"I",1,"100",1,9901,2,"2026-04-01",1,8,1,"2000-01-01",,"2026-04-01","2000-01-01",,,,,,,,,10',
  '15,"I",2,"100","HIGH STREET",,"CASTERBRIDGE","WESSEX","ENG","2000-01-01",,"2026-04-01","2000-01-01"',
  '21,"I",3,"5",1,2,"2000-01-01",,1,2,50.7,-2.4,1,9901,"E","2000-01-01",,"2026-04-01","2000-01-01","D","WX1 1AA",0',
  '24,"I",4,"5","K1","ENG",1,"2000-01-01",,"2026-04-01","2000-01-01",,,,,,14,,,,,"100",1,,,"Y"',
  '99,0,6,"2026-04-01","00:00:00"',
].join('\r\n');

describe('registers API', () => {
  let server: TestServer;
  let casterbridge: string;
  let budmouth: string;
  beforeAll(async () => {
    server = await startTestServer();
    casterbridge = (await createApiToken(server.database, 'casterbridge.admin', 'test')).token;
    budmouth = (await createApiToken(server.database, 'budmouth.admin', 'test')).token;
  });
  afterAll(async () => server?.close());

  const post = (url: string, token: string, payload: string) =>
    server.app.inject({ method: 'POST', url, payload, headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' } });

  it('refuses another council’s administrator, and anyone not signed in', async () => {
    const refused = await post('/api/gazetteers?organisation=casterbridge&format=dtf73', budmouth, DTF);
    expect(refused.statusCode).toBe(403);
    const anonymous = await server.app.inject({ method: 'GET', url: '/api/addresses?q=high' });
    expect(anonymous.statusCode).toBe(401);
  });

  it('imports a gazetteer, searches it, matches an address and a file, and refuses the same file twice', async () => {
    const imported = await post('/api/gazetteers?organisation=casterbridge&format=dtf73&fileName=llpg.csv', casterbridge, DTF);
    expect(imported.statusCode, imported.body).toBe(201);
    expect(imported.json()).toMatchObject({ addresses: 1, streets: 1, register: { addresses: 1, conflicts: 0 } });
    expect((await post('/api/gazetteers?organisation=casterbridge&format=dtf73', casterbridge, DTF)).statusCode).toBe(409);

    const search = await server.app.inject({
      method: 'GET',
      url: '/api/addresses?q=wx11aa',
      headers: { authorization: `Bearer ${casterbridge}` },
    });
    expect(search.json()).toMatchObject({
      readAs: 'postcode',
      total: 1,
      addresses: [{ uprn: '5', singleLine: '14 HIGH STREET, CASTERBRIDGE, WX1 1AA' }],
    });

    const one = await server.app.inject({
      method: 'POST',
      url: '/api/addresses/match',
      payload: { address: '14 high st casterbridge' },
      headers: { authorization: `Bearer ${casterbridge}` },
    });
    // With one address in the register, agreeing on it is no evidence at all: found, but for review.
    expect(one.json()).toMatchObject({ outcome: 'review', candidates: [{ uprn: '5' }] });

    const run = await post('/api/address-match-runs?fileName=a.csv', casterbridge, 'ref,address\r\nA,14 High Street\r\nB,nowhere\r\n');
    expect(run.statusCode, run.body).toBe(201);
    expect(run.json()).toMatchObject({ rowCount: 2, reviewCount: 1, unmatchedCount: 1 });
    // Another council cannot see it.
    const hidden = await server.app.inject({
      method: 'GET',
      url: `/api/address-match-runs/${run.json().id}`,
      headers: { authorization: `Bearer ${budmouth}` },
    });
    expect(hidden.statusCode).toBe(404);
  });

  it('refuses a malformed gazetteer with every problem, by line and field', async () => {
    const broken = DTF.replace('"5","K1"', '"5X","K1"');
    const refused = await post('/api/gazetteers?organisation=casterbridge&format=dtf73', casterbridge, broken);
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({ code: 'REGISTERS_GAZETTEER_INVALID', details: [{ row: 5, column: 'UPRN' }] });
  });
});
