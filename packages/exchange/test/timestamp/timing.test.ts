/** How long the TSA takes to answer, and a verifier to check a token, per call. */
import { createHash, sign } from 'node:crypto';
import { beforeAll, expect, test } from 'vitest';
import { generateSigningKeyPair } from '../../src/pki/keys.ts';
import { createTimestampRequest } from '../../src/timestamp/timestamp-request.ts';
import { readTimestampResponse } from '../../src/timestamp/read-timestamp-response.ts';
import { verifyTimestampToken } from '../../src/timestamp/verify-timestamp.ts';
import { makeTimestamping, tsaOf, type TestTimestamping, type TestTsa } from './fixtures.ts';

let world: TestTimestamping;
let edwards: TestTsa;
beforeAll(async () => {
  world = await makeTimestamping();
  edwards = await tsaOf(world.ca, { privateKey: generateSigningKeyPair().privateKey });
});

const microseconds = (started: number, count: number) => ((performance.now() - started) * 1000) / count;

test('respond and verifyTimestampToken: microseconds per call', () => {
  const digest = createHash('sha256').update('checkpoint').digest();
  const request = createTimestampRequest(digest);
  const figures: string[] = [];
  for (const [label, tsa] of [
    ['ECDSA P-256', world.tsa],
    ['Ed25519', edwards],
  ] as const) {
    for (let i = 0; i < 30; i++) tsa.tsa.respond(request);
    const rounds = 100;
    let started = performance.now();
    for (let i = 0; i < rounds; i++) tsa.tsa.respond(request);
    const respond = microseconds(started, rounds);
    const token = readTimestampResponse(tsa.tsa.respond(request)).token!;
    for (let i = 0; i < 30; i++) verifyTimestampToken(token, { digest, trustAnchors: [world.ca.certificatePem] });
    started = performance.now();
    for (let i = 0; i < rounds; i++) verifyTimestampToken(token, { digest, trustAnchors: [world.ca.certificatePem] });
    const verify = microseconds(started, rounds);
    // The baseline, in the same run: the one signature each token needs.
    started = performance.now();
    for (let i = 0; i < rounds; i++) sign(label === 'Ed25519' ? null : 'sha256', request, tsa.privateKey);
    const signing = microseconds(started, rounds);
    figures.push(
      `${label}: respond ${respond.toFixed(0)} µs (${(respond / signing).toFixed(0)}× its signature, ${signing.toFixed(0)} µs), verifyTimestampToken ${verify.toFixed(0)} µs`,
    );
    expect(respond).toBeLessThan(250_000); // loose: only a gross regression on a busy machine
  }
  console.log(`RFC 3161 (${figures.join('; ')})`);
});
