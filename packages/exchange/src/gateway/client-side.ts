/**
 * The client's gateway: a local system calls `/r1/{serviceId}/{path}` with `X-Road-Client`;
 * the gateway checks the client is one of its member's subsystems, finds the service and the
 * provider's gateway in the configuration, checks the access right, signs the request, logs it,
 * sends it over mutual TLS, verifies the signed answer is bound to this request, logs it, and
 * only then answers the local system — with X-Road's headers and, when the provider has been
 * succeeded, what the caller needs to know.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { errors as undiciErrors } from 'undici';
import { ExchangeFault, fault } from '../faults.ts';
import { formatMemberId, parseSubsystemId } from '../identifiers.ts';
import type { HttpMessage } from '../signing/index.ts';
import { decideAccess } from './access.ts';
import { CertificatePinMismatch, type Connections } from './connections.ts';
import { appendDeferredOrFail, appendOrFail, currentView, logRecord, type GatewayContext } from './context.ts';
import { faultBody, flatHeaders, readBody, send } from './http-io.ts';
import { signRequest, verifyResponse } from './message-signing.ts';
import { matchOperation } from './operation-match.ts';
import { routeService, successionHeaders } from './route.ts';

/** Headers a local system may pass on to the provider (nothing else leaves the organisation). */
const FORWARDED_REQUEST_HEADERS = ['content-type', 'accept', 'accept-language', 'x-road-userid', 'x-road-issue'];
/** Headers of the provider's answer passed back to the local system. */
const RETURNED_RESPONSE_HEADERS = ['content-type', 'content-language', 'x-road-error', 'x-joinery-grant-warning', 'x-road-request-hash'];

const RETRY_AFTER_REFRESH = new Set([
  'Server.ClientProxy.UnknownService',
  'Server.ClientProxy.UnknownMember',
  'Server.ClientProxy.AccessDenied',
]);

export interface LocalCall {
  serviceIdText: string;
  path: string;
  search: string;
}

/** Splits `/r1/INSTANCE/CLASS/MEMBER/SUBSYSTEM/SERVICE/rest…` (X-Road REST addressing). */
export function parseLocalPath(pathname: string, search: string): LocalCall {
  const parts = pathname.slice('/r1/'.length).split('/');
  if (parts.length < 5 || parts.slice(0, 5).some((p) => p === ''))
    throw fault(
      'Client.InvalidServiceIdentifier',
      `${pathname.slice(0, 200)} does not name a service as /r1/INSTANCE/CLASS/MEMBER/SUBSYSTEM/SERVICE/…`,
    );
  return { serviceIdText: parts.slice(0, 5).join('/'), path: `/${parts.slice(5).join('/')}`, search };
}

/** The calling subsystem, which must be one of this gateway's member's. */
export function localClient(context: GatewayContext, header: string | string[] | undefined): string {
  const text = Array.isArray(header) ? header[0] : header;
  const client = text ? parseSubsystemId(text) : undefined;
  if (!text || !client)
    throw fault(
      'Client.InvalidClientIdentifier',
      text ? `"${text.slice(0, 200)}" is not INSTANCE/CLASS/MEMBER/SUBSYSTEM` : 'Send X-Road-Client: INSTANCE/CLASS/MEMBER/SUBSYSTEM',
    );
  if (formatMemberId(client) !== context.memberId)
    throw fault('Client.UnknownClient', `This gateway carries calls of ${context.memberId}, not of ${formatMemberId(client)}`);
  const member = currentView(context, 'client').member(context.memberId);
  if (!member?.subsystems.some((s) => s.code === client.subsystemCode))
    throw fault('Client.UnknownClient', `${context.memberId} has no subsystem ${client.subsystemCode} in the federation configuration`);
  return text;
}

function networkFault(error: unknown, address: string): ExchangeFault {
  const cause = (error as { cause?: unknown }).cause ?? error;
  if (error instanceof undiciErrors.HeadersTimeoutError || error instanceof undiciErrors.BodyTimeoutError)
    return fault('Server.ClientProxy.Timeout', `${address} did not answer in time`);
  if (cause instanceof CertificatePinMismatch) return fault('Server.ClientProxy.InvalidCertificate', cause.message);
  const message = (cause as Error).message ?? String(cause);
  const code = (cause as { code?: string }).code ?? '';
  if (/CERT|certificate|SSL|TLS|alert/i.test(`${code} ${message}`))
    return fault('Server.ClientProxy.InvalidCertificate', `Mutual TLS with ${address} failed: ${message}`);
  return fault('Server.ClientProxy.NetworkError', `${address}: ${message}`);
}

export async function handleLocalCall(
  context: GatewayContext,
  connections: Connections,
  request: IncomingMessage,
  response: ServerResponse,
  call: LocalCall,
): Promise<void> {
  const started = performance.now();
  const messageId = randomUUID();
  const method = (request.method ?? 'GET').toUpperCase();
  let clientId = '';
  let serviceId = call.serviceIdText;
  try {
    clientId = localClient(context, request.headers['x-road-client']);
    const now = context.now();
    const decide = () => {
      const view = currentView(context, 'client');
      const route = routeService(view, call.serviceIdText, now);
      if (!route.isRoutable) throw route.fault;
      const operation = matchOperation(route.service.operations, method, call.path);
      if (!operation)
        throw fault('Server.ClientProxy.UnknownService', `${route.service.id} has no operation ${method} ${call.path.slice(0, 200)}`);
      const access = decideAccess(view, { clientId, serviceId: route.service.id, operationId: operation.operationId, side: 'client', now });
      if (!access.isAllowed) throw access.fault;
      return { view, route, access };
    };
    let decided: ReturnType<typeof decide>;
    try {
      decided = decide();
    } catch (error) {
      // A service registered or a grant approved since the last download: fetch the configuration once and decide again.
      if (!(error instanceof ExchangeFault) || !RETRY_AFTER_REFRESH.has(error.type)) throw error;
      await context.refreshSoon();
      decided = decide();
    }
    const { view, route, access } = decided;
    serviceId = route.service.id;
    const body = await readBody(request, context.settings.limits.maxBodyBytes, 'client');

    const incoming = flatHeaders(request);
    const headers: Record<string, string> = { 'x-road-client': clientId, 'x-road-id': messageId };
    for (const name of FORWARDED_REQUEST_HEADERS) if (incoming[name] !== undefined) headers[name] = incoming[name];
    const pathAndQuery = `/r1/${serviceId}${call.path === '/' ? '' : call.path}${call.search}`;
    const outgoing: HttpMessage & { headers: Record<string, string> } = {
      method,
      targetUri: `${route.gateway.address}${pathAndQuery}`,
      headers,
    };
    signRequest({ keyId: context.signKeyId, privateKey: context.signKey }, outgoing, body, {
      createdAt: now,
      maxAgeSeconds: context.settings.limits.maxAgeSeconds,
      nonce: messageId,
    });
    // Sealed into the chain now, written with the answer's entry (one durable write for both, none
    // on the way out); both are durable before anything is answered, a fault included
    // (src/log/README.md, "What the gateways wait for").
    const requestEntry = appendDeferredOrFail(
      context,
      logRecord(
        context,
        {
          messageId,
          direction: 'request-out',
          client: clientId,
          service: serviceId,
          method,
          path: pathAndQuery,
          targetUri: outgoing.targetUri!,
          headers,
        },
        body,
      ),
      'client',
    );

    let answer;
    try {
      answer = await connections.gatewayPool(route.gateway, view.certificationAuthorities).request({
        path: pathAndQuery,
        method: method as 'GET',
        headers,
        body: body.length > 0 ? body : null,
        headersTimeout: context.settings.limits.providerTimeoutMs,
        bodyTimeout: context.settings.limits.providerTimeoutMs,
      });
    } catch (error) {
      await requestEntry.durable();
      throw networkFault(error, route.gateway.address);
    }
    const answerBody = Buffer.from(await answer.body.arrayBuffer());
    const answerHeaders: Record<string, string> = {};
    for (const [name, value] of Object.entries(answer.headers))
      if (value !== undefined) answerHeaders[name] = Array.isArray(value) ? value.join(', ') : value;
    const signingKeyOfProvider = route.gateway;
    verifyResponse({ status: answer.statusCode, headers: answerHeaders }, answerBody, outgoing, {
      resolveKey: (keyId) => (keyId === signingKeyOfProvider.signKeyId ? signingKeyOfProvider.signCertificate.publicKey : undefined),
      now: context.now(),
      maxAgeSeconds: context.settings.limits.maxAgeSeconds,
      clockSkewSeconds: context.settings.limits.clockSkewSeconds,
    });
    const faultType = answerHeaders['x-road-error'];
    const answerLogged = appendOrFail(
      context,
      logRecord(
        context,
        {
          messageId,
          direction: 'response-in',
          client: clientId,
          service: serviceId,
          status: answer.statusCode,
          headers: answerHeaders,
          elapsedMs: performance.now() - started,
          ...(faultType ? { fault: { type: faultType } } : {}),
        },
        answerBody,
      ),
      'client',
    );
    // The answer's entry starts the write that takes the request's with it.
    await Promise.all([requestEntry.durable(), answerLogged]);
    const returned: Record<string, string> = {
      'x-road-id': messageId,
      'x-road-client': clientId,
      'x-road-service': serviceId,
      'x-road-request-hash': requestEntry.hash,
    };
    for (const name of RETURNED_RESPONSE_HEADERS)
      if (answerHeaders[name] !== undefined && returned[name] === undefined) returned[name] = answerHeaders[name];
    Object.assign(returned, successionHeaders(route.notice));
    if (access.warnings.length > 0) returned['x-joinery-grant-warning'] = access.warnings.join('; ');
    record(context, serviceId, clientId, started, faultType, answer.statusCode >= 400);
    send(response, answer.statusCode, returned, answerBody);
  } catch (error) {
    const problem = error instanceof ExchangeFault ? error : fault('Server.ClientProxy.NetworkError', (error as Error).message);
    try {
      await context.log.append(
        logRecord(
          context,
          {
            messageId,
            direction: 'refused',
            client: clientId || String(request.headers['x-road-client'] ?? '').slice(0, 200),
            service: serviceId,
            method,
            path: call.path.slice(0, 500),
            status: problem.status,
            headers: {},
            fault: { type: problem.type, ...(problem.detail ? { detail: problem.detail } : {}) },
          },
          undefined,
        ),
      );
    } catch {
      // The fault is still answered; the log's own failure is counted in its stats.
    }
    record(context, serviceId, clientId, started, problem.type, true);
    send(
      response,
      problem.status,
      { 'content-type': 'application/json; charset=utf-8', 'x-road-error': problem.type, 'x-road-id': messageId },
      faultBody(problem, messageId),
    );
  }
}

function record(
  context: GatewayContext,
  service: string,
  client: string,
  started: number,
  faultType: string | undefined,
  isError: boolean,
): void {
  const entry = {
    service,
    client,
    side: 'client' as const,
    elapsedMs: performance.now() - started,
    isError,
    ...(faultType ? { faultType } : {}),
  };
  context.totals.record(entry);
  context.period.record(entry);
}
