/**
 * What a gateway tells its authority: a report signed with its sign key over the report's JCS
 * form, naming the configuration it routes by and the head of its message log, with the calls
 * it carried per service and client.
 */
import { verify, X509Certificate } from 'node:crypto';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { canonicalJson } from '../../src/configuration/signature.ts';
import type { GatewayReport } from '../../src/authority/gateway-report.ts';
import { callLocal, setUpExchange, type ExchangeSetup } from './helpers.ts';

let setup: ExchangeSetup;
beforeAll(async () => {
  setup = await setUpExchange();
});
afterAll(async () => setup?.close());

test('the client gateway reports its calls, its configuration serial and its log head, signed', async () => {
  await setup.start(setup.provider);
  const client = await setup.start(setup.client);
  const answer = await callLocal(client, `/r1/${setup.serviceId}/addresses/100040123456`, { client: setup.clientId });
  expect(answer.status).toBe(200);
  await client.report();
  const { report, signature } = setup.federation.reports.at(-1) as { report: GatewayReport; signature: string };
  expect(report).toMatchObject({
    gatewayId: setup.client.id,
    configurationSerial: setup.federation.configuration.serial,
    services: [expect.objectContaining({ service: setup.serviceId, client: setup.clientId, requests: 1, errors: 0 })],
  });
  expect(report.logHead.seq).toBeGreaterThanOrEqual(2);
  const signKey = new X509Certificate(setup.client.signCertificatePem).publicKey;
  expect(verify(null, canonicalJson(report), signKey, Buffer.from(signature, 'base64'))).toBe(true);
});
