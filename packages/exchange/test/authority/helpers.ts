/**
 * A test authority: a fresh database with Wessex's organisations and their administrators, an
 * authority context with a clock the test moves, and helpers to make a gateway's keys and
 * certificate requests as a real gateway would.
 */
import { randomBytes, type KeyObject } from 'node:crypto';
import {
  addUser,
  authentication,
  CORE_MIGRATIONS,
  DEFAULT_CONFIG,
  JoineryError,
  loadSignedInUser,
  saveOrganisations,
  type JoineryConfig,
  type SignedInUser,
} from '@joinery/core';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import { openTestDatabase, type TestDatabase } from '@joinery/core/testing';
import { sql } from 'kysely';
import { EXCHANGE_MIGRATIONS } from '../../src/index.ts';
import { exchangeAuthorityRoutes } from '../../src/authority/index.ts';
import { systemActor, userActor, type Actor } from '../../src/authority/actor.ts';
import { openAuthority, type AuthorityContext } from '../../src/authority/context.ts';
import { createCertificateRequest } from '../../src/pki/csr.ts';
import { generateSigningKeyPair } from '../../src/pki/keys.ts';

export const CLI = systemActor('cli');

export interface TestAuthority {
  database: TestDatabase;
  authority: AuthorityContext;
  clock: { now: Date };
  /** The administrator of each organisation, and casterbridge's viewer. */
  actors: Record<'wessexAdmin' | 'casterbridgeAdmin' | 'budmouthAdmin' | 'nhsAdmin' | 'casterbridgeViewer', Actor>;
  users: Record<string, SignedInUser>;
  dispose(): Promise<void>;
}

export const ORGANISATIONS = [
  { code: 'wessex-council', name: 'Wessex Council', type: 'unitary-authority' as const },
  { code: 'casterbridge', name: 'Casterbridge District Council', type: 'district-council' as const },
  { code: 'budmouth', name: 'Budmouth Borough Council', type: 'district-council' as const },
  { code: 'wessex-nhs', name: 'Wessex Hospitals NHS Trust', type: 'nhs-trust' as const },
  { code: 'egdon-homes', name: 'Egdon Homes', type: 'housing-association' as const },
];

export async function startTestAuthority(start = new Date('2026-03-02T09:00:00Z')): Promise<TestAuthority> {
  const database = await openTestDatabase([CORE_MIGRATIONS, EXCHANGE_MIGRATIONS]);
  await saveOrganisations(
    database,
    ORGANISATIONS.map((o) => ({ ...o, successorCode: null, identifiers: [], partnerships: [] })),
  );
  const clock = { now: start };
  const authority = openAuthority(database, { dataDir: 'memory://', keyEncryptionKey: randomBytes(32), now: () => clock.now });
  const users: Record<string, SignedInUser> = {};
  const make = async (username: string, organisationCode: string, roles: ('admin' | 'viewer')[]) => {
    const id = await addUser(database, { username, displayName: username, organisationCode, roles });
    users[username] = (await loadSignedInUser(database, id))!;
    return userActor(users[username]!);
  };
  const actors = {
    wessexAdmin: await make('wessex.admin', 'wessex-council', ['admin']),
    casterbridgeAdmin: await make('casterbridge.admin', 'casterbridge', ['admin']),
    budmouthAdmin: await make('budmouth.admin', 'budmouth', ['admin']),
    nhsAdmin: await make('nhs.admin', 'wessex-nhs', ['admin']),
    casterbridgeViewer: await make('casterbridge.viewer', 'casterbridge', ['viewer']),
  };
  return { database, authority, clock, actors, users, dispose: () => database.dispose() };
}

/** A gateway's two key pairs and their certificate requests. */
export async function gatewayRequests(
  gatewayId: string,
  organisationName = 'Test',
): Promise<{ authKey: KeyObject; signKey: KeyObject; authCsrPem: string; signCsrPem: string }> {
  const auth = generateSigningKeyPair();
  const sign = generateSigningKeyPair();
  const memberId = gatewayId.split('/').slice(0, 3).join('/');
  const subject = { organisationName, memberId, gatewayId };
  return {
    authKey: auth.privateKey,
    signKey: sign.privateKey,
    authCsrPem: await createCertificateRequest(auth.privateKey, subject),
    signCsrPem: await createCertificateRequest(sign.privateKey, subject),
  };
}

/** Row counts of every exchange table (and the audit trail), to show that a refused change changed nothing. */
export async function countRows(database: TestDatabase): Promise<Record<string, number>> {
  const { rows } = await sql<{
    table_name: string;
  }>`select table_name from information_schema.tables where table_schema = 'public' and (table_name like 'exchange_%' or table_name in ('partnerships', 'partnership_members')) order by table_name`.execute(
    database.db,
  );
  const counts: Record<string, number> = {};
  for (const { table_name } of rows) {
    const { rows: n } = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table_name)}`.execute(database.db);
    counts[table_name] = Number(n[0]!.n);
  }
  return counts;
}

/** A small OpenAPI 3.1 description: the address register's lookup. */
export const ADDRESS_API = {
  openapi: '3.1.0',
  info: { title: 'Address lookup', version: '1.0.0' },
  paths: {
    '/addresses/{uprn}': { get: { operationId: 'getAddress', responses: { '200': { description: 'The address' } } } },
    '/addresses': { get: { operationId: 'searchAddresses', responses: { '200': { description: 'Matches' } } } },
  },
};

/**
 * A minimal Fastify app built as the server builds it — core's authentication plugin (sessions,
 * CSRF, API tokens) and the authority's routes, with the server's error shape — for app.inject().
 */
export async function buildTestApp(t: TestAuthority): Promise<FastifyInstance> {
  const config: JoineryConfig = { ...DEFAULT_CONFIG, dataDir: 'memory://', sessionSecret: 'a-test-secret-that-is-long-enough-1234' };
  const app = Fastify({ ajv: { customOptions: { allErrors: true, coerceTypes: 'array', removeAdditional: false } } });
  await app.register(authentication, { config, database: t.database });
  // The server's error shape (apps/server/src/errors.ts): { code, message, details }.
  app.setErrorHandler(async (error: FastifyError | JoineryError, _request, reply) => {
    if (error instanceof JoineryError)
      return reply.code(error.status).send({ code: error.code, message: error.message, details: error.details });
    if ((error as FastifyError).validation) return reply.code(400).send({ code: 'CORE_VALIDATION', message: error.message, details: [] });
    return reply
      .code((error as FastifyError).statusCode ?? 500)
      .send({ code: (error as FastifyError).code ?? 'CORE_INTERNAL', message: error.message, details: [] });
  });
  await app.register(exchangeAuthorityRoutes, { database: t.database, config, authority: t.authority });
  await app.ready();
  return app;
}
