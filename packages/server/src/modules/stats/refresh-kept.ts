import { addCalendarDays, REPORT_NAMES, type ReportName } from '@fangpin/domain';
import type pg from 'pg';
import { keptCountyParts } from './kept-parts.ts';
import type { Tx } from '../../db/client.ts';
import { countiesUnder, findStaleParts, pruneParts, readValidParts, type PartKey } from './parts-repo.ts';
import { computeCountyReport } from './report-tables.ts';
import { computeCountyPart } from './show-overview.ts';

/** The last day of the month before `today`'s (the date the monthly report tables are made as of). */
export function lastMonthEnd(today: string): string {
  return addCalendarDays(`${today.slice(0, 7)}-01`, -1);
}

/**
 * Brings the statistics' kept parts of today up to date (docs/statistics.md "Kept results"): drops
 * the parts of earlier days and the notes no part can need; computes, for every county of the region
 * tree, the overview as of today and the overview and the four report tables as of the last day of
 * the previous month (what a county sends upward every month) where they are missing or stale; and
 * computes again every other part counted today (another date someone asked for) that a change has
 * made stale since. County by county, one short snapshot each. The server runs it every
 * FANGPIN_STATS_REFRESH_SECONDS.
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
  await keep({ kind: 'overview', asOf: today, today }, computeCountyPart(today, today));
  await keep({ kind: 'overview', asOf: monthEnd, today }, computeCountyPart(monthEnd, today));
  for (const name of REPORT_NAMES) await keep({ kind: `report:${name}`, asOf: monthEnd, today }, computeCountyReport(name, monthEnd));
  for (const stale of await findStaleParts(pool, today)) {
    const key = { kind: stale.kind, asOf: stale.asOf, today };
    const report = stale.kind.startsWith('report:') ? (stale.kind.slice('report:'.length) as ReportName) : null;
    if (report && REPORT_NAMES.includes(report)) computed += (await keptCountyParts(pool, key, [stale.county], computeCountyReport(report, stale.asOf))).computed.length;
    else if (stale.kind === 'overview') computed += (await keptCountyParts(pool, key, [stale.county], computeCountyPart(stale.asOf, today))).computed.length;
  }
  return { counties: counties.length, computed, pruned };
}
