import { describe, expect, it } from 'vitest';
import {
  InvalidDateError,
  addCalendarDays,
  addMonths,
  ageOn,
  dayOfWeek,
  diffCalendarDays,
  entryDateProblem,
  isIsoDate,
  wholeMonthsBetween,
} from './dates.ts';

describe('isIsoDate', () => {
  it.each([
    ['2026-09-30', true],
    ['2024-02-29', true],
    ['2025-02-29', false],
    ['2026-13-01', false],
    ['2026-9-30', false],
    ['20260930', false],
  ])('%s → %s', (value, expected) => expect(isIsoDate(value)).toBe(expected));
});

describe('addCalendarDays / diffCalendarDays', () => {
  it.each([
    ['2026-09-30', 15, '2026-10-15'],
    ['2024-02-28', 1, '2024-02-29'],
    ['2025-12-31', 1, '2026-01-01'],
    ['2026-03-01', -1, '2026-02-28'],
  ])('%s + %i → %s', (date, n, expected) => {
    expect(addCalendarDays(date, n)).toBe(expected);
    expect(diffCalendarDays(date, expected)).toBe(n);
  });

  it('throws InvalidDateError for an impossible date', () => {
    expect(() => addCalendarDays('2026-02-30', 1)).toThrow(InvalidDateError);
  });
});

describe('months and ages', () => {
  it.each([
    ['2021-03', -12, '2020-03'],
    ['2021-01', -1, '2020-12'],
    ['2020-12', 1, '2021-01'],
  ])('addMonths(%s, %i) → %s', (m, n, expected) => expect(addMonths(m, n)).toBe(expected));

  it.each([
    ['2021-03-15', '2021-09-14', 5],
    ['2021-03-15', '2021-09-15', 6],
    ['2021-03-31', '2021-05-01', 1],
  ])('wholeMonthsBetween(%s, %s) → %i', (a, b, expected) => expect(wholeMonthsBetween(a, b)).toBe(expected));

  it.each([
    ['2015-03-01', '2021-02-28', 5],
    ['2015-03-01', '2021-03-01', 6],
    ['2000-02-29', '2021-02-28', 20],
  ])('ageOn(%s, %s) → %i', (birth, on, expected) => expect(ageOn(birth, on)).toBe(expected));

  it.each([
    ['1970-01-01', 4],
    ['2026-10-10', 6],
    ['2026-10-11', 0],
  ])('dayOfWeek(%s) → %i', (date, expected) => expect(dayOfWeek(date)).toBe(expected));
});

describe('entryDateProblem (issue 10, item 11: dates a person enters)', () => {
  const today = '2026-12-06';
  it.each([
    ['2026-12-06', 'notAfterToday', undefined],
    ['2026-12-07', 'notAfterToday', 'inFuture'],
    ['1900-01-01', 'notAfterToday', undefined],
    ['1899-12-31', 'notAfterToday', 'beforeEarliest'],
    ['1026-03-05', 'withinAYear', 'beforeEarliest'],
    ['2027-12-07', 'withinAYear', undefined],
    ['2027-12-08', 'withinAYear', 'tooFarAhead'],
    ['2226-03-05', 'withinAYear', 'tooFarAhead'],
  ] as const)('%s (%s) → %s', (date, bound, expected) => expect(entryDateProblem(date, today, bound)).toBe(expected));
});
