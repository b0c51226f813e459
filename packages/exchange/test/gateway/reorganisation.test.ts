/**
 * Built for reorganisation: Casterbridge (a district) is succeeded by Wessex Council. During
 * dual running its service still answers and callers are told who the successor is; once it no
 * longer offers the service, calls go to the successor's; the successor's systems hold the
 * predecessor's access rights. And a neighbouring federation's member calls a Wessex service.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { RunningGateway } from '../../src/gateway/gateway.ts';
import { createTestFederation, type TestFederation } from '../../src/testing/test-federation.ts';
import { BACKEND_TOKEN, callLocal, records, setUpExchange, type ExchangeSetup } from './helpers.ts';

let setup: ExchangeSetup;
let provider: RunningGateway;
let hospital: RunningGateway;
let neighbour: TestFederation;

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  setup = await setUpExchange();
  const federation = setup.federation;
  // Casterbridge provides housing referrals; the successor (Wessex Council) provides the same service code.
  const referrals = federation.addService({
    provider: setup.client.memberId,
    subsystem: 'housing',
    code: 'referrals',
    gateway: setup.client.id,
    openApi: { paths: { '/referrals': { post: { operationId: 'referPatient' } } } },
  });
  const trust = await federation.addGateway({ memberCode: 'wessex-hospitals', memberClass: 'NHS', subsystems: ['discharges'] });
  federation.grant({ client: `${trust.memberId}/discharges`, service: referrals });
  const settings = JSON.parse((await import('node:fs')).readFileSync(`${setup.client.dir}/gateway.json`, 'utf8'));
  settings.backends['housing/referrals'] = { url: setup.backend.url, token: BACKEND_TOKEN };
  (await import('node:fs')).writeFileSync(`${setup.client.dir}/gateway.json`, JSON.stringify(settings));
  federation.configuration.members.find((m) => m.id === setup.provider.memberId)!.subsystems.push({ code: 'housing', name: 'housing' });
  federation.addService({
    provider: setup.provider.memberId,
    subsystem: 'housing',
    code: 'referrals',
    openApi: { paths: { '/referrals': { post: { operationId: 'referPatient' } } } },
  });
  const providerSettings = JSON.parse((await import('node:fs')).readFileSync(`${setup.provider.dir}/gateway.json`, 'utf8'));
  providerSettings.backends['housing/referrals'] = { url: setup.backend.url, token: BACKEND_TOKEN };
  (await import('node:fs')).writeFileSync(`${setup.provider.dir}/gateway.json`, JSON.stringify(providerSettings));
  federation.publish((c) =>
    c.successions.push({
      predecessor: setup.client.memberId,
      successor: setup.provider.memberId,
      dualRunningFrom: day(-10),
      dualRunningUntil: day(20),
    }),
  );
  provider = await setup.start(setup.provider);
  await setup.start(setup.client); // Casterbridge’s gateway, still serving during dual running
  hospital = await setup.start(trust);
});
afterAll(async () => {
  await setup.close();
  await neighbour?.close();
});

describe('succession', () => {
  test('during dual running the predecessor answers and the caller is told of the successor', async () => {
    const answer = await callLocal(hospital, `/r1/${setup.client.memberId}/housing/referrals/referrals`, {
      method: 'POST',
      client: `wessex/NHS/wessex-hospitals/discharges`,
      body: '{}',
    });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('x-joinery-successor')).toBe(setup.provider.memberId);
    expect(answer.headers.get('sunset')).toBe(new Date(`${day(21)}T00:00:00Z`).toUTCString());
    expect(answer.headers.get('deprecation')).toMatch(/^@\d+$/);
    expect(answer.headers.get('link')).toContain('rel="successor-version"');
  });

  test('the successor’s systems hold the predecessor’s access rights', async () => {
    const successorClient = `${setup.provider.memberId}/housing`;
    // Casterbridge's housing system had the address grant; Wessex Council's housing system inherits it.
    const answer = await callLocal(provider, `/r1/${setup.serviceId}/addresses/100040001`, { client: successorClient });
    expect(answer.status).toBe(200);
  });

  test('once the predecessor no longer offers the service, calls go to the successor’s, and say so', async () => {
    setup.federation.publish((c) => {
      c.services = c.services.filter((s) => s.id !== `${setup.client.memberId}/housing/referrals`);
      c.grants.push({
        ...c.grants.find((g) => g.service === `${setup.client.memberId}/housing/referrals`)!,
        id: 'carried',
        service: `${setup.provider.memberId}/housing/referrals`,
      });
    });
    await hospital.refreshConfiguration();
    await provider.refreshConfiguration();
    const answer = await callLocal(hospital, `/r1/${setup.client.memberId}/housing/referrals/referrals`, {
      method: 'POST',
      client: 'wessex/NHS/wessex-hospitals/discharges',
      body: '{}',
    });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('x-joinery-routed-to')).toBe(`${setup.provider.memberId}/housing/referrals`);
    expect(answer.headers.get('x-road-service')).toBe(`${setup.provider.memberId}/housing/referrals`);
  });

  test('after dual running a service the successor does not offer is gone, naming the successor', async () => {
    setup.federation.publish((c) => {
      c.successions[0]!.dualRunningFrom = day(-60);
      c.successions[0]!.dualRunningUntil = day(-30);
    });
    await hospital.refreshConfiguration();
    const answer = await callLocal(hospital, `/r1/${setup.client.memberId}/housing/nothing-here/x`, {
      client: 'wessex/NHS/wessex-hospitals/discharges',
    });
    expect(answer.status).toBe(410);
    expect(answer.json).toMatchObject({ type: 'Server.ClientProxy.SuccessionEnded' });
    expect(String(answer.json!.detail)).toContain(setup.provider.memberId);
  });
});

describe('federation with a neighbouring authority', () => {
  test('a member of Lower Wessex calls a Wessex service', async () => {
    neighbour = await createTestFederation({ instance: 'lower-wessex' });
    const exonbury = await neighbour.addGateway({ memberCode: 'exonbury', name: 'Exonbury City Council', subsystems: ['planning'] });
    const trustEachOther = (a: TestFederation, b: TestFederation) =>
      a.publish((c) =>
        c.trustedFederations.push({
          instance: b.instance,
          name: b.configuration.name,
          configurationUrl: b.configuration.authority.configurationUrl,
          signingKeys: b.configuration.authority.signingKeys,
        }),
      );
    neighbour.publish();
    setup.federation.grant({ client: `${exonbury.memberId}/planning`, service: setup.serviceId, operations: ['getAddress'] });
    trustEachOther(setup.federation, neighbour);
    trustEachOther(neighbour, setup.federation);
    await provider.refreshConfiguration();
    const running = await (await import('../../src/gateway/gateway.ts')).startGateway({ dir: exonbury.dir });
    setup.running.push(running);
    const answer = await callLocal(running, `/r1/${setup.serviceId}/addresses/100040001`, { client: `${exonbury.memberId}/planning` });
    expect(answer.status).toBe(200);
    const entries = await records(provider, answer.headers.get('x-road-id')!);
    expect(entries[0]!.peer).toBe(exonbury.id);
    const notGranted = await callLocal(running, `/r1/${setup.serviceId}/matches`, {
      method: 'POST',
      client: `${exonbury.memberId}/planning`,
      body: '{}',
    });
    expect(notGranted.json).toMatchObject({ type: 'Server.ClientProxy.AccessDenied' });
  });
});
