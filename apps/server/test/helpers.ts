/** Builds a server on a fresh test database with two councils and their users. */
import { addUser, DEFAULT_CONFIG, saveOrganisations, type JoineryConfig } from '@joinery/core';
import { openTestDatabase, type TestDatabase } from '@joinery/core/testing';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../src/app.ts';
import { MIGRATIONS } from '../src/migrations.ts';

export const PASSWORD = 'correct horse battery staple';

export interface TestServer {
  app: FastifyInstance;
  database: TestDatabase;
  close(): Promise<void>;
}

export async function startTestServer(overrides: Partial<JoineryConfig> = {}): Promise<TestServer> {
  const database = await openTestDatabase(MIGRATIONS);
  await saveOrganisations(
    database,
    [
      {
        code: 'casterbridge',
        name: 'Casterbridge District Council',
        type: 'district-council',
        successorCode: 'wessex-council',
        identifiers: [{ kind: 'gss', value: 'E07000901' }],
        partnerships: [],
      },
      {
        code: 'budmouth',
        name: 'Budmouth Borough Council',
        type: 'district-council',
        successorCode: 'wessex-council',
        identifiers: [{ kind: 'gss', value: 'E07000902' }],
        partnerships: [],
      },
      {
        code: 'wessex-council',
        name: 'Wessex Council',
        type: 'unitary-authority',
        successorCode: null,
        identifiers: [{ kind: 'gss', value: 'E06000901' }],
        partnerships: [],
      },
    ],
    [{ code: 'wessex-federation', name: 'Wessex federation', kind: 'federation', members: ['casterbridge', 'budmouth', 'wessex-council'] }],
  );
  await addUser(database, {
    username: 'casterbridge.admin',
    displayName: 'Casey Admin',
    password: PASSWORD,
    organisationCode: 'casterbridge',
    roles: ['admin'],
  });
  await addUser(database, {
    username: 'budmouth.admin',
    displayName: 'Bud Admin',
    password: PASSWORD,
    organisationCode: 'budmouth',
    roles: ['admin'],
  });
  await addUser(database, {
    username: 'budmouth.viewer',
    displayName: 'Bud Viewer',
    password: PASSWORD,
    organisationCode: 'budmouth',
    roles: ['viewer'],
  });
  const config: JoineryConfig = {
    ...DEFAULT_CONFIG,
    dataDir: 'memory://',
    sessionSecret: 'a-test-secret-that-is-long-enough-1234',
    // Tests sign in far more often than a person; the limit itself has its own test.
    signInAttemptsPerMinute: 1000,
    ...overrides,
  };
  const app = await buildApp({ config, database });
  return {
    app,
    database,
    close: async () => {
      await app.close();
      await database.dispose();
    },
  };
}

/** A browser-like client: keeps the cookie, reads the CSRF token from forms. */
export class Browser {
  cookie = '';
  constructor(private readonly app: FastifyInstance) {}

  private remember(response: LightMyRequestResponse) {
    const set = response.headers['set-cookie'];
    const first = Array.isArray(set) ? set[0] : set;
    if (first) this.cookie = first.split(';')[0]!;
    return response;
  }

  async get(url: string, headers: Record<string, string> = {}) {
    return this.remember(await this.app.inject({ method: 'GET', url, headers: { cookie: this.cookie, accept: 'text/html', ...headers } }));
  }

  async post(url: string, form: Record<string, string | string[]>) {
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries(form)) for (const value of [v].flat()) body.append(k, value);
    return this.remember(
      await this.app.inject({
        method: 'POST',
        url,
        payload: body.toString(),
        headers: { cookie: this.cookie, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
      }),
    );
  }

  static csrfFrom(html: string): string {
    const match = /name="_csrf" value="([^"]+)"/.exec(html);
    if (!match) throw new Error('no CSRF token on the page');
    return match[1]!;
  }

  async signIn(username: string, password = PASSWORD) {
    const page = await this.get('/sign-in');
    return this.post('/sign-in', { _csrf: Browser.csrfFrom(page.body), username, password, returnTo: '/' });
  }
}
