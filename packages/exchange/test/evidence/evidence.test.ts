/**
 * Evidence a third party can verify offline: after a real exchange, each gateway's log verifies
 * with only its folder, and an evidence bundle for one message proves what was asked and
 * answered — both gateways' RFC 9421 signatures, the digests, the chain to a signed checkpoint,
 * the RFC 3161 timestamp — and any change to it is caught.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { exportEvidence, verifyEvidenceBundle, verifyGatewayLog } from '../../src/evidence/evidence.ts';
import { gatewayFiles } from '../../src/gateway/gateway-settings.ts';
import type { EvidenceBundle } from '../../src/log/index.ts';
import { callLocal, setUpExchange, type ExchangeSetup } from '../gateway/helpers.ts';

let setup: ExchangeSetup;
let messageId: string;
let caFingerprint: string;

beforeAll(async () => {
  setup = await setUpExchange();
  await setup.start(setup.provider);
  const client = await setup.start(setup.client);
  const answer = await callLocal(client, `/r1/${setup.serviceId}/matches`, {
    method: 'POST',
    client: setup.clientId,
    body: '{"address":"3 Durnover Lane, Casterbridge"}',
  });
  expect(answer.status).toBe(200);
  messageId = answer.headers.get('x-road-id')!;
  // Closing checkpoints the logs; give the timestamping service a moment to answer first.
  await new Promise((resolve) => setTimeout(resolve, 400));
  await Promise.all(setup.running.map((g) => g.close()));
  const { X509Certificate, createHash } = await import('node:crypto');
  caFingerprint = createHash('sha256').update(new X509Certificate(setup.federation.ca.certificatePem).raw).digest('hex');
});
afterAll(() => setup.close());

describe('verify-log', () => {
  test('each gateway’s log verifies from its folder alone', async () => {
    for (const gateway of [setup.client, setup.provider]) {
      const report = await verifyGatewayLog(gateway.dir);
      expect(report.problems.filter((p) => p.severity === 'error')).toEqual([]);
      expect(report.isValid).toBe(true);
      expect(report.checkpoints).toBeGreaterThan(0);
    }
  });

  test('an edited entry is found, with its file and sequence number', async () => {
    const logDir = gatewayFiles(setup.provider.dir).log;
    const segment = join(
      logDir,
      readdirSync(logDir)
        .filter((f) => f.startsWith('segment-'))
        .sort()[0]!,
    );
    const original = readFileSync(segment, 'utf8');
    try {
      writeFileSync(segment, original.replace('"direction":"request-in"', '"direction":"refused"'));
      const report = await verifyGatewayLog(setup.provider.dir);
      expect(report.isValid).toBe(false);
      expect(report.problems[0]).toMatchObject({ file: expect.stringContaining('segment-') });
    } finally {
      writeFileSync(segment, original);
    }
  });

  test('a log cut short is caught against a witness of its head', async () => {
    const report = await verifyGatewayLog(setup.client.dir);
    const logDir = gatewayFiles(setup.client.dir).log;
    const segment = join(
      logDir,
      readdirSync(logDir)
        .filter((f) => f.startsWith('segment-'))
        .sort()
        .at(-1)!,
    );
    const original = readFileSync(segment, 'utf8');
    try {
      writeFileSync(segment, `${original.trimEnd().split('\n').slice(0, -2).join('\n')}\n`);
      const cut = await verifyGatewayLog(setup.client.dir, { expectedHead: { seq: report.lastSeq, hash: report.lastHash } });
      expect(cut.isValid).toBe(false);
    } finally {
      writeFileSync(segment, original);
    }
  });
});

describe('evidence bundles', () => {
  test('prove the request and the answer, signed by both gateways, checkpointed and timestamped', async () => {
    const bundle = await exportEvidence(setup.client.dir, messageId);
    const report = verifyEvidenceBundle(JSON.parse(JSON.stringify(bundle)), { trustedCaFingerprints: [caFingerprint] });
    expect(report.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(report.isValid).toBe(true);
    expect(report.entries.map((e) => e.record.direction)).toEqual(['request-out', 'response-in']);
    expect(report.signers).toEqual(expect.arrayContaining([setup.client.id, setup.provider.id]));
    expect(report.timestamps.length).toBe(2);
  });

  test('the provider’s side proves the same message', async () => {
    const report = verifyEvidenceBundle(await exportEvidence(setup.provider.dir, messageId), { trustedCaFingerprints: [caFingerprint] });
    expect(report.isValid).toBe(true);
    expect(report.entries.map((e) => e.record.direction)).toEqual(['request-in', 'response-out']);
  });

  test('a changed body, a changed header or an unexpected CA is refused', async () => {
    const bundle = await exportEvidence(setup.client.dir, messageId);
    const altered = structuredClone(bundle) as EvidenceBundle;
    altered.items[0]!.entry.record.body = Buffer.from('{"address":"somewhere else"}').toString('base64');
    expect(verifyEvidenceBundle(altered).isValid).toBe(false);

    const resigned = structuredClone(bundle) as EvidenceBundle;
    resigned.items[1]!.entry.record.headers['x-road-error'] = 'Server.ServerProxy.AccessDenied';
    expect(verifyEvidenceBundle(resigned).isValid).toBe(false);

    const untrusted = verifyEvidenceBundle(bundle, { trustedCaFingerprints: ['0'.repeat(64)] });
    expect(untrusted.isValid).toBe(false);
    expect(untrusted.trustProblems[0]).toMatch(/not one you said to trust/);
  });

  test('the gateway’s status names the CA fingerprint a verifier should expect', async () => {
    const { gatewayStatus } = await import('../../src/gateway/status.ts');
    const status = await gatewayStatus(setup.client.dir);
    expect(status.caFingerprint).toBe(caFingerprint);
    expect(status.lines.join('\n')).toContain(`federation CA: SHA-256 ${caFingerprint}`);
  });

  test('a successor’s gateway carries on its predecessor’s log, and the two read as one history', async () => {
    const { predecessorLogHead } = await import('../../src/gateway/enrol.ts');
    const { readGatewaySettings, writeGatewaySettings } = await import('../../src/gateway/gateway-settings.ts');
    const head = await predecessorLogHead(setup.client.dir);
    expect(head.predecessorGateway).toBe(setup.client.id);
    const successor = await setup.federation.addGateway({ memberCode: 'wessex-unitary', subsystems: ['housing'] });
    setup.federation.publish();
    writeGatewaySettings(successor.dir, { ...readGatewaySettings(successor.dir), continuation: head });
    const running = await setup.start(successor);
    await running.close();
    const first = JSON.parse(readFileSync(join(gatewayFiles(successor.dir).log, 'segment-000001.jsonl'), 'utf8').split('\n')[0]!);
    expect(first).toMatchObject({
      kind: 'continuation',
      seq: 1,
      predecessorHeadSeq: head.predecessorHeadSeq,
      predecessorHeadHash: head.predecessorHeadHash,
    });
    expect((await verifyGatewayLog(successor.dir)).isValid).toBe(true);
    const predecessor = await verifyGatewayLog(setup.client.dir, {
      expectedHead: { seq: head.predecessorHeadSeq, hash: head.predecessorHeadHash },
    });
    expect(predecessor.isValid).toBe(true);
  });

  test('a message the log does not hold is a clear error', async () => {
    await expect(exportEvidence(setup.client.dir, 'no-such-message')).rejects.toThrow(/no-such-message/);
  });
});
