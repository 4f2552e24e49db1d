/**
 * The SQL of reading identification cases (识别认定): the list and its filters, one case as its
 * page shows it, its timeline, the warning behind it, the to-do's counts and the notice's figures.
 * case-view.ts decides what the actor sees; this file only reads.
 */
import { DUE_SOON_DAYS, regionChain, type TodoGroup, type CaseSummary, type EliminationTodo, type IdentificationState, type IdentificationStep, type Scope, type TimelineEntryType } from '@fangpin/domain';
import { dueSoonSql, nearestDeadlineSql, overdueSql } from './deadline-sql.ts';
import crypto from 'node:crypto';
import type pg from 'pg';
import type { Tx } from '../../db/client.ts';
import { scopeCondition } from '../registry/scope-sql.ts';
import { villageJoin } from '../regions/repo.ts';
import { warningsToHandleSql, type WarningTodoRow } from '../department/warnings-repo.ts';
import { ruleSetKeySql } from '../rules/repo.ts';
import type { CaseFacts } from './case-facts.ts';

/** A case as the list reads it, before the deadlines are worked out. */
export type CaseSummaryRow = Omit<CaseSummary, 'stepZh' | 'daysLeft' | 'isOverdue' | 'isStepOverdue'> & { warningSources?: string[] | null };

/** A case as its page reads it: the summary with its state, facts and decision. */
export type CaseViewRow = CaseSummaryRow & {
  clueId: string;
  state: IdentificationState;
  facts: CaseFacts;
  decision: unknown;
  householdType: string | null;
  countyCode: string;
};

export type CaseListFilter = {
  step?: string | undefined;
  steps?: readonly string[];
  due?: 'overdue' | 'soon' | undefined;
  status?: 'open' | 'all' | undefined;
  regionPrefix?: string | undefined;
  householdId?: string | undefined;
  limit: number;
  offset: number;
};

const OPEN_STEPS_SQL = `c.step NOT IN ('closed', 'withdrawn')`;
/** Identification cases only: risk-elimination cases (kind `elimination`) share the table and have pages of their own. */
const IDENTIFICATION_SQL = `c.kind = 'identification'`;

const SUMMARY_SELECT = `SELECT c.id, c.case_number AS "caseNumber", cl.channel, c.household_id AS "householdId", h.household_number AS "householdNumber",
    (SELECT m.name FROM members m WHERE m.household_id = c.household_id ORDER BY m.relation = 'head' DESC, m.birth_year, m.id LIMIT 1) AS "headName",
    c.region_code AS "regionCode", v.name AS "villageName", t.name AS "townshipName", c.step, c.clue_date AS "clueDate", c.step_due_on AS "stepDueOn",
    c.due_on AS "dueOn", c.green_channel AS "greenChannel", c.version, cl.summary, cl.risk_types AS "riskTypes",
    (SELECT w.sources FROM warnings w WHERE w.id = cl.warning_id) AS "warningSources"
  FROM cases c JOIN clues cl ON cl.id = c.clue_id LEFT JOIN households h ON h.id = c.household_id
  ${villageJoin('c.region_code')}`;

/** The identification cases in scope matching the filter, one page soonest deadline first, and the total. */
export async function findCases(tx: Tx, scope: Scope, today: string, filter: CaseListFilter): Promise<{ rows: CaseSummaryRow[]; total: number }> {
  const params: unknown[] = [];
  const where = [scopeCondition(scope, 'c', params), IDENTIFICATION_SQL];
  if (filter.status !== 'all') where.push(OPEN_STEPS_SQL);
  if (filter.householdId) {
    params.push(filter.householdId);
    where.push(`c.household_id = $${params.length}`);
  }
  if (filter.step) {
    params.push(filter.step);
    where.push(`c.step = $${params.length}`);
  }
  if (filter.regionPrefix) {
    params.push(filter.regionPrefix);
    where.push(`c.region_code LIKE $${params.length} || '%'`);
  }
  if (filter.steps) {
    params.push(filter.steps);
    where.push(`c.step = ANY($${params.length}::text[])`);
  }
  if (filter.due === 'overdue') {
    params.push(today);
    where.push(overdueSql(`$${params.length}::date`));
  } else if (filter.due === 'soon') {
    params.push(today, DUE_SOON_DAYS);
    where.push(dueSoonSql(`$${params.length - 1}::date`, `$${params.length}::int`));
  }
  const { rows: count } = await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM cases c WHERE ${where.join(' AND ')}`, params);
  params.push(filter.limit, filter.offset);
  const { rows } = await tx.query<CaseSummaryRow>(
    `${SUMMARY_SELECT} WHERE ${where.join(' AND ')} ORDER BY ${nearestDeadlineSql}, c.case_number LIMIT $${params.length - 1} OFFSET $${params.length}`,
    params,
  );
  return { rows, total: count[0]!.n };
}

/** The case `id` (any region: the caller checks the scope), or undefined. */
export async function findCaseForView(tx: Tx, id: string): Promise<CaseViewRow | undefined> {
  const { rows } = await tx.query<CaseViewRow>(
    `${SUMMARY_SELECT.replace('SELECT c.id,', 'SELECT c.state, c.facts, c.decision, h.type AS "householdType", c.county_code AS "countyCode", c.clue_id AS "clueId", c.id,')} WHERE c.id = $1`,
    [id],
  );
  return rows[0];
}

export type CaseTimelineRow = { seq: number; type: TimelineEntryType; fromStep: IdentificationStep; toStep: IdentificationStep; onDate: string; at: Date; actorName: string; actorDisplayName: string | null; actorRole: string; comment: string; data: Record<string, unknown>; ruleSetVersion: string | null };

/** The case's timeline in order, with each actor's display name (李新旺) beside the login name: people read names, not accounts. */
export async function findCaseTimeline(tx: Tx, caseId: string): Promise<CaseTimelineRow[]> {
  const { rows } = await tx.query<CaseTimelineRow>(
    `SELECT e.seq, e.type, e.from_step AS "fromStep", e.to_step AS "toStep", e.on_date AS "onDate", e.at, e.actor_name AS "actorName", u.display_name AS "actorDisplayName",
       e.actor_role AS "actorRole", e.comment, e.data, e.rule_set_version AS "ruleSetVersion"
     FROM case_events e LEFT JOIN users u ON u.id = e.actor_id WHERE e.case_id = $1 ORDER BY e.seq`,
    [caseId],
  );
  return rows;
}

export type CaseWarningRow = { id: string; riskType: string; message: string; signal: string | null; numbers: Record<string, number>; sources: string[]; period: string; status: string; statusReason: string | null; verifiedBy: string | null; verifiedAt: Date | null; verifiedOn: string | null };

/** The warning behind a case opened from a confirmed warning (the case → clue → warning link), or undefined. */
export async function findWarningOfCase(tx: Tx, caseId: string): Promise<CaseWarningRow | undefined> {
  const { rows } = await tx.query<CaseWarningRow>(
    `SELECT w.id, w.risk_type AS "riskType", w.message, w.signal, w.numbers, w.sources, w.period, w.status, w.status_reason AS "statusReason", w.verified_by AS "verifiedBy", w.verified_at AS "verifiedAt",
       to_char(w.verified_on, 'YYYY-MM-DD') AS "verifiedOn"
     FROM cases c JOIN clues cl ON cl.id = c.clue_id JOIN warnings w ON w.id = cl.warning_id WHERE c.id = $1`,
    [caseId],
  );
  return rows[0];
}

export type CaseClueRow = {
  id: string;
  channel: string;
  status: string;
  isFirst: boolean;
  aroseOn: string;
  riskTypes: string[];
  warningId: string | null;
  warningSources: string[] | null;
  warningRiskType: string | null;
  warningStatus: string | null;
  visitId: string | null;
  visitorName: string | null;
  callId: string | null;
  referenceNo: string | null;
};

/**
 * Every clue of a case — the one that opened it (`cases.clue_id`) first, then those that joined it
 * (`clues.case_id`) in the order they came — with what it came from and the day it arose: the
 * warning's home verification, the visit, the call, the self-application (China time). A corrected
 * warning's verification date is gone or belongs to a later confirmation: a withdrawn warning clue
 * shows the day its withdrawal entry kept (`clueAroseOn`), else the case's clue date if it opened
 * the case, else the day it was registered.
 */
export async function findCaseClues(tx: Tx, caseId: string): Promise<CaseClueRow[]> {
  const { rows } = await tx.query<CaseClueRow>(
    `SELECT cl.id, cl.channel, cl.status, cl.id = c.clue_id AS "isFirst", cl.risk_types AS "riskTypes",
       to_char(coalesce(CASE cl.channel WHEN 'warning' THEN CASE WHEN cl.status <> 'withdrawn' THEN w.verified_on
                                          ELSE coalesce((SELECT max((e.data->>'clueAroseOn')::date) FROM case_events e WHERE e.case_id = c.id AND e.type = 'withdrawClue' AND e.data->>'clueId' = cl.id::text),
                                                        CASE WHEN cl.id = c.clue_id THEN c.clue_date END) END WHEN 'visit' THEN vr.visited_on
                                        WHEN 'hotline' THEN (hc.called_at AT TIME ZONE 'Asia/Shanghai')::date
                                        WHEN 'application' THEN (sa.created_at AT TIME ZONE 'Asia/Shanghai')::date END,
                        (cl.created_at AT TIME ZONE 'Asia/Shanghai')::date), 'YYYY-MM-DD') AS "aroseOn",
       w.id AS "warningId", w.sources AS "warningSources", w.risk_type AS "warningRiskType", w.status AS "warningStatus",
       vr.id AS "visitId", vr.visitor_name AS "visitorName", hc.id AS "callId", sa.reference_no AS "referenceNo"
     FROM cases c JOIN clues cl ON cl.case_id = c.id OR cl.id = c.clue_id
       LEFT JOIN warnings w ON w.id = cl.warning_id
       LEFT JOIN LATERAL (SELECT v.id, v.visited_on, v.visitor_name FROM visit_reports v WHERE v.clue_id = cl.id ORDER BY v.created_at LIMIT 1) vr ON true
       LEFT JOIN LATERAL (SELECT h.id, h.called_at FROM hotline_calls h WHERE h.clue_id = cl.id ORDER BY h.called_at LIMIT 1) hc ON true
       LEFT JOIN LATERAL (SELECT a.reference_no, a.created_at FROM self_applications a WHERE a.clue_id = cl.id ORDER BY a.created_at LIMIT 1) sa ON true
     WHERE c.id = $1
     ORDER BY cl.id = c.clue_id DESC, cl.created_at, cl.id`,
    [caseId],
  );
  return rows;
}

export type TodoCounts = { total: number; overdue: number; dueSoon: number; visitReports: number; callbacksDue: number; warningsToDispatch: number; warningsToVerify: number };

/**
 * The to-do's cases: the open identification cases in scope at `steps`, the `perGroup` nearest
 * deadlines of each group — late (as `due=overdue`), due soon (as `due=soon`), the others — each
 * tagged with its group, so the page shows the same groups the counts count. The groups are ranges of
 * the first deadline, each read in deadline order from cases_open_deadline_idx up to `perGroup`; the
 * joins and look-ups run for the rows ranked (docs/design/search-and-todo-performance.md "The to-do").
 */
export async function findTodoCases(tx: Tx, scope: Scope, today: string, steps: readonly string[], perGroup: number): Promise<(CaseSummaryRow & { group: TodoGroup })[]> {
  const params: unknown[] = [];
  const where = [scopeCondition(scope, 'c', params), OPEN_STEPS_SQL, IDENTIFICATION_SQL];
  params.push(steps);
  where.push(`c.step = ANY($${params.length}::text[])`);
  params.push(today, DUE_SOON_DAYS, perGroup);
  const t = `$${params.length - 2}::date`;
  const days = `$${params.length - 1}::int`;
  const group = (name: TodoGroup, range: string) =>
    `(SELECT '${name}' AS grp, c.id, ${nearestDeadlineSql} AS nearest, c.case_number FROM cases c
      WHERE ${where.join(' AND ')} AND ${range} ORDER BY ${nearestDeadlineSql}, c.case_number LIMIT $${params.length})`;
  // The others: a later deadline, then none (a callback without one; last, as NULLS LAST orders them),
  // read as two ranges of the index rather than one condition with OR, which the index cannot serve.
  const others = `(SELECT * FROM (${group('others', `${nearestDeadlineSql} > ${t} + ${days}`)} UNION ALL ${group('others', `${nearestDeadlineSql} IS NULL`)}) o
     ORDER BY o.nearest NULLS LAST, o.case_number LIMIT $${params.length})`;
  // One statement: the ranking is a materialized CTE (its own plan: the index ranges above, at most
  // 3 × perGroup ids), and the rows, household, head and village are read for those ids only.
  // Named: each connection parses it once, and PostgreSQL keeps one plan for it (the same index ranges).
  const { rows } = await tx.query<CaseSummaryRow & { group: TodoGroup }>(
    namedStatement(
      `WITH ranked AS MATERIALIZED (${group('overdue', overdueSql(t))} UNION ALL ${group('soon', dueSoonSql(t, days))} UNION ALL ${others})
       ${SUMMARY_SELECT.replace('SELECT c.id,', 'SELECT ranked.grp AS "group", c.id,')} JOIN ranked ON ranked.id = c.id
       ORDER BY CASE ranked.grp WHEN 'overdue' THEN 0 WHEN 'soon' THEN 1 ELSE 2 END, ranked.nearest NULLS LAST, ranked.case_number`,
      params,
    ),
  );
  return rows;
}

/**
 * A named (prepared) statement: each connection of the pool parses it once and keeps it; after five
 * runs PostgreSQL plans it once for all parameters when that plan costs no more than planning each
 * run (its "plan_cache_mode = auto"). The name is the text's hash, so each distinct text is its own
 * statement (the to-do's texts differ by role: a few per connection). For statements run on every
 * page load only: a connection keeps each one until it closes.
 */
function namedStatement(text: string, values: unknown[]): pg.QueryConfig {
  return { name: `s${crypto.createHash('sha1').update(text).digest('base64url').slice(0, 22)}`, text, values };
}

type TodoWants = { reviewsVisits: boolean; callsBack: boolean; warningStatuses: readonly string[] };

/**
 * The to-do's counts in one query: open cases at `steps` that are overdue or due soon (as findCases'
 * `due` filters), visit reports to review, callbacks due, new warnings to dispatch and dispatched
 * ones to verify (warnings_scope_idx: county, status) — each only when `wants` asks for it (else 0).
 */
export async function countTodo(tx: Tx, scope: Scope, today: string, steps: readonly string[], wants: TodoWants): Promise<TodoCounts> {
  const params: unknown[] = [];
  const { rows } = await tx.query<TodoCounts>(countTodoSql(scope, today, steps, wants, params), params);
  return rows[0]!;
}

/** The statement of countTodo, its parameters appended to `params` (one row). */
function countTodoSql(scope: Scope, today: string, steps: readonly string[], wants: TodoWants, params: unknown[]): string {
  const caseWhere = [scopeCondition(scope, 'c', params), OPEN_STEPS_SQL, IDENTIFICATION_SQL];
  params.push(steps);
  caseWhere.push(`c.step = ANY($${params.length}::text[])`);
  params.push(today, DUE_SOON_DAYS);
  const t = `$${params.length - 1}::date`;
  const soon = `$${params.length}::int`;
  const visits = wants.reviewsVisits ? `(SELECT count(*) FROM visit_reports v WHERE ${scopeCondition(scope, 'v', params)} AND v.status = 'submitted')::int` : '0';
  const callbacks = wants.callsBack ? `(SELECT count(*) FROM hotline_calls h WHERE ${scopeCondition(scope, 'h', params)} AND h.status = 'open' AND h.callback_due_on <= ${t})::int` : '0';
  const warnings = (status: 'new' | 'dispatched') =>
    wants.warningStatuses.includes(status) ? `(SELECT count(*) FROM warnings w WHERE ${scopeCondition(scope, 'w', params)} AND w.status = '${status}')::int` : '0';
  return `SELECT count(*)::int AS total, count(*) FILTER (WHERE ${overdueSql(t)})::int AS overdue,
       count(*) FILTER (WHERE ${dueSoonSql(t, soon)})::int AS "dueSoon",
       ${visits} AS "visitReports", ${callbacks} AS "callbacksDue", ${warnings('new')} AS "warningsToDispatch", ${warnings('dispatched')} AS "warningsToVerify"
     FROM cases c WHERE ${caseWhere.join(' AND ')}`;
}

/**
 * Running risk eliminations (kind `elimination`) in scope whose step is one of `steps`: how many, and
 * the first `limit`, soonest step deadline first (a step without one last, oldest proposal first).
 */
export async function findEliminationsToHandle(tx: Tx, scope: Scope, steps: readonly string[], limit: number): Promise<{ rows: EliminationTodo[]; total: number }> {
  if (steps.length === 0) return { rows: [], total: 0 };
  const params: unknown[] = [];
  const { rows } = await tx.query<{ total: number; rows: EliminationTodo[] }>(eliminationsToHandleSql(scope, steps, limit, params), params);
  return rows[0]!;
}

/**
 * The statement of findEliminationsToHandle (`steps` not empty; one row: `total` and `rows`, the
 * list as JSON), its parameters appended to `params`. The cases are read once for the count and the
 * list (no index leads with the kind: on a county's case table that read is a scan, not to be done twice).
 */
function eliminationsToHandleSql(scope: Scope, steps: readonly string[], limit: number, params: unknown[]): string {
  const where = [scopeCondition(scope, 'c', params), `c.kind = 'elimination'`];
  params.push(steps);
  where.push(`c.step = ANY($${params.length}::text[])`);
  params.push(limit);
  return `WITH e AS MATERIALIZED (SELECT c.id, c.case_number, c.household_id, c.region_code, c.step, c.clue_date, c.step_due_on FROM cases c WHERE ${where.join(' AND ')})
    SELECT (SELECT count(*)::int FROM e) AS total, (SELECT coalesce(json_agg(x), '[]'::json) FROM (
      SELECT c.id, c.case_number AS "caseNumber", c.household_id AS "householdId", h.household_number AS "householdNumber",
        (SELECT m.name FROM members m WHERE m.household_id = c.household_id ORDER BY m.relation = 'head' DESC, m.birth_year, m.id LIMIT 1) AS "headName",
        c.region_code AS "regionCode", v.name AS "villageName", c.step, to_char(c.clue_date, 'YYYY-MM-DD') AS "proposedOn",
        to_char(c.step_due_on, 'YYYY-MM-DD') AS "stepDueOn"
      FROM e c LEFT JOIN households h ON h.id = c.household_id ${villageJoin('c.region_code')}
      ORDER BY c.step_due_on NULLS LAST, c.clue_date, c.case_number LIMIT $${params.length}) x) AS rows`;
}

/** Everything of the to-do but its cases, read in one statement (findTodoFigures). */
export type TodoFigures = TodoCounts & { warnings: WarningTodoRow[]; eliminations: { rows: EliminationTodo[]; total: number }; ruleSetKey: string };

/**
 * The to-do's counts (countTodo), its warnings (findWarningsToHandle: the first `limit` with a status
 * of `wants.warningStatuses`), its eliminations (findEliminationsToHandle at `eliminationSteps`) and
 * the key of the rule set of `ruleSetRegion` (rules/rule-set-cache.ts: which rule set the steps came
 * from) in one statement: the same SQL as the separate reads, each list aggregated to JSON from its
 * own ordered statement (the form the PostgreSQL manual gives for an ordered aggregate input: a
 * sorted subquery under nothing but the aggregate), so one round trip instead of four.
 */
export async function findTodoFigures(
  tx: Tx,
  scope: Scope,
  today: string,
  steps: readonly string[],
  wants: TodoWants,
  eliminationSteps: readonly string[],
  limit: number,
  ruleSetRegion: string,
): Promise<TodoFigures> {
  const params: unknown[] = [];
  const counts = countTodoSql(scope, today, steps, wants, params);
  const asJson = (sql: string) => `(SELECT coalesce(json_agg(x), '[]'::json) FROM (${sql}) x)`;
  const warnings = wants.warningStatuses.length > 0 ? asJson(warningsToHandleSql(scope, wants.warningStatuses, limit, params)) : `'[]'::json`;
  const eliminations = eliminationSteps.length > 0 ? `(${eliminationsToHandleSql(scope, eliminationSteps, limit, params)})` : `(SELECT 0 AS total, '[]'::json AS rows)`;
  params.push(regionChain(ruleSetRegion));
  // Named: each connection parses it once, and PostgreSQL may keep its plan (docs/design/search-and-todo-performance.md "Fourth round").
  const { rows } = await tx.query<TodoCounts & { warnings: WarningTodoRow[]; eliminationsTotal: number; eliminations: EliminationTodo[]; ruleSetKey: string }>(
    namedStatement(
      `SELECT k.*, ${warnings} AS warnings, el.total AS "eliminationsTotal", el.rows AS eliminations, ${ruleSetKeySql(`$${params.length}::varchar[]`)} AS "ruleSetKey"
       FROM (${counts}) k CROSS JOIN ${eliminations} el`,
      params,
    ),
  );
  const { eliminationsTotal, eliminations: rowsOfEliminations, ...rest } = rows[0]!;
  return { ...rest, eliminations: { rows: rowsOfEliminations, total: eliminationsTotal } };
}

/** The county's name (the notice's heading), or undefined. */
export async function findCountyName(tx: Tx, countyCode: string): Promise<string | undefined> {
  const { rows } = await tx.query<{ name: string }>(`SELECT name FROM regions WHERE county_code = $1 AND level = 'county'`, [countyCode]);
  return rows[0]?.name;
}

/** How many members the household has (the notice's household size). */
export async function countMembersOfHousehold(tx: Tx, householdId: string): Promise<number> {
  const { rows } = await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM members WHERE household_id = $1`, [householdId]);
  return rows[0]?.n ?? 0;
}
