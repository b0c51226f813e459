/**
 * Fuzzing a provider's gateway with malformed signature headers, digests, identifiers and
 * bodies from an otherwise valid gateway: every answer is a 4xx X-Road error with a type, none
 * reaches the provider's system, and the gateway stays up.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { rogueCall, setUpExchange, type ExchangeSetup } from './helpers.ts';

let setup: ExchangeSetup;

beforeAll(async () => {
  setup = await setUpExchange();
  await setup.start(setup.provider);
});
afterAll(() => setup.close());

const headerText = fc
  .oneof(
    fc.string({ maxLength: 300 }),
    fc.constantFrom(
      '',
      'jx=',
      'jx=()',
      'jx=("@method");created=1',
      'jx=:AAAA:',
      'sha-256=:x:',
      'sha-512=:AAAA:, sha-256=?1',
      'jx=("@method" "@target-uri");keyid="x";alg="rsa-pss-sha512"',
    ),
    fc.string({ unit: 'grapheme', maxLength: 100 }),
  )
  .map((text) => text.replace(/[\r\n\0]/g, ' '));

test('malformed signature headers never get past the gateway, nor crash it', async () => {
  const path = `/r1/${setup.serviceId}/addresses/1`;
  const calls = setup.backend.calls.length;
  await fc.assert(
    fc.asyncProperty(
      fc.record({
        name: fc.constantFrom('signature-input', 'signature', 'content-digest', 'x-road-id', 'x-road-client'),
        value: headerText,
        body: fc.option(fc.uint8Array({ maxLength: 2000 }), { nil: undefined }),
      }),
      async ({ name, value, body }) => {
        const answer = await rogueCall(setup.client, setup.provider, { path, client: setup.clientId }, (r) => {
          // Header values must be valid HTTP field values to be sent at all.
          r.headers[name] = value.replace(/[^\t\x20-\x7e]/g, '?');
          if (body) r.body = Buffer.from(body);
        });
        expect(answer.status).toBeGreaterThanOrEqual(400);
        expect(answer.status).toBeLessThan(500);
        expect(String(answer.json.type)).toMatch(/^(Client|Server\.ServerProxy)\./);
      },
    ),
    { numRuns: 150 },
  );
  expect(setup.backend.calls.length).toBe(calls);
  const healthy = await rogueCall(setup.client, setup.provider, { path, client: setup.clientId });
  expect(healthy.status).toBe(200);
});
