/**
 * A gateway whose certificates an external CA issued (the NHS trust's own PKI, ECDSA P-256)
 * exchanges with the federation's gateways once the configuration lists that CA: mutual TLS
 * and message signatures hold, and the evidence of the call verifies offline. When the
 * configuration stops listing the CA, the provider refuses the gateway's calls.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { exportEvidence, verifyEvidenceBundle } from '../../src/evidence/evidence.ts';
import type { CertificateAuthority } from '../../src/pki/index.ts';
import type { RunningGateway } from '../../src/gateway/gateway.ts';
import type { TestGateway } from '../../src/testing/test-federation.ts';
import { createExternalCa } from '../authority/external-ca.ts';
import { callLocal, setUpExchange, type ExchangeSetup } from './helpers.ts';

let setup: ExchangeSetup;
let nhsCa: CertificateAuthority;
let nhs: TestGateway;
let nhsGateway: RunningGateway;
const path = (serviceId: string) => `/r1/${serviceId}/addresses/100040123456`;

/** The gateways checkpoint every 200 ms here: evidence exists once the call's entries are covered. */
async function evidenceOnceCheckpointed(dir: string, messageId: string) {
  for (let attempt = 0; ; attempt++) {
    try {
      return await exportEvidence(dir, messageId);
    } catch (error) {
      if (attempt >= 50 || !/not covered by a checkpoint/.test((error as Error).message)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

beforeAll(async () => {
  setup = await setUpExchange();
  nhsCa = await createExternalCa();
  nhs = await setup.federation.addGateway({ memberCode: 'wessex-nhs', memberClass: 'NHS', subsystems: ['discharges'], issuer: nhsCa });
  setup.federation.grant({ client: `${nhs.memberId}/discharges`, service: setup.serviceId, operations: ['getAddress'] });
  setup.federation.publish((c) =>
    c.certificationAuthorities.push({ name: 'Wessex NHS Issuing CA', certificatePem: nhsCa.certificatePem, isExternal: true }),
  );
  await setup.start(setup.provider);
  nhsGateway = await setup.start(nhs);
});
afterAll(async () => setup?.close());

test('a gateway with certificates from a trusted external CA calls a service, and the evidence verifies', async () => {
  const answer = await callLocal(nhsGateway, path(setup.serviceId), { client: `${nhs.memberId}/discharges` });
  expect(answer.status).toBe(200);
  expect(answer.json).toMatchObject({ uprn: '100040123456' });
  const messageId = answer.headers.get('x-road-id')!;
  const report = verifyEvidenceBundle(await evidenceOnceCheckpointed(nhs.dir, messageId));
  expect(report.problems.filter((p) => p.severity === 'error')).toEqual([]);
  expect(report.isValid).toBe(true);
  expect(report.signers).toEqual(expect.arrayContaining([nhs.id, setup.provider.id]));
});

test('its status names the federation’s own CA, and the member’s CA that issued its certificates beside it', async () => {
  const { gatewayStatus } = await import('../../src/gateway/status.ts');
  const { fingerprint } = await import('../../src/pki/index.ts');
  const status = await gatewayStatus(nhs.dir);
  expect(status.caFingerprint).toBe(fingerprint(setup.federation.ca.certificatePem));
  expect(status.issuerFingerprint).toBe(fingerprint(nhsCa.certificatePem));
  expect(status.lines.join('\n')).toContain(`certificates issued by a member's own CA: `);
});

test('once the configuration no longer lists the CA, the provider refuses the gateway, saying why', async () => {
  setup.federation.publish((c) => {
    c.certificationAuthorities = c.certificationAuthorities.filter((ca) => !ca.isExternal);
  });
  const provider = setup.running[0]!;
  await provider.refreshConfiguration();
  await nhsGateway.refreshConfiguration();
  const answer = await callLocal(nhsGateway, path(setup.serviceId), { client: `${nhs.memberId}/discharges` });
  expect(answer.status).toBeGreaterThanOrEqual(400);
  console.log(answer.status, answer.json);
  expect(String(answer.json?.type)).toMatch(/InvalidCertificate|ServiceFailed|NetworkError|SslAuthenticationFailed/);
  expect(setup.backend.calls).toHaveLength(1); // the refused call never reached the backend
});
