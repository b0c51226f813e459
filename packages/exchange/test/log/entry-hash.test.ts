import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { canonicalJson } from '../../src/configuration/signature.ts';
import { canonicalText } from '../../src/log/canonical-text.ts';
import { chainHash, contentHashOf, sealEntry, ZERO_HASH } from '../../src/log/entry-hash.ts';

test('RFC 8785 §3.2.2 and §3.2.3 examples come out as the RFC prints them', () => {
  // RFC 8785 §3.2.2: the input and output exactly as the RFC prints them.
  const input = String.raw`{"numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001], "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/", "literals": [null, true, false]}`;
  expect(canonicalText(JSON.parse(input))).toBe(
    String.raw`{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\u000f\nA'B\"\\\\\"/"}`,
  );
  // RFC 8785 §3.2.3: keys sorted by UTF-16 code units.
  const sorting = {
    '\u20ac': 'Euro Sign',
    '\r': 'Carriage Return',
    '\ufb33': 'Hebrew Letter Dalet With Dagesh',
    '1': 'One',
    '\ud83d\ude00': 'Emoji: Grinning Face',
    '\u0080': 'Control',
    '\u00f6': 'Latin Small Letter O With Diaeresis',
  };
  expect(canonicalText(sorting)).toBe(canonicalJson(sorting).toString());
  expect(Object.keys(JSON.parse(canonicalText(sorting)))).toEqual(['1', '\r', '\u0080', '\u00f6', '\u20ac', '\ud83d\ude00', '\ufb33']);
});

test('the fast canonical text is byte for byte the shared canonicalJson of what is read back', () => {
  const key = fc.oneof(fc.string(), fc.constantFrom('10', '9', '0', '01', '__proto__', 'toJSON'));
  const value = fc.letrec((tie) => ({
    node: fc.oneof(
      { depthSize: 'small' },
      fc.jsonValue(),
      fc.array(tie('node')),
      fc.dictionary(key, tie('node')),
      fc.constant(undefined),
      fc.date(),
    ),
  })).node;
  fc.assert(
    fc.property(value, (input) => {
      const read = JSON.parse(JSON.stringify({ v: input }));
      expect(canonicalText({ v: input })).toBe(canonicalJson(read).toString());
    }),
    { numRuns: 1000 },
  );
});

test('a sealed line, read back, has the contentHash and hash it was sealed with', () => {
  fc.assert(
    fc.property(fc.jsonValue(), fc.integer({ min: 1, max: 2 ** 40 }), (anything, seq) => {
      const record = { messageId: 'm', direction: 'request-in' as const, headers: {}, extra: anything } as never;
      const prev = seq === 1 ? ZERO_HASH : createHash('sha256').update(String(seq)).digest('hex');
      const sealed = sealEntry(seq, '2025-05-01T12:00:00.000Z', { kind: 'message', record }, prev);
      const line = sealed.line.toString('utf8');
      expect(line.endsWith('\n')).toBe(true);
      expect(line.slice(0, -1)).not.toContain('\n');
      const entry = JSON.parse(line) as Record<string, unknown>;
      expect(contentHashOf(entry)).toBe(entry.contentHash);
      expect(entry).toMatchObject({ seq, prev, contentHash: sealed.contentHash, hash: sealed.hash });
      expect(chainHash(prev, sealed.contentHash)).toBe(sealed.hash);
    }),
    { numRuns: 500 },
  );
});

test('an entry with text beyond ASCII is sealed as UTF-8, hashed as what is written', () => {
  const record = {
    messageId: 'm',
    direction: 'request-in' as const,
    headers: { 'x-note': 'Dorchester – “Casterbridge” 😀', 'x-lone': '\ud800' },
  };
  const sealed = sealEntry(1, '2025-05-01T12:00:00.000Z', { kind: 'message', record } as never, ZERO_HASH);
  const entry = JSON.parse(sealed.line.toString('utf8')) as Record<string, unknown>;
  expect(entry.record).toEqual(JSON.parse(JSON.stringify(record)));
  expect(contentHashOf(entry)).toBe(sealed.contentHash);
  expect(sealed.line.at(-1)).toBe(0x0a);
});
