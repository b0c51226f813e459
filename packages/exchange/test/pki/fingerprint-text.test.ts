import { expect, test } from 'vitest';
import { readSha256Fingerprint } from '../../src/pki/fingerprint-text.ts';

const hex = 'ab'.repeat(32);
const colons = hex.toUpperCase().match(/../g)!.join(':');

test('a fingerprint is read as it is copied from Joinery or OpenSSL', () => {
  expect(readSha256Fingerprint(hex)).toBe(hex);
  expect(readSha256Fingerprint(`SHA-256 ${hex}`)).toBe(hex);
  expect(readSha256Fingerprint(`sha256 Fingerprint=${colons}`)).toBe(hex);
  expect(readSha256Fingerprint(`SHA256:${colons}`)).toBe(hex);
  expect(readSha256Fingerprint(`  ${colons}\n`)).toBe(hex);
});

test('anything else is not one', () => {
  expect(readSha256Fingerprint(hex.slice(2))).toBeUndefined();
  expect(readSha256Fingerprint(`${hex}00`)).toBeUndefined();
  expect(readSha256Fingerprint(`SHA-1 ${hex}`)).toBeUndefined();
  expect(readSha256Fingerprint(hex.replace('a', 'g'))).toBeUndefined();
  expect(readSha256Fingerprint('')).toBeUndefined();
});
