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
