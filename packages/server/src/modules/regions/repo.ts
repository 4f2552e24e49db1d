import type { Scope } from '@fangpin/domain';
import type { Tx } from '../../db/client.ts';

export type RegionRow = { code: string; name: string; level: string; parentCode: string | null };

const COLUMNS = `code, name, level, parent_code AS "parentCode"`;

export async function findRegionName(tx: Tx, code: string): Promise<string | undefined> {
  const { rows } = await tx.query<{ name: string }>(`SELECT name FROM regions WHERE code = $1`, [code]);
  return rows[0]?.name;
}

export async function findRegion(tx: Tx, code: string): Promise<RegionRow | undefined> {
  const { rows } = await tx.query<RegionRow>(`SELECT ${COLUMNS} FROM regions WHERE code = $1`, [code]);
  return rows[0];
}

/** The chain from the province down to `code` (inclusive). */
export async function findRegionPath(tx: Tx, code: string): Promise<RegionRow[]> {
  const { rows } = await tx.query<RegionRow>(
    `WITH RECURSIVE up AS (
       SELECT ${COLUMNS}, level_rank FROM regions WHERE code = $1
       UNION ALL SELECT r.code, r.name, r.level, r.parent_code, r.level_rank FROM regions r JOIN up ON r.code = up."parentCode")
     SELECT code, name, level, "parentCode" FROM up ORDER BY level_rank`,
    [code],
  );
  return rows;
}

/** Regions whose name contains `q`, within the scope, with the path of names above each. */
export async function searchRegions(tx: Tx, scope: Scope, q: string, limit: number): Promise<(RegionRow & { path: string })[]> {
  const { rows } = await tx.query<RegionRow & { path: string }>(
    `SELECT r.code, r.name, r.level, r.parent_code AS "parentCode",
       concat_ws(' / ', gp.name, p.name, r.name) AS path
     FROM regions r LEFT JOIN regions p ON p.code = r.parent_code LEFT JOIN regions gp ON gp.code = p.parent_code
     WHERE r.code LIKE $1 || '%' AND r.name LIKE '%' || $2 || '%'
     ORDER BY r.level_rank, r.code LIMIT $3`,
    [scope.regionPrefix, q, limit],
  );
  return rows;
}

/**
 * The villages and groups (组/屯) — the regions households live in — of the townships, villages and
 * groups in scope whose name starts with `prefix` (马庄村, 马庄, 逻西乡), for finding households by
 * place name. Bounded: at most `limit` places match (a one-character prefix must not fan out to a
 * whole province), and their subtrees are walked on regions_parent_idx.
 */
export async function findHomeRegionsByName(tx: Tx, scope: Scope, prefix: string, limit = 50): Promise<string[]> {
  const params: unknown[] = [scope.regionPrefix, prefix.replace(/[\\%_]/g, (c) => `\\${c}`), limit];
  let countyFilter = '';
  if (scope.countyCodes.length > 0) {
    params.push(scope.countyCodes);
    countyFilter = `AND r.county_code = ANY($${params.length}::varchar[])`;
  }
  const { rows } = await tx.query<{ code: string }>(
    `WITH RECURSIVE hit AS (
       SELECT r.code, r.level FROM regions r
       WHERE r.name LIKE $2 || '%' AND r.level IN ('township', 'village', 'group') AND r.code LIKE $1 || '%' ${countyFilter}
       ORDER BY r.level_rank, r.code LIMIT $3),
     down AS (SELECT code, level FROM hit UNION SELECT r.code, r.level FROM regions r JOIN down ON r.parent_code = down.code)
     SELECT code FROM down WHERE level IN ('village', 'group') ORDER BY code`,
    params,
  );
  return rows.map((r) => r.code);
}

/** The subtree under `root` down to `depth` levels below it. */
export async function findSubtree(tx: Tx, root: string, depth: number): Promise<(RegionRow & { depth: number })[]> {
  const { rows } = await tx.query<RegionRow & { depth: number }>(
    `WITH RECURSIVE down AS (
       SELECT ${COLUMNS}, 0 AS depth FROM regions WHERE code = $1
       UNION ALL SELECT r.code, r.name, r.level, r.parent_code, down.depth + 1 FROM regions r JOIN down ON r.parent_code = down.code WHERE down.depth < $2)
     SELECT * FROM down ORDER BY depth, code`,
    [root, depth],
  );
  return rows;
}

export type RegionInput = { code: string; name: string; level: string; levelRank: number; parentCode: string | null; countyCode: string | null };

/** Inserts or renames regions (idempotent). Returns how many rows were new or changed. */
export async function upsertRegions(tx: Tx, regions: RegionInput[]): Promise<number> {
  if (regions.length === 0) return 0;
  const { rowCount } = await tx.query(
    `INSERT INTO regions (code, name, level, level_rank, parent_code, county_code)
     SELECT * FROM unnest($1::varchar[], $2::text[], $3::text[], $4::smallint[], $5::varchar[], $6::varchar[])
     ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, level = EXCLUDED.level, level_rank = EXCLUDED.level_rank,
       parent_code = EXCLUDED.parent_code, county_code = EXCLUDED.county_code
     WHERE (regions.name, regions.level, regions.parent_code) IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.level, EXCLUDED.parent_code)`,
    [
      regions.map((r) => r.code),
      regions.map((r) => r.name),
      regions.map((r) => r.level),
      regions.map((r) => r.levelRank),
      regions.map((r) => r.parentCode),
      regions.map((r) => r.countyCode),
    ],
  );
  return rowCount ?? 0;
}

/** Villages (and groups) of a county by name, for resolving names in imports. */
export async function findVillagesOfCounty(tx: Tx, countyCode: string): Promise<RegionRow[]> {
  const { rows } = await tx.query<RegionRow>(`SELECT ${COLUMNS} FROM regions WHERE county_code = $1 AND level IN ('village', 'group')`, [countyCode]);
  return rows;
}

export async function regionCodesExist(tx: Tx, codes: string[]): Promise<Set<string>> {
  const { rows } = await tx.query<{ code: string }>(`SELECT code FROM regions WHERE code = ANY($1::varchar[])`, [codes]);
  return new Set(rows.map((r) => r.code));
}

/**
 * SQL joining the village (`v`) and township (`t`) of a row's region code, which may be a village
 * or a group (组/屯) under it: `SELECT v.name, t.name … FROM x ${villageJoin('x.region_code')}`.
 */
export function villageJoin(regionCodeColumn: string): string {
  return `LEFT JOIN regions r0 ON r0.code = ${regionCodeColumn}
    LEFT JOIN regions v ON v.code = CASE WHEN r0.level = 'group' THEN r0.parent_code ELSE r0.code END
    LEFT JOIN regions t ON t.code = v.parent_code`;
}
