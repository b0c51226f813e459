import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { contentDigest, verifyContentDigest } from '../../src/signing/content-digest.ts';
import { SignatureProblem } from '../../src/signing/errors.ts';

// RFC 9530's examples hash the content {"hello": "world"} followed by a line feed (§2, Appendix B);
// RFC 9421's test-request (and RFC 9530 Appendix D) the same without it.
const HELLO_LF = Buffer.from('{"hello": "world"}\n');
const HELLO = Buffer.from('{"hello": "world"}');

const reasonOf = (header: string | undefined, body: Uint8Array) => {
  try {
    verifyContentDigest(header, body);
    return 'ok';
  } catch (error) {
    if (error instanceof SignatureProblem) return error.reason;
    throw error;
  }
};

describe('RFC 9530 examples', () => {
  test('§2: sha-256 and sha-512 of {"hello": "world"}\\n', () => {
    expect(contentDigest(HELLO_LF)).toBe('sha-256=:RK/0qy18MlBSVnWgjwz6lZEWjP/lF5HF9bvEF8FabDg=:');
    expect(contentDigest(HELLO_LF, 'sha-512')).toBe(
      'sha-512=:YMAam51Jz/jOATT6/zvHrLVgOYTGFy1d6GJiOHTohq4yP+pgk4vf2aCsyRZOtw8MjkM7iw7yZ/WkppmM44T3qg==:',
    );
  });

  test('Appendix B.2: empty content; Appendix D: without the line feed, as RFC 9421’s test-request carries it', () => {
    expect(contentDigest(new Uint8Array())).toBe('sha-256=:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=:');
    expect(contentDigest(HELLO)).toBe('sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:');
    expect(contentDigest(HELLO, 'sha-512')).toBe(
      'sha-512=:WZDPaVn/7XgHaAy8pmojAkGWoRx2UFChF41A2svX+TaPm+AbwAgBWnrIiYllu7BNNyealdVLvRwEmTHWXvJwew==:',
    );
  });

  test('the examples verify, alone and as one Dictionary of both (§2: several algorithms)', () => {
    expect(reasonOf('sha-256=:RK/0qy18MlBSVnWgjwz6lZEWjP/lF5HF9bvEF8FabDg=:', HELLO_LF)).toBe('ok');
    const both = `${contentDigest(HELLO_LF)},${contentDigest(HELLO_LF, 'sha-512')}`;
    expect(reasonOf(both, HELLO_LF)).toBe('ok');
    expect(reasonOf(`  ${both.replace(',', ',   ')}  `, HELLO_LF)).toBe('ok');
    verifyContentDigest([contentDigest(HELLO_LF), contentDigest(HELLO_LF, 'sha-512')], HELLO_LF);
  });
});

describe('verifyContentDigest refuses with a specific reason', () => {
  test('digest-missing: absent or blank', () => {
    expect(reasonOf(undefined, HELLO)).toBe('digest-missing');
    expect(reasonOf('   ', HELLO)).toBe('digest-missing');
  });

  test('digest-malformed: not a Dictionary, or a member that is not a byte sequence', () => {
    expect(reasonOf('sha-256=RK/0qy18MlBSVnWgjwz6lZEWjP/lF5HF9bvEF8FabDg=', HELLO_LF)).toBe('digest-malformed');
    expect(reasonOf('SHA-256=:RK/0qy18MlBSVnWgjwz6lZEWjP/lF5HF9bvEF8FabDg=:', HELLO_LF)).toBe('digest-malformed');
    expect(reasonOf('sha-256="RK/0qy18MlBSVnWgjwz6lZEWjP/lF5HF9bvEF8FabDg="', HELLO_LF)).toBe('digest-malformed');
    expect(reasonOf('sha-256=:A:', HELLO_LF)).toBe('digest-malformed');
    expect(reasonOf('sha-256=(:RK/0qy18MlBSVnWgjwz6lZEWjP/lF5HF9bvEF8FabDg=:)', HELLO_LF)).toBe('digest-malformed');
  });

  test('digest-unsupported: only algorithms this gateway does not accept (RFC 9530 §6.6: md5, sha are insecure)', () => {
    expect(reasonOf('md5=:Sd/dVLAcvNLSq16eXua5uQ==:, sha=:07CavjDP4u3/TungoUHJO/Wzr4c=:', HELLO)).toBe('digest-unsupported');
    try {
      verifyContentDigest('md5=:Sd/dVLAcvNLSq16eXua5uQ==:', HELLO);
    } catch (error) {
      expect((error as Error).message).toBe(
        'The Content-Digest uses only "md5", which this gateway does not accept; send sha-256 or sha-512',
      );
    }
    // ...but an unsupported member beside a supported one is ignored
    expect(reasonOf(`md5=:AAAA:, ${contentDigest(HELLO)}`, HELLO)).toBe('ok');
  });

  test('digest-mismatch: a changed body, a digest of other bytes, or one honest digest beside one forged', () => {
    expect(reasonOf(contentDigest(HELLO), HELLO_LF)).toBe('digest-mismatch');
    expect(reasonOf('sha-256=:AAAA:', HELLO)).toBe('digest-mismatch');
    expect(reasonOf(`${contentDigest(HELLO)}, ${contentDigest(HELLO_LF, 'sha-512')}`, HELLO)).toBe('digest-mismatch');
  });

  test('property: flipping any bit of any byte of the body fails', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 1, maxLength: 2048 }),
        fc.nat(),
        fc.integer({ min: 0, max: 7 }),
        fc.constantFrom('sha-256' as const, 'sha-512' as const),
        (body, at, bit, algorithm) => {
          const header = contentDigest(body, algorithm);
          expect(reasonOf(header, body)).toBe('ok');
          const changed = Uint8Array.from(body);
          changed[at % body.length]! ^= 1 << bit;
          expect(reasonOf(header, changed)).toBe('digest-mismatch');
        },
      ),
      { numRuns: 300 },
    );
  });

  test('fuzz: any string as Content-Digest (unicode, control characters, up to 10 KB) throws only SignatureProblem', () => {
    const structuredish = fc
      .array(
        fc.constantFrom(
          'sha-256',
          'sha-512',
          'md5',
          '=',
          ':',
          ',',
          ' ',
          ';',
          '"',
          '(',
          ')',
          'AAAA',
          'RK/0qy18MlBSVnWgjwz6lZEWjP/lF5HF9bvEF8FabDg=',
          '?1',
          '\t',
          '\\',
          '%"',
          '@1',
        ),
        { maxLength: 60 },
      )
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ unit: 'binary', maxLength: 10_000 }), fc.string({ unit: 'grapheme-ascii', maxLength: 200 }), structuredish),
        (header) => {
          const reason = reasonOf(header, HELLO);
          expect(['ok', 'digest-missing', 'digest-malformed', 'digest-unsupported', 'digest-mismatch']).toContain(reason);
        },
      ),
      { numRuns: 1000 },
    );
  });
});
