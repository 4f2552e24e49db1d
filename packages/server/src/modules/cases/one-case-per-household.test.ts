import { beforeAll, describe, expect, it } from 'vitest';
import { buildCase, buildCounty, buildHousehold, buildUserAndLogin, buildWarning, type BuiltHousehold, type TestCounty } from '../../../test/factories.ts';
import { createTestContext, setTestDay, type TestContext } from '../../../test/test-app.ts';

// Two clues about the same household (the HR bureau's warning and a cadre's visit, in either order)
// make ONE identification case, both clues linked to it (issue 13, 龙学's story): a county runs one
// procedure per household, not one per channel. Once that case is over (withdrawn), a new clue opens a new one.

let ctx: TestContext;
let county: TestCounty;
type Login = Awaited<ReturnType<typeof buildUserAndLogin>>;
let monitor: Login;
let township: Login;
let cadre: Login;

function api(who: Login, method: 'GET' | 'POST', url: string, payload?: object) {
  return ctx.app.inject({ method, url, ...(payload ? { payload } : {}), headers: { cookie: who.cookie } });
}

beforeAll(async () => {
  ctx = await createTestContext();
  county = await buildCounty(ctx.pool);
  monitor = await buildUserAndLogin(ctx, { role: 'county-monitor', regionCode: county.countyCode });
  township = await buildUserAndLogin(ctx, { role: 'township-officer', regionCode: county.townships[0]!.code });
  cadre = await buildUserAndLogin(ctx, { role: 'village-cadre', regionCode: county.villages[0]!.code });
  await setTestDay(ctx, '2026-11-30', [monitor.user.id, township.user.id, cadre.user.id]);
});

/** The cadre files a visit report about the household (visited on `visitedOn`, 因务工就业不稳) and the township forwards it. */
async function forwardVisit(household: BuiltHousehold, visitedOn: string): Promise<{ clueId: string; caseId: string }> {
  const filed = await api(cadre, 'POST', '/api/visit-reports', { householdId: household.id, regionCode: household.regionCode, visitedOn, observed: '儿子从广东回乡，工厂裁员失去工作', riskTypes: ['07'] });
  expect(filed.statusCode, filed.body).toBe(201);
  const forwarded = await api(township, 'POST', `/api/visit-reports/${filed.json().id}/forward`, { note: '情况属实' });
  expect(forwarded.statusCode, forwarded.body).toBe(200);
  return forwarded.json();
}

/** The village confirms the household's dispatched warning on `occurredOn`. */
async function confirmWarning(warningId: string, occurredOn: string): Promise<{ clueId: string; caseId: string; caseNumber: string }> {
  const r = await api(cadre, 'POST', '/api/warnings/transition', { ids: [warningId], to: 'riskConfirmed', reason: '入户核实：务工中断，家庭收入下降', occurredOn });
  expect(r.statusCode, r.body).toBe(200);
  const [result] = r.json().results;
  expect(result, r.body).toMatchObject({ ok: true });
  return result;
}

async function casesOf(household: BuiltHousehold): Promise<{ id: string }[]> {
  const r = await api(monitor, 'GET', `/api/cases?householdId=${household.id}`);
  expect(r.statusCode, r.body).toBe(200);
  return r.json().items;
}

async function cluesOf(household: BuiltHousehold): Promise<{ id: string; channel: string; caseId: string | null; householdId: string }[]> {
  const r = await api(monitor, 'GET', '/api/clues?pageSize=200');
  expect(r.statusCode, r.body).toBe(200);
  return r.json().items.filter((c: { householdId: string }) => c.householdId === household.id);
}

describe('two clues about one household', () => {
  it('a warning confirmed while the visit’s case runs joins that case: one case, both clues linked', async () => {
    const household = await buildHousehold(ctx, { villageCode: county.villages[0]!.code });
    const warning = await buildWarning(ctx.pool, { household, status: 'dispatched', riskType: '07', raisedAt: new Date('2026-11-25T03:00:00Z') });
    const visit = await forwardVisit(household, '2026-11-20');
    const confirmed = await confirmWarning(warning.id, '2026-11-26');
    expect(confirmed).toMatchObject({ caseId: visit.caseId, joinedCase: true });
    expect(confirmed.clueId).not.toBe(visit.clueId);

    expect((await casesOf(household)).map((c) => c.id)).toEqual([visit.caseId]);
    const clues = await cluesOf(household);
    expect(clues.map((c) => [c.channel, c.caseId]).sort()).toEqual([['visit', visit.caseId], ['warning', visit.caseId]]);
    const warnings = (await api(monitor, 'GET', `/api/warnings?householdId=${household.id}`)).json().items;
    expect(warnings[0]).toMatchObject({ id: warning.id, caseId: visit.caseId, status: 'riskConfirmed' });
    // The case keeps its first clue's date (the visit's day): the 15-day clock does not restart.
    const detail = (await api(monitor, 'GET', `/api/cases/${visit.caseId}`)).json();
    expect(detail.clueDate).toBe('2026-11-20');
    const { rows } = await ctx.pool.query(`SELECT details FROM audit_log WHERE action = 'case.clueLinked' AND object_id = $1`, [visit.caseId]);
    expect(rows).toHaveLength(1);
    expect(rows[0].details).toMatchObject({ channel: 'warning', clueId: confirmed.clueId });
  });

  it('a visit forwarded while the warning’s case runs joins that case', async () => {
    const household = await buildHousehold(ctx, { villageCode: county.villages[0]!.code });
    const warning = await buildWarning(ctx.pool, { household, status: 'dispatched', riskType: '07', raisedAt: new Date('2026-11-24T03:00:00Z') });
    const confirmed = await confirmWarning(warning.id, '2026-11-25');
    const visit = await forwardVisit(household, '2026-11-27');
    expect(visit.caseId).toBe(confirmed.caseId);
    expect((await casesOf(household)).map((c) => c.id)).toEqual([confirmed.caseId]);
    const report = (await api(township, 'GET', '/api/visit-reports?status=forwarded')).json().items.find((v: { clueId: string }) => v.clueId === visit.clueId);
    expect(report).toMatchObject({ caseId: confirmed.caseId });
  });

  it('once the case is withdrawn its clues are withdrawn with it, and a new clue opens a new case', async () => {
    const household = await buildHousehold(ctx, { villageCode: county.villages[0]!.code });
    const first = await forwardVisit(household, '2026-11-21');
    const warning = await buildWarning(ctx.pool, { household, status: 'dispatched', riskType: '07', raisedAt: new Date('2026-11-22T03:00:00Z') });
    const joined = await confirmWarning(warning.id, '2026-11-23');
    expect(joined.caseId).toBe(first.caseId);
    const seen = (await api(monitor, 'GET', `/api/cases/${first.caseId}`)).json();
    const withdrawn = await api(monitor, 'POST', `/api/cases/${first.caseId}/events`, { type: 'withdraw', version: seen.version, data: { reason: '户籍信息有误，重新核实' } });
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    const { rows } = await ctx.pool.query<{ status: string }>(`SELECT status FROM clues WHERE id = ANY($1::uuid[])`, [[first.clueId, joined.clueId]]);
    expect(rows.map((r) => r.status)).toEqual(['withdrawn', 'withdrawn']);

    const again = await forwardVisit(household, '2026-11-28');
    expect(again.caseId).not.toBe(first.caseId);
    expect((await casesOf(household)).map((c) => c.id)).toContain(again.caseId);
  });

  it('the HR bureau’s warning that joined the case is a signal of the system assessment: 因务工就业不稳', async () => {
    const household = await buildHousehold(ctx, { villageCode: county.villages[0]!.code });
    const built = await buildCase(ctx, county, { step: 'systemAssessment', household, channel: 'visit', riskTypes: ['07'], clueDate: '2026-11-16' });
    const preview = async () => (await api(monitor, 'GET', `/api/cases/${built.id}`)).json().assessment as { riskTypes: string[]; reasons: { code: string; message: string }[] };
    // The cadre's visit alone: nothing in the home check says the work is unstable.
    expect((await preview()).riskTypes).not.toContain('07');
    const warning = await buildWarning(ctx.pool, { household, status: 'dispatched', riskType: '07', raisedAt: new Date('2026-11-24T03:00:00Z') });
    await ctx.pool.query(`UPDATE warnings SET sources = ARRAY['humanResources'], message = '人社：失业、务工不稳或外出务工岗位丢失' WHERE id = $1`, [warning.id]);
    const joined = await confirmWarning(warning.id, '2026-11-25');
    expect(joined.caseId).toBe(built.id);
    const after = await preview();
    expect(after.riskTypes).toContain('07');
    expect(after.reasons.find((r) => r.code === 'unstableEmployment')?.message).toContain('人社部门比对提示');
  });
});

describe('correcting the verification of a warning whose case another clue shares', () => {
  async function correct(warningId: string, to: string, reason: string) {
    return api(monitor, 'POST', `/api/warnings/${warningId}/correction`, { to, reason });
  }
  async function clueStatuses(ids: string[]): Promise<Record<string, string>> {
    const { rows } = await ctx.pool.query<{ id: string; status: string }>(`SELECT id, status FROM clues WHERE id = ANY($1::uuid[])`, [ids]);
    return Object.fromEntries(rows.map((r) => [r.id, r.status]));
  }

  it('the case page lists every clue of the case: the visit that opened it and the warning that joined it', async () => {
    const household = await buildHousehold(ctx, { villageCode: county.villages[0]!.code });
    const visit = await forwardVisit(household, '2026-11-19');
    const warning = await buildWarning(ctx.pool, { household, status: 'dispatched', riskType: '07', raisedAt: new Date('2026-11-24T03:00:00Z') });
    const joined = await confirmWarning(warning.id, '2026-11-25');
    const detail = (await api(monitor, 'GET', `/api/cases/${visit.caseId}`)).json();
    expect(detail.channel).toBe('visit');
    expect(detail.clues).toEqual([
      expect.objectContaining({ id: visit.clueId, channel: 'visit', isFirst: true, withdrawn: false, status: 'case', aroseOn: '2026-11-19', visit: { id: expect.any(String), visitorName: expect.any(String) }, warning: null }),
      expect.objectContaining({ id: joined.clueId, channel: 'warning', isFirst: false, withdrawn: false, aroseOn: '2026-11-25', warning: expect.objectContaining({ id: warning.id, riskType: '07', status: 'riskConfirmed' }), visit: null }),
    ]);
  });

  it('a warning that JOINED the case: only its clue is withdrawn, the case goes on at its step with its clock', async () => {
    const household = await buildHousehold(ctx, { villageCode: county.villages[0]!.code });
    const visit = await forwardVisit(household, '2026-11-20');
    const warning = await buildWarning(ctx.pool, { household, status: 'dispatched', riskType: '07', raisedAt: new Date('2026-11-25T03:00:00Z') });
    const joined = await confirmWarning(warning.id, '2026-11-26');
    expect(joined.caseId).toBe(visit.caseId);
    // The home check is under way: the case stands on the cadre's visit too, so the warning may still be corrected.
    const before = (await api(monitor, 'GET', `/api/cases/${visit.caseId}`)).json();
    expect((await api(monitor, 'POST', `/api/cases/${visit.caseId}/events`, { type: 'startVerification', version: before.version })).statusCode).toBe(200);
    const started = (await api(monitor, 'GET', `/api/cases/${visit.caseId}`)).json();

    // The warnings page offers the correction by the same rule: the case has another live clue.
    expect((await api(monitor, 'GET', `/api/warnings?householdId=${household.id}`)).json().items[0]).toMatchObject({ caseId: visit.caseId, caseStep: 'homeVerification', caseKeepsOtherClues: true });
    const reason = '人社数据比对有误：儿子已在县城务工';
    const r = await correct(warning.id, 'reopen', reason);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ warning: { id: warning.id, status: 'dispatched' }, withdrawnCase: null, openedCase: null, withdrawnClue: { id: joined.clueId, caseId: visit.caseId, caseNumber: started.caseNumber } });

    const after = (await api(monitor, 'GET', `/api/cases/${visit.caseId}`)).json();
    expect(after).toMatchObject({ step: 'homeVerification', clueDate: '2026-11-20', dueOn: started.dueOn, stepDueOn: started.stepDueOn, channel: 'visit' });
    expect(after.version).toBe(started.version + 1);
    expect(await clueStatuses([visit.clueId, joined.clueId])).toEqual({ [visit.clueId]: 'case', [joined.clueId]: 'withdrawn' });
    expect(after.timeline.at(-1)).toMatchObject({
      type: 'withdrawClue', typeZh: '撤出线索', fromStep: 'homeVerification', toStep: 'homeVerification', comment: reason,
      data: { note: { code: 'warningClueWithdrawn', params: { warningId: warning.id, clueId: joined.clueId, wasFirstClue: false, to: 'reopen' } } },
    });
    expect(after.clues.map((c: { id: string; withdrawn: boolean; aroseOn: string }) => [c.id, c.withdrawn, c.aroseOn])).toEqual([[visit.clueId, false, '2026-11-20'], [joined.clueId, true, '2026-11-26']]);
    const { rows: corrected } = await ctx.pool.query(`SELECT after FROM audit_log WHERE action = 'warning.corrected' AND object_id = $1`, [warning.id]);
    expect(corrected).toEqual([{ after: expect.objectContaining({ status: 'dispatched', withdrawnCaseId: null, withdrawnClueId: joined.clueId, withdrawnClueCaseId: visit.caseId }) }]);
    const { rows: onCase } = await ctx.pool.query(`SELECT details FROM audit_log WHERE action = 'case.clueWithdrawn' AND object_id = $1`, [visit.caseId]);
    expect(onCase).toEqual([{ details: expect.objectContaining({ clueId: joined.clueId, warningId: warning.id, wasFirstClue: false, reason: `预警核实结果更正：${reason}` }) }]);
    // The warning is no longer a department signal of the case.
    expect((await api(monitor, 'GET', `/api/warnings?householdId=${household.id}`)).json().items[0]).toMatchObject({ id: warning.id, status: 'dispatched' });

    // Confirmed again: its new clue joins the same running case.
    const again = await confirmWarning(warning.id, '2026-11-28');
    expect(again.caseId).toBe(visit.caseId);
    expect(again.clueId).not.toBe(joined.clueId);
    // The withdrawn clue keeps the day it arose; the new one has its own.
    const listed = (await api(monitor, 'GET', `/api/cases/${visit.caseId}`)).json().clues;
    expect(listed.map((c: { id: string; withdrawn: boolean; aroseOn: string }) => [c.id, c.withdrawn, c.aroseOn])).toEqual([[visit.clueId, false, '2026-11-20'], [joined.clueId, true, '2026-11-26'], [again.clueId, false, '2026-11-28']]);
  });

  it('the warning that OPENED the case another clue joined: only its clue is withdrawn, the case keeps its clue date', async () => {
    const household = await buildHousehold(ctx, { villageCode: county.villages[0]!.code });
    const warning = await buildWarning(ctx.pool, { household, status: 'dispatched', riskType: '07', raisedAt: new Date('2026-11-21T03:00:00Z') });
    const opened = await confirmWarning(warning.id, '2026-11-22');
    const visit = await forwardVisit(household, '2026-11-24');
    expect(visit.caseId).toBe(opened.caseId);
    const before = (await api(monitor, 'GET', `/api/cases/${opened.caseId}`)).json();
    expect(before).toMatchObject({ step: 'clueRegistered', clueDate: '2026-11-22', channel: 'warning' });

    const reason = '核实的是同名另一户';
    const r = await correct(warning.id, 'noRisk', reason);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ warning: { status: 'noRisk' }, withdrawnCase: null, withdrawnClue: { id: opened.clueId, caseId: opened.caseId } });

    const after = (await api(monitor, 'GET', `/api/cases/${opened.caseId}`)).json();
    // Not withdrawn: the cadre's visit still stands. The 15-day clock neither restarts nor vanishes.
    expect(after).toMatchObject({ step: 'clueRegistered', clueDate: '2026-11-22', dueOn: before.dueOn, clock: { clueDate: '2026-11-22' } });
    expect(await clueStatuses([opened.clueId, visit.clueId])).toEqual({ [opened.clueId]: 'withdrawn', [visit.clueId]: 'case' });
    expect(after.timeline.at(-1)).toMatchObject({ type: 'withdrawClue', comment: reason, data: { note: { code: 'warningClueWithdrawn', params: { wasFirstClue: true, to: 'noRisk' } } } });
    expect(after.clues).toEqual([
      expect.objectContaining({ id: opened.clueId, isFirst: true, withdrawn: true, channel: 'warning', aroseOn: '2026-11-22' }),
      expect.objectContaining({ id: visit.clueId, isFirst: false, withdrawn: false, channel: 'visit', aroseOn: '2026-11-24' }),
    ]);
    const { rows: onCase } = await ctx.pool.query(`SELECT details FROM audit_log WHERE action = 'case.clueWithdrawn' AND object_id = $1`, [opened.caseId]);
    expect(onCase).toEqual([{ details: expect.objectContaining({ clueId: opened.clueId, wasFirstClue: true }) }]);
    const { rows: corrected } = await ctx.pool.query(`SELECT after FROM audit_log WHERE action = 'warning.corrected' AND object_id = $1`, [warning.id]);
    expect(corrected).toEqual([{ after: expect.objectContaining({ status: 'noRisk', withdrawnCaseId: null, withdrawnClueId: opened.clueId }) }]);

    // The case later withdrawn by the county: the clues end with it, the corrected one stays withdrawn.
    const withdrawn = await api(monitor, 'POST', `/api/cases/${opened.caseId}/events`, { type: 'withdraw', version: after.version, data: { reason: '农户已迁出本县' } });
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    expect(await clueStatuses([opened.clueId, visit.clueId])).toEqual({ [opened.clueId]: 'withdrawn', [visit.clueId]: 'withdrawn' });
  });

  it('the only live clue of its case: the case is withdrawn as before (at 线索登记 only)', async () => {
    const household = await buildHousehold(ctx, { villageCode: county.villages[0]!.code });
    const warning = await buildWarning(ctx.pool, { household, status: 'dispatched', riskType: '07', raisedAt: new Date('2026-11-21T03:00:00Z') });
    const opened = await confirmWarning(warning.id, '2026-11-22');
    const r = await correct(warning.id, 'reopen', '点错了户');
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ withdrawnCase: { id: opened.caseId }, withdrawnClue: null });
    expect((await api(monitor, 'GET', `/api/cases/${opened.caseId}`)).json().step).toBe('withdrawn');
  });
});
