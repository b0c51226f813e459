/**
 * The operations overview's traffic as the operations page tables it: per service and per
 * client, and errors by fault type — each as reported by one gateway, never summed across
 * gateways (both ends of an exchange report the same call). Latencies combine as the overview's
 * own do (authority/operations-overview.ts): p50 the request-weighted mean of the medians
 * (approximate), p99 the highest reported (an upper bound). And the same figures as CSV
 * (RFC 4180), for a spreadsheet.
 */
import type { OperationsOverview, Traffic } from '../authority/model.ts';

export interface TrafficTotal {
  gatewayId: string;
  /** The service, or the client, the row totals. */
  key: string;
  requests: number;
  errors: number;
  errorPercent: number;
  p50Ms: number;
  p99Ms: number;
}

/** Totals per reporting gateway and service (or client), the busiest first. */
export function trafficBy(traffic: Traffic[], by: 'service' | 'client'): TrafficTotal[] {
  const totals = new Map<string, TrafficTotal & { weighted: number }>();
  for (const t of traffic) {
    const id = `${t.gatewayId}\u0000${t[by]}`;
    const total = totals.get(id) ?? {
      gatewayId: t.gatewayId,
      key: t[by],
      requests: 0,
      errors: 0,
      errorPercent: 0,
      p50Ms: 0,
      p99Ms: 0,
      weighted: 0,
    };
    total.requests += t.requests;
    total.errors += t.errors;
    total.weighted += t.p50Ms * t.requests;
    total.p99Ms = Math.max(total.p99Ms, t.p99Ms);
    totals.set(id, total);
  }
  return [...totals.values()]
    .map(({ weighted, ...t }) => ({
      ...t,
      p50Ms: t.requests ? Math.round((weighted / t.requests) * 10) / 10 : 0,
      errorPercent: t.requests ? Math.round((t.errors / t.requests) * 1000) / 10 : 0,
    }))
    .sort((a, b) => b.requests - a.requests || a.gatewayId.localeCompare(b.gatewayId) || a.key.localeCompare(b.key));
}

/** Errors by fault type (X-Road's, e.g. Server.ServerProxy.AccessDenied) per reporting gateway, the commonest first. */
export function faultsByType(traffic: Traffic[]): { gatewayId: string; type: string; count: number }[] {
  const counts = new Map<string, { gatewayId: string; type: string; count: number }>();
  for (const t of traffic)
    for (const [type, n] of Object.entries(t.faults)) {
      const id = `${t.gatewayId}\u0000${type}`;
      const c = counts.get(id) ?? { gatewayId: t.gatewayId, type, count: 0 };
      c.count += n;
      counts.set(id, c);
    }
  return [...counts.values()].sort((a, b) => b.count - a.count || a.type.localeCompare(b.type));
}

/** RFC 4180 §2: a field with a comma, quote or line break is quoted, quotes doubled; a leading =+-@ is defused for spreadsheets. */
const csvField = (value: string | number): string => {
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/** Every traffic row of the overview, one line each, with the window it covers. */
export function trafficCsv(overview: OperationsOverview): string {
  const header = ['window_hours', 'at', 'reported_by_gateway', 'service', 'client', 'requests', 'errors', 'faults', 'p50_ms', 'p99_ms'];
  const rows = overview.traffic.map((t) => [
    overview.windowHours,
    overview.at,
    t.gatewayId,
    t.service,
    t.client,
    t.requests,
    t.errors,
    Object.entries(t.faults)
      .map(([type, n]) => `${type}=${n}`)
      .join('; '),
    t.p50Ms,
    t.p99Ms,
  ]);
  return [header, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}
