/**
 * Test fixtures for the message log: a gateway signer, a stand-in timestamping authority (the
 * log treats tokens as opaque bytes; the real RFC 3161 client is tested with its own code), temp
 * directories, records, and small tools to edit log files as a tamperer would.
 */
import { generateKeyPairSync, sign, verify, createPublicKey } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { keyIdOf } from '../../src/configuration/signature.ts';
import type { LogSigner, MessageRecord } from '../../src/log/index.ts';

export function makeSigner(gatewayId = 'wessex/GOV/casterbridge/gw1') {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const keyId = keyIdOf(publicKey);
  const signer: LogSigner = { gatewayId, keyId, sign: (data) => sign(null, data, privateKey) };
  return { signer, publicKey, keyId, resolveKey: (id: string) => (id === keyId ? publicKey : undefined) };
}

/** Tokens are `{ digest, genTime, signature }` JSON signed by a TSA key: enough to prove the log passes the right digest. */
export function makeTimestampAuthority() {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const digests: Buffer[] = [];
  return {
    digests,
    timestamp: async (digest: Buffer): Promise<Buffer> => {
      digests.push(digest);
      const genTime = new Date().toISOString();
      const signature = sign(null, Buffer.from(`${digest.toString('hex')}|${genTime}`), privateKey).toString('base64');
      return Buffer.from(JSON.stringify({ digest: digest.toString('hex'), genTime, signature }));
    },
    verifyTimestamp: (token: Buffer, digest: Buffer): { genTime: Date } => {
      const parsed = JSON.parse(token.toString('utf8')) as { digest: string; genTime: string; signature: string };
      if (parsed.digest !== digest.toString('hex')) throw new Error('the token is for another digest');
      const data = Buffer.from(`${parsed.digest}|${parsed.genTime}`);
      if (!verify(null, data, createPublicKey(publicKey.export({ type: 'spki', format: 'pem' })), Buffer.from(parsed.signature, 'base64')))
        throw new Error('the token’s signature does not verify');
      return { genTime: new Date(parsed.genTime) };
    },
  };
}

export async function withTempDir<T>(run: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'joinery-log-'));
  try {
    return await run(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export function messageRecord(i: number, bodyBytes = 64): MessageRecord {
  return {
    messageId: `m-${i}`,
    direction: i % 2 ? 'response-in' : 'request-out',
    client: 'wessex/GOV/casterbridge/housing',
    service: 'wessex/GOV/wessex-council/addresses/address-lookup',
    method: 'GET',
    path: `/r1/wessex/GOV/wessex-council/addresses/address-lookup/${i}`,
    headers: { 'content-type': 'application/json', 'x-road-id': `m-${i}` },
    body: Buffer.alloc(bodyBytes, i % 251).toString('base64'),
  };
}

export const segment = (dir: string, n = 1) => join(dir, `segment-${String(n).padStart(6, '0')}.jsonl`);

/** The file's lines (without the final empty string). */
export async function linesOf(path: string): Promise<string[]> {
  const text = await readFile(path, 'utf8');
  return text.split('\n').slice(0, text.endsWith('\n') ? -1 : undefined);
}

/** Rewrites a segment's lines with `edit`, as someone with access to the disk could. */
export async function editLines(path: string, edit: (lines: string[]) => string[]): Promise<void> {
  const lines = edit(await linesOf(path));
  await writeFile(path, lines.map((line) => `${line}\n`).join(''));
}

/** The line index of the entry with this seq. */
export const lineOfSeq = (lines: string[], seq: number): number => lines.findIndex((line) => JSON.parse(line).seq === seq);
