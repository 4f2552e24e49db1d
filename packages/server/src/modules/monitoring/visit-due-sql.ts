import type { RuleSet } from '@fangpin/domain';

/** The visit intervals (rule set `helperVisitIntervalMonths`) in force today, per county. */
export type VisitIntervals = Map<string, RuleSet['helperVisitIntervalMonths']>;

/**
 * SQL for the next visit's due day of the monitoring object `m` (household_monitoring), the same rule
 * as the domain's `nextVisitDueOn`: the county's interval for the category after the last helper
 * visit, or after identification before the first; null when not under monitoring. PostgreSQL's
 * `date + interval 'n months'` clamps to the month's end as `addCalendarMonths` does. Pushes the
 * intervals onto `params`.
 */
export function nextVisitDueSql(intervals: VisitIntervals, params: unknown[]): string {
  const entries = [...intervals.entries()];
  params.push(
    entries.map(([code]) => code),
    entries.map(([, i]) => i.unstable),
    entries.map(([, i]) => i.marginal),
    entries.map(([, i]) => i.sudden),
    entries.map(([, i]) => i.none),
  );
  const n = params.length;
  const months = `(SELECT CASE m.category WHEN 'unstable' THEN x.unstable WHEN 'marginal' THEN x.marginal WHEN 'sudden' THEN x.sudden ELSE x.none END
      FROM unnest($${n - 4}::text[], $${n - 3}::int[], $${n - 2}::int[], $${n - 1}::int[], $${n}::int[]) AS x(county_code, unstable, marginal, sudden, none)
      WHERE x.county_code = m.county_code)`;
  return `(CASE WHEN m.status IN ('monitoring', 'rolledBack') THEN (coalesce(${LAST_VISIT_SQL}, m.identified_on) + make_interval(months => ${months}))::date END)`;
}

/** SQL for the day of the last helper visit of the monitoring object `m` (helper_visits_household_idx). */
export const LAST_VISIT_SQL = `(SELECT max(hv.visited_on) FROM helper_visits hv WHERE hv.household_id = m.household_id)`;
