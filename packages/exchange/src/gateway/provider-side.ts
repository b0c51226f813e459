/**
 * The provider's gateway: another gateway calls it over mutual TLS. It checks, in order, that
 * the TLS certificate is a current gateway certificate of the federations in view and is the
 * one the configuration gives for that gateway; that the gateway speaks for the client's own
 * member, which is not revoked; that the signature and digest verify, are fresh and not
 * replayed; that this gateway serves the service and the client holds an access right for the
 * operation. Only then is the request logged and the provider's own system called — by this
 * gateway and nothing else. The answer is signed, bound to the request, logged, then sent.
 * Every refusal is answered in X-Road's error form, signed, and logged.
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { errors as undiciErrors } from 'undici';
import { ExchangeFault, fault } from '../faults.ts';
import { formatMemberId, parseGatewayId, parseServiceId, parseSubsystemId } from '../identifiers.ts';
import type { HttpMessage } from '../signing/index.ts';
import { decideAccess } from './access.ts';
import type { ConfigurationView, IndexedGateway } from './configuration-view.ts';
import type { Connections } from './connections.ts';
import { appendOrFail, currentView, logRecord, type GatewayContext } from './context.ts';
import { faultBody, flatHeaders, readBody, send } from './http-io.ts';
import { signResponse, verifyRequest } from './message-signing.ts';
import { matchOperation } from './operation-match.ts';

const BACKEND_REQUEST_HEADERS = [
  'content-type',
  'accept',
  'accept-language',
  'x-road-client',
  'x-road-id',
  'x-road-userid',
  'x-road-issue',
];
const MESSAGE_ID = /^[A-Za-z0-9._:-]{8,100}$/;

interface PeerCertificateFacts {
  fingerprint: string;
  serialNumber: string;
  validTo: string;
}

/**
 * A connection's peer certificate, read once per connection: TLS 1.3 has no renegotiation
 * (RFC 8446 §4.2), so it cannot change, and getPeerCertificate() builds a fresh object from the
 * certificate on every call (about 5% of a provider gateway's CPU when read per request).
 * Only these facts are kept; each request still checks them against the configuration in force.
 */
const peerCertificates = new WeakMap<TLSSocket, PeerCertificateFacts | null>();

function peerCertificateOf(socket: TLSSocket): PeerCertificateFacts | undefined {
  let facts = peerCertificates.get(socket);
  if (facts === undefined) {
    const certificate = socket.getPeerCertificate();
    facts =
      certificate && certificate.raw
        ? {
            fingerprint: createHash('sha256').update(certificate.raw).digest('hex'),
            serialNumber: certificate.serialNumber,
            validTo: certificate.valid_to,
          }
        : null;
    peerCertificates.set(socket, facts);
  }
  return facts ?? undefined;
}

/** Who is calling: the gateway whose pinned certificate the TLS peer presented. */
function callingGateway(view: ConfigurationView, socket: TLSSocket, now: Date): IndexedGateway {
  const certificate = peerCertificateOf(socket);
  if (!certificate) throw fault('Server.ServerProxy.InvalidCertificate', 'The calling gateway presented no TLS certificate');
  if (!socket.authorized)
    throw fault(
      'Server.ServerProxy.InvalidCertificate',
      `The calling gateway’s certificate is not valid: ${String(socket.authorizationError ?? 'not issued by a CA of the federation')}`,
    );
  const gateway = view.gatewayByAuthFingerprint(certificate.fingerprint);
  if (!gateway)
    throw fault('Server.ServerProxy.InvalidCertificate', 'The certificate is not that of any gateway in the federation configuration');
  if (view.revokedSerialNumbers.has(certificate.serialNumber.toLowerCase()))
    throw fault('Server.ServerProxy.InvalidCertificate', `Certificate ${certificate.serialNumber} of ${gateway.id} has been revoked`);
  if (Date.parse(certificate.validTo) <= now.getTime())
    throw fault('Server.ServerProxy.InvalidCertificate', `The certificate of ${gateway.id} expired on ${certificate.validTo}`);
  return gateway;
}

export async function handleExchangeCall(
  context: GatewayContext,
  connections: Connections,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const started = performance.now();
  const method = (request.method ?? 'GET').toUpperCase();
  const headers = flatHeaders(request);
  const url = new URL(request.url ?? '/', 'https://gateway');
  const messageIdHeader = headers['x-road-id'];
  const messageId = messageIdHeader && MESSAGE_ID.test(messageIdHeader) ? messageIdHeader : `unidentified-${crypto.randomUUID()}`;
  const targetUri = `https://${headers.host ?? 'gateway'}${request.url ?? '/'}`;
  const requestMessage: HttpMessage = { method, targetUri, headers };
  const clientId = (headers['x-road-client'] ?? '').slice(0, 200);
  const serviceId = url.pathname.startsWith('/r1/') ? url.pathname.slice(4).split('/').slice(0, 5).join('/') : '';
  let peer = '';
  let isRequestLogged = false;
  let isRequestVerified = false;
  try {
    let view = currentView(context, 'provider');
    const now = context.now();
    let caller: IndexedGateway;
    try {
      caller = callingGateway(view, request.socket as TLSSocket, now);
    } catch (error) {
      // A gateway enrolled since our last download is not in our configuration yet: fetch it once and look again.
      if (!(error instanceof ExchangeFault) || !/not that of any gateway/.test(error.detail ?? '')) throw error;
      await context.refreshSoon();
      view = currentView(context, 'provider');
      caller = callingGateway(view, request.socket as TLSSocket, now);
    }
    peer = caller.id;
    const callerMember = view.member(formatMemberId(parseGatewayId(caller.id)!));
    if (!callerMember || callerMember.status !== 'active')
      throw fault('Server.ServerProxy.MemberRevoked', `${caller.id}'s member is ${callerMember ? 'revoked' : 'not in the configuration'}`);
    if (!messageIdHeader || !MESSAGE_ID.test(messageIdHeader))
      throw fault('Client.InvalidRequest', 'X-Road-Id is missing or not a message id');
    const client = parseSubsystemId(clientId);
    if (!client) throw fault('Client.InvalidClientIdentifier', `"${clientId}" is not INSTANCE/CLASS/MEMBER/SUBSYSTEM`);
    if (formatMemberId(client) !== callerMember.id)
      throw fault('Server.ServerProxy.AccessDenied', `Gateway ${caller.id} may not speak for ${formatMemberId(client)}`);
    if (!callerMember.subsystems.some((s) => s.code === client.subsystemCode))
      throw fault('Client.UnknownClient', `${callerMember.id} has no subsystem ${client.subsystemCode}`);
    const body = await readBody(request, context.settings.limits.maxBodyBytes, 'provider');
    let verified: { created: number; nonce: string };
    try {
      verified = verifyRequest(requestMessage, body, {
        resolveKey: (keyId) => (keyId === caller.signKeyId ? caller.signCertificate.publicKey : undefined),
        now,
        maxAgeSeconds: context.settings.limits.maxAgeSeconds,
        clockSkewSeconds: context.settings.limits.clockSkewSeconds,
      });
    } catch (error) {
      // Times are checked last: a stale request's signature is genuine, so the refusal can be bound to it.
      if (error instanceof ExchangeFault && error.type === 'Server.ServerProxy.StaleMessage') isRequestVerified = true;
      throw error;
    }
    if (verified.nonce !== messageIdHeader)
      throw fault('Server.ServerProxy.InvalidSignature', 'The signature’s nonce is not the message id');
    isRequestVerified = true;
    const freshness = context.replayGuard.check(`${caller.id} ${verified.nonce}`, verified.created, Math.floor(now.getTime() / 1000));
    if (freshness === 'replayed')
      throw fault('Server.ServerProxy.ReplayedMessage', `Message ${messageIdHeader} from ${caller.id} was already received`);
    if (freshness === 'outside-window')
      throw fault('Server.ServerProxy.StaleMessage', 'The request was signed outside the accepted time window');

    const id = parseServiceId(serviceId);
    const service = id ? view.service(serviceId) : undefined;
    if (!service || service.gatewayId !== context.gatewayId)
      throw fault('Server.ServerProxy.UnknownService', `This gateway does not serve ${serviceId.slice(0, 200)}`);
    const path = `/${url.pathname.slice(4).split('/').slice(5).join('/')}`;
    const operation = matchOperation(service.operations, method, path);
    if (!operation) throw fault('Server.ServerProxy.UnknownService', `${serviceId} has no operation ${method} ${path.slice(0, 200)}`);
    const access = decideAccess(view, { clientId, serviceId, operationId: operation.operationId, side: 'provider', now });
    if (!access.isAllowed) throw access.fault;
    const backend = context.settings.backends[`${id!.subsystemCode}/${id!.serviceCode}`];
    if (!backend) throw fault('Server.ServerProxy.UnknownService', `No system is set up behind ${serviceId} on this gateway`);

    await appendOrFail(
      context,
      logRecord(
        context,
        {
          messageId,
          direction: 'request-in',
          client: clientId,
          service: serviceId,
          method,
          path: `${url.pathname}${url.search}`,
          targetUri,
          headers: signedHeaders(headers),
          peer,
        },
        body,
      ),
      'provider',
    );
    isRequestLogged = true;

    const backendHeaders: Record<string, string> = {};
    for (const name of BACKEND_REQUEST_HEADERS) if (headers[name] !== undefined) backendHeaders[name] = headers[name];
    if (backend.token) backendHeaders['x-joinery-gateway-token'] = backend.token;
    const backendUrl = new URL(backend.url);
    const timeout = backend.timeoutMs ?? context.settings.limits.backendTimeoutMs;
    let answerStatus: number;
    let answerBody: Buffer;
    let answerType: string | undefined;
    try {
      const answer = await connections.backendPool(backendUrl.origin).request({
        path: `${backendUrl.pathname.replace(/\/$/, '')}${path === '/' ? '' : path}${url.search}` || '/',
        method: method as 'GET',
        headers: backendHeaders,
        body: body.length > 0 ? body : null,
        headersTimeout: timeout,
        bodyTimeout: timeout,
      });
      answerStatus = answer.statusCode;
      answerBody = Buffer.from(await answer.body.arrayBuffer());
      const type = answer.headers['content-type'];
      answerType = Array.isArray(type) ? type[0] : type;
    } catch (error) {
      if (error instanceof undiciErrors.HeadersTimeoutError || error instanceof undiciErrors.BodyTimeoutError)
        throw fault('Server.ServerProxy.ServiceTimeout', `The system behind ${serviceId} did not answer within ${timeout} ms`);
      throw fault(
        'Server.ServerProxy.ServiceFailed',
        `The system behind ${serviceId} could not be reached: ${((error as { cause?: Error }).cause ?? (error as Error)).message}`,
      );
    }
    const answerHeaders: Record<string, string> = { 'x-road-id': messageId };
    if (answerType) answerHeaders['content-type'] = answerType;
    if (access.warnings.length > 0) answerHeaders['x-joinery-grant-warning'] = access.warnings.join('; ');
    await answerSigned(
      context,
      response,
      requestMessage,
      { status: answerStatus, headers: answerHeaders, body: answerBody },
      { messageId, clientId, serviceId, peer, started },
    );
  } catch (error) {
    const problem = error instanceof ExchangeFault ? error : fault('Server.ServerProxy.ServiceFailed', (error as Error).message);
    const answerHeaders: Record<string, string> = {
      'content-type': 'application/json; charset=utf-8',
      'x-road-id': messageId,
      'x-road-error': problem.type,
    };
    try {
      await answerSigned(
        context,
        response,
        requestMessage,
        { status: problem.status, headers: answerHeaders, body: faultBody(problem, messageId) },
        { messageId, clientId, serviceId, peer, started, fault: problem, isRequestLogged, isRequestVerified },
      );
    } catch (logError) {
      const failure = logError instanceof ExchangeFault ? logError : fault('Server.ServerProxy.LogFailure', (logError as Error).message);
      send(
        response,
        failure.status,
        { 'content-type': 'application/json; charset=utf-8', 'x-road-error': failure.type, 'x-road-id': messageId },
        faultBody(failure, messageId),
      );
    }
  }
}

/** The headers the request signature covers (what the evidence must show). */
function signedHeaders(headers: Record<string, string>): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const name of [
    'host',
    'content-type',
    'content-digest',
    'x-road-client',
    'x-road-id',
    'x-road-userid',
    'x-road-issue',
    'signature-input',
    'signature',
  ])
    if (headers[name] !== undefined) kept[name] = headers[name];
  return kept;
}

async function answerSigned(
  context: GatewayContext,
  response: ServerResponse,
  request: HttpMessage,
  answer: { status: number; headers: Record<string, string>; body: Buffer },
  about: {
    messageId: string;
    clientId: string;
    serviceId: string;
    peer: string;
    started: number;
    fault?: ExchangeFault;
    isRequestLogged?: boolean;
    isRequestVerified?: boolean;
  },
): Promise<void> {
  const message = { status: answer.status, headers: answer.headers };
  const isBound = about.fault === undefined || about.isRequestVerified === true;
  signResponse(
    { keyId: context.signKeyId, privateKey: context.signKey },
    message,
    answer.body,
    isBound ? request : undefined,
    context.now(),
  );
  const base = {
    messageId: about.messageId,
    client: about.clientId,
    service: about.serviceId,
    status: answer.status,
    headers: message.headers,
    peer: about.peer,
    elapsedMs: performance.now() - about.started,
  };
  if (about.fault && !about.isRequestLogged) {
    // A refused request is logged as asked (as far as it was read), then its answer: every message has both entries.
    await appendOrFail(
      context,
      logRecord(
        context,
        {
          messageId: about.messageId,
          direction: 'request-in',
          client: about.clientId,
          service: about.serviceId,
          method: request.method!,
          path: new URL(request.targetUri!).pathname,
          targetUri: request.targetUri!,
          headers: signedHeaders(request.headers as Record<string, string>),
          peer: about.peer,
        },
        undefined,
      ),
      'provider',
    );
  }
  const faultField = about.fault
    ? { fault: { type: about.fault.type, ...(about.fault.detail ? { detail: about.fault.detail } : {}) } }
    : {};
  await appendOrFail(context, logRecord(context, { ...base, direction: 'response-out', ...faultField }, answer.body), 'provider');
  const entry = {
    service: about.serviceId,
    client: about.clientId,
    side: 'provider' as const,
    elapsedMs: performance.now() - about.started,
    isError: answer.status >= 400 || about.fault !== undefined,
    ...(about.fault ? { faultType: about.fault.type } : {}),
  };
  context.totals.record(entry);
  context.period.record(entry);
  send(response, answer.status, message.headers, answer.body);
}
