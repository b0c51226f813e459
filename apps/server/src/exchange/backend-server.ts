/**
 * A provider system behind a gateway, on loopback. It refuses any call without its gateway's
 * token (X-Joinery-Gateway-Token), so that the gateway — which checks access rights, signs and
 * logs — is the only way in.
 */
import { timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface BackendRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  json(): unknown;
}

export interface BackendAnswer {
  status: number;
  body: unknown;
}

export interface BackendServer {
  url: string;
  close(): Promise<void>;
}

const sameSecret = (a: string, b: string): boolean => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

export function backendServer(
  options: { token: string; port: number; name: string; maxBodyBytes?: number },
  handle: (request: BackendRequest) => Promise<BackendAnswer>,
): Promise<BackendServer> {
  const server = createServer(async (request, response) => {
    const reply = (status: number, body: unknown) => {
      const text = JSON.stringify(body);
      response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
      response.end(text);
    };
    const presented = request.headers['x-joinery-gateway-token'];
    if (typeof presented !== 'string' || !sameSecret(presented, options.token))
      return reply(401, { message: `The ${options.name} answers only its own gateway` });
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of request) {
      size += (chunk as Buffer).length;
      if (size > (options.maxBodyBytes ?? 1_048_576)) return reply(413, { message: 'The body is too large' });
      chunks.push(chunk as Buffer);
    }
    const body = Buffer.concat(chunks);
    const url = new URL(request.url ?? '/', 'http://backend');
    try {
      const answer = await handle({
        method: request.method ?? 'GET',
        path: url.pathname,
        query: url.searchParams,
        headers: request.headers,
        body,
        json: () => {
          try {
            return JSON.parse(body.toString('utf8'));
          } catch {
            return undefined;
          }
        },
      });
      reply(answer.status, answer.body);
    } catch (error) {
      reply(500, { message: `The ${options.name} failed: ${(error as Error).message}` });
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}`,
        close: () =>
          new Promise((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
