/**
 * OpenID Connect sign-in against a small identity provider run in the test: discovery,
 * authorisation code with PKCE, an RS256-signed ID token, and email from userinfo (as
 * GOV.UK One Login does). Joinery never creates users: only pre-added emails get in.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { addUser } from '@joinery/core';
import Fastify, { type FastifyInstance } from 'fastify';
import fastifyFormbody from '@fastify/formbody';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './helpers.ts';

interface Grant {
  clientId: string;
  challenge: string;
  nonce: string;
  redirectUri: string;
  subject: string;
}

async function startProvider(people: Record<string, { email: string }>) {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'test-key', alg: 'RS256', use: 'sig' };
  const grants = new Map<string, Grant>();
  const tokens = new Map<string, string>();
  const provider: FastifyInstance = Fastify();
  await provider.register(fastifyFormbody);
  let issuer = '';
  provider.get('/.well-known/openid-configuration', async () => ({
    issuer,
    authorization_endpoint: `${issuer}/authorize`,
    token_endpoint: `${issuer}/token`,
    userinfo_endpoint: `${issuer}/userinfo`,
    jwks_uri: `${issuer}/jwks`,
    response_types_supported: ['code'],
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: ['RS256'],
    code_challenge_methods_supported: ['S256'],
    token_endpoint_auth_methods_supported: ['client_secret_basic'],
  }));
  provider.get('/jwks', async () => ({ keys: [jwk] }));
  // The test chooses who "signs in" at the provider with ?login_as=.
  provider.get<{ Querystring: Record<string, string> }>('/authorize', async (request, reply) => {
    const q = request.query;
    const code = randomUUID();
    grants.set(code, {
      clientId: q.client_id!,
      challenge: q.code_challenge!,
      nonce: q.nonce!,
      redirectUri: q.redirect_uri!,
      subject: q.login_as ?? 'ann',
    });
    return reply.redirect(`${q.redirect_uri}?code=${code}&state=${encodeURIComponent(q.state!)}&iss=${encodeURIComponent(issuer)}`);
  });
  provider.post<{ Body: Record<string, string> }>('/token', async (request, reply) => {
    const grant = grants.get(request.body.code!);
    const verifier = request.body.code_verifier ?? '';
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    if (!grant || challenge !== grant.challenge) return reply.code(400).send({ error: 'invalid_grant' });
    grants.delete(request.body.code!);
    const accessToken = randomUUID();
    tokens.set(accessToken, grant.subject);
    const idToken = await new SignJWT({ nonce: grant.nonce })
      .setProtectedHeader({ alg: 'RS256', kid: 'test-key' })
      .setIssuer(issuer)
      .setAudience(grant.clientId)
      .setSubject(grant.subject)
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(privateKey);
    return { access_token: accessToken, token_type: 'Bearer', expires_in: 300, id_token: idToken };
  });
  provider.get('/userinfo', async (request, reply) => {
    const subject = tokens.get(String(request.headers.authorization ?? '').replace('Bearer ', ''));
    if (!subject) return reply.code(401).send();
    return { sub: subject, email: people[subject]?.email, email_verified: true };
  });
  await provider.listen({ host: '127.0.0.1', port: 0 });
  issuer = `http://127.0.0.1:${(provider.server.address() as AddressInfo).port}`;
  return { provider, issuer };
}

describe('single sign-on with OpenID Connect', () => {
  let server: TestServer;
  let provider: FastifyInstance;

  beforeAll(async () => {
    const started = await startProvider({
      ann: { email: 'Ann.Smith@casterbridge.example' },
      mallory: { email: 'mallory@elsewhere.example' },
    });
    provider = started.provider;
    server = await startTestServer({
      oidc: {
        issuer: started.issuer,
        clientId: 'joinery-test',
        clientSecret: 'provider-secret',
        label: 'Test Login',
        scopes: 'openid email',
      },
    });
    await addUser(server.database, {
      username: 'ann.smith',
      displayName: 'Ann Smith',
      email: 'ann.smith@casterbridge.example',
      organisationCode: 'casterbridge',
      roles: ['viewer'],
    });
  });

  afterAll(async () => {
    await server?.close();
    await provider?.close();
  });

  async function signInAs(subject: string) {
    const start = await server.app.inject({ url: '/sign-in/oidc?returnTo=/organisations' });
    expect(start.statusCode).toBe(302);
    const cookie = String(start.headers['set-cookie']).split(';')[0]!;
    const authorize = new URL(String(start.headers.location));
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    authorize.searchParams.set('login_as', subject);
    const atProvider = await fetch(authorize, { redirect: 'manual' });
    const callback = new URL(String(atProvider.headers.get('location')));
    return {
      cookie,
      response: await server.app.inject({ url: `${callback.pathname}${callback.search}`, headers: { cookie, accept: 'text/html' } }),
    };
  }

  it('shows the single sign-on button on the sign-in page', async () => {
    const page = await server.app.inject({ url: '/sign-in' });
    expect(page.body).toContain('Sign in with Test Login');
  });

  it('signs in a user an administrator added, matched by verified email, and remembers the link', async () => {
    const { response } = await signInAs('ann');
    expect(response.statusCode).toBe(302);
    expect(response.headers.location).toBe('/organisations');
    const cookie = String(response.headers['set-cookie']).split(';')[0]!;
    const me = await server.app.inject({ url: '/api/me', headers: { cookie } });
    expect(me.json()).toMatchObject({ username: 'ann.smith', actingFor: 'casterbridge' });
    const link = await server.database.db.selectFrom('user_identities').selectAll().execute();
    expect(link).toHaveLength(1);
    expect(link[0]).toMatchObject({ subject: 'ann' });
  });

  it('refuses someone the provider knows but Joinery does not, and audits it', async () => {
    const { response } = await signInAs('mallory');
    expect(response.statusCode).toBe(401);
    expect(response.body).toContain('Your account is not set up in Joinery');
    const refused = await server.database.db
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'user.sign-in')
      .where('outcome', '=', 'refused')
      .execute();
    expect(refused.some((e) => JSON.stringify(e.details).includes('oidc'))).toBe(true);
  });

  it('refuses a callback with no sign-in under way (a replayed or forged callback)', async () => {
    const response = await server.app.inject({ url: '/sign-in/oidc/callback?code=stolen&state=guess', headers: { accept: 'text/html' } });
    expect(response.statusCode).toBe(401);
    expect(response.body).toContain('Try again');
  });
});
