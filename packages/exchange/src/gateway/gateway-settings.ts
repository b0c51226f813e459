/**
 * A gateway's own settings, kept in `<dir>/gateway.json` beside its keys, certificates, the
 * configurations it downloaded and its message log. It names who the gateway is, where it
 * listens, the anchor it trusts, and — for providers — the systems behind it: backend
 * addresses never leave the provider's gateway (they are not in the federation configuration).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Type, type Static } from 'typebox';
import { Value } from 'typebox/value';
import { SigningKey } from '../configuration/model.ts';

export const Backend = Type.Object({
  url: Type.String({ pattern: '^https?://', description: 'The provider system’s base URL' }),
  timeoutMs: Type.Optional(Type.Integer({ minimum: 1, maximum: 600_000 })),
  /** Sent to the backend as X-Joinery-Gateway-Token so that it can tell its own gateway's calls from anyone else's. */
  token: Type.Optional(Type.String({ minLength: 16 })),
});
export type Backend = Static<typeof Backend>;

export const GatewaySettings = Type.Object({
  format: Type.Literal('joinery-gateway/1'),
  gatewayId: Type.String({ description: 'INSTANCE/CLASS/MEMBER/GATEWAY' }),
  anchor: Type.Object({
    instance: Type.String(),
    configurationUrl: Type.String(),
    signingKeys: Type.Array(SigningKey),
  }),
  /** Where local systems call it (plain HTTP: keep it on loopback or a private network). */
  localListen: Type.Object({ host: Type.String(), port: Type.Integer({ minimum: 0, maximum: 65_535 }) }),
  /** Where other gateways reach it over mutual TLS. */
  exchangeListen: Type.Object({ host: Type.String(), port: Type.Integer({ minimum: 0, maximum: 65_535 }) }),
  /** `SUBSYSTEM/SERVICE` → the system that answers it. */
  backends: Type.Record(Type.String(), Backend),
  limits: Type.Object({
    maxBodyBytes: Type.Integer({ minimum: 1024 }),
    providerTimeoutMs: Type.Integer({ minimum: 1 }),
    backendTimeoutMs: Type.Integer({ minimum: 1 }),
    clockSkewSeconds: Type.Integer({ minimum: 0, maximum: 3600 }),
    maxAgeSeconds: Type.Integer({ minimum: 1, maximum: 3600 }),
    configurationRefreshSeconds: Type.Integer({ minimum: 1 }),
    reportIntervalSeconds: Type.Integer({ minimum: 1 }),
  }),
  /**
   * A successor organisation's gateway carrying on a predecessor's log: its log starts with an
   * entry naming the predecessor's last entry, so the two logs read as one history.
   */
  continuation: Type.Optional(
    Type.Object({
      predecessorGateway: Type.String(),
      predecessorHeadSeq: Type.Integer({ minimum: 0 }),
      predecessorHeadHash: Type.String(),
    }),
  ),
  log: Type.Object({
    /** Keep message bodies in the log (the evidence then shows exactly what was said); else only their digests. */
    isKeepingBodies: Type.Boolean(),
    checkpointEvery: Type.Integer({ minimum: 1 }),
    checkpointIntervalMs: Type.Integer({ minimum: 10 }),
    /** A segment closes at this size and the next begins; closed segments can be archived (default 64 MiB). */
    segmentMaxBytes: Type.Optional(Type.Integer({ minimum: 4096 })),
  }),
});
export type GatewaySettings = Static<typeof GatewaySettings>;

export const DEFAULT_LIMITS: GatewaySettings['limits'] = {
  maxBodyBytes: 10 * 1024 * 1024,
  providerTimeoutMs: 30_000,
  backendTimeoutMs: 25_000,
  clockSkewSeconds: 30,
  maxAgeSeconds: 60,
  configurationRefreshSeconds: 60,
  reportIntervalSeconds: 60,
};

export const DEFAULT_LOG: GatewaySettings['log'] = { isKeepingBodies: true, checkpointEvery: 1000, checkpointIntervalMs: 5000 };

/** The files of a gateway directory. */
export function gatewayFiles(dir: string) {
  return {
    settings: join(dir, 'gateway.json'),
    authKey: join(dir, 'keys', 'auth.key'),
    signKey: join(dir, 'keys', 'sign.key'),
    authCertificate: join(dir, 'certificates', 'auth.pem'),
    signCertificate: join(dir, 'certificates', 'sign.pem'),
    caCertificate: join(dir, 'certificates', 'ca.pem'),
    configurations: join(dir, 'configurations'),
    log: join(dir, 'log'),
  };
}

export class GatewaySettingsInvalid extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GatewaySettingsInvalid';
  }
}

export function readGatewaySettings(dir: string): GatewaySettings {
  const file = gatewayFiles(dir).settings;
  if (!existsSync(file)) throw new GatewaySettingsInvalid(`${file} does not exist: run "joinery gateway init" first`);
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new GatewaySettingsInvalid(`${file} is not JSON: ${(error as Error).message}`);
  }
  if (!Value.Check(GatewaySettings, value)) {
    const problems = [...Value.Errors(GatewaySettings, value)].slice(0, 5).map((e) => `${e.instancePath || '/'} ${e.message}`);
    throw new GatewaySettingsInvalid(`${file} is not valid: ${problems.join('; ')}`);
  }
  return value;
}

export function writeGatewaySettings(dir: string, settings: GatewaySettings): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(gatewayFiles(dir).settings, `${JSON.stringify(settings, null, 2)}\n`, { mode: 0o600 });
}

/** Sets (or replaces) the system behind one of the gateway's services. */
export function setGatewayBackend(dir: string, service: string, backend: Backend): GatewaySettings {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,62}\/[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/.test(service))
    throw new GatewaySettingsInvalid(`${service} is not SUBSYSTEM/SERVICE, e.g. addresses/address-lookup`);
  if (!Value.Check(Backend, backend))
    throw new GatewaySettingsInvalid(`${String((backend as { url?: unknown }).url)} is not an http:// or https:// address`);
  const settings = readGatewaySettings(dir);
  settings.backends[service] = backend;
  writeGatewaySettings(dir, settings);
  return settings;
}
