/**
 * The RFC 8785 (JCS) text of an entry, fast: the writer seals every entry on the append path,
 * and the generic canonicaliser costs ~3× what this does. For plain JSON data, JCS is exactly
 * JSON.stringify of a copy with every object's keys in UTF-16 order (RFC 8785 §3.2.3): ES number
 * serialisation (§3.2.2.3) and JSON.stringify's string escaping (§3.2.2.2) are what JCS
 * prescribes. The one catch is integer-like keys ("10", "9"), which JavaScript objects always
 * enumerate first in numeric order; for those, and anything else unusual, it falls back to the
 * shared canonicalJson over the value as it would be read back. Verifiers always use
 * canonicalJson, and a property test holds the two to the same bytes.
 */
import { canonicalJson } from '../configuration/signature.ts';

const INTEGER_LIKE = /^(?:0|[1-9]\d*)$/;

class NeedsGenericForm extends Error {}

function sortedCopy(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  const toJSON = (value as { toJSON?: unknown }).toJSON;
  if (typeof toJSON === 'function') return sortedCopy(toJSON.call(value));
  if (Array.isArray(value)) {
    const copy = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) copy[i] = sortedCopy(value[i]);
    return copy;
  }
  const keys = Object.keys(value).sort();
  // No prototype, so a "__proto__" key (a hostile header name) is an own member like any other.
  const copy: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const key of keys) {
    if (INTEGER_LIKE.test(key)) throw new NeedsGenericForm();
    copy[key] = sortedCopy((value as Record<string, unknown>)[key]);
  }
  return copy;
}

/** The JCS text of `value` as it will be read back from JSON (undefined members dropped, toJSON applied). */
export function canonicalText(value: unknown): string {
  try {
    return JSON.stringify(sortedCopy(value));
  } catch (error) {
    if (!(error instanceof NeedsGenericForm)) throw error;
    return canonicalJson(JSON.parse(JSON.stringify(value))).toString('utf8');
  }
}
