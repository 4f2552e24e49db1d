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
 * deadline board reads them: stats/deadlines-repo.ts). Stored as the generated column
 * `cases.nearest_due_on` (migration 0039; db/schema/cases.ts), so that late and due soon are ranges of
 * one indexed column (cases_open_deadline_idx).
 */
export const nearestDeadlineSql = 'c.nearest_due_on';

/**
 * Late (the list's `due=overdue`, the to-do's group and count): the 15-day limit passed before the
 * callback, or the step's own deadline — i.e. the deadline that comes first is past.
 */
export const overdueSql = (today: string) => `(${nearestDeadlineSql} < ${today})`;

/** Due soon (the list's `due=soon`, the to-do's group and count): the deadline that comes first falls within the next `days` days. */
export const dueSoonSql = (today: string, days: string) => `(${nearestDeadlineSql} BETWEEN ${today} AND ${today} + ${days})`;
