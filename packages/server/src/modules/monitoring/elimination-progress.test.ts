import { beforeAll, describe, expect, it } from 'vitest';
import { buildCounty, buildHousehold, type BuiltHousehold, type TestCounty } from '../../../test/factories.ts';
import { approveHousehold, monitoringPeople } from '../../../test/monitoring-fixtures.ts';
import { testSessions, type Login } from '../../../test/sessions.ts';
import { createTestContext, type TestContext } from '../../../test/test-app.ts';

/**
 * Risk elimination, the rest of issue 13 item 5: the register's 消除程序中 filter
 * (`flag=eliminationInProgress`) and natural elimination (自然消除) over its whole path.
 */
let ctx: TestContext;
let county: TestCounty;
let monitor: Login;
let township: Login;
let otherTownship: Login;
let village: Login;
let line: number;

const { login, setDay, api } = testSessions(() => ctx);

const approve = (household: BuiltHousehold, clueDate: string, approvedOn: string, riskTypes: string[]) =>
  approveHousehold(ctx, api, monitor, household, { clueDate, approvedOn, category: 'sudden', riskTypes });

/** The household's income as a visit would have brought it up to date. */
const setIncome = (household: BuiltHousehold, perCapita: number) => ctx.pool.query(`UPDATE household_monitoring SET per_capita_income = $2 WHERE household_id = $1`, [household.id, perCapita]);

const propose = (who: Login, household: BuiltHousehold, body: object) => api(who, 'POST', `/api/households/${household.id}/eliminations`, { reason: '突发困难已自行解除，收入恢复', occurredOn: '2026-08-03', ...body });

/** One step of an elimination case, at the version the monitor sees. */
async function step(id: string, who: Login, type: string, occurredOn: string, data?: object) {
  const { version } = (await api(monitor, 'GET', `/api/eliminations/${id}`)).json<{ version: number }>();
  const r = await api(who, 'POST', `/api/eliminations/${id}/events`, { type, version, occurredOn, ...(data ? { data } : {}) });
  expect(r.statusCode, r.body).toBe(200);
  return r;
}

/** The running eliminations (cases at a step before the end) of the county, or of a region under it. */
async function runningEliminations(regionPrefix: string): Promise<string[]> {
  const { rows } = await ctx.pool.query<{ householdId: string }>(
    `SELECT DISTINCT household_id AS "householdId" FROM cases WHERE kind = 'elimination' AND region_code LIKE $1 || '%' AND step NOT IN ('eliminated', 'rejected', 'withdrawn', 'rolledBack')`,
    [regionPrefix],
  );
  return rows.map((r) => r.householdId).sort();
}

const flagged = async (who: Login) => {
  const r = await api(who, 'GET', '/api/monitoring-objects?flag=eliminationInProgress&pageSize=100');
  expect(r.statusCode, r.body).toBe(200);
  return { total: r.json().total as number, ids: r.json().items.map((i: { householdId: string }) => i.householdId).sort() as string[] };
};

let recovered: BuiltHousehold;
let running: BuiltHousehold;
let elsewhere: BuiltHousehold;
let idle: BuiltHousehold;

beforeAll(async () => {
  ctx = await createTestContext();
  county = await buildCounty(ctx.pool);
  ({ monitor, township, otherTownship, baile: village } = await monitoringPeople(login, county, ['monitor', 'township', 'otherTownship', 'baile']));
  recovered = await buildHousehold(ctx, { villageCode: county.villages[3]!.code, members: [{ name: '韦自然', relation: 'head' }] });
  running = await buildHousehold(ctx, { villageCode: county.villages[3]!.code, members: [{ name: '黄办理', relation: 'head' }] });
  elsewhere = await buildHousehold(ctx, { villageCode: county.villages[0]!.code, members: [{ name: '李外乡', relation: 'head' }] });
  idle = await buildHousehold(ctx, { villageCode: county.villages[3]!.code, members: [{ name: '陆未提出', relation: 'head' }] });
  await setDay('2026-07-21');
  for (const h of [recovered, running, elsewhere, idle]) await approve(h, '2026-07-10', '2026-07-20', ['01']);
  await setDay('2026-08-20');
  line = (await api(monitor, 'GET', `/api/households/${recovered.id}/elimination-check`)).json<{ monitoringLine: number }>().monitoringLine;
  for (const h of [recovered, running, elsewhere, idle]) await setIncome(h, line + 1500);
}, 120_000);

describe('natural elimination (自然消除): a risk that resolved itself, no measure and no minimum months', () => {
  let id = '';

  it('is refused as assisted (2 weeks monitored, no measure delivered) but allowed as natural once the risk is confirmed resolved', async () => {
    const check = (await api(monitor, 'GET', `/api/households/${recovered.id}/elimination-check`)).json();
    expect(check).toMatchObject({ isSuggested: false, mayPropose: true }); // the system never suggests a natural one
    const assisted = await propose(monitor, recovered, { mode: 'assisted' });
    expect(assisted.statusCode).toBe(422);
    expect(assisted.json().details.map((d: { code: string }) => d.code).sort()).toEqual(['monitoredTooShort', 'riskMeasureNotDelivered', 'tooFewMeasures']);
    const unconfirmed = await propose(monitor, recovered, { mode: 'natural', resolvedRiskTypes: [] });
    expect(unconfirmed.json()).toMatchObject({ reason: 'eliminationNotAllowed', details: [{ code: 'riskNotResolved', riskType: '01' }] });
    await setIncome(recovered, line - 100);
    const below = await propose(monitor, recovered, { mode: 'natural', resolvedRiskTypes: ['01'] });
    expect(below.json()).toMatchObject({ reason: 'eliminationNotAllowed', details: [{ code: 'incomeNotAboveLine', perCapita: line - 100, line }] });
    await setIncome(recovered, line + 1500);
    const created = await propose(monitor, recovered, { mode: 'natural', resolvedRiskTypes: ['01'] });
    expect(created.statusCode, created.body).toBe(201);
    id = created.json().id;
    const { rows } = await ctx.pool.query(`SELECT count(*)::int AS n FROM household_measures WHERE household_id = $1`, [recovered.id]);
    expect(rows[0].n).toBe(0);
  });

  it('goes through home check, deliberation, notice, township and county like an assisted one, and is recorded as natural', async () => {
    await step(id, township, 'startVerification', '2026-08-04');
    await step(id, village, 'recordVerification', '2026-08-05', { perCapitaIncome: line + 1400, basicNeedsSecured: true, notes: '伤已痊愈，恢复务工' });
    await step(id, village, 'recordDeliberation', '2026-08-06', { result: 'recommend', attendees: 11, minutes: '同意自然消除' });
    const asVillage = (await api(village, 'GET', `/api/eliminations/${id}`)).json<{ availableEvents: string[] }>();
    await step(id, asVillage.availableEvents.includes('endNotice') ? village : township, 'endNotice', '2026-08-11');
    await step(id, township, 'townshipApprove', '2026-08-12');
    const decided = await step(id, monitor, 'countyDecide', '2026-08-14', { decision: 'eliminate', outcome: 'stable' });
    expect(decided.json()).toMatchObject({ step: 'eliminated', mode: 'natural', eliminatedOn: '2026-08-14' });
    const { rows } = await ctx.pool.query(`SELECT status, elimination_mode AS mode, eliminated_on AS "on" FROM household_monitoring WHERE household_id = $1`, [recovered.id]);
    expect(rows).toEqual([{ status: 'eliminatedStable', mode: 'natural', on: '2026-08-14' }]);
    const file = (await api(monitor, 'GET', `/api/households/${recovered.id}/file`)).json();
    expect(JSON.stringify(file)).toContain('natural');
  });

  it('its public notice (公示) prints the period, the objections how-to and the county number, and nothing personal', async () => {
    const admin = await login('county-admin', county.code);
    expect((await api(admin, 'GET', `/api/eliminations/${id}`)).statusCode).toBe(200);
    const saved = await ctx.app.inject({ method: 'PUT', url: '/api/county-settings', payload: { supervisionPhone: '0776-7921234' }, headers: { cookie: admin.cookie } });
    expect(saved.statusCode, saved.body).toBe(200);
    const r = await api(village, 'GET', `/api/eliminations/${id}/notice`);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({
      villageName: '百乐村',
      townshipName: '逻西乡',
      startOn: '2026-08-06',
      days: 5,
      supervisionPhone: '0776-7921234',
      entries: [{ headName: '韦自然', householdSize: 1, categoryZh: '突发严重困难户', mode: 'natural', modeZh: '自然消除' }],
    });
    expect(r.json().endOn > r.json().startOn).toBe(true);
    expect(r.json().objectionsNote).toContain('异议');
    const text = r.body;
    expect(text).not.toMatch(/\d{17}[\dX]/);
    expect(text).not.toContain(recovered.members[0]!.idNumber.slice(0, 10));
    expect(text).not.toContain(recovered.phone);
    expect(text).not.toMatch(/1[3-9]\d{9}/);
    expect(text).not.toMatch(/银行|账号|病|伤|痊愈|health|illness/);
    const { rows } = await ctx.pool.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'elimination.notice.printed' AND object_id = $1`, [id]);
    expect(rows[0].n).toBe(1);
  });
});

describe('the register filter 消除程序中 (flag=eliminationInProgress)', () => {
  it('lists the households with a running elimination; its total equals the running eliminations in scope', async () => {
    // Two running (one in 逻西乡, one in 同乐镇), one ended above (eliminated), one never proposed.
    const r1 = await propose(monitor, running, { mode: 'natural', resolvedRiskTypes: ['01'] });
    expect(r1.statusCode, r1.body).toBe(201);
    const r2 = await propose(monitor, elsewhere, { mode: 'natural', resolvedRiskTypes: ['01'] });
    expect(r2.statusCode, r2.body).toBe(201);
    await step(r2.json().id, otherTownship, 'startVerification', '2026-08-04');

    const all = await flagged(monitor);
    expect(all.ids).toEqual(await runningEliminations(county.code.slice(0, 6)));
    expect(all).toEqual({ total: 2, ids: [running.id, elsewhere.id].sort() });
    expect(all.ids).not.toContain(recovered.id);
    expect(all.ids).not.toContain(idle.id);
    const mine = await flagged(township);
    expect(mine.total).toBe((await runningEliminations(county.townships[1]!.code.slice(0, 9))).length);
    expect(mine.ids).toEqual([running.id]);

    // Before its notice a case has none to print.
    expect((await api(monitor, 'GET', `/api/eliminations/${r1.json().id}/notice`)).json()).toMatchObject({ status: 422, reason: 'notInNotice' });
    expect((await api(otherTownship, 'GET', `/api/eliminations/${r1.json().id}/notice`)).statusCode).toBe(404);
    // A withdrawn case is no longer in progress.
    await step(r1.json().id, township, 'withdraw', '2026-08-15', { reason: '重新核实后再提出' });
    expect(await flagged(monitor)).toEqual({ total: 1, ids: [elsewhere.id] });
    // The other flags are unchanged, and an unknown flag is still refused.
    expect((await api(monitor, 'GET', '/api/monitoring-objects?flag=noHelper')).statusCode).toBe(200);
    expect((await api(monitor, 'GET', '/api/monitoring-objects?flag=inProgress')).statusCode).toBe(400);
  });
});
