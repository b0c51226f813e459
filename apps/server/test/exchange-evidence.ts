/**
 * A real evidence bundle for the page tests: a test federation (@joinery/exchange/testing)
 * with Wessex Council's address register behind its gateway and Casterbridge's housing system
 * calling it through its own, one call made, and the client gateway's evidence for it.
 */
import { createHash, X509Certificate } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportEvidence, startGateway, type EvidenceBundle, type RunningGateway } from '@joinery/exchange';
import { createTestFederation } from '@joinery/exchange/testing';

export interface TestEvidence {
  bundle: EvidenceBundle;
  /** SHA-256 of the test federation's CA certificate, as `--ca` takes it. */
  caFingerprint: string;
}

export async function makeTestEvidence(): Promise<TestEvidence> {
  const backend = createServer((request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ uprn: request.url?.split('/').pop(), address: '3 Durnover Lane, Casterbridge' }));
  });
  await new Promise<void>((resolve) => backend.listen(0, '127.0.0.1', resolve));
  const federation = await createTestFederation({ instance: 'wessex' });
  const running: RunningGateway[] = [];
  try {
    const provider = await federation.addGateway({
      memberCode: 'wessex-council',
      name: 'Wessex Council',
      subsystems: ['addresses'],
      backends: { 'addresses/address-lookup': { url: `http://127.0.0.1:${(backend.address() as AddressInfo).port}`, timeoutMs: 2000 } },
    });
    const client = await federation.addGateway({
      memberCode: 'casterbridge',
      name: 'Casterbridge District Council',
      subsystems: ['housing'],
    });
    const service = federation.addService({
      provider: provider.memberId,
      subsystem: 'addresses',
      code: 'address-lookup',
      openApi: { paths: { '/addresses/{uprn}': { get: { operationId: 'getAddress' } } } },
    });
    federation.grant({ client: `${client.memberId}/housing`, service });
    federation.publish();
    running.push(await startGateway({ dir: provider.dir }));
    const caller = await startGateway({ dir: client.dir });
    running.push(caller);
    const answer = await fetch(`${caller.localUrl}/r1/${service}/addresses/100040001`, {
      headers: { 'x-road-client': `${client.memberId}/housing` },
    });
    await answer.arrayBuffer();
    if (answer.status !== 200) throw new Error(`the test call was answered ${answer.status}`);
    const messageId = answer.headers.get('x-road-id')!;
    // Closing checkpoints the logs; give the timestamping service a moment to answer first.
    await new Promise((resolve) => setTimeout(resolve, 400));
    await Promise.all(running.splice(0).map((g) => g.close()));
    return {
      bundle: await exportEvidence(client.dir, messageId),
      caFingerprint: createHash('sha256').update(new X509Certificate(federation.ca.certificatePem).raw).digest('hex'),
    };
  } finally {
    await Promise.all(running.map((g) => g.close()));
    await federation.close();
    await new Promise((resolve) => backend.close(resolve));
    backend.closeAllConnections();
  }
}
