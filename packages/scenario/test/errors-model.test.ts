import { describe, expect, it } from 'vitest';
import { abbreviateAddress, caseNoise, ERROR_PROFILES, stripDiacritics, typo } from '../src/errors-model.ts';
import { NICKNAMES } from '../src/names.ts';
import { Random } from '../src/random.ts';

describe('error model', () => {
  it('has a rate between 0 and 1 for every error of every system', () => {
    for (const profile of Object.values(ERROR_PROFILES)) {
      for (const [name, rate] of Object.entries(profile)) {
        if (name === 'isAsciiOnly') continue;
        expect(rate).toBeGreaterThanOrEqual(0);
        expect(rate).toBeLessThanOrEqual(1);
      }
    }
  });

  it('keeps the electoral register cleaner than the waste CRM', () => {
    const clean = ERROR_PROFILES['electoral-register'];
    const messy = ERROR_PROFILES['waste-crm'];
    for (const key of ['typoGivenName', 'typoSurname', 'nickname', 'initialOnly', 'caseNoise'] as const) {
      expect(clean[key]).toBeLessThan(messy[key]);
    }
  });

  it('makes one plausible typing slip', () => {
    const r = new Random(3);
    for (let i = 0; i < 200; i++) {
      const out = typo(r, 'Margaret');
      expect(out).not.toBe('Margaret');
      expect(Math.abs(out.length - 'Margaret'.length)).toBeLessThanOrEqual(1);
      expect(out.charAt(0)).toBe('M');
    }
  });

  it('has nicknames that are never the formal name itself', () => {
    for (const [formal, forms] of Object.entries(NICKNAMES)) expect(forms).not.toContain(formal);
    expect(NICKNAMES.William).toContain('Bill');
    expect(NICKNAMES.Margaret).toContain('Peggy');
  });

  it('abbreviates, strips accents and changes case as systems do', () => {
    expect(abbreviateAddress('14 Mill Road')).toBe('14 Mill Rd');
    expect(abbreviateAddress('Flat 2, 14 Mill Lane')).toBe('2/14 Mill Lane');
    expect(stripDiacritics('Wiśniewski Łukasz João')).toBe('Wisniewski Lukasz Joao');
    expect(caseNoise(0.1, "O'Brien")).toBe("O'BRIEN");
    expect(caseNoise(0.9, 'McDonald')).toBe('Mcdonald');
  });
});
