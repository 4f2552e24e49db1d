/**
 * Calendar-date arithmetic on `YYYY-MM-DD` strings, without a clock and without time zones.
 * Dates are turned into a day number (days since 1970-01-01, proleptic Gregorian, computed with
 * `Date.UTC` so no local time zone can shift a day) and back (docs/ARCHITECTURE.md "packages/domain/src": calendar dates
 * are YYYY-MM-DD strings, and "today" is always an argument).
 */

/** A calendar date written `YYYY-MM-DD` (ISO 8601), e.g. `'2026-09-30'`. */
export type IsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

/** Thrown when a string is not a real `YYYY-MM-DD` date (e.g. `'2026-02-30'`). */
export class InvalidDateError extends Error {
  readonly code = 'DATE_INVALID';
  constructor(readonly value: string) {
    super(`Not a valid YYYY-MM-DD date: '${value}'`);
    this.name = 'InvalidDateError';
  }
}

/**
 * True when `value` is a real calendar date written `YYYY-MM-DD`. Used to validate rule-set and
 * input dates before arithmetic (docs/ARCHITECTURE.md "packages/domain/src").
 */
export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1) return false;
  return d <= daysInMonth(y, mo);
}

/**
 * The earliest date any record may carry: nobody in the registry was born, and no call, visit or
 * case step happened, before 1900. An earlier date is a typo (0026-03-05, 1026-03-05) and is
 * refused where it is entered (issue 10, item 11).
 */
export const EARLIEST_DATE: IsoDate = '1900-01-01';
/** The latest date a date field accepts when it does not know today (a rule set's effective date, a filter). */
export const LATEST_DATE: IsoDate = '2099-12-31';
/** How far ahead of today an entered date may lie in a field that allows the future at all (a decision effective next month). */
export const MAX_DAYS_AHEAD = 366;

/** What a date entered by a person may be, relative to today: not after today (a visit, a call, a deliberation), or at most a year ahead. */
export type DateBound = 'notAfterToday' | 'withinAYear';

/**
 * Why an entered date is refused, or undefined when it is fine: before 1900 (`beforeEarliest`),
 * after today in a `notAfterToday` field (`inFuture`), or more than a year ahead (`tooFarAhead`).
 * `today` is passed in (the domain reads no clock).
 */
export function entryDateProblem(date: IsoDate, today: IsoDate, bound: DateBound): 'beforeEarliest' | 'inFuture' | 'tooFarAhead' | undefined {
  if (date < EARLIEST_DATE) return 'beforeEarliest';
  if (bound === 'notAfterToday') return date > today ? 'inFuture' : undefined;
  return toDayNumber(date) - toDayNumber(today) > MAX_DAYS_AHEAD ? 'tooFarAhead' : undefined;
}

/** Number of days in month `month` (1–12) of `year`, Gregorian leap rules. */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * Day number (days since 1970-01-01) of an ISO date; throws {@link InvalidDateError} for a
 * malformed or impossible date. The basis of every other date function here.
 */
export function toDayNumber(date: IsoDate): number {
  const m = ISO_DATE.exec(date);
  if (!m || !isIsoDate(date)) throw new InvalidDateError(date);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / MS_PER_DAY;
}

/** ISO date of a day number; inverse of {@link toDayNumber}. */
export function fromDayNumber(day: number): IsoDate {
  const d = new Date(day * MS_PER_DAY);
  const y = d.getUTCFullYear();
  const mo = d.getUTCMonth() + 1;
  const da = d.getUTCDate();
  return `${String(y).padStart(4, '0')}-${mo < 10 ? '0' : ''}${mo}-${da < 10 ? '0' : ''}${da}`;
}

/**
 * `date` plus `n` calendar days (n may be negative). Used for limits counted in calendar days,
 * such as the default 15-day identification limit (docs/DOMAIN.md "Steps and limits").
 */
export function addCalendarDays(date: IsoDate, n: number): IsoDate {
  return fromDayNumber(toDayNumber(date) + n);
}

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export function diffCalendarDays(from: IsoDate, to: IsoDate): number {
  return toDayNumber(to) - toDayNumber(from);
}

/** Day of week of an ISO date: 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(date: IsoDate): number {
  // 1970-01-01 was a Thursday (4).
  return (((toDayNumber(date) + 4) % 7) + 7) % 7;
}

/** The year of an ISO date as a number. */
export function yearOf(date: IsoDate): number {
  return Number(date.slice(0, 4));
}

/** `YYYY-MM` month of an ISO date (or of a `YYYY-MM` string, returned unchanged). */
export function monthOf(date: IsoDate): string {
  return date.slice(0, 7);
}

/**
 * `YYYY-MM` month shifted by `n` months (n may be negative). Used for the income window, which
 * is counted in whole months (docs/DOMAIN.md "Income window").
 */
export function addMonths(month: string, n: number): string {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  const idx = y * 12 + (m - 1) + n;
  const ny = Math.floor(idx / 12);
  const nm = idx - ny * 12 + 1;
  return `${String(ny).padStart(4, '0')}-${nm < 10 ? '0' : ''}${nm}`;
}

/**
 * Whole months from `from` to `to` (dates or months), counting a month only when its day has been
 * reached: 2021-03-15 → 2021-09-14 is 5, → 2021-09-15 is 6. Used for the elimination minimum
 * (docs/DOMAIN.md "Risk elimination": monitored at least 6 months).
 */
export function wholeMonthsBetween(from: IsoDate, to: IsoDate): number {
  const fy = Number(from.slice(0, 4));
  const fm = Number(from.slice(5, 7));
  const ty = Number(to.slice(0, 4));
  const tm = Number(to.slice(5, 7));
  let months = (ty - fy) * 12 + (tm - fm);
  const fd = from.length >= 10 ? Number(from.slice(8, 10)) : 1;
  const td = to.length >= 10 ? Number(to.slice(8, 10)) : 1;
  if (td < fd) months -= 1;
  return months;
}

/**
 * Age in completed years on `date` of a person born on `birthDate`. Computed from the member's
 * birth date in the caller's data (not from the ID number) so assessment needs no ID parsing.
 */
export function ageOn(birthDate: IsoDate, date: IsoDate): number {
  const by = Number(birthDate.slice(0, 4));
  const ty = Number(date.slice(0, 4));
  let age = ty - by;
  if (date.slice(5, 10) < birthDate.slice(5, 10)) age -= 1;
  return age;
}
