/**
 * How long verifyCertificate takes: the gateway runs it on every new TLS connection. "Warm" is a
 * certificate seen before (the usual case: a handful of peer gateways reconnecting), "cold" one
 * seen for the first time (parsed by asn1js and its signature checked by OpenSSL).
 */
import { sign, verify, X509Certificate } from 'node:crypto';
import { beforeAll, expect, test } from 'vitest';
import { verifyCertificate } from '../../src/pki/verify-certificate.ts';
import { issue, makeFederation, type TestFederation } from './fixtures.ts';

let federation: TestFederation;
beforeAll(async () => {
  federation = await makeFederation();
});

const microseconds = (started: number, count: number) => ((performance.now() - started) * 1000) / count;

test('verifyCertificate: microseconds per call, warm and cold', async () => {
  const trustAnchors = [federation.ca.certificatePem, federation.strangerCa.certificatePem];
  const revokedSerialNumbers = new Set(Array.from({ length: 1000 }, (_, i) => i.toString(16).padStart(32, '0')));
  const der = new X509Certificate(federation.casterbridge.authCertificatePem).raw;
  const options = { trustAnchors, revokedSerialNumbers, usage: 'auth' as const };
  for (let i = 0; i < 200; i++) verifyCertificate(der, options);
  const rounds = 5000;
  let started = performance.now();
  for (let i = 0; i < rounds; i++) verifyCertificate(der, options);
  const warm = microseconds(started, rounds);

  const fresh = await Promise.all(Array.from({ length: 40 }, () => issue(federation.ca)));
  const ders = fresh.map(({ certificatePem }) => new X509Certificate(certificatePem).raw);
  started = performance.now();
  for (const certificate of ders) verifyCertificate(certificate, options);
  const cold = microseconds(started, ders.length);

  // The baseline, in the same run: one Ed25519 signature verification, what a TLS handshake does anyway.
  const data = Buffer.alloc(500, 1);
  const signature = sign(null, data, federation.casterbridge.authKey);
  const publicKey = new X509Certificate(federation.casterbridge.authCertificatePem).publicKey;
  started = performance.now();
  for (let i = 0; i < rounds; i++) verify(null, data, publicKey, signature);
  const baseline = microseconds(started, rounds);
  console.log(
    `verifyCertificate: warm ${warm.toFixed(1)} µs/call (${rounds} calls; ${(warm / baseline).toFixed(2)}× one Ed25519 verify, ${baseline.toFixed(1)} µs), ` +
      `cold ${cold.toFixed(0)} µs/call (${ders.length} certificates seen for the first time; ${(cold / baseline).toFixed(0)}×)`,
  );
  // Loose bounds: the figures above are the point; these only catch a gross regression on a busy machine.
  expect(warm).toBeLessThan(500);
  expect(cold).toBeLessThan(100_000);
});
