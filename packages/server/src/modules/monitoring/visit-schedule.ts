import type { RuleSet } from '@fangpin/domain';
import type { Tx } from '../../db/client.ts';
import { ruleSetInForce } from '../rules/rule-set-in-force.ts';

/** The visit intervals (rule set `helperVisitIntervalMonths`) in force today, per county. */
export type VisitIntervals = Map<string, RuleSet['helperVisitIntervalMonths']>;

/**
 * The visit intervals of each county in `countyCodes` (every county with monitoring objects when
 * empty: the CLI), from the rule set in force today for the county (docs/DOMAIN.md "Helper visits").
 * A county without a rule set is left out: its objects have no due day rather than a guessed one.
 */
export async function visitIntervalsOf(tx: Tx, countyCodes: readonly string[], today: string): Promise<VisitIntervals> {
  const codes = countyCodes.length > 0 ? countyCodes : (await tx.query<{ code: string }>(`SELECT DISTINCT county_code AS code FROM household_monitoring`)).rows.map((r) => r.code);
  const out: VisitIntervals = new Map();
  for (const code of codes) {
    try {
      out.set(code, (await ruleSetInForce(tx, code, today)).helperVisitIntervalMonths);
    } catch {
      // No rule set in force for this county: no due day (the register still lists its objects).
    }
  }
  return out;
}

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
