import { beforeAll, describe, expect, it } from 'vitest';
import { buildCounty, buildHousehold, buildUserAndLogin, buildWarning, type BuiltHousehold, type TestCounty } from '../../../test/factories.ts';
import { createTestContext, type TestContext } from '../../../test/test-app.ts';

// Issue 11 items 5–8: work reaching the right person. A warning the county dispatches reaches the
// village's to-do; confirming it needs a note, opens a case the warning links to (and back); the
// county may correct the outcome while the case has not moved; only the county withdraws a case;
// menus follow the domain's abilities; the hotline desk can ask about an open case before saving;
// households are found by the name of their village or township.

let ctx: TestContext;
let county: TestCounty;
type Login = { cookie: string; user: { id: string; username: string } };
let monitor: Login;
let admin: Login;
let luoxi: Login;
let mazhuang: Login;
let baile: Login;
let leader: Login;
let helper: Login;
let dept: Login;
let huang: BuiltHousehold;
let wei: BuiltHousehold;

async function api(who: Login | null, method: 'GET' | 'POST', url: string, payload?: unknown) {
  return ctx.app.inject({ method, url, ...(payload !== undefined ? { payload: payload as object } : {}), headers: who ? { cookie: who.cookie } : {} });
}

async function ok(who: Login, method: 'GET' | 'POST', url: string, payload?: unknown) {
  const r = await api(who, method, url, payload);
  expect(r.statusCode, `${method} ${url}: ${r.body}`).toBe(200);
  return r.json();
}

const todoOf = (who: Login) => ok(who, 'GET', '/api/cases/todo');
const warningOf = async (who: Login, id: string) => {
  const list = await ok(who, 'GET', '/api/warnings?pageSize=500');
  return list.items.find((w: { id: string }) => w.id === id);
};

/** Warnings are raised before the day this file's clock stands on (a verification cannot predate its warning). */
const RAISED_AT = new Date('2026-11-05T02:00:00Z');

beforeAll(async () => {
  ctx = await createTestContext();
  ctx.clock.now = new Date('2026-11-10T02:00:00Z');
  county = await buildCounty(ctx.pool);
  const [, , mazhuangV, baileV] = county.villages;
  huang = await buildHousehold(ctx, { villageCode: mazhuangV!.code, members: [{ name: '黄小东', relation: 'head', birthDate: '1994-03-12' }] });
  wei = await buildHousehold(ctx, { villageCode: mazhuangV!.code, members: [{ name: '韦秀梅', relation: 'head', birthDate: '1970-08-20', sex: 'female' }] });
  monitor = await buildUserAndLogin(ctx, { role: 'county-monitor', regionCode: county.countyCode });
  admin = await buildUserAndLogin(ctx, { role: 'county-admin', regionCode: county.countyCode });
  luoxi = await buildUserAndLogin(ctx, { role: 'township-officer', regionCode: county.townships[1]!.code });
  mazhuang = await buildUserAndLogin(ctx, { role: 'village-cadre', regionCode: mazhuangV!.code });
  baile = await buildUserAndLogin(ctx, { role: 'village-cadre', regionCode: baileV!.code });
  leader = await buildUserAndLogin(ctx, { role: 'leader', regionCode: county.countyCode });
  helper = await buildUserAndLogin(ctx, { role: 'helping-cadre', regionCode: county.countyCode });
  dept = await buildUserAndLogin(ctx, { role: 'department', regionCode: county.countyCode });
});

describe('the to-do of every role (item 5)', () => {
  it('a new warning waits with the county and the township; once dispatched, with the village that verifies it', async () => {
    // A county of its own: the counts are exact, whatever the other tests leave in theirs.
    const own = await buildCounty(ctx.pool);
    const [, , mazhuangV, baileV] = own.villages;
    const huang = await buildHousehold(ctx, { villageCode: mazhuangV!.code, members: [{ name: '黄小东', relation: 'head', birthDate: '1994-03-12' }] });
    const monitor = await buildUserAndLogin(ctx, { role: 'county-monitor', regionCode: own.countyCode });
    const luoxi = await buildUserAndLogin(ctx, { role: 'township-officer', regionCode: own.townships[1]!.code });
    const mazhuang = await buildUserAndLogin(ctx, { role: 'village-cadre', regionCode: mazhuangV!.code });
    const baile = await buildUserAndLogin(ctx, { role: 'village-cadre', regionCode: baileV!.code });
    const warning = await buildWarning(ctx.pool, { raisedAt: RAISED_AT, household: huang, dueOn: '2026-11-20' });
    const before = { county: await todoOf(monitor), township: await todoOf(luoxi), village: await todoOf(mazhuang) };
    // The fields automation reads stay, next to the new ones.
    for (const field of ['items', 'total', 'overdue', 'dueSoon', 'visitReports', 'callbacksDue', 'warningsToDispatch', 'warningsToVerify', 'warnings', 'count'])
      expect(Object.keys(before.county)).toContain(field);
    expect(before.county.warningsToDispatch).toBe(1);
    expect(before.county.warnings).toEqual([expect.objectContaining({ id: warning.id, action: 'dispatch', householdNumber: huang.householdNumber, headName: '黄小东', villageName: '马庄村' })]);
    expect(before.township.warningsToDispatch).toBe(1);
    expect(before.village).toMatchObject({ warningsToVerify: 0, warningsToDispatch: 0, warnings: [], count: 0 });

    const moved = await ok(monitor, 'POST', '/api/warnings/transition', { ids: [warning.id], to: 'dispatched' });
    expect(moved.results).toEqual([{ id: warning.id, ok: true }]);

    const village = await todoOf(mazhuang);
    expect(village).toMatchObject({ warningsToVerify: 1, count: 1 });
    expect(village.warnings).toEqual([expect.objectContaining({ id: warning.id, action: 'verify', status: 'dispatched', dueOn: '2026-11-20', riskType: '01' })]);
    expect(village.count).toBe(village.total + village.warningsToVerify + village.warningsToDispatch + village.visitReports + village.callbacksDue);
    // Another village does not see it; the county no longer counts it.
    expect((await todoOf(baile)).warnings).toEqual([]);
    expect((await todoOf(monitor)).warningsToDispatch).toBe(0);
    expect((await todoOf(monitor)).warningsToVerify).toBe(0);
  });

  it('leaders, helping cadres and department clerks have no to-do; the village, township and county do', async () => {
    const abilities = async (who: Login) => (await ok(who, 'GET', '/api/auth/me')).user.abilities;
    expect((await abilities(mazhuang)).hasTodo).toBe(true);
    expect((await abilities(luoxi)).hasTodo).toBe(true);
    expect((await abilities(monitor)).hasTodo).toBe(true);
    expect((await abilities(leader)).hasTodo).toBe(false);
    expect((await abilities(helper)).hasTodo).toBe(false);
    expect((await abilities(dept)).hasTodo).toBe(false);
    expect((await todoOf(leader)).count).toBe(0);
  });
});

describe('verifying a warning (item 6)', () => {
  it('confirming needs a note; the warning links to the case it opened and the case back to the warning', async () => {
    const warning = await buildWarning(ctx.pool, { raisedAt: RAISED_AT, household: wei, status: 'dispatched' });
    const bare = await api(mazhuang, 'POST', '/api/warnings/transition', { ids: [warning.id], to: 'riskConfirmed' });
    expect(bare.statusCode).toBe(400);
    expect(bare.json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'reason' });
    expect((await warningOf(monitor, warning.id)).status).toBe('dispatched');

    const note = '入户核实：户主住院两次，自付一万二，家中无务工收入';
    const { results } = await ok(mazhuang, 'POST', '/api/warnings/transition', { ids: [warning.id], to: 'riskConfirmed', reason: note });
    expect(results).toEqual([{ id: warning.id, ok: true, clueId: expect.any(String), caseId: expect.any(String), caseNumber: expect.stringMatching(/^\d{6}-2026-\d{4}$/) }]);
    const { caseId, caseNumber } = results[0];

    expect(await warningOf(mazhuang, warning.id)).toMatchObject({ status: 'riskConfirmed', statusReason: note, caseId, caseNumber, caseStep: 'clueRegistered' });
    const detail = await ok(monitor, 'GET', `/api/cases/${caseId}`);
    expect(detail.channel).toBe('warning');
    expect(detail.warning).toMatchObject({ id: warning.id, riskType: '01', status: 'riskConfirmed', statusReason: note, sources: ['medical'] });
    expect(detail.timeline[0].comment).toContain(note);
    const { rows: audit } = await ctx.pool.query(`SELECT after FROM audit_log WHERE action = 'warning.riskConfirmed' AND object_id = $1`, [warning.id]);
    expect(audit).toEqual([{ after: expect.objectContaining({ caseId, reason: note }) }]);
  });

  it('the county corrects a wrong confirmation: the case is withdrawn with the reason and the warning goes back to the village', async () => {
    const warning = await buildWarning(ctx.pool, { raisedAt: RAISED_AT, household: huang, status: 'dispatched', riskType: '04' });
    const { results } = await ok(mazhuang, 'POST', '/api/warnings/transition', { ids: [warning.id], to: 'riskConfirmed', reason: '劳动力不足' });
    const first = results[0];
    const correct = (who: Login, body: object) => api(who, 'POST', `/api/warnings/${warning.id}/correction`, body);

    // The village and the township may not; the county needs a reason.
    expect((await correct(mazhuang, { to: 'reopen', reason: '点错了' })).statusCode).toBe(403);
    expect((await correct(luoxi, { to: 'reopen', reason: '点错了' })).statusCode).toBe(403);
    expect((await correct(monitor, { to: 'reopen', reason: ' ' })).json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'reason' });

    const reason = '村干部误点：核实的是另一户';
    const r = await correct(monitor, { to: 'reopen', reason });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ warning: { id: warning.id, status: 'dispatched', statusReason: null, caseId: first.caseId, caseStep: 'withdrawn' }, withdrawnCase: { id: first.caseId, caseNumber: first.caseNumber }, openedCase: null });
    const withdrawn = await ok(monitor, 'GET', `/api/cases/${first.caseId}`);
    expect(withdrawn.step).toBe('withdrawn');
    expect(withdrawn.timeline.at(-1)).toMatchObject({ type: 'withdraw', data: { reason: `预警核实结果更正：${reason}` } });
    const { rows: audit } = await ctx.pool.query(`SELECT before, after FROM audit_log WHERE action = 'warning.corrected' AND object_id = $1`, [warning.id]);
    expect(audit).toEqual([{ before: { status: 'riskConfirmed', reason: '劳动力不足' }, after: expect.objectContaining({ status: 'dispatched', reason, withdrawnCaseId: first.caseId }) }]);
    // Back in the village's to-do, to verify again.
    expect((await todoOf(mazhuang)).warnings.map((w: { id: string }) => w.id)).toContain(warning.id);

    // Confirmed again: a new case (the withdrawn one stays withdrawn).
    const again = (await ok(mazhuang, 'POST', '/api/warnings/transition', { ids: [warning.id], to: 'riskConfirmed', reason: '再次入户：确实缺劳动力' })).results[0];
    expect(again.caseId).not.toBe(first.caseId);
    // Once the home verification is dispatched, it is too late to correct.
    const c = await ok(monitor, 'GET', `/api/cases/${again.caseId}`);
    await ok(monitor, 'POST', `/api/cases/${again.caseId}/events`, { type: 'startVerification', version: c.version });
    const late = await correct(monitor, { to: 'noRisk', reason: '后来发现已脱贫' });
    expect(late.statusCode).toBe(422);
    expect(late.json()).toMatchObject({ code: 'WORKFLOW_REFUSED', reason: 'caseMoved', caseId: again.caseId });
    expect((await warningOf(monitor, warning.id)).status).toBe('riskConfirmed');
  });

  it('"no risk" corrected to a confirmed risk opens a case; the county admin may correct too', async () => {
    const warning = await buildWarning(ctx.pool, { raisedAt: RAISED_AT, household: wei, status: 'dispatched', riskType: '09' });
    await ok(mazhuang, 'POST', '/api/warnings/transition', { ids: [warning.id], to: 'noRisk', reason: '孩子已毕业' });
    const r = await api(admin, 'POST', `/api/warnings/${warning.id}/correction`, { to: 'riskConfirmed', reason: '县里复核：二孩仍在读高中，学费负担重' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ warning: { status: 'riskConfirmed', caseStep: 'clueRegistered' }, withdrawnCase: null, openedCase: { id: expect.any(String) } });
    expect((await api(admin, 'POST', `/api/warnings/${warning.id}/correction`, { to: 'riskConfirmed', reason: 'x' })).json()).toMatchObject({ reason: 'sameOutcome' });
  });
});

describe('menus and actions follow what a role may do (item 7)', () => {
  it('a village cadre is not offered, and may not send, a withdrawal; the county may', async () => {
    const created = await api(monitor, 'POST', '/api/hotline-calls', { callerName: '韦大姐', callerPhone: '13900001112', regionCode: huang.regionCode, householdId: null, content: '邻居家房屋漏雨', result: 'dispatched' });
    expect(created.statusCode, created.body).toBe(201);
    const caseId = created.json().caseId as string;
    const seenByVillage = await ok(mazhuang, 'GET', `/api/cases/${caseId}`);
    expect(seenByVillage.step).toBe('homeVerification');
    expect(seenByVillage.allowedEvents).toContain('recordVerification');
    expect(seenByVillage.allowedEvents).not.toContain('withdraw');
    const refused = await api(mazhuang, 'POST', `/api/cases/${caseId}/events`, { type: 'withdraw', version: seenByVillage.version, data: { reason: '不需要了' } });
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({ code: 'WORKFLOW_REFUSED', reason: 'roleNotAllowed' });
    expect((await ok(luoxi, 'GET', `/api/cases/${caseId}`)).allowedEvents).not.toContain('withdraw');
    // The county admin does not do home checks, but may withdraw.
    const seenByAdmin = await ok(admin, 'GET', `/api/cases/${caseId}`);
    expect(seenByAdmin.allowedEvents).toEqual(['withdraw']);
    await ok(monitor, 'POST', `/api/cases/${caseId}/events`, { type: 'withdraw', version: seenByAdmin.version, data: { reason: '重复来电，已并入原线索' } });
  });

  it("/api/me says which pages a role opens, and the server refuses what the menu hides", async () => {
    const me = async (who: Login) => (await ok(who, 'GET', '/api/auth/me')).user.abilities;
    const village = await me(mazhuang);
    expect(village).toMatchObject({ canReadDepartmentImports: false, canReviewRules: false, canReadHouseholds: true, canCorrectWarnings: false, canReadRules: true });
    expect(await me(luoxi)).toMatchObject({ canReadDepartmentImports: false, canReviewRules: false });
    expect(await me(monitor)).toMatchObject({ canReadDepartmentImports: true, canReviewRules: true, canCorrectWarnings: true });
    expect(await me(dept)).toMatchObject({ canReadDepartmentImports: true, canReadHouseholds: false, canReviewRules: false });
    expect(await me(leader)).toMatchObject({ canReadDepartmentImports: false, canReviewRules: true, canReadHouseholds: true });
    expect((await api(mazhuang, 'GET', '/api/department-batches')).statusCode).toBe(403);
    expect((await api(mazhuang, 'GET', '/api/department-sources/medical/settings')).statusCode).toBe(403);
    expect((await api(monitor, 'GET', '/api/department-batches')).statusCode).toBe(200);
    expect((await api(dept, 'GET', '/api/department-batches')).statusCode).toBe(200);
    // The rules in force stay readable to everyone (the field app shows the same numbers).
    expect((await api(mazhuang, 'GET', '/api/rule-sets/in-force')).statusCode).toBe(200);
  });

  it('the hotline desk learns of an open case for the household before saving', async () => {
    const household = await buildHousehold(ctx, { villageCode: county.villages[3]!.code, members: [{ name: '罗大山', relation: 'head' }] });
    const check = (body: object) => ok(monitor, 'POST', '/api/hotline-calls/open-case', body);
    expect(await check({ householdId: household.id })).toEqual({ openCase: null });
    const saved = await api(monitor, 'POST', '/api/hotline-calls', { callerName: '罗大山', callerPhone: '13911112222', regionCode: household.regionCode, householdId: household.id, content: '老人住院', result: 'dispatched' });
    expect(saved.statusCode, saved.body).toBe(201);
    const open = await check({ householdId: household.id });
    expect(open.openCase).toMatchObject({ caseId: saved.json().caseId, step: 'homeVerification', stepZh: expect.stringContaining('入户核实'), matchedBy: 'household' });
    // The same caller about the same village, no household named: what saving would join.
    const anonymous = await api(monitor, 'POST', '/api/hotline-calls', { callerName: '匿名', callerPhone: '13933334444', regionCode: household.regionCode, householdId: null, content: '隔壁家失火', result: 'dispatched' });
    expect((await check({ regionCode: household.regionCode, callerPhone: '139 3333 4444' })).openCase).toMatchObject({ caseId: anonymous.json().caseId, matchedBy: 'caller' });
    expect(await check({ regionCode: household.regionCode, callerPhone: '13955556666' })).toEqual({ openCase: null });
    // Only the hotline desk asks; another county sees nothing of ours.
    expect((await api(mazhuang, 'POST', '/api/hotline-calls/open-case', { householdId: household.id })).statusCode).toBe(403);
    const other = await buildCounty(ctx.pool);
    const otherMonitor = await buildUserAndLogin(ctx, { role: 'county-monitor', regionCode: other.countyCode });
    expect((await api(otherMonitor, 'POST', '/api/hotline-calls/open-case', { householdId: household.id })).statusCode).toBe(404);
  });
});

describe('household search by place name (item 8)', () => {
  it('finds the households of a village or a township by its name, within the scope', async () => {
    const ids = (body: { items: { id: string }[] }) => body.items.map((h) => h.id);
    const byVillage = await ok(monitor, 'GET', `/api/households?q=${encodeURIComponent('马庄村')}&pageSize=100`);
    expect(ids(byVillage)).toEqual(expect.arrayContaining([huang.id, wei.id]));
    expect(byVillage.items.every((h: { villageName: string }) => h.villageName === '马庄村')).toBe(true);
    // A prefix of the name works too, and a township finds every village's households.
    expect(ids(await ok(monitor, 'GET', `/api/households?q=${encodeURIComponent('马庄')}&pageSize=100`))).toEqual(expect.arrayContaining([huang.id, wei.id]));
    const byTownship = await ok(monitor, 'GET', `/api/households?q=${encodeURIComponent('逻西乡')}&pageSize=100`);
    expect(ids(byTownship)).toEqual(expect.arrayContaining([huang.id, wei.id]));
    expect(byTownship.items.every((h: { townshipName: string }) => h.townshipName === '逻西乡')).toBe(true);
    // Names still work, and a cadre of 百乐村 finds nothing in 马庄村.
    expect(ids(await ok(monitor, 'GET', `/api/households?q=${encodeURIComponent('黄小')}&pageSize=100`))).toContain(huang.id);
    expect((await ok(baile, 'GET', `/api/households?q=${encodeURIComponent('马庄村')}`)).total).toBe(0);
    // LIKE wildcards in the text are literal.
    expect((await ok(monitor, 'GET', `/api/households?q=${encodeURIComponent('%')}`)).total).toBe(0);
  });
});
