/**
 * A real exchange on loopback: Casterbridge's housing system asks Wessex Council's address
 * register through both gateways (mutual TLS, signatures, digests, both logs), and the
 * metaservices answer from the signed configuration.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { RunningGateway } from '../../src/gateway/gateway.ts';
import { callLocal, records, setUpExchange, type ExchangeSetup } from './helpers.ts';

let setup: ExchangeSetup;
let client: RunningGateway;
let provider: RunningGateway;

beforeAll(async () => {
  setup = await setUpExchange();
  provider = await setup.start(setup.provider);
  client = await setup.start(setup.client);
});
afterAll(() => setup.close());

describe('a call through two gateways', () => {
  test('reaches the provider’s system and comes back with X-Road’s headers, logged on both sides', async () => {
    const answer = await callLocal(client, `/r1/${setup.serviceId}/addresses/100040001`, {
      client: setup.clientId,
      headers: { 'x-road-userid': 'GB/casterbridge/j.henchard' },
    });
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({ uprn: '100040001', method: 'GET' });
    const messageId = answer.headers.get('x-road-id')!;
    expect(messageId).toMatch(/^[0-9a-f-]{36}$/);
    expect(answer.headers.get('x-road-client')).toBe(setup.clientId);
    expect(answer.headers.get('x-road-service')).toBe(setup.serviceId);
    expect(answer.headers.get('x-road-request-hash')).toMatch(/^[0-9a-f]{64}$/);

    const call = setup.backend.calls.at(-1)!;
    expect(call.url).toBe('/addresses/100040001');
    expect(call.headers['x-road-client']).toBe(setup.clientId);
    expect(call.headers['x-road-userid']).toBe('GB/casterbridge/j.henchard');
    expect(call.headers['x-road-id']).toBe(messageId);

    const clientEntries = await records(client, messageId);
    expect(clientEntries.map((e) => e.direction)).toEqual(['request-out', 'response-in']);
    const providerEntries = await records(provider, messageId);
    expect(providerEntries.map((e) => e.direction)).toEqual(['request-in', 'response-out']);
    expect(providerEntries[0]!.peer).toBe(setup.client.id);
  });

  test('carries a POST body and its digest', async () => {
    const body = JSON.stringify({ address: '12 High Street, Casterbridge WX1 2AB' });
    const answer = await callLocal(client, `/r1/${setup.serviceId}/matches`, { method: 'POST', client: setup.clientId, body });
    expect(answer.status).toBe(200);
    expect(setup.backend.calls.at(-1)!.body).toBe(body);
  });

  test('an operation the service does not describe is refused by the client’s gateway', async () => {
    const answer = await callLocal(client, `/r1/${setup.serviceId}/everything`, { client: setup.clientId });
    expect(answer.status).toBe(404);
    expect(answer.headers.get('x-road-error')).toBe('Server.ClientProxy.UnknownService');
    expect(answer.json).toMatchObject({ type: 'Server.ClientProxy.UnknownService' });
  });

  test('a subsystem without a grant is refused before anything is sent, and the refusal is logged', async () => {
    const calls = setup.backend.calls.length;
    const answer = await callLocal(client, `/r1/${setup.serviceId}/addresses/1`, { client: `${setup.client.memberId}/waste` });
    expect(answer.status).toBe(403);
    expect(answer.json).toMatchObject({ type: 'Server.ClientProxy.AccessDenied' });
    expect(setup.backend.calls.length).toBe(calls);
    const entries = await records(client, String(answer.json!.messageId));
    expect(entries[0]!).toMatchObject({ direction: 'refused', fault: { type: 'Server.ClientProxy.AccessDenied' } });
  });

  test('a client that is not one of the gateway’s member’s subsystems is refused', async () => {
    const answer = await callLocal(client, `/r1/${setup.serviceId}/addresses/1`, { client: `${setup.provider.memberId}/addresses` });
    expect(answer.json).toMatchObject({ type: 'Client.UnknownClient' });
    const missing = await callLocal(client, `/r1/${setup.serviceId}/addresses/1`);
    expect(missing.json).toMatchObject({ type: 'Client.InvalidClientIdentifier' });
  });

  test('an unknown service and a malformed service id get their own errors', async () => {
    expect((await callLocal(client, `/r1/${setup.provider.memberId}/addresses/nothing/x`, { client: setup.clientId })).json).toMatchObject({
      type: 'Server.ClientProxy.UnknownService',
    });
    expect((await callLocal(client, '/r1/wessex/GOV', { client: setup.clientId })).json).toMatchObject({
      type: 'Client.InvalidServiceIdentifier',
    });
    expect((await callLocal(client, '/r1/wessex/GOV/nobody/x/y', { client: setup.clientId })).json).toMatchObject({
      type: 'Server.ClientProxy.UnknownMember',
    });
  });
});

describe('metaservices', () => {
  test('listClients lists members and subsystems in X-Road’s shape', async () => {
    const answer = await callLocal(client, '/listClients');
    const ids = (answer.json!.member as { id: { member_code: string; subsystem_code?: string; object_type: string } }[]).map((m) => m.id);
    expect(ids).toContainEqual(
      expect.objectContaining({ member_code: 'casterbridge', subsystem_code: 'housing', object_type: 'SUBSYSTEM' }),
    );
    expect(ids).toContainEqual(expect.objectContaining({ member_code: 'wessex-council', object_type: 'MEMBER' }));
  });

  test('listMethods and allowedMethods', async () => {
    const subsystem = `${setup.provider.memberId}/addresses`;
    const listed = await callLocal(client, `/r1/${subsystem}/listMethods`, { client: setup.clientId });
    expect((listed.json!.service as { service_code: string }[]).map((s) => s.service_code)).toEqual(['address-lookup']);
    const allowed = await callLocal(client, `/r1/${subsystem}/allowedMethods`, { client: setup.clientId });
    expect(
      (allowed.json!.service as { endpoint_list: { operation_id: string }[] }[])[0]!.endpoint_list.map((e) => e.operation_id).sort(),
    ).toEqual(['getAddress', 'matchAddress']);
    const none = await callLocal(client, `/r1/${subsystem}/allowedMethods`, { client: `${setup.client.memberId}/waste` });
    expect(none.json!.service).toEqual([]);
  });

  test('getOpenAPI returns the description whose hash the configuration names', async () => {
    const answer = await callLocal(client, `/r1/${setup.provider.memberId}/addresses/getOpenAPI?serviceCode=address-lookup`, {
      client: setup.clientId,
    });
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({ openapi: '3.1.0', paths: { '/matches': {} } });
    setup.federation.openApi.set(setup.serviceId, { openapi: '3.1.0', info: { title: 'swapped', version: '1' }, paths: {} });
    const swapped = await callLocal(client, `/r1/${setup.provider.memberId}/addresses/getOpenAPI?serviceCode=address-lookup`, {
      client: setup.clientId,
    });
    expect(swapped.json).toMatchObject({ type: 'Server.ClientProxy.InvalidSignature' });
  });

  test('health says what the gateway holds', async () => {
    const answer = await callLocal(client, '/gateway/health');
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({ gatewayId: setup.client.id, isReady: true, configuration: { serial: 1 } });
  });
});
