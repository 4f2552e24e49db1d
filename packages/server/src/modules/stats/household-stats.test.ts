import { beforeAll, describe, expect, inject, it } from 'vitest';
import { buildCounty, buildHousehold, buildUserAndLogin, type BuiltHousehold, type TestCounty } from '../../../test/factories.ts';
import { COL, registryRows, tempFile, writeCsv } from '../../../test/registry-files.ts';
import { runCli } from '../../../test/run-cli.ts';
import { createOwnerPool, createTestContext, type TestContext } from '../../../test/test-app.ts';
import { SYSTEM_ACTOR } from '../audit/record-audit.ts';
import { importRegistry } from '../registry/import-registry.ts';
import { measureReportFigures } from './repo.ts';
import { verifyHouseholdStats } from './verify-summary.ts';

/**
 * The statistics' per-household summary (household_stats, docs/statistics.md "Pre-aggregation") is
 * kept by triggers in the writing transaction. Each test writes through one path — the registry
 * import (members added, a household moved), helper assignment and reassignment through the API
 * (backdated), a data fix ending a helper, a rollback, two writers at once — and checks the summary
 * row, the figures read from it against the register's list (read from the base tables), and
 * `verifyHouseholdStats` (the GROUP BY check). Without the triggers the summary stays as it was and
 * every test fails. Today is 2026-11-20.
 */
let ctx: TestContext;
let owner: ReturnType<typeof createOwnerPool>;
type Login = { cookie: string; user: { id: string; username: string } };

const api = (who: Login, method: 'GET' | 'POST', url: string, payload?: object) => ctx.app.inject({ method, url, headers: { cookie: who.cookie }, ...(payload ? { payload } : {}) });

async function summary(householdId: string) {
  const { rows } = await ctx.pool.query<{ persons: number; regionCode: string; firstHelperOn: string | null; helperDays: string }>(
    `SELECT persons, region_code AS "regionCode", to_char(first_helper_on, 'YYYY-MM-DD') AS "firstHelperOn", helper_days::text AS "helperDays" FROM household_stats WHERE household_id = $1`,
    [householdId],
  );
  return rows[0];
}

async function monitoring(county: TestCounty, h: BuiltHousehold, identifiedOn: string, helperDueOn: string) {
  await ctx.pool.query(
    `INSERT INTO household_monitoring (household_id, county_code, category, risk_types, identified_on, income_year, per_capita_income, helper_due_on) VALUES ($1, $2, 'marginal', '{01}', $3, 2026, 8000, $4)`,
    [h.id, county.countyCode, identifiedOn, helperDueOn],
  );
}

/** The overview's helper figures for the county as of a date, and the same counted by the register's list (base tables). */
async function helperFigures(who: Login, county: TestCounty, asOf: string) {
  const o = await api(who, 'GET', `/api/stats/overview?regionCode=${county.code}&asOf=${asOf}`);
  expect(o.statusCode, o.body).toBe(200);
  const list = async (q: string) => (await api(who, 'GET', `/api/monitoring-objects?asOf=${asOf}&regionCode=${county.code}&helper=${q}`)).json().total as number;
  const helpers = o.json().helpers as { assignedOnTime: number; assignedLate: number; unassigned: number };
  expect({ onTime: await list('onTime'), late: await list('late'), unassigned: await list('unassigned') }, `list as of ${asOf}`).toEqual({ onTime: helpers.assignedOnTime, late: helpers.assignedLate, unassigned: helpers.unassigned });
  return helpers;
}

async function expectVerified() {
  const result = await verifyHouseholdStats(ctx.pool);
  expect(result.mismatches).toEqual([]);
  expect(result.households).toBeGreaterThan(0);
}

beforeAll(async () => {
  ctx = await createTestContext();
  ctx.clock.now = new Date('2026-11-20T02:00:00Z');
  owner = createOwnerPool();
});

describe('household_stats: persons and region (registry writes)', () => {
  it('the registry import adds a member to an existing household and moves another household to a new village', async () => {
    const county = await buildCounty(ctx.pool);
    const rows = registryRows(county, 6, 21);
    const number = (r: string[]) => r[COL['户编号']]!;
    const households = [...new Set(rows.map(number))];
    const [grown, moved] = [households[0]!, households[1]!];
    const later = rows.filter((r) => number(r) === grown).at(-1)!;
    const deps = { pool: ctx.pool, cipher: ctx.cipher, today: '2026-11-20' };
    const first = await importRegistry(deps, SYSTEM_ACTOR, writeCsv(tempFile('registry.csv'), rows.filter((r) => r !== later)));
    expect(first.rejected).toBe(0);
    const idOf = async (householdNumber: string) => (await ctx.pool.query<{ id: string }>(`SELECT id FROM households WHERE household_number = $1`, [householdNumber])).rows[0]!.id;
    const [grownId, movedId] = [await idOf(grown), await idOf(moved)];
    const size = (n: string) => rows.filter((r) => number(r) === n).length;
    expect((await summary(grownId))?.persons).toBe(size(grown) - 1);

    const newVillage = county.villages.find((v) => v.code !== rows.find((r) => number(r) === moved)![COL['行政区划代码']])!.code;
    for (const r of rows) if (number(r) === moved) r[COL['行政区划代码']] = newVillage;
    const second = await importRegistry(deps, SYSTEM_ACTOR, writeCsv(tempFile('registry2.csv'), rows));
    expect(second).toMatchObject({ rejected: 0, created: 1 });
    expect((await summary(grownId))?.persons).toBe(size(grown));
    expect(await summary(movedId)).toMatchObject({ regionCode: newVillage, persons: size(moved) });
    await expectVerified();

    // The statistics read persons and the region from the summary: the overview equals the registry.
    const leader = await buildUserAndLogin(ctx, { role: 'leader', regionCode: county.code });
    await ctx.pool.query(
      `INSERT INTO household_monitoring (household_id, county_code, category, risk_types, identified_on, income_year, per_capita_income) SELECT id, county_code, 'unstable', '{01}', '2026-06-01', 2026, 8000 FROM households WHERE county_code = $1`,
      [county.countyCode],
    );
    const o = (await api(leader, 'GET', `/api/stats/overview?regionCode=${county.code}&asOf=2026-10-31`)).json();
    expect(o.monitoring).toMatchObject({ households: households.length, persons: rows.length });
    const township = county.townships.find((t) => newVillage.startsWith(t.code.slice(0, 9)))!;
    const { rows: inTownship } = await ctx.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM households WHERE region_code LIKE $1 || '%'`, [township.code.slice(0, 9)]);
    expect(o.monitoring.byRegion.find((r: { code: string }) => r.code === township.code).households).toBe(inTownship[0]!.n);
  }, 60_000);

  it('a monitored household the registry import moves into another county takes its own rows along, and the statistics count it there as the register does', async () => {
    const [from, to] = [await buildCounty(ctx.pool), await buildCounty(ctx.pool)];
    const rows = registryRows(from, 4, 45);
    const number = (r: string[]) => r[COL['户编号']]!;
    const households = [...new Set(rows.map(number))];
    const moved = households[1]!;
    const deps = { pool: ctx.pool, cipher: ctx.cipher, today: '2026-11-20' };
    expect((await importRegistry(deps, SYSTEM_ACTOR, writeCsv(tempFile('registry.csv'), rows))).rejected).toBe(0);
    const { rows: ids } = await ctx.pool.query<{ id: string }>(`SELECT id FROM households WHERE household_number = $1`, [moved]);
    const movedId = ids[0]!.id;
    await ctx.pool.query(
      `INSERT INTO household_monitoring (household_id, county_code, category, risk_types, identified_on, income_year, per_capita_income) SELECT id, county_code, 'marginal', '{01}', '2026-06-01', 2026, 8000 FROM households WHERE county_code = $1`,
      [from.countyCode],
    );
    for (const h of (await ctx.pool.query<{ id: string }>(`SELECT id FROM households WHERE county_code = $1`, [from.countyCode])).rows)
      await ctx.pool.query(`INSERT INTO household_measures (county_code, household_id, risk_type, category, measure, start_on, status, created_by) VALUES ($1, $2, '01', 'health', '措施', '2026-06-10', 'planned', 'test')`, [from.countyCode, h.id]);
    await ctx.pool.query(`INSERT INTO household_helpers (county_code, household_id, kind, name, assigned_on, assigned_by) VALUES ($1, $2, 'cadre', '帮扶人', '2026-06-05', 'test')`, [from.countyCode, movedId]);
    await ctx.pool.query(`INSERT INTO helper_visits (county_code, household_id, visited_on, visitor_name, visitor_role, observed) VALUES ($1, $2, '2026-08-22', '帮扶人', 'helping-cadre', '家中情况稳定')`, [from.countyCode, movedId]);

    // The system's import moves the household to a village of the other county and adds a member to it.
    const movedRows = rows.filter((r) => number(r) === moved);
    for (const r of movedRows) r[COL['行政区划代码']] = to.villages[0]!.code;
    const born = [...registryRows(to, 3, 46).find((r) => r[COL['与户主关系']] !== '户主')!];
    for (const c of ['户编号', '户类型', '行政区划代码', '家庭住址', '联系电话'] as const) born[COL[c]] = movedRows[0]![COL[c]]!;
    const again = await importRegistry(deps, SYSTEM_ACTOR, writeCsv(tempFile('registry2.csv'), [...rows, born]));
    expect(again, JSON.stringify(again.errors)).toMatchObject({ rejected: 0 });

    const { rows: counties } = await ctx.pool.query<{ t: string; county: string; n: number }>(
      `SELECT t, county_code AS county, count(*)::int AS n FROM (
         SELECT 'members' AS t, county_code FROM members WHERE household_id = $1
         UNION ALL SELECT 'household_monitoring', county_code FROM household_monitoring WHERE household_id = $1
         UNION ALL SELECT 'household_measures', county_code FROM household_measures WHERE household_id = $1
         UNION ALL SELECT 'household_helpers', county_code FROM household_helpers WHERE household_id = $1
         UNION ALL SELECT 'helper_visits', county_code FROM helper_visits WHERE household_id = $1
         UNION ALL SELECT 'household_stats', county_code FROM household_stats WHERE household_id = $1) x GROUP BY 1, 2 ORDER BY 1`,
      [movedId],
    );
    expect(counties).toEqual([
      { t: 'helper_visits', county: to.countyCode, n: 1 },
      { t: 'household_helpers', county: to.countyCode, n: 1 },
      { t: 'household_measures', county: to.countyCode, n: 1 },
      { t: 'household_monitoring', county: to.countyCode, n: 1 },
      { t: 'household_stats', county: to.countyCode, n: 1 },
      { t: 'members', county: to.countyCode, n: movedRows.length + 1 },
    ]);

    // The new county finds it by a member's name (members are searched by county and name).
    const monitor = await buildUserAndLogin(ctx, { role: 'county-monitor', regionCode: to.code });
    const found = await api(monitor, 'GET', `/api/households?q=${encodeURIComponent(movedRows[0]![COL['姓名']]!)}&pageSize=100`);
    expect(found.statusCode, found.body).toBe(200);
    expect(found.json().items.map((h: { id: string }) => h.id)).toEqual([movedId]);

    // Each county's figures: the moved household in the new one only, as the register's list has it (before, in neither).
    const leader = await buildUserAndLogin(ctx, { role: 'leader', regionCode: '450000000000' });
    for (const [county, expected] of [
      [from, households.length - 1],
      [to, 1],
    ] as const) {
      const o = (await api(leader, 'GET', `/api/stats/overview?regionCode=${county.code}&asOf=2026-10-31`)).json();
      const list = (await api(leader, 'GET', `/api/monitoring-objects?asOf=2026-10-31&regionCode=${county.code}`)).json();
      expect([o.monitoring.households, list.total], county.code).toEqual([expected, expected]);
    }
    // The measures table's figures place it there too: read by county (a province's table) and by township (a county's).
    const byCounty = await measureReportFigures(ctx.pool, { scope: { regionPrefix: '', countyCodes: [from.countyCode, to.countyCode] }, prefix: '45', asOf: '2026-10-31' }, [6]);
    const total = (key: string | null) => byCounty.filter((f) => f.key === key && f.category === null).map((f) => f.measures ?? f.households);
    expect([total(from.countyCode), total(to.countyCode), total(null)]).toEqual([
      [households.length - 1, households.length - 1],
      [1, 1],
      [households.length, households.length],
    ]);
    const byTownship = await measureReportFigures(ctx.pool, { scope: { regionPrefix: '', countyCodes: [to.countyCode] }, prefix: to.countyCode, asOf: '2026-10-31' }, [9]);
    expect(byTownship.filter((f) => f.key === to.townships[0]!.code.slice(0, 9) && f.category === null).map((f) => f.measures ?? f.households)).toEqual([1, 1]);
    await expectVerified();
  }, 60_000);

  it('a member moved to another household and one removed (data fixes in SQL) move the persons with them', async () => {
    const county = await buildCounty(ctx.pool);
    const a = await buildHousehold(ctx, { villageCode: county.villages[0]!.code, members: [{ name: '甲一', relation: 'head' }, { name: '甲二', relation: 'child' }, { name: '甲三', relation: 'child' }] });
    const b = await buildHousehold(ctx, { villageCode: county.villages[1]!.code, members: [{ name: '乙一', relation: 'head' }] });
    expect((await summary(a.id))?.persons).toBe(3);
    expect((await summary(b.id))?.persons).toBe(1);
    await ctx.pool.query(`UPDATE members SET household_id = $2 WHERE id = $1`, [a.members[1]!.id, b.id]);
    await ctx.pool.query(`DELETE FROM members WHERE id = $1`, [a.members[2]!.id]);
    await ctx.pool.query(`UPDATE members SET birth_year = birth_year + 1 WHERE household_id = ANY($1::uuid[])`, [[a.id, b.id]]);
    expect((await summary(a.id))?.persons).toBe(1);
    expect((await summary(b.id))?.persons).toBe(2);
    await expectVerified();
  });
});

describe('household_stats: own helpers (monitoring writes)', () => {
  it('an assignment recorded late with an earlier day, a reassignment and an end fixed in SQL change the figures of past days as the base tables do', async () => {
    const county = await buildCounty(ctx.pool);
    const monitor = await buildUserAndLogin(ctx, { role: 'county-monitor', regionCode: county.code });
    const leader = await buildUserAndLogin(ctx, { role: 'leader', regionCode: county.code });
    const h = await buildHousehold(ctx, { villageCode: county.villages[0]!.code });
    await monitoring(county, h, '2026-10-01', '2026-10-09');
    expect(await summary(h.id)).toMatchObject({ firstHelperOn: null, helperDays: '{}' });
    expect(await helperFigures(leader, county, '2026-10-31')).toEqual({ assignedOnTime: 0, assignedLate: 0, unassigned: 1 });

    // A work team alone is not an own helper.
    expect((await api(monitor, 'POST', `/api/households/${h.id}/helpers`, { kind: 'workTeam', name: '驻村工作队', assignedOn: '2026-10-02' })).statusCode).toBe(201);
    expect(await summary(h.id)).toMatchObject({ firstHelperOn: null, helperDays: '{}' });

    // Recorded on 11-20 with the day it really happened, 10-20: late (due 10-09); unassigned before that day.
    const person = await api(monitor, 'POST', `/api/households/${h.id}/helpers`, { kind: 'person', name: '王帮扶', unit: '县人社局', assignedOn: '2026-10-20' });
    expect(person.statusCode, person.body).toBe(201);
    expect(await summary(h.id)).toMatchObject({ firstHelperOn: '2026-10-20', helperDays: '{[2026-10-20,)}' });
    expect(await helperFigures(leader, county, '2026-10-15')).toEqual({ assignedOnTime: 0, assignedLate: 0, unassigned: 1 });
    expect(await helperFigures(leader, county, '2026-10-31')).toEqual({ assignedOnTime: 0, assignedLate: 1, unassigned: 0 });

    // Reassigned on 11-10: the first helper's day stays, the days run on.
    const reassigned = await api(monitor, 'POST', `/api/households/${h.id}/helpers/${person.json().id}/reassign`, { kind: 'person', name: '李帮扶', unit: '县农业局', assignedOn: '2026-11-10', reason: '工作调动' });
    expect(reassigned.statusCode, reassigned.body).toBe(201);
    expect(await summary(h.id)).toMatchObject({ firstHelperOn: '2026-10-20', helperDays: '{[2026-10-20,)}' });

    // A data fix: the second helper started only on 11-15, leaving 11-10 … 11-14 without one.
    await ctx.pool.query(`UPDATE household_helpers SET assigned_on = '2026-11-15' WHERE id = $1`, [reassigned.json().id]);
    expect(await summary(h.id)).toMatchObject({ helperDays: '{[2026-10-20,2026-11-10),[2026-11-15,)}' });
    expect(await helperFigures(leader, county, '2026-11-12')).toEqual({ assignedOnTime: 0, assignedLate: 1, unassigned: 1 });
    expect(await helperFigures(leader, county, '2026-11-15')).toEqual({ assignedOnTime: 0, assignedLate: 1, unassigned: 0 });

    // A helper removed by a data fix: only the second one's days remain, and it is the first now.
    await ctx.pool.query(`DELETE FROM household_helpers WHERE id = $1`, [person.json().id]);
    expect(await summary(h.id)).toMatchObject({ firstHelperOn: '2026-11-15', helperDays: '{[2026-11-15,)}' });
    expect(await helperFigures(leader, county, '2026-10-31')).toEqual({ assignedOnTime: 0, assignedLate: 0, unassigned: 1 });
    await expectVerified();
  });

  it('is written in the writing transaction: seen inside it, gone with its rollback', async () => {
    const county = await buildCounty(ctx.pool);
    const h = await buildHousehold(ctx, { villageCode: county.villages[0]!.code });
    const client = await ctx.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query(`INSERT INTO household_helpers (county_code, household_id, kind, name, assigned_on, assigned_by) VALUES ($1, $2, 'cadre', '帮扶人', '2026-11-01', 'test')`, [county.countyCode, h.id]);
      await client.query(`INSERT INTO members (household_id, county_code, name, id_enc, id_index, id_masked, sex, birth_year, relation) VALUES ($1, $2, '新成员', '\\x00', '\\x01', '***', 'male', 2020, 'child')`, [h.id, county.countyCode]);
      const { rows } = await client.query(`SELECT persons, to_char(first_helper_on, 'YYYY-MM-DD') AS first FROM household_stats WHERE household_id = $1`, [h.id]);
      expect(rows[0]).toEqual({ persons: 3, first: '2026-11-01' });
      await client.query('ROLLBACK');
    } finally {
      client.release();
    }
    expect(await summary(h.id)).toMatchObject({ persons: 2, firstHelperOn: null, helperDays: '{}' });
  });

  it('two writers of one household at once both count (the second waits for the first and reads what it committed)', async () => {
    const county = await buildCounty(ctx.pool);
    const h = await buildHousehold(ctx, { villageCode: county.villages[0]!.code });
    const [first, second] = [await ctx.pool.connect(), await ctx.pool.connect()];
    try {
      const insert = (on: string, ended: string | null) =>
        `INSERT INTO household_helpers (county_code, household_id, kind, name, assigned_on, ended_on, assigned_by) VALUES ('${county.countyCode}', '${h.id}', 'cadre', '帮扶人', '${on}', ${ended ? `'${ended}'` : 'NULL'}, 'test')`;
      await first.query('BEGIN');
      await first.query(insert('2026-03-01', '2026-04-01'));
      await second.query('BEGIN');
      const waiting = second.query(insert('2026-06-01', null));
      await new Promise((resolve) => setTimeout(resolve, 200));
      await first.query('COMMIT');
      await waiting;
      await second.query('COMMIT');
    } finally {
      first.release();
      second.release();
    }
    expect(await summary(h.id)).toMatchObject({ firstHelperOn: '2026-03-01', helperDays: '{[2026-03-01,2026-04-01),[2026-06-01,)}' });
    await expectVerified();
  });
});

describe('household_stats: guarded and checked', () => {
  it('the application role may read it but not write it', async () => {
    const county = await buildCounty(ctx.pool);
    const h = await buildHousehold(ctx, { villageCode: county.villages[0]!.code });
    await expect(ctx.pool.query(`UPDATE household_stats SET persons = 9 WHERE household_id = $1`, [h.id])).rejects.toThrow('permission denied for table household_stats');
    await expect(ctx.pool.query(`DELETE FROM household_stats WHERE household_id = $1`, [h.id])).rejects.toThrow('permission denied for table household_stats');
  });

  it('`fangpin stats verify` finds a summary row that differs from the base tables (exit code 1) and passes when they agree', async () => {
    const county = await buildCounty(ctx.pool);
    const h = await buildHousehold(ctx, { villageCode: county.villages[0]!.code });
    const clean = await runCli(inject('databaseUrl'), ['stats', 'verify', '--json']);
    expect(clean.code, clean.stderr).toBe(0);
    expect(JSON.parse(clean.stdout)).toMatchObject({ mismatched: 0, mismatches: [] });
    await owner.query(`UPDATE household_stats SET persons = persons + 5 WHERE household_id = $1`, [h.id]);
    try {
      const broken = await runCli(inject('databaseUrl'), ['stats', 'verify', '--json']);
      expect(broken.code).toBe(1);
      expect(JSON.parse(broken.stdout).mismatches).toContainEqual({ householdId: h.id, summary: expect.objectContaining({ persons: 7 }), base: expect.objectContaining({ persons: 2 }) });
    } finally {
      await owner.query(`UPDATE household_stats SET persons = persons - 5 WHERE household_id = $1`, [h.id]);
    }
  }, 60_000);
});
