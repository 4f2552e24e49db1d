import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCounty, buildHousehold, buildWarning, type BuiltHousehold, type TestCounty } from '../../../test/factories.ts';
import { createScratchDatabase, type ScratchDatabase } from '../../../test/scratch-db.ts';
import { createTestContext, type TestContext } from '../../../test/test-app.ts';
import { withTransaction } from '../../db/client.ts';
import { SYSTEM_ACTOR } from '../audit/record-audit.ts';
import { openClueWithCase } from '../cases/open-case.ts';
import { REPORT_NAMES } from '@fangpin/domain';
import { reportTableOf } from './report-tables.ts';
import { computeCountyPart, countyOverviewParts, keepCountyTimeline, keepTimelinesInBackground, resolveStatsRegion, showOverview, type OverviewSources } from './show-overview.ts';
import { trendBounds } from './timeline.ts';
import { lastMonthEnd, refreshKeptParts } from './refresh-kept.ts';
import { findStaleParts, pruneParts } from './parts-repo.ts';
import { computingStraight, keptCountyParts, onKeptPartsFailure, settleKeptParts, stopBackgroundKeeping, sumRows } from './kept-parts.ts';

/**
 * The statistics' kept parts (docs/statistics.md "Kept results"): a county or wider region's
 * overview is the sum of its counties' kept parts, each valid while no change of its county is
 * visible to the reader that its snapshot did not see. Its own database: the province's figures
 * must not move with other test files' writes.
 */
let db: ScratchDatabase;
let ctx: TestContext;
const counties: TestCounty[] = [];
const TODAY = '2026-11-20';
const DATES = ['2026-03-31', '2026-10-31', TODAY];

async function seedCounty(county: TestCounty, n: number) {
  const hh: BuiltHousehold[] = [];
  for (let i = 0; i < 6; i++) {
    const members = Array.from({ length: 1 + ((i + n) % 4) }, (_, k) => ({ name: `户${i}成员${k}`, relation: k === 0 ? 'head' : 'child' }));
    hh.push(await buildHousehold(ctx, { villageCode: county.villages[(i + n) % 4]!.code, members }));
  }
  const monitoring = [
    ['unstable', ['01'], '2026-03-10', '2026-09-15', null],
    ['marginal', ['01', '07'], '2026-05-20', '2026-11-05', null],
    ['sudden', ['05'], '2026-10-10', null, null],
    ['unstable', ['01', '03'], '2026-11-02', null, null],
    ['marginal', ['03'], '2026-01-05', '2026-04-01', '2026-08-01'],
  ] as const;
  for (const [i, [category, risks, identifiedOn, eliminatedOn, rolledBackOn]] of monitoring.entries()) {
    if (i === 4 && n === 1) continue; // the counties differ
    await ctx.pool.query(
      `INSERT INTO household_monitoring (household_id, county_code, category, risk_types, identified_on, income_year, per_capita_income, eliminated_on, elimination_mode, rolled_back_on, helper_due_on, uncovered_risk_types)
       VALUES ($1, $2, $3, $4, $5, 2026, 8000, $6, $7, $8, $5::date + 7, $9)`,
      [hh[i]!.id, county.countyCode, category, risks, identifiedOn, eliminatedOn, eliminatedOn ? 'assisted' : null, rolledBackOn, i % 2 ? [risks[0]] : []],
    );
  }
  await ctx.pool.query(`INSERT INTO household_helpers (county_code, household_id, kind, name, assigned_on, assigned_by) VALUES ($1, $2, 'cadre', '帮扶人', '2026-03-15', 'test')`, [county.countyCode, hh[0]!.id]);
  await ctx.pool.query(`INSERT INTO helper_visits (county_code, household_id, visited_on, visitor_name, visitor_role, observed) VALUES ($1, $2, '2026-08-22', '帮扶人', 'helping-cadre', '稳定')`, [county.countyCode, hh[2]!.id]);
  const opened = await withTransaction(ctx.pool, (tx) => openClueWithCase(tx, SYSTEM_ACTOR, { regionCode: hh[1]!.regionCode, householdId: hh[1]!.id, channel: 'hotline', riskTypes: ['01'], summary: '测试线索', clueDate: '2026-05-01' }));
  await ctx.pool.query(`UPDATE cases SET step = 'closed', decision = '{"kind":"approved","on":"2026-05-20"}' WHERE id = $1`, [opened.caseId]);
  await ctx.pool.query(
    `INSERT INTO hotline_calls (county_code, region_code, household_id, clue_id, called_at, caller_name, content, result, handler_name, callback_due_on, callback_at) VALUES ($1, $2, $3, $4, '2026-05-01T02:00:00Z', '来电人', '因病', 'dispatched', '接线员', '2026-05-05', NULL)`,
    [county.countyCode, hh[1]!.regionCode, hh[1]!.id, opened.clueId],
  );
  const visit = await withTransaction(ctx.pool, (tx) => openClueWithCase(tx, SYSTEM_ACTOR, { regionCode: hh[2]!.regionCode, householdId: hh[2]!.id, channel: 'visit', riskTypes: ['05'], summary: '走访线索', clueDate: '2026-10-01' }));
  await ctx.pool.query(`UPDATE cases SET step = 'homeVerification', due_on = '2026-10-22', step_due_on = '2026-10-08' WHERE id = $1`, [visit.caseId]);
  const w = await buildWarning(ctx.pool, { household: hh[0]!, status: 'dispatched' });
  await ctx.pool.query(`UPDATE warnings SET created_at = '2026-10-05T02:00:00Z' WHERE id = $1`, [w.id]);
  return hh;
}

const overview = (regionCode: string | undefined, asOf: string, keptParts = true) => showOverview(ctx.pool, null, TODAY, { regionCode, asOf }, { keptParts });
const partsOf = (which: readonly TestCounty[], asOf: string) => countyOverviewParts(ctx.pool, which.map((c) => c.countyCode), asOf, TODAY);
const seeded: BuiltHousehold[][] = [];

beforeAll(async () => {
  db = await createScratchDatabase();
  ctx = await createTestContext({}, { databaseUrl: db.appUrl });
  for (let n = 0; n < 3; n++) {
    const county = await buildCounty(ctx.pool);
    counties.push(county);
    seeded.push(await seedCounty(county, n));
  }
}, 120_000);

afterAll(async () => {
  await settleKeptParts();
  await db?.drop();
});

describe('an overview added up from kept county parts', () => {
  it('equals the one computed from the base tables: the province, each city and each county, every date, kept or computed', async () => {
    const regions = [undefined, '450000000000', ...new Set(counties.map((c) => `${c.countyCode.slice(0, 4)}00000000`)), ...counties.map((c) => c.code)];
    for (const pass of ['computed', 'kept']) {
      for (const asOf of DATES)
        for (const regionCode of regions) {
          const direct = await overview(regionCode, asOf, false);
          expect(await overview(regionCode, asOf), `${pass} ${regionCode ?? 'all'} ${asOf}`).toEqual(direct);
        }
    }
    const province = await overview('450000000000', '2026-10-31');
    expect(province.monitoring.households).toBeGreaterThan(6);
    expect(province.funnel.find((f) => f.channel === 'hotline')?.identifiedHouseholds).toBe(3);
    expect(province.monitoring.byRegion.reduce((n, r) => n + r.households, 0)).toBe(province.monitoring.households);
  });

  it('each report table (报表) from kept parts equals the one computed straight, for the province, each city and each county', async () => {
    const regions = ['450000000000', ...new Set(counties.map((c) => `${c.countyCode.slice(0, 4)}00000000`)), ...counties.map((c) => c.code)];
    for (const pass of ['computed', 'kept'])
      for (const name of REPORT_NAMES)
        for (const asOf of DATES)
          for (const code of regions) {
            const region = await resolveStatsRegion(ctx.pool, null, code);
            const straight = await reportTableOf(ctx.pool, region, asOf, TODAY, name, { keptParts: false });
            expect(await reportTableOf(ctx.pool, region, asOf, TODAY, name), `${pass} ${name} ${code} ${asOf}`).toEqual(straight);
          }
    const province = await reportTableOf(ctx.pool, await resolveStatsRegion(ctx.pool, null, '450000000000'), '2026-10-31', TODAY, 'monitoring-objects');
    expect(province.total[0]).toBe((await overview('450000000000', '2026-10-31')).monitoring.households);
    expect(province.rows.reduce((n, r) => n + r.values[0]!, 0)).toBe(province.total[0]);
  });

  it('a second read computes nothing; a write recomputes its county only, and the figure moves', async () => {
    await partsOf(counties, '2026-10-31');
    expect((await partsOf(counties, '2026-10-31')).computed).toEqual([]);
    const before = await overview('450000000000', '2026-10-31');
    // Paper work entered late: a household identified in September, recorded today.
    const [county] = counties;
    const h = seeded[0]![5]!;
    await ctx.pool.query(
      `INSERT INTO household_monitoring (household_id, county_code, category, risk_types, identified_on, income_year, per_capita_income) VALUES ($1, $2, 'sudden', '{02}', '2026-09-01', 2026, 5000)`,
      [h.id, county!.countyCode],
    );
    expect((await partsOf(counties, '2026-10-31')).computed).toEqual([county!.countyCode]);
    const after = await overview('450000000000', '2026-10-31');
    expect(after.monitoring.households).toBe(before.monitoring.households + 1);
    expect(after.monitoring.byCategory.sudden!.households).toBe(before.monitoring.byCategory.sudden!.households + 1);
    expect(after).toEqual(await overview('450000000000', '2026-10-31', false));
  });

  it('a read that computes some counties and reads the others kept adds them up right (the kept ones come back from jsonb, keys reordered)', async () => {
    const region = await resolveStatsRegion(ctx.pool, null, '450000000000');
    await partsOf(counties, '2026-10-31');
    await reportTableOf(ctx.pool, region, '2026-10-31', TODAY, 'monitoring-objects');
    const h = seeded[1]![2]!;
    await ctx.pool.query(`UPDATE household_monitoring SET per_capita_income = per_capita_income WHERE household_id = $1`, [h.id]);
    // This read computes the written county and reads the other two kept.
    expect(await overview('450000000000', '2026-10-31')).toEqual(await overview('450000000000', '2026-10-31', false));
    await ctx.pool.query(`UPDATE household_monitoring SET per_capita_income = per_capita_income WHERE household_id = $1`, [h.id]);
    expect(await reportTableOf(ctx.pool, region, '2026-10-31', TODAY, 'monitoring-objects')).toEqual(
      await reportTableOf(ctx.pool, region, '2026-10-31', TODAY, 'monitoring-objects', { keptParts: false }),
    );
  });

  it('a writer that commits after a part was computed without it invalidates the part (MVCC)', async () => {
    const [, county] = counties;
    const h = seeded[1]![5]!;
    await partsOf(counties, '2026-10-31');
    const writer = await ctx.pool.connect();
    try {
      await writer.query('BEGIN');
      await writer.query(
        `INSERT INTO household_monitoring (household_id, county_code, category, risk_types, identified_on, income_year, per_capita_income) VALUES ($1, $2, 'marginal', '{04}', '2026-10-01', 2026, 5000)`,
        [h.id, county!.countyCode],
      );
      // Computed and kept while the writer is open: its snapshot does not see the record, and the
      // writer's transaction began before it (the case a commit-ordered counter would miss).
      await ctx.pool.query(`DELETE FROM stats_parts`);
      const during = await overview(county!.code, '2026-10-31');
      expect((await partsOf([county!], '2026-10-31')).computed).toEqual([]);
      await writer.query('COMMIT');
      expect((await partsOf([county!], '2026-10-31')).computed).toEqual([county!.countyCode]);
      const after = await overview(county!.code, '2026-10-31');
      expect(after.monitoring.households).toBe(during.monitoring.households + 1);
      expect(after).toEqual(await overview(county!.code, '2026-10-31', false));
    } finally {
      writer.release();
    }
  });

  it('with more counties missing than a request computes, its figures come straight and the parts are kept in the background', async () => {
    await ctx.pool.query(`DELETE FROM stats_parts`);
    const straight = await overview('450000000000', '2026-10-31', false);
    expect(await showOverview(ctx.pool, null, TODAY, { regionCode: '450000000000', asOf: '2026-10-31' }, { computeAtMost: 1 })).toEqual(straight);
    const region = await resolveStatsRegion(ctx.pool, null, '450000000000');
    const table = await reportTableOf(ctx.pool, region, '2026-10-31', TODAY, 'measures', { computeAtMost: 1 });
    expect(table).toEqual(await reportTableOf(ctx.pool, region, '2026-10-31', TODAY, 'measures', { keptParts: false }));
    await settleKeptParts();
    // The overview keeps each county's timeline (every date), the report its parts of the date.
    const kept = async (kind: string) => (await ctx.pool.query(`SELECT count(*)::int AS n FROM stats_parts WHERE kind = $1`, [kind])).rows[0].n as number;
    expect(await kept('timeline')).toBe(3);
    expect(await kept('overview')).toBe(0);
    expect(await kept('report:measures')).toBe(3);
    const served: OverviewSources[] = [];
    expect(await showOverview(ctx.pool, null, TODAY, { regionCode: '450000000000', asOf: '2026-10-31' }, { computeAtMost: 1, sources: (x) => served.push(x) })).toEqual(straight);
    // Read from the timelines, nothing computed; the parts of the date made from them are kept, and read next.
    expect(await kept('overview')).toBe(3);
    expect(await showOverview(ctx.pool, null, TODAY, { regionCode: '450000000000', asOf: '2026-10-31' }, { computeAtMost: 1, sources: (x) => served.push(x) })).toEqual(straight);
    expect(served).toEqual([
      { kept: 0, timeline: 3, computed: 0, straight: false },
      { kept: 3, timeline: 0, computed: 0, straight: false },
    ]);
  });

  it('the background keeping waits while a request computes straight, then keeps every part', async () => {
    await ctx.pool.query(`DELETE FROM stats_parts`);
    const kept = async () => (await ctx.pool.query(`SELECT count(*)::int AS n FROM stats_parts WHERE kind = 'timeline'`)).rows[0].n as number;
    // Another request's straight computation, still running.
    let finish = () => {};
    const other = computingStraight(() => new Promise<void>((resolve) => (finish = resolve)));
    await showOverview(ctx.pool, null, TODAY, { regionCode: '450000000000', asOf: '2026-10-31' }, { computeAtMost: 1 });
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(await kept()).toBe(0);
    finish();
    await other;
    await settleKeptParts();
    expect(await kept()).toBe(3);
  });

  it('a county whose part fails in the background is told to the log once, and the counties after it are still kept', async () => {
    await ctx.pool.query(`DELETE FROM stats_parts`);
    const lines: string[] = [];
    onKeptPartsFailure((line) => lines.push(line));
    try {
      const compute = computeCountyPart('2026-10-31', TODAY);
      const failing = counties[0]!.countyCode;
      const asked = await keptCountyParts(
        ctx.pool,
        { kind: 'overview', asOf: '2026-10-31', today: TODAY },
        counties.map((c) => c.countyCode),
        (tx, county) => (county === failing ? Promise.reject(new Error('part failed')) : compute(tx, county)),
        { computeAtMost: 0 },
      );
      expect(asked).toBeNull();
      await settleKeptParts();
      const { rows } = await ctx.pool.query<{ county: string }>(`SELECT county_code AS county FROM stats_parts WHERE kind = 'overview' AND as_of = '2026-10-31' ORDER BY 1`);
      expect(rows.map((r) => r.county)).toEqual(counties.slice(1).map((c) => c.countyCode).sort());
      expect(lines).toEqual([`stats: keeping the overview parts as of 2026-10-31 failed for 1 of 3 counties (${failing}): Error: part failed`]);
    } finally {
      onKeptPartsFailure((line) => process.stderr.write(`${line}\n`));
    }
  });

  it('ten dashboards opened at once compute each county once, and all see the same figures', async () => {
    await ctx.pool.query(`DELETE FROM stats_parts`);
    const results = await Promise.all(Array.from({ length: 10 }, () => partsOf(counties, '2026-10-31')));
    expect(results.flatMap((r) => r.computed).sort()).toEqual(counties.map((c) => c.countyCode).sort());
    for (const r of results) expect(r.parts).toEqual(results[0]!.parts);
  });

  it('a write to any table the overview reads invalidates its county', async () => {
    const [county] = counties;
    const tables = ['household_monitoring', 'household_stats', 'households', 'household_helpers', 'helper_visits', 'cases', 'clues', 'hotline_calls', 'warnings'];
    for (const table of tables) {
      await partsOf(counties, TODAY);
      const { rowCount } = await db.owner.query(`UPDATE ${table} SET county_code = county_code WHERE county_code = $1`, [county!.countyCode]);
      expect(rowCount, table).toBeGreaterThan(0);
      expect((await partsOf(counties, TODAY)).computed, table).toEqual([county!.countyCode]);
    }
  });

  it('a rolled-back write leaves the parts valid; a rule set published for any county invalidates every part', async () => {
    await partsOf(counties, TODAY);
    await withTransaction(
      ctx.pool,
      async (tx) => {
        await tx.query(`UPDATE cases SET step = step WHERE county_code = $1`, [counties[2]!.countyCode]);
      },
      { rollback: true },
    );
    expect((await partsOf(counties, TODAY)).computed).toEqual([]);
    await db.owner.query(`INSERT INTO stats_changes (county_code, txid) VALUES ('*', pg_current_xact_id())`);
    expect((await partsOf(counties, TODAY)).computed.sort()).toEqual(counties.map((c) => c.countyCode).sort());
  });

  it('only the owner writes the change notes; the refresh keeps today’s parts of every county and prunes earlier days', async () => {
    await expect(ctx.pool.query(`INSERT INTO stats_changes (county_code, txid) VALUES ('x', pg_current_xact_id())`)).rejects.toThrow(/permission denied/);
    await expect(ctx.pool.query(`DELETE FROM stats_changes`)).rejects.toThrow(/permission denied/);
    await ctx.pool.query(`UPDATE stats_parts SET computed_at = now() - interval '3 days' WHERE as_of = '2026-03-31'`);
    await db.owner.query(`UPDATE stats_changes SET noted_at = now() - interval '5 days' WHERE county_code = '*'`);
    const first = await refreshKeptParts(ctx.pool, TODAY);
    expect(first.counties).toBe(3);
    expect(first.pruned).toBeGreaterThan(0);
    expect((await ctx.pool.query(`SELECT count(*)::int AS n FROM stats_parts WHERE as_of = '2026-03-31'`)).rows[0].n).toBe(0);
    expect((await ctx.pool.query(`SELECT count(*)::int AS n FROM stats_changes WHERE county_code = '*'`)).rows[0].n).toBe(0);
    // Today's timeline (the overview of any date), and the month-end's four tables (the monthly report), of every county.
    const kept = await ctx.pool.query<{ kind: string; n: number }>(`SELECT kind || ' ' || to_char(as_of, 'YYYY-MM-DD') AS kind, count(*)::int AS n FROM stats_parts WHERE today = $1 GROUP BY 1`, [TODAY]);
    for (const k of [`timeline ${TODAY}`, ...REPORT_NAMES.map((n) => `report:${n} 2026-10-31`)]) expect(kept.rows.find((r) => r.kind === k)?.n, k).toBe(3);
    expect((await refreshKeptParts(ctx.pool, TODAY)).computed).toBe(0);
    expect(await pruneParts(ctx.pool)).toBe(0);
    expect([lastMonthEnd('2026-11-20'), lastMonthEnd('2026-03-01'), lastMonthEnd('2026-01-31')]).toEqual(['2026-10-31', '2026-02-28', '2025-12-31']);
    // A report someone asked for today, made stale by a call recorded afterwards: the refresh computes it again with the county's timeline.
    const [county] = counties;
    await reportTableOf(ctx.pool, await resolveStatsRegion(ctx.pool, null, county!.code), '2026-10-31', TODAY, 'hotline');
    await ctx.pool.query(`UPDATE hotline_calls SET content = content WHERE county_code = $1`, [county!.countyCode]);
    expect(await findStaleParts(ctx.pool, TODAY)).toEqual(
      expect.arrayContaining([
        { kind: 'timeline', county: county!.countyCode, asOf: TODAY },
        { kind: 'report:hotline', county: county!.countyCode, asOf: '2026-10-31' },
      ]),
    );
    const again = await refreshKeptParts(ctx.pool, TODAY);
    expect(again.computed).toBeGreaterThanOrEqual(2);
    expect(await findStaleParts(ctx.pool, TODAY)).toEqual([]);
  });
});

describe('the overview as of any date from the counties\' timelines', () => {
  const kept = async (kind: string) => (await ctx.pool.query(`SELECT count(*)::int AS n FROM stats_parts WHERE kind = $1`, [kind])).rows[0].n as number;
  const keepTimelines = async () => {
    for (const c of counties) expect(await keepCountyTimeline(ctx.pool, c.countyCode, TODAY)).toBe(true);
  };
  const regions = () => [undefined, '450000000000', ...new Set(counties.map((c) => `${c.countyCode.slice(0, 4)}00000000`)), ...counties.map((c) => c.code)];

  it('equals the overview computed from the base tables on every day a figure changes, the days around it and every month end, without computing a part', async () => {
    // More of what a county records: a record imported without its day, a helper replaced after a
    // gap (unassigned in between), a late first helper, an elimination under tracking, a case
    // screened out, a warning from two sources, a visit report.
    const [, , third] = counties;
    const hh = seeded[2]!;
    await ctx.pool.query(
      `INSERT INTO household_monitoring (household_id, county_code, category, risk_types, identified_on, income_year, per_capita_income, uncovered_risk_types) VALUES ($1, $2, 'unstable', '{02,04}', NULL, 2026, 6000, '{02}')`,
      [hh[5]!.id, third!.countyCode],
    );
    await ctx.pool.query(
      `INSERT INTO household_helpers (county_code, household_id, kind, name, assigned_on, ended_on, assigned_by) VALUES ($1, $2, 'person', '甲', '2026-05-25', '2026-07-01', 'test'), ($1, $2, 'cadre', '乙', '2026-08-10', NULL, 'test'), ($1, $3, 'cadre', '丙', '2026-10-30', NULL, 'test')`,
      [third!.countyCode, hh[1]!.id, hh[2]!.id],
    );
    await ctx.pool.query(`UPDATE household_monitoring SET elimination_outcome = 'tracking' WHERE household_id = $1`, [hh[0]!.id]);
    const screened = await withTransaction(ctx.pool, (tx) => openClueWithCase(tx, SYSTEM_ACTOR, { regionCode: hh[3]!.regionCode, householdId: hh[3]!.id, channel: 'application', riskTypes: ['02'], summary: '申报线索', clueDate: '2026-06-03' }));
    await ctx.pool.query(`UPDATE cases SET step = 'closed', decision = '{"kind":"screenedOut","on":"2026-06-12"}' WHERE id = $1`, [screened.caseId]);
    const w = await buildWarning(ctx.pool, { household: hh[4]!, status: 'new' });
    await ctx.pool.query(`UPDATE warnings SET sources = ARRAY['medical', 'education'], created_at = '2026-07-31T17:30:00Z' WHERE id = $1`, [w.id]);
    await ctx.pool.query(`INSERT INTO visit_reports (county_code, region_code, household_id, visited_on, visitor_name, observed) VALUES ($1, $2, $3, '2026-09-09', '网格员', '务工收入减少')`, [
      third!.countyCode,
      hh[4]!.regionCode,
      hh[4]!.id,
    ]);

    await ctx.pool.query(`DELETE FROM stats_parts`);
    await keepTimelines();
    const { rows } = await ctx.pool.query<{ day: string }>(
      `SELECT DISTINCT to_char(day, 'YYYY-MM-DD') AS day FROM stats_timeline_rows WHERE day > '-infinity' AND day <= $1::date ORDER BY 1`,
      [TODAY],
    );
    expect(rows.length).toBeGreaterThan(15);
    const days = new Set<string>(['2020-01-01', TODAY, ...trendBounds(TODAY).bounds]);
    for (const { day } of rows) for (const d of [-1, 0, 1]) days.add(new Date(Date.parse(`${day}T00:00:00Z`) + d * 86_400_000).toISOString().slice(0, 10));
    const served: OverviewSources[] = [];
    for (const asOf of [...days].filter((d) => d <= TODAY).sort())
      for (const regionCode of regions()) {
        const fromTimelines = await showOverview(ctx.pool, null, TODAY, { regionCode, asOf }, { sources: (x) => served.push(x) });
        expect(fromTimelines, `${regionCode ?? 'all'} ${asOf}`).toEqual(await overview(regionCode, asOf, false));
      }
    // Every county read from its timeline (the first read of a date) or from the part of the date made from it: none computed.
    expect(served.length).toBeGreaterThan(100);
    expect(served.filter((x) => x.computed > 0 || x.straight)).toEqual([]);
    expect(served.filter((x) => x.timeline > 0).length).toBeGreaterThan(days.size / 2);
    const county = await overview(third!.code, '2026-09-20');
    expect(county.helpers.unassigned).toBeGreaterThan(0);
    expect(county.monitoring.byStatus.eliminatedTracking!.households).toBe(1);
  });

  it('a write makes its county\'s timeline stale: that county is computed for the date, the others read from theirs, and its timeline is kept again', async () => {
    await ctx.pool.query(`DELETE FROM stats_parts`);
    await keepTimelines();
    const [county] = counties;
    // Paper work entered late: a household rolled back in August, recorded today.
    await ctx.pool.query(`UPDATE household_monitoring SET rolled_back_on = '2026-08-20' WHERE household_id = $1`, [seeded[0]![2]!.id]);
    const served: OverviewSources[] = [];
    const read = (asOf: string) => showOverview(ctx.pool, null, TODAY, { regionCode: '450000000000', asOf }, { sources: (x) => served.push(x) });
    expect(await read('2026-08-31')).toEqual(await overview('450000000000', '2026-08-31', false));
    const computed = await ctx.pool.query<{ county: string }>(`SELECT county_code AS county FROM stats_parts WHERE kind = 'overview' AND computed_ms > 0`);
    expect(computed.rows.map((r) => r.county)).toEqual([county!.countyCode]);
    await settleKeptParts();
    expect(await read('2026-08-19')).toEqual(await overview('450000000000', '2026-08-19', false));
    expect(await read('2026-08-20')).toEqual(await overview('450000000000', '2026-08-20', false));
    expect(served).toEqual([
      { kept: 0, timeline: 2, computed: 1, straight: false },
      { kept: 0, timeline: 3, computed: 0, straight: false },
      { kept: 0, timeline: 3, computed: 0, straight: false },
    ]);
  });

  it('after a read computed straight, the background keeps again only the timelines a change made stale', async () => {
    await ctx.pool.query(`DELETE FROM stats_parts`);
    await keepTimelines();
    const keptAt = async () =>
      Object.fromEntries((await ctx.pool.query<{ county: string; at: string }>(`SELECT county_code AS county, computed_at::text AS at FROM stats_parts WHERE kind = 'timeline'`)).rows.map((r) => [r.county, r.at]));
    const before = await keptAt();
    const [written, ...others] = counties;
    await ctx.pool.query(`UPDATE household_monitoring SET per_capita_income = per_capita_income WHERE county_code = $1`, [written!.countyCode]);
    const served: OverviewSources[] = [];
    expect(await showOverview(ctx.pool, null, TODAY, { regionCode: '450000000000', asOf: '2026-07-07' }, { computeAtMost: 0, sources: (x) => served.push(x) })).toEqual(
      await overview('450000000000', '2026-07-07', false),
    );
    expect(served).toEqual([{ kept: 0, timeline: 0, computed: 0, straight: true }]);
    await settleKeptParts();
    const after = await keptAt();
    expect(after[written!.countyCode]).not.toBe(before[written!.countyCode]);
    for (const c of others) expect(after[c.countyCode], c.countyCode).toBe(before[c.countyCode]);
  });

  it('a new day carries over a timeline no change has made stale (its rows as they are, today\'s open cases and visits), and computes the others again', async () => {
    const YESTERDAY = '2026-11-19';
    await ctx.pool.query(`DELETE FROM stats_parts`);
    for (const c of counties) expect(await keepCountyTimeline(ctx.pool, c.countyCode, YESTERDAY)).toBe(true);
    const rowsWritten = async () =>
      Object.fromEntries(
        (await ctx.pool.query<{ county: string; tx: string }>(`SELECT county_code AS county, max(xmin::text) AS tx FROM stats_timeline_rows GROUP BY 1`)).rows.map((r) => [r.county, r.tx]),
      );
    const snapshotOf = async (county: string, today: string) =>
      (await ctx.pool.query<{ s: string }>(`SELECT snapshot::text AS s FROM stats_parts WHERE kind = 'timeline' AND county_code = $1 AND today = $2::date`, [county, today])).rows[0]?.s;
    const before = await rowsWritten();
    const [written, ...quiet] = counties;
    // Overnight, a helper is assigned in one county (paper work of last week).
    await ctx.pool.query(`INSERT INTO household_helpers (county_code, household_id, kind, name, assigned_on, assigned_by) VALUES ($1, $2, 'person', '丁', '2026-11-13', 'test')`, [
      written!.countyCode,
      seeded[0]![3]!.id,
    ]);
    await keepTimelines();
    const after = await rowsWritten();
    expect(after[written!.countyCode]).not.toBe(before[written!.countyCode]);
    for (const c of quiet) {
      expect(after[c.countyCode], c.countyCode).toBe(before[c.countyCode]);
      expect(await snapshotOf(c.countyCode, TODAY)).toBe(await snapshotOf(c.countyCode, YESTERDAY));
    }
    const served: OverviewSources[] = [];
    for (const asOf of ['2026-11-12', '2026-11-13', TODAY])
      for (const regionCode of regions()) {
        await ctx.pool.query(`DELETE FROM stats_parts WHERE kind = 'overview'`);
        expect(await showOverview(ctx.pool, null, TODAY, { regionCode, asOf }, { sources: (x) => served.push(x) }), `${regionCode ?? 'all'} ${asOf}`).toEqual(
          await overview(regionCode, asOf, false),
        );
      }
    expect(served.filter((x) => x.computed > 0 || x.straight || x.kept > 0)).toEqual([]);
  });

  it('a process that closes its pool stops keeping timelines in the background after the county at hand, and reports no failure', async () => {
    await ctx.pool.query(`DELETE FROM stats_parts`);
    const lines: string[] = [];
    onKeptPartsFailure((line) => lines.push(line));
    const all = counties.map((c) => c.countyCode);
    try {
      keepTimelinesInBackground(ctx.pool, all, TODAY);
      await stopBackgroundKeeping();
      expect(await kept('timeline')).toBeLessThanOrEqual(1);
      expect(lines).toEqual([]);
      // Not stopped for good: the next keeping keeps every county.
      keepTimelinesInBackground(ctx.pool, all, TODAY);
      await settleKeptParts();
      expect(await kept('timeline')).toBe(3);
    } finally {
      onKeptPartsFailure((line) => process.stderr.write(`${line}\n`));
    }
  });

  it('the trend\'s months end with the date\'s, the last on the date itself', () => {
    expect(trendBounds('2026-03-15')).toEqual({
      months: ['2025-04', '2025-05', '2025-06', '2025-07', '2025-08', '2025-09', '2025-10', '2025-11', '2025-12', '2026-01', '2026-02', '2026-03'],
      bounds: ['2025-03-31', '2025-04-30', '2025-05-31', '2025-06-30', '2025-07-31', '2025-08-31', '2025-09-30', '2025-10-31', '2025-11-30', '2025-12-31', '2026-01-31', '2026-02-28', '2026-03-15'],
    });
  });
});

it('a table emptied by hand (TRUNCATE, which fires no row trigger) invalidates every county', async () => {
  await partsOf(counties, TODAY);
  expect((await partsOf(counties, TODAY)).computed).toEqual([]);
  await db.owner.query('TRUNCATE helper_visits');
  expect((await partsOf(counties, TODAY)).computed.sort()).toEqual(counties.map((c) => c.countyCode).sort());
  expect(await overview('450000000000', TODAY)).toEqual(await overview('450000000000', TODAY, false));
});

it('sumRows adds up rows whatever the order of their fields', () => {
  expect(sumRows([[{ kind: 'category', key: 'sudden', households: 1, persons: 4 }], [{ key: 'sudden', kind: 'category', persons: 3, households: 1 }]])).toEqual([
    { kind: 'category', key: 'sudden', households: 2, persons: 7 },
  ]);
});
