/**
 * RFC 9421 §2: the signature base — the exact bytes an HTTP message signature covers, one line
 * per covered component (`"@method": POST`) and last the `@signature-params` line that repeats
 * the Signature-Input member, so the signature also covers its own metadata (§2.3, §2.5).
 *
 * Components are given in the notation of component-identifier.ts ('@method', 'x-road-client',
 * '@method;req', 'signature;req;key="jc"', 'content-digest;sf').
 * Derived components: @method @target-uri @authority @scheme @request-target @path @query @status.
 * Not supported (refused as missing-component): @query-param, and the bs and tr parameters.
 */
import {
  parseDictionary,
  serializeDictionary,
  serializeInnerList,
  serializeItem,
  serializeParameters,
  type BareItem,
  type InnerList,
  type Item,
  type Parameters,
} from 'structured-headers';
import { displayName, formatComponent, parseComponent, type ComponentIdentifier } from './component-identifier.ts';
import { SignatureProblem, excerpt } from './errors.ts';
import { MessageView, type HttpMessage } from './http-message.ts';

export interface SignatureBase {
  /** The bytes to sign, as a string of characters U+0000–U+00FF (encode as latin1). */
  base: string;
  /** The `@signature-params` value, which is also the Signature-Input member's value. */
  signatureParams: string;
}

const missing = (message: string) => new SignatureProblem('missing-component', message);

// RFC 9110 §5.5 field-content: visible characters, obs-text, SP and HTAB. Anything else — above all a
// line break, which would forge another line of the base (RFC 9421 §2) — cannot be signed.
const SIGNABLE = /^[\t\x20-\x7e\x80-\xff]*$/;
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

// Fields whose structured type this gateway knows, so `sf` can re-serialise them (RFC 9421 §2.1.1).
const DICTIONARY_FIELDS = new Set([
  'content-digest',
  'repr-digest',
  'want-content-digest',
  'want-repr-digest',
  'signature',
  'signature-input',
  'accept-signature',
]);

const DERIVED = ['@method', '@target-uri', '@authority', '@scheme', '@request-target', '@path', '@query', '@status'];

function derivedValue(component: ComponentIdentifier, source: MessageView): string {
  const name = component.name;
  if (name === '@status') {
    if (source.role !== 'response') throw missing(`@status applies only to a response, not to the ${source.role} (RFC 9421 §2.2.9)`);
    const status = source.message.status!;
    if (!Number.isInteger(status) || status < 100 || status > 999)
      throw missing(`The response's status ${excerpt(String(status))} is not a three-digit code`);
    return String(status);
  }
  if (source.role === 'response')
    throw missing(`${name} applies to a request; a response's signature covers the request's with ${name};req (RFC 9421 §2.4)`);
  if (name === '@method') {
    const method = source.message.method;
    if (!method || !TOKEN.test(method))
      throw missing(`The ${source.role} has no valid method${method ? ` (${excerpt(method)})` : ''}, which the signature is to cover`);
    return method;
  }
  const url = source.target();
  switch (name) {
    case '@target-uri': {
      const hash = url.href.indexOf('#');
      return hash < 0 ? url.href : url.href.slice(0, hash);
    }
    case '@authority':
      return url.host; // lowercased, default port dropped (RFC 9421 §2.2.3, RFC 9110 §4.2.3)
    case '@scheme':
      return url.protocol.slice(0, -1);
    case '@request-target':
      return (url.pathname || '/') + url.search; // origin-form: the only form a gateway sends (§2.2.5)
    case '@path':
      return url.pathname || '/';
    default: // '@query': the leading "?" even when there is no query (§2.2.7)
      return url.search || '?';
  }
}

function fieldValue(component: ComponentIdentifier, source: MessageView): string {
  // A name from configuration reads best bare (x-road-client); one from a peer may hold anything, so is quoted.
  const name = displayName(component.name);
  const key = component.parameters.get('key');
  const value = source.field(component.name);
  if (value === undefined) throw missing(`The ${source.role} has no ${name} header, which the signature is to cover`);
  if (key !== undefined || component.parameters.has('sf')) {
    if (key === undefined && !DICTIONARY_FIELDS.has(component.name))
      throw missing(`${formatComponent(component)}: ${name} is not a structured field this gateway knows the type of (RFC 9421 §2.1.1)`);
    let dictionary;
    try {
      dictionary = parseDictionary(value);
    } catch {
      throw missing(
        `The ${source.role}'s ${name} header is not a structured-field Dictionary, so ${formatComponent(component)} cannot be taken from it`,
      );
    }
    if (key === undefined) return serializeDictionary(dictionary);
    const member = dictionary.get(key as string);
    if (member === undefined)
      throw missing(`The ${source.role}'s ${name} header has no member ${excerpt(key as string)}, which the signature is to cover`);
    // RFC 9421 §2.1.2: the member's value strictly serialised, without its key.
    return Array.isArray(member[0]) ? serializeInnerList(member as InnerList) : serializeItem(member as Item);
  }
  if (!SIGNABLE.test(value))
    throw missing(
      `The ${source.role}'s ${name} header contains a line break, a control character or a character beyond U+00FF, which cannot be signed`,
    );
  return value;
}

function componentValue(component: ComponentIdentifier, view: MessageView, request: MessageView | undefined): string {
  const derived = component.name.startsWith('@');
  if (derived && !DERIVED.includes(component.name))
    throw missing(
      component.name === '@signature-params'
        ? '@signature-params must not be listed among the covered components (RFC 9421 §2.3)'
        : `${excerpt(component.name)} is not a derived component this gateway supports (${DERIVED.join(', ')})`,
    );
  let source = view;
  for (const [parameter, value] of component.parameters) {
    const allowed =
      parameter === 'req' || parameter === 'sf' ? value === true : parameter === 'key' ? typeof value === 'string' : undefined;
    if (allowed === undefined || (derived && parameter !== 'req'))
      throw missing(
        `${formatComponent(component)} has the parameter ${excerpt(parameter)}, which this gateway does not support (req; and key, sf on header fields)`,
      );
    if (!allowed) throw missing(`${formatComponent(component)} has a ${parameter} parameter of the wrong type (RFC 9421 §2.1)`);
    if (parameter === 'req') {
      if (view.role !== 'response')
        throw missing(
          `${formatComponent(component)} takes its value from the request a response answers, so a request's signature cannot use it (RFC 9421 §2.4)`,
        );
      if (!request) throw missing(`${formatComponent(component)} covers the related request, but no request was given to take it from`);
      source = request;
    }
  }
  return derived ? derivedValue(component, source) : fieldValue(component, source);
}

/** `(components…);params` — the @signature-params value and Signature-Input member (RFC 9421 §2.3). */
export function serializeSignatureParams(components: readonly ComponentIdentifier[], parameters: ReadonlyMap<string, BareItem>): string {
  return `(${components.map((component) => component.serialized).join(' ')})${serializeParameters(parameters as Parameters)}`;
}

/** RFC 9421 §2.5 over already-parsed components; throws SignatureProblem. */
export function buildSignatureBase(
  view: MessageView,
  components: readonly ComponentIdentifier[],
  signatureParams: string,
  request?: MessageView,
): string {
  let base = '';
  const seen = new Set<string>();
  for (const component of components) {
    if (seen.has(component.identity))
      throw new SignatureProblem('signature-malformed', `The signature lists ${formatComponent(component)} twice (RFC 9421 §2)`);
    seen.add(component.identity);
    base += `${component.serialized}: ${componentValue(component, view, request)}\n`;
  }
  return `${base}"@signature-params": ${signatureParams}`;
}

/**
 * The signature base of a message for the given components and signature parameters (in the
 * order given), with the related request for `;req` components of a response.
 * @example signatureBase(request, ['@method', '@authority'], { created: 1618884473, keyid: 'k' }).base
 */
export function signatureBase(
  message: HttpMessage,
  covered: readonly (string | ComponentIdentifier)[],
  parameters: ReadonlyMap<string, BareItem> | Readonly<Record<string, BareItem>>,
  request?: HttpMessage,
): SignatureBase {
  const components = covered.map((component) => (typeof component === 'string' ? parseComponent(component) : component));
  const ordered = parameters instanceof Map ? parameters : new Map(Object.entries(parameters as Readonly<Record<string, BareItem>>));
  const signatureParams = serializeSignatureParams(components, ordered);
  const base = buildSignatureBase(new MessageView(message), components, signatureParams, request && new MessageView(request, true));
  return { base, signatureParams };
}
