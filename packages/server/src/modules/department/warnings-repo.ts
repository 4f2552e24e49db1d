import type { Scope } from '@fangpin/domain';
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

export type WarningFilter = { source?: string | undefined; status?: string | undefined; riskType?: string | undefined; regionPrefix?: string | undefined; dueBefore?: string | undefined; limit: number; offset: number };

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
  params.push(filter.limit, filter.offset);
  const { rows } = await tx.query<WarningRow & { total: number }>(
    `SELECT w.id, w.household_id AS "householdId", h.household_number AS "householdNumber",
       (SELECT m.name FROM members m WHERE m.household_id = h.id ORDER BY (m.relation = 'head') DESC, m.birth_date LIMIT 1) AS "headName",
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
