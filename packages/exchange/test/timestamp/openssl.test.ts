/**
 * Interoperability with OpenSSL's RFC 3161 implementation (`openssl ts`): it reads and verifies
 * our responses, we answer its requests, and we verify tokens it makes with our TSA key. Skipped,
 * with a message, where `openssl` is not on PATH.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { generateSigningKeyPair } from '../../src/pki/keys.ts';
import { createTimestampRequest } from '../../src/timestamp/timestamp-request.ts';
import { readTimestampResponse } from '../../src/timestamp/read-timestamp-response.ts';
import { verifyTimestampToken } from '../../src/timestamp/verify-timestamp.ts';
import { makeTimestamping, tsaOf, type TestTimestamping } from './fixtures.ts';

const version = spawnSync('openssl', ['version'], { encoding: 'utf8' });
const hasOpenssl = !version.error && version.status === 0;
if (!hasOpenssl) console.warn('openssl is not on PATH: skipping the OpenSSL interoperability tests of RFC 3161 timestamps');

let world: TestTimestamping;
let directory: string;
const file = (name: string) => join(directory, name);

function openssl(...args: string[]): { status: number | null; output: string } {
  const result = spawnSync('openssl', args, { cwd: directory, encoding: 'utf8' });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

beforeAll(async () => {
  if (!hasOpenssl) return;
  world = await makeTimestamping();
  directory = mkdtempSync(join(tmpdir(), 'joinery-openssl-ts-'));
  writeFileSync(file('ca.pem'), world.ca.certificatePem);
  writeFileSync(file('stranger-ca.pem'), world.strangerCa.certificatePem);
  writeFileSync(file('tsa.pem'), world.tsa.certificatePem);
  writeFileSync(file('tsa.key'), world.tsa.privateKey.export({ type: 'pkcs8', format: 'pem' }));
});

afterAll(() => {
  if (directory) rmSync(directory, { recursive: true, force: true });
});

/** A configuration for OpenSSL acting as the TSA (`openssl ts -reply`), with a fresh serial file. */
function writeTsaConfig(essAlgorithm: 'sha1' | 'sha256'): void {
  const config = [
    '[ tsa ]',
    'default_tsa = tsa_config',
    '[ tsa_config ]',
    `serial = ${file('tsaserial')}`,
    'signer_digest = sha256',
    'default_policy = 1.3.6.1.4.1.99999.1',
    'digests = sha256, sha512',
    `ess_cert_id_alg = ${essAlgorithm}`,
    'accuracy = secs:1',
    'ess_cert_id_chain = no',
  ];
  writeFileSync(file('ts.cnf'), `${config.join('\n')}\n`);
  writeFileSync(file('tsaserial'), '01\n');
}

const digest = createHash('sha256').update('message log checkpoint 42').digest();

describe.skipIf(!hasOpenssl)(`OpenSSL (${hasOpenssl ? version.stdout.trim() : 'absent'})`, () => {
  test('openssl ts -reply -text reads our response', () => {
    writeFileSync(file('resp.der'), world.tsa.tsa.respond(createTimestampRequest(digest, { nonce: 0xc0ffeen })));
    const { status, output } = openssl('ts', '-reply', '-in', 'resp.der', '-text');
    expect(status).toBe(0);
    expect(output).toContain('Status: Granted.');
    expect(output).toContain('Policy OID: 2.999.3161.1');
    expect(output).toContain('Hash Algorithm: sha256');
    expect(output).toContain('Nonce: 0xC0FFEE');
    expect(output).toContain('Accuracy: 0x01 seconds');
  });

  test('openssl ts -verify says "Verification: OK" for our token, and refuses it against another CA', () => {
    writeFileSync(file('resp.der'), world.tsa.tsa.respond(createTimestampRequest(digest)));
    const hex = digest.toString('hex');
    const ok = openssl('ts', '-verify', '-digest', hex, '-in', 'resp.der', '-CAfile', 'ca.pem', '-untrusted', 'tsa.pem');
    expect(ok.output).toContain('Verification: OK');
    const other = openssl('ts', '-verify', '-digest', hex, '-in', 'resp.der', '-CAfile', 'stranger-ca.pem', '-untrusted', 'tsa.pem');
    expect(other.output).toContain('Verification: FAILED');
    const wrong = openssl('ts', '-verify', '-digest', 'ff'.repeat(32), '-in', 'resp.der', '-CAfile', 'ca.pem', '-untrusted', 'tsa.pem');
    expect(wrong.output).toContain('Verification: FAILED');
  });

  test('we answer a request made by openssl ts -query, and openssl verifies the answer against its query', () => {
    const hex = digest.toString('hex');
    expect(openssl('ts', '-query', '-digest', hex, '-sha256', '-cert', '-out', 'req.tsq').status).toBe(0);
    const response = world.tsa.tsa.respond(readFileSync(file('req.tsq')));
    const read = readTimestampResponse(response);
    expect(read.status).toBe('granted');
    expect(verifyTimestampToken(read.token!, { digest, trustAnchors: [world.ca.certificatePem] }).policy).toBe('2.999.3161.1');
    writeFileSync(file('resp.der'), response);
    const verified = openssl('ts', '-verify', '-queryfile', 'req.tsq', '-in', 'resp.der', '-CAfile', 'ca.pem', '-untrusted', 'tsa.pem');
    expect(verified.output).toContain('Verification: OK'); // OpenSSL also checks the imprint and nonce against its query
  });

  test('openssl reads our rejection with its failure code', () => {
    writeFileSync(file('bad.der'), world.tsa.tsa.respond(Buffer.from('not a request')));
    const { output } = openssl('ts', '-reply', '-in', 'bad.der', '-text');
    expect(output).toContain('Status: Rejected.');
    expect(output).toContain('Failure info: the data submitted has the wrong format');
  });

  test.each([
    ['ESS signing-certificate-v2 (SHA-256)', 'sha256'],
    ['ESS signing-certificate (SHA-1)', 'sha1'],
  ] as const)('we verify a token OpenSSL made as the TSA, with %s', (_label, essAlgorithm) => {
    writeTsaConfig(essAlgorithm);
    writeFileSync(file('ours.tsq'), createTimestampRequest(digest, { nonce: 77n }));
    const made = openssl(
      'ts',
      '-reply',
      '-config',
      'ts.cnf',
      '-queryfile',
      'ours.tsq',
      '-inkey',
      'tsa.key',
      '-signer',
      'tsa.pem',
      '-out',
      'openssl.der',
    );
    expect(made.status, made.output).toBe(0);
    const read = readTimestampResponse(readFileSync(file('openssl.der')));
    expect(read.status).toBe('granted');
    const verified = verifyTimestampToken(read.token!, { digest, nonce: 77n, trustAnchors: [world.ca.certificatePem] });
    expect(verified).toMatchObject({ policy: '1.3.6.1.4.1.99999.1', serialNumber: '02', digestAlgorithm: 'sha256' }); // OpenSSL steps the serial file's 01 before use
    expect(() => verifyTimestampToken(read.token!, { digest: Buffer.alloc(32), trustAnchors: [world.ca.certificatePem] })).toThrow(
      expect.objectContaining({ reason: 'imprint-mismatch' }),
    );
  });

  test('a token made after its TSA certificate expired is refused: outside-validity (OpenSSL signs it anyway; ours would not)', async () => {
    const day = 86_400_000;
    const expired = await tsaOf(world.ca, { notBefore: new Date(Date.now() - 100 * day), notAfter: new Date(Date.now() - 10 * day) });
    writeFileSync(file('expired-tsa.pem'), expired.certificatePem);
    writeFileSync(file('expired-tsa.key'), expired.privateKey.export({ type: 'pkcs8', format: 'pem' }));
    writeTsaConfig('sha256');
    writeFileSync(file('ours.tsq'), createTimestampRequest(digest));
    const made = openssl(
      'ts',
      '-reply',
      '-config',
      'ts.cnf',
      '-queryfile',
      'ours.tsq',
      '-inkey',
      'expired-tsa.key',
      '-signer',
      'expired-tsa.pem',
      '-out',
      'late.der',
    );
    expect(made.status, made.output).toBe(0);
    const token = readTimestampResponse(readFileSync(file('late.der'))).token!;
    expect(() => verifyTimestampToken(token, { digest, trustAnchors: [world.ca.certificatePem] })).toThrow(
      expect.objectContaining({ reason: 'outside-validity', message: expect.stringMatching(/expired on/) }),
    );
    expect(readTimestampResponse(expired.tsa.respond(createTimestampRequest(digest))).status).toBe('rejected');
  });

  test('why the TSA key is P-256: OpenSSL 3.0 cannot verify an Ed25519 token', async () => {
    const edwards = await tsaOf(world.ca, { privateKey: generateSigningKeyPair().privateKey });
    writeFileSync(file('ed-tsa.pem'), edwards.certificatePem);
    const response = edwards.tsa.respond(createTimestampRequest(digest));
    writeFileSync(file('ed.der'), response);
    expect(verifyTimestampToken(readTimestampResponse(response).token!, { digest, trustAnchors: [world.ca.certificatePem] }).policy).toBe(
      '2.999.3161.1',
    );
    const { output } = openssl(
      'ts',
      '-verify',
      '-digest',
      digest.toString('hex'),
      '-in',
      'ed.der',
      '-CAfile',
      'ca.pem',
      '-untrusted',
      'ed-tsa.pem',
    );
    console.log(
      `openssl ts -verify of an Ed25519 (RFC 8419) token: ${output.includes('Verification: OK') ? 'OK' : 'FAILED — PKCS #7 in OpenSSL 3.0 has no Ed25519'}`,
    );
  });
});
