/**
 * Whether the federation still counts this gateway in, read from the configuration it holds: a
 * gateway whose certificate was revoked (by hand, by its CA's revocation list, or when the CA
 * stopped being trusted) is left out of the configuration, and no other gateway will talk to it.
 * It keeps running, so it must say so itself, or it would look healthy while every call fails.
 */
import { X509Certificate } from 'node:crypto';
import type { GatewayContext } from './context.ts';

const serialOf = (pem: string) => new X509Certificate(pem).serialNumber.toLowerCase();

/** What stops this gateway being reached, in words its operator can act on; empty when nothing does. */
export function standingProblems(context: GatewayContext): string[] {
  const view = context.store.view;
  if (!view) return [];
  const problems: string[] = [];
  const own = { TLS: serialOf(context.authCertificatePem), signing: serialOf(context.signCertificatePem) };
  for (const [usage, serial] of Object.entries(own))
    if (view.revokedSerialNumbers.has(serial)) problems.push(`Its ${usage} certificate ${serial} is revoked`);
  const listed = view.gateway(context.gatewayId);
  if (!listed)
    problems.push(
      `${context.gatewayId} is not in the federation's configuration (serial ${view.own.serial}), so no gateway will call it or answer it: ` +
        'ask the authority for a new enrolment token and enrol it again in a new folder',
    );
  else if (listed.authCertificatePem.trim() !== context.authCertificatePem.trim())
    problems.push(
      `The configuration lists other certificates for ${context.gatewayId}: it has enrolled again elsewhere, and this folder is no longer in use`,
    );
  return problems;
}
