/**
 * Helper visits (帮扶走访) of a monitoring object: how often the helping cadre must visit, and when
 * the next visit is due (docs/DOMAIN.md "Helper visits"; issue 13, item 4). The interval is rule-set
 * data per category (`helperVisitIntervalMonths`), never a constant here.
 */
import { addMonths, monthOf, type IsoDate } from '../calendar/dates.ts';
import type { HouseholdAssessmentInput } from '../assessment/household-input.ts';
import type { RuleSet } from '../rulesets/rule-set.schema.ts';
import type { MonitoringStatus } from './monitoring-object.ts';
import { isUnderMonitoring } from './monitoring-object.ts';

/**
 * Months between two helper visits for a household of this category; `null` (no category, allowed
 * from 2026) uses the rule set's `none` value. Defaults: monthly for 突发严重困难户, quarterly otherwise.
 */
export function visitIntervalMonths(category: string | null, ruleSet: Pick<RuleSet, 'helperVisitIntervalMonths'>): number {
  const months = ruleSet.helperVisitIntervalMonths;
  if (category === 'unstable' || category === 'marginal' || category === 'sudden') return months[category];
  return months.none;
}

/**
 * `date` plus `months` calendar months; a day the target month lacks becomes its last day
 * (2026-01-31 + 1 → 2026-02-28), as PostgreSQL's `date + interval 'n months'` does, so the
 * register's SQL filter and this function agree.
 */
export function addCalendarMonths(date: IsoDate, months: number): IsoDate {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7)) - 1 + months;
  const day = Number(date.slice(8, 10));
  const targetYear = year + Math.floor(month / 12);
  const targetMonth = ((month % 12) + 12) % 12;
  const lastDay = new Date(Date.UTC(targetYear, targetMonth + 1, 0)).getUTCDate();
  const d = Math.min(day, lastDay);
  return `${String(targetYear).padStart(4, '0')}-${String(targetMonth + 1).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** What the schedule reads about a monitoring object. */
export interface VisitScheduleFacts {
  readonly status: MonitoringStatus;
  readonly category: string | null;
  /** Date of identification (approval); null for objects imported without one. */
  readonly identifiedOn: IsoDate | null;
  /** The latest helper visit's date, or null before the first visit. */
  readonly lastVisitOn: IsoDate | null;
}

/**
 * The day the next helper visit is due: the interval after the last visit, or after identification
 * before the first visit. `null` when the household is not under monitoring (eliminated: the
 * follow-up after elimination has no fixed visit rhythm in the sources) or has neither date.
 */
export function nextVisitDueOn(facts: VisitScheduleFacts, ruleSet: Pick<RuleSet, 'helperVisitIntervalMonths'>): IsoDate | null {
  if (!isUnderMonitoring(facts.status)) return null;
  const from = facts.lastVisitOn ?? facts.identifiedOn;
  if (from === null) return null;
  return addCalendarMonths(from, visitIntervalMonths(facts.category, ruleSet));
}

/** Whether a visit is overdue today: the due day has passed (the due day itself is still in time). */
export function isVisitOverdue(dueOn: IsoDate | null, today: IsoDate): boolean {
  return dueOn !== null && today > dueOn;
}

/**
 * The income a helper records at a visit (收入更新): yearly totals in yuan of the 12 months before
 * the visit's month, per component of the national form (docs/DOMAIN.md "Income accounting"), plus
 * operating costs and compliant out-of-pocket medical spending, which are kept apart.
 */
export interface VisitIncomeUpdate {
  readonly wage: number;
  readonly operating: number;
  readonly property: number;
  readonly transfer: number;
  readonly operatingCosts: number;
  readonly compliantOutOfPocket: number;
}

/**
 * The income part of the assessment input for a visit's update: the visit day is the application
 * date, so the window is the 12 months before its month, and each yearly total is recorded in the
 * window's last month (a yearly figure is one entry of the window: per-capita-income.ts). The
 * assessment is then the same `assessHousehold` the county decides with.
 */
export function visitIncomeInput(update: VisitIncomeUpdate, visitedOn: IsoDate): Pick<HouseholdAssessmentInput, 'applicationDate' | 'incomes' | 'operatingCosts' | 'compliantOutOfPocket'> {
  const month = addMonths(monthOf(visitedOn), -1);
  const components = ['wage', 'operating', 'property', 'transfer'] as const;
  return {
    applicationDate: visitedOn,
    incomes: components.filter((c) => update[c] > 0).map((component) => ({ component, amount: update[component], month, note: '帮扶走访收入更新' })),
    operatingCosts: update.operatingCosts > 0 ? [{ amount: update.operatingCosts, month }] : [],
    compliantOutOfPocket: update.compliantOutOfPocket > 0 ? [{ kind: 'medical', amount: update.compliantOutOfPocket, month }] : [],
  };
}

/** The year a visit's income update counts for: the year of the window's last month. */
export function visitIncomeYear(visitedOn: IsoDate): number {
  return Number(addMonths(monthOf(visitedOn), -1).slice(0, 4));
}
