/**
 * The object identifiers and algorithms the timestamping code speaks, in one table each, and the
 * small conversions between DER INTEGER contents and the numbers we hand out.
 */
import { AlgorithmIdentifier } from '@peculiar/asn1-x509';

// RFC 5652 §11.1–11.3 and RFC 5035 §5.4 (ESS), RFC 3161 §2.4.2.
export const OID = {
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  signingCertificate: '1.2.840.113549.1.9.16.2.12',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  tstInfo: '1.2.840.113549.1.9.16.1.4',
  signedData: '1.2.840.113549.1.7.2',
} as const;

/** Digests by OID (RFC 5754 §2; SHA-1 only to check old ESS v1 certificate hashes). */
export const DIGESTS: Record<string, { name: 'sha1' | 'sha256' | 'sha384' | 'sha512'; length: number }> = {
  '1.3.14.3.2.26': { name: 'sha1', length: 20 },
  '2.16.840.1.101.3.4.2.1': { name: 'sha256', length: 32 },
  '2.16.840.1.101.3.4.2.2': { name: 'sha384', length: 48 },
  '2.16.840.1.101.3.4.2.3': { name: 'sha512', length: 64 },
};
export const SHA256 = '2.16.840.1.101.3.4.2.1';
export const SHA512 = '2.16.840.1.101.3.4.2.3';

/** What a timestamp request's imprint may be hashed with: SHA-1 is refused (RFC 3161 §2.4.1 leaves it to the TSA). */
export const IMPRINT_DIGESTS = new Set([SHA256, SHA512]);

/**
 * Signature algorithms a token may be signed with, and the digest `crypto.verify` is given:
 * null for Ed25519 (RFC 8419 §3: PureEdDSA over the signed attributes), otherwise the hash named
 * by the algorithm, or for bare `rsaEncryption` (as OpenSSL's PKCS #7 writes it) the signer's
 * digest algorithm.
 */
export const SIGNATURES: Record<string, { digest: string | null | 'from-digest-algorithm' }> = {
  '1.3.101.112': { digest: null }, // Ed25519, RFC 8410 §3
  '1.2.840.10045.4.3.2': { digest: 'sha256' }, // ecdsa-with-SHA256, RFC 5758 §3.2
  '1.2.840.10045.4.3.3': { digest: 'sha384' },
  '1.2.840.10045.4.3.4': { digest: 'sha512' },
  '1.2.840.113549.1.1.1': { digest: 'from-digest-algorithm' }, // rsaEncryption
  '1.2.840.113549.1.1.11': { digest: 'sha256' }, // sha256WithRSAEncryption
  '1.2.840.113549.1.1.12': { digest: 'sha384' },
  '1.2.840.113549.1.1.13': { digest: 'sha512' },
};
export const ED25519 = '1.3.101.112';
export const ECDSA_WITH_SHA256 = '1.2.840.10045.4.3.2';

/** An AlgorithmIdentifier with absent parameters (RFC 5754 §2: SHOULD be absent; RFC 8410 §3: MUST be). */
export const algorithm = (oid: string): AlgorithmIdentifier => new AlgorithmIdentifier({ algorithm: oid });

/** The contents of a DER INTEGER for a non-negative number: minimal, with a 00 when the top bit is set (X.690 §8.3). */
export function unsignedIntegerBytes(value: bigint | Buffer): ArrayBuffer {
  let octets: Buffer;
  if (typeof value === 'bigint') {
    if (value < 0n) throw new RangeError('A nonce or serial number is not negative');
    const hex = value.toString(16);
    octets = Buffer.from(hex.length % 2 ? `0${hex}` : hex, 'hex');
  } else octets = Buffer.from(value);
  let start = 0;
  while (start < octets.length - 1 && octets[start] === 0) start++;
  octets = octets.subarray(start);
  if (octets.length === 0) octets = Buffer.alloc(1);
  const bytes = octets[0]! & 0x80 ? Buffer.concat([Buffer.alloc(1), octets]) : Buffer.from(octets);
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length);
}

/** The hex of an INTEGER's contents, lower case, without the sign octet. */
export const integerHex = (contents: ArrayBuffer): string =>
  Buffer.from(contents)
    .toString('hex')
    .replace(/^(00)+(?=[0-9a-f])/, '');
