/**
 * The SQL of an open identification case's deadlines (alias `c`), shared by the case list's `due`
 * filters and order, the to-do's groups and counts, and the dashboard's open-case figures
 * (docs/statistics.md "Open cases"), so the three cannot disagree.
 *
 * Two deadlines run on a case: the 15-day limit of the procedure (`due_on`) and the current step's own
 * (`step_due_on`). At the callback step (电话回访) the procedure is decided and its 15 days are behind
 * it: only the callback's own deadline counts there.
 */

/**
 * The deadline that comes first: the step's own at the callback, else the nearer of the two (as the
 * deadline board reads them: stats/deadlines-repo.ts).
 */
export const nearestDeadlineSql = `(CASE WHEN c.step = 'callback' THEN c.step_due_on ELSE LEAST(c.due_on, coalesce(c.step_due_on, c.due_on)) END)`;

/** Late (the list's `due=overdue`, the to-do's group and count): the 15-day limit passed before the callback, or the step's own deadline. */
export const overdueSql = (today: string) => `((c.step <> 'callback' AND c.due_on < ${today}) OR c.step_due_on < ${today})`;

/** Due soon (the list's `due=soon`, the to-do's group and count): the deadline that comes first falls within the next `days` days. */
export const dueSoonSql = (today: string, days: string) => `(${nearestDeadlineSql} BETWEEN ${today} AND ${today} + ${days})`;
