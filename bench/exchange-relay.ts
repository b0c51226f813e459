/**
 * The benchmark's transport floor: two plain relays in the gateways' places, with the gateways'
 * own transport and nothing else. The client relay takes a local HTTP call and forwards it over
 * mutual TLS 1.3 (an undici pool presenting the client gateway's authentication certificate) to
 * the provider relay (a Node https server asking for the client's certificate), which forwards it
 * to the backend and carries the answer back. Bodies are read whole at every hop, as the gateways
 * read them. No signatures, digests, log, access rights or freshness checks: what the gateways
 * cost beyond this is what Joinery's own work costs on this machine.
 */
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { Pool } from 'undici';
import { gatewayFiles } from '@joinery/exchange';

/** Tells the backend a call came through the relays (it counts them apart from the gateways'). */
export const RELAY_HEADER = 'x-bench-relay';

async function readWhole(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
}

/** Forwards each call to `pool` and answers with what came back (status and body). */
function forwarding(pool: Pool, path: string, headers: Record<string, string>) {
  return async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    try {
      const body = await readWhole(request);
      const answer = await pool.request({
        method: 'POST',
        path,
        headers: { ...headers, 'content-type': 'application/octet-stream' },
        body,
      });
      const bytes = Buffer.from(await answer.body.arrayBuffer());
      response
        .writeHead(answer.statusCode, { 'content-type': 'application/octet-stream', 'content-length': String(bytes.length) })
        .end(bytes);
    } catch (error) {
      if (!response.headersSent) response.writeHead(502).end((error as Error).message);
      else response.destroy();
    }
  };
}

async function listening(server: ReturnType<typeof createServer>): Promise<number> {
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

/** The provider's side: mutual TLS in, plain HTTP to the backend (as the provider's gateway). */
export async function startProviderRelay(gatewayDir: string, backendUrl: string, token: string) {
  const files = gatewayFiles(gatewayDir);
  const pool = new Pool(backendUrl, { connections: 32, keepAliveTimeout: 30_000 });
  const server = createTlsServer(
    {
      key: readFileSync(files.authKey),
      cert: readFileSync(files.authCertificate),
      ca: readFileSync(files.caCertificate),
      requestCert: true,
      rejectUnauthorized: true,
      minVersion: 'TLSv1.3',
    },
    (request, response) => void forwarding(pool, '/echo', { 'x-joinery-gateway-token': token, [RELAY_HEADER]: '1' })(request, response),
  );
  const port = await listening(server);
  return { url: `https://127.0.0.1:${port}`, close: () => Promise.all([new Promise((r) => server.close(r)), pool.destroy()]) };
}

/** The client's side: plain HTTP in, mutual TLS 1.3 out to the provider relay (as the client's gateway). */
export async function startClientRelay(gatewayDir: string, providerUrl: string) {
  const files = gatewayFiles(gatewayDir);
  const pool = new Pool(providerUrl, {
    connections: 32,
    keepAliveTimeout: 30_000,
    connect: {
      key: readFileSync(files.authKey, 'utf8'),
      cert: readFileSync(files.authCertificate, 'utf8'),
      ca: readFileSync(files.caCertificate, 'utf8'),
      minVersion: 'TLSv1.3',
      rejectUnauthorized: true,
    },
  });
  const server = createServer((request, response) => void forwarding(pool, '/echo', {})(request, response));
  const port = await listening(server);
  return { url: `http://127.0.0.1:${port}`, close: () => Promise.all([new Promise((r) => server.close(r)), pool.destroy()]) };
}
