import { DEPARTMENT_SOURCE_CODES, DEPARTMENT_SOURCES, type Scope, type WarningStatus } from '@fangpin/domain';
import type { Tx } from '../../db/client.ts';
import { scopeCondition } from '../registry/scope-sql.ts';
import { villageJoin } from '../regions/repo.ts';

export type WarningRow = {
  id: string;
  householdId: string;
  householdNumber: string;
  headName: string | null;
  regionCode: string;
  villageName: string | null;
  riskType: string;
  period: string;
  sources: string[];
  message: string;
  /** The signal's code (DepartmentSignalCode), or null on warnings raised before it was stored. */
  signal: string | null;
  numbers: Record<string, number>;
  ruleSetVersion: string;
  isMonitored: boolean;
  status: WarningStatus;
  statusReason: string | null;
  dueOn: string | null;
  createdAt: Date;
  /** The day the village really verified it (occurredOn), or null. */
  verifiedOn: string | null;
  /** The identification case a confirmed risk opened (the latest one, withdrawn or not), or null. */
  caseId: string | null;
  caseNumber: string | null;
  caseStep: string | null;
  /** The case has other live clues (a visit, a call): a correction withdraws only the warning's clue. */
  caseKeepsOtherClues: boolean;
};

export type WarningFilter = { id?: string | undefined; source?: string | undefined; status?: string | undefined; riskType?: string | undefined; regionPrefix?: string | undefined; dueBefore?: string | undefined; householdId?: string | undefined; limit: number; offset: number };

/** The case a warning's confirmed risk opened or joined: its latest clue's case (clues_warning_idx). */
const WARNING_CASE_JOIN = `LEFT JOIN LATERAL (SELECT c.id, c.case_number, c.step,
         EXISTS (SELECT 1 FROM clues o WHERE o.case_id = c.id AND o.id <> cl.id AND o.status <> 'withdrawn') AS keeps
       FROM clues cl JOIN cases c ON c.id = cl.case_id
       WHERE cl.warning_id = w.id ORDER BY cl.created_at DESC LIMIT 1) wc ON true`;

export async function findWarnings(tx: Tx, scope: Scope, filter: WarningFilter): Promise<{ rows: WarningRow[]; total: number }> {
  const params: unknown[] = [];
  const where = [scopeCondition(scope, 'w', params)];
  const add = (sql: string, value: unknown) => {
    params.push(value);
    where.push(sql.replace('?', `$${params.length}`));
  };
  if (filter.id) add('w.id = ?', filter.id);
  if (filter.source) add('? = ANY(w.sources)', filter.source);
  if (filter.status) add('w.status = ?', filter.status);
  if (filter.riskType) add('w.risk_type = ?', filter.riskType);
  if (filter.regionPrefix) add(`w.region_code LIKE ? || '%'`, filter.regionPrefix);
  if (filter.dueBefore) add('w.due_on <= ?', filter.dueBefore);
  if (filter.householdId) add('w.household_id = ?', filter.householdId);
  params.push(filter.limit, filter.offset);
  const { rows } = await tx.query<WarningRow & { total: number }>(
    `SELECT w.id, w.household_id AS "householdId", h.household_number AS "householdNumber",
       (SELECT m.name FROM members m WHERE m.household_id = h.id ORDER BY (m.relation = 'head') DESC, m.birth_year, m.id LIMIT 1) AS "headName",
       w.region_code AS "regionCode", v.name AS "villageName", w.risk_type AS "riskType", w.period, w.sources, w.message, w.signal, w.numbers,
       w.rule_set_version AS "ruleSetVersion", w.is_monitored AS "isMonitored", w.status, w.status_reason AS "statusReason", w.due_on AS "dueOn",
       w.created_at AS "createdAt", w.verified_on AS "verifiedOn", wc.id AS "caseId", wc.case_number AS "caseNumber", wc.step AS "caseStep", coalesce(wc.keeps, false) AS "caseKeepsOtherClues", count(*) OVER ()::int AS total
     FROM warnings w JOIN households h ON h.id = w.household_id LEFT JOIN regions v ON v.code = w.region_code
     ${WARNING_CASE_JOIN}
     WHERE ${where.join(' AND ')} ORDER BY w.due_on NULLS LAST, w.created_at DESC LIMIT $${params.length - 1} OFFSET $${params.length}`,
    params,
  );
  return { rows, total: rows[0]?.total ?? 0 };
}

/**
 * `raisedOn`: the day the warning was raised; a verification cannot be dated before it. That is the
 * comparison date of the import that raised it (the import's "today"), or the day the row was
 * written (China time) when that is earlier: a later re-comparison moves `compared_on` on, never
 * the raise back.
 */
export type WarningForUpdate = { id: string; regionCode: string; status: string; statusReason: string | null; wasDispatched: boolean; raisedOn: string };

export async function findWarningsForUpdate(tx: Tx, scope: Scope, ids: string[]): Promise<WarningForUpdate[]> {
  const params: unknown[] = [ids];
  const { rows } = await tx.query<WarningForUpdate>(
    `SELECT w.id, w.region_code AS "regionCode", w.status, w.status_reason AS "statusReason", w.dispatched_at IS NOT NULL AS "wasDispatched",
       to_char(LEAST((w.created_at AT TIME ZONE 'Asia/Shanghai')::date, w.compared_on), 'YYYY-MM-DD') AS "raisedOn"
     FROM warnings w WHERE w.id = ANY($1::uuid[]) AND ${scopeCondition(scope, 'w', params)} ORDER BY w.id FOR UPDATE`,
    params,
  );
  return rows;
}

/**
 * The case of a warning's live (not withdrawn) clue — the case its confirmed risk opened or joined
 * (`clues.case_id`) — locked, or undefined. `clueId`: that clue; `isFirstClue`: it opened the case
 * (`cases.clue_id`); `otherLiveClues`: how many other clues of the case are not withdrawn (counted
 * once the case is locked, so no clue joins in between: joining locks the case too).
 */
export type LiveCaseOfWarning = { id: string; caseNumber: string; regionCode: string; step: string; version: number; clueId: string; isFirstClue: boolean; otherLiveClues: number };

export async function findLiveCaseOfWarningForUpdate(tx: Tx, warningId: string): Promise<LiveCaseOfWarning | undefined> {
  const { rows } = await tx.query<Omit<LiveCaseOfWarning, 'otherLiveClues'>>(
    `SELECT c.id, c.case_number AS "caseNumber", c.region_code AS "regionCode", c.step, c.version, cl.id AS "clueId", c.clue_id = cl.id AS "isFirstClue"
     FROM clues cl JOIN cases c ON c.id = cl.case_id
     WHERE cl.warning_id = $1 AND cl.status <> 'withdrawn' FOR UPDATE OF c`,
    [warningId],
  );
  const found = rows[0];
  if (!found) return undefined;
  const { rows: others } = await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM clues WHERE case_id = $1 AND id <> $2 AND status <> 'withdrawn'`, [found.id, found.clueId]);
  return { ...found, otherLiveClues: others[0]?.n ?? 0 };
}

/** Withdraws one clue from its case (the case goes on with its other clues). */
export async function withdrawClue(tx: Tx, clueId: string): Promise<void> {
  await tx.query(`UPDATE clues SET status = 'withdrawn' WHERE id = $1`, [clueId]);
}

/** A warning waiting in a to-do list (待办): to dispatch or to verify. */
export type WarningTodoRow = Pick<WarningRow, 'id' | 'householdId' | 'householdNumber' | 'headName' | 'regionCode' | 'villageName' | 'riskType' | 'message' | 'signal' | 'numbers' | 'sources' | 'dueOn'> & { status: string };

/**
 * The first `limit` warnings in scope whose status is one of `statuses`, soonest due first (the
 * to-do's list; todoCounts counts them all). Set-based on warnings_scope_idx (county, status); the
 * head's name and the place are looked up for the listed rows only.
 */
export async function findWarningsToHandle(tx: Tx, scope: Scope, statuses: readonly string[], limit: number): Promise<WarningTodoRow[]> {
  if (statuses.length === 0) return [];
  const params: unknown[] = [];
  const { rows } = await tx.query<WarningTodoRow>(warningsToHandleSql(scope, statuses, limit, params), params);
  return rows;
}

/**
 * The statement of findWarningsToHandle (`statuses` not empty), its parameters appended to `params`:
 * the to-do also runs it inside its one statement of counts and short lists (cases/view-repo.ts
 * `findTodoFigures`), so the two cannot differ.
 */
export function warningsToHandleSql(scope: Scope, statuses: readonly string[], limit: number, params: unknown[]): string {
  const where = `${scopeCondition(scope, 'w', params)} AND w.status = ANY($${params.push(statuses)}::text[])`;
  params.push(limit);
  return `SELECT w.id, w.household_id AS "householdId", h.household_number AS "householdNumber", head.name AS "headName", w.region_code AS "regionCode",
       v.name AS "villageName", w.risk_type AS "riskType", w.message, w.signal, w.numbers, w.sources, w.status, w.due_on AS "dueOn"
     FROM (SELECT w.* FROM warnings w WHERE ${where} ORDER BY w.due_on NULLS LAST, w.created_at, w.id LIMIT $${params.length}) w
     JOIN households h ON h.id = w.household_id
     LEFT JOIN LATERAL (SELECT m.name FROM members m WHERE m.household_id = w.household_id ORDER BY (m.relation = 'head') DESC, m.birth_year, m.id LIMIT 1) head ON true
     ${villageJoin('w.region_code')}
     ORDER BY w.due_on NULLS LAST, w.created_at, w.id`;
}

/** A department row behind a warning: who, when, how much, and where it is in the file the department sent. */
export type WarningEvidenceRow = {
  source: string;
  batchId: string;
  fileName: string;
  comparedOn: string;
  sheet: string | null;
  row: number;
  memberName: string | null;
  idMasked: string | null;
  eventDate: string | null;
  amountFen: number | null;
  kind: string | null;
};

/**
 * The matched rows a warning rests on ("links to the source rows"), undefined when the warning is not
 * in the actor's region. Per-record sources: the household's rows in the warning's batches. Rolling
 * sums (medical): every settlement of the household inside the 12 months that ended on the date the
 * warning's numbers were computed (an import or the monthly re-comparison; for warnings older than
 * that column, the latest comparison date of its batches), from whichever batch sent it first (the
 * sum counts a settlement sent twice once, and so does this list).
 */
/** Sources whose warnings add rows up over a rolling window (medical). */
const ROLLING_SOURCES = DEPARTMENT_SOURCE_CODES.filter((code) => DEPARTMENT_SOURCES[code].signal === 'rollingSum');

export async function findWarningEvidence(tx: Tx, scope: Scope, id: string): Promise<WarningEvidenceRow[] | undefined> {
  const params: unknown[] = [id, ROLLING_SOURCES];
  // `receivedFrom`: the earliest day a batch holding evidence can have been received (department_rows
  // is partitioned by it): the first day of a rolling window (no row is dated after its batch), or
  // the earliest of the warning's batches. Older months are not read.
  const { rows: found } = await tx.query<{ householdId: string; sources: string[]; batchIds: string[]; windowEnd: string | null; receivedFrom: string | null }>(
    `SELECT w.household_id AS "householdId", w.sources, w.batch_ids AS "batchIds", e.window_end::text AS "windowEnd",
       LEAST(CASE WHEN w.sources && $2::text[] THEN e.window_end - 364 END, (SELECT min(b.compared_on) FROM department_batches b WHERE b.id = ANY(w.batch_ids)))::text AS "receivedFrom"
     FROM warnings w,
       LATERAL (SELECT coalesce(w.compared_on, (SELECT max(b.compared_on) FROM department_batches b WHERE b.id = ANY(w.batch_ids))) AS window_end) e
     WHERE w.id = $1 AND ${scopeCondition(scope, 'w', params)}`,
    params,
  );
  const warning = found[0];
  if (!warning) return undefined;
  if (warning.receivedFrom === null) return [];
  const { rows } = await tx.query<WarningEvidenceRow>(
    `SELECT DISTINCT ON (r.source, r.id_index, r.event_date, r.amount_fen, r.kind)
       r.source, r.batch_id AS "batchId", b.file_name AS "fileName", b.compared_on::text AS "comparedOn", r.sheet, r.row,
       m.name AS "memberName", r.id_masked AS "idMasked", r.event_date::text AS "eventDate", r.amount_fen AS "amountFen", r.kind
     FROM department_rows r
     JOIN department_batches b ON b.id = r.batch_id
     LEFT JOIN members m ON m.id = r.member_id
     WHERE r.household_id = $1 AND r.fate = 'matched' AND r.source = ANY($2::text[]) AND r.compared_on >= $6::date
       AND CASE WHEN r.source = ANY($4::text[]) THEN r.event_date > $5::date - 365 AND r.event_date <= $5::date
                ELSE r.batch_id = ANY($3::uuid[]) END
     ORDER BY r.source, r.id_index, r.event_date, r.amount_fen, r.kind, b.created_at, r.seq`,
    [warning.householdId, warning.sources, warning.batchIds, ROLLING_SOURCES, warning.windowEnd, warning.receivedFrom],
  );
  return rows.sort((a, b) => (b.eventDate ?? '').localeCompare(a.eventDate ?? '') || a.source.localeCompare(b.source));
}
