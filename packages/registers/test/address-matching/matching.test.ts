/** The address matcher: reading messy addresses, and matching them on a small hand-made register. */
import { describe, expect, it } from 'vitest';
import type { RegisterAddress } from '../../src/address.ts';
import { createAddressIndex, parseAddress } from '../../src/address-matching/index.ts';

describe('reading a free-text address', () => {
  it.each([
    [
      'Flat 2, 14 High St, Casterbridge WX1 2AB',
      { postcode: 'WX1 2AB', flat: '2', number: '14', words: ['HIGH', 'STREET', 'CASTERBRIDGE'] },
    ],
    ['GROUND FLOOR FLAT 14 DURBEYFIELD HILL RADIPOLE wx51tj', { postcode: 'WX5 1TJ', saoText: 'GROUND FLOOR FLAT', number: '14' }],
    ['2/14 high street', { flat: '2', number: '14', words: ['HIGH', 'STREET'] }],
    ['24/Heath Lodge, Ridge Rd', { flat: '24', words: ['HEATH', 'LODGE', 'RIDGE', 'ROAD'] }],
    ['2, 14 Abbey Ln', { flat: '2', number: '14', words: ['ABBEY', 'LANE'] }],
    ['Flat A, 1 Farfrae Crescent', { flat: 'A', number: '1' }],
    ['14 St Mary’s Road', { number: '14', words: ['ST', 'MARY', 'S', 'ROAD'] }],
    ['The Old Forge, The Street, East Quarriers', { words: ['THE', 'OLD', 'FORGE', 'THE', 'STREET', 'EAST', 'QUARRIERS'] }],
  ])('%s', (text, expected) => {
    expect(parseAddress(text)).toMatchObject(expected);
  });

  it('reads lines and a separate postcode the same as one line', () => {
    expect(parseAddress({ lines: ['Flat 2', '14 High St', 'Casterbridge'], postcode: 'wx1 2ab' })).toEqual(
      parseAddress('Flat 2, 14 High St, Casterbridge, WX1 2AB'),
    );
  });
});

const address = (uprn: string, parts: Partial<RegisterAddress>): RegisterAddress => ({
  uprn,
  town: 'CASTERBRIDGE',
  authority: 'casterbridge',
  status: 'approved',
  ...parts,
});
const REGISTER: RegisterAddress[] = [
  address('1', { paoStartNumber: 14, street: 'HIGH STREET', postcode: 'WX1 2AB' }),
  address('2', { saoText: 'FLAT 1', paoStartNumber: 16, street: 'HIGH STREET', postcode: 'WX1 2AB' }),
  address('3', { saoText: 'FLAT 2', paoStartNumber: 16, street: 'HIGH STREET', postcode: 'WX1 2AB' }),
  address('4', { paoText: 'ROSE COTTAGE', street: 'MILL LANE', locality: 'MELLSTOCK', postcode: 'WX2 3CD' }),
  address('5', { paoStartNumber: 14, street: 'HIGH STREET', town: 'BUDMOUTH', postcode: 'WX4 1EF' }),
  address('6', { paoStartNumber: 3, street: 'DURBEYFIELD CLOSE', postcode: 'WX1 1QE' }),
  address('7', { paoStartNumber: 3, street: 'DURBEYFIELD CLOSE', postcode: 'WX1 1QE', status: 'historical' }),
  ...Array.from({ length: 40 }, (_, i) => address(String(100 + i), { paoStartNumber: i + 1, street: 'FARFRAE ROAD', postcode: 'WX1 4GH' })),
];
const index = createAddressIndex(REGISTER);
const best = (text: string | { lines: string[]; postcode?: string }) => index.match(text)[0];

describe('matching against the register', () => {
  it('matches a clean address with near certainty, and explains every part', () => {
    const match = best('14 High Street, Casterbridge, WX1 2AB')!;
    expect(match.uprn).toBe('1');
    expect(match.probability).toBeGreaterThan(0.99);
    expect(match.explanation.map((e) => e.part)).toEqual(expect.arrayContaining(['postcode', 'house number', 'street', 'town']));
    expect(match.explanation.find((e) => e.part === 'house number')).toMatchObject({ input: '14', register: '14', level: 'same' });
  });

  it('tells a flat from its neighbour and from the house', () => {
    expect(best('flat 2, 16 high st, casterbridge')?.uprn).toBe('3');
    expect(best('Flat 1 16 High Street WX1 2AB')?.uprn).toBe('2');
  });

  it('matches without a postcode, with a typo in the street, and by house name', () => {
    expect(best('14 High St, Casterbridge')).toMatchObject({ uprn: '1' });
    expect(best('3 Durbyfield Close, WX1 1QE')).toMatchObject({ uprn: '6' });
    expect(best('Rose Cottage, Mellstock')).toMatchObject({ uprn: '4' });
  });

  it('sends an address whose postcode and town disagree for review', () => {
    const [first, second] = index.match('14 High Street, Budmouth, WX1 2AB');
    expect([first?.uprn, second?.uprn].sort()).toEqual(['1', '5']);
    expect(first!.probability).toBeLessThan(0.9);
  });

  it('is unsure, not wrong, when the address fits two places equally', () => {
    const [first, second] = index.match('14 High Street');
    expect([first?.uprn, second?.uprn].sort()).toEqual(['1', '5']);
    expect(first!.probability).toBeLessThan(0.9);
  });

  it('never matches a historical address, and finds nothing for a stranger', () => {
    expect(index.match('3 Durbeyfield Close WX1 1QE').map((c) => c.uprn)).not.toContain('7');
    expect(index.match('1 Nowhere Lane, Atlantis')).toEqual([]);
    expect(index.match('')).toEqual([]);
  });

  it('gives a different house number a large negative weight', () => {
    const [candidate] = index.match('15 Farfrae Road WX1 4GH');
    expect(candidate?.uprn).toBe('114');
    const wrong = index.match('15 Farfrae Road WX1 4GH', { limit: 50 }).find((c) => c.uprn === '113')!;
    expect(wrong.explanation.find((e) => e.part === 'house number')).toMatchObject({ level: 'different' });
    expect(wrong.probability).toBeLessThan(0.01);
  });
});
