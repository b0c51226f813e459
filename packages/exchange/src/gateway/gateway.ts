/**
 * A running gateway (X-Road's security server), from its directory: its local API for the
 * organisation's systems, its exchange endpoint for other gateways (mutual TLS 1.3), its
 * message log, and the timers that refresh the configuration and report to the authority.
 * `joinery gateway --dir D` runs one; tests and the demo start several in one process.
 */
import { createPrivateKey, sign, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createServer as createTlsServer, type Server as HttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { JoineryError } from '@joinery/core';
import { keyIdOf } from '../configuration/signature.ts';
import { formatMemberId, parseGatewayId } from '../identifiers.ts';
import { openMessageLog } from '../log/index.ts';
import { ReplayGuard } from '../signing/index.ts';
import { ConfigurationStore } from './configuration-store.ts';
import { Connections } from './connections.ts';
import type { GatewayContext } from './context.ts';
import { gatewayFiles, readGatewaySettings, type GatewaySettings } from './gateway-settings.ts';
import { gatewayHealth, localApi, type GatewayHealth } from './local-api.ts';
import { OperationsStats } from './operations-stats.ts';
import { handleExchangeCall } from './provider-side.ts';
import { standingProblems } from './standing.ts';
import { sendReport, type ReportCertificate } from './reporter.ts';
import { timestampClient } from './timestamp-client.ts';

export interface StartGatewayOptions {
  dir: string;
  /** The clock (tests move it to check staleness and expiry). */
  now?: () => Date;
  fetch?: typeof fetch;
  /** Override where it listens (tests use port 0). */
  localPort?: number;
  exchangePort?: number;
  /** Called with what goes wrong in the background (refresh, reports, timestamps). */
  onProblem?: (message: string) => void;
}

export interface RunningGateway {
  gatewayId: string;
  localUrl: string;
  exchangeUrl: string;
  settings: GatewaySettings;
  context: GatewayContext;
  health(): GatewayHealth;
  refreshConfiguration(): Promise<void>;
  report(): Promise<void>;
  /** Stops: finishes calls in progress (up to 5 s), then checkpoints the log. `isAbrupt` drops them at once, as a crash would. */
  close(options?: { isAbrupt?: boolean }): Promise<void>;
}

/** A gateway that cannot start for a reason its operator can fix; the CLI prints it as it is. */
export class GatewayStartFailed extends JoineryError {
  constructor(message: string) {
    super('GATEWAY_START_FAILED', 500, message);
    this.name = 'GatewayStartFailed';
  }
}

function listen(server: Server | HttpsServer, host: string, port: number): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE' || error.code === 'EACCES'
          ? new GatewayStartFailed(
              `Port ${port} on ${host} ${error.code === 'EADDRINUSE' ? 'is already in use (is this gateway, or another, already running?)' : 'may not be used by this user'}: stop what holds it, or change localListen or exchangeListen in gateway.json`,
            )
          : error,
      ),
    );
    server.listen(port, host, () => resolve(server.address() as AddressInfo));
  });
}

export async function startGateway(options: StartGatewayOptions): Promise<RunningGateway> {
  const settings = readGatewaySettings(options.dir);
  const files = gatewayFiles(options.dir);
  const now = options.now ?? (() => new Date());
  const onProblem = options.onProblem ?? (() => {});
  const gatewayId = parseGatewayId(settings.gatewayId);
  if (!gatewayId) throw new Error(`${files.settings}: gatewayId ${settings.gatewayId} is not INSTANCE/CLASS/MEMBER/GATEWAY`);
  const signKey = createPrivateKey(readFileSync(files.signKey));
  const authKeyPem = readFileSync(files.authKey, 'utf8');
  const authCertificatePem = readFileSync(files.authCertificate, 'utf8');
  const signCertificatePem = readFileSync(files.signCertificate, 'utf8');
  const certificates: ReportCertificate[] = [
    { usage: 'auth', ...certificateFacts(authCertificatePem) },
    { usage: 'sign', ...certificateFacts(signCertificatePem) },
  ];

  const store = new ConfigurationStore({
    dir: files.configurations,
    anchor: settings.anchor,
    now,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  store.loadFromDisk();
  try {
    await store.refresh();
  } catch (error) {
    onProblem(`The configuration could not be downloaded: ${(error as Error).message}`);
  }
  const log = await openMessageLog({
    dir: files.log,
    signer: { gatewayId: settings.gatewayId, keyId: keyIdOf(signKey), sign: (data) => signWith(signKey, data) },
    timestamp: timestampClient(store, options.fetch),
    checkpointEvery: settings.log.checkpointEvery,
    checkpointIntervalMs: settings.log.checkpointIntervalMs,
    ...(settings.log.segmentMaxBytes ? { segmentMaxBytes: settings.log.segmentMaxBytes } : {}),
    ...(settings.continuation ? { continuation: settings.continuation } : {}),
  });
  const context: GatewayContext = {
    settings,
    gatewayId: settings.gatewayId,
    memberId: formatMemberId(gatewayId),
    signKey,
    signKeyId: keyIdOf(signKey),
    authKeyPem,
    authCertificatePem,
    signCertificatePem,
    store,
    log,
    replayGuard: new ReplayGuard({
      windowSeconds: settings.limits.maxAgeSeconds + 2 * settings.limits.clockSkewSeconds,
      maxEntries: 2_000_000,
    }),
    totals: new OperationsStats(),
    period: new OperationsStats(),
    now,
    refreshSoon: async () => {
      if (Date.now() - lastRefreshAt < 5000) return;
      lastRefreshAt = Date.now();
      await refreshConfiguration().catch((e: Error) => onProblem(`Configuration refresh failed: ${e.message}`));
    },
  };
  let lastRefreshAt = Date.now();
  const connections = new Connections({ keyPem: authKeyPem, certificatePem: authCertificatePem });
  const health = (): GatewayHealth =>
    gatewayHealth(
      context,
      certificates.map((c) => ({
        usage: c.usage,
        notAfter: c.notAfter,
        daysLeft: Math.floor((Date.parse(c.notAfter) - now().getTime()) / 86_400_000),
      })),
    );

  // Calls being carried: closing waits for them, so that no request is logged without its answer.
  let inFlight = 0;
  const track = async (handling: Promise<void>): Promise<void> => {
    inFlight += 1;
    try {
      await handling;
    } catch (error) {
      onProblem(`A call failed unanswered: ${(error as Error).message}`);
    } finally {
      inFlight -= 1;
    }
  };
  const untilNoneInFlight = async (maxMs: number) => {
    for (let waited = 0; inFlight > 0 && waited < maxMs; waited += 50) await new Promise((r) => setTimeout(r, 50));
  };
  const tlsContext = () => ({ key: authKeyPem, cert: authCertificatePem, ca: store.view?.certificationAuthorities ?? [] });
  const exchangeServer = createTlsServer(
    { ...tlsContext(), requestCert: true, rejectUnauthorized: false, minVersion: 'TLSv1.3' },
    (request, response) => void track(handleExchangeCall(context, connections, request, response)),
  );
  exchangeServer.keepAliveTimeout = 60_000;
  const local = localApi(context, connections, health);
  const localServer = createServer((request, response) => void track(local(request, response)));
  localServer.keepAliveTimeout = 60_000;
  let exchangeAddress: AddressInfo;
  let localAddress: AddressInfo;
  try {
    exchangeAddress = await listen(exchangeServer, settings.exchangeListen.host, options.exchangePort ?? settings.exchangeListen.port);
    localAddress = await listen(localServer, settings.localListen.host, options.localPort ?? settings.localListen.port);
  } catch (error) {
    // Not started: let go of the port and the log's lock, so that it can start once the port is free.
    if (exchangeServer.listening) await new Promise((resolve) => exchangeServer.close(resolve));
    await log.close();
    throw error;
  }

  let caCount = tlsContext().ca.length;
  let lastStanding = standingProblems(context).join('; ');
  if (lastStanding) onProblem(`This gateway cannot be reached: ${lastStanding}`);
  const refreshConfiguration = async () => {
    const result = await store.refresh();
    for (const problem of result.problems) onProblem(problem);
    // Told when it changes, not at every refresh: a revoked gateway keeps running, unreachable.
    const standing = standingProblems(context).join('; ');
    if (standing && standing !== lastStanding) onProblem(`This gateway cannot be reached: ${standing}`);
    lastStanding = standing;
    // New CAs (a federation trusted, an external CA) take effect for new TLS connections.
    if (result.isChanged || tlsContext().ca.length !== caCount) {
      exchangeServer.setSecureContext(tlsContext());
      caCount = tlsContext().ca.length;
    }
  };
  const report = () => sendReport(context, certificates, options.fetch);
  const refreshTimer = setInterval(
    () => refreshConfiguration().catch((e: Error) => onProblem(`Configuration refresh failed: ${e.message}`)),
    settings.limits.configurationRefreshSeconds * 1000,
  );
  const reportTimer = setInterval(
    () => report().catch((e: Error) => onProblem(`Report failed: ${e.message}`)),
    settings.limits.reportIntervalSeconds * 1000,
  );
  refreshTimer.unref();
  reportTimer.unref();

  let isClosed = false;
  return {
    gatewayId: settings.gatewayId,
    localUrl: `http://${hostForUrl(localAddress)}:${localAddress.port}`,
    exchangeUrl: `https://${hostForUrl(exchangeAddress)}:${exchangeAddress.port}`,
    settings,
    context,
    health,
    refreshConfiguration,
    report,
    async close({ isAbrupt = false } = {}) {
      if (isClosed) return;
      isClosed = true;
      clearInterval(refreshTimer);
      clearInterval(reportTimer);
      if (isAbrupt) {
        localServer.closeAllConnections();
        exchangeServer.closeAllConnections();
      }
      const closing = Promise.all([new Promise((r) => localServer.close(r)), new Promise((r) => exchangeServer.close(r))]);
      localServer.closeIdleConnections();
      exchangeServer.closeIdleConnections();
      await Promise.race([closing, new Promise((r) => setTimeout(r, 5000).unref())]);
      // Every call ends by its own time limits (the provider's, the backends'): wait that long.
      const backendLimits = Object.values(settings.backends).map((backend) => backend.timeoutMs ?? 0);
      await untilNoneInFlight(Math.max(settings.limits.providerTimeoutMs, settings.limits.backendTimeoutMs, ...backendLimits) + 1000);
      localServer.closeAllConnections();
      exchangeServer.closeAllConnections();
      await connections.close();
      // A call cut off just now (a body still arriving) logs its fault before the log closes.
      await untilNoneInFlight(2000);
      await log.close();
    },
  };
}

// Ed25519 takes no digest algorithm (RFC 8032): null.
const signWith = (key: ReturnType<typeof createPrivateKey>, data: Buffer): Buffer => sign(null, data, key);

function certificateFacts(pem: string): { serialNumber: string; notAfter: string } {
  const certificate = new X509Certificate(pem);
  return { serialNumber: certificate.serialNumber.toLowerCase(), notAfter: new Date(certificate.validTo).toISOString() };
}

function hostForUrl(address: AddressInfo): string {
  return address.family === 'IPv6' ? `[${address.address}]` : address.address;
}
