/**
 * A SHA-256 fingerprint as people copy it — from `ca list`, `gateway status` ("SHA-256 ab12…"),
 * the configuration page, or `openssl x509 -fingerprint -sha256` ("sha256 Fingerprint=AB:12:…")
 * — read as the 64 lower-case hex digits Joinery names certificates by.
 */
const LABEL = /^\s*(?:sha-?256(?:\s+fingerprint)?\s*[=:]?)?\s*/i;

/** @example readSha256Fingerprint('SHA-256 AB:12:…') → 'ab12…'; undefined when it is not 64 hex digits. */
export function readSha256Fingerprint(text: string): string | undefined {
  const hex = text.replace(LABEL, '').replace(/[\s:]/g, '').toLowerCase();
  return /^[0-9a-f]{64}$/.test(hex) ? hex : undefined;
}

/** Several, as given: those read, and the first that is not a fingerprint (to name in the refusal). */
export function readSha256Fingerprints(given: string[]): { fingerprints: string[]; unread: string | undefined } {
  const read = given.map(readSha256Fingerprint);
  return { fingerprints: read.filter((f): f is string => f !== undefined), unread: given.find((_, i) => read[i] === undefined) };
}
