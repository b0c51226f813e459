/**
 * The one-time enrolment token an administrator hands to a new gateway:
 *   jx1.<base64url(JSON {f, g, u, k})>.<secret>
 * f the federation, g the gateway id, u the configuration URL, k the SHA-256 (key id) of the
 * authority's configuration-signing key. The gateway learns from it where to enrol and which
 * key must sign the configuration it then downloads, so it can pin its anchor before it has
 * any certificate (as X-Road's configuration anchor file does, in one string). The secret is
 * 32 random bytes; the authority stores only its SHA-256, so the token is shown once.
 */
import { createHash, randomBytes } from 'node:crypto';
import { parseGatewayId } from '../identifiers.ts';

export interface EnrolmentTokenClaims {
  /** The federation's code. */
  federation: string;
  /** INSTANCE/CLASS/MEMBER/GATEWAY. */
  gatewayId: string;
  /** Where the signed configuration is published. */
  configurationUrl: string;
  /** Key id (SHA-256 hex of SPKI DER) of the configuration-signing key. */
  signingKeyId: string;
}

const PREFIX = 'jx1';

export const sha256Hex = (text: string): string => createHash('sha256').update(text).digest('hex');

/** A new token for the claims; `secretSha256` is what is stored. */
export function makeEnrolmentToken(claims: EnrolmentTokenClaims): { token: string; secretSha256: string } {
  const secret = randomBytes(32).toString('base64url');
  const header = Buffer.from(
    JSON.stringify({ f: claims.federation, g: claims.gatewayId, u: claims.configurationUrl, k: claims.signingKeyId }),
    'utf8',
  ).toString('base64url');
  return { token: `${PREFIX}.${header}.${secret}`, secretSha256: sha256Hex(secret) };
}

/**
 * Reads a token's claims and the hash of its secret, or undefined when it is not a token at all.
 * The claims are not trusted here: the authority checks them against the stored token.
 * @example readEnrolmentToken(token)?.claims.gatewayId // 'wessex/GOV/casterbridge/gw1'
 */
export function readEnrolmentToken(token: unknown): { claims: EnrolmentTokenClaims; secretSha256: string } | undefined {
  if (typeof token !== 'string' || token.length > 4000) return undefined;
  const parts = token.trim().split('.');
  if (parts.length !== 3 || parts[0] !== PREFIX || !/^[A-Za-z0-9_-]{43}$/.test(parts[2]!)) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  const { f, g, u, k } = (value ?? {}) as Record<string, unknown>;
  if (typeof f !== 'string' || typeof g !== 'string' || typeof u !== 'string' || typeof k !== 'string') return undefined;
  if (!parseGatewayId(g) || !g.startsWith(`${f}/`) || !/^[0-9a-f]{64}$/.test(k)) return undefined;
  return { claims: { federation: f, gatewayId: g, configurationUrl: u, signingKeyId: k }, secretSha256: sha256Hex(parts[2]!) };
}
