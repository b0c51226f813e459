import { describe, expect, it } from 'vitest';
import { assessContract, isSoftwareCpv, noticeDeadlineOf, type AssessedTerms } from '../../src/contract-map/rules.ts';

const VESTING = { vestingDay: '2028-04-01', today: '2026-12-01' };
const terms = (over: Partial<AssessedTerms>): AssessedTerms => ({
  endDate: '2029-03-31',
  noticePeriod: 'P6M',
  noticeServedDate: null,
  breakDates: [],
  isAutoRenewing: false,
  isNovationRequired: null,
  hasChangeOfControlClause: null,
  ...over,
});
const codes = (t: AssessedTerms, when = VESTING) => assessContract(t, when).reasons.map((r) => r.code);

describe('the contract map’s rules', () => {
  it('puts the notice deadline a notice period before the end date, and counts the days to it', () => {
    const a = assessContract(terms({ endDate: '2028-06-30', noticePeriod: 'P3M' }), VESTING);
    expect(a).toMatchObject({ noticeDeadline: '2028-03-30', noticeStatus: 'open', daysToNoticeDeadline: 485, runsPastVesting: true });
    expect(noticeDeadlineOf('2027-05-31', 'P3M')).toBe('2027-02-28');
    expect(noticeDeadlineOf('2028-05-31', 'P3M')).toBe('2028-02-29');
    expect(noticeDeadlineOf('2028-03-31', 'P90D')).toBe('2028-01-01');
    expect(noticeDeadlineOf('2028-03-31', 'P12W')).toBe('2028-01-07');
    expect(noticeDeadlineOf('2029-02-28', 'P1Y')).toBe('2028-02-28');
  });

  it('flags a notice deadline before vesting day, but not one after it or one already passed', () => {
    expect(codes(terms({ endDate: '2028-06-30', noticePeriod: 'P6M' }))).toEqual(['notice-before-vesting']);
    expect(codes(terms({ endDate: '2029-06-30', noticePeriod: 'P6M' }))).toEqual([]);
    const passed = assessContract(terms({ endDate: '2027-01-31', noticePeriod: 'P3M' }), VESTING);
    expect(passed).toMatchObject({ noticeStatus: 'passed', daysToNoticeDeadline: -31, endsBeforeVesting: true, needsDecision: false });
  });

  it('treats vesting day itself as in force: ending the day before vesting is ending before it', () => {
    expect(assessContract(terms({ endDate: '2028-03-31' }), VESTING)).toMatchObject({ endsBeforeVesting: true, runsPastVesting: false });
    expect(assessContract(terms({ endDate: '2028-04-01' }), VESTING)).toMatchObject({ endsBeforeVesting: false, runsPastVesting: true });
  });

  it('says when the notice deadline is unknown, and why', () => {
    expect(assessContract(terms({ noticePeriod: null }), VESTING)).toMatchObject({
      noticeDeadline: null,
      noticeStatus: 'unknown',
      noticeUnknownBecause: 'no notice period recorded',
      daysToNoticeDeadline: null,
    });
    const open = assessContract(terms({ endDate: null }), VESTING);
    expect(open).toMatchObject({
      noticeStatus: 'unknown',
      noticeUnknownBecause: 'no end date recorded',
      endsBeforeVesting: null,
      runsPastVesting: null,
      needsDecision: true,
    });
    expect(open.reasons.map((r) => r.code)).toEqual(['end-date-unknown']);
  });

  it('needs no decision once notice has been served, and stops the renewal', () => {
    const served = assessContract(
      terms({ endDate: '2028-01-31', noticePeriod: 'P3M', isAutoRenewing: true, noticeServedDate: '2026-10-01' }),
      VESTING,
    );
    expect(served).toMatchObject({ noticeStatus: 'served', nextRenewal: null, needsDecision: false, noticeDeadline: '2027-10-31' });
  });

  it('flags an auto-renewing contract that renews before vesting day, and gives its next renewal', () => {
    const a = assessContract(terms({ endDate: '2027-09-30', noticePeriod: 'P1M', isAutoRenewing: true }), VESTING);
    expect(a.nextRenewal).toBe('2027-10-01');
    expect(a.reasons.map((r) => r.code)).toEqual(['notice-before-vesting', 'auto-renews-before-vesting']);
    expect(codes(terms({ endDate: '2028-03-31', noticePeriod: 'P1M', isAutoRenewing: true }))).toContain('auto-renews-before-vesting');
    expect(codes(terms({ endDate: '2028-04-01', noticePeriod: 'P1M', isAutoRenewing: true }))).not.toContain('auto-renews-before-vesting');
  });

  it('rolls an auto-renewing contract whose end date has passed into its current (assumed yearly) term', () => {
    const a = assessContract(terms({ endDate: '2026-03-31', noticePeriod: 'P3M', isAutoRenewing: true }), VESTING);
    expect(a).toMatchObject({ termEnd: '2027-03-31', nextRenewal: '2027-04-01', noticeDeadline: '2026-12-31', noticeStatus: 'open' });
    const leap = assessContract(terms({ endDate: '2024-02-29', noticePeriod: 'P1M', isAutoRenewing: true }), VESTING);
    expect(leap.termEnd).toBe('2027-02-28');
  });

  it('flags a contract running past vesting that must be novated or has a change-of-control clause', () => {
    expect(codes(terms({ isNovationRequired: true }))).toEqual(['novation-required']);
    expect(codes(terms({ hasChangeOfControlClause: true }))).toEqual(['change-of-control']);
    expect(codes(terms({ endDate: '2027-03-31', noticePeriod: null, isNovationRequired: true, hasChangeOfControlClause: true }))).toEqual(
      [],
    );
  });

  it('sorts break dates either side of vesting day, and finds software by CPV', () => {
    const a = assessContract(terms({ breakDates: ['2027-03-31', '2028-04-01', '2029-03-31'] }), VESTING);
    expect(a.breakDatesBeforeVesting).toEqual(['2027-03-31']);
    expect(a.breakDatesAfterVesting).toEqual(['2028-04-01', '2029-03-31']);
    expect([isSoftwareCpv('48000000-8'), isSoftwareCpv('72212000'), isSoftwareCpv('90511000-2'), isSoftwareCpv(null)]).toEqual([
      true,
      true,
      false,
      false,
    ]);
  });
});
