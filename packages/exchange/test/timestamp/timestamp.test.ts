import { createHash, randomBytes } from 'node:crypto';
import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import { MessageImprint, TimeStampReq } from '@peculiar/asn1-tsp';
import { AlgorithmIdentifier, Extension, Extensions } from '@peculiar/asn1-x509';
import fc from 'fast-check';
import { beforeAll, describe, expect, test } from 'vitest';
import { fingerprint } from '../../src/pki/identity-of-certificate.ts';
import { generateSigningKeyPair } from '../../src/pki/keys.ts';
import { createTimestampAuthority } from '../../src/timestamp/timestamp-authority.ts';
import { TimestampProblem } from '../../src/timestamp/timestamp-problem.ts';
import { createTimestampRequest, readTimestampRequest } from '../../src/timestamp/timestamp-request.ts';
import { readTimestampResponse } from '../../src/timestamp/read-timestamp-response.ts';
import { certificateOfTimestampToken } from '../../src/timestamp/timestamp-token.ts';
import { verifyTimestampToken } from '../../src/timestamp/verify-timestamp.ts';
import { issue } from '../pki/fixtures.ts';
import { makeTimestamping, tsaOf, type TestTimestamping } from './fixtures.ts';

let world: TestTimestamping;
beforeAll(async () => {
  world = await makeTimestamping();
});

const DAY = 86_400_000;
const sha256 = (text: string) => createHash('sha256').update(text).digest();
const anchors = () => [world.ca.certificatePem];

function tokenFor(digest: Buffer, options: Parameters<typeof createTimestampRequest>[1] = {}, now?: Date, tsa = world.tsa.tsa): Buffer {
  const response = readTimestampResponse(tsa.respond(createTimestampRequest(digest, options), now));
  expect(response).toMatchObject({ status: 'granted' });
  return response.token!;
}

function reasonOf(run: () => unknown): string {
  try {
    run();
    return 'ok';
  } catch (error) {
    if (error instanceof TimestampProblem) return error.reason;
    throw error;
  }
}

describe('requests', () => {
  test('carry a SHA-256 or SHA-512 imprint, a nonce and certReq', () => {
    const digest = sha256('checkpoint 1');
    const request = readTimestampRequest(createTimestampRequest(digest, { nonce: 0x8000n }));
    expect(request).toMatchObject({ digest, digestAlgorithm: 'sha256', certReq: true, hasExtensions: false });
    expect(Buffer.from(request.nonce!).toString('hex')).toBe('008000'); // a positive INTEGER
    const long = readTimestampRequest(createTimestampRequest(createHash('sha512').update('x').digest(), { certReq: false }));
    expect(long).toMatchObject({ digestAlgorithm: 'sha512', certReq: false });
    // A random 64-bit nonce: up to 9 INTEGER bytes (a sign byte), fewer when it starts with zeros (1 in 256 has 7).
    expect(long.nonce!.byteLength).toBeGreaterThan(0);
    expect(long.nonce!.byteLength).toBeLessThanOrEqual(9);
    const another = readTimestampRequest(createTimestampRequest(digest));
    expect(Buffer.from(another.nonce!).equals(Buffer.from(long.nonce!))).toBe(false);
    expect(() => createTimestampRequest(Buffer.alloc(20))).toThrow(/SHA-256 or SHA-512/);
  });
});

describe('the timestamping authority and offline verification', () => {
  test('round trip: request → respond → read → verify', () => {
    const digest = sha256('checkpoint 1');
    const nonce = 123456789n;
    const now = new Date();
    const token = tokenFor(digest, { nonce }, now);
    const verified = verifyTimestampToken(token, { digest, trustAnchors: anchors(), nonce });
    expect(verified).toEqual({
      genTime: now,
      serialNumber: expect.stringMatching(/^[0-9a-f]{32}$/),
      tsaSubject: 'C=GB, O=Wessex Data Exchange, OU=wessex/GOV/wessex-exchange, CN=wessex/GOV/wessex-exchange/tsa1',
      tsaFingerprint256: fingerprint(world.tsa.certificatePem),
      policy: '2.999.3161.1',
      digestAlgorithm: 'sha256',
    });
    expect(certificateOfTimestampToken(token)!.replace(/\s/g, '')).toBe(world.tsa.certificatePem.replace(/\s/g, ''));
    const second = verifyTimestampToken(tokenFor(digest), { digest, trustAnchors: anchors() });
    expect(second.serialNumber).not.toBe(verified.serialNumber);
  });

  test('SHA-512 imprints, and an Ed25519 TSA key (RFC 8419), verify too', async () => {
    const digest = createHash('sha512').update('checkpoint 2').digest();
    expect(verifyTimestampToken(tokenFor(digest), { digest, trustAnchors: anchors() }).digestAlgorithm).toBe('sha512');
    const edwards = await tsaOf(world.ca, { privateKey: generateSigningKeyPair().privateKey });
    const token = tokenFor(digest, {}, undefined, edwards.tsa);
    expect(verifyTimestampToken(token, { digest, trustAnchors: anchors() }).tsaSubject).toContain('tsa1');
  });

  test('a token without the TSA certificate verifies when the certificate is given', () => {
    const digest = sha256('checkpoint 3');
    const token = tokenFor(digest, { certReq: false });
    expect(certificateOfTimestampToken(token)).toBeUndefined();
    expect(reasonOf(() => verifyTimestampToken(token, { digest, trustAnchors: anchors() }))).toBe('missing-certificate');
    expect(
      reasonOf(() => verifyTimestampToken(token, { digest, trustAnchors: anchors(), tsaCertificatePem: world.tsa.certificatePem })),
    ).toBe('ok');
  });

  test('a token for other data is refused: imprint-mismatch', () => {
    const token = tokenFor(sha256('checkpoint 4'));
    expect(() => verifyTimestampToken(token, { digest: sha256('checkpoint 5'), trustAnchors: anchors() })).toThrow(
      expect.objectContaining({ reason: 'imprint-mismatch', message: expect.stringMatching(/for other data/) }),
    );
  });

  test('a token answering another request is refused: nonce-mismatch', () => {
    const digest = sha256('checkpoint 6');
    const token = tokenFor(digest, { nonce: 1n });
    expect(reasonOf(() => verifyTimestampToken(token, { digest, trustAnchors: anchors(), nonce: 2n }))).toBe('nonce-mismatch');
  });

  test('altered bytes are refused: the time in the TSTInfo, or the signature', () => {
    const digest = sha256('checkpoint 7');
    const now = new Date('2026-06-01T12:00:00.250Z');
    const token = tokenFor(digest, {}, new Date(Math.max(Date.now(), now.getTime())));
    const year = String(new Date(Math.max(Date.now(), now.getTime())).getUTCFullYear());
    const at = token.indexOf(Buffer.from(`${year}`, 'latin1'), token.indexOf(Buffer.from([0x18]))); // GeneralizedTime
    const backdated = Buffer.from(token);
    backdated[at + 3] = backdated[at + 3] === 0x30 ? 0x31 : 0x30;
    expect(() => verifyTimestampToken(backdated, { digest, trustAnchors: anchors() })).toThrow(
      expect.objectContaining({ reason: 'bad-signature' }),
    );
    const resigned = Buffer.from(token);
    resigned[resigned.length - 3]! ^= 0x01; // inside the signature value, the token's last element
    expect(reasonOf(() => verifyTimestampToken(resigned, { digest, trustAnchors: anchors() }))).toBe('bad-signature');
  });

  test('any single altered byte is refused, never accepted (property)', () => {
    const digest = sha256('checkpoint 8');
    const token = tokenFor(digest);
    fc.assert(
      fc.property(fc.nat({ max: token.length - 1 }), fc.integer({ min: 1, max: 255 }), (at, flip) => {
        const altered = Buffer.from(token);
        altered[at]! ^= flip;
        expect(() => verifyTimestampToken(altered, { digest, trustAnchors: anchors() })).toThrow(TimestampProblem);
      }),
      { numRuns: 400 },
    );
  });

  test('a TSA certified by another CA is untrusted; a revoked one is refused', () => {
    const digest = sha256('checkpoint 9');
    const token = tokenFor(digest, {}, undefined, world.strangerTsa.tsa);
    expect(() => verifyTimestampToken(token, { digest, trustAnchors: anchors() })).toThrow(
      expect.objectContaining({ reason: 'untrusted', message: expect.stringMatching(/lyonesse federation CA/) }),
    );
    expect(reasonOf(() => verifyTimestampToken(token, { digest, trustAnchors: [...anchors(), world.strangerCa.certificatePem] }))).toBe(
      'ok',
    );
    const own = tokenFor(digest);
    const revokedSerialNumbers = new Set([world.tsa.serialNumber]);
    expect(reasonOf(() => verifyTimestampToken(own, { digest, trustAnchors: anchors(), revokedSerialNumbers }))).toBe('revoked');
  });

  test('another certificate for the same TSA key does not stand in for the one that signed', async () => {
    const digest = sha256('checkpoint 10');
    const token = tokenFor(digest, { certReq: false });
    const again = await tsaOf(world.ca, { privateKey: world.tsa.privateKey });
    expect(() => verifyTimestampToken(token, { digest, trustAnchors: anchors(), tsaCertificatePem: again.certificatePem })).toThrow(
      expect.objectContaining({ reason: 'certificate-mismatch' }),
    );
  });

  test('a token dated in the future is refused; the TSA will not sign outside its certificate’s validity', async () => {
    const digest = sha256('checkpoint 11');
    const tomorrow = new Date(Date.now() + DAY);
    const token = tokenFor(digest, {}, tomorrow);
    expect(reasonOf(() => verifyTimestampToken(token, { digest, trustAnchors: anchors() }))).toBe('future-time');
    expect(reasonOf(() => verifyTimestampToken(token, { digest, trustAnchors: anchors(), now: tomorrow }))).toBe('ok');
    const afterExpiry = new Date(Date.now() + 800 * DAY); // the TSA certificate is good for two years
    expect(readTimestampResponse(world.tsa.tsa.respond(createTimestampRequest(digest), afterExpiry))).toEqual({
      status: 'rejected',
      failure: 'The TSA’s certificate is not valid at this time; it cannot time-stamp (timeNotAvailable)',
    });
  });

  test('a TSA needs a timestamping certificate for its own key', async () => {
    const { privateKey } = generateSigningKeyPair();
    const auth = await issue(world.ca, { publicKey: privateKey });
    expect(() => createTimestampAuthority({ privateKey, certificatePem: auth.certificatePem })).toThrow(
      expect.objectContaining({ reason: 'invalid-authority' }),
    );
    expect(() => createTimestampAuthority({ privateKey, certificatePem: world.tsa.certificatePem })).toThrow(/not the key of/);
  });
});

describe('requests the TSA rejects (never throwing)', () => {
  const respond = (request: Buffer) => readTimestampResponse(world.tsa.tsa.respond(request));
  const requestWith = (fields: Partial<TimeStampReq>, hash = '2.16.840.1.101.3.4.2.1', digest = randomBytes(32)) =>
    Buffer.from(
      AsnConvert.serialize(
        new TimeStampReq({
          messageImprint: new MessageImprint({
            hashAlgorithm: new AlgorithmIdentifier({ algorithm: hash }),
            hashedMessage: new OctetString(digest),
          }),
          ...fields,
        }),
      ),
    );

  test('garbage and truncated requests: badDataFormat', () => {
    expect(respond(Buffer.from('hello'))).toMatchObject({ status: 'rejected', failure: expect.stringMatching(/\(badDataFormat\)$/) });
    const good = createTimestampRequest(sha256('x'));
    expect(respond(good.subarray(0, good.length - 1)).failure).toMatch(/badDataFormat/);
    expect(respond(Buffer.concat([good, Buffer.from([0])])).failure).toMatch(/not in DER .*badDataFormat/);
    expect(respond(requestWith({}, '2.16.840.1.101.3.4.2.1', randomBytes(31))).failure).toMatch(/31 bytes.*badDataFormat/);
  });

  test('SHA-1 and unknown imprints: badAlg', () => {
    expect(respond(requestWith({}, '1.3.14.3.2.26', randomBytes(20))).failure).toMatch(/only SHA-256 and SHA-512.*\(badAlg\)/);
    expect(respond(requestWith({}, '1.2.3.4', randomBytes(32))).failure).toMatch(/badAlg/);
  });

  test('another policy: unacceptedPolicy; extensions: unacceptedExtension', () => {
    expect(respond(requestWith({ reqPolicy: '1.2.3.4.5' })).failure).toMatch(/policy 2\.999\.3161\.1 only.*unacceptedPolicy/);
    const extensions = new Extensions([
      new Extension({ extnID: '1.2.3.4', critical: false, extnValue: new OctetString(Buffer.from([5, 0])) }),
    ]);
    expect(respond(requestWith({ extensions })).failure).toMatch(/unacceptedExtension/);
  });

  test('arbitrary bytes and mutated requests always get a TimeStampResp (property)', () => {
    const good = createTimestampRequest(sha256('y'));
    fc.assert(
      fc.property(
        fc.oneof(
          fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes)),
          fc.tuple(fc.nat({ max: good.length - 1 }), fc.integer({ min: 1, max: 255 })).map(([at, flip]) => {
            const altered = Buffer.from(good);
            altered[at]! ^= flip;
            return altered;
          }),
        ),
        (request) => {
          const response = readTimestampResponse(world.tsa.tsa.respond(request));
          expect(['granted', 'rejected']).toContain(response.status);
        },
      ),
      { numRuns: 300 },
    );
  });

  test('a response that is not one is malformed', () => {
    expect(() => readTimestampResponse(Buffer.from('nope'))).toThrow(expect.objectContaining({ reason: 'malformed' }));
  });
});
