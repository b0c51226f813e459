import { constants, sign, verify } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { contentDigest } from '../../src/signing/content-digest.ts';
import { SignatureProblem } from '../../src/signing/errors.ts';
import { verifyMessage } from '../../src/signing/message-signatures.ts';
import { formatComponent, parseComponent } from '../../src/signing/component-identifier.ts';
import type { HttpMessage } from '../../src/signing/http-message.ts';
import { signatureBase } from '../../src/signing/signature-base.ts';
import { ECC_P256_PUBLIC, ED25519_PRIVATE, ED25519_PUBLIC, RSA_PSS_PUBLIC, TEST_REQUEST, TEST_RESPONSE } from './rfc-fixtures.ts';

const lines = (...all: string[]) => all.join('\n');
const bytes = (base: string) => Buffer.from(base, 'latin1');
const b64 = (value: string) => Buffer.from(value, 'base64');
// The RFC's RSA-PSS and ECDSA signature values are not reproducible, but they verify only over the exact base.
const pss = { key: RSA_PSS_PUBLIC, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 64 };
const p256 = { key: ECC_P256_PUBLIC, dsaEncoding: 'ieee-p1363' as const };

const problemOf = (run: () => unknown): SignatureProblem => {
  try {
    run();
  } catch (error) {
    if (error instanceof SignatureProblem) return error;
    throw error;
  }
  throw new Error('expected a SignatureProblem');
};

describe('RFC 9421 Appendix B test vectors', () => {
  test('B.2.6 (ed25519): the exact signature base, and the exact signature value — Ed25519 is deterministic', () => {
    const { base, signatureParams } = signatureBase(
      TEST_REQUEST,
      ['date', '@method', '@path', '@authority', 'content-type', 'content-length'],
      { created: 1618884473, keyid: 'test-key-ed25519' },
    );
    expect(base).toBe(
      lines(
        '"date": Tue, 20 Apr 2021 02:07:55 GMT',
        '"@method": POST',
        '"@path": /foo',
        '"@authority": example.com',
        '"content-type": application/json',
        '"content-length": 18',
        '"@signature-params": ("date" "@method" "@path" "@authority" "content-type" "content-length");created=1618884473;keyid="test-key-ed25519"',
      ),
    );
    expect(`sig-b26=${signatureParams}`).toBe(
      'sig-b26=("date" "@method" "@path" "@authority" "content-type" "content-length");created=1618884473;keyid="test-key-ed25519"',
    );
    expect(sign(null, bytes(base), ED25519_PRIVATE).toString('base64')).toBe(
      'wqcAqbmYJ2ji2glfAMaRy4gruYYnx2nEFN2HN6jrnDnQCK1u02Gb04v9EDgwUPiu4A0w6vuQv5lIp5WPpBKRCw==',
    );
  });

  test('B.2.6: verifyMessage accepts the RFC’s signed request as printed (no alg parameter: the key says ed25519)', () => {
    const signed: HttpMessage = {
      ...TEST_REQUEST,
      headers: {
        ...TEST_REQUEST.headers,
        'Signature-Input':
          'sig-b26=("date" "@method" "@path" "@authority" "content-type" "content-length");created=1618884473;keyid="test-key-ed25519"',
        Signature: 'sig-b26=:wqcAqbmYJ2ji2glfAMaRy4gruYYnx2nEFN2HN6jrnDnQCK1u02Gb04v9EDgwUPiu4A0w6vuQv5lIp5WPpBKRCw==:',
      },
    };
    const verified = verifyMessage(signed, {
      resolveKey: (keyId) => (keyId === 'test-key-ed25519' ? ED25519_PUBLIC : undefined),
      requiredComponents: ['@method', '@authority', '@path'],
      now: 1618884475,
      maxAgeSeconds: 300,
      clockSkewSeconds: 30,
    });
    expect(verified).toEqual({
      label: 'sig-b26',
      keyId: 'test-key-ed25519',
      created: 1618884473,
      components: ['date', '@method', '@path', '@authority', 'content-type', 'content-length'],
      signature: 'wqcAqbmYJ2ji2glfAMaRy4gruYYnx2nEFN2HN6jrnDnQCK1u02Gb04v9EDgwUPiu4A0w6vuQv5lIp5WPpBKRCw==',
    });
  });

  test('B.2.1 minimal signature: no components, created, keyid and nonce', () => {
    const { base } = signatureBase(TEST_REQUEST, [], { created: 1618884473, keyid: 'test-key-rsa-pss', nonce: 'b3k2pp5k7z-50gnwp.yemd' });
    expect(base).toBe('"@signature-params": ();created=1618884473;keyid="test-key-rsa-pss";nonce="b3k2pp5k7z-50gnwp.yemd"');
    const rfcSignature =
      'd2pmTvmbncD3xQm8E9ZV2828BjQWGgiwAaw5bAkgibUopemLJcWDy/lkbbHAve4cRAtx31Iq786U7it++wgGxbtRxf8Udx7zFZsckzXaJMkA7ChG52eSkFxykJeNqsrWH5S+oxNFlD4dzVuwe8DhTSja8xxbR/Z2cOGdCbzR72rgFWhzx2VjBqJzsPLMIQKhO4DGezXehhWwE56YCE+O6c0mKZsfxVrogUvA4HELjVKWmAvtl6UnCh8jYzuVG5WSb/QEVPnP5TmcAnLH1g+s++v6d4s8m0gCw1fV5/SITLq9mhho8K3+7EPYTU8IU1bLhdxO5Nyt8C8ssinQ98Xw9Q==';
    expect(verify('sha512', bytes(base), pss, b64(rfcSignature))).toBe(true);
  });

  test('B.2.3 full coverage: date, derived components and content fields', () => {
    const { base } = signatureBase(
      TEST_REQUEST,
      ['date', '@method', '@path', '@query', '@authority', 'content-type', 'content-digest', 'content-length'],
      { created: 1618884473, keyid: 'test-key-rsa-pss' },
    );
    expect(base).toBe(
      lines(
        '"date": Tue, 20 Apr 2021 02:07:55 GMT',
        '"@method": POST',
        '"@path": /foo',
        '"@query": ?param=Value&Pet=dog',
        '"@authority": example.com',
        '"content-type": application/json',
        '"content-digest": sha-512=:WZDPaVn/7XgHaAy8pmojAkGWoRx2UFChF41A2svX+TaPm+AbwAgBWnrIiYllu7BNNyealdVLvRwEmTHWXvJwew==:',
        '"content-length": 18',
        '"@signature-params": ("date" "@method" "@path" "@query" "@authority" "content-type" "content-digest" "content-length");created=1618884473;keyid="test-key-rsa-pss"',
      ),
    );
    const rfcSignature =
      'bbN8oArOxYoyylQQUU6QYwrTuaxLwjAC9fbY2F6SVWvh0yBiMIRGOnMYwZ/5MR6fb0Kh1rIRASVxFkeGt683+qRpRRU5p2voTp768ZrCUb38K0fUxN0O0iC59DzYx8DFll5GmydPxSmme9v6ULbMFkl+V5B1TP/yPViV7KsLNmvKiLJH1pFkh/aYA2HXXZzNBXmIkoQoLd7YfW91kE9o/CCoC1xMy7JA1ipwvKvfrs65ldmlu9bpG6A9BmzhuzF8Eim5f8ui9eH8LZH896+QIF61ka39VBrohr9iyMUJpvRX2Zbhl5ZJzSRxpJyoEZAFL2FUo5fTIztsDZKEgM4cUA==';
    expect(verify('sha512', bytes(base), pss, b64(rfcSignature))).toBe(true);
  });

  test('B.2.4 response: @status, content-type, content-digest, content-length', () => {
    const { base } = signatureBase(TEST_RESPONSE, ['@status', 'content-type', 'content-digest', 'content-length'], {
      created: 1618884473,
      keyid: 'test-key-ecc-p256',
    });
    expect(base).toBe(
      lines(
        '"@status": 200',
        '"content-type": application/json',
        '"content-digest": sha-512=:mEWXIS7MaLRuGgxOBdODa3xqM1XdEvxoYhvlCFJ41QJgJc4GTsPp29l5oGX69wWdXymyU0rjJuahq4l5aGgfLQ==:',
        '"content-length": 23',
        '"@signature-params": ("@status" "content-type" "content-digest" "content-length");created=1618884473;keyid="test-key-ecc-p256"',
      ),
    );
    const rfcSignature = 'wNmSUAhwb5LxtOtOpNa6W5xj067m5hFrj0XQ4fvpaCLx0NKocgPquLgyahnzDnDAUy5eCdlYUEkLIj+32oiasw==';
    expect(verify('sha256', bytes(base), p256, b64(rfcSignature))).toBe(true);
  });

  test('§2.5 example: @method, @authority, @path, content-digest, content-length, content-type', () => {
    const { base } = signatureBase(TEST_REQUEST, ['@method', '@authority', '@path', 'content-digest', 'content-length', 'content-type'], {
      created: 1618884473,
      keyid: 'test-key-rsa-pss',
    });
    expect(base).toBe(
      lines(
        '"@method": POST',
        '"@authority": example.com',
        '"@path": /foo',
        '"content-digest": sha-512=:WZDPaVn/7XgHaAy8pmojAkGWoRx2UFChF41A2svX+TaPm+AbwAgBWnrIiYllu7BNNyealdVLvRwEmTHWXvJwew==:',
        '"content-length": 18',
        '"content-type": application/json',
        '"@signature-params": ("@method" "@authority" "@path" "content-digest" "content-length" "content-type");created=1618884473;keyid="test-key-rsa-pss"',
      ),
    );
    const rfcSignature =
      'HIbjHC5rS0BYaa9v4QfD4193TORw7u9edguPh0AW3dMq9WImrlFrCGUDih47vAxi4L2YRZ3XMJc1uOKk/J0ZmZ+wcta4nKIgBkKq0rM9hs3CQyxXGxHLMCy8uqK488o+9jrptQ+xFPHK7a9sRL1IXNaagCNN3ZxJsYapFj+JXbmaI5rtAdSfSvzPuBCh+ARHBmWuNo1UzVVdHXrl8ePL4cccqlazIJdC4QEjrF+Sn4IxBQzTZsL9y9TP5FsZYzHvDqbInkTNigBcE9cKOYNFCn4D/WM7F6TNuZO9EgtzepLWcjTymlHzK7aXq6Am6sfOrpIC49yXjj3ae6HRalVc/g==';
    expect(verify('sha512', bytes(base), pss, b64(rfcSignature))).toBe(true);
  });

  test('§2.4 request-response binding: ;req components come from the request the response answers', () => {
    const body = Buffer.from('{"busy": true, "message": "Your call is very important to us"}');
    const response: HttpMessage = {
      status: 503,
      headers: {
        Date: 'Tue, 20 Apr 2021 02:07:56 GMT',
        'Content-Type': 'application/json',
        'Content-Length': '62',
        'Content-Digest': contentDigest(body, 'sha-512'),
      },
    };
    expect(response.headers['Content-Digest']).toBe(
      'sha-512=:0Y6iCBzGg5rZtoXS95Ijz03mslf6KAMCloESHObfwnHJDbkkWWQz6PhhU9kxsTbARtY2PTBOzq24uJFpHsMuAg==:',
    );
    const { base } = signatureBase(
      response,
      ['@status', 'content-digest', 'content-type', '@authority;req', '@method;req', '@path;req', 'content-digest;req'],
      { created: 1618884479, keyid: 'test-key-ecc-p256' },
      TEST_REQUEST,
    );
    expect(base).toBe(
      lines(
        '"@status": 503',
        '"content-digest": sha-512=:0Y6iCBzGg5rZtoXS95Ijz03mslf6KAMCloESHObfwnHJDbkkWWQz6PhhU9kxsTbARtY2PTBOzq24uJFpHsMuAg==:',
        '"content-type": application/json',
        '"@authority";req: example.com',
        '"@method";req: POST',
        '"@path";req: /foo',
        '"content-digest";req: sha-512=:WZDPaVn/7XgHaAy8pmojAkGWoRx2UFChF41A2svX+TaPm+AbwAgBWnrIiYllu7BNNyealdVLvRwEmTHWXvJwew==:',
        '"@signature-params": ("@status" "content-digest" "content-type" "@authority";req "@method";req "@path";req "content-digest";req);created=1618884479;keyid="test-key-ecc-p256"',
      ),
    );
    const rfcSignature = 'dMT/A/76ehrdBTD/2Xx8QuKV6FoyzEP/I9hdzKN8LQJLNgzU4W767HK05rx1i8meNQQgQPgQp8wq2ive3tV5Ag==';
    expect(verify('sha256', bytes(base), p256, b64(rfcSignature))).toBe(true);
  });

  // Appendix B.4's Ed25519 example (text from the httpbis draft source): the safe transformations
  // still verify, the unsafe ones do not. Its signature proves the base, multiple Accept lines included.
  describe('B.4 message transformations', () => {
    const signature = {
      'Signature-Input': 'transform=("@method" "@path" "@authority" "accept");created=1618884473;keyid="test-key-ed25519"',
      Signature: 'transform=:ZT1kooQsEHpZ0I1IjCqtQppOmIqlJPeo7DHR3SoMn0s5JZ1eRGS0A+vyYP9t/LXlh5QMFFQ6cpLt2m0pmj3NDA==:',
    };
    const original: HttpMessage = {
      method: 'GET',
      targetUri: 'https://example.org/demo?name1=Value1&Name2=value2',
      headers: { Host: 'example.org', Date: 'Fri, 15 Jul 2022 14:24:55 GMT', Accept: ['application/json', '*/*'], ...signature },
    };
    const check = (message: HttpMessage) =>
      verifyMessage(message, {
        resolveKey: () => ED25519_PUBLIC,
        requiredComponents: ['@method', '@path', '@authority'],
        now: 1618884473,
        maxAgeSeconds: 60,
        clockSkewSeconds: 0,
      });

    test('the original, whose two Accept lines are joined with ", "', () => {
      expect(
        signatureBase(original, ['@method', '@path', '@authority', 'accept'], { created: 1618884473, keyid: 'test-key-ed25519' }).base,
      ).toBe(
        lines(
          '"@method": GET',
          '"@path": /demo',
          '"@authority": example.org',
          '"accept": application/json, */*',
          '"@signature-params": ("@method" "@path" "@authority" "accept");created=1618884473;keyid="test-key-ed25519"',
        ),
      );
      expect(check(original).label).toBe('transform');
    });

    test('still valid: an added header and query parameter, Date removed and Accept collapsed, fields reordered', () => {
      check({
        ...original,
        targetUri: `${original.targetUri}&param=added`,
        headers: { ...original.headers, 'Accept-Language': 'en-US,en;q=0.5' },
      });
      check({
        ...original,
        headers: { Host: 'example.org', Referer: 'https://developer.example.org/demo', Accept: 'application/json, */*', ...signature },
      });
      check({
        ...original,
        headers: { ...signature, Accept: ['application/json', '*/*'], Date: 'Fri, 15 Jul 2022 14:24:55 GMT', Host: 'example.org' },
      });
    });

    test('no longer valid: method and authority changed; the two Accept lines swapped', () => {
      expect(
        problemOf(() => check({ ...original, method: 'POST', targetUri: 'https://example.com/demo?name1=Value1&Name2=value2' })).reason,
      ).toBe('bad-signature');
      expect(problemOf(() => check({ ...original, headers: { ...original.headers, Accept: ['*/*', 'application/json'] } })).reason).toBe(
        'bad-signature',
      );
    });
  });
});

describe('component values (RFC 9421 §2.1, §2.2)', () => {
  const request: HttpMessage = {
    method: 'POST',
    targetUri: 'https://www.example.com/path?param=value&foo=bar&baz=bat%2Dman',
    headers: {
      host: 'www.example.com',
      'X-OWS-Header': '   Leading and trailing whitespace.  ',
      'Cache-Control': ['max-age=60', '   must-revalidate'],
      'Example-Dict': ' a=1,    b=2;x=1;y=2,   c=(a   b   c)',
      'Example-Dict2': 'a=1, b=2;x=1;y=2, c=(a   b    c), d',
      'X-Empty-Header': ' ',
      'Content-Digest':
        'sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:,   sha-512=:WZDPaVn/7XgHaAy8pmojAkGWoRx2UFChF41A2svX+TaPm+AbwAgBWnrIiYllu7BNNyealdVLvRwEmTHWXvJwew==:',
    },
  };
  const valueOf = (component: string, message = request) =>
    signatureBase(message, [component], {})
      .base.split('\n')[0]!
      .slice(parseComponent(component).serialized.length + 2);

  test('header fields: trimmed, several values joined with ", ", internal whitespace kept, empty allowed', () => {
    expect(valueOf('x-ows-header')).toBe('Leading and trailing whitespace.');
    expect(valueOf('cache-control')).toBe('max-age=60, must-revalidate');
    expect(valueOf('example-dict')).toBe('a=1,    b=2;x=1;y=2,   c=(a   b   c)');
    expect(valueOf('x-empty-header')).toBe('');
    expect(signatureBase(request, ['x-empty-header'], {}).base).toBe('"x-empty-header": \n"@signature-params": ("x-empty-header")');
  });

  test('Dictionary members by key (§2.1.2) and strict re-serialisation of a known Dictionary with sf (§2.1.1)', () => {
    expect(valueOf('example-dict2;key="a"')).toBe('1');
    expect(valueOf('example-dict2;key="d"')).toBe('?1');
    expect(valueOf('example-dict2;key="b"')).toBe('2;x=1;y=2');
    expect(valueOf('example-dict2;key="c"')).toBe('(a b c)');
    expect(valueOf('content-digest;sf')).toBe(
      'sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:, sha-512=:WZDPaVn/7XgHaAy8pmojAkGWoRx2UFChF41A2svX+TaPm+AbwAgBWnrIiYllu7BNNyealdVLvRwEmTHWXvJwew==:',
    );
  });

  test('derived components of a request', () => {
    expect(valueOf('@method')).toBe('POST');
    expect(valueOf('@target-uri')).toBe('https://www.example.com/path?param=value&foo=bar&baz=bat%2Dman');
    expect(valueOf('@authority')).toBe('www.example.com');
    expect(valueOf('@scheme')).toBe('https');
    expect(valueOf('@request-target')).toBe('/path?param=value&foo=bar&baz=bat%2Dman');
    expect(valueOf('@path')).toBe('/path');
    expect(valueOf('@query')).toBe('?param=value&foo=bar&baz=bat%2Dman');
    expect(valueOf('@query', { ...request, targetUri: 'http://www.example.com/path?queryString' })).toBe('?queryString');
    expect(valueOf('@query', { ...request, targetUri: 'http://www.example.com/path' })).toBe('?');
    expect(valueOf('@scheme', { ...request, targetUri: 'http://www.example.com/path' })).toBe('http');
    // @authority is normalised: host lowercased, default port dropped (§2.2.3); a fragment is never part of it
    expect(valueOf('@authority', { ...request, targetUri: 'https://WWW.Example.COM:443/path' })).toBe('www.example.com');
    expect(valueOf('@authority', { ...request, targetUri: 'https://gw.example:8443/path' })).toBe('gw.example:8443');
    expect(valueOf('@target-uri', { ...request, targetUri: 'https://www.example.com/path?a=1#top' })).toBe(
      'https://www.example.com/path?a=1',
    );
  });

  test('the notation: quotes optional, parameter order kept, names lowercased, identity ignores parameter order', () => {
    expect(parseComponent('signature;req;key="jc"').serialized).toBe('"signature";req;key="jc"');
    expect(parseComponent('"signature";req;key="jc"').serialized).toBe('"signature";req;key="jc"');
    expect(parseComponent('Content-Type').serialized).toBe('"content-type"');
    expect(parseComponent('signature;key="jc";req').identity).toBe(parseComponent('signature;req;key="jc"').identity);
    expect(formatComponent(parseComponent('"@method";req'))).toBe('@method;req');
    expect(() => parseComponent('content type')).toThrow(TypeError);
    expect(() => parseComponent('"unterminated')).toThrow(TypeError);
  });

  test.each([
    ['an absent header', ['x-road-client'], undefined, 'The request has no x-road-client header, which the signature is to cover'],
    ['an unknown derived component', ['@query-param;name="Pet"'], undefined, 'supports'],
    ['@signature-params listed', ['@signature-params'], undefined, '@signature-params must not be listed'],
    ['@status in a request', ['@status'], undefined, '@status applies only to a response'],
    [';req in a request', ['@method;req'], undefined, "a request's signature cannot use it"],
    ['an unsupported parameter', ['accept;bs'], undefined, 'the parameter "bs"'],
    ['a missing Dictionary member', ['example-dict2;key="zz"'], undefined, 'has no member "zz"'],
    ['key on a header that is no Dictionary', ['x-ows-header;key="a"'], undefined, 'is not a structured-field Dictionary'],
    ['sf on a field of unknown type', ['cache-control;sf'], undefined, 'is not a structured field this gateway knows the type of'],
  ])('refused as missing-component: %s', (_what, components, related, message) => {
    const problem = problemOf(() => signatureBase(request, components, {}, related));
    expect(problem.reason).toBe('missing-component');
    expect(problem.message).toContain(message);
  });

  test('a response: request components need ;req and a related request', () => {
    expect(problemOf(() => signatureBase(TEST_RESPONSE, ['@method'], {})).message).toContain("covers the request's with @method;req");
    expect(problemOf(() => signatureBase(TEST_RESPONSE, ['@method;req'], {})).message).toContain('no request was given');
    expect(signatureBase(TEST_RESPONSE, ['@method;req'], {}, TEST_REQUEST).base.split('\n')[0]).toBe('"@method";req: POST');
  });

  test('a header value with a line break or control character cannot be signed (it would forge a base line)', () => {
    for (const value of ['a\nb', 'a\r\nb', 'a\u0000b', 'a\u2028b', 'smile \u{1F600}']) {
      const problem = problemOf(() => signatureBase({ ...request, headers: { 'x-road-client': value } }, ['x-road-client'], {}));
      expect(problem.message).toContain('cannot be signed');
    }
    expect(valueOf('x-latin', { ...request, headers: { 'x-latin': 'caf\u00e9' } })).toBe('caf\u00e9');
  });

  test('a component listed twice is refused', () => {
    expect(problemOf(() => signatureBase(request, ['@method', '"@method"'], {})).reason).toBe('signature-malformed');
  });
});
