/**
 * How gateways sign and verify what they carry (RFC 9421 with Ed25519, RFC 9530 digests).
 * A request is signed by the client's gateway under the label `jx`, covering its method, target
 * URI, body digest, content type and the X-Road headers, with created/expires/nonce (the nonce is
 * the message id, so a replay is caught). The answer is signed by the provider's gateway under
 * `jxr`, covering its status, digest, content type, message id and error type, and bound to the
 * request it answers by covering the request's method, target URI and signature (`;req`,
 * RFC 9421 §2.4): an answer cannot be replayed against another request.
 */
import type { KeyObject } from 'node:crypto';
import { fault, type ExchangeFaultType } from '../faults.ts';
import { contentDigest, signMessage, SignatureProblem, verifyContentDigest, verifyMessage, type HttpMessage } from '../signing/index.ts';

export const REQUEST_LABEL = 'jx';
export const RESPONSE_LABEL = 'jxr';
export const SIGNATURE_TAG = 'joinery-exchange/1';

const REQUEST_COMPONENTS = ['@method', '@target-uri', 'content-digest', 'x-road-client', 'x-road-id'];
const OPTIONAL_REQUEST_HEADERS = ['content-type', 'x-road-userid'];
const RESPONSE_COMPONENTS = [
  '@status',
  'content-digest',
  'x-road-id',
  '"@method";req',
  '"@target-uri";req',
  `"signature";req;key="${REQUEST_LABEL}"`,
];
const OPTIONAL_RESPONSE_HEADERS = ['content-type', 'x-road-error'];

function covered(headers: Record<string, string | undefined>, required: string[], optional: string[]): string[] {
  return [...required, ...optional.filter((name) => headers[name] !== undefined)];
}

export interface Signer {
  keyId: string;
  privateKey: KeyObject;
}

/** Adds Content-Digest, Signature-Input and Signature to an outgoing request's headers. */
export function signRequest(
  signer: Signer,
  message: HttpMessage & { headers: Record<string, string> },
  body: Buffer,
  options: { createdAt: Date; maxAgeSeconds: number; nonce: string },
): void {
  message.headers['content-digest'] = contentDigest(body);
  const created = Math.floor(options.createdAt.getTime() / 1000);
  const { signatureInput, signature } = signMessage(message, {
    label: REQUEST_LABEL,
    keyId: signer.keyId,
    privateKey: signer.privateKey,
    components: covered(message.headers, REQUEST_COMPONENTS, OPTIONAL_REQUEST_HEADERS),
    created,
    expires: created + options.maxAgeSeconds,
    nonce: options.nonce,
    tag: SIGNATURE_TAG,
  });
  message.headers['signature-input'] = signatureInput;
  message.headers['signature'] = signature;
}

const STALE_REASONS = new Set(['expired', 'stale', 'future']);

/** Verifies a request arriving from another gateway; throws the provider-side fault. */
export function verifyRequest(
  message: HttpMessage,
  body: Buffer,
  options: { resolveKey: (keyId: string) => KeyObject | undefined; now: Date; maxAgeSeconds: number; clockSkewSeconds: number },
): { created: number; nonce: string } {
  try {
    verifyContentDigest(message.headers['content-digest'] as string | undefined, body);
    const verified = verifyMessage(message, {
      label: REQUEST_LABEL,
      resolveKey: options.resolveKey,
      requiredComponents: covered(message.headers as Record<string, string>, REQUEST_COMPONENTS, OPTIONAL_REQUEST_HEADERS),
      tag: SIGNATURE_TAG,
      now: Math.floor(options.now.getTime() / 1000),
      maxAgeSeconds: options.maxAgeSeconds,
      clockSkewSeconds: options.clockSkewSeconds,
    });
    if (!verified.nonce) throw fault('Server.ServerProxy.InvalidSignature', 'The signature carries no nonce');
    return { created: verified.created, nonce: verified.nonce };
  } catch (error) {
    if (error instanceof SignatureProblem) {
      const type: ExchangeFaultType = STALE_REASONS.has(error.reason)
        ? 'Server.ServerProxy.StaleMessage'
        : 'Server.ServerProxy.InvalidSignature';
      throw fault(type, error.message);
    }
    throw error;
  }
}

/** Adds Content-Digest and the response signature, bound to the request, to an answer's headers. */
export function signResponse(
  signer: Signer,
  response: HttpMessage & { headers: Record<string, string> },
  body: Buffer,
  request: HttpMessage | undefined,
  now: Date,
): void {
  response.headers['content-digest'] = contentDigest(body);
  // Bound only to a request whose signature verified: a garbled one cannot be covered (it is refused unbound).
  const isBound = request !== undefined;
  const components = isBound
    ? covered(response.headers, RESPONSE_COMPONENTS, OPTIONAL_RESPONSE_HEADERS)
    : covered(
        response.headers,
        RESPONSE_COMPONENTS.filter((c) => !c.includes(';req')),
        OPTIONAL_RESPONSE_HEADERS,
      );
  const { signatureInput, signature } = signMessage(response, {
    label: RESPONSE_LABEL,
    keyId: signer.keyId,
    privateKey: signer.privateKey,
    components,
    created: Math.floor(now.getTime() / 1000),
    tag: SIGNATURE_TAG,
    ...(isBound ? { request } : {}),
  });
  response.headers['signature-input'] = signatureInput;
  response.headers['signature'] = signature;
}

/**
 * Verifies the provider's answer against the request this gateway sent; throws the client-side
 * fault. Its freshness is not checked against this gateway's clock: the answer is bound to this
 * request's own signature and nonce, which is what stops an old answer being passed off, and a
 * provider's fault about this gateway's wrong clock must still reach the caller.
 */
export function verifyResponse(
  response: HttpMessage,
  body: Buffer,
  request: HttpMessage,
  options: { resolveKey: (keyId: string) => KeyObject | undefined; now: Date; maxAgeSeconds: number; clockSkewSeconds: number },
): void {
  try {
    verifyContentDigest(response.headers['content-digest'] as string | undefined, body);
    // A fault answering a request the provider could not verify cannot be bound to it; it is still signed.
    const isUnboundFault =
      response.headers['x-road-error'] !== undefined && !String(response.headers['signature-input'] ?? '').includes(';req');
    const required = isUnboundFault ? RESPONSE_COMPONENTS.filter((c) => !c.includes(';req')) : RESPONSE_COMPONENTS;
    verifyMessage(response, {
      label: RESPONSE_LABEL,
      resolveKey: options.resolveKey,
      requiredComponents: covered(response.headers as Record<string, string>, required, OPTIONAL_RESPONSE_HEADERS),
      tag: SIGNATURE_TAG,
      now: Math.floor(options.now.getTime() / 1000),
      maxAgeSeconds: 86_400,
      clockSkewSeconds: 86_400,
      request,
    });
  } catch (error) {
    if (error instanceof SignatureProblem) throw fault('Server.ClientProxy.InvalidSignature', error.message);
    throw error;
  }
}
