/**
 * The operations page of a federation: from the authority's operations overview (the gateways'
 * signed reports), each gateway's health and the head of its message log (the witness for
 * `joinery exchange verify-log --expect-head`), traffic per service and per client with errors
 * by fault type and latencies, a chart of requests and errors per service with its table, and
 * certificates that end within 30 days with what to do. The same traffic as CSV. Only the
 * federation's operators may see it: the overview refuses (and audits) anyone else.
 * @example await app.register(operationsPages, { database, config });
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type {} from '@fastify/view';
import { getFederation } from '../authority/federations.ts';
import type { CertificateWarning, OperationsOverview } from '../authority/model.ts';
import { CERTIFICATE_WARNING_DAYS, NOT_REPORTING_AFTER_MS, operationsOverview } from '../authority/operations-overview.ts';
import { serviceTrafficChart } from './operations-chart.ts';
import { faultsByType, trafficBy, trafficCsv } from './operations-figures.ts';
import { actorOf, federationCrumbs, pageAuthority, type ExchangePageOptions } from './services-forms.ts';

const WINDOWS = [
  { hours: 24, label: 'the last 24 hours' },
  { hours: 168, label: 'the last 7 days' },
] as const;

type Query = { hours?: string };
const windowOf = (query: Query) => WINDOWS.find((w) => String(w.hours) === query.hours) ?? WINDOWS[0];

const HEALTH_TAGS: Record<string, string> = {
  reporting: 'govuk-tag--green',
  'not reporting': 'govuk-tag--red',
  'no certificate': 'govuk-tag--red',
  enrolling: 'govuk-tag--grey',
  revoked: 'govuk-tag--grey',
};

/** What the operator does about a certificate that is ending (a gateway's is renewed by enrolling again). */
function adviceFor(c: CertificateWarning, federationCode: string): string {
  const ended = c.isExpired ? 'It has ended. ' : '';
  if ((c.usage === 'auth' || c.usage === 'sign') && c.memberCode && c.gatewayCode)
    return `${ended}Issue the gateway a new enrolment token (joinery exchange gateway token --federation ${federationCode} --member ${c.memberCode} --code ${c.gatewayCode}), enrol it again in a new folder (joinery gateway --dir NEW-FOLDER init --token …), move its backends over, then revoke this certificate.`;
  return `${ended}This is the authority’s own ${c.usage} certificate: it is replaced by rotating the federation’s keys, which must be planned with every member before it ends.`;
}

function gatewayRows(overview: OperationsOverview) {
  const at = Date.parse(overview.at);
  return overview.gateways.map((g) => {
    const minutes = g.lastReportAt ? Math.max(0, Math.round((at - Date.parse(g.lastReportAt)) / 60_000)) : null;
    return {
      ...g,
      tagClass: HEALTH_TAGS[g.health] ?? 'govuk-tag--grey',
      ago: minutes === null ? null : minutes < 1 ? 'less than a minute ago' : minutes === 1 ? '1 minute ago' : `${minutes} minutes ago`,
      witness: g.logHead ? `${g.logHead.seq}:${g.logHead.hash}` : null,
      // A 64-character hash has no break opportunity: the page offers one every 16 (copying keeps it whole).
      hashParts: g.logHead ? (g.logHead.hash.match(/.{1,16}/g) ?? []) : [],
    };
  });
}

export async function operationsPages(app: FastifyInstance, options: ExchangePageOptions) {
  const authority = pageAuthority(app, options);

  const overviewFor = async (request: FastifyRequest<{ Params: { code: string }; Querystring: Query }>) => {
    const window = windowOf(request.query);
    const overview = await operationsOverview(authority, actorOf(request), request.params.code, { windowHours: window.hours });
    return { window, overview };
  };

  app.get<{ Params: { code: string }; Querystring: Query }>('/exchange/federations/:code/operations', async (request, reply) => {
    const { window, overview } = await overviewFor(request);
    const federation = await getFederation(authority, overview.federationCode);
    const byService = trafficBy(overview.traffic, 'service');
    const code = encodeURIComponent(federation.code);
    return reply.view('exchange/operations.njk', {
      title: `Operations of ${federation.name}`,
      federation,
      overview,
      window,
      windows: WINDOWS.map((w) => ({ ...w, href: `/exchange/federations/${code}/operations?hours=${w.hours}`, isCurrent: w === window })),
      gateways: gatewayRows(overview),
      notReportingMinutes: NOT_REPORTING_AFTER_MS / 60_000,
      byService,
      byClient: trafficBy(overview.traffic, 'client'),
      faults: faultsByType(overview.traffic),
      chartSvg: await serviceTrafficChart(byService, window.label),
      warningDays: CERTIFICATE_WARNING_DAYS,
      certificates: overview.certificateWarnings.map((c) => ({ ...c, advice: adviceFor(c, federation.code) })),
      csvHref: `/exchange/federations/${code}/operations.csv?hours=${window.hours}`,
      jsonHref: `/api/exchange/federations/${code}/operations?hours=${window.hours}`,
      breadcrumbs: [...federationCrumbs(federation), { text: 'Operations' }],
    });
  });

  app.get<{ Params: { code: string }; Querystring: Query }>('/exchange/federations/:code/operations.csv', async (request, reply) => {
    const { window, overview } = await overviewFor(request);
    return reply
      .header('content-disposition', `attachment; filename="${overview.federationCode}-traffic-${window.hours}h.csv"`)
      .type('text/csv; charset=utf-8')
      .send(trafficCsv(overview));
  });
}
