import { describe, expect, it } from 'vitest';
import {
  describeNoticePeriod,
  noticeUnitOf,
  readCompanyNumber,
  readDate,
  readFlag,
  readMoney,
  readNoticePeriod,
  readSignedMoney,
  readSocietyNumber,
  Refusal,
} from '../src/contracts/values.ts';

describe('contract register values', () => {
  it('reads dates day first, ISO, and with month names; refuses impossible ones', () => {
    expect(readDate('04/09/2014')).toBe('2014-09-04');
    expect(readDate('2014-09-04')).toBe('2014-09-04');
    expect(readDate('01-Apr-2013')).toBe('2013-04-01');
    expect(readDate('')).toBeNull();
    expect(readDate('31/02/2020')).toBeInstanceOf(Refusal);
    expect(readDate('next March')).toBeInstanceOf(Refusal);
  });
  it('reads money with £ and commas, refuses words and negatives', () => {
    expect(readMoney('£1,250,000.00')).toBe(1_250_000);
    expect(readMoney('12493.15')).toBe(12493.15);
    expect(readMoney('-5')).toBeInstanceOf(Refusal);
    expect(readMoney('about 5k')).toBeInstanceOf(Refusal);
  });
  it('reads a contract value as the register gives it, negative in brackets or with a minus', () => {
    expect(['(3,728)', '-£1,000.50', '£ 12', '(0)', ''].map((t) => readSignedMoney(t))).toEqual([-3728, -1000.5, 12, 0, null]);
    expect(readSignedMoney('(about 5k)')).toBeInstanceOf(Refusal);
    expect(readSignedMoney('--5')).toBeInstanceOf(Refusal);
  });
  it('recognises registered society numbers (FCA Mutuals Public Register) and nothing else', () => {
    expect(['ip19473r', 'IP 22981R', '30046R'].map(readSocietyNumber)).toEqual(['IP19473R', 'IP22981R', '30046R']);
    expect(['02165763', 'IP19473', 'R', 'IPR'].map(readSocietyNumber)).toEqual([undefined, undefined, undefined, undefined]);
  });
  it('reads Yes/No/Y/N flags and notice periods in days or weeks, not months', () => {
    expect([readFlag('Yes'), readFlag('n'), readFlag('')]).toEqual([true, false, null]);
    expect(readFlag('maybe')).toBeInstanceOf(Refusal);
    // Notice periods as the contract states them (ISO 8601 durations): months stay months.
    expect(['90', '90 days', '12 weeks', '3 months', '3 mths', '1 year', 'P6M', ''].map((t) => readNoticePeriod(t))).toEqual([
      'P90D',
      'P90D',
      'P12W',
      'P3M',
      'P3M',
      'P1Y',
      'P6M',
      null,
    ]);
    // A bare number is in the unit its column's header names.
    expect(readNoticePeriod('3', noticeUnitOf('notice_period_months'))).toBe('P3M');
    expect(noticeUnitOf('Notice period (days)')).toBe('D');
    expect((readNoticePeriod('soon') as Refusal).message).toMatch(/is not a notice period/);
    expect([describeNoticePeriod('P3M'), describeNoticePeriod('P1D'), describeNoticePeriod(null)]).toEqual(['3 months', '1 day', null]);
  });
  it('normalises Companies House numbers and refuses what is not one', () => {
    expect(readCompanyNumber('gb/02165763')).toBe('02165763');
    expect(readCompanyNumber('928555')).toBe('00928555');
    expect(readCompanyNumber('gb/SC123456')).toBe('SC123456');
    expect(readCompanyNumber('oc301234')).toBe('OC301234');
    expect((readCompanyNumber('IP22981R') as Refusal).message).toMatch(/registered society/);
    expect(readCompanyNumber('ABC')).toBeInstanceOf(Refusal);
  });
});
