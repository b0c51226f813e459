import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { contentDigest, verifyContentDigest } from '../../src/signing/content-digest.ts';
import { SignatureProblem, faultTypeForProblem, type SignatureProblemReason } from '../../src/signing/errors.ts';
import { createNonce, signMessage, verifyMessage, type VerifyMessageOptions } from '../../src/signing/message-signatures.ts';
import type { HttpMessage } from '../../src/signing/http-message.ts';
import { ECC_P256_PUBLIC } from './rfc-fixtures.ts';

// Two gateways, as the exchange has them: Casterbridge's (the client's) and Budmouth's (the provider's).
const client = generateKeyPairSync('ed25519');
const provider = generateKeyPairSync('ed25519');
const keys = new Map<string, KeyObject>([
  ['casterbridge-gw-1', client.publicKey],
  ['budmouth-gw-1', provider.publicKey],
]);
const resolveKey = (keyId: string) => keys.get(keyId);

const NOW = 1_760_000_000;
const REQUEST_COMPONENTS = ['@method', '@target-uri', 'content-digest', 'content-type', 'x-road-client', 'x-road-id'];
const RESPONSE_COMPONENTS = ['@status', 'content-digest', 'x-road-id', '@method;req', '@target-uri;req', 'signature;req;key="jc"'];
const verifyRequestOptions = (overrides: Partial<VerifyMessageOptions> = {}): VerifyMessageOptions => ({
  label: 'jc',
  resolveKey,
  requiredComponents: REQUEST_COMPONENTS,
  tag: 'joinery-exchange',
  now: NOW + 2,
  maxAgeSeconds: 300,
  clockSkewSeconds: 30,
  ...overrides,
});

const body = Buffer.from('{"uprn":"100040000001","reason":"housing-application"}');
function unsignedRequest(overrides: Partial<HttpMessage> = {}): HttpMessage {
  return {
    method: 'POST',
    targetUri: 'https://gw.budmouth.example:8443/r1/wessex/GOV/budmouth/housing/applications?status=open',
    headers: {
      'Content-Type': 'application/json',
      'Content-Digest': contentDigest(body),
      'X-Road-Client': 'wessex/GOV/casterbridge/benefits',
      'X-Road-Id': '7f1c9a52-2f1e-4a52-9a8e-0f6f2e0c1d3b',
    },
    ...overrides,
  };
}
function signedRequest(nonce = 'n-0001'): HttpMessage {
  const request = unsignedRequest();
  const { signatureInput, signature } = signMessage(request, {
    label: 'jc',
    keyId: 'casterbridge-gw-1',
    privateKey: client.privateKey,
    components: REQUEST_COMPONENTS,
    created: NOW,
    expires: NOW + 60,
    nonce,
    tag: 'joinery-exchange',
  });
  return { ...request, headers: { ...request.headers, 'Signature-Input': signatureInput, Signature: signature } };
}

const responseBody = Buffer.from('{"applications":[]}');
function signedResponse(request: HttpMessage): HttpMessage {
  const response: HttpMessage = {
    status: 200,
    headers: {
      'content-type': 'application/json',
      'content-digest': contentDigest(responseBody, 'sha-512'),
      'x-road-id': '7f1c9a52-2f1e-4a52-9a8e-0f6f2e0c1d3b',
    },
  };
  const { signatureInput, signature } = signMessage(response, {
    label: 'jp',
    keyId: 'budmouth-gw-1',
    privateKey: provider.privateKey,
    components: RESPONSE_COMPONENTS,
    created: NOW + 1,
    tag: 'joinery-exchange',
    request,
  });
  return { ...response, headers: { ...response.headers, 'signature-input': signatureInput, signature } };
}

const problemOf = (run: () => unknown): SignatureProblem => {
  try {
    run();
  } catch (error) {
    if (error instanceof SignatureProblem) return error;
    throw error;
  }
  throw new Error('expected a SignatureProblem');
};
const withHeaders = (message: HttpMessage, headers: HttpMessage['headers']): HttpMessage => ({
  ...message,
  headers: { ...message.headers, ...headers },
});

describe('a gateway exchange, signed and verified', () => {
  test('the request: Signature-Input as the gateways send it, and what verification returns', () => {
    const request = signedRequest();
    expect(request.headers['Signature-Input']).toBe(
      'jc=("@method" "@target-uri" "content-digest" "content-type" "x-road-client" "x-road-id");created=1760000000;expires=1760000060;nonce="n-0001";keyid="casterbridge-gw-1";alg="ed25519";tag="joinery-exchange"',
    );
    expect(request.headers.Signature).toMatch(/^jc=:[A-Za-z0-9+/]{86}==:$/);
    verifyContentDigest(request.headers['Content-Digest'] as string, body);
    expect(verifyMessage(request, verifyRequestOptions())).toEqual({
      label: 'jc',
      keyId: 'casterbridge-gw-1',
      created: NOW,
      expires: NOW + 60,
      nonce: 'n-0001',
      tag: 'joinery-exchange',
      components: REQUEST_COMPONENTS,
      signature: (request.headers.Signature as string).slice(4, -1),
    });
  });

  test('the response binds to the request: its method, target URI and signature (;req)', () => {
    const request = signedRequest();
    const response = signedResponse(request);
    expect(response.headers['signature-input']).toBe(
      'jp=("@status" "content-digest" "x-road-id" "@method";req "@target-uri";req "signature";req;key="jc");created=1760000001;keyid="budmouth-gw-1";alg="ed25519";tag="joinery-exchange"',
    );
    const options = verifyRequestOptions({ label: 'jp', requiredComponents: RESPONSE_COMPONENTS, request });
    expect(verifyMessage(response, options).components).toEqual(RESPONSE_COMPONENTS);
    // The same response presented as the answer to a different request — another signature, another URI — fails.
    expect(problemOf(() => verifyMessage(response, { ...options, request: signedRequest('n-0002') })).reason).toBe('bad-signature');
    const elsewhere = { ...request, targetUri: 'https://gw.budmouth.example:8443/r1/wessex/GOV/budmouth/housing/tenancies' };
    expect(problemOf(() => verifyMessage(response, { ...options, request: elsewhere })).reason).toBe('bad-signature');
    expect(problemOf(() => verifyMessage(response, { ...options, request: unsignedRequest() })).message).toBe(
      'The related request has no signature header, which the signature is to cover',
    );
    expect(problemOf(() => verifyMessage(response, { ...options, request: undefined })).message).toContain('no request was given');
  });

  test('header names in any case, several values per header, and whitespace around values do not matter', () => {
    const request = signedRequest();
    const shuffled: HttpMessage = {
      ...request,
      headers: Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name.toUpperCase(), ` ${String(value)}\t`])),
    };
    expect(verifyMessage(shuffled, verifyRequestOptions()).keyId).toBe('casterbridge-gw-1');
  });
});

describe('tampering: each change fails with its own reason', () => {
  const options = verifyRequestOptions();
  test.each<[string, (request: HttpMessage) => HttpMessage, SignatureProblemReason]>([
    ['a covered header (X-Road-Client)', (r) => withHeaders(r, { 'X-Road-Client': 'wessex/GOV/casterbridge/revenues' }), 'bad-signature'],
    ['another covered header (Content-Type)', (r) => withHeaders(r, { 'Content-Type': 'text/plain' }), 'bad-signature'],
    ['the digest (for another body)', (r) => withHeaders(r, { 'Content-Digest': contentDigest(Buffer.from('{}')) }), 'bad-signature'],
    ['the method', (r) => ({ ...r, method: 'PUT' }), 'bad-signature'],
    ['the target URI', (r) => ({ ...r, targetUri: r.targetUri!.replace('status=open', 'status=closed') }), 'bad-signature'],
    ['the target authority', (r) => ({ ...r, targetUri: r.targetUri!.replace('budmouth.example', 'melchester.example') }), 'bad-signature'],
    [
      'the created time',
      (r) =>
        withHeaders(r, { 'Signature-Input': String(r.headers['Signature-Input']).replace('created=1760000000', 'created=1760000001') }),
      'bad-signature',
    ],
    [
      'the nonce',
      (r) => withHeaders(r, { 'Signature-Input': String(r.headers['Signature-Input']).replace('n-0001', 'n-0009') }),
      'bad-signature',
    ],
    ['a covered header removed', (r) => withHeaders(r, { 'X-Road-Id': undefined }), 'missing-component'],
    // The first base64 character, always to a different one (it was once 'A' already, one run in 64).
    [
      'the signature value',
      (r) =>
        withHeaders(r, { Signature: String(r.headers.Signature).replace(/^jc=:(.)/, (_, c: string) => `jc=:${c === 'A' ? 'B' : 'A'}`) }),
      'bad-signature',
    ],
    [
      'the tag',
      (r) => withHeaders(r, { 'Signature-Input': String(r.headers['Signature-Input']).replace('joinery-exchange', 'other') }),
      'wrong-tag',
    ],
    [
      'the key id',
      (r) => withHeaders(r, { 'Signature-Input': String(r.headers['Signature-Input']).replace('casterbridge-gw-1', 'budmouth-gw-1') }),
      'bad-signature',
    ],
  ])('%s', (_what, tamper, reason) => {
    expect(problemOf(() => verifyMessage(tamper(signedRequest()), options)).reason).toBe(reason);
  });

  test('the body: the signature still holds (it covers the digest), the digest check does not', () => {
    const request = signedRequest();
    verifyMessage(request, options);
    expect(
      problemOf(() => verifyContentDigest(request.headers['Content-Digest'] as string, Buffer.from('{"uprn":"100040000002"}'))).reason,
    ).toBe('digest-mismatch');
  });

  test('the status of a response', () => {
    const request = signedRequest();
    const response = { ...signedResponse(request), status: 500 };
    const problem = problemOf(() =>
      verifyMessage(response, verifyRequestOptions({ label: 'jp', requiredComponents: RESPONSE_COMPONENTS, request })),
    );
    expect(problem.reason).toBe('bad-signature');
    expect(problem.message).toBe(
      'The signature does not verify with key "budmouth-gw-1": the response was changed after it was signed, or was not signed with that key',
    );
  });
});

describe('every reason, with a message that says what was wrong', () => {
  const request = signedRequest();
  const input = String(request.headers['Signature-Input']);
  const check = (message: HttpMessage, overrides: Partial<VerifyMessageOptions> = {}) =>
    problemOf(() => verifyMessage(message, verifyRequestOptions(overrides)));

  test('signature-missing', () => {
    expect(check(unsignedRequest()).message).toBe('The request has no Signature-Input header: it is not signed (RFC 9421 §4.1)');
    expect(check(withHeaders(request, { Signature: undefined })).reason).toBe('signature-missing');
    expect(check(request, { label: 'xx' }).message).toBe('The request has no signature labelled xx (its Signature-Input has "jc")');
    expect(check(withHeaders(request, { Signature: 'other=:AAAA:' })).reason).toBe('signature-missing');
  });

  test('signature-malformed', () => {
    for (const headers of [
      { 'Signature-Input': 'jc=("@method"' },
      { 'Signature-Input': 'jc="@method"' },
      { 'Signature-Input': 'jc=(1 2);created=1;keyid="k"' },
      { 'Signature-Input': 'jc=("@method");keyid="casterbridge-gw-1"' },
      { 'Signature-Input': 'jc=("@method");created=1760000000' },
      { 'Signature-Input': 'jc=("@method");created=1760000000.5;keyid="k"' },
      { 'Signature-Input': 'jc=("@method");created=1760000000;keyid="k";nonce=1' },
      { Signature: 'jc="not bytes"' },
      { Signature: 'jc=:not base64!:' },
    ]) {
      const problem = check(withHeaders(request, headers));
      expect(problem.reason, JSON.stringify(headers)).toBe('signature-malformed');
    }
    expect(check(withHeaders(request, { 'Signature-Input': 'jc=("@method");created=1760000000' })).message).toBe(
      'The signature has no keyid, so this gateway cannot tell which key made it',
    );
  });

  test('unknown-key and wrong-algorithm', () => {
    expect(check(request, { resolveKey: () => undefined }).message).toBe(
      'The signature is made with key "casterbridge-gw-1", which this gateway does not know',
    );
    expect(check(withHeaders(request, { 'Signature-Input': input.replace('alg="ed25519"', 'alg="rsa-pss-sha512"') })).message).toBe(
      'The signature uses "rsa-pss-sha512"; this gateway accepts only ed25519 (RFC 9421 §3.3.6)',
    );
    expect(check(request, { resolveKey: () => ECC_P256_PUBLIC }).message).toBe('Key "casterbridge-gw-1" is not an Ed25519 key');
  });

  test('missing-component: a required component the signature does not cover', () => {
    const narrow = signMessage(unsignedRequest(), {
      label: 'jc',
      keyId: 'casterbridge-gw-1',
      privateKey: client.privateKey,
      components: ['@method', '@target-uri', 'content-digest'],
      created: NOW,
      tag: 'joinery-exchange',
    });
    const problem = check(withHeaders(unsignedRequest(), { 'Signature-Input': narrow.signatureInput, Signature: narrow.signature }));
    expect(problem.reason).toBe('missing-component');
    expect(problem.message).toBe('The signature does not cover content-type');
    expect(
      check(withHeaders(unsignedRequest(), { 'Signature-Input': narrow.signatureInput, Signature: narrow.signature }), {
        requiredComponents: ['@method', 'x-road-client'],
      }).message,
    ).toBe('The signature does not cover x-road-client');
  });

  test('bad-signature: wrong length, another key', () => {
    expect(check(withHeaders(request, { Signature: 'jc=:AAAA:' })).message).toBe(
      'The signature is 3 bytes long; an Ed25519 signature is 64 (RFC 9421 §3.3.6)',
    );
    expect(check(request, { resolveKey: () => provider.publicKey }).reason).toBe('bad-signature');
  });

  test('expired, stale, future — the clock checks, with the skew allowed', () => {
    expect(check(request, { now: NOW + 60 + 31 }).message).toBe(
      'The signature expired at 2025-10-09T08:54:20Z, 31 s ago (30 s of clock skew allowed)',
    );
    expect(verifyMessage(request, verifyRequestOptions({ now: NOW + 60 + 30 })).created).toBe(NOW);
    const lasting = signMessage(unsignedRequest(), {
      label: 'jc',
      keyId: 'casterbridge-gw-1',
      privateKey: client.privateKey,
      components: REQUEST_COMPONENTS,
      created: NOW,
      tag: 'joinery-exchange',
    });
    const long = withHeaders(unsignedRequest(), { 'Signature-Input': lasting.signatureInput, Signature: lasting.signature });
    expect(check(long, { now: NOW + 331 }).message).toBe(
      'The signature was made 331 s ago (2025-10-09T08:53:20Z); this gateway accepts signatures up to 300 s old, plus 30 s of clock skew',
    );
    expect(verifyMessage(long, verifyRequestOptions({ now: NOW + 330 })).created).toBe(NOW);
    expect(check(long, { now: NOW - 31 }).message).toBe(
      "The signature was made 31 s in the future (2025-10-09T08:53:20Z); this gateway allows 30 s of clock skew: check the signer's clock",
    );
    expect(verifyMessage(long, verifyRequestOptions({ now: NOW - 30 })).created).toBe(NOW);
  });

  test('wrong-tag', () => {
    expect(check(request, { tag: 'another-profile' }).message).toBe('The signature is tagged "joinery-exchange", not "another-profile"');
  });

  test('the gateway faults they become', () => {
    expect(faultTypeForProblem(new SignatureProblem('stale', ''), 'ServerProxy')).toBe('Server.ServerProxy.StaleMessage');
    expect(faultTypeForProblem(new SignatureProblem('bad-signature', ''), 'ServerProxy')).toBe('Server.ServerProxy.InvalidSignature');
    expect(faultTypeForProblem(new SignatureProblem('digest-mismatch', ''), 'ClientProxy')).toBe('Server.ClientProxy.InvalidSignature');
  });
});

describe('signing refuses what it cannot sign', () => {
  const sign = (overrides: Partial<Parameters<typeof signMessage>[1]>) =>
    signMessage(unsignedRequest(), { label: 'jc', keyId: 'k', privateKey: client.privateKey, components: ['@method'], ...overrides });
  test('a bad label, a public or non-Ed25519 key, non-ASCII parameters, fractional times', () => {
    expect(() => sign({ label: 'JC' })).toThrow(TypeError);
    expect(() => sign({ privateKey: client.publicKey })).toThrow(TypeError);
    expect(() => sign({ privateKey: generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey })).toThrow(TypeError);
    expect(() => sign({ nonce: 'café' })).toThrow(TypeError);
    expect(() => sign({ created: 1.5 })).toThrow(TypeError);
  });
  test('a component the message does not have', () => {
    expect(problemOf(() => sign({ components: ['x-road-client', 'x-road-represented-party'] })).message).toBe(
      'The request has no x-road-represented-party header, which the signature is to cover',
    );
  });
  test('createNonce gives 22 base64url characters, different each time', () => {
    expect(createNonce()).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(createNonce()).not.toBe(createNonce());
  });
});
