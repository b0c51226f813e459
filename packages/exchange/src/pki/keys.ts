/**
 * Private keys: made, written to and read from files, and sealed for the database. A gateway
 * keeps its keys in PKCS #8 PEM files readable by its own user only (0600, as OpenSSH and
 * X-Road's security server do); the federation authority keeps its keys in its tables,
 * encrypted with AES-256-GCM under a key-encryption key (KEK) held outside the database, so a
 * copy of the database alone gives nobody the CA.
 */
import {
  createCipheriv,
  createDecipheriv,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  randomBytes,
  type KeyObject,
} from 'node:crypto';
import { chmod, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';

export class KeyProblem extends Error {
  constructor(
    readonly reason: 'missing' | 'exists' | 'not-a-key' | 'not-private' | 'bad-kek' | 'malformed' | 'undecryptable',
    message: string,
  ) {
    super(message);
    this.name = 'KeyProblem';
  }
}

/** A new Ed25519 key pair: what gateways sign messages and authenticate TLS with (RFC 8410). */
export function generateSigningKeyPair(): { privateKey: KeyObject; publicKey: KeyObject } {
  return generateKeyPairSync('ed25519');
}

/** The public half's SPKI DER: of a public key itself, derived from a private one, or read from PEM. */
function spkiOf(key: KeyObject | string): Buffer {
  const publicKey = typeof key === 'string' || key.type !== 'public' ? createPublicKey(key) : key;
  return publicKey.export({ type: 'spki', format: 'der' });
}

/**
 * Whether two keys (public or private KeyObjects, or PEM) have the same public key: is this
 * certificate for that key? (`createPublicKey` refuses a public KeyObject, hence the care.)
 * @example isSameKey(new X509Certificate(pem).publicKey, privateKey)
 */
export function isSameKey(a: KeyObject | string, b: KeyObject | string): boolean {
  return spkiOf(a).equals(spkiOf(b));
}

function privatePemOf(key: KeyObject): string {
  if (key.type !== 'private') throw new KeyProblem('not-private', 'Only a private key is written to a key file');
  return key.export({ type: 'pkcs8', format: 'pem' }).toString();
}

/**
 * Writes the key as PKCS #8 PEM with mode 0600. Refuses to replace an existing file unless
 * `overwrite` is set, and then replaces it atomically (written beside it, then renamed), so a
 * crash never leaves half a key.
 * @example await writePrivateKeyFile('/etc/joinery/gateway-auth.key', privateKey);
 */
export async function writePrivateKeyFile(path: string, key: KeyObject, options: { overwrite?: boolean } = {}): Promise<void> {
  const pem = privatePemOf(key);
  if (!options.overwrite) {
    try {
      await writeFile(path, pem, { mode: 0o600, flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST')
        throw new KeyProblem('exists', `${path} already exists; it was not replaced (pass overwrite to replace a key file)`);
      throw error;
    }
    return;
  }
  const temporary = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await writeFile(temporary, pem, { mode: 0o600, flag: 'wx' });
    await chmod(temporary, 0o600); // writeFile's mode is masked by the umask; be exact
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/**
 * Reads a PKCS #8 (or traditional) PEM private key. A file that group or others can read is a
 * warning, not a failure (the operator may have a reason), reported through `onWarning`
 * (by default Node's `process.emitWarning`).
 */
export async function readPrivateKeyFile(path: string, options: { onWarning?: (message: string) => void } = {}): Promise<KeyObject> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new KeyProblem('missing', `There is no key file at ${path}`);
    throw error;
  }
  if (process.platform !== 'win32') {
    const mode = (await stat(path)).mode & 0o777;
    if (mode & 0o077) {
      const warn = options.onWarning ?? ((message: string) => process.emitWarning(message, 'KeyFilePermissions'));
      warn(`The key file ${path} can be read by others (mode ${mode.toString(8).padStart(4, '0')}); run chmod 600 ${path}`);
    }
  }
  if (!text.includes('PRIVATE KEY-----'))
    throw new KeyProblem('not-a-key', `${path} is not a PEM private key (expected a "-----BEGIN PRIVATE KEY-----" block)`);
  try {
    return createPrivateKey(text);
  } catch (error) {
    throw new KeyProblem('not-a-key', `${path} holds a PEM block that is not a usable private key: ${(error as Error).message}`);
  }
}

const FORMAT = 'v1';

function checkedKek(kek: Buffer): Buffer {
  if (!Buffer.isBuffer(kek) || kek.length !== 32)
    throw new KeyProblem('bad-kek', `The key-encryption key must be 32 bytes (AES-256); this one is ${kek?.length ?? 0}`);
  return kek;
}

// The associated data binds a sealed key to its format and, if given, to where it is stored
// (e.g. `wessex/certification/<key id>`), so that a ciphertext cannot be moved to another row.
const associatedData = (context: string) => Buffer.from(`joinery-exchange-private-key:${FORMAT}:${context}`, 'utf8');

/**
 * Seals a private key (its PKCS #8 DER) with AES-256-GCM under the KEK, as
 * `v1.<iv>.<tag>.<ciphertext>` (base64url, 96-bit random IV: NIST SP 800-38D §8.2.2).
 * @example const sealed = encryptPrivateKey(caKey, kek, 'wessex/certification');
 */
export function encryptPrivateKey(key: KeyObject, kek: Buffer, context = ''): string {
  if (key.type !== 'private') throw new KeyProblem('not-private', 'Only a private key is sealed');
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', checkedKek(kek), iv);
  cipher.setAAD(associatedData(context));
  const ciphertext = Buffer.concat([cipher.update(key.export({ type: 'pkcs8', format: 'der' })), cipher.final()]);
  return [FORMAT, iv, cipher.getAuthTag(), ciphertext]
    .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
    .join('.');
}

/** Opens what `encryptPrivateKey` sealed; refuses altered text, another KEK or another context. */
export function decryptPrivateKey(text: string, kek: Buffer, context = ''): KeyObject {
  const parts = typeof text === 'string' ? text.split('.') : [];
  if (parts.length !== 4 || parts[0] !== FORMAT)
    throw new KeyProblem('malformed', `A sealed private key is ${FORMAT}.<iv>.<tag>.<ciphertext>; this text is not`);
  const [iv, tag, ciphertext] = parts.slice(1).map((part) => Buffer.from(part, 'base64url'));
  if (iv!.length !== 12 || tag!.length !== 16 || ciphertext!.length === 0)
    throw new KeyProblem('malformed', 'The sealed private key’s IV, tag or ciphertext has the wrong length');
  const decipher = createDecipheriv('aes-256-gcm', checkedKek(kek), iv!);
  decipher.setAAD(associatedData(context));
  decipher.setAuthTag(tag!);
  let der: Buffer;
  try {
    der = Buffer.concat([decipher.update(ciphertext!), decipher.final()]);
  } catch {
    throw new KeyProblem(
      'undecryptable',
      'The sealed private key does not open: it was altered, or sealed under another key-encryption key or for another record',
    );
  }
  return createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
}
