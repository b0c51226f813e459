/**
 * Server-rendered pages: Nunjucks over GOV.UK Frontend's templates, the server's
 * layout and every room's views folder. Each page gets the signed-in user, the CSP
 * nonce, a CSRF token (when signed in) and the navigation without asking for them.
 */
import { fileURLToPath } from 'node:url';
import fastifyView from '@fastify/view';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import nunjucks from 'nunjucks';
import { GOVUK_TEMPLATES } from './assets.ts';

declare module 'fastify' {
  interface FastifyReply {
    /** Context every template sees (set by @fastify/view's `locals`). */
    locals: Record<string, unknown>;
  }
}

const SERVER_VIEWS = fileURLToPath(new URL('./views', import.meta.url));

const NAVIGATION = [
  { href: '/', text: 'Home' },
  { href: '/organisations', text: 'Organisations' },
  { href: '/addresses', text: 'Addresses' },
  { href: '/persons', text: 'Person index' },
  { href: '/estate', text: 'Estate' },
  { href: '/exchange', text: 'Exchange' },
  { href: '/api/docs', text: 'API' },
];

async function viewsPlugin(app: FastifyInstance, { roomViews }: { roomViews: string[] }) {
  await app.register(fastifyView, {
    engine: { nunjucks },
    templates: [SERVER_VIEWS, ...roomViews, GOVUK_TEMPLATES],
    options: { autoescape: true, throwOnUndefined: false, noCache: process.env.NODE_ENV === 'development' },
  });

  app.addHook('preHandler', async (request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    const user = request.user;
    reply.locals = {
      ...reply.locals,
      user,
      actingForName: user?.memberships.find((m) => m.organisationCode === request.actingFor)?.organisationName,
      cspNonce: (reply as unknown as { cspNonce?: { script: string } }).cspNonce?.script,
      csrfToken: user ? reply.generateCsrf() : undefined,
      currentPath: path,
      navigation: NAVIGATION.map((item) => ({ ...item, active: item.href === '/' ? path === '/' : path.startsWith(item.href) })),
    };
  });
}

export const views = fp(viewsPlugin, { name: 'joinery-views', dependencies: ['joinery-auth'] });
