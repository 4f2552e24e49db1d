import type { DeadlineKind, DeadlineStatus, Scope } from '@fangpin/domain';
import type { Tx } from '../../db/client.ts';
import { helperActiveAsOf } from '../monitoring/as-of-sql.ts';
import { nextVisitDueSql, type VisitIntervals } from '../monitoring/visit-due-sql.ts';
import { villageJoin } from '../regions/repo.ts';
import { regionPrefixCondition, scopeCondition } from '../registry/scope-sql.ts';

/**
 * The deadline board's SQL (期限看板, docs/statistics.md "Deadline board"): every open deadline of
 * the region as one row — kind, what it belongs to, what is due, the due day and the person assigned
 * where there is one — from the tables that hold the deadlines themselves (cases.due_on/step_due_on,
 * household_monitoring.helper_due_on, the helper-visit schedule, hotline_calls.callback_due_on,
 * warnings.due_on). Nothing is stored twice: the board is read, never written.
 */
export type DeadlineWhere = {
  scope: Scope;
  /** The board region's significant prefix ('' = every region the scope allows). */
  prefix: string;
  today: string;
  dueSoonDays: number;
  /** Steps of a risk-elimination case that are still open (domain ELIMINATION_TRANSITIONS). */
  openEliminationSteps: readonly string[];
  visitIntervals: VisitIntervals;
};

export type DeadlineRow = {
  kind: DeadlineKind;
  refId: string;
  task: string;
  step: string | null;
  caseNumber: string | null;
  householdId: string | null;
  regionCode: string;
  countyCode: string;
  dueOn: string;
  person: string | null;
  /** The day the deadline's record was made, where the link needs it (a hotline call's day). */
  refDate: string | null;
  headName: string | null;
  villageName: string | null;
  townshipName: string | null;
};

/** Households under monitoring now (the stored status: not eliminated, or rolled back). */
const UNDER_MONITORING = `m.status IN ('monitoring', 'rolledBack')`;

/** The CTE `d` of every open deadline in the region (of the `kinds` given, else all), and its parameters (`$today` is `t`). */
function deadlinesCte(w: DeadlineWhere, kinds?: readonly DeadlineKind[]) {
  const params: unknown[] = [];
  const at = (alias: string) => {
    const scope = scopeCondition(w.scope, alias, params);
    return `${scope} AND ${regionPrefixCondition(alias, w.prefix, params)}`;
  };
  params.push(w.today);
  const today = `$${params.length}`;
  const t = `${today}::date`;
  const wanted = (kind: DeadlineKind) => !kinds || kinds.includes(kind);
  const parts: string[] = [];
  if (wanted('identification'))
    parts.push(`SELECT 'identification' AS kind, c.id::text AS ref_id,
      CASE WHEN c.step <> 'callback' AND (c.step_due_on IS NULL OR c.due_on <= c.step_due_on) THEN 'identificationLimit' ELSE 'stepLimit' END AS task,
      c.step, c.case_number, c.household_id, c.region_code, c.county_code,
      LEAST(CASE WHEN c.step <> 'callback' THEN c.due_on END, c.step_due_on) AS due_on, NULL::text AS person, NULL::date AS ref_date
    FROM cases c WHERE ${at('c')} AND c.kind = 'identification' AND c.step NOT IN ('closed', 'withdrawn')`);
  if (wanted('elimination'))
    parts.push(`SELECT 'elimination', c.id::text, 'stepLimit', c.step, c.case_number, c.household_id, c.region_code, c.county_code, c.step_due_on, NULL, NULL
    FROM cases c WHERE ${at('c')} AND c.kind = 'elimination' AND c.step = ANY($${params.push(w.openEliminationSteps)}::text[])`);
  const monitored = (what: string) => `FROM household_monitoring m JOIN households h ON h.id = m.household_id AND h.county_code = m.county_code WHERE ${at('h')} AND ${UNDER_MONITORING}${what}`;
  if (wanted('helperAssignment'))
    parts.push(`SELECT 'helperAssignment', m.household_id::text, 'helperAssignment', NULL, NULL, m.household_id, h.region_code, h.county_code, m.helper_due_on, NULL, NULL
    ${monitored(` AND m.helper_due_on IS NOT NULL AND NOT ${helperActiveAsOf(today)}`)}`);
  if (wanted('helperVisit'))
    parts.push(`SELECT 'helperVisit', m.household_id::text, 'helperVisit', NULL, NULL, m.household_id, h.region_code, h.county_code, ${nextVisitDueSql(w.visitIntervals, params)},
      (SELECT ha.name FROM household_helpers ha WHERE ha.household_id = m.household_id AND ha.kind IN ('cadre', 'person') AND ha.ended_on IS NULL ORDER BY ha.assigned_on DESC, ha.id LIMIT 1), NULL
    ${monitored('')}`);
  if (wanted('callback'))
    parts.push(`SELECT 'callback', x.id::text, 'callback', NULL, NULL, x.household_id, x.region_code, x.county_code, x.callback_due_on, x.handler_name, (x.called_at AT TIME ZONE 'Asia/Shanghai')::date
    FROM hotline_calls x WHERE ${at('x')} AND x.status = 'open' AND x.callback_at IS NULL`);
  if (wanted('warning'))
    parts.push(`SELECT 'warning', x.id::text, CASE WHEN x.status = 'new' THEN 'warningDispatch' ELSE 'warningVerification' END, x.status, NULL, x.household_id, x.region_code, x.county_code, x.due_on, NULL, NULL
    FROM warnings x WHERE ${at('x')} AND x.status IN ('new', 'dispatched')`);
  const cte = `WITH d AS (SELECT * FROM (${parts.join('\n    UNION ALL ')})
    all_deadlines (kind, ref_id, task, step, case_number, household_id, region_code, county_code, due_on, person, ref_date) WHERE due_on IS NOT NULL)`;
  return { cte, params, t };
}

/** The condition of a board status on `due_on` (`$soon` days ahead). */
function statusCondition(status: DeadlineStatus, t: string, soon: string): string {
  if (status === 'overdue') return `d.due_on < ${t}`;
  if (status === 'dueSoon') return `d.due_on BETWEEN ${t} AND ${t} + ${soon}`;
  return 'true';
}

/**
 * Per kind: overdue, due soon and every open deadline of the region; only the `kinds` given (the
 * dashboard's 走访逾期 card counts `helperVisit` alone, the same rows the board lists).
 */
export async function deadlineCounts(tx: Tx, w: DeadlineWhere, kinds?: readonly DeadlineKind[]): Promise<{ kind: DeadlineKind; overdue: number; dueSoon: number; all: number }[]> {
  const { cte, params, t } = deadlinesCte(w, kinds);
  params.push(w.dueSoonDays);
  const soon = `$${params.length}::int`;
  const { rows } = await tx.query<{ kind: DeadlineKind; overdue: number; dueSoon: number; all: number }>(
    `${cte}
     SELECT d.kind, count(*) FILTER (WHERE ${statusCondition('overdue', t, soon)})::int AS overdue,
       count(*) FILTER (WHERE ${statusCondition('dueSoon', t, soon)})::int AS "dueSoon", count(*)::int AS "all"
     FROM d GROUP BY d.kind`,
    params,
  );
  return rows;
}

/**
 * One page of the board, soonest due first (then kind and record, so pages are stable), with the
 * household's head and place looked up for the listed rows only.
 */
export async function deadlinePage(tx: Tx, w: DeadlineWhere, filter: { kind?: DeadlineKind | undefined; status: DeadlineStatus; limit: number; offset: number }): Promise<DeadlineRow[]> {
  const { cte, params, t } = deadlinesCte(w);
  const where = [filter.status === 'dueSoon' ? statusCondition('dueSoon', t, `$${params.push(w.dueSoonDays)}::int`) : statusCondition(filter.status, t, '')];
  if (filter.kind) where.push(`d.kind = $${params.push(filter.kind)}`);
  params.push(filter.limit, filter.offset);
  const { rows } = await tx.query<DeadlineRow>(
    `${cte}
     SELECT d.kind, d.ref_id AS "refId", d.task, d.step, d.case_number AS "caseNumber", d.household_id AS "householdId", d.region_code AS "regionCode",
       d.county_code AS "countyCode", to_char(d.due_on, 'YYYY-MM-DD') AS "dueOn", d.person, to_char(d.ref_date, 'YYYY-MM-DD') AS "refDate",
       (SELECT mb.name FROM members mb WHERE mb.household_id = d.household_id ORDER BY mb.relation = 'head' DESC, mb.birth_year, mb.id LIMIT 1) AS "headName",
       v.name AS "villageName", t.name AS "townshipName"
     FROM (SELECT * FROM d WHERE ${where.join(' AND ')} ORDER BY d.due_on, d.kind, d.ref_id LIMIT $${params.length - 1} OFFSET $${params.length}) d
     ${villageJoin('d.region_code')}
     ORDER BY d.due_on, d.kind, d.ref_id`,
    params,
  );
  return rows;
}
