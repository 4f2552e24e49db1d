import { normalizeRegionCode, regionChain, type RuleSetOverride, type RuleSetVersion } from '@fangpin/domain';
import type { Tx } from '../../db/client.ts';

export type StoredRuleSetVersion = RuleSetVersion & { createdBy: string; createdAt: Date };

/** Every stored version for the region and its ancestors, in the order they were stored. */
export async function findVersionsForRegion(tx: Tx, regionCode: string): Promise<StoredRuleSetVersion[]> {
  const { rows } = await tx.query<StoredRuleSetVersion>(
    `SELECT version, region_code AS "regionCode", effective_from AS "effectiveFrom", rules, note, created_by AS "createdBy", created_at AS "createdAt"
     FROM rule_set_versions WHERE region_code = ANY($1::varchar[]) ORDER BY created_at, version`,
    [regionChain(regionCode)],
  );
  return rows;
}

/**
 * The SQL of a rule-set key: what identifies the stored versions of a region chain (`chainParam`, a
 * varchar[] of regionChain), so that a rule set resolved from them can be kept and known stale. The
 * table is append-only (db/roles.ts APPEND_ONLY_TABLES: a stored version never changes), so a new
 * version raises the count; a restore that replaces the table changes the count or the latest time.
 */
export function ruleSetKeySql(chainParam: string): string {
  return `(SELECT count(*) || '/' || coalesce(extract(epoch FROM max(created_at))::text, '') FROM rule_set_versions WHERE region_code = ANY(${chainParam}))`;
}

/** findVersionsForRegion and, read in the same statement, the key of those versions (ruleSetKeySql). */
export async function findVersionsForRegionWithKey(tx: Tx, regionCode: string): Promise<{ versions: StoredRuleSetVersion[]; key: string }> {
  const { rows } = await tx.query<StoredRuleSetVersion & { key: string }>(
    `SELECT version, region_code AS "regionCode", effective_from AS "effectiveFrom", rules, note, created_by AS "createdBy", created_at AS "createdAt", k.key
     FROM ${ruleSetKeySql('$1::varchar[]')} AS k(key) LEFT JOIN rule_set_versions ON region_code = ANY($1::varchar[]) ORDER BY created_at, version`,
    [regionChain(regionCode)],
  );
  const key = rows[0]!.key;
  return { versions: rows.filter((r) => r.version !== null).map(({ key: _key, ...v }) => v), key };
}

/** Stores versions that are not there yet (by version id). Returns how many were new. */
export async function insertVersions(tx: Tx, versions: readonly (RuleSetVersion & { createdBy: string })[]): Promise<number> {
  let inserted = 0;
  for (const v of versions) {
    const { rowCount } = await tx.query(
      `INSERT INTO rule_set_versions (version, region_code, effective_from, rules, note, created_by) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (version) DO NOTHING`,
      [v.version, normalizeRegionCode(v.regionCode), v.effectiveFrom, JSON.stringify(v.rules satisfies RuleSetOverride), v.note ?? null, v.createdBy],
    );
    inserted += rowCount ?? 0;
  }
  return inserted;
}

export async function countVersionsOfRegion(tx: Tx, regionCode: string, effectiveFrom: string): Promise<number> {
  const { rows } = await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM rule_set_versions WHERE region_code = $1 AND effective_from = $2`, [regionCode, effectiveFrom]);
  return rows[0]!.n;
}
