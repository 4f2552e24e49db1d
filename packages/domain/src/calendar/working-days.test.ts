import { describe, expect, it } from 'vitest';
import {
  CalendarYearUnavailableError,
  addWorkingDays,
  buildWorkingCalendar,
  calendarYears,
  countWorkingDays,
  isWorkingDay,
} from './working-days.ts';

const official = buildWorkingCalendar();

describe('isWorkingDay', () => {
  it.each([
    ['2026-10-01', false, 'National Day'],
    ['2026-10-07', false, 'last day of National Day'],
    ['2026-10-08', true, 'first day back'],
    ['2026-10-10', true, 'make-up Saturday (调休)'],
    ['2026-10-11', false, 'ordinary Sunday'],
    ['2026-09-20', true, 'make-up Sunday before National Day'],
    ['2026-09-25', false, 'Mid-autumn Friday'],
    ['2026-02-14', true, 'Spring Festival make-up Saturday'],
    ['2026-02-16', false, 'Spring Festival Monday'],
    ['2026-01-04', true, 'New Year make-up Sunday'],
    ['2025-09-28', true, '2025 make-up Sunday'],
    ['2025-10-08', false, '2025 last National Day/Mid-autumn day'],
    ['2025-10-11', true, '2025 make-up Saturday'],
    ['2025-01-26', true, '2025 Spring Festival make-up Sunday'],
    ['2025-05-05', false, '2025 Labour Day holiday Monday'],
    ['2025-12-31', true, 'plain Wednesday'],
    ['2021-10-09', true, '2021 make-up Saturday'],
  ])('%s → %s (%s)', (date, expected) => {
    expect(isWorkingDay(official, date)).toBe(expected);
  });
});

describe('addWorkingDays', () => {
  it.each([
    ['2026-09-30', 5, '2026-10-13'],
    ['2026-09-30', 1, '2026-10-08'],
    ['2026-09-30', 3, '2026-10-10'],
    ['2026-09-30', 0, '2026-09-30'],
    ['2026-10-13', -5, '2026-09-30'],
    ['2026-09-18', 1, '2026-09-20'],
    ['2025-09-30', 5, '2025-10-14'],
    ['2025-09-26', 1, '2025-09-28'],
    ['2025-12-30', 2, '2026-01-04'],
    ['2026-02-13', 1, '2026-02-14'],
    ['2026-02-14', 1, '2026-02-24'],
    ['2021-08-02', 5, '2021-08-09'],
  ])('%s + %i working days → %s', (date, n, expected) => {
    expect(addWorkingDays(official, date, n)).toBe(expected);
  });
});

describe('countWorkingDays', () => {
  it.each([
    ['2026-09-30', '2026-10-13', 5],
    ['2026-10-13', '2026-09-30', -5],
    ['2026-10-01', '2026-10-07', 0],
    ['2025-12-31', '2026-01-05', 2],
    ['2026-03-02', '2026-03-02', 0],
  ])('(%s, %s] → %i', (from, to, expected) => {
    expect(countWorkingDays(official, from, to)).toBe(expected);
  });
});

describe('years without data', () => {
  it('covers exactly the official years 2004–2026', () => {
    const years = calendarYears(official);
    expect(years[0]).toBe(2004);
    expect(years.at(-1)).toBe(2026);
  });

  it.each([
    ['isWorkingDay', () => isWorkingDay(official, '2027-03-01')],
    ['addWorkingDays into 2027', () => addWorkingDays(official, '2026-12-30', 5)],
    ['addWorkingDays from 2027', () => addWorkingDays(official, '2027-01-04', 1)],
    ['countWorkingDays', () => countWorkingDays(official, '2026-12-01', '2027-01-10')],
    ['before 2004', () => isWorkingDay(official, '2003-05-01')],
  ])('%s throws CalendarYearUnavailableError', (_name, fn) => {
    expect(fn).toThrow(CalendarYearUnavailableError);
  });

  it('names the year and says to add it to the rule set', () => {
    try {
      isWorkingDay(official, '2027-03-01');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(CalendarYearUnavailableError);
      const e = error as CalendarYearUnavailableError;
      expect(e.year).toBe(2027);
      expect(e.code).toBe('CALENDAR_YEAR_UNAVAILABLE');
      expect(e.message).toMatch(/2027/);
      expect(e.message).toMatch(/rule set/);
    }
  });

  const with2027 = buildWorkingCalendar({
    '2027': { holidays: ['2027-01-01', '2027-10-01', '2027-10-04'], makeUpWorkdays: ['2027-10-09'] },
  });

  it.each([
    ['2027-01-01', false],
    ['2027-01-04', true],
    ['2027-10-04', false],
    ['2027-10-09', true],
    ['2027-10-10', false],
  ])('manual year: %s → %s', (date, expected) => {
    expect(isWorkingDay(with2027, date)).toBe(expected);
  });

  it('manual year lets deadlines cross into it', () => {
    expect(addWorkingDays(with2027, '2026-12-31', 1)).toBe('2027-01-04');
  });

  it('rejects a manual date outside its year', () => {
    expect(() => buildWorkingCalendar({ '2027': { holidays: ['2028-01-01'], makeUpWorkdays: [] } })).toThrow(
      RangeError,
    );
  });
});
