import type { Scope } from '@fangpin/domain';
import type { Tx } from '../../db/client.ts';

export type AuditRow = { id: number; at: Date; actorUsername: string; actorRole: string; action: string; objectType: string; objectId: string | null; regionCode: string | null; before: unknown; after: unknown; details: unknown };

export type AuditFilter = { action?: string | undefined; objectType?: string | undefined; objectId?: string | undefined; actor?: string | undefined; from?: string | undefined; to?: string | undefined; limit: number; offset: number };

/** Audit rows about objects in the scope (rows without a region, e.g. system events, are county-admin business of every county). */
export async function findAuditRows(tx: Tx, scope: Scope, filter: AuditFilter): Promise<{ rows: AuditRow[]; total: number }> {
  const params: unknown[] = [scope.regionPrefix];
  // Rows without a region are system-wide events (region tree loaded, imports by the CLI): visible to every county admin.
  const where = [`(a.region_code LIKE $1 || '%' OR a.region_code IS NULL)`];
  const add = (sql: string, value: unknown) => {
    params.push(value);
    where.push(sql.replace('?', `$${params.length}`));
  };
  if (filter.action) add(`a.action LIKE ? || '%'`, filter.action);
  if (filter.objectType) add(`a.object_type = ?`, filter.objectType);
  if (filter.objectId) add(`a.object_id = ?`, filter.objectId);
  if (filter.actor) add(`a.actor_username = ?`, filter.actor);
  if (filter.from) add(`a.at >= ?::date`, filter.from);
  if (filter.to) add(`a.at < ?::date + 1`, filter.to);
  params.push(filter.limit, filter.offset);
  const { rows } = await tx.query<AuditRow & { total: number }>(
    `SELECT a.id, a.at, a.actor_username AS "actorUsername", a.actor_role AS "actorRole", a.action, a.object_type AS "objectType",
       a.object_id AS "objectId", a.region_code AS "regionCode", a.before, a.after, a.details, count(*) OVER ()::int AS total
     FROM audit_log a WHERE ${where.join(' AND ')} ORDER BY a.id DESC LIMIT $${params.length - 1} OFFSET $${params.length}`,
    params,
  );
  return { rows, total: rows[0]?.total ?? 0 };
}
