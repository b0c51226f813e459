/**
 * Configuration: defaults, then `joinery.config.json` in the working directory (or the
 * file JOINERY_CONFIG names), then environment variables. Every setting is listed in
 * docs/configuration.md; a bad value stops start-up with one message naming it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { coreError, Problems } from './errors.ts';

export interface OidcConfig {
  /** The provider's issuer URL, e.g. https://oidc.integration.account.gov.uk/ or https://login.microsoftonline.com/<tenant>/v2.0 */
  issuer: string;
  clientId: string;
  /** For client_secret_basic; leave empty when using privateKeyJwt. */
  clientSecret?: string;
  /** PEM PKCS#8 private key for private_key_jwt client authentication (GOV.UK One Login requires it). */
  privateKeyPem?: string;
  /** The label on the sign-in button, e.g. "GOV.UK One Login" or "Microsoft". */
  label: string;
  scopes: string;
  /** Treat the provider's email claim as verified (Microsoft Entra, whose tenants control addresses, sends no email_verified). */
  trustEmail?: boolean;
}

export interface JoineryConfig {
  host: string;
  port: number;
  /** The address users reach Joinery at; sets secure cookies when https. */
  publicUrl: string;
  /** Folder for the embedded database and generated secrets. */
  dataDir: string;
  /** When set, use this PostgreSQL server instead of the embedded database. */
  databaseUrl?: string;
  /** Secret for signing session cookies; generated into the data folder when not given. */
  sessionSecret?: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Load the Wessex demo into an empty database on start. */
  demoOnStart: boolean;
  demoScale: number;
  demoSeed: string;
  /** Minutes of inactivity after which a session ends. */
  sessionMinutes: number;
  /** Sign-in attempts allowed per minute from one address. */
  signInAttemptsPerMinute: number;
  /** Largest file accepted by an upload (gazetteers, extracts, address files), in bytes. */
  uploadLimitBytes: number;
  oidc?: OidcConfig;
}

export const DEFAULT_CONFIG: JoineryConfig = {
  host: 'localhost',
  port: 3000,
  publicUrl: 'http://localhost:3000',
  dataDir: '.joinery',
  logLevel: 'info',
  demoOnStart: true,
  demoScale: 0.1,
  demoSeed: '1',
  sessionMinutes: 60,
  signInAttemptsPerMinute: 10,
  uploadLimitBytes: 104_857_600,
};

type Env = Record<string, string | undefined>;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

function readConfigFile(path: string): Partial<JoineryConfig> {
  try {
    const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not a JSON object');
    return parsed as Partial<JoineryConfig>;
  } catch (error) {
    throw coreError('CORE_CONFIG_INVALID', `${path} cannot be read: ${(error as Error).message}`);
  }
}

function parseBoolean(name: string, value: string, problems: Problems): boolean | undefined {
  if (/^(1|true|yes|on)$/i.test(value)) return true;
  if (/^(0|false|no|off)$/i.test(value)) return false;
  problems.add({ field: name, message: `${name} must be true or false (it is "${value}")` });
  return undefined;
}

/**
 * Reads the configuration from defaults, the config file and the environment.
 * @example const config = loadConfig({ env: process.env, cwd: process.cwd() });
 */
export function loadConfig({ env = process.env, cwd = process.cwd() }: { env?: Env; cwd?: string } = {}): JoineryConfig {
  const filePath = env.JOINERY_CONFIG ? resolve(cwd, env.JOINERY_CONFIG) : resolve(cwd, 'joinery.config.json');
  if (env.JOINERY_CONFIG && !existsSync(filePath)) {
    throw coreError('CORE_CONFIG_INVALID', `JOINERY_CONFIG names ${filePath}, which does not exist`);
  }
  const fromFile = existsSync(filePath) ? readConfigFile(filePath) : {};
  const config: JoineryConfig = { ...DEFAULT_CONFIG, ...fromFile };
  const problems = new Problems();

  if (env.HOST) config.host = env.HOST;
  if (env.PORT) config.port = Number(env.PORT);
  if (env.DATABASE_URL) config.databaseUrl = env.DATABASE_URL;
  if (env.JOINERY_DATA_DIR) config.dataDir = env.JOINERY_DATA_DIR;
  if (env.JOINERY_SESSION_SECRET) config.sessionSecret = env.JOINERY_SESSION_SECRET;
  if (env.LOG_LEVEL) config.logLevel = env.LOG_LEVEL as JoineryConfig['logLevel'];
  if (env.JOINERY_DEMO !== undefined) config.demoOnStart = parseBoolean('JOINERY_DEMO', env.JOINERY_DEMO, problems) ?? true;
  if (env.JOINERY_DEMO_SCALE) config.demoScale = Number(env.JOINERY_DEMO_SCALE);
  if (env.JOINERY_DEMO_SEED) config.demoSeed = env.JOINERY_DEMO_SEED;
  if (env.JOINERY_SESSION_MINUTES) config.sessionMinutes = Number(env.JOINERY_SESSION_MINUTES);
  if (env.JOINERY_SIGN_IN_ATTEMPTS_PER_MINUTE) config.signInAttemptsPerMinute = Number(env.JOINERY_SIGN_IN_ATTEMPTS_PER_MINUTE);
  if (env.JOINERY_UPLOAD_LIMIT_MB) config.uploadLimitBytes = Number(env.JOINERY_UPLOAD_LIMIT_MB) * 1_048_576;
  config.publicUrl = env.JOINERY_PUBLIC_URL ?? fromFile.publicUrl ?? `http://${config.host}:${config.port}`;
  if (env.OIDC_ISSUER) {
    config.oidc = {
      issuer: env.OIDC_ISSUER,
      clientId: env.OIDC_CLIENT_ID ?? '',
      clientSecret: env.OIDC_CLIENT_SECRET,
      privateKeyPem: env.OIDC_PRIVATE_KEY_PEM,
      label: env.OIDC_LABEL ?? 'single sign-on',
      scopes: env.OIDC_SCOPES ?? 'openid email profile',
      trustEmail: env.OIDC_TRUST_EMAIL ? parseBoolean('OIDC_TRUST_EMAIL', env.OIDC_TRUST_EMAIL, problems) : false,
    };
  }

  if (!Number.isInteger(config.port) || config.port < 0 || config.port > 65535) {
    problems.add({ field: 'PORT', message: `PORT must be a whole number from 0 to 65535 (it is "${String(config.port)}")` });
  }
  if (!LOG_LEVELS.includes(config.logLevel)) {
    problems.add({ field: 'LOG_LEVEL', message: `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}` });
  }
  if (!(config.demoScale > 0 && config.demoScale <= 8)) {
    problems.add({ field: 'JOINERY_DEMO_SCALE', message: 'JOINERY_DEMO_SCALE must be a number above 0 and at most 8' });
  }
  if (!(config.sessionMinutes >= 1)) {
    problems.add({ field: 'JOINERY_SESSION_MINUTES', message: 'JOINERY_SESSION_MINUTES must be at least 1' });
  }
  if (!(Number.isInteger(config.signInAttemptsPerMinute) && config.signInAttemptsPerMinute >= 1)) {
    problems.add({
      field: 'JOINERY_SIGN_IN_ATTEMPTS_PER_MINUTE',
      message: 'JOINERY_SIGN_IN_ATTEMPTS_PER_MINUTE must be a whole number of at least 1',
    });
  }
  if (!(Number.isFinite(config.uploadLimitBytes) && config.uploadLimitBytes >= 1024)) {
    problems.add({ field: 'JOINERY_UPLOAD_LIMIT_MB', message: 'JOINERY_UPLOAD_LIMIT_MB must be a number of megabytes, at least 0.001' });
  }
  try {
    new URL(config.publicUrl);
  } catch {
    problems.add({ field: 'JOINERY_PUBLIC_URL', message: `JOINERY_PUBLIC_URL must be a URL (it is "${config.publicUrl}")` });
  }
  if (config.sessionSecret !== undefined && config.sessionSecret.length < 32) {
    problems.add({ field: 'JOINERY_SESSION_SECRET', message: 'JOINERY_SESSION_SECRET must be at least 32 characters' });
  }
  if (config.oidc && (!config.oidc.clientId || !(config.oidc.clientSecret || config.oidc.privateKeyPem))) {
    problems.add({
      field: 'OIDC_ISSUER',
      message: 'Single sign-on needs OIDC_CLIENT_ID and either OIDC_CLIENT_SECRET or OIDC_PRIVATE_KEY_PEM as well as OIDC_ISSUER',
    });
  }
  if (!problems.isEmpty) {
    throw coreError('CORE_CONFIG_INVALID', problems.list.map((p) => p.message).join('; '), problems.list);
  }
  return config;
}
