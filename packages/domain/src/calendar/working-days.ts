/**
 * Working days on the official PRC calendar: public holidays plus make-up working days (调休).
 *
 * Official data comes from `chinese-days` (State Council notices, years 2004–2026 in 1.5.7). A
 * rule set may add years by hand (`calendar.manualYears`) once the State Council publishes them.
 * A date in a year with neither must fail loudly: treating every weekday as a working day would
 * silently move legal deadlines (docs/ARCHITECTURE.md "Stack": calendar; issue 3, item 4).
 */
import chineseDays from 'chinese-days';
import { type IsoDate, dayOfWeek, fromDayNumber, toDayNumber, yearOf } from './dates.ts';

/** Holidays and make-up working days of one year, as a rule set supplies them by hand. */
export interface ManualCalendarYear {
  /** Official days off that fall on weekdays or weekends (`YYYY-MM-DD`). */
  readonly holidays: readonly IsoDate[];
  /** Weekend days that are working days (调休补班, `YYYY-MM-DD`). */
  readonly makeUpWorkdays: readonly IsoDate[];
}

/** Where a year's data came from. */
export type CalendarSource = 'official' | 'manual';

/** One year of the working calendar. */
export interface CalendarYear {
  readonly year: number;
  readonly source: CalendarSource;
  readonly holidays: ReadonlySet<IsoDate>;
  readonly makeUpWorkdays: ReadonlySet<IsoDate>;
}

/**
 * The working calendar used by deadline computations: official years from chinese-days, plus
 * manual years from the rule set. Plain data; build it with {@link buildWorkingCalendar}.
 */
export interface WorkingCalendar {
  readonly years: ReadonlyMap<number, CalendarYear>;
}

/**
 * Thrown when a date falls in a year for which neither the official calendar nor the rule set
 * has holiday data. Carries the year so the UI can say which year to add.
 */
export class CalendarYearUnavailableError extends Error {
  readonly code = 'CALENDAR_YEAR_UNAVAILABLE';
  constructor(readonly year: number) {
    super(
      `No working-day calendar for ${year}: the official holiday data (chinese-days) does not cover ${year}. ` +
        `Add ${year}'s public holidays and make-up working days (调休) to the rule set ` +
        `(calendar.manualYears["${year}"]) once the State Council publishes them; ` +
        `deadlines in ${year} are not computed until then.`,
    );
    this.name = 'CalendarYearUnavailableError';
  }
}

const officialCache = new Map<number, CalendarYear | null>();

/**
 * The official calendar year from chinese-days, or null when the package has no data for it.
 * A year "has data" when its 1 January is listed as 元旦 (every published year has it);
 * chinese-days itself would otherwise answer with plain weekdays. Memoised: pure data.
 */
export function officialCalendarYear(year: number): CalendarYear | null {
  const cached = officialCache.get(year);
  if (cached !== undefined) return cached;
  const first = `${String(year).padStart(4, '0')}-01-01`;
  const firstDetail = chineseDays.getDayDetail(first);
  let result: CalendarYear | null = null;
  if (!firstDetail.work && firstDetail.name.includes(',')) {
    const holidays = new Set<IsoDate>();
    const makeUpWorkdays = new Set<IsoDate>();
    const start = toDayNumber(first);
    const end = toDayNumber(`${String(year).padStart(4, '0')}-12-31`);
    for (let d = start; d <= end; d++) {
      const date = fromDayNumber(d);
      const detail = chineseDays.getDayDetail(date);
      const isNamed = detail.name.includes(','); // "National Day,国庆节,3"; plain days carry a weekday name
      const weekday = dayOfWeek(date);
      const isWeekend = weekday === 0 || weekday === 6;
      if (isNamed && !detail.work) holidays.add(date);
      if (isNamed && detail.work && isWeekend) makeUpWorkdays.add(date);
    }
    result = { year, source: 'official', holidays, makeUpWorkdays };
  }
  officialCache.set(year, result);
  return result;
}

/**
 * Build the working calendar: every official year chinese-days has, overlaid with the rule set's
 * manual years (a manual year replaces the official one for that year, so a county can correct a
 * late change). Keys of `manualYears` are years as strings, as stored in JSON rule sets.
 */
export function buildWorkingCalendar(
  manualYears: Readonly<Record<string, ManualCalendarYear>> = {},
  officialYearRange: { readonly from: number; readonly to: number } = { from: 2004, to: 2050 },
): WorkingCalendar {
  const years = new Map<number, CalendarYear>();
  for (let y = officialYearRange.from; y <= officialYearRange.to; y++) {
    const official = officialCalendarYear(y);
    if (official) years.set(y, official);
  }
  for (const [key, manual] of Object.entries(manualYears)) {
    const year = Number(key);
    for (const date of [...manual.holidays, ...manual.makeUpWorkdays]) {
      toDayNumber(date);
      if (yearOf(date) !== year) {
        throw new RangeError(`Manual calendar year ${year} lists ${date}, which is in another year`);
      }
    }
    years.set(year, {
      year,
      source: 'manual',
      holidays: new Set(manual.holidays),
      makeUpWorkdays: new Set(manual.makeUpWorkdays),
    });
  }
  return { years };
}

/** The years the calendar can compute working days for, ascending. */
export function calendarYears(calendar: WorkingCalendar): number[] {
  return [...calendar.years.keys()].sort((a, b) => a - b);
}

function yearData(calendar: WorkingCalendar, year: number): CalendarYear {
  const data = calendar.years.get(year);
  if (!data) throw new CalendarYearUnavailableError(year);
  return data;
}

/**
 * True when `date` is a working day: a make-up working day (调休补班), or a Monday–Friday that is
 * not a public holiday. Throws {@link CalendarYearUnavailableError} for a year without data
 * (issue 3 item 4; docs/DOMAIN.md "Helpers after approval": the official calendar with 调休).
 */
export function isWorkingDay(calendar: WorkingCalendar, date: IsoDate): boolean {
  const data = yearData(calendar, yearOf(date));
  if (data.makeUpWorkdays.has(date)) return true;
  if (data.holidays.has(date)) return false;
  const weekday = dayOfWeek(date);
  return weekday !== 0 && weekday !== 6;
}

/**
 * The date `n` working days after `date` (n ≥ 0), counting from the next day: 2026-09-30 + 5 =
 * 2026-10-13 (National Day 10-01…07, make-up Saturday 10-10). `n = 0` returns `date` itself.
 * Negative `n` counts backwards. Used for "cadres assigned within 5 working days" (docs/DOMAIN.md,
 * Identification procedure) and working-day step limits.
 */
export function addWorkingDays(calendar: WorkingCalendar, date: IsoDate, n: number): IsoDate {
  if (!Number.isInteger(n)) throw new RangeError(`Working days must be a whole number, got ${n}`);
  let day = toDayNumber(date);
  yearData(calendar, yearOf(date));
  const step = n >= 0 ? 1 : -1;
  let remaining = Math.abs(n);
  while (remaining > 0) {
    day += step;
    if (isWorkingDay(calendar, fromDayNumber(day))) remaining -= 1;
  }
  return fromDayNumber(day);
}

/**
 * Number of working days in the half-open interval (`from`, `to`]: the days after `from` up to
 * and including `to`, so that `countWorkingDays(c, d, addWorkingDays(c, d, n)) === n`.
 * Negative when `to` is before `from`. Used to show "working days used" of a step limit.
 */
export function countWorkingDays(calendar: WorkingCalendar, from: IsoDate, to: IsoDate): number {
  const a = toDayNumber(from);
  const b = toDayNumber(to);
  yearData(calendar, yearOf(from));
  yearData(calendar, yearOf(to));
  const lo = Math.min(a, b);
  const hi = Math.max(a, b);
  let count = 0;
  for (let d = lo + 1; d <= hi; d++) {
    if (isWorkingDay(calendar, fromDayNumber(d))) count += 1;
  }
  return b >= a ? count : -count;
}
