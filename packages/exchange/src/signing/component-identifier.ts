/**
 * RFC 9421 §2 component identifiers, and the notation the gateway's code and configuration use
 * for them: a component as it appears inside Signature-Input, the quotes around the name
 * optional (an unquoted name is lowercased).
 *   '@method', '@target-uri', 'content-digest', 'x-road-client'  a derived component or a header field
 *   '@method;req', 'content-digest;req'                          taken from the request a response answers (§2.4)
 *   'signature;req;key="jc"'  (= '"signature";req;key="jc"')     one member of a Dictionary field (§2.1.2)
 *   'content-digest;sf'                                          a structured field, strictly re-serialised (§2.1.1)
 */
import {
  parseItem,
  serializeItem,
  serializeParameters,
  serializeString,
  type BareItem,
  type InnerList,
  type Item,
  type Parameters,
} from 'structured-headers';
import { SignatureProblem, excerpt } from './errors.ts';

/** A parsed component identifier (RFC 9421 §2): a name and its parameters. */
export interface ComponentIdentifier {
  readonly name: string;
  readonly parameters: ReadonlyMap<string, BareItem>;
  /** As the base and Signature-Input write it: `"@method";req`. */
  readonly serialized: string;
  /** The same with its parameters sorted: parameter order does not make two identifiers distinct (§2). */
  readonly identity: string;
}

// Printable ASCII but for `"` and `\`: a string that sf-string serialisation only wraps in quotes (RFC 8941 §4.1.6).
const PLAIN_STRING = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;

function componentOf(name: string, parameters: ReadonlyMap<string, BareItem>): ComponentIdentifier {
  if (parameters.size === 0 && PLAIN_STRING.test(name)) {
    // The common case, on every verification: skip the serialiser for a bare name.
    const serialized = `"${name}"`;
    return { name, parameters, serialized, identity: serialized };
  }
  const serialized = serializeItem([name, parameters as Parameters]);
  if (parameters.size < 2) return { name, parameters, serialized, identity: serialized };
  const sorted = new Map([...parameters].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return { name, parameters, serialized, identity: serializeItem([name, sorted]) };
}

const NOTATION_NAME = /^@?[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const notationCache = new Map<string, ComponentIdentifier>();

/**
 * Parses the component notation above. Throws TypeError: the notation comes from the gateway's
 * own code or configuration, never from a peer.
 * @example parseComponent('signature;req;key="jc"').serialized // '"signature";req;key="jc"'
 */
export function parseComponent(notation: string): ComponentIdentifier {
  const cached = notationCache.get(notation);
  if (cached) return cached;
  let item: Item;
  try {
    if (notation.startsWith('"')) item = parseItem(notation);
    else {
      const semicolon = notation.indexOf(';');
      const name = semicolon < 0 ? notation : notation.slice(0, semicolon);
      if (!NOTATION_NAME.test(name)) throw new Error(`${JSON.stringify(name)} is not a field or derived component name`);
      item = parseItem(`"${name.toLowerCase()}"${semicolon < 0 ? '' : notation.slice(semicolon)}`);
    }
    if (typeof item[0] !== 'string') throw new Error('the name is not a string');
  } catch (error) {
    throw new TypeError(
      `${JSON.stringify(notation)} is not a component such as @method, content-digest or signature;req;key="jc": ${(error as Error).message}`,
      { cause: error },
    );
  }
  const component = componentOf(item[0], item[1]);
  if (notationCache.size >= 1024) notationCache.clear();
  notationCache.set(notation, component);
  return component;
}

/** A component received in a Signature-Input inner list. */
export function componentFromItem(item: Item | InnerList): ComponentIdentifier {
  if (Array.isArray(item[0]) || typeof item[0] !== 'string')
    throw new SignatureProblem('signature-malformed', 'The Signature-Input lists a component that is not a string (RFC 9421 §2)');
  return componentOf(item[0], item[1]);
}

/** The short notation back again: `@method;req`, `signature;req;key="jc"`. */
export function formatComponent(component: ComponentIdentifier): string {
  const name = NOTATION_NAME.test(component.name) ? component.name : serializeString(component.name);
  return name + serializeParameters(component.parameters as Parameters);
}

/** A name as a message shows it: bare when it is a plain token (x-road-client), quoted when a peer sent something odd. */
export const displayName = (name: string): string => (NOTATION_NAME.test(name) ? name : excerpt(name));
