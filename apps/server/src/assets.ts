/**
 * Static assets. GOV.UK Frontend's precompiled CSS is served with its GDS Transport
 * @font-face rules removed and the family dropped from every font stack: Joinery uses
 * the Design System but is not GOV.UK, so it renders in the system sans-serif.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

const govukDist = dirname(fileURLToPath(import.meta.resolve('govuk-frontend'))); // …/dist/govuk
export const GOVUK_TEMPLATES = dirname(govukDist); // …/dist, so templates are "govuk/…"
const OWN_ASSETS = fileURLToPath(new URL('../assets', import.meta.url));

export function withoutGdsTransport(css: string): string {
  return css.replace(/@font-face\{[^}]*GDS Transport[^}]*\}/g, '').replace(/"?GDS Transport"?,\s*/g, '');
}

export async function assets(app: FastifyInstance) {
  const css = withoutGdsTransport(readFileSync(join(govukDist, 'govuk-frontend.min.css'), 'utf8'));
  const js = readFileSync(join(govukDist, 'govuk-frontend.min.js'), 'utf8');
  const cache = 'public, max-age=3600';
  app.get('/assets/govuk-frontend.css', { schema: { hide: true } }, (_request, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', cache).send(css),
  );
  app.get('/assets/govuk-frontend.js', { schema: { hide: true } }, (_request, reply) =>
    reply.type('text/javascript; charset=utf-8').header('cache-control', cache).send(js),
  );
  await app.register(fastifyStatic, { root: OWN_ASSETS, prefix: '/assets/', decorateReply: false, maxAge: 3_600_000, schemaHide: true });
}
