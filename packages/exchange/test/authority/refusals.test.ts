/**
 * Bad input is refused with a specific error and changes nothing: every case counts the
 * authority's rows before and after. Also: the private keys never reach the database in clear,
 * and a server with another key-encryption key cannot use them.
 */
import { randomBytes } from 'node:crypto';
import { JoineryError } from '@joinery/core';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addSubsystem,
  admitMember,
  createFederation,
  enrolGateway,
  openAuthority,
  proposeGrant,
  publishConfiguration,
  registerGateway,
  registerService,
  trustFederation,
  updateService,
  approveGrant,
  federationAnchor,
} from '../../src/authority/index.ts';
import { ADDRESS_API, CLI, countRows, gatewayRequests, startTestAuthority, type TestAuthority } from './helpers.ts';

let t: TestAuthority;
const SERVICE = 'wessex/GOV/wessex-council/addresses/address-lookup';
const GRANT = {
  federationCode: 'wessex',
  client: 'wessex/GOV/casterbridge/housing',
  service: SERVICE,
  operations: ['getAddress'],
  purpose: 'Addresses',
  lawfulBasis: 'UK GDPR 6(1)(e)',
  agreement: 'DSA 1',
  validFrom: '2026-03-01',
  expiresOn: '2027-03-01',
  recertifyBy: '2026-09-01',
};

beforeAll(async () => {
  t = await startTestAuthority();
  await createFederation(t.authority, CLI, {
    code: 'wessex',
    name: 'Wessex',
    publicUrl: 'http://localhost:3000',
    operatorOrganisationCode: 'wessex-council',
    organisationCodes: ['wessex-council', 'casterbridge'],
  });
  await addSubsystem(t.authority, CLI, { federationCode: 'wessex', memberCode: 'wessex-council', code: 'addresses', name: 'Addresses' });
  await addSubsystem(t.authority, CLI, { federationCode: 'wessex', memberCode: 'casterbridge', code: 'housing', name: 'Housing' });
  await registerGateway(t.authority, CLI, {
    federationCode: 'wessex',
    memberCode: 'wessex-council',
    gatewayCode: 'gw1',
    address: 'https://127.0.0.1:5501',
  });
  await registerService(t.authority, CLI, {
    federationCode: 'wessex',
    memberCode: 'wessex-council',
    subsystemCode: 'addresses',
    serviceCode: 'address-lookup',
    gatewayCode: 'gw1',
    title: 'Address lookup',
    openApi: ADDRESS_API,
  });
});
afterAll(async () => t.dispose());

/** Runs the change, expects it refused with the code, and that no row changed. */
async function refused(change: () => Promise<unknown>, code: string, status?: number): Promise<JoineryError> {
  const before = await countRows(t.database);
  const error = await change().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, `expected ${code}`).toBeInstanceOf(JoineryError);
  expect((error as JoineryError).code).toBe(code);
  if (status) expect((error as JoineryError).status).toBe(status);
  expect(await countRows(t.database)).toEqual(before);
  return error as JoineryError;
}

describe('unknown and malformed', () => {
  it('unknown organisation, member, subsystem, service', async () => {
    await refused(
      () => admitMember(t.authority, CLI, { federationCode: 'wessex', organisationCode: 'atlantis' }),
      'EXCHANGE_ORGANISATION_UNKNOWN',
      404,
    );
    await refused(
      () =>
        createFederation(t.authority, CLI, { code: 'other', name: 'Other', publicUrl: 'http://x', operatorOrganisationCode: 'atlantis' }),
      'EXCHANGE_ORGANISATION_UNKNOWN',
      404,
    );
    await refused(
      () => addSubsystem(t.authority, CLI, { federationCode: 'wessex', memberCode: 'budmouth', code: 'x', name: 'X' }),
      'EXCHANGE_MEMBER_UNKNOWN',
      404,
    );
    await refused(
      () =>
        registerService(t.authority, CLI, {
          federationCode: 'wessex',
          memberCode: 'wessex-council',
          subsystemCode: 'nope',
          serviceCode: 's',
          gatewayCode: 'gw1',
          title: 'S',
          openApi: ADDRESS_API,
        }),
      'EXCHANGE_SUBSYSTEM_UNKNOWN',
      404,
    );
    await refused(() => proposeGrant(t.authority, CLI, { ...GRANT, service: `${SERVICE}-nope` }), 'EXCHANGE_SERVICE_UNKNOWN', 404);
    await refused(
      () => proposeGrant(t.authority, CLI, { ...GRANT, client: 'wessex/GOV/casterbridge/nope' }),
      'EXCHANGE_CLIENT_UNKNOWN',
      404,
    );
    await refused(
      () => proposeGrant(t.authority, CLI, { ...GRANT, client: 'elsewhere/GOV/someone/system' }),
      'EXCHANGE_CLIENT_UNKNOWN',
      404,
    );
    await refused(
      () => admitMember(t.authority, CLI, { federationCode: 'nowhere', organisationCode: 'budmouth' }),
      'EXCHANGE_FEDERATION_UNKNOWN',
      404,
    );
  });

  it('malformed identifiers and codes', async () => {
    await refused(
      () => admitMember(t.authority, CLI, { federationCode: 'Wessex!', organisationCode: 'budmouth' }),
      'EXCHANGE_ID_INVALID',
      400,
    );
    await refused(() => proposeGrant(t.authority, CLI, { ...GRANT, client: 'wessex/GOV/casterbridge' }), 'EXCHANGE_ID_INVALID', 400);
    await refused(() => proposeGrant(t.authority, CLI, { ...GRANT, service: 'wessex/GOV' }), 'EXCHANGE_ID_INVALID', 400);
    await refused(
      () => approveGrant(t.authority, CLI, { federationCode: 'wessex', grantId: "1'; drop table exchange_grants; --", note: 'x' }),
      'EXCHANGE_ID_INVALID',
      400,
    );
    const gateway = await refused(
      () =>
        registerGateway(t.authority, CLI, {
          federationCode: 'wessex',
          memberCode: 'casterbridge',
          gatewayCode: 'gw 1',
          address: 'http://127.0.0.1/x',
        }),
      'EXCHANGE_GATEWAY_INVALID',
      400,
    );
    expect(gateway.details.map((d) => d.field)).toEqual(['gatewayCode', 'address']);
    await refused(
      () =>
        createFederation(t.authority, CLI, {
          code: 'x',
          name: '',
          publicUrl: 'ftp://x',
          operatorOrganisationCode: 'wessex-council',
          configurationValidityHours: 0,
        }),
      'EXCHANGE_FEDERATION_INVALID',
      400,
    );
    // "new" would be the page that creates a federation, not this one's.
    const reserved = await refused(
      () =>
        createFederation(t.authority, CLI, {
          code: 'new',
          name: 'New',
          publicUrl: 'http://localhost:3000',
          operatorOrganisationCode: 'wessex-council',
        }),
      'EXCHANGE_FEDERATION_INVALID',
      400,
    );
    expect(reserved.details).toEqual([{ field: 'code', message: 'The federation code "new" is reserved: choose another' }]);
  });
});

describe('service descriptions', () => {
  const register = (openApi: unknown, serviceCode = 'lookup2') =>
    registerService(t.authority, CLI, {
      federationCode: 'wessex',
      memberCode: 'wessex-council',
      subsystemCode: 'addresses',
      serviceCode,
      gatewayCode: 'gw1',
      title: 'Lookup',
      openApi,
    });

  it('refuses OpenAPI 3.0, a document without paths, and lists every problem at once', async () => {
    const v30 = await refused(() => register({ ...ADDRESS_API, openapi: '3.0.3' }), 'EXCHANGE_OPENAPI_INVALID', 400);
    expect(v30.details[0]).toMatchObject({ field: '/openapi', message: expect.stringContaining('convert it from 3.0') });
    const many = await refused(() => register({ openapi: '3.1.0', info: { title: '' } }), 'EXCHANGE_OPENAPI_INVALID', 400);
    expect(many.details.map((d) => d.field)).toEqual(['/info/title', '/info/version', '/paths']);
    const duplicate = await refused(
      () =>
        register({
          ...ADDRESS_API,
          paths: { '/a': { get: { operationId: 'same' } }, '/b': { post: { operationId: 'same' } }, c: { get: {} } },
        }),
      'EXCHANGE_OPENAPI_INVALID',
    );
    expect(duplicate.details.map((d) => d.message)).toEqual([
      expect.stringContaining('must be unique'),
      expect.stringContaining('must start with "/"'),
    ]);
    await refused(() => register('not an object'), 'EXCHANGE_OPENAPI_INVALID');
  });

  it('refuses hostile documents: too large, too deep, NUL characters', async () => {
    await refused(() => register({ ...ADDRESS_API, padding: 'x'.repeat(1_100_000) }), 'EXCHANGE_OPENAPI_TOO_LARGE', 413);
    let deep: unknown = {};
    for (let i = 0; i < 200; i++) deep = { deeper: deep };
    const tooDeep = await refused(() => register({ ...ADDRESS_API, 'x-deep': deep }), 'EXCHANGE_OPENAPI_INVALID');
    expect(tooDeep.details[0]!.message).toContain('deeper than 64');
    await refused(() => register({ ...ADDRESS_API, info: { title: 'a\u0000b', version: '1' } }), 'EXCHANGE_OPENAPI_INVALID');
  });

  it('derives missing operationIds as <method>-<path>, and refuses a change that drops a granted operation', async () => {
    const { service, derivedOperationIds } = await register(
      {
        openapi: '3.1.0',
        info: { title: 'T', version: '1' },
        paths: { '/people/{id}/addresses': { get: {}, delete: { operationId: 'forget' } } },
      },
      'derived',
    );
    expect(derivedOperationIds).toEqual(['get-people-id-addresses']);
    expect(service.operations.map((o) => o.operationId).sort()).toEqual(['forget', 'get-people-id-addresses']);
    const grant = await proposeGrant(t.authority, CLI, { ...GRANT, service: service.id, operations: ['forget'] });
    const dropped = await refused(
      () => updateService(t.authority, CLI, { federationCode: 'wessex', serviceId: service.id, openApi: ADDRESS_API }),
      'EXCHANGE_OPENAPI_INVALID',
    );
    expect(dropped.details[0]!.message).toContain(grant.id);
  });
});

describe('grants', () => {
  it('refuses operationIds the service does not have, and recertification after expiry', async () => {
    const unknown = await refused(
      () => proposeGrant(t.authority, CLI, { ...GRANT, operations: ['getAddress', 'deleteEverything'] }),
      'EXCHANGE_GRANT_INVALID',
      400,
    );
    expect(unknown.details).toEqual([
      { field: 'operations', message: expect.stringContaining('"deleteEverything" is not an operationId') },
    ]);
    const late = await refused(() => proposeGrant(t.authority, CLI, { ...GRANT, recertifyBy: '2027-06-01' }), 'EXCHANGE_GRANT_INVALID');
    expect(late.details).toEqual([{ field: 'recertifyBy', message: expect.stringContaining('must be due by the day it stops working') }]);
    const dates = await refused(
      () =>
        proposeGrant(t.authority, CLI, {
          ...GRANT,
          validFrom: '2026-02-30',
          expiresOn: '2025-01-01',
          operations: ['*', 'getAddress'],
          purpose: ' ',
        }),
      'EXCHANGE_GRANT_INVALID',
    );
    expect(dates.details.map((d) => d.field).sort()).toEqual(['expiresOn', 'operations', 'purpose', 'recertifyBy', 'validFrom']);
  });

  it('a grant needs the client or the provider; approval a note', async () => {
    await refused(() => proposeGrant(t.authority, t.actors.budmouthAdmin, GRANT), 'EXCHANGE_FORBIDDEN', 403);
    await refused(() => proposeGrant(t.authority, t.actors.casterbridgeViewer, GRANT), 'EXCHANGE_FORBIDDEN', 403);
    const grant = await proposeGrant(t.authority, t.actors.casterbridgeAdmin, GRANT);
    await refused(
      () => approveGrant(t.authority, t.actors.wessexAdmin, { federationCode: 'wessex', grantId: grant.id, note: '' }),
      'EXCHANGE_GRANT_INVALID',
      400,
    );
  });
});

describe('enrolment tokens and certificate requests', () => {
  it('refuses a used, expired or forged token and a tampered request, spending nothing', async () => {
    const { token } = await registerGateway(t.authority, CLI, {
      federationCode: 'wessex',
      memberCode: 'casterbridge',
      gatewayCode: 'gw1',
      address: 'https://casterbridge.example:5501',
    });
    const requests = await gatewayRequests('wessex/GOV/casterbridge/gw1');
    const { authCsrPem, signCsrPem } = requests;

    // A request whose signature no longer matches its content.
    const der = Buffer.from(authCsrPem.replace(/-----[^-]+-----|\s/g, ''), 'base64');
    der[der.length - 5]! ^= 0x01;
    const tampered = `-----BEGIN CERTIFICATE REQUEST-----\n${der.toString('base64').replace(/(.{64})/g, '$1\n')}\n-----END CERTIFICATE REQUEST-----\n`;
    const bad = await refused(
      () => enrolGateway(t.authority, { token, authCsrPem: tampered, signCsrPem }),
      'EXCHANGE_CERTIFICATE_REQUEST_INVALID',
      400,
    );
    expect(bad.details[0]).toMatchObject({ field: 'authCsrPem', message: expect.stringContaining('not signed by its own key') });
    await refused(() => enrolGateway(t.authority, { token, authCsrPem, signCsrPem: authCsrPem }), 'EXCHANGE_CERTIFICATE_REQUEST_INVALID');
    await refused(() => enrolGateway(t.authority, { token, authCsrPem: 'hello', signCsrPem }), 'EXCHANGE_CERTIFICATE_REQUEST_INVALID');

    // A token whose claims were changed to another gateway, and one that is not a token.
    const [, header, secret] = token.split('.');
    const claims = JSON.parse(Buffer.from(header!, 'base64url').toString());
    const other = Buffer.from(JSON.stringify({ ...claims, g: 'wessex/GOV/wessex-council/gw1' })).toString('base64url');
    await refused(
      () => enrolGateway(t.authority, { token: `jx1.${other}.${secret}`, authCsrPem, signCsrPem }),
      'EXCHANGE_ENROLMENT_TOKEN_INVALID',
      401,
    );
    await refused(
      () => enrolGateway(t.authority, { token: `jx1.${header}.${randomBytes(32).toString('base64url')}`, authCsrPem, signCsrPem }),
      'EXCHANGE_ENROLMENT_TOKEN_INVALID',
      401,
    );
    await refused(
      () => enrolGateway(t.authority, { token: 'jny_not-ours', authCsrPem, signCsrPem }),
      'EXCHANGE_ENROLMENT_TOKEN_INVALID',
      401,
    );

    // After 24 hours the token has expired…
    const start = t.clock.now;
    t.clock.now = new Date(start.getTime() + 25 * 3_600_000);
    await refused(() => enrolGateway(t.authority, { token, authCsrPem, signCsrPem }), 'EXCHANGE_ENROLMENT_TOKEN_EXPIRED', 401);
    t.clock.now = start;
    // …and until then it works, once.
    await enrolGateway(t.authority, { token, authCsrPem, signCsrPem });
    await refused(() => enrolGateway(t.authority, { token, authCsrPem, signCsrPem }), 'EXCHANGE_ENROLMENT_TOKEN_USED', 409);
    const { rows } = await sql<{
      action: string;
      outcome: string;
    }>`select action, outcome from audit_events where action = 'exchange.gateway.enrol' order by id`.execute(t.database.db);
    expect(rows.filter((r) => r.outcome === 'refused')).toHaveLength(8);
    expect(rows.filter((r) => r.outcome === 'success')).toHaveLength(1);
  });
});

describe('trust', () => {
  it('refuses an anchor whose key id is not its key’s', async () => {
    const anchor = await federationAnchor(t.authority, 'wessex');
    const altered = { ...anchor.signingKeys[0]!, keyId: 'ab'.repeat(32) };
    const error = await refused(
      () =>
        trustFederation(t.authority, CLI, {
          federationCode: 'wessex',
          code: 'lower-wessex',
          name: 'Lower Wessex',
          configurationUrl: 'https://lw.example/api/exchange/federations/lower-wessex/configuration',
          signingKeys: [altered],
        }),
      'EXCHANGE_TRUST_INVALID',
      400,
    );
    expect(error.details[0]!.message).toContain('has been altered or mistyped');
  });
});

describe('keys', () => {
  it('no private key is in the database in clear, and another key-encryption key cannot open them', async () => {
    const { rows } = await sql<{ text: string }>`
      select encrypted_private_key as text from exchange_authority_keys
      union all select signed_document::text from exchange_configurations
      union all select certificate_pem from exchange_certificates`.execute(t.database.db);
    expect(rows.length).toBeGreaterThan(3);
    for (const { text } of rows) expect(text).not.toMatch(/PRIVATE KEY/);
    const stranger = openAuthority(t.database, { dataDir: 'memory://', keyEncryptionKey: randomBytes(32) });
    await refused(() => publishConfiguration(stranger, CLI, 'wessex'), 'EXCHANGE_KEY_MISMATCH', 500);
  });
});
