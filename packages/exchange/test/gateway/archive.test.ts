/**
 * Log archiving on a running gateway: closed segments move to log/archive/ without breaking
 * the chain, the whole log still verifies, and a message that was archived still has evidence.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { exportEvidence, verifyEvidenceBundle, verifyGatewayLog } from '../../src/evidence/evidence.ts';
import { callLocal, setUpExchange, type ExchangeSetup } from './helpers.ts';

let setup: ExchangeSetup;

beforeAll(async () => {
  setup = await setUpExchange();
  const file = `${setup.client.dir}/gateway.json`;
  const settings = JSON.parse(readFileSync(file, 'utf8'));
  settings.log.segmentMaxBytes = 8192;
  writeFileSync(file, JSON.stringify(settings));
});
afterAll(() => setup.close());

test('closed segments are archived while the gateway runs, and the chain holds', async () => {
  await setup.start(setup.provider);
  const client = await setup.start(setup.client);
  const ids: string[] = [];
  for (let i = 0; i < 15; i += 1) {
    const answer = await callLocal(client, `/r1/${setup.serviceId}/addresses/${100040000 + i}`, { client: setup.clientId });
    expect(answer.status).toBe(200);
    ids.push(answer.headers.get('x-road-id')!);
  }
  const archived = await callLocal(client, '/gateway/log/archive', { method: 'POST' });
  expect(archived.status).toBe(200);
  const files = archived.json!.archived as { file: string; firstSeq: number }[];
  expect(files.length).toBeGreaterThan(0);
  expect(files[0]!.firstSeq).toBe(1);
  await new Promise((resolve) => setTimeout(resolve, 300));
  await Promise.all(setup.running.map((g) => g.close()));

  const report = await verifyGatewayLog(setup.client.dir);
  expect(report.problems.filter((p) => p.severity === 'error')).toEqual([]);
  expect(report.archives).toBe(files.length);
  const evidence = verifyEvidenceBundle(await exportEvidence(setup.client.dir, ids[0]!));
  expect(evidence.isValid).toBe(true);
});
