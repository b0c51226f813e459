import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '@joinery/core';
import { Browser, startTestServer, type TestServer } from './helpers.ts';

describe('the server', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it('shows the organisations and capabilities on the home page', async () => {
    const page = await new Browser(server.app).get('/');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Casterbridge District Council');
    expect(page.body).toContain('Wessex Council');
    expect(page.body).toContain('E07000901');
    expect(page.body).toContain('Capabilities');
    expect(page.body).not.toContain('GOV.UK -');
  });

  it('sends security headers with a CSP nonce on every script', async () => {
    const page = await new Browser(server.app).get('/');
    const csp = String(page.headers['content-security-policy']);
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(csp).toContain("frame-ancestors 'none'");
    const scripts = page.body.match(/<script[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
    expect(page.headers['x-content-type-options']).toBe('nosniff');
  });

  it('serves GOV.UK Frontend styles without the GDS Transport font', async () => {
    const css = await server.app.inject('/assets/govuk-frontend.css');
    expect(css.statusCode).toBe(200);
    expect(css.body).toContain('.govuk-button');
    expect(css.body).not.toContain('GDS Transport');
  });

  it('signs in with a password and out again, auditing both', async () => {
    const browser = new Browser(server.app);
    const signedIn = await browser.signIn('casterbridge.admin');
    expect(signedIn.statusCode).toBe(302);
    const home = await browser.get('/');
    expect(home.body).toContain('Casey Admin');
    const me = await server.app.inject({ url: '/api/me', headers: { cookie: browser.cookie } });
    expect(me.json()).toMatchObject({ username: 'casterbridge.admin', actingFor: 'casterbridge' });
    const out = await browser.post('/sign-out', { _csrf: Browser.csrfFrom(home.body) });
    expect(out.statusCode).toBe(302);
    const after = await server.app.inject({ url: '/api/me', headers: { cookie: browser.cookie } });
    expect(after.statusCode).toBe(401);
    const actions = await server.database.db
      .selectFrom('audit_events')
      .select(['action', 'outcome'])
      .where('actor_username', '=', 'casterbridge.admin')
      .execute();
    expect(actions.map((a) => a.action)).toEqual(expect.arrayContaining(['user.sign-in', 'user.sign-out']));
  });

  it('refuses a wrong password with the same message as an unknown user', async () => {
    const browser = new Browser(server.app);
    const wrong = await browser.signIn('casterbridge.admin', 'not the password at all');
    const unknown = await new Browser(server.app).signIn('nobody.here', 'not the password at all');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.body).toContain('The username or password is not right');
    expect(unknown.body).toContain('The username or password is not right');
    const refused = await server.database.db
      .selectFrom('audit_events')
      .select('outcome')
      .where('action', '=', 'user.sign-in')
      .where('outcome', '=', 'refused')
      .execute();
    expect(refused.length).toBeGreaterThanOrEqual(2);
  });

  it('refuses a form without a CSRF token', async () => {
    const browser = new Browser(server.app);
    await browser.get('/sign-in');
    const response = await browser.post('/sign-in', { username: 'casterbridge.admin', password: 'correct horse battery staple' });
    expect(response.statusCode).toBe(403);
  });

  it("keeps one organisation's administrators out of another's admin pages", async () => {
    const browser = new Browser(server.app);
    await browser.signIn('casterbridge.admin');
    expect((await browser.get('/organisations/casterbridge/admin')).statusCode).toBe(200);
    const other = await browser.get('/organisations/budmouth/admin');
    expect(other.statusCode).toBe(403);
    expect(other.body).not.toContain('Bud Admin');
    const api = await server.app.inject({ url: '/api/organisations/budmouth/users', headers: { cookie: browser.cookie } });
    expect(api.statusCode).toBe(403);
    const refusal = await server.database.db
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'access.refused')
      .where('subject_id', '=', 'budmouth')
      .execute();
    expect(refusal.length).toBeGreaterThanOrEqual(1);
  });

  it('keeps viewers out of admin pages of their own organisation', async () => {
    const browser = new Browser(server.app);
    await browser.signIn('budmouth.viewer');
    expect((await browser.get('/organisations/budmouth/admin')).statusCode).toBe(403);
  });

  it('sends people who are not signed in to the sign-in page', async () => {
    const response = await new Browser(server.app).get('/organisations/casterbridge/admin');
    expect(response.statusCode).toBe(302);
    expect(response.headers.location).toBe('/sign-in?returnTo=%2Forganisations%2Fcasterbridge%2Fadmin');
  });

  it('does not redirect off-site after sign-in', async () => {
    const browser = new Browser(server.app);
    const page = await browser.get('/sign-in');
    const response = await browser.post('/sign-in', {
      _csrf: Browser.csrfFrom(page.body),
      username: 'casterbridge.admin',
      password: 'correct horse battery staple',
      returnTo: '//evil.example/',
    });
    expect(response.headers.location).toBe('/');
  });

  it('lets an administrator add a user, showing every problem first', async () => {
    const browser = new Browser(server.app);
    await browser.signIn('casterbridge.admin');
    const admin = await browser.get('/organisations/casterbridge/admin');
    const bad = await browser.post('/organisations/casterbridge/admin/users', {
      _csrf: Browser.csrfFrom(admin.body),
      username: 'Bad Name!',
      displayName: '',
      password: 'short',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('There is a problem');
    expect(bad.body).toContain('Username must be');
    expect(bad.body).toContain('Enter the person’s name');
    expect(bad.body).toContain('at least 12 characters');
    expect(bad.body).toContain('Choose at least one role');
    const good = await browser.post('/organisations/casterbridge/admin/users', {
      _csrf: Browser.csrfFrom(admin.body),
      username: 'new.person',
      displayName: '<script>alert(1)</script>',
      password: 'another long passphrase',
      roles: ['viewer', 'analyst'],
    });
    expect(good.statusCode).toBe(302);
    const list = await browser.get('/organisations/casterbridge/admin');
    expect(list.body).toContain('new.person');
    expect(list.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(list.body).not.toContain('<script>alert(1)</script>');
  });

  it('lets an administrator change and remove roles, but not their own admin role', async () => {
    const browser = new Browser(server.app);
    await browser.signIn('casterbridge.admin');
    const admin = await browser.get('/organisations/casterbridge/admin');
    const csrf = Browser.csrfFrom(admin.body);
    await browser.post('/organisations/casterbridge/admin/users', {
      _csrf: csrf,
      username: 'role.changer',
      displayName: 'Role Changer',
      password: 'a long enough passphrase',
      roles: ['viewer'],
    });
    const page = await browser.get('/organisations/casterbridge/admin/users/role.changer');
    expect(page.statusCode).toBe(200);
    const changed = await browser.post('/organisations/casterbridge/admin/users/role.changer', {
      _csrf: Browser.csrfFrom(page.body),
      roles: ['analyst', 'caseworker'],
    });
    expect(changed.headers.location).toBe('/organisations/casterbridge/admin?changed=role.changer');
    const roles = await server.database.db
      .selectFrom('user_roles')
      .innerJoin('users', 'users.id', 'user_roles.user_id')
      .select('role')
      .where('username', '=', 'role.changer')
      .orderBy('role')
      .execute();
    expect(roles.map((r) => r.role)).toEqual(['analyst', 'caseworker']);
    const self = await browser.post('/organisations/casterbridge/admin/users/casterbridge.admin', {
      _csrf: Browser.csrfFrom(page.body),
      roles: ['viewer'],
    });
    expect(self.statusCode).toBe(400);
    expect(self.body).toContain('You cannot remove your own administrator role');
    const removed = await browser.post('/organisations/casterbridge/admin/users/role.changer', { _csrf: Browser.csrfFrom(page.body) });
    expect(removed.headers.location).toContain('removed=role.changer');
    expect((await browser.get('/organisations/casterbridge/admin/users/role.changer')).statusCode).toBe(404);
    expect((await browser.get('/organisations/budmouth/admin/users/budmouth.viewer')).statusCode).toBe(403);
  });

  it('lets a member of two organisations choose which one they act for', async () => {
    const user = await server.database.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'budmouth.viewer')
      .executeTakeFirstOrThrow();
    await server.database.db
      .insertInto('user_roles')
      .values({ user_id: user.id, organisation_code: 'wessex-council', role: 'viewer' })
      .execute();
    const browser = new Browser(server.app);
    await browser.signIn('budmouth.viewer');
    const page = await browser.get('/organisations/wessex-council');
    expect(page.body).toContain('Act for Wessex Council');
    const moved = await browser.post('/acting-for', { _csrf: Browser.csrfFrom(page.body), organisationCode: 'wessex-council' });
    expect(moved.headers.location).toBe('/organisations/wessex-council');
    expect((await server.app.inject({ url: '/api/me', headers: { cookie: browser.cookie } })).json().actingFor).toBe('wessex-council');
    const refused = await browser.post('/acting-for', { _csrf: Browser.csrfFrom(page.body), organisationCode: 'casterbridge' });
    expect(refused.statusCode).toBe(403);
  });

  it('describes the API in OpenAPI 3.1 and lists it on a page', async () => {
    const spec = (await server.app.inject('/api/openapi.json')).json();
    expect(spec.openapi).toBe('3.1.0');
    expect(Object.keys(spec.paths)).toEqual(
      expect.arrayContaining(['/api/organisations', '/api/organisations/{code}', '/healthz', '/readyz']),
    );
    expect(Object.keys(spec.paths)).not.toContain('/sign-in');
    const docs = await new Browser(server.app).get('/api/docs');
    expect(docs.statusCode).toBe(200);
    expect(docs.body).toContain('/api/organisations/{code}');
  });

  it('answers health and readiness', async () => {
    expect((await server.app.inject('/healthz')).json()).toEqual({ status: 'ok' });
    expect((await server.app.inject('/readyz')).json()).toMatchObject({ status: 'ready' });
  });

  it('gives clear errors: 404 as JSON for the API and as a page for people', async () => {
    const api = await server.app.inject('/api/organisations/nowhere');
    expect(api.statusCode).toBe(404);
    expect(api.json()).toMatchObject({ code: 'CORE_NOT_FOUND', message: 'There is no organisation with the code "nowhere"' });
    const page = await new Browser(server.app).get('/no/such/page');
    expect(page.statusCode).toBe(404);
    expect(page.body).toContain('Page not found');
  });

  it('validates API input with every problem listed', async () => {
    const browser = new Browser(server.app);
    await browser.signIn('casterbridge.admin');
    const home = await browser.get('/');
    const response = await server.app.inject({
      method: 'POST',
      url: '/api/organisations/casterbridge/users',
      headers: { cookie: browser.cookie, 'x-csrf-token': Browser.csrfFrom(home.body) },
      payload: { username: 7, roles: ['wizard'] },
    });
    expect(response.statusCode).toBe(400);
    const body = response.json();
    expect(body.code).toBe('CORE_VALIDATION');
    expect(body.details.length).toBeGreaterThanOrEqual(2);
  });
});

describe('sign-in rate limit', () => {
  it('refuses the attempt after the limit from one address', async () => {
    const server = await startTestServer({ signInAttemptsPerMinute: 3 });
    try {
      const browser = new Browser(server.app);
      const statuses = [];
      for (let k = 0; k < 4; k++) statuses.push((await browser.signIn('casterbridge.admin', 'wrong password, again')).statusCode);
      expect(statuses).toEqual([401, 401, 401, 429]);
    } finally {
      await server.close();
    }
  });
});

describe('personal API tokens', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it('lets a script call the API with a bearer token, with its user’s roles and no CSRF token', async () => {
    const { token } = await createApiToken(server.database, 'casterbridge.admin', 'nightly report', 30);
    const auth = { authorization: `Bearer ${token}` };
    expect((await server.app.inject({ url: '/api/me', headers: auth })).json()).toMatchObject({ username: 'casterbridge.admin' });
    expect((await server.app.inject({ url: '/api/organisations/casterbridge/users', headers: auth })).statusCode).toBe(200);
    expect((await server.app.inject({ url: '/api/organisations/budmouth/users', headers: auth })).statusCode).toBe(403);
    const added = await server.app.inject({
      method: 'POST',
      url: '/api/organisations/casterbridge/users',
      headers: auth,
      payload: { username: 'script.made', displayName: 'Made by a script', roles: ['viewer'] },
    });
    expect(added.statusCode).toBe(201);
  });

  it('refuses an unknown or expired token, and keeps only a hash', async () => {
    expect((await server.app.inject({ url: '/api/me', headers: { authorization: 'Bearer jny_not-a-real-token' } })).statusCode).toBe(401);
    const { token, id } = await createApiToken(server.database, 'budmouth.admin', 'short-lived', 1);
    await server.database.db
      .updateTable('api_tokens')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('id', '=', id)
      .execute();
    expect((await server.app.inject({ url: '/api/me', headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(401);
    const stored = await server.database.db.selectFrom('api_tokens').select('token_hash').execute();
    expect(stored.every((r) => !r.token_hash.includes(token.slice(4, 20)))).toBe(true);
  });
});
