/**
 * Evidence anyone can check offline: what exactly was asked and answered, and when. A bundle
 * from a gateway's log (log/build-evidence.ts) is completed with the certificates a verifier
 * needs — both gateways' signing certificates, the federation CA, the timestamping
 * certificate — and verified here in full: the chain proof and signed checkpoint, the RFC 3161
 * timestamp, each certificate's chain to the CA, and each message's own RFC 9421 signature and
 * RFC 9530 digest (the request by the client's gateway, the answer by the provider's and bound
 * to that request). The CA is trusted only if its fingerprint is the one the verifier expects.
 */
import { createHash, X509Certificate, type KeyObject } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { verifyConfiguration } from '../configuration/signature.ts';
import type { FederationConfiguration } from '../configuration/model.ts';
import { gatewayFiles, readGatewaySettings } from '../gateway/gateway-settings.ts';
import {
  buildEvidence,
  verifyEvidence,
  verifyLog,
  type EvidenceBundle,
  type EvidenceVerification,
  type LogVerification,
  type MessageEntry,
} from '../log/index.ts';
import { verifyCertificate } from '../pki/index.ts';
import { contentDigest, SignatureProblem, verifyMessage, type HttpMessage } from '../signing/index.ts';
import { verifyTimestampToken } from '../timestamp/index.ts';
import { REQUEST_LABEL, RESPONSE_LABEL, SIGNATURE_TAG } from '../gateway/message-signing.ts';
import { keyIdOf } from '../configuration/signature.ts';

const fingerprintOf = (pem: string): string => createHash('sha256').update(new X509Certificate(pem).raw).digest('hex');

/** The configurations a gateway folder holds (verified against its anchor, ignoring expiry: evidence outlives them). */
function heldConfigurations(dir: string): FederationConfiguration[] {
  const settings = readGatewaySettings(dir);
  const folder = gatewayFiles(dir).configurations;
  if (!existsSync(folder)) return [];
  const held: FederationConfiguration[] = [];
  const own = join(folder, `${settings.anchor.instance}.json`);
  if (!existsSync(own)) return [];
  const ownConfiguration = verifyConfiguration(JSON.parse(readFileSync(own, 'utf8')), {
    anchors: settings.anchor.signingKeys,
    now: new Date(0),
  });
  held.push(ownConfiguration);
  for (const trusted of ownConfiguration.trustedFederations) {
    const file = join(folder, `${trusted.instance}.json`);
    if (existsSync(file))
      held.push(verifyConfiguration(JSON.parse(readFileSync(file, 'utf8')), { anchors: trusted.signingKeys, now: new Date(0) }));
  }
  return held;
}

/** The certificates a verifier needs for a gateway's log: its own, its peers', the CAs' and the TSAs'. */
export function evidenceCertificates(dir: string): Record<string, string> {
  const files = gatewayFiles(dir);
  const settings = readGatewaySettings(dir);
  const certificates: Record<string, string> = { [`sign:${settings.gatewayId}`]: readFileSync(files.signCertificate, 'utf8') };
  for (const configuration of heldConfigurations(dir)) {
    for (const ca of configuration.certificationAuthorities)
      certificates[`ca:${configuration.instance}:${fingerprintOf(ca.certificatePem).slice(0, 16)}`] = ca.certificatePem;
    for (const tsa of configuration.timestampingServices) certificates[`timestamping:${configuration.instance}`] = tsa.certificatePem;
    for (const gateway of configuration.gateways) certificates[`sign:${gateway.id}`] ??= gateway.signCertificatePem;
  }
  if (!Object.keys(certificates).some((name) => name.startsWith('ca:')))
    certificates['ca:local'] = readFileSync(files.caCertificate, 'utf8');
  return certificates;
}

/** `joinery exchange evidence <message-id>`: the bundle for one message from a gateway's log. */
export async function exportEvidence(dir: string, messageId: string): Promise<EvidenceBundle> {
  return buildEvidence(gatewayFiles(dir).log, messageId, { certificates: evidenceCertificates(dir) });
}

interface Trust {
  anchors: string[];
  signingKeys: Map<string, { key: KeyObject; name: string }>;
  timestampingCertificates: string[];
  problems: string[];
}

/** Which keys the bundle's certificates vouch for, once each certificate chains to a trusted CA. */
function trustOf(certificates: Record<string, string>, trustedCaFingerprints: string[] | undefined): Trust {
  const trust: Trust = { anchors: [], signingKeys: new Map(), timestampingCertificates: [], problems: [] };
  for (const [name, pem] of Object.entries(certificates)) {
    if (!name.startsWith('ca:')) continue;
    try {
      const fingerprint = fingerprintOf(pem);
      if (trustedCaFingerprints && !trustedCaFingerprints.includes(fingerprint)) {
        trust.problems.push(`The bundle’s CA ${name} (SHA-256 ${fingerprint}) is not one you said to trust`);
        continue;
      }
      trust.anchors.push(pem);
    } catch {
      trust.problems.push(`${name} is not a certificate`);
    }
  }
  for (const [name, pem] of Object.entries(certificates)) {
    try {
      if (name.startsWith('sign:')) {
        verifyCertificate(pem, { trustAnchors: trust.anchors, usage: 'sign', now: new Date(new X509Certificate(pem).validFrom) });
        const key = new X509Certificate(pem).publicKey;
        trust.signingKeys.set(keyIdOf(key), { key, name: name.slice(5) });
      } else if (name.startsWith('timestamping:')) trust.timestampingCertificates.push(pem);
    } catch (error) {
      trust.problems.push(`${name}: ${(error as Error).message}`);
    }
  }
  return trust;
}

function bodyOf(entry: MessageEntry): Buffer {
  return entry.record.body ? Buffer.from(entry.record.body, 'base64') : Buffer.alloc(0);
}

/** A signature is checked as of when the gateway logged it (it was fresh then, or it would not have been carried). */
const asLogged = (entry: MessageEntry) => ({ now: Math.floor(Date.parse(entry.at) / 1000), maxAgeSeconds: 3600, clockSkewSeconds: 3600 });

/** RFC 9421 and RFC 9530 checks of the messages themselves. */
function verifyMessages(entries: MessageEntry[], trust: Trust): string[] {
  const problems: string[] = [];
  const resolveKey = (keyId: string) => trust.signingKeys.get(keyId)?.key;
  const requests = new Map<string, HttpMessage>();
  for (const entry of entries) {
    const record = entry.record as MessageEntry['record'] & { targetUri?: string };
    if (record.direction === 'refused') continue;
    const body = bodyOf(entry);
    const digest = record.headers['content-digest'];
    if (record.body !== undefined || !record.bodySha256) {
      if (digest !== undefined && digest !== contentDigest(body))
        problems.push(`entry ${entry.seq}: the body is not the one its Content-Digest names`);
    } else if (digest && !digest.includes(Buffer.from(record.bodySha256, 'hex').toString('base64')))
      problems.push(`entry ${entry.seq}: the body digest kept is not the one its Content-Digest names`);
    const isRequest = record.direction === 'request-out' || record.direction === 'request-in';
    try {
      if (isRequest) {
        const message: HttpMessage = { method: record.method ?? 'GET', targetUri: record.targetUri ?? '', headers: record.headers };
        verifyMessage(message, {
          label: REQUEST_LABEL,
          resolveKey,
          requiredComponents: ['@method', '@target-uri', 'content-digest', 'x-road-client', 'x-road-id'],
          tag: SIGNATURE_TAG,
          ...asLogged(entry),
        });
        requests.set(record.messageId, message);
      } else {
        const request = requests.get(record.messageId);
        verifyMessage(
          { status: record.status ?? 0, headers: record.headers },
          {
            label: RESPONSE_LABEL,
            resolveKey,
            requiredComponents: ['@status', 'content-digest', 'x-road-id'],
            tag: SIGNATURE_TAG,
            ...asLogged(entry),
            ...(request ? { request } : {}),
          },
        );
      }
    } catch (error) {
      if (error instanceof SignatureProblem) problems.push(`entry ${entry.seq} (${record.direction}): ${error.message}`);
      else throw error;
    }
  }
  return problems;
}

export interface EvidenceReport extends EvidenceVerification {
  signers: string[];
  trustProblems: string[];
}

/** `joinery exchange verify-evidence FILE`: everything checked offline, with only the bundle (and the CA fingerprint you expect). */
export function verifyEvidenceBundle(bundle: unknown, options: { trustedCaFingerprints?: string[] } = {}): EvidenceReport {
  const certificates = (bundle as Partial<EvidenceBundle> | null)?.certificates ?? {};
  const trust = trustOf(typeof certificates === 'object' && certificates ? certificates : {}, options.trustedCaFingerprints);
  const result = verifyEvidence(bundle, {
    resolveKey: (keyId) => trust.signingKeys.get(keyId)?.key,
    verifyTimestamp: (token, digest) => verifyTimestampToken(token, { digest, trustAnchors: trust.anchors }),
    verifyMessages: (entries) => verifyMessages(entries, trust),
  });
  const trustProblems = trust.problems;
  return {
    ...result,
    isValid: result.isValid && trustProblems.length === 0,
    signers: [...new Set([...trust.signingKeys.values()].map((s) => s.name))],
    trustProblems,
  };
}

/** `joinery exchange verify-log --dir D`: a gateway folder's whole log, with its own certificates. */
export async function verifyGatewayLog(
  dir: string,
  options: { expectedHead?: { seq: number; hash?: string } } = {},
): Promise<LogVerification> {
  const trust = trustOf(evidenceCertificates(dir), undefined);
  return verifyLog(gatewayFiles(dir).log, {
    resolveKey: (keyId) => trust.signingKeys.get(keyId)?.key,
    verifyTimestamp: (token, digest) => verifyTimestampToken(token, { digest, trustAnchors: trust.anchors }),
    ...(options.expectedHead ? { expectedHead: options.expectedHead } : {}),
  });
}
