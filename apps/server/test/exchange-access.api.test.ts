/**
 * The exchange's service, access-right and operations pages through app.inject(), on the demo's
 * data exchange: each form's refusals come back as an error summary naming every problem the
 * authority found (and change nothing), someone who may not is refused 403 and the refusal is in
 * the audit trail, and the operations figures download as CSV.
 */
import { listAuditEvents } from '@joinery/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser } from './helpers.ts';
import { ADDRESS_SERVICE, REFERRALS_SERVICE, startExchangeTestServer, type ExchangeTestServer } from './exchange-access-setup.ts';

let t: ExchangeTestServer;
const as: Record<string, Browser> = {};

const FEDERATION = '/exchange/federations/wessex';
const summaryOf = (html: string) => /<div class="govuk-error-summary"[\s\S]*?<\/ul>/.exec(html)?.[0] ?? '';
const decode = (html: string) =>
  html
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

async function grantsOf(filter = '') {
  return (
    await as['wessex-council.admin']!.get(`/api/exchange/federations/wessex/grants${filter}`, { accept: 'application/json' })
  ).json() as {
    id: string;
    status: string;
    client: string;
    service: string;
  }[];
}

beforeAll(async () => {
  t = await startExchangeTestServer();
  for (const username of ['wessex-council.admin', 'casterbridge.admin', 'budmouth.admin', 'budmouth.viewer']) {
    as[username] = new Browser(t.app);
    expect((await as[username]!.signIn(username)).statusCode).toBe(302);
  }
});
afterAll(() => t?.close());

describe('services', () => {
  it('lists every service with its provider, operations and access rights, and offers a provider the register form', async () => {
    const page = await as['wessex-council.admin']!.get(`${FEDERATION}/services`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('wessex/<wbr>GOV/<wbr>wessex-council/<wbr>addresses/<wbr>address-lookup');
    expect(page.body).toContain('2 in force');
    expect(page.body).toContain('Register a service');
    // A viewer administers no member: no form.
    expect((await as['budmouth.viewer']!.get(`${FEDERATION}/services`)).body).not.toContain('Register a service');
  });

  it('shows each problem the authority finds in a registration, linked to its field, and registers nothing', async () => {
    const form = await as['wessex-council.admin']!.get(`${FEDERATION}/services`);
    const _csrf = Browser.csrfFrom(form.body);
    const bad = await as['wessex-council.admin']!.post(`${FEDERATION}/services`, {
      _csrf,
      memberCode: 'wessex-council',
      subsystemCode: 'addresses',
      serviceCode: 'address history!',
      gatewayCode: 'gw1',
      title: '',
      openApiText: '{}',
    });
    expect(bad.statusCode).toBe(400);
    const summary = decode(summaryOf(bad.body));
    expect(summary).toContain('The service code must be 1 to 63 letters');
    expect(summary).toContain('href="#register-serviceCode"');
    expect(summary).toContain('Give the service’s title');
    expect(summary).toContain('href="#register-title"');
    expect(bad.body).toContain('value="address history!"');

    const openApi30 = await as['wessex-council.admin']!.post(`${FEDERATION}/services`, {
      _csrf,
      memberCode: 'wessex-council',
      subsystemCode: 'addresses',
      serviceCode: 'address-history',
      gatewayCode: 'gw1',
      title: 'Address history',
      openApiText: JSON.stringify({ openapi: '3.0.3', info: { title: 'History' }, paths: {} }),
    });
    expect(openApi30.statusCode).toBe(400);
    const problems = decode(summaryOf(openApi30.body));
    expect(problems).toContain('convert it from 3.0');
    expect(problems).toContain('info.version must be a non-empty string');
    expect(problems).toContain('"paths" with at least one operation');
    expect(problems).toContain('href="#register-openApiFile"');

    const notJson = await as['wessex-council.admin']!.post(`${FEDERATION}/services`, {
      _csrf,
      memberCode: 'wessex-council',
      subsystemCode: 'addresses',
      serviceCode: 'address-history',
      gatewayCode: 'gw9',
      title: 'Address history',
      openApiText: 'openapi: 3.1.0',
    });
    expect(notJson.statusCode).toBe(400);
    expect(decode(summaryOf(notJson.body))).toContain('The pasted document is not JSON');

    const noGateway = await as['wessex-council.admin']!.post(`${FEDERATION}/services`, {
      _csrf,
      memberCode: 'wessex-council',
      subsystemCode: 'addresses',
      serviceCode: 'address-history',
      gatewayCode: 'gw9',
      title: 'Address history',
      openApiText: JSON.stringify({ openapi: '3.1.0', info: { title: 'H', version: '1' }, paths: { '/h': { get: {} } } }),
    });
    expect(noGateway.statusCode).toBe(404);
    expect(decode(summaryOf(noGateway.body))).toContain('<a href="#register-gatewayCode">Member "wessex-council" has no gateway "gw9"</a>');
    const services = (
      await as['wessex-council.admin']!.get('/api/exchange/federations/wessex/services', { accept: 'application/json' })
    ).json();
    expect(services.map((s: { serviceCode: string }) => s.serviceCode)).not.toContain('address-history');
  });

  it('refuses, and audits, a registration by someone who is not the provider’s administrator', async () => {
    const form = await as['casterbridge.admin']!.get(`${FEDERATION}/services`);
    const refused = await as['casterbridge.admin']!.post(`${FEDERATION}/services`, {
      _csrf: Browser.csrfFrom(form.body),
      memberCode: 'wessex-council',
      subsystemCode: 'addresses',
      serviceCode: 'address-history',
      gatewayCode: 'gw1',
      title: 'Address history',
      openApiText: JSON.stringify({ openapi: '3.1.0', info: { title: 'H', version: '1' }, paths: { '/h': { get: {} } } }),
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.body).toContain('Only an administrator of wessex-council (the provider) can register services');
    const [event] = await listAuditEvents(t.database.db, { limit: 1 });
    expect(event).toMatchObject({
      actorUsername: 'casterbridge.admin',
      action: 'access.refused',
      outcome: 'refused',
      subjectType: 'exchange-service',
    });
  });

  it('refuses a new description that drops an operation a live access right names, naming the access right', async () => {
    const page = await as['wessex-council.admin']!.get(`${FEDERATION}/services/${ADDRESS_SERVICE}`);
    expect(page.statusCode).toBe(200);
    const refused = await as['wessex-council.admin']!.post(`${FEDERATION}/services/${ADDRESS_SERVICE}/update`, {
      _csrf: Browser.csrfFrom(page.body),
      title: 'Address register',
      gatewayCode: 'gw1',
      openApiText: JSON.stringify({
        openapi: '3.1.0',
        info: { title: 'Addresses', version: '2' },
        paths: { '/addresses/{uprn}': { get: { operationId: 'getAddress' } } },
      }),
    });
    expect(refused.statusCode).toBe(400);
    const summary = decode(summaryOf(refused.body));
    expect(summary).toMatch(/Grant [0-9a-f-]{36} names operation "searchAddresses", which the new description does not have/);
    expect(summary).toContain('href="#update-openApiFile"');
  });
});

describe('access rights', () => {
  it('lists access rights with their flags, filtered by status, client and service', async () => {
    const all = await as['budmouth.admin']!.get(`${FEDERATION}/grants`);
    expect(all.statusCode).toBe(200);
    expect(all.body).toContain('3 of 3 access rights');
    const filtered = await as['budmouth.admin']!.get(
      `${FEDERATION}/grants?service=${encodeURIComponent(REFERRALS_SERVICE)}&status=approved`,
    );
    expect(filtered.body).toContain('1 of 3 access right');
    expect(filtered.body).toContain('Refer patients who may be homeless');
    expect((await as['budmouth.admin']!.get(`${FEDERATION}/grants?status=refused`)).body).toContain('No access rights match the filter.');
  });

  it('lists every problem with a proposal, keeps what was typed, and records nothing', async () => {
    const before = (await grantsOf()).length;
    const form = await as['casterbridge.admin']!.get(`${FEDERATION}/grants/new?service=${encodeURIComponent(ADDRESS_SERVICE)}`);
    expect(form.body).toContain('value="getAddress"');
    const bad = await as['casterbridge.admin']!.post(`${FEDERATION}/grants`, {
      _csrf: Browser.csrfFrom(form.body),
      service: ADDRESS_SERVICE,
      client: 'wessex/GOV/casterbridge/waste',
      purpose: 'Check the addresses of bin collections',
      agreement: '',
      validFrom: '2027-05-01',
      expiresOn: '2027-04-01',
      recertifyBy: 'next year',
    });
    expect(bad.statusCode).toBe(400);
    const summary = decode(summaryOf(bad.body));
    for (const [message, field] of [
      ['Give the lawful basis', 'propose-art6'],
      ['Give the data-sharing agreement it rests on', 'propose-agreement'],
      ['The access right must stop after it starts', 'propose-expiresOn'],
      ['must be a date, YYYY-MM-DD (it is "next year")', 'propose-recertifyBy'],
      ['Name the operations granted', 'propose-operations'],
    ] as const)
      expect(summary).toMatch(new RegExp(`href="#${field}">[^<]*${message.replace(/[().]/g, '\\$&')}`));
    expect(bad.body).toContain('Check the addresses of bin collections');
    expect((await grantsOf()).length).toBe(before);
  });

  it('refuses, and audits, a decision by someone who is not the provider’s administrator; the provider needs a note', async () => {
    const proposal = (await grantsOf()).find((g) => g.service === REFERRALS_SERVICE)!;
    const page = await as['wessex-council.admin']!.get(`${FEDERATION}/grants/${proposal.id}`);
    expect(page.statusCode).toBe(200);
    // Wessex Council is not the provider of Casterbridge's referrals: no decision buttons, and a refusal if it tries.
    expect(page.body).not.toContain('/revoke"');
    const refused = await as['wessex-council.admin']!.post(`${FEDERATION}/grants/${proposal.id}/revoke`, {
      _csrf: Browser.csrfFrom(page.body),
      note: 'Not needed',
    });
    expect(refused.statusCode).toBe(403);
    const [event] = await listAuditEvents(t.database.db, { limit: 1 });
    expect(event).toMatchObject({
      actorUsername: 'wessex-council.admin',
      action: 'access.refused',
      subjectType: 'exchange-grant',
      subjectId: proposal.id,
    });
    expect((await grantsOf()).find((g) => g.id === proposal.id)!.status).toBe('approved');

    const own = await as['casterbridge.admin']!.get(`${FEDERATION}/grants/${proposal.id}`);
    expect(own.body).toContain('Recertify or revoke');
    const noNote = await as['casterbridge.admin']!.post(`${FEDERATION}/grants/${proposal.id}/revoke`, {
      _csrf: Browser.csrfFrom(own.body),
      note: '',
    });
    expect(noNote.statusCode).toBe(400);
    expect(decode(summaryOf(noNote.body))).toContain('<a href="#revoke-note">Give a note saying why');
    const lateRecertification = await as['casterbridge.admin']!.post(`${FEDERATION}/grants/${proposal.id}/recertify`, {
      _csrf: Browser.csrfFrom(own.body),
      recertifyBy: '2030-01-01',
    });
    expect(lateRecertification.statusCode).toBe(400);
    expect(decode(summaryOf(lateRecertification.body))).toContain(
      '<a href="#recertify-recertifyBy">Recertification (2030-01-01) must be due by the day it stops working',
    );
  });
});

describe('operations', () => {
  it('is for the federation’s operators only: anyone else is refused, and the refusal audited', async () => {
    const refused = await as['casterbridge.admin']!.get(`${FEDERATION}/operations`);
    expect(refused.statusCode).toBe(403);
    expect(refused.body).toContain('Only an administrator of wessex-council (the operator of federation wessex) can see the operations');
    const [event] = await listAuditEvents(t.database.db, { limit: 1 });
    expect(event).toMatchObject({
      actorUsername: 'casterbridge.admin',
      action: 'access.refused',
      subjectType: 'exchange-federation',
      subjectId: 'wessex',
    });
    expect((await as['casterbridge.admin']!.get(`${FEDERATION}/operations.csv`)).statusCode).toBe(403);
  });

  it('downloads the traffic as CSV, one row per reporting gateway, service and client', async () => {
    const csv = await as['wessex-council.admin']!.get(`${FEDERATION}/operations.csv?hours=168`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toBe('attachment; filename="wessex-traffic-168h.csv"');
    const lines = csv.body.trim().split('\r\n');
    expect(lines[0]).toBe('window_hours,at,reported_by_gateway,service,client,requests,errors,faults,p50_ms,p99_ms');
    expect(lines.slice(1).map((l) => l.split(',').slice(2, 7).join(','))).toEqual([
      `wessex/GOV/casterbridge/gw1,${ADDRESS_SERVICE},wessex/GOV/casterbridge/housing,40,2`,
      `wessex/GOV/casterbridge/gw1,${ADDRESS_SERVICE},wessex/GOV/casterbridge/waste,3,3`,
      `wessex/GOV/wessex-council/gw1,${ADDRESS_SERVICE},wessex/GOV/casterbridge/housing,40,2`,
    ]);
    expect(lines[2]).toContain(',Server.ClientProxy.AccessDenied=3,2,4');
  });
});
