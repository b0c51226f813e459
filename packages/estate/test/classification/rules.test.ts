/** The classifier's rules on a small synthetic Function list: each rule, its confidence and its reason. */
import { describe, expect, it } from 'vitest';
import { classify, dice, words, type FunctionEntry } from '../../src/classification/rules.ts';

const FUNCTIONS: FunctionEntry[] = [
  { id: 3, label: 'Benefits', parentLabel: 'Advice and benefits', services: [{ id: 66, label: 'Council tax benefit overpayments' }] },
  {
    id: 56,
    label: 'Taxation',
    parentLabel: 'Government, citizens and rights',
    services: [{ id: 1, label: 'Council tax account enquiries' }],
  },
  { id: 38, label: 'Waste management', parentLabel: 'Environmental protection', services: [{ id: 524, label: 'Bulky waste collection' }] },
  {
    id: 35,
    label: 'Funerals and cremations',
    parentLabel: 'Environmental protection',
    services: [{ id: 1538, label: 'Cemeteries and crematoria' }],
  },
  { id: 110, label: 'Parking', parentLabel: 'Transport and highways', services: [] },
  { id: 104, label: 'Town centre management', parentLabel: 'Planning and building control', services: [] },
];
const app = (capability: string | null, name = 'System', product: string | null = null) => ({ capability, name, product });

describe('words and overlap', () => {
  it('lower-cases, makes singular, drops filler words and duplicates', () => {
    expect(words('Revenues and Benefits system')).toEqual(['revenue', 'benefit']);
    expect(words('Children’s services')).toEqual(['children']);
    expect(words('Libraries, libraries')).toEqual(['library']);
    expect(words(null)).toEqual([]);
  });
  it('Dice: 1 for the same words, 0 for none shared', () => {
    expect(dice(['a', 'b'], ['b', 'a'])).toBe(1);
    expect(dice(['a'], ['b'])).toBe(0);
    expect(dice(['a', 'b'], ['a'])).toBeCloseTo(2 / 3);
    expect(dice([], ['a'])).toBe(0);
  });
});

describe('classify', () => {
  it('a capability that is a function’s name: that function, confidence 1', () => {
    expect(classify(app('Parking'), FUNCTIONS)).toMatchObject({ functionId: 110, confidence: 1, serviceId: null });
    expect(classify(app('Waste'), FUNCTIONS)).toMatchObject({ functionLabel: 'Waste management', confidence: 1 });
  });
  it('a capability that is a service’s name: the service and its function, 0.95', () => {
    const r = classify(app('Cemeteries and crematoria'), FUNCTIONS)!;
    expect(r).toMatchObject({ functionLabel: 'Funerals and cremations', serviceId: 1538, confidence: 0.95 });
    expect(r.reason).toContain('LGSL service Cemeteries and crematoria (1538)');
  });
  it('our synonym table: "Revenues and benefits" is Benefits, and says so', () => {
    const r = classify(app('Revenues and benefits'), FUNCTIONS)!;
    expect(r).toMatchObject({ functionLabel: 'Benefits', confidence: 0.9 });
    expect(r.reason).toContain('synonym');
    expect(classify(app('Council tax billing'), FUNCTIONS)).toMatchObject({ functionLabel: 'Taxation', confidence: 0.8 });
  });
  it('a synonym whose function the imported list lacks is skipped', () => {
    expect(classify(app('Planning'), FUNCTIONS)).toBeUndefined();
  });
  it('word overlap above the threshold, with the shared words as the reason', () => {
    const r = classify(app('Bulky waste bookings'), FUNCTIONS)!;
    expect(r.functionLabel).toBe('Waste management');
    expect(r.reason).toMatch(/shares the words? .*waste/);
    expect(r.confidence).toBeGreaterThan(0.4);
    expect(r.confidence).toBeLessThan(0.9);
  });
  it('no capability: the name and product, at lower confidence', () => {
    const r = classify(app(null, 'Parking permits', null), FUNCTIONS)!;
    expect(r).toMatchObject({ functionLabel: 'Parking' });
    expect(r.confidence).toBeLessThan(1);
    expect(r.reason).toContain('name and product');
  });
  it('filler words alone never match ("Contact centre" is not Town centre management)', () => {
    expect(classify(app('Contact centre telephony'), FUNCTIONS, [])).toBeUndefined();
    expect(classify(app('Something else entirely'), FUNCTIONS)).toBeUndefined();
    expect(classify(app(''), [])).toBeUndefined();
  });
});
