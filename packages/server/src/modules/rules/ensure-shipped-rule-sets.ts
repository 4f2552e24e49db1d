import { GUANGXI_RULE_SET_VERSIONS, LEYE_RULE_SET_VERSIONS } from '@fangpin/domain';
import type pg from 'pg';
import { insertVersions } from './repo.ts';

/**
 * The rule sets shipped with Fangpin (Guangxi defaults, the 乐业县 override) are stored when their
 * regions are loaded and a version is missing, e.g. after an upgrade brings a new year's defaults.
 * Existing versions are never changed (they are append-only); counties override with new versions.
 */
export async function ensureShippedRuleSets(pool: pg.Pool): Promise<number> {
  const { rows } = await pool.query<{ hasGuangxi: boolean; hasLeye: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM regions WHERE code LIKE '45%') AS "hasGuangxi", EXISTS (SELECT 1 FROM regions WHERE code LIKE '451028%') AS "hasLeye"`,
  );
  const wanted = [...(rows[0]?.hasGuangxi ? GUANGXI_RULE_SET_VERSIONS : []), ...(rows[0]?.hasLeye ? LEYE_RULE_SET_VERSIONS : [])];
  return insertVersions(pool, wanted.map((v) => ({ ...v, createdBy: 'system' })));
}
