/**
 * Shared set-up for gateway tests: a test federation with a provider (Wessex Council's address
 * register) and a client (Casterbridge's housing system), a backend, and a "rogue gateway" that
 * speaks the exchange protocol directly with a gateway's own keys, so tests can tamper with
 * what a gateway would never send.
 */
import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { AddressInfo } from 'node:net';
import { keyIdOf } from '../../src/configuration/signature.ts';
import { gatewayFiles } from '../../src/gateway/gateway-settings.ts';
import { signRequest } from '../../src/gateway/message-signing.ts';
import { startGateway, type RunningGateway } from '../../src/gateway/gateway.ts';
import { createTestFederation, type TestFederation, type TestGateway } from '../../src/testing/test-federation.ts';
import type { MessageRecord } from '../../src/log/index.ts';

export interface Backend {
  url: string;
  calls: { method: string; url: string; headers: IncomingMessage['headers']; body: string }[];
  delayMs: number;
  close(): Promise<void>;
}

export const BACKEND_TOKEN = 'backend-token-0123456789';

/** An address-register-like system: echoes what it was asked, after an optional delay. */
export async function startBackend(): Promise<Backend> {
  const backend: Backend = { url: '', calls: [], delayMs: 0, close: async () => {} };
  const server: Server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    if (request.headers['x-joinery-gateway-token'] !== BACKEND_TOKEN) {
      response.writeHead(401).end();
      return;
    }
    backend.calls.push({ method: request.method ?? '', url: request.url ?? '', headers: request.headers, body });
    if (backend.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, backend.delayMs));
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ uprn: request.url?.split('/').pop(), method: request.method, received: body.length }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  backend.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  backend.close = () =>
    new Promise((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  return backend;
}

export const ADDRESS_OPENAPI = {
  paths: {
    '/addresses/{uprn}': { get: { operationId: 'getAddress' } },
    '/matches': { post: { operationId: 'matchAddress' } },
  },
};

export interface ExchangeSetup {
  federation: TestFederation;
  backend: Backend;
  provider: TestGateway;
  client: TestGateway;
  serviceId: string;
  clientId: string;
  running: RunningGateway[];
  start(gateway: TestGateway, options?: Parameters<typeof startGateway>[0] extends infer O ? Partial<O> : never): Promise<RunningGateway>;
  close(): Promise<void>;
}

export async function setUpExchange(options: { instance?: string } = {}): Promise<ExchangeSetup> {
  const federation = await createTestFederation({ instance: options.instance ?? 'wessex' });
  const backend = await startBackend();
  const provider = await federation.addGateway({
    memberCode: 'wessex-council',
    name: 'Wessex Council',
    subsystems: ['addresses'],
    backends: { 'addresses/address-lookup': { url: backend.url, token: BACKEND_TOKEN, timeoutMs: 2000 } },
  });
  const client = await federation.addGateway({
    memberCode: 'casterbridge',
    name: 'Casterbridge District Council',
    subsystems: ['housing', 'waste'],
  });
  const serviceId = federation.addService({
    provider: provider.memberId,
    subsystem: 'addresses',
    code: 'address-lookup',
    openApi: ADDRESS_OPENAPI,
  });
  const clientId = `${client.memberId}/housing`;
  federation.grant({ client: clientId, service: serviceId, operations: ['getAddress', 'matchAddress'] });
  federation.publish();
  const running: RunningGateway[] = [];
  const setup: ExchangeSetup = {
    federation,
    backend,
    provider,
    client,
    serviceId,
    clientId,
    running,
    async start(gateway, extra = {}) {
      const started = await startGateway({ dir: gateway.dir, ...extra });
      running.push(started);
      return started;
    },
    async close() {
      await Promise.all(running.map((g) => g.close()));
      await backend.close();
      await federation.close();
    },
  };
  return setup;
}

/** Calls a gateway's local API as a local system would. */
export async function callLocal(
  gateway: RunningGateway,
  path: string,
  init: { method?: string; client?: string; body?: string; headers?: Record<string, string> } = {},
) {
  const response = await fetch(`${gateway.localUrl}${path}`, {
    method: init.method ?? 'GET',
    headers: {
      ...(init.client ? { 'x-road-client': init.client } : {}),
      ...(init.body ? { 'content-type': 'application/json' } : {}),
      ...init.headers,
    },
    ...(init.body ? { body: init.body } : {}),
  });
  const text = await response.text();
  let json: Record<string, unknown> | undefined;
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    // not JSON: the test reads text
  }
  return { status: response.status, headers: response.headers, text, json };
}

export interface RogueRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: Buffer;
}

/**
 * Speaks to a provider's gateway directly with `as`'s TLS and signing keys: builds a correctly
 * signed request, lets the test alter it, then sends it.
 */
export async function rogueCall(
  as: TestGateway,
  to: TestGateway,
  input: { path: string; method?: string; client: string; body?: string; messageId?: string; now?: Date },
  alter: (request: RogueRequest) => void = () => {},
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; json: Record<string, unknown> }> {
  const files = gatewayFiles(as.dir);
  const signKey = createPrivateKey(readFileSync(files.signKey));
  const messageId = input.messageId ?? crypto.randomUUID();
  const body = Buffer.from(input.body ?? '');
  const headers: Record<string, string> = { 'x-road-client': input.client, 'x-road-id': messageId };
  if (input.body) headers['content-type'] = 'application/json';
  const message = { method: input.method ?? 'GET', targetUri: `https://127.0.0.1:${to.exchangePort}${input.path}`, headers };
  signRequest({ keyId: keyIdOf(signKey), privateKey: signKey }, message, body, {
    createdAt: input.now ?? new Date(),
    maxAgeSeconds: 60,
    nonce: messageId,
  });
  const request: RogueRequest = { method: message.method, path: input.path, headers: message.headers, body };
  alter(request);
  return new Promise((resolve, reject) => {
    const outgoing = httpsRequest(
      {
        host: '127.0.0.1',
        port: to.exchangePort,
        method: request.method,
        path: request.path,
        headers: { ...request.headers, 'content-length': String(request.body.length) },
        key: readFileSync(files.authKey),
        cert: readFileSync(files.authCertificate),
        ca: readFileSync(files.caCertificate),
        checkServerIdentity: () => undefined,
        minVersion: 'TLSv1.3',
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: Record<string, unknown>;
          try {
            json = JSON.parse(text) as Record<string, unknown>;
          } catch {
            json = { text };
          }
          resolve({ status: response.statusCode ?? 0, headers: response.headers, json });
        });
      },
    );
    outgoing.on('error', reject);
    outgoing.end(request.body);
  });
}

/** The message records a gateway logged for one message id, in order. */
export async function records(gateway: RunningGateway, messageId: string): Promise<MessageRecord[]> {
  return (await gateway.context.log.find(messageId)).flatMap((entry) => (entry.kind === 'message' ? [entry.record] : []));
}
