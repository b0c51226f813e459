import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dateWithin, dayMonthTransposed, daysBetween, monthsBetween, sameYearMonth, yearsBetween } from '../../src/compare/dates.ts';

/** ISO dates 1600–2400, across leap centuries, as parseDate would give them. */
const isoDate = fc
  .date({ min: new Date('1600-01-01T00:00:00Z'), max: new Date('2400-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

describe('date comparisons: known values', () => {
  it('counts days, calendar months and calendar years', () => {
    expect(daysBetween('2000-01-01', '2000-03-01')).toBe(60); // 2000 is a leap year
    expect(daysBetween('1900-02-28', '1900-03-01')).toBe(1); // 1900 is not
    expect(daysBetween('1970-01-01', '1970-01-01')).toBe(0);
    expect(daysBetween('1956-03-12', '2026-03-12')).toBe(25567);
    expect(monthsBetween('2000-01-31', '2000-03-01')).toBe(2);
    expect(monthsBetween('1999-12-31', '2000-01-01')).toBe(1);
    expect(yearsBetween('1950-12-31', '1952-01-01')).toBe(2);
  });

  it('spots day and month transposed, only when they differ', () => {
    expect(dayMonthTransposed('2001-03-04', '2001-04-03')).toBe(true);
    expect(dayMonthTransposed('2001-12-11', '2001-11-12')).toBe(true);
    expect(dayMonthTransposed('2001-03-03', '2001-03-03')).toBe(false);
    expect(dayMonthTransposed('2001-03-04', '2002-04-03')).toBe(false);
    expect(dayMonthTransposed('2001-03-04', '2001-03-04')).toBe(false);
  });

  it('sameYearMonth and dateWithin', () => {
    expect(sameYearMonth('2001-03-04', '2001-03-28')).toBe(true);
    expect(sameYearMonth('2001-03-04', '2002-03-04')).toBe(false);
    expect(dateWithin('2001-03-04', '2001-03-10', 7, 'day')).toBe(true);
    expect(dateWithin('2001-03-04', '2001-03-12', 7, 'day')).toBe(false);
    expect(dateWithin('2001-01-31', '2001-03-01', 2, 'month')).toBe(true);
    expect(dateWithin('2001-01-31', '2001-04-01', 2, 'month')).toBe(false);
    expect(dateWithin('1956-03-12', '1957-12-31', 1, 'year')).toBe(true);
    expect(dateWithin('1956-03-12', '1958-01-01', 1, 'year')).toBe(false);
  });
});

describe('date comparisons: properties', () => {
  it('daysBetween agrees with Date arithmetic; every measure is symmetric and zero on the diagonal', () => {
    fc.assert(
      fc.property(isoDate, isoDate, (a, b) => {
        expect(daysBetween(a, b)).toBe(Math.abs(Date.parse(a) - Date.parse(b)) / 86_400_000);
        for (const f of [daysBetween, monthsBetween, yearsBetween]) {
          expect(f(a, b)).toBe(f(b, a));
          expect(f(a, a)).toBe(0);
          expect(f(a, b)).toBeGreaterThanOrEqual(0);
        }
        expect(dayMonthTransposed(a, b)).toBe(dayMonthTransposed(b, a));
        expect(sameYearMonth(a, b)).toBe(sameYearMonth(b, a));
        expect(sameYearMonth(a, b)).toBe(monthsBetween(a, b) === 0);
        for (const unit of ['day', 'month', 'year'] as const) {
          expect(dateWithin(a, b, 3, unit)).toBe(dateWithin(b, a, 3, unit));
          expect(dateWithin(a, a, 0, unit)).toBe(true);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('months and years are consistent with each other and the day count', () => {
    fc.assert(
      fc.property(isoDate, isoDate, (a, b) => {
        const months = monthsBetween(a, b);
        expect(Math.floor(months / 12)).toBeLessThanOrEqual(yearsBetween(a, b));
        expect(yearsBetween(a, b)).toBeLessThanOrEqual(Math.floor(months / 12) + 1);
        expect(daysBetween(a, b)).toBeLessThanOrEqual((months + 1) * 31);
      }),
    );
  });

  it('a transposed date is a real transposition', () => {
    fc.assert(
      fc.property(isoDate, (a) => {
        const b = `${a.slice(0, 5)}${a.slice(8, 10)}-${a.slice(5, 7)}`;
        if (Number(a.slice(8, 10)) <= 12 && a.slice(5, 7) !== a.slice(8, 10)) expect(dayMonthTransposed(a, b)).toBe(true);
      }),
    );
  });
});
