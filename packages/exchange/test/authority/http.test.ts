/**
 * The authority's HTTP API through app.inject(), on a minimal Fastify app built as the server
 * builds it — core's authentication plugin (sessions, CSRF, API tokens) and these routes, with
 * the server's error shape — since the server itself composes the room later. Signed-in calls
 * use API tokens (Authorization: Bearer), as scripts do; the gateways' calls use nothing.
 */
import { createHash, sign } from 'node:crypto';
import { createApiToken } from '@joinery/core';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson, verifyConfiguration } from '../../src/index.ts';
import { addSubsystem, createFederation, latestConfiguration, publishConfiguration, registerService } from '../../src/authority/index.ts';
import { createTimestampRequest } from '../../src/timestamp/timestamp-request.ts';
import { readTimestampResponse } from '../../src/timestamp/read-timestamp-response.ts';
import { verifyTimestampToken } from '../../src/timestamp/verify-timestamp.ts';
import { ADDRESS_API, buildTestApp, CLI, countRows, gatewayRequests, startTestAuthority, type TestAuthority } from './helpers.ts';

let t: TestAuthority;
let app: FastifyInstance;
const bearer: Record<string, string> = {};

beforeAll(async () => {
  t = await startTestAuthority();
  app = await buildTestApp(t);
  for (const username of ['wessex.admin', 'casterbridge.admin'])
    bearer[username] = `Bearer ${(await createApiToken(t.database, username, 'tests')).token}`;
  await createFederation(t.authority, CLI, {
    code: 'wessex',
    name: 'Wessex Data Exchange',
    publicUrl: 'http://localhost:3000',
    operatorOrganisationCode: 'wessex-council',
    organisationCodes: ['wessex-council', 'casterbridge'],
  });
  await addSubsystem(t.authority, CLI, {
    federationCode: 'wessex',
    memberCode: 'wessex-council',
    code: 'addresses',
    name: 'Address register',
  });
});
afterAll(async () => {
  await app.close();
  await t.dispose();
});

describe('public routes (what gateways call)', () => {
  it('serves the signed configuration with an ETag, 304 when unchanged, and the anchor that verifies it', async () => {
    const response = await app.inject({ url: '/api/exchange/federations/wessex/configuration' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('no-cache');
    const anchor = (await app.inject({ url: '/api/exchange/federations/wessex/anchor' })).json();
    expect(anchor).toMatchObject({
      instance: 'wessex',
      configurationUrl: 'http://localhost:3000/api/exchange/federations/wessex/configuration',
    });
    const configuration = verifyConfiguration(response.json(), { anchors: anchor.signingKeys, instance: 'wessex', now: t.clock.now });
    expect(response.headers.etag).toBe(`"wessex-${configuration.serial}"`);
    const again = await app.inject({
      url: '/api/exchange/federations/wessex/configuration',
      headers: { 'if-none-match': response.headers.etag as string },
    });
    expect(again.statusCode).toBe(304);
    const first = await app.inject({ url: '/api/exchange/federations/wessex/configuration/1' });
    expect(first.json().configuration.serial).toBe(1);
    expect((await app.inject({ url: '/api/exchange/federations/wessex/configuration/999' })).json().code).toBe(
      'EXCHANGE_CONFIGURATION_UNKNOWN',
    );
    expect((await app.inject({ url: '/api/exchange/federations/nowhere/anchor' })).statusCode).toBe(404);
  });

  let signKey: Awaited<ReturnType<typeof gatewayRequests>>['signKey'];
  it('enrols a gateway without a session or CSRF token, once; a forged token changes nothing', async () => {
    const register = await app.inject({
      method: 'POST',
      url: '/api/exchange/federations/wessex/members/wessex-council/gateways',
      headers: { authorization: bearer['wessex.admin']! },
      payload: { gatewayCode: 'gw1', address: 'https://gw1.wessex.example:5501' },
    });
    expect(register.statusCode).toBe(201);
    const { token } = register.json();
    const requests = await gatewayRequests('wessex/GOV/wessex-council/gw1');
    signKey = requests.signKey;
    const [header, , secret] = token.split('.');
    const forged = `jx1.${header}.${secret.slice(0, -2)}${secret.endsWith('AA') ? 'BB' : 'AA'}`;
    const before = await countRows(t.database);
    const refused = await app.inject({
      method: 'POST',
      url: '/api/exchange/federations/wessex/enrolments',
      payload: { token: forged, authCsrPem: requests.authCsrPem, signCsrPem: requests.signCsrPem },
    });
    expect(refused.statusCode).toBe(401);
    expect(refused.json().code).toBe('EXCHANGE_ENROLMENT_TOKEN_INVALID');
    expect(await countRows(t.database)).toEqual(before);
    const enrolled = await app.inject({
      method: 'POST',
      url: '/api/exchange/federations/wessex/enrolments',
      payload: { token, authCsrPem: requests.authCsrPem, signCsrPem: requests.signCsrPem },
    });
    expect(enrolled.statusCode).toBe(201);
    expect(enrolled.json().gatewayId).toBe('wessex/GOV/wessex-council/gw1');
    const replayed = await app.inject({
      method: 'POST',
      url: '/api/exchange/federations/wessex/enrolments',
      payload: { token, authCsrPem: requests.authCsrPem, signCsrPem: requests.signCsrPem },
    });
    expect(replayed.statusCode).toBe(409);
  });

  it('serves a service’s OpenAPI document, whose JCS hash is the configuration’s', async () => {
    await registerService(t.authority, CLI, {
      federationCode: 'wessex',
      memberCode: 'wessex-council',
      subsystemCode: 'addresses',
      serviceCode: 'address-lookup',
      serviceVersion: 'v1',
      gatewayCode: 'gw1',
      title: 'Address lookup',
      openApi: ADDRESS_API,
    });
    const id = 'wessex/GOV/wessex-council/addresses/address-lookup/v1';
    const response = await app.inject({ url: `/api/exchange/federations/wessex/services/${id}/openapi` });
    expect(response.statusCode).toBe(200);
    const hash = createHash('sha256').update(canonicalJson(response.json())).digest('hex');
    const configuration = (await app.inject({ url: '/api/exchange/federations/wessex/configuration' })).json().configuration;
    expect(configuration.services.find((s: { id: string }) => s.id === id).openApiSha256).toBe(hash);
    expect((await app.inject({ url: `/api/exchange/federations/wessex/services/${id}` })).statusCode).toBe(404);
    expect(
      (await app.inject({ url: '/api/exchange/federations/wessex/services/wessex/NHS/wessex-council/addresses/address-lookup/v1/openapi' }))
        .statusCode,
    ).toBe(404);
  });

  it('answers RFC 3161 timestamp queries with a token that verifies against the federation CA', async () => {
    const digest = createHash('sha256').update('checkpoint 1').digest();
    const response = await app.inject({
      method: 'POST',
      url: '/api/exchange/federations/wessex/timestamps',
      headers: { 'content-type': 'application/timestamp-query' },
      payload: createTimestampRequest(digest),
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/timestamp-reply');
    const read = readTimestampResponse(response.rawPayload);
    expect(read.status).toBe('granted');
    const configuration = (await app.inject({ url: '/api/exchange/federations/wessex/configuration' })).json().configuration;
    const verified = verifyTimestampToken(read.token!, {
      digest,
      trustAnchors: [configuration.certificationAuthorities[0].certificatePem],
      now: new Date(),
    });
    expect(verified.genTime).toBeInstanceOf(Date);
    const garbage = await app.inject({
      method: 'POST',
      url: '/api/exchange/federations/wessex/timestamps',
      headers: { 'content-type': 'application/timestamp-query' },
      payload: Buffer.from('not DER'),
    });
    expect(readTimestampResponse(garbage.rawPayload).status).toBe('rejected');
  });

  it('accepts a gateway report signed with its sign key, once; refuses one that is altered', async () => {
    const report = {
      gatewayId: 'wessex/GOV/wessex-council/gw1',
      periodStart: '2026-03-02T08:55:00.000Z',
      periodEnd: '2026-03-02T09:00:00.000Z',
      logHead: { seq: 42, hash: 'ab'.repeat(32) },
      lastCheckpointSeq: 40,
      services: [
        {
          service: 'wessex/GOV/wessex-council/addresses/address-lookup/v1',
          client: 'wessex/GOV/casterbridge/housing',
          requests: 120,
          errors: 2,
          faults: { 'Server.ServerProxy.AccessDenied': 2 },
          p50Ms: 12,
          p99Ms: 80,
        },
      ],
      certificates: [],
    };
    const signature = sign(null, canonicalJson(report), signKey).toString('base64');
    const accepted = await app.inject({
      method: 'POST',
      url: '/api/exchange/federations/wessex/gateway-reports',
      payload: { report, signature },
    });
    expect(accepted.statusCode).toBe(202);
    const duplicate = await app.inject({
      method: 'POST',
      url: '/api/exchange/federations/wessex/gateway-reports',
      payload: { report, signature },
    });
    expect(duplicate.statusCode).toBe(200);
    expect(duplicate.json()).toMatchObject({ id: accepted.json().id, isDuplicate: true });
    const altered = await app.inject({
      method: 'POST',
      url: '/api/exchange/federations/wessex/gateway-reports',
      payload: { report: { ...report, services: [{ ...report.services[0], errors: 0 }] }, signature },
    });
    expect(altered.statusCode).toBe(401);
    expect(altered.json().code).toBe('EXCHANGE_REPORT_SIGNATURE_INVALID');
    const overview = await app.inject({
      url: '/api/exchange/federations/wessex/operations',
      headers: { authorization: bearer['wessex.admin']! },
    });
    expect(overview.statusCode).toBe(200);
    expect(overview.json().gateways[0]).toMatchObject({
      gatewayId: 'wessex/GOV/wessex-council/gw1',
      health: 'reporting',
      logHead: { seq: 42 },
    });
    expect(overview.json().traffic[0]).toMatchObject({ requests: 120, errors: 2, p50Ms: 12, p99Ms: 80 });
  });

  it('shows which configuration each gateway routes by, and one still routing by an old one as behind', async () => {
    const operations = async () =>
      (await app.inject({ url: '/api/exchange/federations/wessex/operations', headers: { authorization: bearer['wessex.admin']! } })).json()
        .gateways[0];
    const started = t.clock.now;
    const report = async (configurationSerial: number, minute: number) => {
      const body = {
        gatewayId: 'wessex/GOV/wessex-council/gw1',
        periodStart: new Date(started.getTime() + (minute - 2) * 60_000).toISOString(),
        periodEnd: new Date(started.getTime() + (minute - 1) * 60_000).toISOString(),
        logHead: { seq: 50 + minute, hash: 'cd'.repeat(32) },
        lastCheckpointSeq: 40,
        configurationSerial,
        services: [],
        certificates: [],
      };
      const signature = sign(null, canonicalJson(body), signKey).toString('base64');
      const answer = await app.inject({
        method: 'POST',
        url: '/api/exchange/federations/wessex/gateway-reports',
        payload: { report: body, signature },
      });
      expect(answer.statusCode, answer.body).toBe(202);
    };
    try {
      const current = (await latestConfiguration(t.authority, 'wessex'))!.configuration.serial;
      await report(current, 0);
      expect(await operations()).toMatchObject({ configurationSerial: current, isConfigurationBehind: false });
      await publishConfiguration(t.authority, CLI, 'wessex');
      // Just published: the gateway has not had time to download it yet.
      await report(current, 1);
      expect(await operations()).toMatchObject({ isConfigurationBehind: false });
      t.clock.now = new Date(started.getTime() + 20 * 60_000);
      await report(current, 2);
      expect(await operations()).toMatchObject({ configurationSerial: current, isConfigurationBehind: true });
    } finally {
      t.clock.now = started;
    }
  });
});

describe('signed-in routes', () => {
  it('needs a sign-in', async () => {
    const response = await app.inject({ url: '/api/exchange/federations/wessex/members' });
    expect(response.statusCode).toBe(401);
  });

  it('a member’s administrator may not admit members: 403, audited, nothing changed', async () => {
    const before = await countRows(t.database);
    const response = await app.inject({
      method: 'POST',
      url: '/api/exchange/federations/wessex/members',
      headers: { authorization: bearer['casterbridge.admin']! },
      payload: { organisationCode: 'budmouth' },
    });
    expect(response.statusCode).toBe(403);
    expect(response.json().code).toBe('EXCHANGE_FORBIDDEN');
    expect(await countRows(t.database)).toEqual(before);
    const { rows } = await sql<{
      action: string;
      actor_username: string;
      subject_id: string;
    }>`select action, actor_username, subject_id from audit_events order by id desc limit 1`.execute(t.database.db);
    expect(rows[0]).toEqual({ action: 'access.refused', actor_username: 'casterbridge.admin', subject_id: 'wessex' });
  });

  it('the operator admits a member; the client proposes and the provider approves a grant', async () => {
    const admitted = await app.inject({
      method: 'POST',
      url: '/api/exchange/federations/wessex/members',
      headers: { authorization: bearer['wessex.admin']! },
      payload: { organisationCode: 'wessex-nhs' },
    });
    expect(admitted.statusCode).toBe(201);
    expect(admitted.json()).toMatchObject({ id: 'wessex/NHS/wessex-nhs', memberClass: 'NHS' });
    await app.inject({
      method: 'POST',
      url: '/api/exchange/federations/wessex/members/casterbridge/subsystems',
      headers: { authorization: bearer['casterbridge.admin']! },
      payload: { code: 'housing', name: 'Housing' },
    });
    const proposed = await app.inject({
      method: 'POST',
      url: '/api/exchange/federations/wessex/grants',
      headers: { authorization: bearer['casterbridge.admin']! },
      payload: {
        client: 'wessex/GOV/casterbridge/housing',
        service: 'wessex/GOV/wessex-council/addresses/address-lookup/v1',
        operations: ['*'],
        purpose: 'Addresses',
        lawfulBasis: '6(1)(e)',
        agreement: 'DSA 1',
        validFrom: '2026-03-01',
        expiresOn: '2027-03-01',
        recertifyBy: '2026-09-01',
      },
    });
    expect(proposed.statusCode).toBe(201);
    const id = proposed.json().id;
    const bySelf = await app.inject({
      method: 'POST',
      url: `/api/exchange/federations/wessex/grants/${id}/approve`,
      headers: { authorization: bearer['casterbridge.admin']! },
      payload: { note: 'please' },
    });
    expect(bySelf.statusCode).toBe(403);
    const approved = await app.inject({
      method: 'POST',
      url: `/api/exchange/federations/wessex/grants/${id}/approve`,
      headers: { authorization: bearer['wessex.admin']! },
      payload: { note: 'DSA signed' },
    });
    expect(approved.statusCode).toBe(200);
    expect(approved.json().status).toBe('approved');
    const list = await app.inject({
      url: '/api/exchange/federations/wessex/grants?status=approved',
      headers: { authorization: bearer['casterbridge.admin']! },
    });
    expect(list.json()).toHaveLength(1);
  });

  it('refuses a body that does not fit the schema, naming the field', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/exchange/federations/wessex/members/wessex-council/gateways',
      headers: { authorization: bearer['wessex.admin']! },
      payload: { gatewayCode: 'has space', address: 'https://x:1' },
    });
    expect(response.statusCode).toBe(400);
  });
});
