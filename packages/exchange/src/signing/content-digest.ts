/**
 * RFC 9530 Content-Digest: a hash of the message content (the bytes on the wire after any
 * content coding), carried as a structured-field Dictionary `sha-256=:…:, sha-512=:…:`. The
 * gateway signs the Content-Digest field, so the signature covers the body through it.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { parseDictionary, type Dictionary } from 'structured-headers';
import { SignatureProblem, excerpt } from './errors.ts';

/** The algorithms RFC 9530 §5 registers as "Active"; md5, sha and the others are refused (§6.6). */
export type DigestAlgorithm = 'sha-256' | 'sha-512';

const NODE_HASHES: Readonly<Record<DigestAlgorithm, string>> = { 'sha-256': 'sha256', 'sha-512': 'sha512' };

const isSupported = (key: string): key is DigestAlgorithm => key === 'sha-256' || key === 'sha-512';

/**
 * The Content-Digest field value for a body.
 * @example contentDigest(Buffer.from('{"hello": "world"}\n')) // 'sha-256=:RK/0qy18MlBSVnWgjwz6lZEWjP/lF5HF9bvEF8FabDg=:'
 */
export function contentDigest(body: Uint8Array, algorithm: DigestAlgorithm = 'sha-256'): string {
  if (!isSupported(algorithm)) throw new TypeError(`Unsupported digest algorithm ${String(algorithm)}: use sha-256 or sha-512`);
  // A base64 string is always a valid sf-binary, so the one-member Dictionary is written directly (RFC 8941 §4.1.8).
  return `${algorithm}=:${createHash(NODE_HASHES[algorithm]).update(body).digest('base64')}:`;
}

/**
 * Checks a Content-Digest field against the body: every sha-256 / sha-512 member present must
 * match (RFC 9530 §3 lets a recipient check any it supports; checking all of them means a sender
 * cannot pair one honest digest with one forged one); members of other algorithms are ignored,
 * but a field that has no supported member at all is refused.
 * @example verifyContentDigest(request.headers['content-digest'], body) // throws SignatureProblem
 */
export function verifyContentDigest(header: string | readonly string[] | undefined, body: Uint8Array): void {
  const value = typeof header === 'string' ? header : header?.join(', ');
  if (value === undefined || value.trim() === '')
    throw new SignatureProblem(
      'digest-missing',
      'The message has no Content-Digest header; send one with sha-256 or sha-512 (RFC 9530 §2)',
    );
  let dictionary: Dictionary;
  try {
    dictionary = parseDictionary(value);
  } catch (error) {
    throw new SignatureProblem(
      'digest-malformed',
      `The Content-Digest header is not a structured-field Dictionary such as sha-256=:…: (RFC 9530 §2): ${(error as Error).message}`,
    );
  }
  const ignored: string[] = [];
  let checked = 0;
  for (const [key, member] of dictionary) {
    if (!isSupported(key)) {
      ignored.push(key);
      continue;
    }
    const given = member[0];
    if (!(given instanceof ArrayBuffer))
      throw new SignatureProblem('digest-malformed', `The Content-Digest's ${key} member is not a byte sequence (:base64:)`);
    const expected = createHash(NODE_HASHES[key]).update(body).digest();
    const givenBytes = new Uint8Array(given);
    if (givenBytes.length !== expected.length || !timingSafeEqual(givenBytes, expected))
      throw new SignatureProblem(
        'digest-mismatch',
        `The body does not match the Content-Digest's ${key}: the body was changed in transit, or the digest was computed over other bytes`,
      );
    checked++;
  }
  if (checked === 0)
    throw new SignatureProblem(
      'digest-unsupported',
      `The Content-Digest uses only ${ignored.map((key) => excerpt(key, 40)).join(', ') || 'no algorithm'}, which this gateway does not accept; send sha-256 or sha-512`,
    );
}
