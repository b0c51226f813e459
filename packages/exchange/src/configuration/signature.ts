/**
 * Signing and verifying the federation configuration. The signature is Ed25519 over the
 * configuration's RFC 8785 canonical JSON (JCS), detached, so the document stays plain JSON
 * that anyone can read. A gateway trusts only the keys in its configuration anchor (the
 * authority's signing keys, pinned when it enrolled) and refuses an expired configuration or
 * one older than the one it already has.
 */
import { createHash, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import canonicalizeModule from 'canonicalize';
import { Value } from 'typebox/value';
import { FederationConfiguration, type SignedConfiguration, type SigningKey } from './model.ts';

export class ConfigurationRejected extends Error {
  constructor(
    readonly reason: 'malformed' | 'unknown-key' | 'bad-signature' | 'expired' | 'wrong-instance' | 'older',
    message: string,
  ) {
    super(message);
    this.name = 'ConfigurationRejected';
  }
}

/** SHA-256 (hex) of a public key's SPKI DER: the key id used throughout the exchange. */
export function keyIdOf(key: KeyObject | string): string {
  const publicKey = typeof key === 'string' ? createPublicKey(key) : key.type === 'private' ? createPublicKey(key) : key;
  return createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex');
}

/** The signing key's public half, as the configuration and anchors list it. */
export function signingKeyOf(privateOrPublic: KeyObject): SigningKey {
  const publicKey = privateOrPublic.type === 'private' ? createPublicKey(privateOrPublic) : privateOrPublic;
  return { keyId: keyIdOf(publicKey), publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString() };
}

// canonicalize is CommonJS whose types declare a default export: Node hands us module.exports itself.
const canonicalize = ((canonicalizeModule as unknown as { default?: unknown }).default ?? canonicalizeModule) as (
  value: unknown,
) => string | undefined;

/** RFC 8785 canonical form: the bytes that are signed. */
export function canonicalJson(value: unknown): Buffer {
  const text = canonicalize(value);
  if (text === undefined) throw new TypeError('The value cannot be written as canonical JSON');
  return Buffer.from(text, 'utf8');
}

/** @example const signed = signConfiguration(configuration, authorityKey); */
export function signConfiguration(configuration: FederationConfiguration, privateKey: KeyObject): SignedConfiguration {
  const value = sign(null, canonicalJson(configuration), privateKey).toString('base64');
  return { configuration, signature: { keyId: keyIdOf(privateKey), algorithm: 'ed25519', value } };
}

export interface VerifyConfigurationOptions {
  /** The authority keys this verifier trusts (its anchor). */
  anchors: SigningKey[];
  /** The federation it must be for. */
  instance?: string;
  /** Refuse anything at or below this serial (the one already held). */
  minimumSerial?: number;
  now?: Date;
}

/** Checks shape, key, signature, instance, expiry and version; returns the configuration or throws ConfigurationRejected. */
export function verifyConfiguration(document: unknown, options: VerifyConfigurationOptions): FederationConfiguration {
  const envelope = document as Partial<SignedConfiguration> | null;
  if (!envelope || typeof envelope !== 'object' || !envelope.signature || typeof envelope.signature !== 'object')
    throw new ConfigurationRejected('malformed', 'The configuration has no signature');
  if (!Value.Check(FederationConfiguration, envelope.configuration)) {
    const first = [...Value.Errors(FederationConfiguration, envelope.configuration)][0];
    throw new ConfigurationRejected(
      'malformed',
      `The configuration is not well formed${first ? `: ${first.instancePath} ${first.message}` : ''}`,
    );
  }
  const configuration = envelope.configuration;
  const anchor = options.anchors.find((key) => key.keyId === envelope.signature!.keyId);
  if (!anchor)
    throw new ConfigurationRejected(
      'unknown-key',
      `The configuration is signed with key ${String(envelope.signature.keyId).slice(0, 16)}…, which this anchor does not trust`,
    );
  const signature = Buffer.from(String(envelope.signature.value), 'base64');
  if (
    envelope.signature.algorithm !== 'ed25519' ||
    !verify(null, canonicalJson(configuration), createPublicKey(anchor.publicKeyPem), signature)
  )
    throw new ConfigurationRejected(
      'bad-signature',
      'The configuration’s signature does not verify: it has been altered or was not signed by the authority',
    );
  if (options.instance && configuration.instance !== options.instance)
    throw new ConfigurationRejected(
      'wrong-instance',
      `The configuration is for federation ${configuration.instance}, not ${options.instance}`,
    );
  const now = options.now ?? new Date();
  if (new Date(configuration.expiresAt) <= now)
    throw new ConfigurationRejected('expired', `The configuration (serial ${configuration.serial}) expired at ${configuration.expiresAt}`);
  if (options.minimumSerial !== undefined && configuration.serial < options.minimumSerial)
    throw new ConfigurationRejected(
      'older',
      `The configuration’s serial ${configuration.serial} is older than the ${options.minimumSerial} already held`,
    );
  return configuration;
}
