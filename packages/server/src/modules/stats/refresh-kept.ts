import { addCalendarDays, REPORT_NAMES, type ReportName } from '@fangpin/domain';
import type pg from 'pg';
import { keptCountyParts, yieldToStraight } from './kept-parts.ts';
import type { Tx } from '../../db/client.ts';
import { countiesUnder, dropPart, findStaleParts, pruneParts, readValidParts, type PartKey } from './parts-repo.ts';
import { computeCountyReport } from './report-tables.ts';
import { keepCountyTimeline } from './show-overview.ts';
import { TIMELINE_KIND, timelineKey } from './timeline.ts';

/** The last day of the month before `today`'s (the date the monthly report tables are made as of). */
export function lastMonthEnd(today: string): string {
  return addCalendarDays(`${today.slice(0, 7)}-01`, -1);
}

/**
 * Keeps the timeline of each county (of the region tree, or `counties`) that has none valid today:
 * none kept yet today, or a change since (timeline.ts). Returns how many were kept.
 */
export async function refreshTimelines(pool: pg.Pool, today: string, counties?: readonly string[]): Promise<number> {
  const all = counties ?? (await countiesUnder(pool, ''));
  const valid = await readValidParts(pool, timelineKey(today), all);
  let kept = 0;
  for (const county of all) {
    if (valid.has(county)) continue;
    await yieldToStraight();
    if (await keepCountyTimeline(pool, county, today)) kept++;
  }
  return kept;
}

/**
 * Brings the statistics' kept parts of today up to date (docs/statistics.md "Kept results"): drops
 * the parts of earlier days and the notes no part can need; computes, for every county of the region
 * tree, its timeline (the overview as of any date, timeline.ts) and the four report tables as of the
 * last day of the previous month (what a county sends upward every month) where they are missing or
 * stale; and computes again every other report part counted today (another date someone asked for)
 * that a change has made stale since. County by county, one short snapshot each. The server runs it
 * every FANGPIN_STATS_REFRESH_SECONDS.
 */
export async function refreshKeptParts(pool: pg.Pool, today: string): Promise<{ counties: number; computed: number; pruned: number }> {
  const pruned = await pruneParts(pool);
  const counties = await countiesUnder(pool, '');
  const monthEnd = lastMonthEnd(today);
  let computed = 0;
  // Each key's valid parts read once for every county; only the missing or stale are computed (each in its own short snapshot).
  const keep = async <T>(key: PartKey, compute: (tx: Tx, county: string) => Promise<T>) => {
    const valid = await readValidParts(pool, key, counties);
    for (const county of counties) if (!valid.has(county)) computed += (await keptCountyParts(pool, key, [county], compute)).computed.length;
  };
  computed += await refreshTimelines(pool, today, counties);
  for (const name of REPORT_NAMES) await keep({ kind: `report:${name}`, asOf: monthEnd, today }, computeCountyReport(name, monthEnd));
  for (const stale of await findStaleParts(pool, today)) {
    const key = { kind: stale.kind, asOf: stale.asOf, today };
    const report = stale.kind.startsWith('report:') ? (stale.kind.slice('report:'.length) as ReportName) : null;
    if (report && REPORT_NAMES.includes(report)) computed += (await keptCountyParts(pool, key, [stale.county], computeCountyReport(report, stale.asOf))).computed.length;
    else if (stale.kind === TIMELINE_KIND) {
      if (await keepCountyTimeline(pool, stale.county, today)) computed++;
    }
    // A stale overview part of one date (a date someone asked: computed, or made from the timeline)
    // is dropped, not computed again: the county's timeline, kept above, gives every date.
    else if (stale.kind === 'overview') await dropPart(pool, key, stale.county);
  }
  return { counties: counties.length, computed, pruned };
}
