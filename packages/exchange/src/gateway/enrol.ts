/**
 * Setting up a gateway in one step (`joinery gateway init`): the authority's operator registers
 * the gateway and hands its administrator a one-time enrolment token; the gateway makes its two
 * key pairs (authentication for mutual TLS, signing for messages), sends certificate requests
 * with the token, and receives its certificates and the configuration anchor. The token carries
 * the SHA-256 of the authority's configuration-signing key, so the anchor it receives is pinned
 * even if enrolment travelled over plain HTTP on a trusted network.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { createCertificateRequest, generateSigningKeyPair, writePrivateKeyFile } from '../pki/index.ts';
import { formatMemberId, parseGatewayId } from '../identifiers.ts';
import { verifyGatewayLog } from '../evidence/evidence.ts';
import {
  DEFAULT_LIMITS,
  DEFAULT_LOG,
  gatewayFiles,
  readGatewaySettings,
  writeGatewaySettings,
  type Backend,
  type GatewaySettings,
} from './gateway-settings.ts';

export interface EnrolmentToken {
  federation: string;
  gatewayId: string;
  configurationUrl: string;
  anchorKeyId: string;
  address?: string;
}

export class EnrolmentFailed extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EnrolmentFailed';
  }
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

export async function initGateway(options: InitGatewayOptions): Promise<GatewaySettings> {
  const token = readEnrolmentToken(options.token);
  const files = gatewayFiles(options.dir);
  if (existsSync(files.settings))
    throw new EnrolmentFailed(`${options.dir} already holds a gateway (${files.settings}); use another folder`);
  const auth = generateSigningKeyPair();
  const signing = generateSigningKeyPair();
  // The authority writes the subject from its own records; the request's subject only says who asks.
  const gateway = parseGatewayId(token.gatewayId)!;
  const subject = { organisationName: gateway.memberCode, memberId: formatMemberId(gateway), gatewayId: token.gatewayId };
  const body = {
    token: options.token.trim(),
    authCsrPem: await createCertificateRequest(auth.privateKey, subject),
    signCsrPem: await createCertificateRequest(signing.privateKey, subject),
  };
  const base = token.configurationUrl.replace(/\/configuration$/, '');
  const response = await (options.fetch ?? fetch)(`${base}/enrolments`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
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
  await writePrivateKeyFile(files.authKey, auth.privateKey);
  await writePrivateKeyFile(files.signKey, signing.privateKey);
  writeFileSync(files.authCertificate, answer.authCertificatePem);
  writeFileSync(files.signCertificate, answer.signCertificatePem);
  writeFileSync(files.caCertificate, answer.caCertificatePem);
  writeGatewaySettings(options.dir, settings);
  return settings;
}
