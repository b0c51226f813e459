/**
 * A test server holding the demo's data exchange (the Wessex and Lower Wessex federations, their
 * services and access rights, as loadDemoExchange sets them up), with three of the demo's
 * gateways enrolled as a real gateway enrols (its own keys, two certificate requests, the
 * one-time token from the demo's plan) and two of them having sent a signed report — what the
 * running demo's gateways do on first start, without starting them. One gateway certificate is
 * made to end in 12 days, for the operations page's warning.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sign, type KeyObject } from 'node:crypto';
import { addUser, saveOrganisations } from '@joinery/core';
import {
  canonicalJson,
  createCertificateRequest,
  enrolGateway,
  generateSigningKeyPair,
  openAuthority,
  receiveGatewayReport,
  type AuthorityContext,
  type GatewayReport,
} from '@joinery/exchange';
import { sql } from 'kysely';
import { loadDemoExchange } from '../src/demo-exchange.ts';
import { demoPlanFile, type DemoExchangePlan } from '../src/exchange/demo-gateways.ts';
import { PASSWORD, startTestServer, type TestServer } from './helpers.ts';

export { PASSWORD };

export const ADDRESS_SERVICE = 'wessex/GOV/wessex-council/addresses/address-lookup';
export const REFERRALS_SERVICE = 'wessex/GOV/casterbridge/housing-options/duty-to-refer';

export interface ExchangeTestServer extends TestServer {
  authority: AuthorityContext;
  /** Sign keys of the enrolled gateways, by gateway id. */
  signKeys: Map<string, KeyObject>;
}

const MORE_ORGANISATIONS = [
  { code: 'wessex-county', name: 'Wessex County Council', type: 'county-council' as const },
  { code: 'melchester', name: 'Melchester City Council', type: 'district-council' as const },
  { code: 'sandbourne', name: 'Sandbourne District Council', type: 'district-council' as const },
  { code: 'wessex-hospitals', name: 'Wessex Hospitals NHS Foundation Trust', type: 'nhs-trust' as const },
  { code: 'egdon-housing', name: 'Egdon Heath Housing Association', type: 'housing-association' as const },
];

/** A signed report from a gateway, as the gateway's reporter sends it every few minutes. */
export async function sendReport(t: ExchangeTestServer, report: GatewayReport) {
  const key = t.signKeys.get(report.gatewayId)!;
  return receiveGatewayReport(t.authority, { report, signature: sign(null, canonicalJson(report), key).toString('base64') });
}

export async function startExchangeTestServer(): Promise<ExchangeTestServer> {
  // One data folder for the server and the demo load, so that both open the authority's keys with the same exchange key.
  const dataDir = await mkdtemp(join(tmpdir(), 'joinery-exchange-access-'));
  const server = await startTestServer({ dataDir, publicUrl: 'http://localhost:3000' });
  await saveOrganisations(
    server.database,
    MORE_ORGANISATIONS.map((o) => ({ ...o, successorCode: null, identifiers: [], partnerships: [] })),
  );
  for (const [username, organisationCode] of [
    ['wessex-council.admin', 'wessex-council'],
    ['wessex-hospitals.admin', 'wessex-hospitals'],
  ] as const)
    await addUser(server.database, { username, displayName: username, password: PASSWORD, organisationCode, roles: ['admin'] });
  await loadDemoExchange(server.database, { dataDir, publicUrl: 'http://localhost:3000' });

  const authority = openAuthority(server.database, { dataDir });
  const plan = JSON.parse(readFileSync(demoPlanFile(dataDir), 'utf8')) as DemoExchangePlan;
  const signKeys = new Map<string, KeyObject>();
  for (const gateway of plan.gateways.filter((g) => g.gatewayId.startsWith('wessex/'))) {
    const auth = generateSigningKeyPair();
    const signing = generateSigningKeyPair();
    const subject = {
      organisationName: gateway.folder,
      memberId: gateway.gatewayId.split('/').slice(0, 3).join('/'),
      gatewayId: gateway.gatewayId,
    };
    await enrolGateway(authority, {
      token: gateway.token!,
      authCsrPem: await createCertificateRequest(auth.privateKey, subject),
      signCsrPem: await createCertificateRequest(signing.privateKey, subject),
    });
    signKeys.set(gateway.gatewayId, signing.privateKey);
  }
  const t: ExchangeTestServer = { ...server, authority, signKeys };
  const now = Date.now();
  const period = { periodStart: new Date(now - 5 * 60_000).toISOString(), periodEnd: new Date(now - 1000).toISOString(), certificates: [] };
  // The client's gateway and the provider's both report the same calls; the client's also a refusal it made itself.
  await sendReport(t, {
    gatewayId: 'wessex/GOV/casterbridge/gw1',
    ...period,
    logHead: { seq: 21, hash: 'c0ffee'.repeat(10) + 'abcd' },
    lastCheckpointSeq: 16,
    services: [
      {
        service: ADDRESS_SERVICE,
        client: 'wessex/GOV/casterbridge/housing',
        requests: 40,
        errors: 2,
        faults: { 'Server.ServerProxy.ServiceFailed': 2 },
        p50Ms: 12,
        p99Ms: 95,
      },
      {
        service: ADDRESS_SERVICE,
        client: 'wessex/GOV/casterbridge/waste',
        requests: 3,
        errors: 3,
        faults: { 'Server.ClientProxy.AccessDenied': 3 },
        p50Ms: 2,
        p99Ms: 4,
      },
    ],
  });
  await sendReport(t, {
    gatewayId: 'wessex/GOV/wessex-council/gw1',
    ...period,
    logHead: { seq: 18, hash: 'e74e6a4d'.repeat(8) },
    lastCheckpointSeq: 10,
    services: [
      {
        service: ADDRESS_SERVICE,
        client: 'wessex/GOV/casterbridge/housing',
        requests: 40,
        errors: 2,
        faults: { 'Server.ServerProxy.ServiceFailed': 2 },
        p50Ms: 8,
        p99Ms: 60,
      },
    ],
  });
  await sql`update exchange_certificates set not_after = now() + interval '12 days' where federation_code = 'wessex' and member_code = 'casterbridge' and usage = 'auth'`.execute(
    server.database.db,
  );
  return t;
}
