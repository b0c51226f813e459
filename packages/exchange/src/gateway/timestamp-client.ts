/**
 * Asks the federation's timestamping service (RFC 3161 over HTTP, RFC 3161 §3.4) to timestamp a
 * digest, and checks the token it returns before the log keeps it.
 */
import { createTimestampRequest, readTimestampResponse, verifyTimestampToken } from '../timestamp/index.ts';
import type { ConfigurationStore } from './configuration-store.ts';

export function timestampClient(store: ConfigurationStore, fetchImpl: typeof fetch = fetch) {
  return async (digest: Buffer): Promise<Buffer> => {
    const view = store.view;
    const service = view?.own.timestampingServices[0];
    if (!view || !service) throw new Error('The federation configuration names no timestamping service');
    const response = await fetchImpl(service.url, {
      method: 'POST',
      headers: { 'content-type': 'application/timestamp-query', accept: 'application/timestamp-reply' },
      body: createTimestampRequest(digest, { certReq: true }),
      signal: AbortSignal.timeout(10_000),
    });
    if (!response.ok) throw new Error(`${service.url} answered ${response.status}`);
    const reply = readTimestampResponse(Buffer.from(await response.arrayBuffer()));
    if (reply.status !== 'granted' || !reply.token)
      throw new Error(`${service.url} refused the timestamp: ${reply.failure ?? 'no reason given'}`);
    verifyTimestampToken(reply.token, { digest, trustAnchors: view.certificationAuthorities, tsaCertificatePem: service.certificatePem });
    return reply.token;
  };
}
