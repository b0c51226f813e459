/**
 * The gateway's local API, for the organisation's own systems (plain HTTP: bind it to loopback
 * or a private network): exchange calls under /r1/, X-Road's metaservices, and the gateway's
 * own health and operations figures under /gateway/.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ExchangeFault, fault } from '../faults.ts';
import { parseSubsystemId } from '../identifiers.ts';
import { handleLocalCall, localClient, parseLocalPath } from './client-side.ts';
import type { Connections } from './connections.ts';
import { currentView, type GatewayContext } from './context.ts';
import { faultBody, send, sendJson } from './http-io.ts';
import { standingProblems } from './standing.ts';
import { allowedMethods, getOpenApi, listClients, listMethods, METASERVICES } from './metaservices.ts';

export interface GatewayHealth {
  gatewayId: string;
  isReady: boolean;
  /** What stops it being reached although it runs (a revoked certificate, left out of the configuration). */
  problems: string[];
  configuration: { serial: number; expiresAt: string; federations: string[]; lastRefreshAt?: string; problems: string[] } | null;
  log: { headSeq: number; headHash: string };
  certificates: { usage: 'auth' | 'sign'; notAfter: string; daysLeft: number }[];
  backends: string[];
}

export function gatewayHealth(context: GatewayContext, certificates: GatewayHealth['certificates']): GatewayHealth {
  const view = context.store.view;
  const problems = standingProblems(context);
  const isReady = view !== undefined && view.expiresAt > context.now() && problems.length === 0;
  return {
    gatewayId: context.gatewayId,
    isReady,
    problems,
    configuration: view
      ? {
          serial: view.own.serial,
          expiresAt: view.expiresAt.toISOString(),
          federations: [...view.federations.keys()],
          ...(context.store.lastRefreshAt ? { lastRefreshAt: context.store.lastRefreshAt.toISOString() } : {}),
          problems: context.store.lastProblems,
        }
      : null,
    log: { headSeq: context.log.head.seq, headHash: context.log.head.hash },
    certificates,
    backends: Object.keys(context.settings.backends),
  };
}

export function localApi(context: GatewayContext, connections: Connections, health: () => GatewayHealth) {
  return async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const url = new URL(request.url ?? '/', 'http://gateway');
    try {
      if (url.pathname === '/gateway/health') {
        const report = health();
        return sendJson(response, report.isReady ? 200 : 503, report);
      }
      if (url.pathname === '/gateway/log/archive' && request.method === 'POST') {
        // Closed segments move to log/archive/ (gzip); an `archived` entry keeps the chain whole.
        const before = url.searchParams.get('beforeSeq');
        const result = await context.log.archive(before && /^\d+$/.test(before) ? { beforeSeq: Number(before) } : {});
        return sendJson(response, 200, result);
      }
      if (url.pathname === '/gateway/operations')
        return sendJson(response, 200, {
          since: context.totals.periodStart.toISOString(),
          services: context.totals.figures(),
          log: context.log.stats(),
        });
      if (request.method !== 'GET' && (url.pathname === '/listClients' || url.pathname === '/gateway/allowed-services'))
        throw fault('Client.InvalidRequest', `${url.pathname} is read with GET`);
      if (url.pathname === '/listClients')
        return sendJson(response, 200, listClients(currentView(context, 'client'), url.searchParams.get('xRoadInstance')));
      if (url.pathname === '/gateway/allowed-services') {
        const client = localClient(context, request.headers['x-road-client']);
        return sendJson(response, 200, allowedMethods(currentView(context, 'client'), client, undefined, context.now()));
      }
      if (!url.pathname.startsWith('/r1/'))
        throw fault(
          'Client.InvalidRequest',
          `${url.pathname.slice(0, 200)} is not an exchange address: call /r1/INSTANCE/CLASS/MEMBER/SUBSYSTEM/SERVICE/…`,
        );
      const parts = url.pathname.slice(4).split('/');
      const metaservice = parts.length === 5 ? METASERVICES.find((m) => m === parts[4]) : undefined;
      if (metaservice) {
        const subsystemId = parts.slice(0, 4).join('/');
        if (!parseSubsystemId(subsystemId))
          throw fault('Client.InvalidServiceIdentifier', `${subsystemId.slice(0, 200)} is not a subsystem`);
        const view = currentView(context, 'client');
        if (metaservice === 'listMethods') return sendJson(response, 200, listMethods(view, subsystemId));
        if (metaservice === 'allowedMethods') {
          const client = localClient(context, request.headers['x-road-client']);
          return sendJson(response, 200, allowedMethods(view, client, subsystemId, context.now()));
        }
        return sendJson(response, 200, await getOpenApi(view, subsystemId, url.searchParams.get('serviceCode')));
      }
      await handleLocalCall(context, connections, request, response, parseLocalPath(url.pathname, url.search));
    } catch (error) {
      const problem = error instanceof ExchangeFault ? error : fault('Client.InvalidRequest', (error as Error).message);
      send(
        response,
        problem.status,
        { 'content-type': 'application/json; charset=utf-8', 'x-road-error': problem.type },
        faultBody(problem),
      );
    }
  };
}
