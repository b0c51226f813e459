/**
 * `joinery gateway status`: what a gateway folder holds, read from disk without starting it —
 * identity, the configurations it downloaded, its certificates' expiry, its backends and the
 * head of its message log (the last line of the newest segment).
 */
import { X509Certificate } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fingerprint } from '../pki/identity-of-certificate.ts';
import { gatewayFiles, readGatewaySettings } from './gateway-settings.ts';

export interface GatewayStatus {
  gatewayId: string;
  configurationUrl: string;
  /** SHA-256 of the federation CA's certificate: what `joinery exchange verify-evidence --ca` expects. */
  caFingerprint: string;
  /** SHA-256 of the CA that issued this gateway's certificates: the federation's, or a member's own. */
  issuerFingerprint: string;
  configurations: { instance: string; serial: number; expiresAt: string }[];
  certificates: { usage: 'auth' | 'sign'; serialNumber: string; notAfter: string; daysLeft: number }[];
  backends: Record<string, string>;
  log: { segments: number; headSeq: number | null };
  lines: string[];
}

interface DownloadedConfiguration {
  instance: string;
  serial: number;
  expiresAt: string;
  certificationAuthorities?: { certificatePem: string; isExternal: boolean }[];
}

function lastLine(file: string): string | undefined {
  const lines = readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '');
  return lines.at(-1);
}

export async function gatewayStatus(dir: string, now = new Date()): Promise<GatewayStatus> {
  const settings = readGatewaySettings(dir);
  const files = gatewayFiles(dir);
  const downloaded = existsSync(files.configurations)
    ? readdirSync(files.configurations)
        .filter((f) => f.endsWith('.json'))
        .map(
          (f) =>
            (JSON.parse(readFileSync(join(files.configurations, f), 'utf8')) as { configuration: DownloadedConfiguration }).configuration,
        )
    : [];
  const configurations = downloaded.map(({ instance, serial, expiresAt }) => ({ instance, serial, expiresAt }));
  const certificates = (['auth', 'sign'] as const).map((usage) => {
    const certificate = new X509Certificate(readFileSync(usage === 'auth' ? files.authCertificate : files.signCertificate));
    const notAfter = new Date(certificate.validTo);
    return {
      usage,
      serialNumber: certificate.serialNumber.toLowerCase(),
      notAfter: notAfter.toISOString(),
      daysLeft: Math.floor((notAfter.getTime() - now.getTime()) / 86_400_000),
    };
  });
  const segments = existsSync(files.log)
    ? readdirSync(files.log)
        .filter((f) => f.startsWith('segment-'))
        .sort()
    : [];
  const newest = segments.at(-1);
  const head = newest ? lastLine(join(files.log, newest)) : undefined;
  let headSeq: number | null;
  try {
    headSeq = head ? (JSON.parse(head) as { seq: number }).seq : null;
  } catch {
    headSeq = null;
  }
  // The federation's own CA is the one its configuration names as not external; the CA that
  // issued this gateway's certificates (ca.pem) differs when a member's own PKI issued them.
  const issuer = new X509Certificate(readFileSync(files.caCertificate));
  const issuerFingerprint = fingerprint(issuer.raw);
  const ownCa = downloaded
    .find((c) => c.instance === settings.gatewayId.split('/')[0])
    ?.certificationAuthorities?.find((ca) => !ca.isExternal)?.certificatePem;
  const caFingerprint = ownCa ? fingerprint(ownCa) : issuerFingerprint;
  const backends = Object.fromEntries(Object.entries(settings.backends).map(([service, backend]) => [service, backend.url]));
  const lines = [
    `Gateway ${settings.gatewayId}`,
    `  authority: ${settings.anchor.configurationUrl}`,
    `  federation CA: SHA-256 ${caFingerprint}`,
    ...(issuerFingerprint !== caFingerprint
      ? [
          `  certificates issued by a member's own CA: ${issuer.subject.replace(/\n/g, ', ')}, SHA-256 ${issuerFingerprint}`,
          '    (give verify-evidence --ca this one too, for calls this gateway took part in)',
        ]
      : []),
    ...configurations.map(
      (c) =>
        `  configuration ${c.instance}: serial ${c.serial}, ${Date.parse(c.expiresAt) > now.getTime() ? 'valid' : 'EXPIRED'} until ${c.expiresAt}`,
    ),
    ...certificates.map(
      (c) =>
        `  ${c.usage} certificate ${c.serialNumber}: ${c.daysLeft < 0 ? 'EXPIRED' : `${c.daysLeft} days left`}${c.daysLeft >= 0 && c.daysLeft < 30 ? ' — renew it' : ''}`,
    ),
    ...Object.entries(backends).map(([service, url]) => `  ${service} → ${url}`),
    `  message log: ${segments.length} segment(s), last entry ${headSeq ?? 'none'}`,
  ];
  return {
    gatewayId: settings.gatewayId,
    configurationUrl: settings.anchor.configurationUrl,
    caFingerprint,
    issuerFingerprint,
    configurations,
    certificates,
    backends,
    log: { segments: segments.length, headSeq },
    lines,
  };
}
