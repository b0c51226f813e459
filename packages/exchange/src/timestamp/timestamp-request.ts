/**
 * RFC 3161 §2.4.1 TimeStampReq: "please certify that this digest existed now". The requester
 * sends only the digest, never the data; a random nonce lets it match the answer to its question
 * (§2.4.1 "nonce … to verify the timeliness of the response when no local clock is available").
 */
import { randomBytes } from 'node:crypto';
import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import { MessageImprint, TimeStampReq } from '@peculiar/asn1-tsp';
import { algorithm, DIGESTS, IMPRINT_DIGESTS, SHA256, SHA512, unsignedIntegerBytes } from './algorithms.ts';
import { TimestampProblem } from './timestamp-problem.ts';

export interface TimestampRequestOptions {
  /** Default: 64 random bits. */
  nonce?: bigint | Buffer;
  /** Ask the TSA to include its certificate in the token (default true: the token then verifies on its own). */
  certReq?: boolean;
  /** A policy the TSA must time-stamp under (OID). */
  policy?: string;
}

/**
 * A DER TimeStampReq for a SHA-256 (32-byte) or SHA-512 (64-byte) digest.
 * @example const request = createTimestampRequest(createHash('sha256').update(checkpoint).digest());
 */
export function createTimestampRequest(digest: Buffer, options: TimestampRequestOptions = {}): Buffer {
  const hashAlgorithm = digest?.length === 32 ? SHA256 : digest?.length === 64 ? SHA512 : undefined;
  if (!Buffer.isBuffer(digest) || !hashAlgorithm)
    throw new TypeError(`A timestamp is requested for a SHA-256 or SHA-512 digest (32 or 64 bytes), not ${digest?.length ?? 0} bytes`);
  const request = new TimeStampReq({
    messageImprint: new MessageImprint({ hashAlgorithm: algorithm(hashAlgorithm), hashedMessage: new OctetString(digest) }),
    nonce: unsignedIntegerBytes(options.nonce ?? randomBytes(8)),
    certReq: options.certReq ?? true,
  });
  if (options.policy) request.reqPolicy = options.policy;
  return Buffer.from(AsnConvert.serialize(request));
}

export interface ReadTimestampRequest {
  digest: Buffer;
  /** 'sha256' or 'sha512'. */
  digestAlgorithm: string;
  /** The imprint exactly as sent, which the token must echo (RFC 3161 §2.4.2). */
  messageImprint: MessageImprint;
  /** The nonce's INTEGER contents, when there is one. */
  nonce?: ArrayBuffer;
  certReq: boolean;
  policy?: string;
  hasExtensions: boolean;
}

/**
 * Parses a DER TimeStampReq; throws TimestampProblem('malformed') for anything that is not one
 * (including BER and trailing bytes) and 'unsupported-algorithm' for an imprint other than
 * SHA-256 or SHA-512 or of the wrong length.
 */
export function readTimestampRequest(requestDer: Buffer): ReadTimestampRequest {
  let request: TimeStampReq;
  try {
    request = AsnConvert.parse(requestDer, TimeStampReq);
  } catch (error) {
    throw new TimestampProblem('malformed', `The timestamp request is not a DER TimeStampReq: ${(error as Error).message}`);
  }
  // RFC 3161 §2.4.1 asks for DER: re-encoding must give back exactly the bytes received.
  if (!Buffer.from(AsnConvert.serialize(request)).equals(requestDer))
    throw new TimestampProblem('malformed', 'The timestamp request is not in DER (or has bytes after it)');
  if (request.version !== 1) throw new TimestampProblem('malformed', `The timestamp request is version ${request.version}, not 1`);
  const { hashAlgorithm, hashedMessage } = request.messageImprint;
  const digest = DIGESTS[hashAlgorithm.algorithm];
  if (!digest || !IMPRINT_DIGESTS.has(hashAlgorithm.algorithm))
    throw new TimestampProblem(
      'unsupported-algorithm',
      `The imprint is hashed with ${hashAlgorithm.algorithm}; only SHA-256 and SHA-512 are accepted`,
    );
  const bytes = Buffer.from(hashedMessage.buffer);
  if (bytes.length !== digest.length)
    throw new TimestampProblem('malformed', `The imprint is ${bytes.length} bytes, not the ${digest.length} of a ${digest.name} digest`);
  const result: ReadTimestampRequest = {
    digest: bytes,
    digestAlgorithm: digest.name,
    messageImprint: request.messageImprint,
    certReq: request.certReq,
    hasExtensions: (request.extensions?.length ?? 0) > 0,
  };
  if (request.nonce) result.nonce = request.nonce;
  if (request.reqPolicy) result.policy = request.reqPolicy;
  return result;
}
