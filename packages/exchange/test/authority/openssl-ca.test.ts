/**
 * docs/exchange.md's "Members with their own PKI", as a member would do it: an OpenSSL CA
 * (ECDSA P-256, made with `openssl req`), trusted by the operators through the API; the gateway
 * asks for certificates (request-certificates), OpenSSL answers both requests with the
 * extensions file the guide gives, and the gateway enrols with them (initGateway, against the
 * authority's HTTP API). Then the CA revokes the gateway's TLS certificate with `openssl ca`, its
 * CRL is applied through the API, and the certificate is revoked in the federation too. Skipped,
 * with a message, where `openssl` is not on PATH.
 */
import { spawnSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApiToken } from '@joinery/core';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFederation, latestConfiguration, listCertificates, registerGateway } from '../../src/authority/index.ts';
import { initGateway, requestCertificates } from '../../src/gateway/enrol.ts';
import { gatewayFiles } from '../../src/gateway/gateway-settings.ts';
import { buildTestApp, CLI, startTestAuthority, type TestAuthority } from './helpers.ts';

const version = spawnSync('openssl', ['version'], { encoding: 'utf8' });
const hasOpenssl = !version.error && version.status === 0;
if (!hasOpenssl) console.warn('openssl is not on PATH: skipping the OpenSSL certification authority walk-through');

let t: TestAuthority;
let app: FastifyInstance;
let dir: string;
let bearer: string;
const file = (name: string) => join(dir, name);

function openssl(...args: string[]) {
  const result = spawnSync('openssl', args, { cwd: dir, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`openssl ${args[0]}: ${result.stderr}`);
}

/** The gateway's HTTP calls, answered by the authority's routes in this process. */
const authorityFetch = (async (url: string | URL, init: RequestInit = {}) => {
  const answer = await app.inject({
    method: (init.method ?? 'GET') as 'GET' | 'POST',
    url: new URL(url).pathname,
    headers: init.headers as Record<string, string>,
    payload: init.body as string,
  });
  return new Response(answer.body, { status: answer.statusCode, headers: { 'content-type': String(answer.headers['content-type']) } });
}) as typeof fetch;

beforeAll(async () => {
  if (!hasOpenssl) return;
  t = await startTestAuthority(new Date());
  // OpenSSL's certificates start the second they are made: the authority's clock runs in real time here.
  Object.defineProperty(t.clock, 'now', { get: () => new Date() });
  app = await buildTestApp(t);
  await createFederation(t.authority, CLI, {
    code: 'pilot',
    name: 'Pilot exchange',
    publicUrl: 'http://localhost:3000',
    operatorOrganisationCode: 'wessex-council',
    organisationCodes: ['wessex-council', 'budmouth'],
  });
  dir = mkdtempSync(join(tmpdir(), 'joinery-openssl-ca-'));
  // The member's own CA, as an organisation's PKI team would make one.
  openssl(
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', 'budmouth-ca.key',
    '-out', 'budmouth-ca.pem', '-days', '3650', '-subj', '/C=GB/O=Budmouth Borough Council/CN=Budmouth issuing CA',
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign',
  ); // prettier-ignore
});
afterAll(async () => {
  await app?.close();
  await t?.dispose();
});

describe.skipIf(!hasOpenssl)('a member’s OpenSSL certification authority', () => {
  it('is trusted by the operators, answers the gateway’s requests, and the gateway enrols with its certificates', async () => {
    bearer = `Bearer ${(await createApiToken(t.database, 'wessex.admin', 'tests')).token}`;
    const trusted = await app.inject({
      method: 'POST',
      url: '/api/exchange/federations/pilot/certification-authorities',
      headers: { authorization: bearer },
      payload: { name: 'Budmouth issuing CA', certificatePem: readFileSync(file('budmouth-ca.pem'), 'utf8') },
    });
    expect(trusted.statusCode, trusted.body).toBe(201);
    expect(trusted.statusCode).toBe(201);
    expect(trusted.json()).toMatchObject({ isExternal: true, subject: expect.stringContaining('CN=Budmouth issuing CA') });

    const { token } = await registerGateway(t.authority, t.actors.budmouthAdmin, {
      federationCode: 'pilot',
      memberCode: 'budmouth',
      gatewayCode: 'gw1',
      address: 'https://127.0.0.1:5501',
    });
    const gatewayDir = file('budmouth-gw');
    const requested = await requestCertificates({ dir: gatewayDir, token });
    expect(requested.authRequest).toBe(join(gatewayDir, 'requests', 'auth.csr.pem'));

    // The guide's extensions file and commands, as given.
    writeFileSync(
      file('gateway.ext'),
      [
        '[auth]',
        'basicConstraints = critical, CA:FALSE',
        'keyUsage = critical, digitalSignature',
        'extendedKeyUsage = serverAuth, clientAuth',
        '[sign]',
        'basicConstraints = critical, CA:FALSE',
        'keyUsage = critical, digitalSignature, nonRepudiation',
      ].join('\n'),
    );
    for (const usage of ['auth', 'sign'])
      openssl(
        'x509', '-req', '-in', `budmouth-gw/requests/${usage}.csr.pem`, '-CA', 'budmouth-ca.pem', '-CAkey', 'budmouth-ca.key',
        '-days', '365', '-extfile', 'gateway.ext', '-extensions', usage, '-out', `${usage}.pem`,
      ); // prettier-ignore

    // Swapped files are caught by the gateway itself, before the authority is asked.
    await expect(
      initGateway({ dir: gatewayDir, token, certificateFiles: { auth: file('sign.pem'), sign: file('auth.pem') }, fetch: authorityFetch }),
    ).rejects.toThrow(/is not for this gateway’s auth key/);

    const settings = await initGateway({
      dir: gatewayDir,
      token,
      certificateFiles: { auth: file('auth.pem'), sign: file('sign.pem') },
      fetch: authorityFetch,
    });
    expect(settings.gatewayId).toBe('pilot/GOV/budmouth/gw1');
    const files = gatewayFiles(gatewayDir);
    expect(readFileSync(files.authCertificate, 'utf8').trim()).toBe(readFileSync(file('auth.pem'), 'utf8').trim());
    expect(new X509Certificate(readFileSync(files.caCertificate)).subject).toContain('CN=Budmouth issuing CA');
    const configuration = (await latestConfiguration(t.authority, 'pilot'))!.configuration;
    expect(configuration.gateways.find((g) => g.id === 'pilot/GOV/budmouth/gw1')?.authCertificatePem.trim()).toBe(
      readFileSync(file('auth.pem'), 'utf8').trim(),
    );
  });

  it('revokes the gateway’s TLS certificate with openssl ca; the CRL, applied through the API, revokes it in the federation', async () => {
    // The guide's commands, as given: a minimal `openssl ca` set-up, the revocation, the list.
    writeFileSync(
      file('budmouth-ca.cnf'),
      [
        '[ca]',
        'default_ca = budmouth',
        '[budmouth]',
        'database = budmouth-ca/index.txt',
        'crlnumber = budmouth-ca/crlnumber',
        'certificate = budmouth-ca.pem',
        'private_key = budmouth-ca.key',
        'default_md = sha256',
        'default_crl_days = 7',
      ].join('\n'),
    );
    mkdirSync(file('budmouth-ca'));
    writeFileSync(file('budmouth-ca/index.txt'), '');
    writeFileSync(file('budmouth-ca/crlnumber'), '01\n');
    openssl('ca', '-config', 'budmouth-ca.cnf', '-revoke', 'auth.pem', '-crl_reason', 'keyCompromise');
    openssl('ca', '-config', 'budmouth-ca.cnf', '-gencrl', '-out', 'budmouth-ca.crl');

    const fingerprint = new X509Certificate(readFileSync(file('budmouth-ca.pem'))).fingerprint256.replace(/:/g, '').toLowerCase();
    // Without a token or a session the large body is never read.
    const anonymous = await app.inject({
      method: 'POST',
      url: `/api/exchange/federations/pilot/certification-authorities/${fingerprint}/revocation-list`,
      payload: { crl: readFileSync(file('budmouth-ca.crl'), 'utf8') },
    });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json()).toMatchObject({ code: 'CORE_SIGN_IN_REQUIRED' });
    const applied = await app.inject({
      method: 'POST',
      url: `/api/exchange/federations/pilot/certification-authorities/${fingerprint}/revocation-list`,
      headers: { authorization: bearer },
      payload: { crl: readFileSync(file('budmouth-ca.crl'), 'utf8') },
    });
    expect(applied.statusCode, applied.body).toBe(200);
    const serial = new X509Certificate(readFileSync(file('auth.pem'))).serialNumber.toLowerCase().replace(/^(00)+/, '');
    expect(applied.json()).toMatchObject({ listed: 1, revokedSerialNumbers: [serial], authority: { revocationList: { number: '1' } } });
    const configuration = (await latestConfiguration(t.authority, 'pilot'))!.configuration;
    expect(configuration.gateways.map((g) => g.id)).not.toContain('pilot/GOV/budmouth/gw1');
    const certificates = await listCertificates(t.authority, 'pilot', { gatewayCode: 'gw1' });
    expect(certificates.find((c) => c.usage === 'auth')?.revokedReason).toMatch(/\(keyCompromise\): revocation list number 1 of /);
  });
});
