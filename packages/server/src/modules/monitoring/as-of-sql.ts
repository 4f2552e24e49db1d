import { HELPER_TIMELINESS } from '@fangpin/domain';
/**
 * The register read as of a date (docs/statistics.md): one set of SQL conditions over
 * `household_monitoring m`, shared by the statistics and by the register's list, so that a figure
 * and the list it drills down to count the same households. `p` is the placeholder of the as-of date.
 *
 * What is known as of a past date: identification and elimination dates, rollback dates, helper
 * assignments (assigned_on / ended_on). Category, risk types and coverage have no history here:
 * they are read as they stand now.
 */

/** Identified on or before the date (rows imported without a date count as identified before any date). */
export const identifiedBy = (p: string) => `(m.identified_on IS NULL OR m.identified_on <= ${p}::date)`;

/** Still under monitoring on the date: not eliminated, or eliminated only after it. */
export const underMonitoringAsOf = (p: string) => `(m.eliminated_on IS NULL OR m.eliminated_on > ${p}::date)`;

/** The status the household had on the date (the stored `status` column, evaluated on that day). */
export const statusAsOf = (p: string) =>
  `(CASE WHEN m.eliminated_on <= ${p}::date THEN CASE WHEN m.elimination_outcome = 'tracking' THEN 'eliminatedTracking' ELSE 'eliminatedStable' END WHEN m.rolled_back_on <= ${p}::date THEN 'rolledBack' ELSE 'monitoring' END)`;

/** The day the household's first own helper (a cadre account or a named person) was assigned, if by the date. */
export const firstHelperOn = (p: string) =>
  `(SELECT min(hf.assigned_on) FROM household_helpers hf WHERE hf.household_id = m.household_id AND hf.kind IN ('cadre', 'person') AND hf.assigned_on <= ${p}::date)`;

/** An own helper was assigned on the date and not yet replaced. */
export const helperActiveAsOf = (p: string) =>
  `EXISTS (SELECT 1 FROM household_helpers ha WHERE ha.household_id = m.household_id AND ha.kind IN ('cadre', 'person') AND ha.assigned_on <= ${p}::date AND (ha.ended_on IS NULL OR ha.ended_on > ${p}::date))`;

/** Helper assignment timeliness as of the date (docs/statistics.md "Helping cadres"). */
export { HELPER_TIMELINESS };
export type HelperTimeliness = (typeof HELPER_TIMELINESS)[number];
export const helperTimeliness: Record<HelperTimeliness, (p: string) => string> = {
  /** Has a deadline (identified in Fangpin) and the first helper came on or before it. */
  onTime: (p) => `(m.helper_due_on IS NOT NULL AND ${firstHelperOn(p)} <= m.helper_due_on)`,
  /** Has a deadline and the first helper came after it (but by the date). */
  late: (p) => `(m.helper_due_on IS NOT NULL AND ${firstHelperOn(p)} > m.helper_due_on)`,
  /** Under monitoring on the date with no own helper then. */
  unassigned: (p) => `(${underMonitoringAsOf(p)} AND NOT ${helperActiveAsOf(p)})`,
};

/**
 * The same timeliness read from the per-household summary `household_stats s` joined to `m`
 * (docs/statistics.md "Pre-aggregation"): `first_helper_on` is the earliest own helper's day, so the
 * first one by the date is it when it is on or before the date; `helper_days` holds the days an own
 * helper was in place ([assigned_on, ended_on)), so "assigned on or before the date and not ended by
 * it" is the date being in it. Equal to `helperTimeliness` by construction (tested in
 * modules/stats/household-stats.test.ts; `fangpin stats verify` checks the summary).
 */
export const helperTimelinessFromSummary: Record<HelperTimeliness, (p: string) => string> = {
  onTime: (p) => `(m.helper_due_on IS NOT NULL AND s.first_helper_on <= ${p}::date AND s.first_helper_on <= m.helper_due_on)`,
  late: (p) => `(m.helper_due_on IS NOT NULL AND s.first_helper_on <= ${p}::date AND s.first_helper_on > m.helper_due_on)`,
  unassigned: (p) => `(${underMonitoringAsOf(p)} AND NOT s.helper_days @> ${p}::date)`,
};
