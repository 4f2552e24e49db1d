import type { DepartmentBatch, DepartmentSourceCode, Scope } from '@fangpin/domain';
import type { Tx } from '../../db/client.ts';
import { batchScopeCondition } from '../registry/import-batches.ts';

/** The department imports the actor's region covers, newest first (optionally of one source). */
export async function findDepartmentBatches(tx: Tx, scope: Scope, filter: { source?: DepartmentSourceCode | undefined; limit: number }): Promise<DepartmentBatch[]> {
  const params: unknown[] = [filter.source ?? null, filter.limit];
  const { rows } = await tx.query<Omit<DepartmentBatch, 'createdAt'> & { createdAt: Date }>(
    `SELECT id, source, file_name AS "fileName", compared_on AS "comparedOn", actor_name AS "actorName", rows, accepted, matched, unmatched, rejected,
       rejected_by_code AS "rejectedByCode", warnings, created_at AS "createdAt"
     FROM department_batches b WHERE ($1::text IS NULL OR source = $1) AND ${batchScopeCondition(scope, 'b', params)}
     ORDER BY created_at DESC LIMIT $2`,
    params,
  );
  return rows.map((r) => ({ ...r, createdAt: new Date(r.createdAt).toISOString() }));
}

/** The source of a department import the actor's region covers; undefined when out of scope or unknown. */
export async function findDepartmentBatchSource(tx: Tx, scope: Scope, id: string): Promise<DepartmentSourceCode | undefined> {
  const params: unknown[] = [id];
  const { rows } = await tx.query<{ source: DepartmentSourceCode }>(`SELECT source FROM department_batches b WHERE b.id = $1 AND ${batchScopeCondition(scope, 'b', params)}`, params);
  return rows[0]?.source;
}
