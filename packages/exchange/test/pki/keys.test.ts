import { createPublicKey, randomBytes, sign, verify } from 'node:crypto';
import { chmod, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  decryptPrivateKey,
  encryptPrivateKey,
  generateSigningKeyPair,
  KeyProblem,
  readPrivateKeyFile,
  writePrivateKeyFile,
  isSameKey,
} from '../../src/pki/keys.ts';

let directory: string;
beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'joinery-keys-'));
});
afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

const samePrivateKey = (a: ReturnType<typeof generateSigningKeyPair>['privateKey'], b: typeof a) =>
  a.export({ type: 'pkcs8', format: 'der' }).equals(b.export({ type: 'pkcs8', format: 'der' }));

describe('key files', () => {
  test('an Ed25519 key is written as PKCS #8 PEM with mode 0600 and read back', async () => {
    const { privateKey, publicKey } = generateSigningKeyPair();
    expect(privateKey.asymmetricKeyType).toBe('ed25519');
    const path = join(directory, 'auth.key');
    await writePrivateKeyFile(path, privateKey);
    if (process.platform !== 'win32') expect((await stat(path)).mode & 0o777).toBe(0o600);
    const warnings: string[] = [];
    const read = await readPrivateKeyFile(path, { onWarning: (message) => warnings.push(message) });
    expect(samePrivateKey(read, privateKey)).toBe(true);
    expect(verify(null, Buffer.from('x'), publicKey, sign(null, Buffer.from('x'), read))).toBe(true);
    expect(warnings).toEqual([]);
  });

  test('an existing key file is not replaced unless asked, and then atomically with mode 0600', async () => {
    const path = join(directory, 'sign.key');
    const first = generateSigningKeyPair().privateKey;
    const second = generateSigningKeyPair().privateKey;
    await writePrivateKeyFile(path, first);
    await expect(writePrivateKeyFile(path, second)).rejects.toMatchObject({
      reason: 'exists',
      message: expect.stringMatching(/already exists/),
    });
    expect(samePrivateKey(await readPrivateKeyFile(path), first)).toBe(true);
    await chmod(path, 0o644);
    await writePrivateKeyFile(path, second, { overwrite: true });
    expect(samePrivateKey(await readPrivateKeyFile(path), second)).toBe(true);
    if (process.platform !== 'win32') expect((await stat(path)).mode & 0o777).toBe(0o600);
  });

  test('a key file others can read is a warning, not a failure', async () => {
    if (process.platform === 'win32') return;
    const path = join(directory, 'open.key');
    await writePrivateKeyFile(path, generateSigningKeyPair().privateKey);
    await chmod(path, 0o644);
    const warnings: string[] = [];
    await readPrivateKeyFile(path, { onWarning: (message) => warnings.push(message) });
    expect(warnings).toEqual([`The key file ${path} can be read by others (mode 0644); run chmod 600 ${path}`]);
  });

  test('a missing file, a file that is no key and a public key are refused clearly', async () => {
    await expect(readPrivateKeyFile(join(directory, 'none.key'))).rejects.toMatchObject({ reason: 'missing' });
    const text = join(directory, 'notes.txt');
    await writeFile(text, 'not a key', { mode: 0o600 });
    await expect(readPrivateKeyFile(text)).rejects.toThrow(/is not a PEM private key/);
    const broken = join(directory, 'broken.key');
    await writeFile(broken, '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n', { mode: 0o600 });
    await expect(readPrivateKeyFile(broken)).rejects.toMatchObject({ reason: 'not-a-key' });
    const { publicKey } = generateSigningKeyPair();
    await expect(writePrivateKeyFile(join(directory, 'public.key'), publicKey)).rejects.toMatchObject({ reason: 'not-private' });
  });
});

describe('keys sealed under a key-encryption key', () => {
  const kek = randomBytes(32);

  test('round trip, in the v1.<iv>.<tag>.<ciphertext> form; each sealing differs', () => {
    const { privateKey, publicKey } = generateSigningKeyPair();
    const sealed = encryptPrivateKey(privateKey, kek, 'wessex/certification');
    expect(sealed).toMatch(/^v1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]+$/);
    expect(sealed).not.toBe(encryptPrivateKey(privateKey, kek, 'wessex/certification'));
    const opened = decryptPrivateKey(sealed, kek, 'wessex/certification');
    expect(samePrivateKey(opened, privateKey)).toBe(true);
    expect(createPublicKey(opened).export({ type: 'spki', format: 'pem' })).toBe(publicKey.export({ type: 'spki', format: 'pem' }));
  });

  test('another KEK or another record’s context does not open it', () => {
    const sealed = encryptPrivateKey(generateSigningKeyPair().privateKey, kek, 'wessex/certification');
    expect(() => decryptPrivateKey(sealed, randomBytes(32), 'wessex/certification')).toThrow(/does not open/);
    expect(() => decryptPrivateKey(sealed, kek, 'wessex/timestamping')).toThrow(KeyProblem);
  });

  test('any altered byte of IV, tag or ciphertext is refused (property)', () => {
    const sealed = encryptPrivateKey(generateSigningKeyPair().privateKey, kek);
    const parts = sealed
      .split('.')
      .slice(1)
      .map((part) => Buffer.from(part, 'base64url'));
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 }), fc.nat(), fc.integer({ min: 1, max: 255 }), (part, at, flip) => {
        const altered = parts.map((bytes) => Buffer.from(bytes));
        altered[part]![at % altered[part]!.length]! ^= flip;
        const text = ['v1', ...altered.map((bytes) => bytes.toString('base64url'))].join('.');
        expect(() => decryptPrivateKey(text, kek)).toThrow(expect.objectContaining({ reason: 'undecryptable' }));
      }),
      { numRuns: 200 },
    );
  });

  test('text that is not a sealed key, and a KEK that is not 32 bytes, are refused', () => {
    const sealed = encryptPrivateKey(generateSigningKeyPair().privateKey, kek);
    expect(() => decryptPrivateKey('v2.a.b.c', kek)).toThrow(expect.objectContaining({ reason: 'malformed' }));
    expect(() => decryptPrivateKey(sealed.split('.').slice(0, 3).join('.'), kek)).toThrow(expect.objectContaining({ reason: 'malformed' }));
    expect(() => decryptPrivateKey(sealed, randomBytes(16))).toThrow(expect.objectContaining({ reason: 'bad-kek' }));
    expect(() => encryptPrivateKey(generateSigningKeyPair().privateKey, Buffer.alloc(31))).toThrow(/must be 32 bytes/);
  });
});

describe('isSameKey', () => {
  test('compares public halves of public, private and PEM keys alike', () => {
    const one = generateSigningKeyPair();
    const other = generateSigningKeyPair();
    const pem = one.publicKey.export({ type: 'spki', format: 'pem' }).toString();
    expect(isSameKey(one.publicKey, one.privateKey)).toBe(true);
    expect(isSameKey(one.publicKey, one.publicKey)).toBe(true); // createPublicKey would refuse a public KeyObject
    expect(isSameKey(pem, one.privateKey)).toBe(true);
    expect(isSameKey(one.publicKey, other.privateKey)).toBe(false);
  });
});
