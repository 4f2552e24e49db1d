import { addCalendarDays } from '@fangpin/domain';
import type pg from 'pg';
import type { Tx } from '../../db/client.ts';
import { currentSnapshot, PART_IS_STALE, storeParts, type PartKey } from './parts-repo.ts';
import { countyChangesSql } from './repo.ts';

/**
 * The statistics' timelines (docs/statistics.md "Timelines"): each county's as-of figures kept as
 * running sums by day in stats_timeline_rows, so that the overview of any date — one nobody asked
 * before included — is one index lookup per figure and county instead of a pass over the records.
 * A county's timeline is valid with its `timeline` part in stats_parts, kept in the same transaction
 * with the snapshot the rows were computed under; the part's payload names the figures (`keys`) and
 * carries what is counted on the day rather than as of a date (open cases, visits due).
 */

export const TIMELINE_KIND = 'timeline';

/** The part that says a county's timeline is valid: counted on `today` (parts live for the day they were counted on). */
export const timelineKey = (today: string): PartKey => ({ kind: TIMELINE_KIND, asOf: today, today });

/** Lock class of the advisory lock one keeper of a county's timeline holds (any process). */
const KEEPER_LOCK = 0x5f7a1e;

/** The trend's figures: read on the last day of each of the twelve months instead of on the date. */
const TREND_KINDS = ['trendIdentified', 'trendEliminated'];

/**
 * Computes and keeps one county's timeline with `now`, the figures counted on the day (open cases,
 * visits due), in one REPEATABLE READ transaction whose snapshot the part records. `childLength`:
 * the prefix length the `region` figures are keyed by (townships). Returns false without doing
 * anything when another connection is keeping the same county's now.
 *
 * A timeline of an earlier day that is still valid in the transaction's snapshot (no change of the
 * county since: the night's first refresh, a quiet county) is carried over instead: only `now` is
 * computed, and today's part is kept with the earlier part's snapshot and figures, its rows as they
 * are. That is exact: the rows were written with a snapshot that saw at least what the earlier
 * part's saw (a keeper's snapshot sees every earlier keeper's commit), and no change of the county
 * is visible now that the earlier snapshot did not see, so every snapshot between them sees the same
 * county; `now` is of today's snapshot, which sees the county as that one does, so a reader for which
 * the part is valid sees it as both do. The earlier part lives at most a day (`fangpin_stats_prune`),
 * so the change notes it is checked against are still kept.
 */
export async function keepTimeline<N extends object>(
  pool: pg.Pool,
  county: string,
  today: string,
  childLength: number,
  now: (tx: Tx, county: string) => Promise<N>,
): Promise<boolean> {
  const client = await pool.connect();
  try {
    // Taken before the transaction, so that its snapshot sees whatever the previous keeper wrote.
    const { rows } = await client.query<{ got: boolean }>(`SELECT pg_try_advisory_lock($1, hashtext($2)) AS got`, [KEEPER_LOCK, county]);
    if (!rows[0]!.got) return false;
    try {
      const started = performance.now();
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ');
      try {
        const snapshot = await currentSnapshot(client);
        const earlier = await client.query<{ snapshot: string; keys: [string, string][] }>(
          `SELECT p.snapshot::text AS snapshot, p.payload->'keys' AS keys FROM stats_parts p
           WHERE p.kind = $1 AND p.county_code = $2 AND p.today < $3::date AND p.as_of = p.today AND NOT ${PART_IS_STALE}
           ORDER BY p.today DESC LIMIT 1`,
          [TIMELINE_KIND, county, today],
        );
        if (earlier.rows[0]) {
          const payload = { ...(await now(client, county)), keys: earlier.rows[0].keys };
          await storeParts(client, timelineKey(today), earlier.rows[0].snapshot, [{ county, payload, ms: performance.now() - started }]);
          await client.query('COMMIT');
          return true;
        }
        await client.query(`DELETE FROM stats_timeline_rows WHERE county_code = $1`, [county]);
        const params: unknown[] = [county];
        const changes = countyChangesSql({ scope: { regionPrefix: '', countyCodes: [county] }, prefix: '' }, childLength, params);
        await client.query(
          `INSERT INTO stats_timeline_rows (county_code, kind, key, day, households, persons)
           SELECT $1, d.kind, d.key, d.day, sum(d.h) OVER w, sum(d.p) OVER w
           FROM (SELECT c.kind, coalesce(c.key, '') AS key, c.day, sum(c.h) AS h, sum(c.p) AS p FROM (${changes}) c
                 GROUP BY 1, 2, 3 HAVING sum(c.h) <> 0 OR sum(c.p) <> 0) d
           WINDOW w AS (PARTITION BY d.kind, d.key ORDER BY d.day)`,
          params,
        );
        const keys = await client.query<{ kind: string; key: string }>(`SELECT DISTINCT kind, key FROM stats_timeline_rows WHERE county_code = $1 ORDER BY 1, 2`, [county]);
        const payload = { ...(await now(client, county)), keys: keys.rows.map((k) => [k.kind, k.key]) };
        await storeParts(client, timelineKey(today), snapshot, [{ county, payload, ms: performance.now() - started }]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      }
    } finally {
      await client.query(`SELECT pg_advisory_unlock($1, hashtext($2))`, [KEEPER_LOCK, county]);
    }
    return true;
  } finally {
    client.release();
  }
}

/** A figure's value as of the date: households and persons (or the count a figure keeps in `households`). */
export type TimelineValue = { households: number; persons: number };

/** One county's kept timeline read as of a date. */
export type TimelineRead<N> = {
  /** What the part counted on the day (its payload without the keys). */
  now: N;
  /** Each figure's value as of the date, by `kind` and `key` ('' for none). */
  value: (kind: string, key: string) => TimelineValue;
  /** The figures (kind, key) the county has. */
  keys: readonly (readonly [string, string])[];
  /** The twelve months of the trend, ending with the date's: identified and eliminated households in each, days after the date not counted. */
  trend: { month: string; identified: number; eliminated: number }[];
};

/** The last day of each of the twelve months ending with `asOf`'s, the last being `asOf` itself, after the day before the first (13 days). */
export function trendBounds(asOf: string): { months: string[]; bounds: string[] } {
  const [y, m] = asOf.split('-').map(Number) as [number, number];
  const months: string[] = [];
  const bounds: string[] = [];
  for (let i = 11; i >= 0; i--) {
    const first = new Date(Date.UTC(y, m - 1 - i, 1));
    months.push(first.toISOString().slice(0, 7));
    if (i === 11) bounds.push(addCalendarDays(first.toISOString().slice(0, 10), -1));
    bounds.push(i === 0 ? asOf : addCalendarDays(new Date(Date.UTC(y, m - i, 1)).toISOString().slice(0, 10), -1));
  }
  return { months, bounds };
}

/**
 * The kept timelines of `counties` valid for the reader `tx` (REPEATABLE READ: the validity and the
 * rows are read in its one snapshot), read as of `asOf`: each figure's last row on or before the
 * date, the trend's on the last day of each month. Counties without a valid timeline are absent.
 */
export async function readTimelines<N>(tx: Tx, counties: readonly string[], asOf: string, today: string): Promise<Map<string, TimelineRead<N>>> {
  const key = timelineKey(today);
  const valid = await tx.query<{ county: string; payload: N & { keys: [string, string][] } }>(
    `SELECT p.county_code AS county, p.payload FROM stats_parts p
     WHERE p.kind = $1 AND p.as_of = $2::date AND p.today = $3::date AND p.county_code = ANY($4::varchar[]) AND NOT ${PART_IS_STALE}`,
    [key.kind, key.asOf, key.today, counties],
  );
  const out = new Map<string, TimelineRead<N>>();
  if (valid.rows.length === 0) return out;
  const { months, bounds } = trendBounds(asOf);
  const { rows } = await tx.query<{ county: string; kind: string; key: string; day: string; households: number; persons: number }>(
    `SELECT k.county, k.kind, k.key, to_char(b.day, 'YYYY-MM-DD') AS day, coalesce(v.households, 0) AS households, coalesce(v.persons, 0) AS persons
     FROM (SELECT p.county_code AS county, e->>0 AS kind, e->>1 AS key FROM stats_parts p CROSS JOIN LATERAL jsonb_array_elements(p.payload->'keys') e
           WHERE p.kind = $1 AND p.as_of = $2::date AND p.today = $3::date AND p.county_code = ANY($4::varchar[])) k
     CROSS JOIN LATERAL unnest(CASE WHEN k.kind = ANY($5::text[]) THEN $6::date[] ELSE ARRAY[$7::date] END) b(day)
     LEFT JOIN LATERAL (
       SELECT r.households, r.persons FROM stats_timeline_rows r
       WHERE r.county_code = k.county AND r.kind = k.kind AND r.key = k.key AND r.day <= b.day ORDER BY r.day DESC LIMIT 1) v ON true`,
    [key.kind, key.asOf, key.today, valid.rows.map((r) => r.county), TREND_KINDS, bounds, asOf],
  );
  const values = new Map<string, Map<string, TimelineValue>>();
  for (const r of rows) {
    let county = values.get(r.county);
    if (!county) values.set(r.county, (county = new Map()));
    county.set(`${r.kind}\u0001${r.key}\u0001${r.day}`, { households: r.households, persons: r.persons });
  }
  for (const { county, payload } of valid.rows) {
    const { keys, ...now } = payload;
    const at = values.get(county) ?? new Map<string, TimelineValue>();
    const on = (kind: string, key: string, day: string) => at.get(`${kind}\u0001${key}\u0001${day}`) ?? { households: 0, persons: 0 };
    const trendOf = (kind: string) => bounds.slice(1).map((day, i) => on(kind, '', day).households - on(kind, '', bounds[i]!).households);
    const identified = trendOf('trendIdentified');
    const eliminated = trendOf('trendEliminated');
    out.set(county, {
      now: now as N,
      keys,
      value: (kind, k) => on(kind, k, asOf),
      trend: months.map((month, i) => ({ month, identified: identified[i]!, eliminated: eliminated[i]! })),
    });
  }
  return out;
}
