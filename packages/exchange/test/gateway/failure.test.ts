/**
 * When things go wrong between systems: the provider's gateway down, its system slow or down,
 * a gateway restarted mid-request, a client gateway with a wrong clock, a configuration that
 * expired. The caller gets a specific error, and no log entry is lost: both logs verify.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startGateway, type RunningGateway } from '../../src/gateway/gateway.ts';
import type { MessageRecord } from '../../src/log/index.ts';
import { callLocal, records, setUpExchange, type ExchangeSetup } from './helpers.ts';

let setup: ExchangeSetup;
let client: RunningGateway;
let path: string;

beforeAll(async () => {
  setup = await setUpExchange();
  client = await setup.start(setup.client);
  path = `/r1/${setup.serviceId}/addresses/100040001`;
});
afterAll(() => setup.close());

describe('failures', () => {
  test('the provider’s gateway is down', async () => {
    const answer = await callLocal(client, path, { client: setup.clientId });
    expect(answer.status).toBe(502);
    expect(answer.json).toMatchObject({ type: 'Server.ClientProxy.NetworkError' });
    const entries = await records(client, String(answer.json!.messageId));
    expect(entries.map((e) => e.direction)).toEqual(['request-out', 'refused']);
  });

  test('the provider’s system is slow, then down', async () => {
    const provider = await setup.start(setup.provider);
    setup.backend.delayMs = 2500;
    const slow = await callLocal(client, path, { client: setup.clientId });
    expect(slow.json).toMatchObject({ type: 'Server.ServerProxy.ServiceTimeout' });
    setup.backend.delayMs = 0;
    const entries = await records(provider, String(slow.json!.messageId));
    expect(entries.map((e) => e.direction)).toEqual(['request-in', 'response-out']);

    await setup.backend.close();
    const down = await callLocal(client, path, { client: setup.clientId });
    expect(down.json).toMatchObject({ type: 'Server.ServerProxy.ServiceFailed' });
    await provider.close();
    setup.running.splice(setup.running.indexOf(provider), 1);
  });

  test('the client’s log fails while its request is on the network: a log failure, not a crash', async () => {
    const provider = await setup.start(setup.provider);
    setup.backend.delayMs = 300;
    const log = client.context.log;
    const appendDeferred = log.appendDeferred.bind(log);
    // request-out takes its place, then its write fails after the request has left (the
    // provider's system is still answering).
    log.appendDeferred = (record) => {
      const entry = appendDeferred(record);
      const failed = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('disk gone')), 50));
      failed.catch(() => undefined);
      return { ...entry, durable: () => failed };
    };
    try {
      const answer = await callLocal(client, path, { client: setup.clientId });
      expect(answer.status).toBe(503);
      expect(answer.json).toMatchObject({ type: 'Server.ClientProxy.LogFailure', detail: expect.stringContaining('disk gone') });
    } finally {
      log.appendDeferred = appendDeferred;
      setup.backend.delayMs = 0;
      await provider.close();
      setup.running.splice(setup.running.indexOf(provider), 1);
    }
  });

  test('a client gateway whose clock is six minutes fast is told its messages are stale', async () => {
    const other = await setup.federation.addGateway({ memberCode: 'sandbourne', subsystems: ['housing'] });
    setup.federation.grant({ client: `${other.memberId}/housing`, service: setup.serviceId });
    setup.federation.publish();
    const provider = await setup.start(setup.provider);
    const skewed = await setup.start(other, { now: () => new Date(Date.now() + 6 * 60_000) });
    const answer = await callLocal(skewed, path, { client: `${other.memberId}/housing` });
    expect(answer.json).toMatchObject({ type: 'Server.ServerProxy.StaleMessage' });
    await skewed.close();
    await provider.close();
    setup.running.splice(setup.running.indexOf(skewed), 1);
    setup.running.splice(setup.running.indexOf(provider), 1);
  });
});

describe('restarts', () => {
  test('a gateway whose port is taken says which and what to do, and starts once it is free', async () => {
    const { createServer } = await import('node:net');
    const squatter = createServer();
    await new Promise<void>((resolve) => squatter.listen(setup.provider.localPort, '127.0.0.1', resolve));
    await expect(startGateway({ dir: setup.provider.dir })).rejects.toThrow(
      `Port ${setup.provider.localPort} on 127.0.0.1 is already in use (is this gateway, or another, already running?)`,
    );
    await new Promise((resolve) => squatter.close(resolve));
    const started = await startGateway({ dir: setup.provider.dir });
    await started.close();
  });

  test('a provider gateway stopped mid-request finishes the call first; one that crashes loses no log entry', async () => {
    const { startBackend, BACKEND_TOKEN } = await import('./helpers.ts');
    const { readFileSync, writeFileSync } = await import('node:fs');
    const backend = await startBackend();
    backend.delayMs = 600;
    const settingsFile = `${setup.provider.dir}/gateway.json`;
    const settings = JSON.parse(readFileSync(settingsFile, 'utf8'));
    settings.backends['addresses/address-lookup'] = { url: backend.url, token: BACKEND_TOKEN, timeoutMs: 5000 };
    writeFileSync(settingsFile, JSON.stringify(settings));

    const provider = await setup.start(setup.provider);
    const graceful = callLocal(client, path, { client: setup.clientId });
    await new Promise((resolve) => setTimeout(resolve, 300));
    await provider.close();
    const finished = await graceful;
    expect(finished.status).toBe(200);

    const second = await setup.start(setup.provider);
    const pending = callLocal(client, path, { client: setup.clientId });
    await new Promise((resolve) => setTimeout(resolve, 300));
    await second.close({ isAbrupt: true });
    const answer = await pending;
    expect(answer.json).toMatchObject({ type: 'Server.ClientProxy.NetworkError' });
    const messageId = String(answer.json!.messageId);

    const restarted = await setup.start(setup.provider);
    // What reached the provider was logged before its system was called (and, here, the system's lost answer too).
    expect((await records(restarted, messageId))[0]).toMatchObject({ direction: 'request-in', client: setup.clientId });
    expect((await records(restarted, finished.headers.get('x-road-id')!)).map((r) => r.direction)).toEqual(['request-in', 'response-out']);
    expect((await records(client, messageId)).map((r) => r.direction)).toEqual(['request-out', 'refused']);
    backend.delayMs = 0;
    expect((await callLocal(client, path, { client: setup.clientId })).status).toBe(200);
    await backend.close();
  });

  test('a gateway stopped while a body is still arriving logs the call it cuts off before its log closes', async () => {
    const { connect } = await import('node:net');
    const { readGatewaySettings, writeGatewaySettings } = await import('../../src/gateway/gateway-settings.ts');
    const { verifyGatewayLog } = await import('../../src/evidence/evidence.ts');
    const other = await setup.federation.addGateway({ memberCode: 'weatherbury', subsystems: ['housing'] });
    const otherClient = `${other.memberId}/housing`;
    setup.federation.grant({ client: otherClient, service: setup.serviceId });
    setup.federation.publish();
    // Short limits, so that the stop's wait for calls in flight (as long as they allow) is short.
    const settings = readGatewaySettings(other.dir);
    writeGatewaySettings(other.dir, { ...settings, limits: { ...settings.limits, providerTimeoutMs: 1000, backendTimeoutMs: 1000 } });
    const gateway = await startGateway({ dir: other.dir });
    const { port } = new URL(gateway.localUrl);
    const socket = connect(Number(port), '127.0.0.1');
    socket.on('error', () => undefined);
    await new Promise((resolve) => socket.once('connect', resolve));
    // 10 of the 1,000 bytes announced, and then nothing: the call is in flight, reading its body.
    socket.write(
      `POST /r1/${setup.serviceId}/matches HTTP/1.1\r\nhost: localhost\r\nx-road-client: ${otherClient}\r\n` +
        'content-type: application/json\r\ncontent-length: 1000\r\n\r\n{"query": ',
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    await gateway.close();
    socket.destroy();

    const report = await verifyGatewayLog(other.dir);
    expect(report.isValid).toBe(true);
    const { readFileSync, readdirSync } = await import('node:fs');
    const entries = readdirSync(`${other.dir}/log`)
      .filter((name) => name.endsWith('.jsonl'))
      .flatMap((name) => readFileSync(`${other.dir}/log/${name}`, 'utf8').trim().split('\n'))
      .map((line) => JSON.parse(line) as { kind: string; record?: MessageRecord });
    const cutOff = entries.filter((entry) => entry.kind === 'message').map((entry) => entry.record!);
    expect(cutOff).toEqual([
      expect.objectContaining({
        direction: 'refused',
        client: otherClient,
        path: '/matches',
        fault: expect.objectContaining({ type: expect.any(String) }),
      }),
    ]);
  });

  test('a gateway whose configuration has expired stops routing and says so', async () => {
    const other = await setup.federation.addGateway({ memberCode: 'budmouth', subsystems: ['housing'] });
    setup.federation.publish();
    const expired = await setup.start(other, { now: () => new Date(Date.now() + 48 * 3_600_000) });
    const answer = await callLocal(expired, path, { client: `${other.memberId}/housing` });
    expect(answer.status).toBe(503);
    expect(answer.json).toMatchObject({ type: 'Server.ClientProxy.ConfigurationExpired' });
    const health = await callLocal(expired, '/gateway/health');
    expect(health.status).toBe(503);
    await expired.close();
    setup.running.splice(setup.running.indexOf(expired), 1);
  });
});
