import { describe, expect, it } from 'vitest';
import { addMonths, daysBetween, isDay, shiftByDuration } from '../../src/contract-map/dates.ts';

describe('calendar arithmetic for notice deadlines', () => {
  it('counts months by the calendar, the corresponding date clamped to the month’s end', () => {
    expect(addMonths('2028-03-31', -3)).toBe('2027-12-31');
    expect(addMonths('2027-05-31', -3)).toBe('2027-02-28');
    expect(addMonths('2028-05-31', -3)).toBe('2028-02-29'); // leap year
    expect(addMonths('2027-06-30', -3)).toBe('2027-03-30'); // corresponding date, not the month's end
    expect(addMonths('2027-01-15', -1)).toBe('2026-12-15');
    expect(addMonths('2026-11-30', 3)).toBe('2027-02-28');
  });

  it('moves by days, weeks, months and years', () => {
    expect(shiftByDuration('2028-03-31', { amount: 90, unit: 'D' }, -1)).toBe('2028-01-01'); // 2028 is a leap year
    expect(shiftByDuration('2028-03-31', { amount: 12, unit: 'W' }, -1)).toBe('2028-01-07');
    expect(shiftByDuration('2028-03-31', { amount: 3, unit: 'M' }, -1)).toBe('2027-12-31');
    expect(shiftByDuration('2028-02-29', { amount: 1, unit: 'Y' }, -1)).toBe('2027-02-28');
    expect(shiftByDuration('2027-02-28', { amount: 1, unit: 'Y' }, 1)).toBe('2028-02-28');
  });

  it('counts days across a leap day and says which strings are real days', () => {
    expect(daysBetween('2028-02-28', '2028-03-01')).toBe(2);
    expect(daysBetween('2027-03-01', '2027-02-28')).toBe(-1);
    expect(isDay('2028-02-29')).toBe(true);
    expect(isDay('2027-02-29')).toBe(false);
    expect(isDay('29/02/2028')).toBe(false);
  });
});
