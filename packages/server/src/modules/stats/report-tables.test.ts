import { MEASURE_CATEGORIES, MEASURE_STATUS_ZH, normalizeRegionCode, regionSignificantPrefix, RISK_TYPES, type Actor, type ReportName } from '@fangpin/domain';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCounty, buildHousehold, type BuiltHousehold, type TestCounty } from '../../../test/factories.ts';
import { createTestContext, type TestContext } from '../../../test/test-app.ts';
import type { Tx } from '../../db/client.ts';
import { identifiedBy, statusAsOf } from '../monitoring/as-of-sql.ts';
import { base, childRegions, type StatsWhere } from './repo.ts';
import { REPORT_NAMES, reportTable, type ReportTable } from './report-tables.ts';
import { resolveStatsRegion, type StatsRegion } from './show-overview.ts';

/**
 * The report tables' figures are summed in SQL per child region and column (repo.ts
 * `…ReportFigures`). This file checks them against the plain computation they replaced — one row per
 * record read from the database, added up in JavaScript per child region and column, kept here as
 * the reference (`referenceTable`, the code of report-tables.ts before the change) — on a county
 * built from a seeded generator: records in both townships, every village and one at the township
 * itself (in no village's row), every category and none, one, two and a repeated risk type,
 * identified before, on and after each as-of date or imported without a date, eliminated (assisted,
 * natural, unrecorded; stable, tracking) or rolled back before or after it, measures of every
 * category and status delivered before or after it, hotline calls with and without a callback due,
 * called back on time, late, after the date or never, near midnight China time.
 * Every table for every region (city, county, townships, villages) and several dates, as the
 * leader and the township officer would read them, must be the same.
 */
let ctx: TestContext;
let county: TestCounty;

const DATES = ['2025-12-31', '2026-03-31', '2026-06-30', '2026-10-31', '2026-11-20'];

/** A seeded generator (mulberry32), so the county is the same on every run. */
function seeded(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = seeded(14);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const between = (from: string, days: number) => addDays(from, Math.floor(rand() * days));

const RISKS = [[], ['01'], ['01', '07'], ['0201'], ['03', '04'], ['05'], ['07', '01'], ['01', '01'], ['99'], ['10'], ['09', '03']];

beforeAll(async () => {
  ctx = await createTestContext();
  county = await buildCounty(ctx.pool);
  const places = [...county.villages.map((v) => v.code), county.townships[0]!.code];
  const households: BuiltHousehold[] = [];
  for (let i = 0; i < 40; i++) {
    const persons = 1 + Math.floor(rand() * 5);
    households.push(await buildHousehold(ctx, { villageCode: i === 0 ? places[4]! : pick(places.slice(0, 4)), members: Array.from({ length: persons }, (_, k) => ({ name: `户${i}成员${k}`, relation: k === 0 ? 'head' : 'child' })) }));
  }
  // The last three households are no monitoring objects (their measures and calls are read or not as the tables say).
  for (const [i, h] of households.slice(0, -3).entries()) {
    const identifiedOn = i % 9 === 4 ? null : between('2025-10-01', 410);
    const eliminated = rand() < 0.45;
    const eliminatedOn = eliminated ? addDays(identifiedOn ?? '2025-09-01', 20 + Math.floor(rand() * 300)) : null;
    const rolledBackOn = !eliminated && rand() < 0.3 ? addDays(identifiedOn ?? '2025-09-01', 30 + Math.floor(rand() * 250)) : null;
    await ctx.pool.query(
      `INSERT INTO household_monitoring (household_id, county_code, category, risk_types, identified_on, income_year, per_capita_income, eliminated_on, elimination_mode, elimination_outcome, rolled_back_on)
       VALUES ($1, $2, $3, $4, $5, 2026, 8000, $6, $7, $8, $9)`,
      [
        h.id,
        county.countyCode,
        pick(['unstable', 'marginal', 'sudden', null]),
        RISKS[i % RISKS.length],
        identifiedOn,
        eliminatedOn,
        eliminated ? pick(['assisted', 'natural', null]) : null,
        eliminated ? pick(['stable', 'tracking', null]) : null,
        rolledBackOn,
      ],
    );
  }
  // On the day itself: identified, eliminated, rolled back, a measure started and one delivered, a
  // callback due and made (at 23:59 China time), a call at 00:30 China time the next day (still the
  // date in UTC) and a callback made 5 minutes after the date ended.
  const edge = async (h: BuiltHousehold, m: { identifiedOn: string; eliminatedOn?: string; rolledBackOn?: string }) => {
    await ctx.pool.query(`UPDATE household_monitoring SET identified_on = $2, eliminated_on = $3, elimination_mode = CASE WHEN $3::date IS NULL THEN NULL ELSE 'natural' END, rolled_back_on = $4 WHERE household_id = $1`, [
      h.id,
      m.identifiedOn,
      m.eliminatedOn ?? null,
      m.rolledBackOn ?? null,
    ]);
  };
  await edge(households[1]!, { identifiedOn: '2026-10-31' });
  await edge(households[2]!, { identifiedOn: '2026-03-01', eliminatedOn: '2026-10-31' });
  await edge(households[3]!, { identifiedOn: '2026-03-01', rolledBackOn: '2026-06-30' });
  for (const [startOn, status, deliveredOn] of [
    ['2026-10-31', 'planned', null],
    ['2026-05-01', 'delivered', '2026-06-30'],
  ] as const)
    await ctx.pool.query(`INSERT INTO household_measures (county_code, household_id, risk_type, category, measure, start_on, status, delivered_on, created_by) VALUES ($1, $2, '01', 'health', '措施', $3, $4, $5, 'test')`, [
      county.countyCode,
      households[5]!.id,
      startOn,
      status,
      deliveredOn,
    ]);
  for (const [calledAt, dueOn, callbackAt, objection] of [
    ['2026-10-28T02:00:00Z', '2026-10-31', '2026-10-31T15:59:00Z', true],
    ['2026-06-27T02:00:00Z', '2026-06-30', '2026-06-30T16:05:00Z', true],
    ['2026-03-31T16:30:00Z', '2026-04-03', null, null],
  ] as const)
    await ctx.pool.query(
      `INSERT INTO hotline_calls (county_code, region_code, household_id, called_at, caller_name, content, result, handler_name, callback_due_on, callback_at, objection)
       VALUES ($1, $2, $3, $4, '来电人', '咨询', 'dispatched', '接线员', $5, $6, $7)`,
      [county.countyCode, households[6]!.regionCode, households[6]!.id, calledAt, dueOn, callbackAt, objection],
    );
  for (const [i, h] of households.entries()) {
    for (let k = 0; k < Math.floor(rand() * 4); k++) {
      const status = pick(['planned', 'inProgress', 'delivered', 'delivered']);
      const startOn = between('2025-10-15', 400);
      await ctx.pool.query(
        `INSERT INTO household_measures (county_code, household_id, risk_type, category, measure, start_on, status, delivered_on, created_by) VALUES ($1, $2, '01', $3, '措施', $4, $5, $6, 'test')`,
        [county.countyCode, h.id, pick(Object.keys(MEASURE_CATEGORIES)), startOn, status, status === 'delivered' ? addDays(startOn, 10 + Math.floor(rand() * 150)) : null],
      );
    }
    for (let k = 0; k < Math.floor(rand() * 4); k++) {
      const calledOn = between('2025-12-01', 355);
      const calledAt = `${calledOn}T${String(Math.floor(rand() * 24)).padStart(2, '0')}:30:00Z`;
      const dueOn = rand() < 0.2 ? null : addDays(calledOn, 3);
      const callbackAt = rand() < 0.25 ? null : `${addDays(calledOn, Math.floor(rand() * 8))}T${String(Math.floor(rand() * 24)).padStart(2, '0')}:10:00Z`;
      await ctx.pool.query(
        `INSERT INTO hotline_calls (county_code, region_code, household_id, called_at, caller_name, content, result, handler_name, callback_due_on, callback_at, objection)
         VALUES ($1, $2, $3, $4, '来电人', '咨询', $5, '接线员', $6, $7, $8)`,
        [county.countyCode, h.regionCode, i % 7 === 3 ? null : h.id, calledAt, pick(['answered', 'dispatched']), dueOn, callbackAt, callbackAt ? pick([true, false, null]) : null],
      );
    }
  }
}, 120_000);

describe('the report tables summed in SQL equal the per-row computation', () => {
  const leader = (): Actor => ({ userId: '00000000-0000-4000-8000-000000000001', username: 'report-leader', role: 'leader', regionCode: county.code });
  const townshipOfficer = (): Actor => ({ userId: '00000000-0000-4000-8000-000000000002', username: 'report-township', role: 'township-officer', regionCode: county.townships[1]!.code });

  it('every table, every region from the city to a village, every date', async () => {
    const client = await ctx.pool.connect();
    let compared = 0;
    try {
      // One snapshot for both computations: other test files write to the same database meanwhile.
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ');
      const regions: [Actor | null, string][] = [
        [null, `${county.countyCode.slice(0, 4)}00000000`],
        [leader(), county.code],
        ...county.townships.map((t): [Actor, string] => [leader(), t.code]),
        ...county.villages.map((v): [Actor, string] => [leader(), v.code]),
        [townshipOfficer(), county.townships[1]!.code],
        [townshipOfficer(), county.villages[2]!.code],
      ];
      for (const [actor, code] of regions) {
        const region = await resolveStatsRegion(client, actor, code);
        for (const asOf of DATES)
          for (const name of REPORT_NAMES) {
            const expected = await referenceTable(client, region, asOf, name);
            expect(await reportTable(client, region, asOf, name), `${name} ${code} ${asOf} as ${actor?.role ?? 'CLI'}`).toEqual(expected);
            compared++;
          }
      }
      await client.query('COMMIT');
    } finally {
      client.release();
    }
    expect(compared).toBe(10 * DATES.length * REPORT_NAMES.length);
  });

  it('the county is not trivial: every column of the tables has figures, and the townships differ', async () => {
    const region = await resolveStatsRegion(ctx.pool, leader(), county.code);
    const asOf = '2026-10-31';
    const monitoring = await reportTable(ctx.pool, region, asOf, 'monitoring-objects');
    expect(monitoring.rows.map((r) => r.name)).toEqual(['同乐镇', '逻西乡']);
    expect(monitoring.rows[0]!.values).not.toEqual(monitoring.rows[1]!.values);
    // Households and persons in total and per category (未分类 included); the risk types, one of them listed twice by a household.
    expect(monitoring.total.slice(0, 10).every((n) => n > 0)).toBe(true);
    expect(monitoring.groups.at(-1)!.columns.length).toBeGreaterThanOrEqual(8);
    // Eliminated, each mode and outcome, rolled back, still monitored.
    expect((await reportTable(ctx.pool, region, asOf, 'eliminations')).total.every((n) => n > 0)).toBe(true);
    const measures = await reportTable(ctx.pool, region, asOf, 'measures');
    expect(measures.groups.length).toBeGreaterThanOrEqual(5);
    expect(measures.total.slice(0, 3).every((n) => n > 0)).toBe(true);
    // Calls answered and dispatched; callbacks due, on time, late, not made, with an objection.
    expect((await reportTable(ctx.pool, region, asOf, 'hotline')).total.every((n) => n > 0)).toBe(true);
    // The record at the township itself counts in the township's total, in none of its villages.
    const township = await reportTable(ctx.pool, await resolveStatsRegion(ctx.pool, leader(), county.townships[0]!.code), '2026-11-20', 'monitoring-objects');
    expect(township.total[0]).toBeGreaterThan(township.rows.reduce((n, r) => n + r.values[0]!, 0));
  });
});

// ——— The reference: the per-row computation of report-tables.ts before the figures were summed in SQL. ———

type MonitoringReportRow = { regionCode: string; category: string; riskTypes: string[]; status: string; persons: number; eliminationMode: string | null };

async function monitoringRows(tx: Tx, w: StatsWhere): Promise<MonitoringReportRow[]> {
  const { params, where, d } = base(w, 's');
  const { rows } = await tx.query<MonitoringReportRow>(
    `SELECT s.region_code AS "regionCode", coalesce(m.category, 'none') AS category, m.risk_types AS "riskTypes", ${statusAsOf(d)} AS status, s.persons AS persons,
       CASE WHEN m.eliminated_on <= ${d}::date THEN m.elimination_mode END AS "eliminationMode"
     FROM household_monitoring m JOIN household_stats s ON s.household_id = m.household_id AND s.county_code = m.county_code
     WHERE ${where} AND ${identifiedBy(d)}`,
    params,
  );
  return rows;
}

async function measureRows(tx: Tx, w: StatsWhere): Promise<{ regionCode: string; householdId: string; category: string; status: string }[]> {
  const { params, where, d } = base(w, 'h');
  const { rows } = await tx.query<{ regionCode: string; householdId: string; category: string; status: string }>(
    `SELECT h.region_code AS "regionCode", hm.household_id AS "householdId", hm.category,
       CASE WHEN hm.status = 'delivered' AND hm.delivered_on > ${d}::date THEN 'inProgress' ELSE hm.status END AS status
     FROM household_measures hm JOIN household_monitoring m ON m.household_id = hm.household_id JOIN households h ON h.id = hm.household_id AND h.county_code = hm.county_code
     WHERE ${where} AND ${identifiedBy(d)} AND hm.start_on <= ${d}::date`,
    params,
  );
  return rows;
}

async function hotlineRows(tx: Tx, w: StatsWhere) {
  const { params, where, d } = base(w, 'x');
  const { rows } = await tx.query<{ regionCode: string; result: string; callbackDueOn: string | null; callbackOn: string | null; objection: boolean | null }>(
    `SELECT x.region_code AS "regionCode", x.result, x.callback_due_on AS "callbackDueOn",
       CASE WHEN (x.callback_at AT TIME ZONE 'Asia/Shanghai')::date <= ${d}::date THEN to_char((x.callback_at AT TIME ZONE 'Asia/Shanghai')::date, 'YYYY-MM-DD') END AS "callbackOn",
       CASE WHEN (x.callback_at AT TIME ZONE 'Asia/Shanghai')::date <= ${d}::date THEN x.objection END AS objection
     FROM hotline_calls x WHERE ${where} AND (x.called_at AT TIME ZONE 'Asia/Shanghai')::date <= ${d}::date`,
    params,
  );
  return rows;
}

const CATEGORY_ZH: Record<string, string> = { unstable: '脱贫不稳定户', marginal: '边缘易致贫户', sudden: '突发严重困难户', none: '未分类' };
const RISK_ZH = new Map<string, string>(Object.values(RISK_TYPES).map((r) => [r.code, r.zh]));
const MEASURE_ZH = new Map<string, string>(Object.entries(MEASURE_CATEGORIES).map(([name, c]) => [name, c.zh]));
const MEASURE_ORDER = Object.keys(MEASURE_CATEGORIES);
type Group = ReportTable['groups'][number];
type Slot = { name: string; matches: (regionCode: string) => boolean };

function table<T extends { regionCode: string }>(items: T[], slots: Slot[], groups: Group[], valuesOf: (items: T[]) => number[], title: string, unit: string): ReportTable {
  return { title, unit, groups, rows: slots.map((s) => ({ name: s.name, values: valuesOf(items.filter((i) => s.matches(i.regionCode))) })), total: valuesOf(items) };
}

const households = (rows: { persons: number }[]) => [rows.length, rows.reduce((n, r) => n + r.persons, 0)];

async function referenceTable(tx: Tx, region: StatsRegion, asOf: string, name: ReportName): Promise<ReportTable> {
  const w = { scope: region.scope, prefix: region.prefix, asOf };
  const children = region.regionCode && region.level !== 'village' ? await childRegions(tx, normalizeRegionCode(region.regionCode)) : [];
  const slots: Slot[] = children.map((c) => {
    const prefix = regionSignificantPrefix(c.code);
    return { name: c.name, matches: (code: string) => code.startsWith(prefix) };
  });
  if (name === 'monitoring-objects') {
    const rows = await monitoringRows(tx, w);
    const categories = ['unstable', 'marginal', 'sudden', 'none'];
    const risks = [...new Set(rows.flatMap((r) => r.riskTypes))].sort();
    return table(
      rows,
      slots,
      [
        { label: '监测对象合计', columns: ['户数', '人数'] },
        ...categories.map((c) => ({ label: CATEGORY_ZH[c]!, columns: ['户数', '人数'] })),
        { label: '按风险类型（户，一户多种风险分别计入）', columns: risks.map((r) => RISK_ZH.get(r) ?? r) },
      ],
      (items) => [
        ...households(items),
        ...categories.flatMap((c) => households(items.filter((i) => i.category === c))),
        ...risks.map((r) => items.filter((i) => i.riskTypes.includes(r)).length),
      ],
      '监测对象情况统计表',
      '单位：户、人',
    );
  }
  if (name === 'eliminations') {
    const rows = await monitoringRows(tx, w);
    const eliminated = (items: typeof rows) => items.filter((i) => i.status === 'eliminatedStable' || i.status === 'eliminatedTracking');
    return table(
      rows,
      slots,
      [
        { label: '风险已消除', columns: ['户数', '人数'] },
        { label: '按消除方式（户）', columns: ['帮扶消除', '自然消除', '未注明'] },
        { label: '按消除后状态（户）', columns: ['稳定消除', '继续跟踪'] },
        { label: '已回退', columns: ['户数', '人数'] },
        { label: '仍在监测（未消除）', columns: ['户数', '人数'] },
      ],
      (items) => {
        const e = eliminated(items);
        return [
          ...households(e),
          e.filter((i) => i.eliminationMode === 'assisted').length,
          e.filter((i) => i.eliminationMode === 'natural').length,
          e.filter((i) => i.eliminationMode !== 'assisted' && i.eliminationMode !== 'natural').length,
          e.filter((i) => i.status === 'eliminatedStable').length,
          e.filter((i) => i.status === 'eliminatedTracking').length,
          ...households(items.filter((i) => i.status === 'rolledBack')),
          ...households(items.filter((i) => i.status === 'monitoring' || i.status === 'rolledBack')),
        ];
      },
      '风险消除情况表',
      '单位：户、人',
    );
  }
  if (name === 'measures') {
    const rows = await measureRows(tx, w);
    const categories = MEASURE_ORDER.filter((c) => rows.some((r) => r.category === c));
    const statuses = ['planned', 'inProgress', 'delivered'] as const;
    return table(
      rows,
      slots,
      [
        { label: '帮扶措施合计', columns: ['措施数', '涉及户数', '已落实'] },
        ...categories.map((c) => ({ label: MEASURE_ZH.get(c) ?? c, columns: statuses.map((s) => MEASURE_STATUS_ZH[s]) })),
      ],
      (items) => [
        items.length,
        new Set(items.map((i) => i.householdId)).size,
        items.filter((i) => i.status === 'delivered').length,
        ...categories.flatMap((c) => statuses.map((s) => items.filter((i) => i.category === c && i.status === s).length)),
      ],
      '帮扶措施落实情况表',
      '单位：项、户',
    );
  }
  const rows = await hotlineRows(tx, w);
  return table(
    rows,
    slots,
    [
      { label: '来电', columns: ['合计', '政策解答', '转交核实'] },
      { label: '回访（截至统计日期应回访的来电）', columns: ['应回访', '按时回访', '超期回访', '未回访', '回访有异议'] },
    ],
    (items) => {
      const due = items.filter((i) => i.callbackDueOn !== null && i.callbackDueOn <= asOf);
      return [
        items.length,
        items.filter((i) => i.result === 'answered').length,
        items.filter((i) => i.result === 'dispatched').length,
        due.length,
        due.filter((i) => i.callbackOn !== null && i.callbackOn <= i.callbackDueOn!).length,
        due.filter((i) => i.callbackOn !== null && i.callbackOn > i.callbackDueOn!).length,
        due.filter((i) => i.callbackOn === null).length,
        items.filter((i) => i.objection === true).length,
      ];
    },
    '热线来电情况统计表',
    '单位：件',
  );
}
