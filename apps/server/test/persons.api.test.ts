/**
 * The person index's API as a council's scripts and a partner's systems use it: bearer tokens,
 * text/csv extracts, full and incremental builds, real-time match and registration with a
 * reason, the review queue, and refusals by organisation and role (each audited).
 */
import { addUser, createApiToken, listAuditEvents } from '@joinery/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, startTestServer, type TestServer } from './helpers.ts';

const HEADER = 'account_ref,surname,forenames,date_of_birth,address_1,postcode,phone';
const ROWS = [
  'A1,Henchard,Michael,1956-03-12,1 High Street Casterbridge,WX1 1AA,',
  'A2,Henchard,Susan,1958-07-01,1 High Street Casterbridge,WX1 1AA,',
  'A3,Farfrae,Donald,1970-01-20,4 Corn Street Casterbridge,WX1 2BB,',
  'A4,Henchard,Michael,1956-03-12,9 Mixen Lane Casterbridge,WX1 3CC,',
  'A5,Templeman,Lucetta,1965-11-30,High Place Hall Casterbridge,WX1 4DD,',
  'A6,Newson,Elizabeth-Jane,1975-05-05,2 High Street Casterbridge,WX1 1AA,',
];
const extract = (rows: string[]) => [HEADER, ...rows].join('\r\n') + '\r\n';

describe('person index API', () => {
  let server: TestServer;
  let admin: string;
  let otherAdmin: string;
  let caseworker: string;
  beforeAll(async () => {
    server = await startTestServer();
    await addUser(server.database, {
      username: 'casterbridge.caseworker',
      displayName: 'Casey Worker',
      password: PASSWORD,
      organisationCode: 'casterbridge',
      roles: ['caseworker'],
    });
    admin = (await createApiToken(server.database, 'casterbridge.admin', 'test')).token;
    otherAdmin = (await createApiToken(server.database, 'budmouth.admin', 'test')).token;
    caseworker = (await createApiToken(server.database, 'casterbridge.caseworker', 'test')).token;
  });
  afterAll(async () => server?.close());

  const call = (method: 'GET' | 'POST', url: string, token: string, payload?: unknown, type = 'application/json') =>
    server.app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${token}`, ...(payload === undefined ? {} : { 'content-type': type }) },
      payload: payload as string,
    });

  it('registers a system only for its own council, then loads an extract as text/csv', async () => {
    const body = {
      organisationCode: 'casterbridge',
      code: 'council-tax',
      name: 'Council tax',
      mapping: {
        sourceRecordId: ['account_ref'],
        surname: ['surname'],
        givenName: ['forenames'],
        dateOfBirth: ['date_of_birth'],
        addressText: ['address_1'],
        postcode: ['postcode'],
        phone: ['phone'],
      },
    };
    expect((await call('POST', '/api/person-systems', otherAdmin, body)).statusCode).toBe(403);
    const registered = await call('POST', '/api/person-systems', admin, body);
    expect(registered.statusCode, registered.body).toBe(201);
    const load = await call('POST', '/api/person-systems/casterbridge/council-tax/loads?fileName=ct.csv', admin, extract(ROWS), 'text/csv');
    expect(load.statusCode, load.body).toBe(201);
    expect(load.json()).toMatchObject({ rows: 6, added: 6, refused: 0 });
    const again = await call('POST', '/api/person-systems/casterbridge/council-tax/loads', admin, extract(ROWS), 'text/csv');
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('REGISTERS_EXTRACT_ALREADY_LOADED');
  });

  it('builds in full the first time, then only what changed', async () => {
    expect((await call('POST', '/api/persons/build', caseworker, {})).statusCode).toBe(403);
    const first = await call('POST', '/api/persons/build', admin, {});
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ mode: 'full', records: 6, relinkedRecords: 6, trained: true });

    const changed = extract([...ROWS.slice(0, 5), 'A6,Newson,Elizabeth-Jane,1975-05-05,2 High Street Casterbridge,WX1 1AA,07700 900123']);
    await call('POST', '/api/person-systems/casterbridge/council-tax/loads?fileName=ct-2.csv', admin, changed, 'text/csv');
    const second = await call('POST', '/api/persons/build', admin, {});
    expect(second.json()).toMatchObject({ mode: 'incremental', records: 6, changedRecords: 1 });
    expect(second.json().relinkedRecords).toBeLessThan(6);
    const full = await call('POST', '/api/persons/build', admin, { incremental: false });
    expect(full.json()).toMatchObject({ mode: 'full', relinkedRecords: 6, newPersons: 0, merges: 0, splits: 0 });
  });

  it('matches in real time only for roles that may see personal data, with a reason, and registers a record', async () => {
    const query = { reason: 'Housing referral 42', record: { givenName: 'MICHAEL', surname: 'Henchard', dateOfBirth: '12/03/1956' } };
    const refused = await call('POST', '/api/persons/match', admin, query);
    expect(refused.statusCode).toBe(403);
    expect((await call('POST', '/api/persons/match', caseworker, { ...query, reason: '' })).statusCode).toBe(400);
    const match = await call('POST', '/api/persons/match', caseworker, query);
    expect(match.statusCode, match.body).toBe(200);
    const best = match.json().candidates[0];
    expect(best.record.systemKey).toBe('casterbridge/council-tax');
    expect(['A1', 'A4']).toContain(best.record.sourceRecordId);
    expect(best.explanation.steps.map((s: { comparison: string }) => s.comparison)).toContain('residence');

    const register = await call('POST', '/api/persons/match', caseworker, {
      reason: 'New account',
      register: true,
      systemKey: 'casterbridge/council-tax',
      sourceRecordId: 'A7',
      record: { givenName: 'Abel', surname: 'Whittle', dateOfBirth: '1980-02-02', postcode: 'WX1 5EE' },
    });
    expect(register.statusCode, register.body).toBe(200);
    expect(register.json().registered).toMatchObject({ sourceRecordId: 'A7', isNewPerson: true });
    const found = await call('POST', '/api/persons/match', caseworker, {
      reason: 'Check',
      record: { givenName: 'Abel', surname: 'WHITTLE', dateOfBirth: '02/02/1980' },
    });
    expect(found.json().person?.personId).toBe(register.json().registered.personId);

    const audit = await listAuditEvents(server.database.db, { limit: 100 });
    const actions = audit.map((e) => `${e.action}:${e.reason ?? ''}`);
    expect(actions).toEqual(expect.arrayContaining(['person.match:Housing referral 42', 'person.register:New account']));
  });

  it('lists the review queue and takes a decision, with a reason', async () => {
    expect((await call('GET', '/api/persons-review?reason=x', admin)).statusCode).toBe(403);
    const queue = await call('GET', '/api/persons-review?reason=Weekly%20review', caseworker);
    expect(queue.statusCode, queue.body).toBe(200);
    // Michael Henchard at two addresses, same date of birth: the grey zone, for a person to decide.
    const { pairs, total } = queue.json();
    expect(total).toBe(1);
    expect([pairs[0].left.key.sourceRecordId, pairs[0].right.key.sourceRecordId].sort()).toEqual(['A1', 'A4']);
    const decided = await call('POST', `/api/persons-review/${pairs[0].id}`, caseworker, {
      decision: 'different',
      reason: 'Father and son',
    });
    expect(decided.statusCode).toBe(204);
    // The next build respects the decision: the pair is not asked again.
    const rebuilt = await call('POST', '/api/persons/build', admin, {});
    expect(rebuilt.json()).toMatchObject({ mode: 'incremental', reviewPairs: 0 });
    const unknown = await call('POST', '/api/persons-review/999999', caseworker, { decision: 'same', reason: 'x' });
    expect(unknown.statusCode).toBe(404);
  });
});
