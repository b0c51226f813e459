/**
 * Reading bodies and writing answers on the gateway's two raw Node servers (local and
 * exchange). Bodies are read whole: they are digested, signed and logged before anything else.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { fault, type ExchangeFault } from '../faults.ts';

export async function readBody(request: IncomingMessage, maxBytes: number, side: 'client' | 'provider'): Promise<Buffer> {
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > maxBytes) throw tooLarge(maxBytes, side);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) throw tooLarge(maxBytes, side);
    chunks.push(chunk as Buffer);
  }
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
}

function tooLarge(maxBytes: number, side: 'client' | 'provider'): ExchangeFault {
  const detail = `The body is larger than ${maxBytes} bytes`;
  return side === 'client'
    ? fault('Client.BodyTooLarge', detail)
    : fault('Client.BodyTooLarge', `${detail} (the provider’s gateway limit)`);
}

/** Lower-cased single-valued headers (a repeated header is joined as RFC 9110 §5.3 allows). */
export function flatHeaders(request: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined) continue;
    headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

export function send(response: ServerResponse, status: number, headers: Record<string, string>, body: Buffer): void {
  if (response.headersSent) {
    response.destroy();
    return;
  }
  response.writeHead(status, { ...headers, 'content-length': String(body.length) });
  response.end(body);
}

/** X-Road REST's error answer: `{ type, message, detail }` with the type in `X-Road-Error`. */
export function faultBody(error: ExchangeFault, messageId?: string): Buffer {
  return Buffer.from(JSON.stringify(error.toBody(messageId)));
}

export function sendJson(response: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}): void {
  send(response, status, { 'content-type': 'application/json; charset=utf-8', ...headers }, Buffer.from(JSON.stringify(value)));
}
