/**
 * Cross-cutting sign-in: server-side sessions in the database, CSRF protection on
 * every state-changing request, and `request.user` for every route. Rooms guard
 * routes with `requireSignIn` and `requireRole`.
 */
import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifySession from '@fastify/session';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { JoineryConfig } from '../config.ts';
import type { Database } from '../db/database.ts';
import { coreError } from '../errors.ts';
import { recordAudit } from '../audit/audit.ts';
import { hasRole, type Role, type SignedInUser } from '../users/roles.ts';
import { findUserByApiToken } from '../users/api-tokens.ts';
import { loadSignedInUser } from '../users/service.ts';
import { DatabaseSessionStore } from './session-store.ts';
import { resolveSessionSecret } from './session-secret.ts';

declare module 'fastify' {
  interface Session {
    userId?: string;
    /** The organisation the user is acting for (one of their memberships). */
    organisationCode?: string;
    /** OIDC state, nonce and PKCE verifier while a sign-in is under way. */
    oidc?: { state: string; nonce: string; verifier: string; returnTo: string };
  }
  interface FastifyContextConfig {
    /** false: no CSRF check (a machine endpoint that never uses the session). */
    csrf?: boolean;
  }
  interface FastifyRequest {
    user?: SignedInUser;
    /** The organisation the signed-in user is acting for. */
    actingFor?: string;
  }
}

export interface AuthOptions {
  config: JoineryConfig;
  database: Database;
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The session cookie's name: `__Host-` prefixed (host-only, secure, path /) behind https. */
export function sessionCookieName(config: Pick<JoineryConfig, 'publicUrl'>): string {
  return new URL(config.publicUrl).protocol === 'https:' ? '__Host-joinery' : 'joinery';
}

async function authPlugin(app: FastifyInstance, { config, database }: AuthOptions) {
  const maxAgeMs = config.sessionMinutes * 60_000;
  const store = new DatabaseSessionStore(database, maxAgeMs);
  const secure = new URL(config.publicUrl).protocol === 'https:';

  await app.register(fastifyCookie);
  await app.register(fastifySession, {
    secret: resolveSessionSecret(config),
    cookieName: sessionCookieName(config),
    cookie: { httpOnly: true, secure, sameSite: 'lax', path: '/', maxAge: maxAgeMs },
    saveUninitialized: false,
    rolling: true,
    store,
  });
  await app.register(fastifyCsrf, { sessionPlugin: '@fastify/session' });

  app.decorateRequest('user', undefined);
  app.decorateRequest('actingFor', undefined);

  app.addHook('preHandler', async (request, reply) => {
    // Scripts and curl: a personal API token instead of a session. Not a cookie, so no CSRF.
    const bearer = /^Bearer (\S+)$/.exec(request.headers.authorization ?? '')?.[1];
    if (bearer) {
      const user = await findUserByApiToken(database, bearer);
      if (!user) throw coreError('CORE_SIGN_IN_REQUIRED', 'The API token is not valid, has expired, or its user is disabled');
      request.user = user;
      request.actingFor = user.memberships[0]?.organisationCode;
      return;
    }
    const userId = request.session.get('userId');
    if (userId) {
      const user = await loadSignedInUser(database, userId);
      if (user) {
        request.user = user;
        const chosen = request.session.get('organisationCode');
        request.actingFor = user.memberships.some((m) => m.organisationCode === chosen) ? chosen : user.memberships[0]?.organisationCode;
      } else {
        await request.session.destroy();
      }
    }
    // A route may opt out with config.csrf = false: machine endpoints that prove themselves by
    // other means (a one-time token, a signature) and never read the session.
    if (UNSAFE.has(request.method) && request.routeOptions.config.csrf !== false) {
      await new Promise<void>((resolve, reject) => {
        app.csrfProtection(request, reply, (error?: Error) =>
          error
            ? reject(
                coreError('CORE_FORBIDDEN', 'The form has expired or did not come from Joinery. Go back, reload the page and try again.'),
              )
            : resolve(),
        );
      });
    }
  });

  // Expired sessions are removed hourly (and at start).
  const timer = setInterval(() => void store.prune().catch(() => {}), 3_600_000);
  timer.unref();
  app.addHook('onReady', async () => void (await store.prune().catch(() => 0)));
  app.addHook('onClose', async () => clearInterval(timer));
}

export const authentication = fp(authPlugin, { name: 'joinery-auth' });

/** Starts a signed-in session for `user` (a fresh session id: no fixation). */
export async function startSession(request: FastifyRequest, user: SignedInUser): Promise<void> {
  await request.session.regenerate();
  request.session.set('userId', user.id);
  request.session.set('organisationCode', user.memberships[0]?.organisationCode);
  request.user = user;
}

/** A preHandler: the route needs a signed-in user. */
export async function requireSignIn(request: FastifyRequest): Promise<void> {
  if (!request.user) throw coreError('CORE_SIGN_IN_REQUIRED');
}

/**
 * A preHandler factory: the user must hold `role` in the organisation named by the
 * route's `:code` parameter. Refusals are written to the audit trail.
 * @example app.get('/organisations/:code/admin', { preHandler: requireRole(database, 'admin') }, handler)
 */
export function requireRole(database: Database, ...roles: Role[]) {
  return async (request: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    if (!request.user) throw coreError('CORE_SIGN_IN_REQUIRED');
    const code = (request.params as { code?: string }).code ?? '';
    if (roles.some((role) => hasRole(request.user, code, role))) return;
    await recordAudit(database.db, {
      actor: request.user,
      organisationCode: request.actingFor,
      action: 'access.refused',
      subjectType: 'organisation',
      subjectId: code,
      outcome: 'refused',
      details: { method: request.method, path: request.url.split('?')[0], needs: roles },
      clientAddress: request.ip,
    });
    throw coreError('CORE_FORBIDDEN', `You need the ${roles.join(' or ')} role in this organisation to see this page`);
  };
}
