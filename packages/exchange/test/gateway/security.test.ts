/**
 * What a provider's gateway does with requests a well-behaved gateway would never send:
 * tampered headers or body, replays, skewed clocks, a gateway speaking for another member,
 * missing access rights — each refused with its own X-Road error, recorded in the log, and the
 * provider's system never called. Certificates: untrusted, expired, revoked, revoked members.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createCertificateAuthority } from '../../src/pki/index.ts';
import type { RunningGateway } from '../../src/gateway/gateway.ts';
import { callLocal, records, rogueCall, setUpExchange, type ExchangeSetup } from './helpers.ts';

let setup: ExchangeSetup;
let provider: RunningGateway;
let path: string;

beforeAll(async () => {
  setup = await setUpExchange();
  provider = await setup.start(setup.provider);
  path = `/r1/${setup.serviceId}/addresses/100040001`;
});
afterAll(() => setup.close());

async function expectRefused(
  answer: { status: number; json: Record<string, unknown>; headers: Record<string, unknown> },
  type: string,
  detail?: RegExp,
) {
  expect(answer.json.type).toBe(type);
  expect(answer.headers['x-road-error']).toBe(type);
  if (detail) expect(String(answer.json.detail)).toMatch(detail);
  const entries = await records(provider, String(answer.json.messageId));
  expect(entries.at(-1)!).toMatchObject({ fault: { type } });
}

describe('signed requests', () => {
  test('a correctly signed request is served', async () => {
    const answer = await rogueCall(setup.client, setup.provider, { path, client: setup.clientId });
    expect(answer.status).toBe(200);
    expect(answer.headers['signature-input']).toContain('jxr=');
  });

  test('a tampered body fails its digest', async () => {
    const calls = setup.backend.calls.length;
    const answer = await rogueCall(
      setup.client,
      setup.provider,
      { path: `/r1/${setup.serviceId}/matches`, method: 'POST', client: setup.clientId, body: '{"address":"1 High St"}' },
      (r) => {
        r.body = Buffer.from('{"address":"2 High St"}');
      },
    );
    await expectRefused(answer, 'Server.ServerProxy.InvalidSignature', /digest/i);
    expect(setup.backend.calls.length).toBe(calls);
  });

  test('a tampered covered header fails the signature', async () => {
    const answer = await rogueCall(setup.client, setup.provider, { path, client: setup.clientId }, (r) => {
      r.headers['x-road-userid'] = 'someone-else';
      r.headers['content-type'] = 'text/plain';
    });
    expect(answer.json.type).toBe('Server.ServerProxy.InvalidSignature');
  });

  test('a tampered path fails the signature', async () => {
    const answer = await rogueCall(setup.client, setup.provider, { path, client: setup.clientId }, (r) => {
      r.path = `/r1/${setup.serviceId}/addresses/999`;
    });
    await expectRefused(answer, 'Server.ServerProxy.InvalidSignature');
  });

  test('a missing or garbled signature is refused', async () => {
    const missing = await rogueCall(setup.client, setup.provider, { path, client: setup.clientId }, (r) => {
      delete r.headers['signature'];
    });
    await expectRefused(missing, 'Server.ServerProxy.InvalidSignature');
    const garbled = await rogueCall(setup.client, setup.provider, { path, client: setup.clientId }, (r) => {
      r.headers['signature-input'] = 'jx=("@method";created=oops';
    });
    await expectRefused(garbled, 'Server.ServerProxy.InvalidSignature');
  });

  test('a replayed message is refused the second time', async () => {
    const messageId = crypto.randomUUID();
    const first = await rogueCall(setup.client, setup.provider, { path, client: setup.clientId, messageId });
    expect(first.status).toBe(200);
    const again = await rogueCall(setup.client, setup.provider, { path, client: setup.clientId, messageId });
    expect(again.json.type).toBe('Server.ServerProxy.ReplayedMessage');
  });

  test('a request signed five minutes ahead or behind is stale', async () => {
    const ahead = await rogueCall(setup.client, setup.provider, { path, client: setup.clientId, now: new Date(Date.now() + 5 * 60_000) });
    await expectRefused(ahead, 'Server.ServerProxy.StaleMessage');
    const behind = await rogueCall(setup.client, setup.provider, { path, client: setup.clientId, now: new Date(Date.now() - 5 * 60_000) });
    await expectRefused(behind, 'Server.ServerProxy.StaleMessage');
  });

  test('a gateway may only speak for its own member', async () => {
    const answer = await rogueCall(setup.client, setup.provider, { path, client: `${setup.provider.memberId}/addresses` });
    await expectRefused(answer, 'Server.ServerProxy.AccessDenied', /may not speak for/);
  });

  test('the provider checks the access right itself', async () => {
    const answer = await rogueCall(setup.client, setup.provider, { path, client: `${setup.client.memberId}/waste` });
    await expectRefused(answer, 'Server.ServerProxy.AccessDenied');
  });

  test('the answer is bound to its request', async () => {
    const answer = await rogueCall(setup.client, setup.provider, { path, client: setup.clientId });
    expect(String(answer.headers['signature-input'])).toContain('"signature";req;key="jx"');
  });
});

describe('certificates and members', () => {
  test('a gateway certificate from another CA is refused, and recorded', async () => {
    const foreignCa = await createCertificateAuthority({ name: 'Someone else', federation: 'elsewhere' });
    const impostor = await setup.federation.addGateway({ memberCode: 'impostor', subsystems: ['x'], gatewayCode: 'gw1', foreignCa });
    setup.federation.publish();
    await provider.refreshConfiguration();
    const answer = await rogueCall(impostor, setup.provider, { path, client: `${impostor.memberId}/x` });
    expect(answer.json.type).toBe('Server.ServerProxy.InvalidCertificate');
  });

  test('an expired gateway certificate is refused', async () => {
    const expired = await setup.federation.addGateway({
      memberCode: 'lapsed',
      subsystems: ['x'],
      authNotAfter: new Date(Date.now() - 60_000),
    });
    setup.federation.grant({ client: `${expired.memberId}/x`, service: setup.serviceId });
    setup.federation.publish();
    await provider.refreshConfiguration();
    const answer = await rogueCall(expired, setup.provider, { path, client: `${expired.memberId}/x` });
    expect(answer.json.type).toBe('Server.ServerProxy.InvalidCertificate');
    expect(String(answer.json.detail)).toMatch(/expired/i);
  });

  test('a revoked certificate and a revoked member are refused', async () => {
    const member = await setup.federation.addGateway({ memberCode: 'budmouth', subsystems: ['housing'] });
    setup.federation.grant({ client: `${member.memberId}/housing`, service: setup.serviceId });
    setup.federation.publish();
    await provider.refreshConfiguration();
    expect((await rogueCall(member, setup.provider, { path, client: `${member.memberId}/housing` })).status).toBe(200);

    setup.federation.publish((c) =>
      c.revokedCertificates.push({ serialNumber: member.authSerial, revokedAt: new Date().toISOString(), reason: 'key compromise' }),
    );
    await provider.refreshConfiguration();
    const revoked = await rogueCall(member, setup.provider, { path, client: `${member.memberId}/housing` });
    expect(revoked.json.type).toBe('Server.ServerProxy.InvalidCertificate');
    expect(String(revoked.json.detail)).toMatch(/revoked/);

    setup.federation.publish((c) => {
      c.revokedCertificates = [];
      c.members.find((m) => m.id === member.memberId)!.status = 'revoked';
    });
    await provider.refreshConfiguration();
    const memberRevoked = await rogueCall(member, setup.provider, { path, client: `${member.memberId}/housing` });
    expect(memberRevoked.json.type).toBe('Server.ServerProxy.MemberRevoked');
  });

  test('a gateway whose own certificate is revoked, or that is left out of the configuration, says so itself', async () => {
    const member = await setup.federation.addGateway({ memberCode: 'casterbridge-north', subsystems: ['housing'] });
    setup.federation.publish();
    const told: string[] = [];
    const running = await setup.start(member, { onProblem: (problem: string) => told.push(problem) });
    const health = async () => {
      const response = await fetch(`http://127.0.0.1:${member.localPort}/gateway/health`);
      return { status: response.status, body: (await response.json()) as { isReady: boolean; problems: string[] } };
    };
    expect(await health()).toMatchObject({ status: 200, body: { isReady: true, problems: [] } });

    setup.federation.publish((c) =>
      c.revokedCertificates.push({ serialNumber: member.authSerial, revokedAt: new Date().toISOString(), reason: 'key compromise' }),
    );
    await running.refreshConfiguration();
    const revoked = await health();
    expect(revoked.status).toBe(503);
    expect(revoked.body.problems).toEqual([`Its TLS certificate ${member.authSerial.toLowerCase()} is revoked`]);
    expect(told.at(-1)).toBe(`This gateway cannot be reached: Its TLS certificate ${member.authSerial.toLowerCase()} is revoked`);

    setup.federation.publish((c) => {
      c.gateways = c.gateways.filter((g) => g.id !== member.id);
    });
    await running.refreshConfiguration();
    const leftOut = await health();
    expect(leftOut.status).toBe(503);
    expect(leftOut.body.problems.at(-1)).toMatch(
      new RegExp(`^${member.id} is not in the federation's configuration .*enrol it again in a new folder$`),
    );
    expect(told.filter((t) => t.startsWith('This gateway cannot be reached'))).toHaveLength(2); // told on change, not at every refresh
    await running.refreshConfiguration();
    expect(told.filter((t) => t.startsWith('This gateway cannot be reached'))).toHaveLength(2);
  });

  test('an expired grant stops working and says why', async () => {
    const member = await setup.federation.addGateway({ memberCode: 'melchester', subsystems: ['housing'] });
    setup.federation.grant({
      client: `${member.memberId}/housing`,
      service: setup.serviceId,
      validFrom: '2020-01-01',
      expiresOn: '2021-01-01',
      recertifyBy: '2020-06-01',
      agreement: 'Melchester address DSA 2020',
    });
    setup.federation.publish();
    await provider.refreshConfiguration();
    const running = await setup.start(member);
    const answer = await callLocal(running, path, { client: `${member.memberId}/housing` });
    expect(answer.json).toMatchObject({ type: 'Server.ClientProxy.GrantExpired' });
    expect(String(answer.json!.detail)).toMatch(/expired on 2021-01-01.*Melchester address DSA 2020/);
    const direct = await rogueCall(member, setup.provider, { path, client: `${member.memberId}/housing` });
    await expectRefused(direct, 'Server.ServerProxy.GrantExpired');
  });
});
