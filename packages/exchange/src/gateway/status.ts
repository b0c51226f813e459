/**
 * `joinery gateway status`: what a gateway folder holds, read from disk without starting it —
 * identity, the configurations it downloaded, its certificates' expiry, its backends and the
 * head of its message log (the last line of the newest segment).
 */
import { createHash, X509Certificate } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
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

const sha256Of = (certificate: X509Certificate) => createHash('sha256').update(certificate.raw).digest('hex');

/** The federation's own CA certificate, from the configuration this gateway last downloaded for it. */
function ownCertificationAuthority(configurations: string, instance: string): string | undefined {
  const file = join(configurations, `${instance}.json`);
  if (!existsSync(file)) return undefined;
  const document = JSON.parse(readFileSync(file, 'utf8')) as {
    configuration: { certificationAuthorities?: { certificatePem: string; isExternal: boolean }[] };
  };
  return document.configuration.certificationAuthorities?.find((ca) => !ca.isExternal)?.certificatePem;
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
  const configurations = existsSync(files.configurations)
    ? readdirSync(files.configurations)
        .filter((f) => f.endsWith('.json'))
        .map((f) => {
          const document = JSON.parse(readFileSync(join(files.configurations, f), 'utf8')) as {
            configuration: { instance: string; serial: number; expiresAt: string };
          };
          return {
            instance: document.configuration.instance,
            serial: document.configuration.serial,
            expiresAt: document.configuration.expiresAt,
          };
        })
    : [];
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
  const issuerFingerprint = sha256Of(issuer);
  const ownCa = ownCertificationAuthority(files.configurations, settings.gatewayId.split('/')[0]!);
  const caFingerprint = ownCa ? sha256Of(new X509Certificate(ownCa)) : issuerFingerprint;
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
