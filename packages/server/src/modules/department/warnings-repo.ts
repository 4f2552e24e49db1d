import { DEPARTMENT_SOURCE_CODES, DEPARTMENT_SOURCES, type Scope } from '@fangpin/domain';
import type { Tx } from '../../db/client.ts';
import { scopeCondition } from '../registry/scope-sql.ts';

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
  numbers: Record<string, number>;
  ruleSetVersion: string;
  isMonitored: boolean;
  status: string;
  statusReason: string | null;
  dueOn: string | null;
  createdAt: Date;
};

export type WarningFilter = { source?: string | undefined; status?: string | undefined; riskType?: string | undefined; regionPrefix?: string | undefined; dueBefore?: string | undefined; householdId?: string | undefined; limit: number; offset: number };

export async function findWarnings(tx: Tx, scope: Scope, filter: WarningFilter): Promise<{ rows: WarningRow[]; total: number }> {
  const params: unknown[] = [];
  const where = [scopeCondition(scope, 'w', params)];
  const add = (sql: string, value: unknown) => {
    params.push(value);
    where.push(sql.replace('?', `$${params.length}`));
  };
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
       w.region_code AS "regionCode", v.name AS "villageName", w.risk_type AS "riskType", w.period, w.sources, w.message, w.numbers,
       w.rule_set_version AS "ruleSetVersion", w.is_monitored AS "isMonitored", w.status, w.status_reason AS "statusReason", w.due_on AS "dueOn",
       w.created_at AS "createdAt", count(*) OVER ()::int AS total
     FROM warnings w JOIN households h ON h.id = w.household_id LEFT JOIN regions v ON v.code = w.region_code
     WHERE ${where.join(' AND ')} ORDER BY w.due_on NULLS LAST, w.created_at DESC LIMIT $${params.length - 1} OFFSET $${params.length}`,
    params,
  );
  return { rows, total: rows[0]?.total ?? 0 };
}

export async function findWarningsForUpdate(tx: Tx, scope: Scope, ids: string[]): Promise<{ id: string; regionCode: string; status: string }[]> {
  const params: unknown[] = [ids];
  const { rows } = await tx.query<{ id: string; regionCode: string; status: string }>(
    `SELECT w.id, w.region_code AS "regionCode", w.status FROM warnings w WHERE w.id = ANY($1::uuid[]) AND ${scopeCondition(scope, 'w', params)} FOR UPDATE`,
    params,
  );
  return rows;
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
  const params: unknown[] = [id];
  const { rows: found } = await tx.query<{ householdId: string; sources: string[]; batchIds: string[]; windowEnd: string | null }>(
    `SELECT w.household_id AS "householdId", w.sources, w.batch_ids AS "batchIds",
       coalesce(w.compared_on, (SELECT max(b.compared_on) FROM department_batches b WHERE b.id = ANY(w.batch_ids)))::text AS "windowEnd"
     FROM warnings w WHERE w.id = $1 AND ${scopeCondition(scope, 'w', params)}`,
    params,
  );
  const warning = found[0];
  if (!warning) return undefined;
  const { rows } = await tx.query<WarningEvidenceRow>(
    `SELECT DISTINCT ON (r.source, r.id_index, r.event_date, r.amount_fen, r.kind)
       r.source, r.batch_id AS "batchId", b.file_name AS "fileName", b.compared_on::text AS "comparedOn", r.sheet, r.row,
       m.name AS "memberName", r.id_masked AS "idMasked", r.event_date::text AS "eventDate", r.amount_fen AS "amountFen", r.kind
     FROM department_rows r
     JOIN department_batches b ON b.id = r.batch_id
     LEFT JOIN members m ON m.id = r.member_id
     WHERE r.household_id = $1 AND r.fate = 'matched' AND r.source = ANY($2::text[])
       AND CASE WHEN r.source = ANY($4::text[]) THEN r.event_date > $5::date - 365 AND r.event_date <= $5::date
                ELSE r.batch_id = ANY($3::uuid[]) END
     ORDER BY r.source, r.id_index, r.event_date, r.amount_fen, r.kind, b.created_at, r.seq`,
    [warning.householdId, warning.sources, warning.batchIds, ROLLING_SOURCES, warning.windowEnd],
  );
  return rows.sort((a, b) => (b.eventDate ?? '').localeCompare(a.eventDate ?? '') || a.source.localeCompare(b.source));
}
