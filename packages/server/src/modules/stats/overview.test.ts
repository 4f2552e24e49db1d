import { spawnSync } from 'node:child_process';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { buildCounty, buildHousehold, buildUserAndLogin, buildWarning, type BuiltHousehold, type TestCounty } from '../../../test/factories.ts';
import { createTestContext, TEST_SECRET_KEY, type TestContext } from '../../../test/test-app.ts';
import { withTransaction } from '../../db/client.ts';
import { SYSTEM_ACTOR } from '../audit/record-audit.ts';
import { openClueWithCase } from '../cases/open-case.ts';

/**
 * The overview's figures (docs/statistics.md) against a county counted by hand. Today is
 * 2026-11-20; most figures are read as of 2026-10-31.
 *
 * | household | village (township) | persons | category | risks   | identified  | eliminated      | helper due / first own helper      | uncovered |
 * |-----------|--------------------|---------|----------|---------|-------------|-----------------|------------------------------------|-----------|
 * | A         | v0 (T1)            | 3       | unstable | 01      | 2026-03-10  | 2026-09-15      | 03-17 / 03-15 (on time)            | 01        |
 * | B         | v1 (T1)            | 2       | marginal | 01, 07  | 2026-05-20  | 2026-11-05      | 05-27 / 06-03 (late)               | 07        |
 * | C         | v2 (T2)            | 4       | sudden   | 05      | 2026-10-10  | –               | 10-17 / none                       | –         |
 * | D         | v3 (T2)            | 1       | unstable | 01      | 2026-11-02  | –               | 11-09 / none                       | –         |
 * | E         | v0 (T1)            | 2       | –        | 04      | (imported)  | –               | – / work team only                 | 04        |
 * | F         | v2 (T2)            | 2       | marginal | 03      | 2026-01-05  | rolled back 08-01 | – / 01-06                        | –         |
 * | plain     | v3 (T2)            | 5       | not a monitoring object                                                                              |
 *
 * Helper visits, counted on today (2026-11-20) for the households under monitoring now (Guangxi rule
 * set: monthly for 突发严重困难户, quarterly otherwise): C (sudden, identified 10-10, never visited) due
 * 11-10, overdue; D (unstable, identified 11-02) due 2027-02-02, later; F (rolled back, visited 08-22)
 * due 11-22, within 3 days; E (imported, no identification date, never visited) has no due day; A and
 * B are eliminated now. Overdue 1, due soon 1, scheduled 3 — all in township T2.
 */
let ctx: TestContext;
let county: TestCounty;
type Login = { cookie: string; user: { id: string; username: string } };
let leader: Login;
let monitor: Login;
let township2: Login;
let village: Login;
let helperCadre: Login;
const hh: Record<string, BuiltHousehold> = {};
const AS_OF = '2026-10-31';

const api = (who: Login | null, url: string) => ctx.app.inject({ method: 'GET', url, headers: who ? { cookie: who.cookie } : {} });
const overview = async (who: Login, query = `asOf=${AS_OF}`) => {
  const r = await api(who, `/api/stats/overview?${query}`);
  expect(r.statusCode, r.body).toBe(200);
  return r.json();
};

async function household(key: string, villageIndex: number, persons: number): Promise<BuiltHousehold> {
  const members = Array.from({ length: persons }, (_, i) => ({ name: `${key}成员${i}`, relation: i === 0 ? 'head' : 'child' }));
  hh[key] = await buildHousehold(ctx, { villageCode: county.villages[villageIndex]!.code, members });
  return hh[key];
}

async function monitoring(h: BuiltHousehold, m: { category: string | null; risks: string[]; identifiedOn: string | null; eliminatedOn?: string; rolledBackOn?: string; helperDueOn?: string; uncovered?: string[] }) {
  await ctx.pool.query(
    `INSERT INTO household_monitoring (household_id, county_code, category, risk_types, identified_on, income_year, per_capita_income, eliminated_on, elimination_mode, rolled_back_on, helper_due_on, uncovered_risk_types)
     VALUES ($1, $2, $3, $4, $5, 2026, 8000, $6, $7, $8, $9, $10)`,
    [h.id, county.countyCode, m.category, m.risks, m.identifiedOn, m.eliminatedOn ?? null, m.eliminatedOn ? 'assisted' : null, m.rolledBackOn ?? null, m.helperDueOn ?? null, m.uncovered ?? []],
  );
}

async function helper(h: BuiltHousehold, kind: string, assignedOn: string) {
  await ctx.pool.query(`INSERT INTO household_helpers (county_code, household_id, kind, name, assigned_on, assigned_by) VALUES ($1, $2, $3, '帮扶人', $4, 'test')`, [county.countyCode, h.id, kind, assignedOn]);
}

/** A clue with its case on `clueDate` (created that day), then moved to the given state. */
async function clueWithCase(h: BuiltHousehold, channel: 'hotline' | 'visit', clueDate: string, set: { step: string; dueOn: string; stepDueOn?: string | null; decision?: object }) {
  const opened = await withTransaction(ctx.pool, (tx) => openClueWithCase(tx, SYSTEM_ACTOR, { regionCode: h.regionCode, householdId: h.id, channel, riskTypes: ['01'], summary: '测试线索', clueDate }));
  await ctx.pool.query(`UPDATE clues SET created_at = $2::date + time '10:00' AT TIME ZONE 'Asia/Shanghai' WHERE id = $1`, [opened.clueId, clueDate]);
  await ctx.pool.query(`UPDATE cases SET step = $2, due_on = $3, step_due_on = $4, decision = $5 WHERE id = $1`, [opened.caseId, set.step, set.dueOn, set.stepDueOn ?? null, set.decision ? JSON.stringify(set.decision) : null]);
  return opened;
}

beforeAll(async () => {
  ctx = await createTestContext();
  ctx.clock.now = new Date('2026-11-20T02:00:00Z');
  county = await buildCounty(ctx.pool);
  leader = await buildUserAndLogin(ctx, { role: 'leader', regionCode: county.code });
  monitor = await buildUserAndLogin(ctx, { role: 'county-monitor', regionCode: county.code });
  township2 = await buildUserAndLogin(ctx, { role: 'township-officer', regionCode: county.townships[1]!.code });
  village = await buildUserAndLogin(ctx, { role: 'village-cadre', regionCode: county.villages[0]!.code });
  helperCadre = await buildUserAndLogin(ctx, { role: 'helping-cadre', regionCode: county.code });
  const [a, b, c, d, e, f, plain] = [await household('A', 0, 3), await household('B', 1, 2), await household('C', 2, 4), await household('D', 3, 1), await household('E', 0, 2), await household('F', 2, 2), await household('plain', 3, 5)];
  await monitoring(a, { category: 'unstable', risks: ['01'], identifiedOn: '2026-03-10', eliminatedOn: '2026-09-15', helperDueOn: '2026-03-17', uncovered: ['01'] });
  await monitoring(b, { category: 'marginal', risks: ['01', '07'], identifiedOn: '2026-05-20', eliminatedOn: '2026-11-05', helperDueOn: '2026-05-27', uncovered: ['07'] });
  await monitoring(c, { category: 'sudden', risks: ['05'], identifiedOn: '2026-10-10', helperDueOn: '2026-10-17' });
  await monitoring(d, { category: 'unstable', risks: ['01'], identifiedOn: '2026-11-02', helperDueOn: '2026-11-09' });
  await monitoring(e, { category: null, risks: ['04'], identifiedOn: null, uncovered: ['04'] });
  await monitoring(f, { category: 'marginal', risks: ['03'], identifiedOn: '2026-01-05', rolledBackOn: '2026-08-01' });
  await helper(a, 'cadre', '2026-03-15');
  await helper(b, 'person', '2026-06-03');
  await helper(e, 'workTeam', '2026-02-01');
  await helper(f, 'cadre', '2026-01-06');
  await ctx.pool.query(`INSERT INTO helper_visits (county_code, household_id, visited_on, visitor_name, visitor_role, observed) VALUES ($1, $2, '2026-08-22', '帮扶人', 'helping-cadre', '家中情况稳定')`, [county.countyCode, f.id]);
  // Funnel: three hotline calls (one after the as-of date) on one clue, whose case identified B.
  const hotline = await clueWithCase(b, 'hotline', '2026-05-01', { step: 'closed', dueOn: '2026-05-22', decision: { kind: 'approved', on: '2026-05-20' } });
  // Callbacks: the first on time, the second never made, the third after the date.
  for (const [at, result, dueOn, callbackAt] of [
    ['2026-05-01T02:00:00Z', 'dispatched', '2026-05-05', '2026-05-04T03:00:00Z'],
    ['2026-05-02T02:00:00Z', 'answered', '2026-05-06', null],
    ['2026-11-10T02:00:00Z', 'dispatched', '2026-11-12', '2026-11-11T03:00:00Z'],
  ] as const)
    await ctx.pool.query(
      `INSERT INTO hotline_calls (county_code, region_code, household_id, clue_id, called_at, caller_name, content, result, handler_name, callback_due_on, callback_at) VALUES ($1, $2, $3, $4, $5, '来电人', '因病', $6, '接线员', $7, $8)`,
      [county.countyCode, b.regionCode, b.id, hotline.clueId, at, result, dueOn, callbackAt],
    );
  // Measures: B's health measure delivered 09-01, C's employment measure planned, one of B's started after the date.
  for (const [h, category, status, startOn, deliveredOn] of [
    [b, 'health', 'delivered', '2026-06-10', '2026-09-01'],
    [c, 'employment', 'planned', '2026-10-15', null],
    [b, 'employment', 'inProgress', '2026-11-02', null],
  ] as const)
    await ctx.pool.query(
      `INSERT INTO household_measures (county_code, household_id, risk_type, category, measure, start_on, status, delivered_on, created_by) VALUES ($1, $2, '01', $3, '措施', $4, $5, $6, 'test')`,
      [county.countyCode, h.id, category, startOn, status, deliveredOn],
    );
  // Visits: two reports by the date; C's case is open and overdue, plain's is due soon, a third was screened out.
  for (const on of ['2026-09-30', '2026-10-30', '2026-11-01'])
    await ctx.pool.query(`INSERT INTO visit_reports (county_code, region_code, household_id, visited_on, visitor_name, observed) VALUES ($1, $2, $3, $4, '网格员', '看病花钱多')`, [county.countyCode, c.regionCode, c.id, on]);
  await clueWithCase(c, 'visit', '2026-10-01', { step: 'homeVerification', dueOn: '2026-10-22', stepDueOn: '2026-10-08' });
  await clueWithCase(plain, 'visit', '2026-10-20', { step: 'closed', dueOn: '2026-11-10', decision: { kind: 'screenedOut', reason: '收入高于监测线', on: '2026-10-25' } });
  await clueWithCase(d, 'visit', '2026-11-18', { step: 'clueRegistered', dueOn: '2026-12-09', stepDueOn: '2026-11-21' });
  // A department warning raised by the date (medical), awaiting verification.
  const w = await buildWarning(ctx.pool, { household: a, status: 'dispatched' });
  await ctx.pool.query(`UPDATE warnings SET created_at = '2026-10-05T02:00:00Z' WHERE id = $1`, [w.id]);
}, 120_000);

describe('GET /api/stats/overview (issue 14 automation contract)', () => {
  it('monitoring objects as of a date: households and persons, by category, risk type, status and township', async () => {
    const o = await overview(leader);
    expect(o.asOf).toBe(AS_OF);
    expect(o.regionCode).toBe(county.code);
    // A, B, C, E, F: D was identified after the date; the plain household is no monitoring object.
    expect(o.monitoring).toMatchObject({ households: 5, persons: 3 + 2 + 4 + 2 + 2 });
    expect(o.monitoring.byCategory).toEqual({
      unstable: { households: 1, persons: 3 },
      marginal: { households: 2, persons: 4 },
      sudden: { households: 1, persons: 4 },
      none: { households: 1, persons: 2 },
    });
    expect(o.monitoring.byRiskType).toEqual({
      '01': { households: 2, persons: 5 },
      '07': { households: 1, persons: 2 },
      '05': { households: 1, persons: 4 },
      '04': { households: 1, persons: 2 },
      '03': { households: 1, persons: 2 },
    });
    // B, eliminated on 11-05, still counts as monitored on 10-31.
    expect(o.monitoring.byStatus).toEqual({
      monitoring: { households: 3, persons: 8 },
      eliminatedStable: { households: 1, persons: 3 },
      eliminatedTracking: { households: 0, persons: 0 },
      rolledBack: { households: 1, persons: 2 },
    });
    expect(o.monitoring.byRegion).toEqual([
      { code: county.townships[0]!.code, name: '同乐镇', households: 3, persons: 7 },
      { code: county.townships[1]!.code, name: '逻西乡', households: 2, persons: 6 },
    ]);
  });

  it('today (no asOf): D counts, B is eliminated', async () => {
    const o = await overview(leader, '');
    expect(o.asOf).toBe('2026-11-20');
    expect(o.monitoring).toMatchObject({ households: 6, persons: 14 });
    expect(o.monitoring.byStatus.eliminatedStable).toEqual({ households: 2, persons: 5 });
    expect(o.monitoring.byStatus.monitoring).toEqual({ households: 3, persons: 7 });
    expect(o.helpers).toEqual({ assignedOnTime: 1, assignedLate: 1, unassigned: 3 });
  });

  it('helpers, coverage and the monthly trend as of the date', async () => {
    const o = await overview(leader);
    // Unassigned: C (no helper), E (only a work team); B and F have their own helper, A is eliminated.
    expect(o.helpers).toEqual({ assignedOnTime: 1, assignedLate: 1, unassigned: 2 });
    // B's 07 and E's 04; A's uncovered 01 does not count: A was eliminated by the date.
    expect(o.coverage).toEqual({ uncoveredRisks: 2, uncoveredHouseholds: 2 });
    expect(o.trend).toHaveLength(12);
    expect(o.trend[0].month).toBe('2025-11');
    const month = (m: string) => o.trend.find((t: { month: string }) => t.month === m);
    expect(month('2026-01')).toEqual({ month: '2026-01', identified: 1, eliminated: 0 });
    expect(month('2026-03')).toEqual({ month: '2026-03', identified: 1, eliminated: 0 });
    expect(month('2026-09')).toEqual({ month: '2026-09', identified: 0, eliminated: 1 });
    expect(month('2026-10')).toEqual({ month: '2026-10', identified: 1, eliminated: 0 });
    expect(o.trend.reduce((n: number, t: { identified: number }) => n + t.identified, 0)).toBe(4); // A, B, C, F (E has no date)
  });

  it('the funnel per channel, open cases by step, overdue and due soon, warnings by source and status', async () => {
    const o = await overview(leader);
    expect(o.funnel).toEqual([
      { channel: 'hotline', reports: 2, clues: 1, cases: 1, identifiedHouseholds: 1, identifiedPersons: 2, screenedOut: 0 },
      { channel: 'application', reports: 0, clues: 0, cases: 0, identifiedHouseholds: 0, identifiedPersons: 0, screenedOut: 0 },
      { channel: 'visit', reports: 2, clues: 2, cases: 2, identifiedHouseholds: 0, identifiedPersons: 0, screenedOut: 1 },
      { channel: 'warning', reports: 1, clues: 0, cases: 0, identifiedHouseholds: 0, identifiedPersons: 0, screenedOut: 0 },
    ]);
    // Open cases are counted on today (2026-11-20): C's (overdue) and D's (step due 11-21: soon).
    expect(o.openCases).toMatchObject({ total: 2, overdue: 1, dueSoon: 1, today: '2026-11-20' });
    expect(o.openCases.byStep).toMatchObject({ homeVerification: 1, clueRegistered: 1, publicNotice: 0 });
    expect(o.warnings).toEqual({ bySource: { medical: 1 }, byStatus: { dispatched: 1 } });
  });

  it('visits overdue (走访逾期) are counted on today, whatever the as-of date, and by region', async () => {
    const visits = { overdue: 1, dueSoon: 1, scheduled: 3, today: '2026-11-20' };
    expect((await overview(leader)).visits).toEqual(visits);
    expect((await overview(leader, 'asOf=2026-03-31')).visits).toEqual(visits);
    expect((await overview(township2)).visits).toEqual(visits);
    expect((await overview(leader, `regionCode=${county.townships[0]!.code}`)).visits).toEqual({ overdue: 0, dueSoon: 0, scheduled: 0, today: '2026-11-20' });
  });

  it("a township officer's figures are their township's; another region is not found", async () => {
    const o = await overview(township2);
    expect(o.regionCode).toBe(county.townships[1]!.code);
    expect(o.monitoring).toMatchObject({ households: 2, persons: 6 }); // C and F
    expect(o.monitoring.byRegion).toEqual([
      { code: county.villages[2]!.code, name: '马庄村', households: 2, persons: 6 },
      { code: county.villages[3]!.code, name: '百乐村', households: 0, persons: 0 },
    ]);
    expect(o.openCases).toMatchObject({ total: 2, overdue: 1 });
    expect((await api(township2, `/api/stats/overview?regionCode=${county.code}`)).statusCode).toBe(404);
    expect((await api(township2, `/api/stats/overview?regionCode=${county.townships[0]!.code}`)).statusCode).toBe(404);
    // The leader may narrow to a township: the same figures.
    expect((await overview(leader, `asOf=${AS_OF}&regionCode=${county.townships[1]!.code}`)).monitoring).toEqual(o.monitoring);
  });

  it('refuses roles without statistics, bad dates and bad region codes with a clear answer', async () => {
    expect((await api(village, '/api/stats/overview')).statusCode).toBe(403);
    expect((await api(helperCadre, '/api/stats/overview')).statusCode).toBe(403);
    expect((await api(null, '/api/stats/overview')).statusCode).toBe(401);
    expect((await overview(monitor)).monitoring.households).toBe(5);
    const bad = await api(leader, '/api/stats/overview?asOf=2026-02-30');
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('asOf');
    expect((await api(leader, '/api/stats/overview?regionCode=45xx')).statusCode).toBe(400);
    expect((await api(leader, '/api/stats/overview?regionCode=999999')).statusCode).toBe(404);
  });
});

describe('every figure drills down to a list whose total equals it', () => {
  const total = async (url: string) => {
    const r = await api(leader, url);
    expect(r.statusCode, r.body).toBe(200);
    return r.json().total as number;
  };
  it('monitoring objects: category, risk type, status, township, helpers, coverage', async () => {
    const o = await overview(leader);
    const list = (q: string) => total(`/api/monitoring-objects?asOf=${AS_OF}&regionCode=${county.code}&${q}`);
    expect(await list('')).toBe(o.monitoring.households);
    for (const [category, c] of Object.entries(o.monitoring.byCategory as Record<string, { households: number }>)) expect(await list(`category=${category}`), category).toBe(c.households);
    for (const m of o.trend as { month: string; identified: number; eliminated: number }[]) {
      expect(await list(`identifiedIn=${m.month}`), m.month).toBe(m.identified);
      expect(await list(`eliminatedIn=${m.month}`), m.month).toBe(m.eliminated);
    }
    for (const [risk, c] of Object.entries(o.monitoring.byRiskType as Record<string, { households: number }>)) expect(await list(`riskType=${risk}`), risk).toBe(c.households);
    for (const [status, c] of Object.entries(o.monitoring.byStatus as Record<string, { households: number }>)) expect(await list(`status=${status}`), status).toBe(c.households);
    for (const r of o.monitoring.byRegion) expect(await total(`/api/monitoring-objects?asOf=${AS_OF}&regionCode=${r.code}`), r.name).toBe(r.households);
    expect(await list('status=eliminated')).toBe(o.monitoring.byStatus.eliminatedStable.households + o.monitoring.byStatus.eliminatedTracking.households);
    expect(await list('helper=onTime')).toBe(o.helpers.assignedOnTime);
    expect(await list('helper=late')).toBe(o.helpers.assignedLate);
    expect(await list('helper=unassigned')).toBe(o.helpers.unassigned);
    expect(await list('flag=uncoveredRisk')).toBe(o.coverage.uncoveredHouseholds);
    // The list shows the status of the as-of date: B is still monitored on 10-31.
    const items = (await api(leader, `/api/monitoring-objects?asOf=${AS_OF}&status=monitoring`)).json().items.map((i: { householdId: string }) => i.householdId);
    expect(items.sort()).toEqual([hh.B!.id, hh.C!.id, hh.E!.id].sort());
  });

  it('open cases: by step, overdue, due soon (the cases list)', async () => {
    const o = await overview(leader);
    for (const [step, n] of Object.entries(o.openCases.byStep as Record<string, number>)) expect(await total(`/api/cases?regionCode=${county.code}&step=${step}`), step).toBe(n);
    expect(await total(`/api/cases?regionCode=${county.code}&due=overdue`)).toBe(o.openCases.overdue);
    expect(await total(`/api/cases?regionCode=${county.code}&due=soon`)).toBe(o.openCases.dueSoon);
    expect(await total(`/api/cases?regionCode=${county.townships[0]!.code}`)).toBe(0);
  });

  it('visits overdue: the deadline board filtered to helper visits, and the 走访超期 filter of the register', async () => {
    const o = await overview(leader);
    const board = (status: string) => total(`/api/stats/deadlines?regionCode=${county.code}&kind=helperVisit&status=${status}`);
    expect(await board('overdue')).toBe(o.visits.overdue);
    expect(await board('dueSoon')).toBe(o.visits.dueSoon);
    expect(await board('all')).toBe(o.visits.scheduled);
    expect(await total(`/api/monitoring-objects?regionCode=${county.code}&flag=visitOverdue`)).toBe(o.visits.overdue);
    const overdue = (await api(leader, `/api/stats/deadlines?regionCode=${county.code}&kind=helperVisit&status=overdue`)).json();
    expect(overdue.items.map((i: { householdId: string }) => i.householdId)).toEqual([hh.C!.id]);
  });
});

describe('the report tables (报表) as XLSX', () => {
  async function workbook(name: string, query = `asOf=${AS_OF}`) {
    const r = await ctx.app.inject({ method: 'GET', url: `/api/reports/${name}.xlsx?${query}`, headers: { cookie: leader.cookie } });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0];
    if (!sheet) throw new Error('no worksheet');
    const row = (n: number) => (sheet.getRow(n).values as unknown[]).slice(1);
    return { sheet, row, total: row(sheet.rowCount) };
  }

  it('监测对象情况统计表: title, date and region lines, merged two-level header, townships and a total equal to the overview', async () => {
    const o = await overview(leader);
    const { sheet, row, total } = await workbook('monitoring-objects');
    expect(sheet.getCell(1, 1).value).toBe(`测试县${county.countyCode}监测对象情况统计表`);
    expect(sheet.getCell(2, 1).text).toContain(`统计截止日期：${AS_OF}`);
    expect(sheet.getCell(2, 1).text).toContain('单位：户、人');
    expect(sheet.getCell(4, 1).master.address).toBe('A3');
    expect(sheet.getCell(3, 2).value).toBe('监测对象合计');
    expect(sheet.getCell(3, 3).master.address).toBe('B3');
    expect(row(4).slice(0, 3)).toEqual(['地区', '户数', '人数']);
    expect(row(5).slice(0, 3)).toEqual(['同乐镇', 3, 7]);
    expect(row(6).slice(0, 3)).toEqual(['逻西乡', 2, 6]);
    expect(total[0]).toBe('合计');
    // The total row: households and persons, then per category, then per risk type — the overview's.
    const m = o.monitoring;
    const byCategory = ['unstable', 'marginal', 'sudden', 'none'].flatMap((c) => [m.byCategory[c].households, m.byCategory[c].persons]);
    const risks = Object.keys(m.byRiskType).sort();
    expect(total.slice(1)).toEqual([m.households, m.persons, ...byCategory, ...risks.map((r) => m.byRiskType[r].households)]);
    expect(row(4).slice(-risks.length)).toEqual(['因病', '因残', '缺劳动力', '因意外事故', '因务工就业不稳']);
    const { rows } = await ctx.pool.query(`SELECT details FROM audit_log WHERE action = 'report.exported' AND actor_username = $1`, [leader.user.username]);
    expect(rows.map((r) => r.details)).toContainEqual({ report: 'monitoring-objects', asOf: AS_OF, regionCode: county.code });
  });

  it('风险消除情况表, 帮扶措施落实情况表 and 热线来电情况统计表 as of the date', async () => {
    const o = await overview(leader);
    // Eliminated: A (assisted, stable, 3 persons); rolled back: F (2); still monitored: B, C, E and F (10).
    expect((await workbook('eliminations')).total).toEqual(['合计', 1, 3, 1, 0, 0, 1, 0, 1, 2, 4, 10]);
    expect(o.monitoring.byStatus.monitoring.households + o.monitoring.byStatus.rolledBack.households).toBe(4);
    // Measures started by the date: B's health (delivered), C's employment (planned).
    const measures = await workbook('measures');
    expect([...new Set(measures.row(3))]).toEqual(['地区', '帮扶措施合计', '就业帮扶', '健康帮扶']); // merged: each group's cells read its label
    expect(measures.total).toEqual(['合计', 2, 2, 1, 1, 0, 0, 0, 0, 1]);
    // Calls by the date: two (one answered, one dispatched); callbacks due: two, one on time, one never made.
    expect((await workbook('hotline')).total).toEqual(['合计', 2, 1, 1, 2, 1, 0, 1, 0]);
  });

  it('is refused like the overview: other roles, a region outside, an unknown report', async () => {
    expect((await ctx.app.inject({ method: 'GET', url: '/api/reports/hotline.xlsx', headers: { cookie: village.cookie } })).statusCode).toBe(403);
    expect((await ctx.app.inject({ method: 'GET', url: `/api/reports/hotline.xlsx?regionCode=${county.code}`, headers: { cookie: township2.cookie } })).statusCode).toBe(404);
    expect((await ctx.app.inject({ method: 'GET', url: '/api/reports/everything.xlsx', headers: { cookie: leader.cookie } })).statusCode).toBe(400);
    const township = await ctx.app.inject({ method: 'GET', url: `/api/reports/monitoring-objects.xlsx?asOf=${AS_OF}`, headers: { cookie: township2.cookie } });
    expect(township.statusCode).toBe(200);
  });
});

it('`fangpin stats overview --json` prints the same figures as the API', async () => {
  const fromApi = await overview(leader, `asOf=${AS_OF}&regionCode=${county.code}`);
  const bin = path.resolve(import.meta.dirname, '../../../bin/fangpin.mjs');
  const run = spawnSync(process.execPath, [bin, 'stats', 'overview', '--json', '--region', county.code, '--as-of', AS_OF], {
    env: { ...process.env, DATABASE_URL: inject('databaseUrl'), FANGPIN_SECRET_KEY: TEST_SECRET_KEY },
    encoding: 'utf8',
  });
  expect(run.stderr).toBe('');
  const out = JSON.parse(run.stdout);
  // Open cases and visits are counted on the day the command runs (the app's clock is moved to 2026-11-20).
  const { openCases: _cli, visits: _cliVisits, ...cli } = out;
  const { openCases: _api, visits: _apiVisits, ...rest } = fromApi;
  expect(cli).toEqual(rest);
  expect(out.openCases.total).toBe(fromApi.openCases.total);
  expect(out.visits.today).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  const bad = spawnSync(process.execPath, [bin, 'stats', 'overview', '--json', '--as-of', '2026-13-01'], { env: { ...process.env, DATABASE_URL: inject('databaseUrl'), FANGPIN_SECRET_KEY: TEST_SECRET_KEY }, encoding: 'utf8' });
  expect(bad.status).toBe(1);
  expect(bad.stderr).toContain('--as-of');
}, 60_000);
