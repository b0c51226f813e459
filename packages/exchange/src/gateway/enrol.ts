/**
 * Setting up a gateway in one step (`joinery gateway init`): the authority's operator registers
 * the gateway and hands its administrator a one-time enrolment token; the gateway makes its two
 * key pairs (authentication for mutual TLS, signing for messages), sends certificate requests
 * with the token, and receives its certificates and the configuration anchor. The token carries
 * the SHA-256 of the authority's configuration-signing key, so the anchor it receives is pinned
 * even if enrolment travelled over plain HTTP on a trusted network. A gateway whose certificates
 * come from its member's own CA enrols the same way with them (certificate-requests.ts).
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { writePrivateKeyFile } from '../pki/index.ts';
import { parseGatewayId } from '../identifiers.ts';
import { verifyGatewayLog } from '../evidence/evidence.ts';
import { certificateRequestsFor, EnrolmentFailed, gatewayKeys, readCertificateFor, requestFiles } from './certificate-requests.ts';
import {
  DEFAULT_LIMITS,
  DEFAULT_LOG,
  gatewayFiles,
  readGatewaySettings,
  writeGatewaySettings,
  type Backend,
  type GatewaySettings,
} from './gateway-settings.ts';

export { EnrolmentFailed };

export interface EnrolmentToken {
  federation: string;
  gatewayId: string;
  configurationUrl: string;
  anchorKeyId: string;
  address?: string;
}

/** Reads `jx1.<payload>.<secret>`; the payload is base64url JSON { f, g, u, k, a? }. */
export function readEnrolmentToken(token: string): EnrolmentToken {
  const parts = token.trim().split('.');
  if (parts.length !== 3 || parts[0] !== 'jx1') throw new EnrolmentFailed('This is not a Joinery enrolment token (it starts jx1.)');
  let payload: { f?: unknown; g?: unknown; u?: unknown; k?: unknown; a?: unknown };
  try {
    payload = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8'));
  } catch {
    throw new EnrolmentFailed('The enrolment token is damaged: copy it again from the authority');
  }
  if (
    typeof payload.f !== 'string' ||
    typeof payload.g !== 'string' ||
    typeof payload.u !== 'string' ||
    typeof payload.k !== 'string' ||
    !parseGatewayId(payload.g)
  )
    throw new EnrolmentFailed('The enrolment token is damaged: copy it again from the authority');
  return {
    federation: payload.f,
    gatewayId: payload.g,
    configurationUrl: payload.u,
    anchorKeyId: payload.k,
    ...(typeof payload.a === 'string' ? { address: payload.a } : {}),
  };
}

export interface InitGatewayOptions {
  dir: string;
  token: string;
  /** Where other gateways reach it; must be the address the authority registered. */
  address?: string;
  localListen?: { host: string; port: number };
  exchangeListen?: { host: string; port: number };
  backends?: Record<string, Backend>;
  /** A predecessor's gateway folder whose log this gateway's log carries on (reorganisation). */
  continueFrom?: string;
  /**
   * Certificate files an external CA the federation trusts issued for the keys that
   * requestCertificates made in `dir`; without them the federation's CA issues the certificates.
   */
  certificateFiles?: { auth: string; sign: string };
  fetch?: typeof fetch;
}

interface EnrolmentAnswer {
  authCertificatePem: string;
  signCertificatePem: string;
  caCertificatePem: string;
  anchor: GatewaySettings['anchor'];
  address?: string;
}

/** The last entry of a stopped predecessor gateway's log, after checking the whole log holds. */
export async function predecessorLogHead(dir: string): Promise<NonNullable<GatewaySettings['continuation']>> {
  const predecessor = readGatewaySettings(dir);
  const report = await verifyGatewayLog(dir);
  if (!report.isValid)
    throw new EnrolmentFailed(
      `The predecessor's log in ${dir} does not hold (${report.problems[0]?.message ?? 'see joinery exchange verify-log'}): it cannot be carried on`,
    );
  return { predecessorGateway: predecessor.gatewayId, predecessorHeadSeq: report.lastSeq, predecessorHeadHash: report.lastHash };
}

/**
 * Makes the gateway's keys in `dir` and writes their requests for another CA to answer. The
 * token only names the gateway here (it is not spent): if it expires before the CA answers, ask
 * for a new one for init.
 * @example const { authRequest, signRequest } = await requestCertificates({ dir: 'nhs-gw', token });
 */
export async function requestCertificates(options: { dir: string; token: string }) {
  const { gatewayId } = readEnrolmentToken(options.token);
  const files = gatewayFiles(options.dir);
  if (existsSync(files.settings)) throw new EnrolmentFailed(`${options.dir} already holds an enrolled gateway (${files.settings})`);
  if (existsSync(files.authKey) || existsSync(files.signKey))
    throw new EnrolmentFailed(
      `${options.dir}/keys already holds keys: their requests are in ${dirname(requestFiles(options.dir).auth)} (use a new folder for new keys)`,
    );
  const keys = await gatewayKeys(options.dir);
  const requests = await certificateRequestsFor(gatewayId, keys);
  mkdirSync(dirname(files.authKey), { recursive: true });
  await writePrivateKeyFile(files.authKey, keys.auth);
  await writePrivateKeyFile(files.signKey, keys.sign);
  const written = requestFiles(options.dir);
  mkdirSync(dirname(written.auth), { recursive: true });
  writeFileSync(written.auth, requests.authCsrPem);
  writeFileSync(written.sign, requests.signCsrPem);
  return { gatewayId, authRequest: written.auth, signRequest: written.sign };
}

export async function initGateway(options: InitGatewayOptions): Promise<GatewaySettings> {
  const token = readEnrolmentToken(options.token);
  const files = gatewayFiles(options.dir);
  if (existsSync(files.settings))
    throw new EnrolmentFailed(`${options.dir} already holds a gateway (${files.settings}); use another folder`);
  const keys = await gatewayKeys(options.dir);
  if (options.certificateFiles && keys.isNew)
    throw new EnrolmentFailed(
      `${options.dir} holds no keys: run joinery gateway --dir ${options.dir} request-certificates first, and have your CA answer its requests`,
    );
  const presented = options.certificateFiles && {
    authCertificatePem: readCertificateFor(options.certificateFiles.auth, keys.auth, 'auth'),
    signCertificatePem: readCertificateFor(options.certificateFiles.sign, keys.sign, 'sign'),
  };
  const body = { token: options.token.trim(), ...(await certificateRequestsFor(token.gatewayId, keys)), ...presented };
  const base = token.configurationUrl.replace(/\/configuration$/, '');
  const response = await (options.fetch ?? fetch)(`${base}/enrolments`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  }).catch((error: unknown) => {
    const cause = error instanceof Error ? ((error.cause as Error | undefined)?.message ?? error.message) : String(error);
    throw new EnrolmentFailed(`Could not reach the federation authority at ${base} (${cause}): is its server running? Nothing was spent`);
  });
  if (!response.ok) {
    const text = await response.text();
    let message = text;
    try {
      message = (JSON.parse(text) as { message?: string; detail?: string }).message ?? text;
    } catch {
      // not JSON: keep the text
    }
    throw new EnrolmentFailed(`The authority refused the enrolment (${response.status}): ${message.slice(0, 500)}`);
  }
  const answer = (await response.json()) as EnrolmentAnswer;
  if (!answer.anchor?.signingKeys?.some((key) => key.keyId === token.anchorKeyId))
    throw new EnrolmentFailed(
      'The authority’s configuration key is not the one the token names: this may not be your federation’s authority',
    );
  const address = new URL(options.address ?? answer.address ?? token.address ?? 'https://127.0.0.1:5500');
  const settings: GatewaySettings = {
    format: 'joinery-gateway/1',
    gatewayId: token.gatewayId,
    anchor: { instance: answer.anchor.instance, configurationUrl: answer.anchor.configurationUrl, signingKeys: answer.anchor.signingKeys },
    localListen: options.localListen ?? { host: '127.0.0.1', port: Number(address.port) + 1000 },
    exchangeListen: options.exchangeListen ?? { host: address.hostname.replace(/^\[|\]$/g, ''), port: Number(address.port || 443) },
    backends: options.backends ?? {},
    ...(options.continueFrom ? { continuation: await predecessorLogHead(options.continueFrom) } : {}),
    limits: { ...DEFAULT_LIMITS },
    log: { ...DEFAULT_LOG },
  };
  mkdirSync(dirname(files.authKey), { recursive: true });
  mkdirSync(dirname(files.authCertificate), { recursive: true });
  if (keys.isNew) {
    await writePrivateKeyFile(files.authKey, keys.auth);
    await writePrivateKeyFile(files.signKey, keys.sign);
  }
  writeFileSync(files.authCertificate, answer.authCertificatePem);
  writeFileSync(files.signCertificate, answer.signCertificatePem);
  writeFileSync(files.caCertificate, answer.caCertificatePem);
  writeGatewaySettings(options.dir, settings);
  return settings;
}
