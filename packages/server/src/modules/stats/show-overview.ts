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
import { readAll, type Tx } from '../../db/client.ts';
import { AppError } from '../../errors.ts';
import { visitIntervalsOf, type VisitIntervals } from '../monitoring/visit-schedule.ts';
import { deadlineCounts } from './deadlines-repo.ts';
import { childRegions, findRegion, funnelFigures, monitoringFigures, monthlyTrend, openCaseFigures, warningFigures, type Count } from './repo.ts';

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

/**
 * The overview (docs/statistics.md; automation contract of issue 14): monitoring objects as of the
 * date by category, risk type, status and child region, the monthly trend, the discovery funnel,
 * open cases, helper timeliness, coverage and department warnings.
 */
export async function showOverview(tx: Tx, actor: Actor | null, today: string, input: { regionCode?: string | undefined; asOf?: string | undefined }) {
  const region = await resolveStatsRegion(tx, actor, input.regionCode);
  const asOf = input.asOf ?? today;
  const w = { scope: region.scope, prefix: region.prefix, asOf };
  const childLength = region.level ? (CHILD_PREFIX[region.level] ?? null) : null;
  const [figures, children, trend, funnel, cases, warnings, visits] = await readAll(tx, [
    () => monitoringFigures(tx, w, childLength),
    () => region.regionCode && childLength ? childRegions(tx, normalizeRegionCode(region.regionCode)) : Promise.resolve([]),
    () => monthlyTrend(tx, w),
    () => funnelFigures(tx, w),
    () => openCaseFigures(tx, region.scope, region.prefix, today, DUE_SOON_DAYS),
    () => warningFigures(tx, w),
    () => visitFigures(tx, region, today),
  ]);
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
    asOf,
    regionCode: region.regionCode,
    regionName: region.regionName,
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
      today,
    },
    helpers: { assignedOnTime: one('onTime').households, assignedLate: one('late').households, unassigned: one('unassigned').households },
    coverage: { uncoveredRisks: one('uncoveredRisks').households, uncoveredHouseholds: one('uncoveredHouseholds').households },
    warnings: {
      bySource: Object.fromEntries(warnings.filter((r) => r.kind === 'source').map((r) => [r.key, r.n])),
      byStatus: Object.fromEntries(warnings.filter((r) => r.kind === 'status').map((r) => [r.key, r.n])),
    },
    /** Counted on this day (the visit schedule as it stands now), whatever the as-of date. */
    visits,
  };
}

export type Overview = Awaited<ReturnType<typeof showOverview>>;
