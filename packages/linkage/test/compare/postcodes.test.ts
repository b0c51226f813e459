import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePostcode, postcodeLevel } from '../../src/compare/postcodes.ts';

/** Well-formed postcodes of every outward shape: A9, A99, AA9, AA99, A9A, AA9A. */
const postcode = fc
  .tuple(
    fc.constantFrom('W', 'B', 'M', 'WX', 'EC', 'SW', 'BS', 'CB'),
    fc.integer({ min: 0, max: 99 }),
    fc.constantFrom('', 'A', 'R', 'W'),
    fc.integer({ min: 0, max: 9 }),
    fc.constantFrom('AB', 'ZZ', 'QT', 'NL'),
  )
  .map(([area, district, letter, sector, unit]) => `${area}${district > 9 && letter ? district % 10 : district}${letter} ${sector}${unit}`);

const LEVELS = ['unit', 'sector', 'district', 'area', 'none'] as const;

describe('parsePostcode', () => {
  it('splits a postcode into unit, sector, district and area', () => {
    expect(parsePostcode('WX1 2AB')).toEqual({ unit: 'WX1 2AB', sector: 'WX1 2', district: 'WX1', area: 'WX' });
    expect(parsePostcode('EC1A 1BB')).toEqual({ unit: 'EC1A 1BB', sector: 'EC1A 1', district: 'EC1A', area: 'EC' });
    expect(parsePostcode('W1A 0AX')).toEqual({ unit: 'W1A 0AX', sector: 'W1A 0', district: 'W1A', area: 'W' });
    expect(parsePostcode('M1 1AE')).toEqual({ unit: 'M1 1AE', sector: 'M1 1', district: 'M1', area: 'M' });
    expect(parsePostcode('B33 8TH')?.district).toBe('B33');
    expect(parsePostcode('CR2 6XH')?.sector).toBe('CR2 6');
    expect(parsePostcode('DN55 1PT')?.area).toBe('DN');
    expect(parsePostcode('GIR 0AA')?.unit).toBe('GIR 0AA');
  });

  it('tolerates lower case, a missing space and stray spaces', () => {
    for (const raw of ['wx12ab', ' wx1 2ab ', 'WX1  2AB', 'W X 1 2 A B', 'wx1\t2ab']) expect(parsePostcode(raw)?.unit).toBe('WX1 2AB');
  });

  it('refuses what is not a postcode', () => {
    for (const raw of [
      '',
      '2776',
      'WX1',
      'WX1 2A',
      'WX1 AAB',
      '1X1 2AB',
      'WXY1 2AB',
      'WX123 2AB',
      'WX1 2AB3',
      'WX1-2AB',
      'wx1 2ab!',
      'WX 2AB',
    ])
      expect(parsePostcode(raw), raw).toBeUndefined();
  });

  it('is idempotent, and its parts nest', () => {
    fc.assert(
      fc.property(postcode, fc.boolean(), (p, squash) => {
        const parsed = parsePostcode(squash ? p.toLowerCase().replace(' ', '') : p)!;
        expect(parsed.unit).toBe(p);
        expect(parsePostcode(parsed.unit)).toEqual(parsed);
        expect(parsed.unit.startsWith(parsed.sector)).toBe(true);
        expect(parsed.sector.startsWith(`${parsed.district} `)).toBe(true);
        expect(parsed.district.startsWith(parsed.area)).toBe(true);
      }),
    );
  });
});

describe('postcodeLevel', () => {
  it('gives the finest level of agreement', () => {
    expect(postcodeLevel('WX1 2AB', 'wx12ab')).toBe('unit');
    expect(postcodeLevel('WX1 2AB', 'WX1 2CD')).toBe('sector');
    expect(postcodeLevel('WX1 2AB', 'WX1 3CD')).toBe('district');
    expect(postcodeLevel('WX1 2AB', 'WX9 3CD')).toBe('area');
    expect(postcodeLevel('WX1 2AB', 'WX12 3CD')).toBe('area');
    expect(postcodeLevel('W1 2AB', 'WX1 2AB')).toBe('none');
    expect(postcodeLevel('WX1 2AB', 'not one')).toBe('none');
    expect(postcodeLevel('', '')).toBe('none');
  });

  it('is symmetric and agrees with the parsed parts', () => {
    fc.assert(
      fc.property(postcode, postcode, (a, b) => {
        const level = postcodeLevel(a, b);
        expect(postcodeLevel(b, a)).toBe(level);
        const pa = parsePostcode(a)!;
        const pb = parsePostcode(b)!;
        const expected =
          pa.unit === pb.unit
            ? 'unit'
            : pa.sector === pb.sector
              ? 'sector'
              : pa.district === pb.district
                ? 'district'
                : pa.area === pb.area
                  ? 'area'
                  : 'none';
        expect(level).toBe(expected);
        expect(LEVELS).toContain(level);
      }),
    );
  });
});
