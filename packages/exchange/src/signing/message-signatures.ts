/**
 * RFC 9421 HTTP message signatures with Ed25519 (§3.3.6), as the gateways sign every request
 * and response that crosses between them: the `Signature-Input` and `Signature` fields, each a
 * Dictionary with one member named by the label.
 *
 * Keys are Node KeyObjects, parsed once when the configuration is loaded — never PEM per call,
 * since this is on every message's path.
 *
 * Components are written in the notation of component-identifier.ts: '@method', 'x-road-client',
 * '@method;req', 'signature;req;key="jc"'. The signature parameters are written in the order
 * created, expires, nonce, keyid, alg, tag.
 */
import { randomBytes, sign, verify, type KeyObject } from 'node:crypto';
import { parseDictionary, type BareItem, type Dictionary, type InnerList } from 'structured-headers';
import { SignatureProblem, excerpt } from './errors.ts';
import { componentFromItem, formatComponent, parseComponent, type ComponentIdentifier } from './component-identifier.ts';
import { MessageView, type HttpMessage } from './http-message.ts';
import { buildSignatureBase, serializeSignatureParams } from './signature-base.ts';

export interface SignMessageOptions {
  /** The Dictionary key both fields use, e.g. `jc` (RFC 8941 key: lowercase, digits, `_-.*`). */
  label: string;
  keyId: string;
  privateKey: KeyObject;
  /** The covered components, in order: ['@method', '@target-uri', 'content-digest', 'x-road-client']. */
  components: readonly string[];
  /** Unix seconds; default now. */
  created?: number;
  expires?: number;
  nonce?: string;
  tag?: string;
  /** For a response: the request it answers, where `;req` components are taken from (RFC 9421 §2.4). */
  request?: HttpMessage;
}

/** The values of the two header fields to add to the message. */
export interface SignedHeaders {
  signatureInput: string;
  signature: string;
}

const LABEL = /^[a-z*][a-z0-9_\-.*]*$/;
const isTime = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;

/** A fresh nonce for a signature: 128 random bits, base64url (a valid sf-string). */
export const createNonce = (): string => randomBytes(16).toString('base64url');

/**
 * Signs a message; throws SignatureProblem('missing-component') when a component cannot be taken
 * from it, TypeError for a bad label, key or parameter.
 * @example const { signatureInput, signature } = signMessage(request, { label: 'jc', keyId, privateKey, components: ['@method', '@target-uri', 'content-digest'], nonce: createNonce() });
 */
export function signMessage(message: HttpMessage, options: SignMessageOptions): SignedHeaders {
  const { label, privateKey } = options;
  if (!LABEL.test(label))
    throw new TypeError(`The signature label ${JSON.stringify(label)} is not a structured-field key (a-z, 0-9, _-.*)`);
  if (privateKey.type !== 'private' || privateKey.asymmetricKeyType !== 'ed25519')
    throw new TypeError('signMessage needs an Ed25519 private KeyObject');
  const created = options.created ?? Math.floor(Date.now() / 1000);
  if (!isTime(created) || (options.expires !== undefined && !isTime(options.expires)))
    throw new TypeError('created and expires must be whole Unix seconds');
  const parameters = new Map<string, BareItem>([['created', created]]);
  if (options.expires !== undefined) parameters.set('expires', options.expires);
  if (options.nonce !== undefined) parameters.set('nonce', options.nonce);
  parameters.set('keyid', options.keyId);
  parameters.set('alg', 'ed25519');
  if (options.tag !== undefined) parameters.set('tag', options.tag);
  const components = options.components.map(parseComponent);
  let signatureParams: string;
  try {
    signatureParams = serializeSignatureParams(components, parameters);
  } catch (error) {
    throw new TypeError(`keyid, nonce and tag must be printable ASCII: ${(error as Error).message}`, { cause: error });
  }
  const request = options.request && new MessageView(options.request, true);
  const base = buildSignatureBase(new MessageView(message), components, signatureParams, request);
  const value = sign(null, Buffer.from(base, 'latin1'), privateKey);
  return { signatureInput: `${label}=${signatureParams}`, signature: `${label}=:${value.toString('base64')}:` };
}

export interface VerifyMessageOptions {
  /** Which signature to check; default the first in Signature-Input. */
  label?: string;
  /** The trusted key for a keyid, or undefined. Its own errors are passed through. */
  resolveKey(keyId: string): KeyObject | undefined;
  /** Components the signature must cover, in the same notation as signing. */
  requiredComponents: readonly string[];
  /** If set, the signature's tag must equal it. */
  tag?: string;
  /** Unix seconds; default now. */
  now?: number;
  maxAgeSeconds: number;
  clockSkewSeconds: number;
  /** For a response: the request it answers (as this gateway sent it, Signature header included). */
  request?: HttpMessage;
}

export interface VerifiedSignature {
  label: string;
  keyId: string;
  created: number;
  expires?: number;
  nonce?: string;
  tag?: string;
  /** The covered components, in order, in the short notation. */
  components: string[];
  /** The signature value, base64: what a response binds to with `signature;req;key=…`, and what the log keeps. */
  signature: string;
}

interface ParsedSignature {
  label: string;
  components: ComponentIdentifier[];
  signatureParams: string;
  value: Buffer;
  created: number;
  expires: number | undefined;
  keyId: string;
  alg: string | undefined;
  nonce: string | undefined;
  tag: string | undefined;
}

const problem = (reason: SignatureProblem['reason'], message: string) => new SignatureProblem(reason, message);

/** Anything but a SignatureProblem thrown while reading peer input becomes signature-malformed. */
function guarded<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof SignatureProblem) throw error;
    throw problem('signature-malformed', `The signature cannot be read: ${(error as Error).message}`);
  }
}

function parseField(view: MessageView, value: string, field: string): Dictionary {
  try {
    return parseDictionary(value);
  } catch (error) {
    throw problem(
      'signature-malformed',
      `The ${view.role}'s ${field} header is not a structured-field Dictionary (RFC 9421 §4): ${(error as Error).message}`,
    );
  }
}

function optionalString(parameters: ReadonlyMap<string, BareItem>, name: string): string | undefined {
  const value = parameters.get(name);
  if (value !== undefined && typeof value !== 'string')
    throw problem('signature-malformed', `The signature's ${name} parameter is not a string (RFC 9421 §2.3)`);
  return value;
}

function readSignature(view: MessageView, wanted: string | undefined): ParsedSignature {
  const input = view.field('signature-input');
  if (input === undefined)
    throw problem('signature-missing', `The ${view.role} has no Signature-Input header: it is not signed (RFC 9421 §4.1)`);
  const signature = view.field('signature');
  if (signature === undefined)
    throw problem('signature-missing', `The ${view.role} has a Signature-Input header but no Signature header (RFC 9421 §4.2)`);
  const inputs = parseField(view, input, 'Signature-Input');
  const values = parseField(view, signature, 'Signature');
  const label = wanted ?? inputs.keys().next().value;
  if (label === undefined) throw problem('signature-missing', `The ${view.role}'s Signature-Input header lists no signature`);
  const member = inputs.get(label);
  if (member === undefined)
    throw problem(
      'signature-missing',
      `The ${view.role} has no signature labelled ${label} (its Signature-Input has ${[...inputs.keys()].map((key) => excerpt(key, 20)).join(', ')})`,
    );
  if (!Array.isArray(member[0]))
    throw problem(
      'signature-malformed',
      `The Signature-Input's ${label} member is not a list of components such as ("@method" …) (RFC 9421 §4.1)`,
    );
  const valueMember = values.get(label);
  if (valueMember === undefined)
    throw problem('signature-missing', `The Signature header has no ${label} member to go with the Signature-Input's`);
  if (!(valueMember[0] instanceof ArrayBuffer))
    throw problem('signature-malformed', `The Signature's ${label} member is not a byte sequence (:base64:) (RFC 9421 §4.2)`);
  const [items, parameters] = member as InnerList;
  const components = items.map(componentFromItem);
  const created = parameters.get('created');
  if (typeof created !== 'number' || !Number.isInteger(created))
    throw problem('signature-malformed', 'The signature has no created time (an integer, RFC 9421 §2.3), which this gateway requires');
  const expires = parameters.get('expires');
  if (expires !== undefined && (typeof expires !== 'number' || !Number.isInteger(expires)))
    throw problem('signature-malformed', "The signature's expires parameter is not an integer (RFC 9421 §2.3)");
  const keyId = optionalString(parameters, 'keyid');
  if (keyId === undefined)
    throw problem('signature-malformed', 'The signature has no keyid, so this gateway cannot tell which key made it');
  return {
    label,
    components,
    // RFC 9421 §3.2 step 7: the base's last line is the member re-serialised, not the bytes received.
    signatureParams: serializeSignatureParams(components, parameters),
    value: Buffer.from(valueMember[0]),
    created,
    expires,
    keyId,
    alg: optionalString(parameters, 'alg'),
    nonce: optionalString(parameters, 'nonce'),
    tag: optionalString(parameters, 'tag'),
  };
}

const when = (seconds: number) => {
  const date = new Date(seconds * 1000);
  return Number.isNaN(date.getTime()) ? `Unix time ${seconds}` : date.toISOString().replace('.000Z', 'Z');
};

/**
 * Verifies one signature of a message against the gateway's rules; returns what it says or
 * throws SignatureProblem. The order of checks: the fields' syntax, tag, algorithm, key, the
 * required coverage, the base, the signature itself, and last its times — so that a created time
 * altered in transit is reported as what it is (bad-signature), not as a stale message.
 * @example const verified = verifyMessage(request, { resolveKey, requiredComponents: ['@method', '@target-uri', 'content-digest'], maxAgeSeconds: 300, clockSkewSeconds: 30 });
 */
export function verifyMessage(message: HttpMessage, options: VerifyMessageOptions): VerifiedSignature {
  const view = new MessageView(message);
  const parsed = guarded(() => readSignature(view, options.label));
  if (options.tag !== undefined && parsed.tag !== options.tag)
    throw problem(
      'wrong-tag',
      `The signature is tagged ${parsed.tag === undefined ? '(no tag)' : excerpt(parsed.tag)}, not ${JSON.stringify(options.tag)}`,
    );
  if (parsed.alg !== undefined && parsed.alg !== 'ed25519')
    throw problem('wrong-algorithm', `The signature uses ${excerpt(parsed.alg)}; this gateway accepts only ed25519 (RFC 9421 §3.3.6)`);
  const key = options.resolveKey(parsed.keyId);
  if (!key) throw problem('unknown-key', `The signature is made with key ${excerpt(parsed.keyId)}, which this gateway does not know`);
  if (key.asymmetricKeyType !== 'ed25519') throw problem('wrong-algorithm', `Key ${excerpt(parsed.keyId)} is not an Ed25519 key`);
  const covered = new Set(parsed.components.map((component) => component.identity));
  for (const required of options.requiredComponents)
    if (!covered.has(parseComponent(required).identity)) throw problem('missing-component', `The signature does not cover ${required}`);
  const request = options.request && new MessageView(options.request, true);
  const base = guarded(() => buildSignatureBase(view, parsed.components, parsed.signatureParams, request));
  if (parsed.value.length !== 64)
    throw problem('bad-signature', `The signature is ${parsed.value.length} bytes long; an Ed25519 signature is 64 (RFC 9421 §3.3.6)`);
  if (!verify(null, Buffer.from(base, 'latin1'), key, parsed.value))
    throw problem(
      'bad-signature',
      `The signature does not verify with key ${excerpt(parsed.keyId)}: the ${view.role} was changed after it was signed, or was not signed with that key`,
    );
  const now = options.now ?? Date.now() / 1000;
  const skew = options.clockSkewSeconds;
  if (parsed.expires !== undefined && now > parsed.expires + skew)
    throw problem(
      'expired',
      `The signature expired at ${when(parsed.expires)}, ${Math.round(now - parsed.expires)} s ago (${skew} s of clock skew allowed)`,
    );
  if (parsed.created > now + skew)
    throw problem(
      'future',
      `The signature was made ${Math.round(parsed.created - now)} s in the future (${when(parsed.created)}); this gateway allows ${skew} s of clock skew: check the signer's clock`,
    );
  if (now - parsed.created > options.maxAgeSeconds + skew)
    throw problem(
      'stale',
      `The signature was made ${Math.round(now - parsed.created)} s ago (${when(parsed.created)}); this gateway accepts signatures up to ${options.maxAgeSeconds} s old, plus ${skew} s of clock skew`,
    );
  return {
    label: parsed.label,
    keyId: parsed.keyId,
    created: parsed.created,
    ...(parsed.expires !== undefined ? { expires: parsed.expires } : {}),
    ...(parsed.nonce !== undefined ? { nonce: parsed.nonce } : {}),
    ...(parsed.tag !== undefined ? { tag: parsed.tag } : {}),
    components: parsed.components.map(formatComponent),
    signature: parsed.value.toString('base64'),
  };
}
