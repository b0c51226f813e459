/**
 * The operators' view of a federation in operation: each gateway's last report and health
 * (no report for 5 minutes: "not reporting"; its TLS or signing certificate revoked or ended, so
 * that it is out of the configuration until it enrols again: "no certificate"; routing by a configuration older than one
 * published 15 minutes before its report: behind), traffic per gateway, service and client over a
 * window (24 hours by default), every certificate the CA issued that is not revoked and
 * ends within 30 days, and every trusted member CA whose revocation list here is overdue. Both ends of an exchange report it, so traffic is per reporting gateway,
 * never summed across them. Latencies over several reports are approximate: p50 is the
 * request-weighted mean of the reported p50s, p99 the highest reported p99 (an upper bound).
 */
import { mustBeAllowed, type Actor } from './actor.ts';
import type { AuthorityContext } from './context.ts';
import type { GatewayReport } from './gateway-report.ts';
import { listCertificationAuthorities } from './certification-authorities.ts';
import { listGateways } from './gateways.ts';
import { findHostedFederation, operatorsWho } from './lookups.ts';
import type { GatewayHealth, OperationsOverview, Traffic } from './model.ts';

export const NOT_REPORTING_AFTER_MS = 5 * 60_000;
export const CERTIFICATE_WARNING_DAYS = 30;
/** Gateways download a new configuration within minutes (configurationRefreshSeconds, or at once when a peer is newer). */
export const CONFIGURATION_CATCH_UP_MS = 15 * 60_000;

/**
 * The federation's operators only.
 * @example const overview = await operationsOverview(authority, actor, 'wessex');
 */
export async function operationsOverview(
  authority: AuthorityContext,
  actor: Actor,
  federationCode: string,
  { windowHours = 24 } = {},
): Promise<OperationsOverview> {
  const { db } = authority;
  const federation = await findHostedFederation(db, federationCode);
  await mustBeAllowed(db, actor, {
    administrators: [federation.operator_organisation_code],
    doing: `see the operations of federation ${federationCode}`,
    who: operatorsWho(federation),
    subjectType: 'exchange-federation',
    subjectId: federationCode,
  });
  const now = authority.now();
  const since = new Date(now.getTime() - Math.min(Math.max(windowHours, 1), 24 * 31) * 3_600_000);
  const [gateways, reports, certificates, publications, cas, inForce] = await Promise.all([
    listGateways(authority, federationCode),
    db
      .selectFrom('exchange_gateway_reports')
      .select(['member_code', 'gateway_code', 'received_at', 'report'])
      .where('federation_code', '=', federationCode)
      .where('received_at', '>=', since)
      .orderBy('id')
      .execute(),
    db
      .selectFrom('exchange_certificates')
      .select(['serial_number', 'usage', 'member_code', 'gateway_code', 'not_after'])
      .where('federation_code', '=', federationCode)
      .where('revoked_at', 'is', null)
      .where('not_after', '<', new Date(now.getTime() + CERTIFICATE_WARNING_DAYS * 86_400_000))
      .orderBy('not_after')
      .execute(),
    db
      .selectFrom('exchange_configurations')
      .select(['serial', 'published_at'])
      .where('federation_code', '=', federationCode)
      .orderBy('serial', 'desc')
      .limit(500)
      .execute(),
    listCertificationAuthorities(authority, federationCode),
    // Which of each gateway's two certificates are in force: without both it is not in the configuration.
    db
      .selectFrom('exchange_certificates')
      .select(['member_code', 'gateway_code', 'usage'])
      .where('federation_code', '=', federationCode)
      .where('revoked_at', 'is', null)
      .where('not_after', '>', now)
      .execute(),
  ]);
  const hasBothCertificates = (memberCode: string, gatewayCode: string) =>
    ['auth', 'sign'].every((usage) =>
      inForce.some((c) => c.member_code === memberCode && c.gateway_code === gatewayCode && c.usage === usage),
    );
  // The newest serial a gateway should hold by the time it reported: one published well before.
  const expectedSerialAt = (receivedAt: Date) =>
    publications.find((p) => new Date(p.published_at).getTime() <= receivedAt.getTime() - CONFIGURATION_CATCH_UP_MS)?.serial;
  // The last report of each gateway, even from before the window.
  const last = await db
    .selectFrom('exchange_gateway_reports')
    .select(['member_code', 'gateway_code', 'received_at', 'report'])
    .where(
      'id',
      'in',
      db
        .selectFrom('exchange_gateway_reports')
        .select((eb) => eb.fn.max('id').as('id'))
        .where('federation_code', '=', federationCode)
        .groupBy(['member_code', 'gateway_code']),
    )
    .execute();
  const health = gateways.map((g): GatewayHealth => {
    const latest = last.find((r) => r.member_code === g.memberCode && r.gateway_code === g.gatewayCode);
    const report = latest?.report as GatewayReport | undefined;
    const isRecent = latest && now.getTime() - new Date(latest.received_at).getTime() <= NOT_REPORTING_AFTER_MS;
    return {
      gatewayId: g.id,
      address: g.address,
      status: g.status,
      health:
        g.status === 'revoked'
          ? 'revoked'
          : g.status === 'enrolling'
            ? 'enrolling'
            : !hasBothCertificates(g.memberCode, g.gatewayCode)
              ? 'no certificate'
              : isRecent
                ? 'reporting'
                : 'not reporting',
      lastReportAt: latest ? new Date(latest.received_at).toISOString() : null,
      logHead: report ? report.logHead : null,
      lastCheckpointSeq: report ? report.lastCheckpointSeq : null,
      configurationSerial: report?.configurationSerial ?? null,
      isConfigurationBehind: Boolean(
        latest && report?.configurationSerial && report.configurationSerial < (expectedSerialAt(new Date(latest.received_at)) ?? 0),
      ),
    };
  });
  const traffic = new Map<string, Traffic & { weighted: number }>();
  for (const r of reports) {
    const report = r.report as GatewayReport;
    for (const s of report.services) {
      const key = `${report.gatewayId}\u0000${s.service}\u0000${s.client}`;
      const t = traffic.get(key) ?? {
        gatewayId: report.gatewayId,
        service: s.service,
        client: s.client,
        requests: 0,
        errors: 0,
        faults: {},
        p50Ms: 0,
        p99Ms: 0,
        weighted: 0,
      };
      t.requests += s.requests;
      t.errors += s.errors;
      for (const [type, n] of Object.entries(s.faults)) t.faults[type] = (t.faults[type] ?? 0) + n;
      t.weighted += s.p50Ms * s.requests;
      t.p99Ms = Math.max(t.p99Ms, s.p99Ms);
      traffic.set(key, t);
    }
  }
  return {
    federationCode,
    at: now.toISOString(),
    windowHours,
    gateways: health,
    traffic: [...traffic.values()]
      .map(({ weighted, ...t }) => ({ ...t, p50Ms: t.requests ? Math.round((weighted / t.requests) * 10) / 10 : 0 }))
      .sort((a, b) => a.gatewayId.localeCompare(b.gatewayId) || a.service.localeCompare(b.service) || a.client.localeCompare(b.client)),
    certificateWarnings: certificates.map((c) => {
      const daysLeft = Math.floor((new Date(c.not_after).getTime() - now.getTime()) / 86_400_000);
      return {
        serialNumber: c.serial_number,
        usage: c.usage,
        memberCode: c.member_code,
        gatewayCode: c.gateway_code,
        notAfter: new Date(c.not_after).toISOString(),
        daysLeft,
        isExpired: new Date(c.not_after) <= now,
      };
    }),
    revocationListWarnings: cas.flatMap((ca) =>
      ca.revocationList?.isOverdue && ca.revocationList.nextUpdate
        ? [
            {
              fingerprint: ca.fingerprint,
              name: ca.name,
              number: ca.revocationList.number,
              thisUpdate: ca.revocationList.thisUpdate,
              nextUpdate: ca.revocationList.nextUpdate,
              certificatesInForce: ca.certificatesInForce,
            },
          ]
        : [],
    ),
  };
}
