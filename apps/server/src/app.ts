/**
 * The composition root of the HTTP server. It reads as a list: security headers →
 * forms → sign-in (sessions, CSRF) → views → OpenAPI → errors and not found → rooms.
 * Services are built once and passed in.
 */
import fastifyFormbody from '@fastify/formbody';
import fastifyHelmet from '@fastify/helmet';
import fastifyMultipart from '@fastify/multipart';
import fastifyRateLimit from '@fastify/rate-limit';
import {
  authentication,
  authRoutes,
  CORE_VIEWS,
  organisationRoutes,
  sessionCookieName,
  type Database,
  type JoineryConfig,
} from '@joinery/core';
import { ESTATE_VIEWS, estateRoutes } from '@joinery/estate';
import { exchangeAuthorityRoutes } from '@joinery/exchange';
import { REGISTERS_VIEWS, registersRoutes } from '@joinery/registers';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
// TEMPORARY (pages helper B): until @joinery/exchange exports its pages and EXCHANGE_VIEWS (pages helper A's index.ts).
import { fileURLToPath } from 'node:url';
import { grantPages } from '../../../packages/exchange/src/pages/grants.ts';
import { operationsPages } from '../../../packages/exchange/src/pages/operations.ts';
import { servicePages } from '../../../packages/exchange/src/pages/services.ts';
const EXCHANGE_VIEWS = fileURLToPath(new URL('../../../packages/exchange/src/views', import.meta.url));
import { assets } from './assets.ts';
import { errorHandling } from './errors.ts';
import { health } from './health.ts';
import { openApi, openApiRoutes } from './openapi.ts';
import { pages } from './pages.ts';
import { views } from './views.ts';

export const VERSION = '0.1.0';

export interface AppOptions {
  config: JoineryConfig;
  database: Database;
  /** Fastify's logger: pino options, or false (tests). */
  logger?: FastifyServerOptions['logger'];
  /** Shown on the sign-in page of a demo install. */
  demoCredentialsFile?: string;
  /** Close the database when the app closes (the server owns it; tests may not). */
  closeDatabaseOnClose?: boolean;
}

/**
 * Builds the Joinery server (not yet listening).
 * @example const app = await buildApp({ config: loadConfig(), database }); await app.listen({ port: 3000 });
 */
export async function buildApp({
  config,
  database,
  logger = false,
  demoCredentialsFile,
  closeDatabaseOnClose = false,
}: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger,
    trustProxy: new URL(config.publicUrl).hostname !== 'localhost',
    bodyLimit: 1_048_576,
    requestIdHeader: 'x-request-id',
    ajv: { customOptions: { allErrors: true, coerceTypes: 'array', removeAdditional: false } },
    routerOptions: { ignoreTrailingSlash: true },
  });

  await app.register(fastifyHelmet, {
    enableCSPNonces: true,
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        upgradeInsecureRequests: new URL(config.publicUrl).protocol === 'https:' ? [] : null,
      },
    },
    strictTransportSecurity: new URL(config.publicUrl).protocol === 'https:' ? { maxAge: 31_536_000, includeSubDomains: true } : false,
  });
  await app.register(fastifyRateLimit, { global: false });
  await app.register(fastifyFormbody, { bodyLimit: 1_048_576 });
  // Uploads (gazetteers, extracts, address files): fields and files on the body, so CSRF checks see _csrf.
  await app.register(fastifyMultipart, {
    attachFieldsToBody: 'keyValues',
    limits: { fileSize: config.uploadLimitBytes, files: 1, fields: 20 },
    // A file arrives as { filename, mimetype, content } so that rooms can name it in messages.
    async onFile(part) {
      (part as unknown as { value: unknown }).value = { filename: part.filename, mimetype: part.mimetype, content: await part.toBuffer() };
    },
  });
  await app.register(authentication, { config, database });
  await app.register(views, { roomViews: [CORE_VIEWS, REGISTERS_VIEWS, ESTATE_VIEWS, EXCHANGE_VIEWS] });
  await app.register(openApi, { version: VERSION });
  await app.register(assets);

  // Before the rooms, so that their encapsulated contexts inherit it.
  errorHandling(app);

  await app.register(health, { database });
  await app.register(openApiRoutes);
  await app.register(pages, { database, config, cookieName: sessionCookieName(config) });
  await app.register(authRoutes, { config, database, demoCredentialsFile });
  await app.register(organisationRoutes, { database });
  await app.register(registersRoutes, { database, config });
  await app.register(estateRoutes, { database, config });
  await app.register(exchangeAuthorityRoutes, { database, config });
  for (const plugin of [servicePages, grantPages, operationsPages]) await app.register(plugin, { database, config });

  if (closeDatabaseOnClose) app.addHook('onClose', async () => database.close());
  return app;
}
