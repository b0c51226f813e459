/**
 * Sign-in and sign-out: local accounts (scrypt) and OpenID Connect single sign-on.
 * Every attempt, success or refusal, is written to the audit trail.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type {} from '@fastify/view';
import type { JoineryConfig } from '../config.ts';
import type { Database } from '../db/database.ts';
import { JoineryError, coreError } from '../errors.ts';
import { recordAudit } from '../audit/audit.ts';
import { signInWithPassword } from '../users/service.ts';
import { requireSignIn, startSession } from './auth-plugin.ts';
import { createOidcClient } from './oidc.ts';
import { safeReturnTo } from './safe-return.ts';

export interface AuthRoutesOptions {
  config: JoineryConfig;
  database: Database;
  /** Where demo credentials are kept, shown as a hint on the sign-in page. */
  demoCredentialsFile?: string;
}

export async function authRoutes(app: FastifyInstance, { config, database, demoCredentialsFile }: AuthRoutesOptions) {
  const oidc = config.oidc ? createOidcClient(config.oidc, config.publicUrl) : undefined;

  const renderSignIn = (reply: FastifyReply, context: Record<string, unknown>) =>
    reply.view('core/sign-in.njk', {
      title: 'Sign in',
      csrfToken: reply.generateCsrf(),
      oidcLabel: config.oidc?.label,
      demoHint: demoCredentialsFile,
      ...context,
    });

  app.get('/sign-in', async (request, reply) => {
    const returnTo = safeReturnTo((request.query as { returnTo?: string }).returnTo);
    if (request.user) return reply.redirect(returnTo);
    return renderSignIn(reply, { returnTo });
  });

  app.post(
    '/sign-in',
    { config: { rateLimit: { max: config.signInAttemptsPerMinute, timeWindow: '1 minute' } } },
    async (request, reply) => {
      const body = (request.body ?? {}) as { username?: string; password?: string; returnTo?: string };
      const username = String(body.username ?? '')
        .trim()
        .toLowerCase();
      const returnTo = safeReturnTo(body.returnTo);
      try {
        if (!username || !body.password) throw coreError('CORE_SIGN_IN_FAILED', 'Enter your username and password');
        const user = await signInWithPassword(database, username, String(body.password));
        await startSession(request, user);
        await recordAudit(database.db, {
          actor: user,
          organisationCode: user.memberships[0]?.organisationCode,
          action: 'user.sign-in',
          details: { method: 'password' },
          clientAddress: request.ip,
        });
        return reply.redirect(returnTo);
      } catch (error) {
        if (!(error instanceof JoineryError) || error.code !== 'CORE_SIGN_IN_FAILED') throw error;
        await recordAudit(database.db, {
          action: 'user.sign-in',
          outcome: 'refused',
          details: { method: 'password', username: username.slice(0, 100) },
          clientAddress: request.ip,
        });
        reply.code(401);
        return renderSignIn(reply, { returnTo, username, errors: [{ text: error.message, href: '#username' }] });
      }
    },
  );

  app.post('/sign-out', async (request, reply) => {
    if (request.user)
      await recordAudit(database.db, {
        actor: request.user,
        organisationCode: request.actingFor,
        action: 'user.sign-out',
        clientAddress: request.ip,
      });
    await request.session.destroy();
    return reply.redirect('/');
  });

  app.post('/acting-for', { preHandler: requireSignIn }, async (request, reply) => {
    const code = String((request.body as { organisationCode?: string })?.organisationCode ?? '');
    if (!request.user!.memberships.some((m) => m.organisationCode === code))
      throw coreError('CORE_FORBIDDEN', 'You are not a member of that organisation');
    request.session.set('organisationCode', code);
    return reply.redirect(`/organisations/${code}`);
  });

  app.get('/sign-in/oidc', async (request, reply) => {
    if (!oidc) throw coreError('CORE_OIDC_NOT_CONFIGURED');
    const returnTo = safeReturnTo((request.query as { returnTo?: string }).returnTo);
    const { url, state } = await oidc.start();
    request.session.set('oidc', { ...state, returnTo });
    return reply.redirect(url);
  });

  app.get('/sign-in/oidc/callback', async (request, reply) => {
    if (!oidc) throw coreError('CORE_OIDC_NOT_CONFIGURED');
    const pending = request.session.get('oidc');
    if (!pending) throw coreError('CORE_OIDC_FAILED', 'The sign-in took too long or was started in another browser. Try again.');
    request.session.set('oidc', undefined);
    const callbackUrl = new URL(request.url, config.publicUrl);
    try {
      const user = await oidc.finish(database, callbackUrl, pending);
      await startSession(request, user);
      await recordAudit(database.db, {
        actor: user,
        organisationCode: user.memberships[0]?.organisationCode,
        action: 'user.sign-in',
        details: { method: 'oidc', issuer: config.oidc!.issuer },
        clientAddress: request.ip,
      });
      return reply.redirect(pending.returnTo);
    } catch (error) {
      await recordAudit(database.db, {
        action: 'user.sign-in',
        outcome: 'refused',
        details: { method: 'oidc', issuer: config.oidc!.issuer, reason: (error as Error).message.slice(0, 300) },
        clientAddress: request.ip,
      });
      if (error instanceof JoineryError) throw error;
      throw coreError('CORE_OIDC_FAILED', `Single sign-on did not complete: ${(error as Error).message}`);
    }
  });
}
