/** Option parsers the verbs share: a bad value is refused with the reason, before anything runs. */
import { readSha256Fingerprint } from '@joinery/exchange';
import { InvalidArgumentError } from 'commander';

export const probability = (value: string) => {
  const n = Number(value);
  if (!(n >= 0 && n <= 1)) throw new InvalidArgumentError(`must be a probability from 0 to 1 (it is "${value}")`);
  return n;
};

/** A SHA-256 fingerprint as copied (with or without its "SHA-256" label or colons); repeatable. */
export const sha256Fingerprints = (value: string, previous: string[] = []) => {
  const fingerprint = readSha256Fingerprint(value);
  if (!fingerprint) throw new InvalidArgumentError(`must be a SHA-256 fingerprint, 64 hex digits (it is "${value.slice(0, 100)}")`);
  return [...previous, fingerprint];
};
