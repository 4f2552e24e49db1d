import {
  can,
  DUE_SOON_DAYS,
  IDENTIFICATION_STEPS,
  isInScope,
  MONITORING_STATUSES,
  normalizeRegionCode,
  regionLevelOf,
  regionSignificantPrefix,
  scopeOf,
  type Actor,
  type Scope,
} from '@fangpin/domain';
import type pg from 'pg';
import { readAll, type Tx } from '../../db/client.ts';
import { AppError } from '../../errors.ts';
import { visitIntervalsOf, type VisitIntervals } from '../monitoring/visit-schedule.ts';
import { deadlineCounts } from './deadlines-repo.ts';
import { childRegions, findRegion, FUNNEL_CHANNELS, funnelFigures, funnelRow, monitoringFigures, monthlyTrend, openCaseFigures, warningFigures, type Count } from './repo.ts';
import { computingStraight, countyRegion, inBackground, keepEach, keptCountyParts, sumRows, wholeCounties } from './kept-parts.ts';
import { keepTimeline, readTimelines, timelineKey, type TimelineRead } from './timeline.ts';
import { readValidParts } from './parts-repo.ts';

const FUNNEL_ORDER = FUNNEL_CHANNELS;

/** The significant prefix length of a region's children (county → townships …); null below a township. */
const CHILD_PREFIX: Partial<Record<string, number>> = { province: 4, city: 6, county: 9, township: 12 };

export type StatsRegion = { scope: Scope; regionCode: string | null; regionName: string | null; level: string | null; prefix: string };

/**
 * The region the statistics are for: the one asked, or the actor's own. A region outside the
 * actor's scope, or one the region tree does not know, is not found (404), as records outside the
 * scope are elsewhere. `actor: null` is the CLI: every region unless one is given.
 */
export async function resolveStatsRegion(tx: Tx, actor: Actor | null, regionCode: string | undefined): Promise<StatsRegion> {
  if (actor && !can(actor, 'stats.read')) throw AppError.because('FORBIDDEN', 'statsNotAllowed');
  const scope: Scope = actor ? scopeOf(actor) : { regionPrefix: '', countyCodes: [] };
  const asked = regionCode ?? actor?.regionCode;
  if (asked === undefined) return { scope, regionCode: null, regionName: null, level: null, prefix: '' };
  let full: string;
  try {
    full = normalizeRegionCode(asked);
  } catch {
    throw new AppError('VALIDATION_FAILED', 'regionCode must be a region code', { field: 'regionCode' });
  }
  if (actor && !isInScope(scope, full)) throw AppError.because('NOT_FOUND', 'statsRegionNotFound', { regionCode: asked.trim() }, { field: 'regionCode' });
  const region = await findRegion(tx, full);
  if (!region) throw AppError.because('NOT_FOUND', 'statsRegionNotFound', { regionCode: asked.trim() }, { field: 'regionCode' });
  return { scope, regionCode: asked.trim(), regionName: region.name, level: regionLevelOf(full), prefix: regionSignificantPrefix(full) };
}

const zeroCount = (): Count => ({ households: 0, persons: 0 });

/** The visit intervals in force today for the counties of the statistics region (the deadline board's and the card's). */
export function regionVisitIntervals(tx: Tx, region: StatsRegion, today: string): Promise<VisitIntervals> {
  return visitIntervalsOf(tx, region.prefix.length >= 6 ? [region.prefix.slice(0, 6)] : region.scope.countyCodes, today);
}

/**
 * Helper visits due (走访逾期, docs/statistics.md "Visits overdue"): the deadline board's `helperVisit`
 * rows counted on today — the schedule is read as it stands now (the last visit recorded, the
 * status and the rule set of today), so it has no honest as-of reading.
 */
async function visitFigures(tx: Tx, region: StatsRegion, today: string) {
  const visitIntervals = await regionVisitIntervals(tx, region, today);
  const [row] = await deadlineCounts(tx, { scope: region.scope, prefix: region.prefix, today, dueSoonDays: DUE_SOON_DAYS, openEliminationSteps: [], visitIntervals }, ['helperVisit']);
  return { overdue: row?.overdue ?? 0, dueSoon: row?.dueSoon ?? 0, scheduled: row?.all ?? 0, today };
}

/** What one region's figures are made of, before presenting: rows of strings and counts, so that a region's are the sum of its counties' (docs/statistics.md "Kept results"). */
type OverviewParts = {
  figures: { kind: string; key: string | null; households: number; persons: number }[];
  trend: { month: string; identified: number; eliminated: number }[];
  funnel: Awaited<ReturnType<typeof funnelFigures>>;
  cases: { step: string; n: number; overdue: number; dueSoon: number }[];
  warnings: { kind: string; key: string; n: number }[];
  visits: { overdue: number; dueSoon: number; scheduled: number };
};

/** Computes a region's parts from the base tables (`childLength`: the prefix length its `region` rows are keyed by). */
async function computeParts(tx: Tx, region: StatsRegion, asOf: string, today: string, childLength: number | null): Promise<OverviewParts> {
  const w = { scope: region.scope, prefix: region.prefix, asOf };
  const [figures, trend, funnel, now, warnings] = await readAll(tx, [
    () => monitoringFigures(tx, w, childLength),
    () => monthlyTrend(tx, w),
    () => funnelFigures(tx, w),
    () => nowFigures(tx, region, today),
    () => warningFigures(tx, w),
  ]);
  return { figures, trend, funnel, warnings, ...now };
}

/** What the overview counts on the day rather than as of the date: open cases and helper visits due. */
type NowFigures = Pick<OverviewParts, 'cases' | 'visits'>;

async function nowFigures(tx: Tx, region: StatsRegion, today: string): Promise<NowFigures> {
  const cases = await openCaseFigures(tx, region.scope, region.prefix, today, DUE_SOON_DAYS);
  const visits = await visitFigures(tx, region, today);
  return { cases, visits: { overdue: visits.overdue, dueSoon: visits.dueSoon, scheduled: visits.scheduled } };
}

/**
 * The figures that always have a row (monitoringFigures' total and what it derives from it), even
 * with nothing to count; the grouped ones (category, status, risk, region) have a row only for what
 * is counted, as a GROUP BY gives them.
 */
const ALWAYS = ['total', 'uncoveredRisks', 'uncoveredHouseholds', 'onTime', 'late', 'unassigned'];

/** A county's overview parts as of the date from its kept timeline (timeline.ts): the same rows computeParts gives. */
function partsFromTimeline(t: TimelineRead<NowFigures>): OverviewParts {
  const figures: OverviewParts['figures'] = ALWAYS.map((kind) => ({ kind, key: null, ...t.value(kind, '') }));
  const funnel = new Map<string, Map<string, { n: number; persons: number }>>();
  const warnings: OverviewParts['warnings'] = [];
  for (const [kind, key] of t.keys) {
    const v = t.value(kind, key);
    if (['category', 'status', 'risk', 'region'].includes(kind)) {
      if (v.households > 0) figures.push({ kind, key, households: v.households, persons: v.persons });
    } else if (kind.startsWith('funnel:')) {
      if (!funnel.has(key)) funnel.set(key, new Map());
      funnel.get(key)!.set(kind.slice('funnel:'.length), { n: v.households, persons: v.persons });
    } else if (kind.startsWith('warning:')) {
      if (v.households > 0) warnings.push({ kind: kind.slice('warning:'.length), key, n: v.households });
    }
  }
  return {
    figures,
    trend: t.trend,
    funnel: FUNNEL_CHANNELS.map((channel) => funnelRow(channel, (stage) => funnel.get(channel)?.get(stage))),
    warnings,
    ...t.now,
  };
}

/** Counties whose timeline this process is keeping now (a second request does not queue it again). */
const keepingTimelines = new Set<string>();

/** Keeps the timelines of `counties` as of `today` in the background, one county at a time (kept-parts.ts `keepEach`). */
export function keepTimelinesInBackground(pool: pg.Pool, counties: readonly string[], today: string): void {
  const todo = counties.filter((c) => !keepingTimelines.has(c));
  if (todo.length === 0) return;
  for (const c of todo) keepingTimelines.add(c);
  inBackground(
    // A county whose timeline is valid by its turn (kept by the refresh, or valid all along when the
    // read computed straight) is passed over.
    keepEach(`the timelines of ${today}`, todo, async (county) => (await readValidParts(pool, timelineKey(today), [county])).has(county) || keepCountyTimeline(pool, county, today)).finally(() => {
      for (const c of todo) keepingTimelines.delete(c);
    }),
  );
}

/** Computes and keeps one county's timeline (the refresh keeps every county's). */
export function keepCountyTimeline(pool: pg.Pool, county: string, today: string): Promise<boolean> {
  return keepTimeline(pool, county, today, CHILD_PREFIX.county!, (tx, c) => nowFigures(tx, countyRegion(c), today));
}

/**
 * A region's parts as the sum of its counties' (each computed with the county as its scope and
 * its `region` rows by township): the `region` rows of a city or province are its counties' totals
 * keyed by the child's prefix; a county's own are its townships'.
 */
function mergeCountyParts(parts: ReadonlyMap<string, OverviewParts>, childLength: number | null, level: string | null): OverviewParts {
  const all = [...parts.entries()];
  const figures = sumRows(
    all.map(([county, p]) => {
      if (level === 'county') return p.figures;
      const rows = p.figures.filter((f) => f.kind !== 'region');
      const total = p.figures.find((f) => f.kind === 'total');
      if (childLength && total) rows.push({ kind: 'region', key: county.slice(0, childLength), households: total.households, persons: total.persons });
      return rows;
    }),
  );
  const funnelRows = sumRows(all.map(([, p]) => p.funnel));
  return {
    figures,
    trend: sumRows(all.map(([, p]) => p.trend)).sort((a, b) => a.month.localeCompare(b.month)),
    funnel: FUNNEL_ORDER.map((c) => funnelRows.find((r) => r.channel === c)).filter((r) => r !== undefined),
    cases: sumRows(all.map(([, p]) => p.cases)),
    warnings: sumRows(all.map(([, p]) => p.warnings)),
    visits: sumRows(all.map(([, p]) => [p.visits]))[0] ?? { overdue: 0, dueSoon: 0, scheduled: 0 },
  };
}

const overviewKey = (asOf: string, today: string) => ({ kind: 'overview', asOf, today });
/** How one county's overview part is computed (the refresh computes stale ones again). */
export const computeCountyPart = (asOf: string, today: string) => (tx: Tx, county: string) => computeParts(tx, countyRegion(county), asOf, today, CHILD_PREFIX.county!);

/**
 * The overview parts of `counties` as of the date, counted on `today`, kept or computed in one
 * snapshot (kept-parts.ts); `computed` names the counties that were computed.
 */
export function countyOverviewParts(pool: pg.Pool, counties: readonly string[], asOf: string, today: string) {
  return keptCountyParts<OverviewParts>(pool, overviewKey(asOf, today), counties, computeCountyPart(asOf, today));
}

/**
 * Missing overview parts a request computes county by county (on up to three connections); with
 * more missing (a date nobody asked before, the morning after every county changed), its figures
 * are computed straight from the base tables (one statement per figure for all its counties: faster
 * than a hundred county statements) and the parts are kept in the background for the next request.
 * Measured on the province of 100 counties at 10,000,000 persons, after writes in n counties:
 * 20 counties 5.6-5.8 s county by county, 40 counties 11.0-11.1 s, about 0.28 s a county; the
 * province straight 6.7-8.2 s since its statements were made cheaper (docs/statistics.md "Tables of
 * a new date within 3 s"), so beyond about 25 counties straight is sooner (it took 14-15 s when
 * this was set to 40).
 */
export const COMPUTE_AT_MOST = 25;

/**
 * The same for a report table: a county's table costs more against the province's straight
 * statement than a county's overview does (帮扶措施落实情况表: 220-330 ms a county, about 2 s the
 * province's statements), so a report computes fewer counties one by one.
 */
export const REPORT_COMPUTE_AT_MOST = 10;

/**
 * The overview (docs/statistics.md; automation contract of issue 14): monitoring objects as of the
 * date by category, risk type, status and child region, the monthly trend, the discovery funnel,
 * open cases, helper timeliness, coverage and department warnings. A county or wider region seen
 * whole is the sum of its counties' kept parts; a narrower one is computed directly.
 */
export async function showOverview(
  pool: pg.Pool,
  actor: Actor | null,
  today: string,
  input: { regionCode?: string | undefined; asOf?: string | undefined },
  options: { keptParts?: boolean; computeAtMost?: number; sources?: (s: OverviewSources) => void } = {},
) {
  const region = await resolveStatsRegion(pool, actor, input.regionCode);
  const asOf = input.asOf ?? today;
  const childLength = region.level ? (CHILD_PREFIX[region.level] ?? null) : null;
  // keptParts false: straight from the base tables (the tests' and the benchmark's reference).
  const counties = options.keptParts === false ? null : await wholeCounties(pool, region);
  const [parts, children] = await Promise.all([
    counties
      ? countiesOverview(pool, counties, region, asOf, today, childLength, options.computeAtMost ?? COMPUTE_AT_MOST, options.sources)
      : computeParts(pool, region, asOf, today, childLength),
    region.regionCode && childLength ? childRegions(pool, normalizeRegionCode(region.regionCode)) : Promise.resolve([]),
  ]);
  return presentOverview(parts, children, { asOf, today, regionCode: region.regionCode, regionName: region.regionName });
}

/**
 * A region seen as whole counties: each county's kept part of the date; the counties without one
 * from their kept timeline read as of the date (and the part kept: the next read of the date is
 * ~30 ms instead of ~150 ms for a province); the others computed (at most `computeAtMost`, else the
 * region straight from the base tables), then their timelines kept in the background, so the next
 * date asked is read from them.
 */
async function countiesOverview(
  pool: pg.Pool,
  counties: readonly string[],
  region: StatsRegion,
  asOf: string,
  today: string,
  childLength: number | null,
  computeAtMost: number,
  sources?: (s: OverviewSources) => void,
) {
  const fromKept = async (tx: Tx, cs: readonly string[]) => {
    const parts = new Map<string, OverviewParts>();
    for (const [county, t] of await readTimelines<NowFigures>(tx, cs, asOf, today)) parts.set(county, partsFromTimeline(t));
    return parts;
  };
  const r = await keptCountyParts<OverviewParts>(pool, overviewKey(asOf, today), counties, computeCountyPart(asOf, today), { computeAtMost, fromKept, keepInBackground: false });
  sources?.(r ? { kept: counties.length - r.computed.length - r.derived.length, timeline: r.derived.length, computed: r.computed.length, straight: false } : { kept: 0, timeline: 0, computed: 0, straight: true });
  // Counted as running before the background starts, so that the keeping waits for it.
  const figures = r ? mergeCountyParts(r.parts, childLength, region.level) : computingStraight(() => computeParts(pool, region, asOf, today, childLength));
  // The counties computed had no valid timeline (computed straight: some may have one). One read
  // from its kept part of the date was computed, with its timeline kept after, or made from it.
  keepTimelinesInBackground(pool, r ? r.computed : counties, today);
  return figures;
}

/** How a read of whole counties was served: counties read from kept parts of the date, from timelines, computed; or the region computed straight. */
export type OverviewSources = { kept: number; timeline: number; computed: number; straight: boolean };

function presentOverview(
  parts: OverviewParts,
  children: readonly { code: string; name: string }[],
  at: { asOf: string; today: string; regionCode: string | null; regionName: string | null },
) {
  const { trend, funnel, cases, warnings, visits } = parts;
  // In key order, so that a region's figures list the same way whether computed or added up.
  const figures = [...parts.figures].sort((a, b) => (a.key ?? '').localeCompare(b.key ?? ''));
  const one = (kind: string) => {
    const r = figures.find((f) => f.kind === kind);
    return { households: r?.households ?? 0, persons: r?.persons ?? 0 };
  };
  const grouped = (kind: string, keys: readonly string[] = []) => {
    const out: Record<string, Count> = Object.fromEntries(keys.map((k) => [k, zeroCount()]));
    for (const f of figures) if (f.kind === kind && f.key !== null) out[f.key] = { households: f.households, persons: f.persons };
    return out;
  };
  const regionCounts = grouped('region');
  const byStep: Record<string, number> = {};
  for (const step of IDENTIFICATION_STEPS) if (step !== 'closed' && step !== 'withdrawn') byStep[step] = cases.find((c) => c.step === step)?.n ?? 0;
  const total = one('total');
  return {
    asOf: at.asOf,
    regionCode: at.regionCode,
    regionName: at.regionName,
    monitoring: {
      households: total.households,
      persons: total.persons,
      byCategory: grouped('category', ['unstable', 'marginal', 'sudden']),
      byRiskType: grouped('risk'),
      byStatus: grouped('status', MONITORING_STATUSES),
      byRegion: children.map((c) => ({ code: c.code, name: c.name, ...(regionCounts[regionSignificantPrefix(c.code)] ?? zeroCount()) })),
    },
    trend,
    funnel,
    openCases: {
      total: cases.reduce((n, c) => n + c.n, 0),
      byStep,
      overdue: cases.reduce((n, c) => n + c.overdue, 0),
      dueSoon: cases.reduce((n, c) => n + c.dueSoon, 0),
      /** Counted on this day (the cases' current state), whatever the as-of date. */
      today: at.today,
    },
    helpers: { assignedOnTime: one('onTime').households, assignedLate: one('late').households, unassigned: one('unassigned').households },
    coverage: { uncoveredRisks: one('uncoveredRisks').households, uncoveredHouseholds: one('uncoveredHouseholds').households },
    warnings: {
      bySource: Object.fromEntries(warnings.filter((r) => r.kind === 'source').map((r) => [r.key, r.n])),
      byStatus: Object.fromEntries(warnings.filter((r) => r.kind === 'status').map((r) => [r.key, r.n])),
    },
    /** Counted on this day (the visit schedule as it stands now), whatever the as-of date. */
    visits: { ...visits, today: at.today },
  };
}

export type Overview = Awaited<ReturnType<typeof showOverview>>;
