import { generateKeyPairSync } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { contentDigest, verifyContentDigest } from '../../src/signing/content-digest.ts';
import { SignatureProblem } from '../../src/signing/errors.ts';
import { signMessage, verifyMessage, type VerifyMessageOptions } from '../../src/signing/message-signatures.ts';
import type { HttpMessage } from '../../src/signing/http-message.ts';

const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const NOW = 1_760_000_000;
const COMPONENTS = ['@method', '@target-uri', 'content-digest', 'content-type', 'x-road-client', 'x-road-id'];
const OPTIONS: VerifyMessageOptions = {
  resolveKey: (keyId) => (keyId === 'gw' ? publicKey : undefined),
  requiredComponents: COMPONENTS,
  now: NOW,
  maxAgeSeconds: 300,
  clockSkewSeconds: 30,
};

// What a field value may hold on the wire (RFC 9110 §5.5): HTAB, SP, visible ASCII and obs-text — as Node hands it over, latin1.
const fieldChar = fc.oneof(
  fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code)),
  fc.integer({ min: 0x80, max: 0xff }).map((code) => String.fromCharCode(code)),
  fc.constant('\t'),
);
const fieldValue = fc.string({ unit: fieldChar, maxLength: 200 });
const token = fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789-'), minLength: 1, maxLength: 12 });
const pathSegment = fc.string({ unit: fc.constantFrom(...'abcXYZ019-._~%20'), maxLength: 10 });

const message = fc.record({
  method: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH'),
  path: fc.array(pathSegment, { maxLength: 5 }).map((segments) => `/${segments.join('/')}`),
  query: fc.option(fc.string({ unit: fc.constantFrom(...'abc=&019%'), maxLength: 20 }), { nil: undefined }),
  body: fc.uint8Array({ maxLength: 4096 }),
  contentType: fieldValue,
  client: fieldValue,
  id: fc.oneof(fieldValue, fc.array(fieldValue, { minLength: 1, maxLength: 3 })),
  extraName: token,
  extraValue: fieldValue,
});

type Spec = typeof message extends fc.Arbitrary<infer T> ? T : never;

function build(spec: Spec): HttpMessage {
  return {
    method: spec.method,
    targetUri: `https://gw.example:8443${spec.path}${spec.query === undefined ? '' : `?${spec.query}`}`,
    headers: {
      'Content-Type': spec.contentType,
      'Content-Digest': contentDigest(spec.body),
      'X-Road-Client': spec.client,
      'X-Road-Id': spec.id,
      [`x-extra-${spec.extraName}`]: spec.extraValue,
    },
  };
}
function signed(request: HttpMessage, components = COMPONENTS): HttpMessage {
  const { signatureInput, signature } = signMessage(request, {
    label: 'jc',
    keyId: 'gw',
    privateKey,
    components,
    created: NOW,
    nonce: 'n',
  });
  return { ...request, headers: { ...request.headers, 'Signature-Input': signatureInput, Signature: signature } };
}
const reasonOf = (run: () => unknown): string => {
  try {
    run();
    return 'ok';
  } catch (error) {
    if (error instanceof SignatureProblem) return error.reason;
    throw error;
  }
};
const trimmed = (value: string | string[]) =>
  (Array.isArray(value) ? value : [value]).map((one) => one.replace(/^[ \t]+|[ \t]+$/g, '')).join(', ');

describe('properties', () => {
  test('sign → verify holds for arbitrary header values, methods, targets and bodies', () => {
    fc.assert(
      fc.property(message, (spec) => {
        const request = signed(build(spec), [...COMPONENTS, `x-extra-${spec.extraName}`]);
        expect(verifyMessage(request, OPTIONS).components).toContain(`x-extra-${spec.extraName}`);
        verifyContentDigest(request.headers['Content-Digest'] as string, spec.body);
      }),
      { numRuns: 300 },
    );
  });

  test('any change to a covered header value (beyond surrounding whitespace) fails as bad-signature', () => {
    fc.assert(
      fc.property(message, fc.constantFrom('Content-Type', 'X-Road-Client', 'X-Road-Id'), fieldValue, (spec, name, replacement) => {
        const request = signed(build(spec));
        fc.pre(trimmed(replacement) !== trimmed(request.headers[name]!));
        expect(reasonOf(() => verifyMessage({ ...request, headers: { ...request.headers, [name]: replacement } }, OPTIONS))).toBe(
          'bad-signature',
        );
      }),
      { numRuns: 200 },
    );
  });

  test('flipping any byte of the body fails the digest', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 4096 }), fc.nat(), fc.integer({ min: 1, max: 255 }), (body, at, mask) => {
        const header = contentDigest(body);
        const changed = Uint8Array.from(body);
        changed[at % body.length]! ^= mask;
        expect(reasonOf(() => verifyContentDigest(header, changed))).toBe('digest-mismatch');
      }),
      { numRuns: 300 },
    );
  });
});

describe('fuzz: hostile headers throw only SignatureProblem, and quickly', () => {
  const base = signed(
    build({
      method: 'POST',
      path: '/r1/x',
      query: undefined,
      body: new Uint8Array([1, 2, 3]),
      contentType: 'application/json',
      client: 'a/b/c/d',
      id: '1',
      extraName: 'e',
      extraValue: 'v',
    }),
  );
  const input = String(base.headers['Signature-Input']);
  const signature = String(base.headers.Signature);

  const sfPieces = fc.constantFrom(
    'jc',
    '=',
    '(',
    ')',
    '"',
    ' ',
    ';',
    ',',
    ':',
    '?1',
    '?0',
    '@1',
    '%"',
    '*',
    'created=',
    'keyid=',
    'alg=',
    '"@method"',
    '"x"',
    ';req',
    ';key="jc"',
    ';sf',
    ';bs',
    '1760000000',
    '-1',
    '999999999999999',
    '1.5',
    '\\',
    'AAAA',
    '==',
    '\t',
    'é',
    '\n',
    '\u{1F600}',
  );
  const structuredish = fc.array(sfPieces, { maxLength: 80 }).map((parts) => parts.join(''));
  const anyString = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 10_000 }),
    fc.string({ unit: 'grapheme-ascii', maxLength: 300 }),
    structuredish,
  );
  // Mutations of the real value reach deeper than random text: the parse succeeds, later checks must hold.
  const mutated = (valid: string) =>
    fc
      .tuple(fc.nat({ max: valid.length }), fc.nat({ max: 20 }), fc.oneof(structuredish, fc.string({ unit: 'binary', maxLength: 20 })))
      .map(([at, cut, insert]) => valid.slice(0, at) + insert + valid.slice(Math.min(valid.length, at + cut)));

  const expectOnlyProblems = (message: HttpMessage, options: VerifyMessageOptions = OPTIONS) => {
    const started = performance.now();
    const reason = reasonOf(() => verifyMessage(message, options));
    expect(performance.now() - started).toBeLessThan(250);
    return reason;
  };

  test('Signature-Input and Signature as arbitrary strings, up to 10 KB', () => {
    fc.assert(
      fc.property(fc.oneof(anyString, mutated(input)), fc.oneof(fc.constant(signature), anyString, mutated(signature)), (si, sig) => {
        expectOnlyProblems({ ...base, headers: { ...base.headers, 'Signature-Input': si, Signature: sig } });
      }),
      { numRuns: 1500 },
    );
  });

  test('arbitrary strings in covered headers, in several header lines, and in the related request of a response', () => {
    fc.assert(
      fc.property(anyString, fc.array(anyString, { maxLength: 3 }), (value, values) => {
        expectOnlyProblems({ ...base, headers: { ...base.headers, 'X-Road-Client': value, 'x-road-id': values } });
        const response = {
          status: 200,
          headers: {
            'signature-input': 'jp=("signature";req;key="jc" "@method";req "content-digest";sf);created=1760000000;keyid="gw"',
            signature: 'jp=:AAAA:',
            'content-digest': value,
          },
        };
        expectOnlyProblems(response, {
          ...OPTIONS,
          label: 'jp',
          requiredComponents: [],
          request: { ...base, headers: { signature: value, 'Signature-Input': values } },
        });
        expect(['ok', 'digest-missing', 'digest-malformed', 'digest-unsupported', 'digest-mismatch']).toContain(
          reasonOf(() => verifyContentDigest(value, new Uint8Array())),
        );
      }),
      { numRuns: 500 },
    );
  });

  test('a 10 KB run of whitespace or of a repeated separator is handled in linear time', () => {
    for (const filler of [' ', '\t', ',', ';', '(', '"', ':', '=']) {
      const long = `jc=${filler.repeat(10_000)}x`;
      expectOnlyProblems({ ...base, headers: { ...base.headers, 'Signature-Input': long, 'X-Road-Client': `a${' '.repeat(10_000)}b` } });
    }
  });
});
