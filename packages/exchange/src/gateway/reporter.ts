/**
 * Every period the gateway tells its authority what it carried (per service and client:
 * requests, errors by fault type, p50/p99), its certificates' expiry, and the head of its
 * message log — the authority's copy of the head is a witness a truncated log cannot forge.
 * The report is signed with the gateway's signing key over its canonical JSON.
 */
import { sign } from 'node:crypto';
import { canonicalJson } from '../configuration/signature.ts';
import type { GatewayContext } from './context.ts';

export interface ReportCertificate {
  usage: 'auth' | 'sign';
  serialNumber: string;
  notAfter: string;
}

export async function sendReport(
  context: GatewayContext,
  certificates: ReportCertificate[],
  fetchImpl: typeof fetch = fetch,
): Promise<void> {
  const { periodStart, periodEnd, services } = context.period.takePeriod(context.now());
  const report = {
    gatewayId: context.gatewayId,
    periodStart: periodStart.toISOString(),
    periodEnd: periodEnd.toISOString(),
    logHead: { seq: context.log.head.seq, hash: context.log.head.hash },
    lastCheckpointSeq: context.log.lastCheckpointUpTo,
    ...(context.store.view ? { configurationSerial: context.store.view.own.serial } : {}),
    // Each side's figures (the client's gateway and the provider's) are the authority's to add up per gateway.
    services: services.map(({ side: _side, ...figures }) => figures),
    certificates,
  };
  const signature = sign(null, canonicalJson(report), context.signKey).toString('base64');
  const base = context.settings.anchor.configurationUrl.replace(/\/configuration$/, '');
  const response = await fetchImpl(`${base}/gateway-reports`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ report, signature }),
    signal: AbortSignal.timeout(10_000),
  });
  if (!response.ok) throw new Error(`The authority refused the report: ${response.status} ${(await response.text()).slice(0, 300)}`);
}
