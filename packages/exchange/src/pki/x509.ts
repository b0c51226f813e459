/**
 * The one place `@peculiar/x509` is configured: it signs through WebCrypto, and Node's own
 * (`node:crypto`'s `webcrypto`, Ed25519 included since Node 18.4) is the provider. The rest of
 * the PKI holds keys as `KeyObject`s; these helpers turn them into the `CryptoKey`s the library
 * wants, at the moment it wants them, and back to the serial-number and PEM forms we store.
 * @peculiar/x509 2.x resolves its algorithms through tsyringe, which needs the Reflect metadata
 * API: `reflect-metadata` must be loaded before it (the library's README says so).
 */
import 'reflect-metadata';
import { createPublicKey, randomBytes, webcrypto, type KeyObject } from 'node:crypto';
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

type Algorithm = webcrypto.Algorithm;
type EcdsaParams = webcrypto.EcdsaParams;

export { x509 };

/** WebCrypto's name for the key's algorithm, and how it signs (Ed25519 has no digest: RFC 8410 §6). */
function algorithmsOf(key: KeyObject): {
  importAlgorithm: webcrypto.EcKeyImportParams | Algorithm;
  signingAlgorithm: Algorithm | EcdsaParams;
} {
  switch (key.asymmetricKeyType) {
    case 'ed25519':
      return { importAlgorithm: { name: 'Ed25519' }, signingAlgorithm: { name: 'Ed25519' } };
    case 'ec': {
      const curve = key.asymmetricKeyDetails?.namedCurve;
      if (curve !== 'prime256v1') break;
      return { importAlgorithm: { name: 'ECDSA', namedCurve: 'P-256' }, signingAlgorithm: { name: 'ECDSA', hash: 'SHA-256' } };
    }
  }
  throw new TypeError(`Keys of type ${key.asymmetricKeyType ?? 'unknown'} cannot sign here: use Ed25519 (or ECDSA P-256 for timestamping)`);
}

/** The private key and its public half as WebCrypto keys, with the algorithm to sign with. */
export async function cryptoKeyPairOf(
  privateKey: KeyObject,
): Promise<{ keys: webcrypto.CryptoKeyPair; signingAlgorithm: Algorithm | EcdsaParams }> {
  if (privateKey.type !== 'private') throw new TypeError('A private key is needed to sign');
  const { importAlgorithm, signingAlgorithm } = algorithmsOf(privateKey);
  const subtle = webcrypto.subtle;
  const [priv, pub] = await Promise.all([
    subtle.importKey('pkcs8', privateKey.export({ type: 'pkcs8', format: 'der' }), importAlgorithm, false, ['sign']),
    subtle.importKey('spki', createPublicKey(privateKey).export({ type: 'spki', format: 'der' }), importAlgorithm, true, ['verify']),
  ]);
  return { keys: { privateKey: priv, publicKey: pub }, signingAlgorithm };
}

/**
 * A random positive serial number of 16 octets, hex. RFC 5280 §4.1.2.2 allows up to 20 octets
 * and asks for positive; CA/Browser Forum practice is at least 64 bits of randomness. The top
 * bit is cleared (positive) and the first octet kept non-zero so that the DER is always 16 octets.
 */
export function randomSerialNumber(): string {
  const octets = randomBytes(16);
  octets[0] = octets[0]! & 0x7f || 0x01;
  return octets.toString('hex');
}

/** Serial numbers compare as lower-case hex without leading zero octets (Node prints upper case; DER may pad with 00). */
export function normaliseSerialNumber(serial: string): string {
  return serial.toLowerCase().replace(/^(00)+(?=[0-9a-f])/, '');
}

/** DER bytes as PEM text under `label` (RFC 7468: CERTIFICATE, X509 CRL, …), 64 characters a line. */
export function pemOf(der: Buffer, label: string): string {
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

/** A certificate as PEM text, from PEM, or DER bytes. */
export function certificatePemOf(certificate: string | Buffer): string {
  return typeof certificate === 'string' ? certificate : pemOf(certificate, 'CERTIFICATE');
}
