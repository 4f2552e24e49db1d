import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { calendarForRuleSet, helperAssignmentDueOn } from '@fangpin/domain';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { buildCounty, buildHousehold, buildUserAndLogin, buildWarning, type BuiltHousehold, type TestCounty } from '../../../test/factories.ts';
import { createTestContext, TEST_SECRET_KEY, type TestContext } from '../../../test/test-app.ts';
import { withTransaction } from '../../db/client.ts';
import { SYSTEM_ACTOR } from '../audit/record-audit.ts';
import { openClueWithCase } from '../cases/open-case.ts';
import { ruleSetInForce } from '../rules/rule-set-in-force.ts';

/**
 * The deadline board (期限看板, docs/statistics.md "Deadline board") against a county counted by
 * hand. Today is Friday 2026-11-20 (the app's clock); "due soon" is today to 2026-11-23.
 *
 * | row | kind             | household (village, township) | what is due                                      | due on     | days |
 * |-----|------------------|-------------------------------|--------------------------------------------------|------------|------|
 * | 1   | helperAssignment | M3 (v3, T2)                   | approved 02-12, 5 working days across 春节        | 2026-02-26 | −267 |
 * | 2   | helperAssignment | M1 (v2, T2)                   | approved 09-30, 5 working days across 国庆        | 2026-10-13 | −38  |
 * | 3   | helperVisit      | M1 (sudden: monthly)          | identified 09-30, never visited                  | 2026-10-30 | −21  |
 * | 4   | warning          | B (v1, T1)                    | dispatched, to verify                            | 2026-11-15 | −5   |
 * | 5   | identification   | A (v0, T1)                    | home check's own limit (15-day limit 11-25)      | 2026-11-18 | −2   |
 * | 6   | elimination      | M1                            | township review                                  | 2026-11-19 | −1   |
 * | 7   | callback         | A                             | hotline callback, handler 接线员甲                 | 2026-11-21 | 1    |
 * | 8   | helperVisit      | M3 (marginal: quarterly)      | last visit 08-21, only a work team               | 2026-11-21 | 1    |
 * | 9   | identification   | B                             | the 15-day limit at deliberation                 | 2026-11-22 | 2    |
 * | 10  | warning          | C (v2, T2)                    | new, to dispatch                                 | 2026-11-23 | 3    |
 * | 11  | identification   | C                             | at the callback: its own limit (15-day over)     | 2026-12-01 | 11   |
 * | 12  | helperVisit      | M2 (v0, T1, helper 王帮扶)      | last visit 10-25, quarterly                      | 2027-01-25 | 66   |
 *
 * Not on the board: a closed case, an eliminated case, M2's helper (assigned late, but assigned),
 * M4 (risk eliminated), a call called back, a closed call, a confirmed warning, and another
 * county's overdue case.
 */
type Login = { cookie: string; user: { id: string; username: string } };
let ctx: TestContext;
let county: TestCounty;
/** Who reads the board: the county's leader and monitor, the second township's officer; and two who may not. */
const as = {} as Record<'leader' | 'monitor' | 'township2' | 'village' | 'helperCadre', Login>;
const hh: Record<string, BuiltHousehold> = {};
const ids: Record<string, string> = {};

const api = (who: Login, url: string) => ctx.app.inject({ method: 'GET', url, headers: { cookie: who.cookie } });
const board = async (who: Login, query = '') => {
  const r = await api(who, `/api/stats/deadlines${query ? `?${query}` : ''}`);
  expect(r.statusCode, r.statusCode === 500 ? ctx.logs.filter((l) => l.includes('"err"')).join('\n') : r.body).toBe(200);
  return r.json();
};

async function household(key: string, c: TestCounty, villageIndex: number): Promise<BuiltHousehold> {
  hh[key] = await buildHousehold(ctx, { villageCode: c.villages[villageIndex]!.code, members: [{ name: `${key}户主`, relation: 'head' }, { name: `${key}家人`, relation: 'child' }] });
  return hh[key];
}

async function monitoring(h: BuiltHousehold, m: { category: string; identifiedOn: string; helperDueOn: string; eliminatedOn?: string }) {
  await ctx.pool.query(
    `INSERT INTO household_monitoring (household_id, county_code, category, risk_types, identified_on, income_year, per_capita_income, eliminated_on, elimination_mode, helper_due_on)
     VALUES ($1, $2, $3, '{01}', $4, 2026, 8000, $5, $6, $7)`,
    [h.id, h.regionCode.slice(0, 6), m.category, m.identifiedOn, m.eliminatedOn ?? null, m.eliminatedOn ? 'assisted' : null, m.helperDueOn],
  );
}

async function helper(h: BuiltHousehold, kind: string, name: string, assignedOn: string) {
  await ctx.pool.query(`INSERT INTO household_helpers (county_code, household_id, kind, name, assigned_on, assigned_by) VALUES ($1, $2, $3, $4, $5, 'test')`, [h.regionCode.slice(0, 6), h.id, kind, name, assignedOn]);
}

async function helperVisit(h: BuiltHousehold, on: string) {
  await ctx.pool.query(`INSERT INTO helper_visits (county_code, household_id, visited_on, visitor_name, visitor_role, observed) VALUES ($1, $2, $3, '王帮扶', 'helping-cadre', '家中情况稳定')`, [h.regionCode.slice(0, 6), h.id, on]);
}

async function identificationCase(h: BuiltHousehold, set: { step: string; dueOn: string; stepDueOn: string | null }) {
  const opened = await withTransaction(ctx.pool, (tx) => openClueWithCase(tx, SYSTEM_ACTOR, { regionCode: h.regionCode, householdId: h.id, channel: 'visit', riskTypes: ['01'], summary: '测试线索', clueDate: '2026-11-08' }));
  await ctx.pool.query(`UPDATE cases SET step = $2, due_on = $3, step_due_on = $4 WHERE id = $1`, [opened.caseId, set.step, set.dueOn, set.stepDueOn]);
  return opened.caseId;
}

async function eliminationCase(h: BuiltHousehold, number: string, step: string, stepDueOn: string | null) {
  const { rows } = await ctx.pool.query<{ id: string }>(
    `INSERT INTO cases (case_number, county_code, region_code, household_id, kind, step, state, clue_date, step_due_on, due_on) VALUES ($1, $2, $3, $4, 'elimination', $5, '{}', '2026-11-01', $6, coalesce($6, '2026-11-01'::date)) RETURNING id`,
    [number, h.regionCode.slice(0, 6), h.regionCode, h.id, step, stepDueOn],
  );
  return rows[0]!.id;
}

async function call(h: BuiltHousehold, set: { calledAt: string; dueOn: string; callbackAt?: string; status?: string; handler?: string }) {
  const { rows } = await ctx.pool.query<{ id: string }>(
    `INSERT INTO hotline_calls (county_code, region_code, household_id, called_at, caller_name, content, result, handler_name, callback_due_on, callback_at, status) VALUES ($1, $2, $3, $4, '来电人', '看病花钱多', 'dispatched', $5, $6, $7, $8) RETURNING id`,
    [h.regionCode.slice(0, 6), h.regionCode, h.id, set.calledAt, set.handler ?? '接线员乙', set.dueOn, set.callbackAt ?? null, set.status ?? 'open'],
  );
  return rows[0]!.id;
}

beforeAll(async () => {
  ctx = await createTestContext();
  ctx.clock.now = new Date('2026-11-20T02:00:00Z');
  county = await buildCounty(ctx.pool);
  const other = await buildCounty(ctx.pool);
  for (const [key, role, regionCode] of [
    ['leader', 'leader', county.code],
    ['monitor', 'county-monitor', county.code],
    ['township2', 'township-officer', county.townships[1]!.code],
    ['village', 'village-cadre', county.villages[0]!.code],
    ['helperCadre', 'helping-cadre', county.code],
  ] as const)
    as[key] = await buildUserAndLogin(ctx, { role, regionCode });
  const [a, b, c, m1, m2, m3, m4, elsewhere] = [
    await household('A', county, 0),
    await household('B', county, 1),
    await household('C', county, 2),
    await household('M1', county, 2),
    await household('M2', county, 0),
    await household('M3', county, 3),
    await household('M4', county, 1),
    await household('X', other, 0),
  ];
  // The helper deadlines, as the approval stores them: 5 working days on the official calendar.
  const ruleSet = await ruleSetInForce(ctx.pool, county.code, '2026-02-12');
  const calendar = calendarForRuleSet(ruleSet);
  const acrossNationalDay = helperAssignmentDueOn('2026-09-30', ruleSet, calendar);
  const acrossSpringFestival = helperAssignmentDueOn('2026-02-12', ruleSet, calendar);
  // Counted by hand: 10-01…10-07 off, Sat 10-10 worked → 10-08, 10-09, 10-10, 10-12, 10-13;
  // Sat 02-14 worked, 02-15…02-23 off → 02-13, 02-14, 02-24, 02-25, 02-26.
  expect([acrossNationalDay, acrossSpringFestival]).toEqual(['2026-10-13', '2026-02-26']);
  await monitoring(m1, { category: 'sudden', identifiedOn: '2026-09-30', helperDueOn: acrossNationalDay });
  await monitoring(m2, { category: 'unstable', identifiedOn: '2026-02-12', helperDueOn: acrossSpringFestival });
  await monitoring(m3, { category: 'marginal', identifiedOn: '2026-02-12', helperDueOn: acrossSpringFestival });
  await monitoring(m4, { category: 'unstable', identifiedOn: '2026-02-12', helperDueOn: acrossSpringFestival, eliminatedOn: '2026-06-01' });
  await helper(m2, 'cadre', '王帮扶', '2026-03-02');
  await helper(m3, 'workTeam', '驻村工作队', '2026-02-20');
  await helperVisit(m2, '2026-10-25');
  await helperVisit(m3, '2026-08-21');
  ids.I1 = await identificationCase(a, { step: 'homeVerification', dueOn: '2026-11-25', stepDueOn: '2026-11-18' });
  ids.I2 = await identificationCase(b, { step: 'villageDeliberation', dueOn: '2026-11-22', stepDueOn: null });
  ids.I3 = await identificationCase(c, { step: 'callback', dueOn: '2026-11-10', stepDueOn: '2026-12-01' });
  await identificationCase(m4, { step: 'closed', dueOn: '2026-11-01', stepDueOn: null });
  await identificationCase(elsewhere, { step: 'homeVerification', dueOn: '2026-11-10', stepDueOn: '2026-11-05' });
  ids.E1 = await eliminationCase(m1, `${county.countyCode}-E-1`, 'townshipReview', '2026-11-19');
  await eliminationCase(m4, `${county.countyCode}-E-2`, 'eliminated', null);
  ids.call = await call(a, { calledAt: '2026-11-18T02:00:00Z', dueOn: '2026-11-21', handler: '接线员甲' });
  await call(a, { calledAt: '2026-11-10T02:00:00Z', dueOn: '2026-11-12', callbackAt: '2026-11-11T03:00:00Z' });
  await call(m3, { calledAt: '2026-11-01T02:00:00Z', dueOn: '2026-11-05', status: 'closed' });
  ids.w1 = (await buildWarning(ctx.pool, { household: b, status: 'dispatched', dueOn: '2026-11-15' })).id;
  ids.w2 = (await buildWarning(ctx.pool, { household: c, status: 'new', dueOn: '2026-11-23' })).id;
  const confirmed = await buildWarning(ctx.pool, { household: a, status: 'dispatched', dueOn: '2026-11-01' });
  await ctx.pool.query(`UPDATE warnings SET status = 'riskConfirmed' WHERE id = $1`, [confirmed.id]);
}, 120_000);

describe('GET /api/stats/deadlines (issue 14, item 4)', () => {
  it('lists every open deadline of the county soonest first, each kind counted by hand', async () => {
    const b = await board(as.leader);
    expect(b).toMatchObject({ today: '2026-11-20', regionCode: county.code, kind: null, status: 'all', total: 12, page: 1 });
    expect(b.counts).toEqual({
      overdue: 6,
      dueSoon: 4,
      all: 12,
      byKind: {
        identification: { overdue: 1, dueSoon: 1, all: 3 },
        elimination: { overdue: 1, dueSoon: 0, all: 1 },
        helperAssignment: { overdue: 2, dueSoon: 0, all: 2 },
        helperVisit: { overdue: 1, dueSoon: 1, all: 3 },
        callback: { overdue: 0, dueSoon: 1, all: 1 },
        warning: { overdue: 1, dueSoon: 1, all: 2 },
      },
    });
    const rows = b.items.map((i: Record<string, unknown>) => [i.kind, i.headName, i.task, i.dueOn, i.daysLeft, i.status]);
    expect(rows).toEqual([
      ['helperAssignment', 'M3户主', 'helperAssignment', '2026-02-26', -267, 'overdue'],
      ['helperAssignment', 'M1户主', 'helperAssignment', '2026-10-13', -38, 'overdue'],
      ['helperVisit', 'M1户主', 'helperVisit', '2026-10-30', -21, 'overdue'],
      ['warning', 'B户主', 'warningVerification', '2026-11-15', -5, 'overdue'],
      ['identification', 'A户主', 'stepLimit', '2026-11-18', -2, 'overdue'],
      ['elimination', 'M1户主', 'stepLimit', '2026-11-19', -1, 'overdue'],
      ['callback', 'A户主', 'callback', '2026-11-21', 1, 'dueSoon'],
      ['helperVisit', 'M3户主', 'helperVisit', '2026-11-21', 1, 'dueSoon'],
      ['identification', 'B户主', 'identificationLimit', '2026-11-22', 2, 'dueSoon'],
      ['warning', 'C户主', 'warningDispatch', '2026-11-23', 3, 'dueSoon'],
      ['identification', 'C户主', 'stepLimit', '2026-12-01', 11, 'later'],
      ['helperVisit', 'M2户主', 'helperVisit', '2027-01-25', 66, 'later'],
    ]);
  });

  it('says who must act, where, and the page where it is done; no ID number or phone', async () => {
    const b = await board(as.monitor);
    const find = (kind: string, head: string) => b.items.find((i: { kind: string; headName: string }) => i.kind === kind && i.headName === head);
    expect(find('identification', 'A户主')).toMatchObject({
      step: 'homeVerification',
      villageName: county.villages[0]!.name,
      townshipName: county.townships[0]!.name,
      roles: ['village-cadre', 'township-officer', 'county-monitor'],
      person: null,
      link: `/cases/${ids.I1}`,
    });
    expect(find('identification', 'A户主').caseNumber).toMatch(/^\d{6}-2026-\d{4}$/);
    expect(find('elimination', 'M1户主')).toMatchObject({ step: 'townshipReview', roles: ['township-officer'], link: `/eliminations/${ids.E1}` });
    expect(find('helperAssignment', 'M1户主')).toMatchObject({ roles: ['county-monitor', 'township-officer'], link: `/households/${hh.M1!.id}` });
    expect(find('helperVisit', 'M2户主')).toMatchObject({ roles: ['helping-cadre'], person: '王帮扶' });
    expect(find('helperVisit', 'M3户主')).toMatchObject({ person: null }); // a work team is no household helper
    expect(find('callback', 'A户主')).toMatchObject({ roles: ['county-monitor'], person: '接线员甲', link: '/hotline/records?from=2026-11-18&to=2026-11-18&status=open' });
    expect(find('warning', 'B户主')).toMatchObject({ step: null, roles: ['village-cadre'], link: `/warnings?householdId=${hh.B!.id}&status=dispatched` });
    expect(find('warning', 'C户主')).toMatchObject({ roles: ['county-monitor', 'county-admin', 'township-officer'] });
    // Identification at the automatic assessment would name `system`: never listed as someone to act.
    const body = JSON.stringify(b);
    for (const h of Object.values(hh)) for (const m of h.members) expect(body).not.toContain(m.idNumber);
    expect(body).not.toMatch(/phone|idNumber|idMasked/i);
  });

  it('filters by kind and status, and pages', async () => {
    const overdue = await board(as.leader, 'status=overdue');
    expect(overdue.total).toBe(6);
    expect(overdue.items.every((i: { daysLeft: number }) => i.daysLeft < 0)).toBe(true);
    const soon = await board(as.leader, 'status=dueSoon&kind=helperVisit');
    expect(soon).toMatchObject({ kind: 'helperVisit', status: 'dueSoon', total: 1 });
    expect(soon.items.map((i: { headName: string }) => i.headName)).toEqual(['M3户主']);
    expect(soon.counts.all).toBe(12); // the chips count the whole region
    const second = await board(as.leader, 'page=2');
    expect(second).toMatchObject({ page: 2, total: 12, items: [] });
  });

  it("a township officer's board is their township's", async () => {
    const b = await board(as.township2);
    expect(b.regionCode).toBe(county.townships[1]!.code);
    expect(b.counts).toMatchObject({ overdue: 4, dueSoon: 2, all: 7 });
    expect(new Set(b.items.map((i: { townshipName: string }) => i.townshipName))).toEqual(new Set([county.townships[1]!.name]));
    // The leader narrowing to the same township sees the same board.
    const narrowed = await board(as.leader, `regionCode=${county.townships[1]!.code}`);
    expect(narrowed.items).toEqual(b.items);
  });

  it("the dashboard's overdue and due-soon case figures equal the board's identification rows", async () => {
    const o = (await api(as.leader, '/api/stats/overview')).json();
    const b = await board(as.leader, 'kind=identification');
    expect(o.openCases.overdue).toBe(b.counts.byKind.identification.overdue);
    expect(o.openCases.dueSoon).toBe(b.counts.byKind.identification.dueSoon);
    // Open cases are identification cases: the elimination case is not one of them.
    expect(o.openCases.total).toBe(3);
  });

  it('refuses with a reason: village cadre and helping cadre 403, a region outside 404, bad filters 400', async () => {
    for (const who of [as.village, as.helperCadre]) {
      const r = await api(who, '/api/stats/deadlines');
      expect(r.statusCode).toBe(403);
      expect(r.headers['content-type']).toContain('application/problem+json');
      expect(r.json()).toMatchObject({ code: 'FORBIDDEN', reason: 'statsNotAllowed' });
    }
    const outside = await api(as.township2, `/api/stats/deadlines?regionCode=${county.townships[0]!.code}`);
    expect(outside.statusCode).toBe(404);
    expect(outside.json()).toMatchObject({ code: 'NOT_FOUND', reason: 'statsRegionNotFound', params: { regionCode: county.townships[0]!.code } });
    expect((await api(as.leader, '/api/stats/deadlines?regionCode=999999')).statusCode).toBe(404);
    for (const q of ['kind=everything', 'status=late', 'page=0', 'regionCode=45xx', 'extra=1']) expect((await api(as.leader, `/api/stats/deadlines?${q}`)).statusCode, q).toBe(400);
  });
});

it('`fangpin stats deadlines --json` prints the same JSON as the API', async () => {
  // The command reads today's date from the machine: the app's clock follows it for this test.
  ctx.clock.now = new Date();
  try {
    const leaderNow = await buildUserAndLogin(ctx, { role: 'leader', regionCode: county.code });
    const bin = path.resolve(import.meta.dirname, '../../../bin/fangpin.mjs');
    const env = { ...process.env, DATABASE_URL: inject('databaseUrl'), FANGPIN_SECRET_KEY: TEST_SECRET_KEY };
    for (const args of [[], ['--kind', 'helperVisit', '--status', 'overdue']]) {
      const fromApi = await board(leaderNow, new URLSearchParams({ regionCode: county.code, ...(args.length ? { kind: args[1]!, status: args[3]! } : {}) }).toString());
      const run = spawnSync(process.execPath, [bin, 'stats', 'deadlines', '--json', '--region', county.code, ...args], { env, encoding: 'utf8' });
      expect(run.stderr).toBe('');
      expect(JSON.parse(run.stdout)).toEqual(fromApi);
    }
    const bad = spawnSync(process.execPath, [bin, 'stats', 'deadlines', '--json', '--kind', 'everything'], { env, encoding: 'utf8' });
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toContain('--kind');
  } finally {
    ctx.clock.now = new Date('2026-11-20T02:00:00Z');
  }
}, 60_000);
