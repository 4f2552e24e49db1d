import type { Tx } from '../../db/client.ts';

/** One household whose summary row differs from its base tables (or is missing, or has no household). */
export type SummaryMismatch = { householdId: string; summary: Record<string, unknown> | null; base: Record<string, unknown> | null };

/**
 * Checks the statistics' per-household summary (`household_stats`, docs/statistics.md
 * "Pre-aggregation") against a straightforward GROUP BY over households, members and
 * household_helpers: every household has exactly one row, with its county and region, its members
 * counted, its first own helper's day and the days an own helper was in place. `fangpin stats verify`
 * and the statistics benchmark run it; an empty `mismatches` means the figures read from the summary
 * equal those read from the base tables.
 */
export async function verifyHouseholdStats(tx: Tx, limit = 20): Promise<{ households: number; mismatched: number; mismatches: SummaryMismatch[] }> {
  const { rows } = await tx.query<{ householdId: string; summary: Record<string, unknown> | null; base: Record<string, unknown> | null; mismatched: number; households: number }>(
    `WITH persons AS (SELECT household_id, count(*)::int AS n FROM members GROUP BY household_id),
       helpers AS (
         SELECT household_id, min(assigned_on) AS first_on,
           range_agg(daterange(assigned_on, CASE WHEN ended_on IS NOT NULL THEN greatest(ended_on, assigned_on) END)) AS days
         FROM household_helpers WHERE kind IN ('cadre', 'person') GROUP BY household_id),
       base AS (
         SELECT h.id, h.county_code, h.region_code, coalesce(p.n, 0) AS persons, hp.first_on, coalesce(hp.days, '{}'::datemultirange) AS days
         FROM households h LEFT JOIN persons p ON p.household_id = h.id LEFT JOIN helpers hp ON hp.household_id = h.id),
       diff AS (
         SELECT coalesce(b.id, s.household_id) AS id,
           CASE WHEN s.household_id IS NOT NULL THEN jsonb_build_object('countyCode', s.county_code, 'regionCode', s.region_code, 'persons', s.persons, 'firstHelperOn', s.first_helper_on, 'helperDays', s.helper_days::text) END AS summary,
           CASE WHEN b.id IS NOT NULL THEN jsonb_build_object('countyCode', b.county_code, 'regionCode', b.region_code, 'persons', b.persons, 'firstHelperOn', b.first_on, 'helperDays', b.days::text) END AS base
         FROM base b FULL JOIN household_stats s ON s.household_id = b.id
         WHERE b.id IS NULL OR s.household_id IS NULL
           OR (b.county_code, b.region_code, b.persons, b.first_on) IS DISTINCT FROM (s.county_code, s.region_code, s.persons, s.first_helper_on) OR b.days <> s.helper_days)
     SELECT d.id AS "householdId", d.summary, d.base, (SELECT count(*) FROM diff)::int AS mismatched, (SELECT count(*) FROM households)::int AS households
     FROM diff d ORDER BY d.id LIMIT $1`,
    [limit],
  );
  if (rows.length === 0) {
    const { rows: n } = await tx.query<{ households: number }>(`SELECT count(*)::int AS households FROM households`);
    return { households: n[0]!.households, mismatched: 0, mismatches: [] };
  }
  return { households: rows[0]!.households, mismatched: rows[0]!.mismatched, mismatches: rows.map((r) => ({ householdId: r.householdId, summary: r.summary, base: r.base })) };
}
