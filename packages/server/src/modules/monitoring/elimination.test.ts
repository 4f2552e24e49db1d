import { beforeAll, describe, expect, it } from 'vitest';
import { buildCounty, buildHousehold, buildWarning, type BuiltHousehold, type TestCounty } from '../../../test/factories.ts';
import { approveHousehold, monitoringPeople } from '../../../test/monitoring-fixtures.ts';
import { testSessions, type Login } from '../../../test/sessions.ts';
import { createTestContext, type TestContext } from '../../../test/test-app.ts';

/**
 * Risk elimination (风险消除) and its rollback (回退), issue 13 item 5: the refusals in words, the
 * whole procedure with dated steps, the second check at the county decision, the outcome in the
 * register, scope, and the rollback.
 */
let ctx: TestContext;
let county: TestCounty;
let monitor: Login;
let leader: Login;
let township: Login;
let otherTownship: Login;
let village: Login;
let line: number;

const { login, setDay, api } = testSessions(() => ctx);

/** A household approved by the county on `approvedOn` (the identification steps are the cases module's tests). */
const approve = (household: BuiltHousehold, clueDate: string, approvedOn: string, riskTypes: string[]) =>
  approveHousehold(ctx, api, monitor, household, { clueDate, approvedOn, category: 'unstable', riskTypes });

/** The household's income as a visit would bring it up to date (helper visits are another branch's work). */
async function setIncome(household: BuiltHousehold, perCapita: number): Promise<void> {
  await ctx.pool.query(`UPDATE household_monitoring SET per_capita_income = $2 WHERE household_id = $1`, [household.id, perCapita]);
}

async function deliveredMeasure(household: BuiltHousehold, riskType: string, category: string, measure: string): Promise<void> {
  const r = await api(monitor, 'POST', `/api/households/${household.id}/measures`, { riskType, category, measure, startOn: '2026-02-10', status: 'delivered' });
  expect(r.statusCode, r.body).toBe(201);
}

async function propose(who: Login, household: BuiltHousehold, body: object = {}) {
  return api(who, 'POST', `/api/households/${household.id}/eliminations`, { mode: 'assisted', reason: '收入稳定超过监测线，风险已消除', ...body });
}

let awen: BuiltHousehold;
let noLabour: BuiltHousehold;
let recent: BuiltHousehold;
let undelivered: BuiltHousehold;

beforeAll(async () => {
  ctx = await createTestContext();
  county = await buildCounty(ctx.pool);
  ({ monitor, leader, township, otherTownship, baile: village } = await monitoringPeople(login, county, ['monitor', 'leader', 'township', 'otherTownship', 'baile']));
  awen = await buildHousehold(ctx, { villageCode: county.villages[3]!.code, type: 'formerlyPoor', members: [{ name: '韦阿文', relation: 'head' }, { name: '韦阿母', relation: 'spouse', sex: 'female' }] });
  noLabour = await buildHousehold(ctx, { villageCode: county.villages[3]!.code, members: [{ name: '黄老伯', relation: 'head', birthDate: '1940-02-02' }] });
  recent = await buildHousehold(ctx, { villageCode: county.villages[3]!.code, members: [{ name: '罗新近', relation: 'head' }] });
  undelivered = await buildHousehold(ctx, { villageCode: county.villages[2]!.code, members: [{ name: '陆未落实', relation: 'head' }] });
  await setDay('2026-03-01');
  await approve(awen, '2026-01-10', '2026-01-20', ['01']);
  await approve(noLabour, '2026-01-10', '2026-01-20', ['04']);
  await approve(undelivered, '2026-01-10', '2026-01-20', ['07']);
  await deliveredMeasure(awen, '01', 'health', '医疗报销比例提高 8 个百分点');
  await deliveredMeasure(noLabour, '04', 'socialProtection', '低保 B 类');
  await ctx.pool.query(`UPDATE members SET labour_capacity = 'none' WHERE household_id = $1`, [noLabour.id]);
  const r = await api(monitor, 'POST', `/api/households/${undelivered.id}/measures`, { riskType: '07', category: 'employment', measure: '公益岗位', startOn: '2026-02-10', status: 'inProgress' });
  expect(r.statusCode, r.body).toBe(201);
  await setDay('2026-07-02');
  await approve(recent, '2026-06-20', '2026-07-01', ['01']);
  await deliveredMeasure(recent, '01', 'health', '大病保险');
  await setDay('2026-08-20');
  const check = await api(monitor, 'GET', `/api/households/${awen.id}/elimination-check`);
  line = check.json<{ monitoringLine: number }>().monitoringLine;
  for (const h of [awen, noLabour, recent, undelivered]) await setIncome(h, line + 2000);
}, 120_000);

describe('proposing a risk elimination: refused with every blocker as a code with its figures', () => {
  it('a household where no member can work stays under the safety net', async () => {
    const r = await propose(monitor, noLabour);
    expect(r.statusCode).toBe(422);
    expect(r.json()).toMatchObject({ code: 'WORKFLOW_REFUSED', reason: 'eliminationNotAllowed', params: { count: 1 }, details: [{ code: 'noLabour' }] });
  });
  it('before 6 months of monitoring', async () => {
    const r = await propose(monitor, recent);
    expect(r.statusCode).toBe(422);
    expect(r.json().details).toEqual([{ code: 'monitoredTooShort', months: 1, minMonths: 6 }]);
  });
  it('with an undelivered measure', async () => {
    const r = await propose(monitor, undelivered);
    expect(r.statusCode).toBe(422);
    // The blocker names the measure not delivered yet (the web writes it in either language).
    expect(r.json().details).toEqual([{ code: 'tooFewMeasures', minMeasures: 1 }, { code: 'riskMeasureNotDelivered', riskType: '07', undelivered: ['公益岗位'] }]);
  });
  it('below the line (and the system does not suggest it)', async () => {
    await setIncome(awen, line - 100);
    const r = await propose(monitor, awen);
    expect(r.statusCode).toBe(422);
    expect(r.json().details).toEqual([{ code: 'incomeNotAboveLine', perCapita: line - 100, line }]);
    expect(r.json().detail).not.toMatch(/[\u3400-\u9fff]/);
    const check = await api(monitor, 'GET', `/api/households/${awen.id}/elimination-check`);
    expect(check.json()).toMatchObject({ isSuggested: false, blockers: [{ code: 'incomeNotAboveLine', perCapita: line - 100, line }] });
    await setIncome(awen, line + 2000);
    expect((await api(monitor, 'GET', `/api/households/${awen.id}/elimination-check`)).json()).toMatchObject({ isSuggested: true, blockers: [], mayPropose: true });
  });
  it('a leader reads but may not propose; a helping cadre not assigned and an out-of-region township get 404', async () => {
    expect((await api(leader, 'GET', `/api/households/${awen.id}/elimination-check`)).json()).toMatchObject({ mayPropose: false });
    // A leader may never propose (403); 422 is for a move the procedure refuses to a role that could act.
    expect((await propose(leader, awen)).json()).toMatchObject({ status: 403, code: 'FORBIDDEN' });
    expect((await propose(otherTownship, awen)).statusCode).toBe(404);
    const helper = await login('helping-cadre', county.villages[3]!.code);
    expect((await propose(helper, awen)).statusCode).toBe(404);
  });
});

describe('the elimination procedure', () => {
  let id = '';
  async function step(who: Login, type: string, occurredOn: string, data?: object) {
    const { version } = (await api(monitor, 'GET', `/api/eliminations/${id}`)).json<{ version: number }>();
    return api(who, 'POST', `/api/eliminations/${id}/events`, { type, version, occurredOn, ...(data ? { data } : {}) });
  }
  async function noticeActor(): Promise<Login> {
    const asVillage = (await api(village, 'GET', `/api/eliminations/${id}`)).json<{ availableEvents: string[] }>();
    return asVillage.availableEvents.includes('endNotice') ? village : township;
  }

  it('runs proposal → home check → deliberation → notice ≥ 5 days → township → county, every step dated, and writes the outcome', async () => {
    const created = await propose(village, awen, { occurredOn: '2026-08-01' });
    expect(created.statusCode, created.body).toBe(201);
    id = created.json<{ id: string }>().id;
    expect(created.json().caseNumber).toMatch(new RegExp(`^${county.countyCode}-XC-2026-\\d{4}$`));
    // One running elimination at a time.
    expect((await propose(monitor, awen)).json()).toMatchObject({ reason: 'eliminationRunning' });
    expect((await step(township, 'startVerification', '2026-08-02')).statusCode).toBe(200);
    expect((await step(village, 'recordVerification', '2026-08-03', { perCapitaIncome: line + 1800, basicNeedsSecured: true, notes: '入户核实收入稳定' })).statusCode).toBe(200);
    expect((await step(village, 'recordDeliberation', '2026-08-05', { result: 'recommend', attendees: 12, minutes: '同意提出风险消除' })).statusCode).toBe(200);
    const notice = await noticeActor();
    const early = await step(notice, 'endNotice', '2026-08-08');
    expect(early.statusCode).toBe(422);
    expect(early.json()).toMatchObject({ reason: 'noticePeriodNotOver' });
    expect((await step(notice, 'endNotice', '2026-08-10')).statusCode).toBe(200);
    // The township acts at its review; the county only at its decision.
    expect((await step(monitor, 'townshipApprove', '2026-08-11')).json()).toMatchObject({ reason: 'roleNotAllowed' });
    expect((await step(township, 'townshipApprove', '2026-08-12')).statusCode).toBe(200);
    const decided = await step(monitor, 'countyDecide', '2026-08-15', { decision: 'eliminate', outcome: 'tracking' });
    expect(decided.statusCode, decided.body).toBe(200);
    expect(decided.json()).toMatchObject({ step: 'eliminated', stepZh: '风险已消除', eliminatedOn: '2026-08-15', mode: 'assisted' });
    expect(decided.json().timeline.map((e: { type: string; onDate: string }) => `${e.type}@${e.onDate}`)).toEqual([
      'propose@2026-08-01',
      'startVerification@2026-08-02',
      'recordVerification@2026-08-03',
      'recordDeliberation@2026-08-05',
      'endNotice@2026-08-10',
      'townshipApprove@2026-08-12',
      'countyDecide@2026-08-15',
    ]);
    // Each entry names the person by display name (issue 11 item 9), the account's current one.
    const decide = decided.json().timeline.at(-1);
    const { rows: names } = await ctx.pool.query(`SELECT u.display_name FROM case_events e JOIN users u ON u.id = e.actor_id WHERE e.case_id = $1 AND e.type = 'countyDecide'`, [id]);
    expect(decide).toMatchObject({ type: 'countyDecide', actorDisplayName: names[0].display_name });
    const { rows } = await ctx.pool.query(
      `SELECT status, eliminated_on AS "eliminatedOn", elimination_mode AS mode, elimination_outcome AS outcome, per_capita_income_after_elimination::float AS income FROM household_monitoring WHERE household_id = $1`,
      [awen.id],
    );
    expect(rows).toEqual([{ status: 'eliminatedTracking', eliminatedOn: '2026-08-15', mode: 'assisted', outcome: 'tracking', income: line + 1800 }]);
    const list = await api(monitor, 'GET', `/api/monitoring-objects?status=eliminatedTracking&regionCode=${county.code}`);
    expect(list.json().items.map((i: { householdId: string }) => i.householdId)).toEqual([awen.id]);
    const { rows: audit } = await ctx.pool.query(`SELECT action FROM audit_log WHERE object_id = $1 AND action LIKE 'elimination.%' ORDER BY id`, [id]);
    expect(audit.map((a) => a.action)).toContain('elimination.countyDecide');
  });

  it('the county decision checks the conditions again on its day', async () => {
    const other = await buildHousehold(ctx, { villageCode: county.villages[3]!.code, members: [{ name: '韦复核', relation: 'head' }] });
    await setDay('2026-03-01');
    await approve(other, '2026-01-10', '2026-01-20', ['01']);
    await deliveredMeasure(other, '01', 'health', '医疗救助');
    await setDay('2026-08-20');
    await setIncome(other, line + 500);
    const created = await propose(monitor, other, { occurredOn: '2026-08-01' });
    expect(created.statusCode, created.body).toBe(201);
    id = created.json<{ id: string }>().id;
    await step(township, 'startVerification', '2026-08-02');
    // The home check finds the income has fallen under the line.
    await step(village, 'recordVerification', '2026-08-03', { perCapitaIncome: line - 300, basicNeedsSecured: true });
    await step(village, 'recordDeliberation', '2026-08-05', { result: 'recommend', attendees: 9, minutes: '评议' });
    await step(await noticeActor(), 'endNotice', '2026-08-10');
    await step(township, 'townshipApprove', '2026-08-12');
    const r = await step(monitor, 'countyDecide', '2026-08-15', { decision: 'eliminate', outcome: 'stable' });
    expect(r.statusCode).toBe(422);
    expect(r.json()).toMatchObject({ reason: 'eliminationNotAllowed', details: [{ code: 'incomeNotAboveLine', perCapita: line - 300, line }] });
    const rejected = await step(monitor, 'countyDecide', '2026-08-15', { decision: 'reject', reason: '入户核实收入低于监测线' });
    expect(rejected.json()).toMatchObject({ step: 'rejected' });
    const { rows } = await ctx.pool.query(`SELECT status FROM household_monitoring WHERE household_id = $1`, [other.id]);
    expect(rows).toEqual([{ status: 'monitoring' }]);
  });

  it('an out-of-region township gets 404 on the case and its events; a stale version is 409', async () => {
    expect((await api(otherTownship, 'GET', `/api/eliminations/${id}`)).statusCode).toBe(404);
    expect((await api(otherTownship, 'POST', `/api/eliminations/${id}/events`, { type: 'withdraw', version: 1, data: { reason: 'x' } })).statusCode).toBe(404);
    const stale = await api(township, 'POST', `/api/eliminations/${id}/events`, { type: 'withdraw', version: 1, data: { reason: 'x' } });
    expect(stale.json()).toMatchObject({ status: 409, code: 'CONFLICT', reason: 'staleVersion' });
  });
  it('a leader, who never acts in an elimination, gets 403 for any event; an unknown field in an event is 400', async () => {
    const { version } = (await api(monitor, 'GET', `/api/eliminations/${id}`)).json<{ version: number }>();
    for (const type of ['withdraw', 'townshipApprove', 'countyDecide'])
      expect((await api(leader, 'POST', `/api/eliminations/${id}/events`, { type, version, data: type === 'countyDecide' ? { decision: 'reject', reason: 'x' } : type === 'withdraw' ? { reason: 'x' } : undefined })).json()).toMatchObject({ status: 403, code: 'FORBIDDEN' });
    expect((await api(township, 'POST', `/api/eliminations/${id}/events`, { type: 'withdraw', version, data: { reason: 'x', extra: 1 } })).json()).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
  });
});

describe('rollback (回退) of a wrong elimination', () => {
  it('only the county, only with a reason; the household is monitored again and the case is rolled back', async () => {
    expect((await api(township, 'POST', `/api/households/${awen.id}/elimination-rollback`, { reason: '收入核实有误' })).statusCode).toBe(403);
    expect((await api(monitor, 'POST', `/api/households/${awen.id}/elimination-rollback`, { reason: '  ' })).statusCode).toBe(400);
    const r = await api(monitor, 'POST', `/api/households/${awen.id}/elimination-rollback`, { reason: '务工收入未能持续，收入核实有误', occurredOn: '2026-08-18' });
    expect(r.statusCode, r.body).toBe(200);
    const { rows } = await ctx.pool.query(`SELECT status, rolled_back_on AS "on", rollback_reason AS reason, eliminated_on AS "eliminatedOn" FROM household_monitoring WHERE household_id = $1`, [awen.id]);
    expect(rows).toEqual([{ status: 'rolledBack', on: '2026-08-18', reason: '务工收入未能持续，收入核实有误', eliminatedOn: null }]);
    const cases = (await api(monitor, 'GET', `/api/households/${awen.id}/eliminations`)).json<{ items: { step: string }[] }>();
    expect(cases.items.map((c) => c.step)).toEqual(['rolledBack']);
    const { rows: history } = await ctx.pool.query(`SELECT action FROM registry_history WHERE household_id = $1 AND action IN ('monitoring.identified', 'monitoring.eliminated', 'monitoring.rolledBack') ORDER BY id`, [awen.id]);
    expect(history.map((h) => h.action)).toEqual(['monitoring.identified', 'monitoring.eliminated', 'monitoring.rolledBack']);
    // Nothing left to roll back.
    expect((await api(monitor, 'POST', `/api/households/${awen.id}/elimination-rollback`, { reason: '再次' })).json()).toMatchObject({ reason: 'notEliminated' });
    // Rolled back counts as under monitoring: measures go on, and a new elimination may be proposed.
    expect((await api(monitor, 'GET', `/api/households/${awen.id}/elimination-check`)).json()).toMatchObject({ isMonitored: true });
  });
});

describe('re-entry (再标注): a new clue about an eliminated household reopens its record through a new identification case', () => {
  /** Eliminated as the national system's export says (no Fangpin case): the record carries the date. */
  async function eliminatedHousehold(name: string): Promise<BuiltHousehold> {
    const h = await buildHousehold(ctx, { villageCode: county.villages[3]!.code, members: [{ name, relation: 'head' }] });
    await setDay('2026-03-01');
    await approve(h, '2026-01-10', '2026-01-20', ['01']);
    await setDay('2026-08-20');
    await ctx.pool.query(`UPDATE household_monitoring SET eliminated_on = '2026-07-30', elimination_mode = 'assisted', elimination_outcome = 'stable' WHERE household_id = $1`, [h.id]);
    // Its identification was called back and closed long ago (else a new call would join that open clue).
    await ctx.pool.query(`UPDATE cases SET step = 'closed', state = state || '{"step": "closed"}' WHERE household_id = $1`, [h.id]);
    await ctx.pool.query(`UPDATE clues SET status = 'closed' WHERE household_id = $1`, [h.id]);
    return h;
  }
  async function reentryOfCase(caseId: string) {
    const c = await api(monitor, 'GET', `/api/cases/${caseId}`);
    expect(c.statusCode, c.body).toBe(200);
    return c.json<{ householdId: string; facts: { reentry?: { householdId: string; eliminatedOn: string; status: string; eliminationCaseNumber: string | null } } }>();
  }
  const households = async () => (await ctx.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM households WHERE county_code = $1`, [county.countyCode])).rows[0]!.n;

  it('a department warning, confirmed by the village: the case links the old record (decided in Fangpin), and approval reopens the same household', async () => {
    const h = await buildHousehold(ctx, { villageCode: county.villages[3]!.code, members: [{ name: '韦再入', relation: 'head' }] });
    await setDay('2026-03-01');
    await approve(h, '2026-01-10', '2026-01-20', ['01']);
    await deliveredMeasure(h, '01', 'health', '医疗救助');
    await setDay('2026-08-20');
    await setIncome(h, line + 3000);
    const created = await propose(monitor, h, { occurredOn: '2026-08-01' });
    const id = created.json<{ id: string }>().id;
    const move = async (who: Login, type: string, occurredOn: string, data?: object) => {
      const { version } = (await api(monitor, 'GET', `/api/eliminations/${id}`)).json<{ version: number }>();
      const r = await api(who, 'POST', `/api/eliminations/${id}/events`, { type, version, occurredOn, ...(data ? { data } : {}) });
      expect(r.statusCode, r.body).toBe(200);
      return r.json<{ availableEvents: string[] }>();
    };
    await move(township, 'startVerification', '2026-08-02');
    await move(village, 'recordVerification', '2026-08-03', { perCapitaIncome: line + 3000, basicNeedsSecured: true });
    await move(village, 'recordDeliberation', '2026-08-04', { result: 'recommend', attendees: 10, minutes: '评议' });
    const asVillage = (await api(village, 'GET', `/api/eliminations/${id}`)).json<{ availableEvents: string[] }>();
    await move(asVillage.availableEvents.includes('endNotice') ? village : township, 'endNotice', '2026-08-10');
    await move(township, 'townshipApprove', '2026-08-11');
    await move(monitor, 'countyDecide', '2026-08-12', { decision: 'eliminate', outcome: 'stable' });
    const before = await households();
    const warning = await buildWarning(ctx.pool, { household: h, status: 'dispatched', raisedAt: new Date('2026-08-15T02:00:00Z') });
    const confirmed = await api(village, 'POST', '/api/warnings/transition', { ids: [warning.id], to: 'riskConfirmed', reason: '入户核实：新发大病，医疗支出大' });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    const caseId = confirmed.json<{ results: { caseId?: string }[] }>().results[0]!.caseId!;
    const c = await reentryOfCase(caseId);
    expect(c.householdId).toBe(h.id);
    expect(c.facts.reentry).toMatchObject({ householdId: h.id, status: 'eliminatedStable', eliminatedOn: '2026-08-12', eliminationCaseNumber: created.json().caseNumber });
    // The county approves: the same household's record is under monitoring again, its history kept.
    await ctx.pool.query(`UPDATE cases SET step = 'countyApproval', state = state || jsonb_build_object('step', 'countyApproval', 'stepEnteredOn', '2026-08-20', 'consentSigned', true) WHERE id = $1`, [caseId]);
    const { rows } = await ctx.pool.query<{ version: number }>(`SELECT version FROM cases WHERE id = $1`, [caseId]);
    const approved = await api(monitor, 'POST', `/api/cases/${caseId}/events`, { type: 'countyDecide', version: rows[0]!.version, data: { decision: 'approved', category: 'unstable', riskTypes: ['01'] } });
    expect(approved.statusCode, approved.body).toBe(200);
    const { rows: m } = await ctx.pool.query(`SELECT status, identified_on AS "identifiedOn", eliminated_on AS "eliminatedOn" FROM household_monitoring WHERE household_id = $1`, [h.id]);
    expect(m).toEqual([{ status: 'monitoring', identifiedOn: '2026-08-20', eliminatedOn: null }]);
    const { rows: history } = await ctx.pool.query(`SELECT action, after FROM registry_history WHERE household_id = $1 AND action IN ('monitoring.identified', 'monitoring.eliminated') ORDER BY id`, [h.id]);
    expect(history.map((e) => e.action)).toEqual(['monitoring.identified', 'monitoring.eliminated', 'monitoring.identified']);
    expect(history[2].after).toMatchObject({ reentryOf: { eliminatedOn: '2026-08-12', eliminationCaseNumber: created.json().caseNumber } });
    expect(await households()).toBe(before);
  });

  it('a hotline call about the household', async () => {
    const h = await eliminatedHousehold('黄来电');
    const r = await api(monitor, 'POST', '/api/hotline-calls', {
      calledAt: '2026-08-19T09:12:00+08:00',
      callerName: '来电群众',
      callerPhone: '13700001111',
      regionCode: county.villages[3]!.code,
      householdId: h.id,
      content: '去年已消除风险，今年又有人住院，花了不少钱',
      policyExplained: '讲解了防止返贫监测对象的认定条件',
      result: 'dispatched',
      riskTypes: ['01'],
    });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json().linkedToExistingClue).toBe(false);
    expect((await reentryOfCase(r.json().caseId)).facts.reentry).toMatchObject({ householdId: h.id, status: 'eliminatedStable', eliminatedOn: '2026-07-30', eliminationCaseNumber: null });
  });

  it('a visit report forwarded by the township', async () => {
    const h = await eliminatedHousehold('罗走访');
    const visit = await api(village, 'POST', '/api/visit-reports', { householdId: h.id, regionCode: county.villages[3]!.code, visitedOn: '2026-08-19', observed: '务工返乡，收入骤降', riskTypes: ['07'] });
    expect(visit.statusCode, visit.body).toBe(201);
    const forwarded = await api(township, 'POST', `/api/visit-reports/${visit.json().id}/forward`, { note: '已消除户再次出现风险' });
    expect(forwarded.statusCode, forwarded.body).toBe(200);
    expect((await reentryOfCase(forwarded.json().caseId)).facts.reentry).toMatchObject({ householdId: h.id, eliminatedOn: '2026-07-30' });
  });

  it('a self-application: linked to the registry household (registering it again is refused: never a duplicate household)', async () => {
    const h = await eliminatedHousehold('陆申请');
    const before = await households();
    const r = await ctx.app.inject({
      method: 'POST',
      url: '/api/public/applications',
      payload: { villageCode: county.villages[3]!.code, name: '陆申请', phone: '13712349876', description: '家里主要劳动力受伤，无法外出务工，收入下降', consent: true },
    });
    expect(r.statusCode, r.body).toBe(201);
    const { rows } = await ctx.pool.query<{ id: string; version: number }>(`SELECT c.id, c.version FROM self_applications a JOIN cases c ON c.clue_id = a.clue_id WHERE a.reference_no = $1`, [r.json().referenceNo]);
    const caseId = rows[0]!.id;
    const again = await api(monitor, 'POST', `/api/cases/${caseId}/events`, {
      type: 'linkHousehold',
      version: rows[0]!.version,
      data: { newHousehold: { type: 'ordinary', members: [{ name: '陆申请', idNumber: h.members[0]!.idNumber, relation: 'head' }] } },
    });
    expect(again.statusCode).toBe(400);
    expect(again.json()).toMatchObject({ reason: 'personRegistered', params: { householdNumber: h.householdNumber } });
    const linked = await api(monitor, 'POST', `/api/cases/${caseId}/events`, { type: 'linkHousehold', version: rows[0]!.version, data: { householdId: h.id } });
    expect(linked.statusCode, linked.body).toBe(200);
    expect(linked.json().facts.reentry).toMatchObject({ householdId: h.id, eliminatedOn: '2026-07-30' });
    expect(await households()).toBe(before);
  });
});
