import type pg from 'pg';
import type { Tx } from '../../db/client.ts';

/**
 * The statistics' kept results (docs/statistics.md "Kept results"): one county's figures of a kind,
 * as of a date and counted on a day, stored with the snapshot they were computed under
 * (stats_parts), and the changes the triggers noted per county and writing transaction
 * (stats_changes, migration stats_change_triggers).
 */
export type PartKey = { kind: string; asOf: string; today: string };

/** The counties of the region tree under a significant prefix ('' for every county), in code order. */
export async function countiesUnder(tx: Tx, prefix: string): Promise<string[]> {
  const { rows } = await tx.query<{ county: string }>(
    `SELECT DISTINCT county_code AS county FROM regions WHERE level = 'county' AND county_code IS NOT NULL AND code LIKE $1 || '%' ORDER BY 1`,
    [prefix],
  );
  return rows.map((r) => r.county);
}

/** The snapshot of the reader's transaction (REPEATABLE READ: the one every statement of it sees). */
export async function currentSnapshot(tx: Tx): Promise<string> {
  const { rows } = await tx.query<{ snapshot: string }>(`SELECT pg_current_snapshot()::text AS snapshot`);
  return rows[0]!.snapshot;
}

/** Exports the reader's snapshot, for the connections that compute parts beside it (`SET TRANSACTION SNAPSHOT`). */
export async function exportSnapshot(tx: Tx): Promise<string> {
  const { rows } = await tx.query<{ id: string }>(`SELECT pg_export_snapshot() AS id`);
  return rows[0]!.id;
}

/**
 * Whether the kept part `p` is stale for the reader: a change of its county (or of every county,
 * `*`) visible to the reader that the part's snapshot did not see. Changes below the snapshot's
 * xmin were committed before it (an aborted writer's note is rolled back with it), so only the few
 * above it are checked, by the primary key.
 */
export const PART_IS_STALE = `EXISTS (
  SELECT 1 FROM stats_changes c
  WHERE c.county_code IN (p.county_code, '*') AND c.txid >= pg_snapshot_xmin(p.snapshot) AND NOT pg_visible_in_snapshot(c.txid, p.snapshot))`;

/**
 * The kept parts of `counties` that are valid for the reader: no change of the county (or of every
 * county, `*`) visible to the reader that the part's snapshot did not see. A part visible to the
 * reader was stored before the reader's snapshot, so whatever the part saw, the reader sees too.
 * Changes below the part snapshot's xmin were committed before it (an aborted writer's note is
 * rolled back with it), so only the few above it are checked, by the primary key.
 */
export async function readValidParts<T>(tx: Tx, key: PartKey, counties: readonly string[]): Promise<Map<string, T>> {
  const { rows } = await tx.query<{ county: string; payload: T }>(
    `SELECT p.county_code AS county, p.payload FROM stats_parts p
     WHERE p.kind = $1 AND p.as_of = $2::date AND p.today = $3::date AND p.county_code = ANY($4::varchar[])
       AND NOT ${PART_IS_STALE}`,
    [key.kind, key.asOf, key.today, counties],
  );
  return new Map(rows.map((r) => [r.county, r.payload]));
}

/**
 * Keeps computed parts with the snapshot they were computed under (after the reader's transaction,
 * on the pool: the reader is read-only). A part replaced by one computed under an older snapshot
 * is still checked at every read, so the order two requests store in does not matter.
 */
export async function storeParts(pool: Tx, key: PartKey, snapshot: string, parts: readonly { county: string; payload: unknown; ms: number }[]): Promise<void> {
  if (parts.length === 0) return;
  await pool.query(
    `INSERT INTO stats_parts (kind, county_code, as_of, today, snapshot, payload, computed_ms)
     SELECT $1, x.county, $2::date, $3::date, $4::pg_snapshot, x.payload, x.ms
     FROM jsonb_to_recordset($5::jsonb) AS x(county varchar, payload jsonb, ms int)
     ON CONFLICT (kind, county_code, as_of, today) DO UPDATE
       SET snapshot = EXCLUDED.snapshot, payload = EXCLUDED.payload, computed_ms = EXCLUDED.computed_ms, computed_at = now()`,
    [key.kind, key.asOf, key.today, snapshot, JSON.stringify(parts.map((p) => ({ county: p.county, payload: p.payload, ms: Math.round(p.ms) })))],
  );
}

/** The kept parts counted on `today` that a change made stale (the refresh computes them again). */
export async function findStaleParts(tx: Tx, today: string): Promise<{ kind: string; county: string; asOf: string }[]> {
  const { rows } = await tx.query<{ kind: string; county: string; asOf: string }>(
    `SELECT p.kind, p.county_code AS county, to_char(p.as_of, 'YYYY-MM-DD') AS "asOf" FROM stats_parts p
     WHERE p.today = $1::date AND ${PART_IS_STALE}
     ORDER BY p.kind, p.as_of, p.county_code`,
    [today],
  );
  return rows;
}

/** Drops one county's kept part of a key (a stale part nobody needs computed again). */
export async function dropPart(pool: Tx, key: PartKey, county: string): Promise<void> {
  await pool.query(`DELETE FROM stats_parts WHERE kind = $1 AND as_of = $2::date AND today = $3::date AND county_code = $4`, [key.kind, key.asOf, key.today, county]);
}

/** Drops the parts of earlier days and the notes no kept part can need (the owner's function). */
export async function pruneParts(pool: pg.Pool, keepDays = 2): Promise<number> {
  const { rows } = await pool.query<{ n: number }>(`SELECT fangpin_stats_prune($1) AS n`, [keepDays]);
  return rows[0]!.n;
}
