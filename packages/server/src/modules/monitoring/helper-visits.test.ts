import { beforeAll, describe, expect, it } from 'vitest';
import { buildCounty, buildHousehold, type BuiltHousehold, type TestCounty } from '../../../test/factories.ts';
import { approveHousehold, monitoringPeople } from '../../../test/monitoring-fixtures.ts';
import { testSessions, type Login } from '../../../test/sessions.ts';
import { createTestContext, type TestContext } from '../../../test/test-app.ts';

// Issue 13 item 4: helper visits (帮扶走访) — the visit rhythm as rule-set data, nextVisitDueOn and
// the visitOverdue flag of the register, income updates that recompute the assessment, and who may
// record a visit where.

let ctx: TestContext;
let county: TestCounty;
let monitor: Login;
let leader: Login;
let township: Login;
let baile: Login;
let mazhuang: Login;
let cadre: Login;
let otherCadre: Login;

const { login, setDay, api } = testSessions(() => ctx);



/** A household approved on `approvedOn` through the real county decision. */
const approve = (household: BuiltHousehold, clueDate: string, approvedOn: string, decision: { category: string; riskTypes: string[] }) =>
  approveHousehold(ctx, api, monitor, household, { clueDate, approvedOn, ...decision });

const flagged = async (who: Login) => (await api(who, 'GET', '/api/monitoring-objects?flag=visitOverdue')).json().items.map((i: { householdId: string }) => i.householdId).sort();
const itemOf = async (who: Login, id: string) => (await api(who, 'GET', '/api/monitoring-objects?pageSize=200')).json().items.find((i: { householdId: string }) => i.householdId === id);

let awen: BuiltHousehold; // 百乐村, 脱贫不稳定户: quarterly
let sudden: BuiltHousehold; // 百乐村, 突发严重困难户: monthly
let longxue: BuiltHousehold; // 马庄村, 边缘易致贫户
let plain: BuiltHousehold; // never monitored

beforeAll(async () => {
  ctx = await createTestContext();
  county = await buildCounty(ctx.pool);
  ({ monitor, leader, township, baile, mazhuang, cadre, otherCadre } = await monitoringPeople(login, county, ['monitor', 'leader', 'township', 'baile', 'mazhuang', 'cadre', 'otherCadre']));
  awen = await buildHousehold(ctx, {
    villageCode: county.villages[3]!.code,
    type: 'formerlyPoor',
    members: [
      { name: '韦阿文父', relation: 'head', birthDate: '1985-03-01' },
      { name: '韦阿文母', relation: 'spouse', birthDate: '1987-05-01' },
      { name: '韦阿文', relation: 'son', birthDate: '2014-06-01' },
    ],
  });
  sudden = await buildHousehold(ctx, { villageCode: county.villages[3]!.code, members: [{ name: '黄突发', relation: 'head' }] });
  longxue = await buildHousehold(ctx, { villageCode: county.villages[2]!.code, members: [{ name: '罗龙学', relation: 'head' }] });
  plain = await buildHousehold(ctx, { villageCode: county.villages[3]!.code, members: [{ name: '李未监测', relation: 'head' }] });
  await setDay('2026-11-20');
  await approve(awen, '2026-08-20', '2026-08-31', { category: 'unstable', riskTypes: ['01'] });
  await approve(sudden, '2026-09-20', '2026-09-30', { category: 'sudden', riskTypes: ['05'] });
  await approve(longxue, '2026-11-10', '2026-11-16', { category: 'marginal', riskTypes: ['07'] });
  const assigned = await api(township, 'POST', `/api/households/${awen.id}/helpers`, { kind: 'cadre', userId: cadre.user.id, assignedOn: '2026-09-02' });
  expect(assigned.statusCode, assigned.body).toBe(201);
}, 120_000);

describe('the visit rhythm (rule-set data) in the register', () => {
  it('nextVisitDueOn: monthly for 突发严重困难户, quarterly otherwise, from identification; visitOverdue lists the late ones', async () => {
    expect(await itemOf(monitor, awen.id)).toMatchObject({ identifiedOn: '2026-08-31', lastVisitOn: null, nextVisitDueOn: '2026-11-30', isVisitOverdue: false });
    expect(await itemOf(monitor, sudden.id)).toMatchObject({ nextVisitDueOn: '2026-10-30', isVisitOverdue: true });
    expect(await itemOf(monitor, longxue.id)).toMatchObject({ nextVisitDueOn: '2027-02-16', isVisitOverdue: false });
    expect(await flagged(monitor)).toEqual([sudden.id]);
    await setDay('2026-12-01');
    expect(await flagged(monitor)).toEqual([awen.id, sudden.id].sort());
    // The helping cadre's 我的帮扶户: only their household, with its due day.
    expect(await flagged(cadre)).toEqual([awen.id]);
    expect(await flagged(township)).toEqual([awen.id, sudden.id].sort());
    await setDay('2026-11-20');
  });

});

describe('recording a helper visit (帮扶走访)', () => {
  it('an income update recomputes the assessment with its rule-set version and updates the monitoring record; history and audit', async () => {
    const r = await api(cadre, 'POST', `/api/households/${awen.id}/helper-visits`, {
      visitedOn: '2026-11-18',
      observed: '入户走访：阿文已出院，父亲在县城务工',
      problems: '母亲腿伤未愈',
      incomeUpdate: { wage: 30000, operating: 2400, property: 0, transfer: 3600, operatingCosts: 1200, compliantOutOfPocket: 4000 },
    });
    expect(r.statusCode, r.body).toBe(201);
    const body = r.json();
    // (30000 + 2400 + 3600 − 1200) / 3 = 11600 per person, above the 2026 Guangxi line (9000).
    expect(body.assessment).toMatchObject({ assessedOn: '2026-11-18', ruleSetVersion: expect.stringMatching(/^gx-2026\.1/), perCapitaNetIncome: 11600, monitoringLine: 9000, withinLine: false, householdSize: 3 });
    expect(body.nextVisitDueOn).toBe('2027-02-18');

    const visits = (await api(monitor, 'GET', `/api/households/${awen.id}/helper-visits`)).json();
    expect(visits).toMatchObject({ lastVisitOn: '2026-11-18', nextVisitDueOn: '2027-02-18', intervalMonths: 3, canRecord: true });
    expect(visits.items[0]).toMatchObject({ visitedOn: '2026-11-18', visitorName: cadre.user.username, visitorRole: 'helping-cadre', problems: '母亲腿伤未愈', incomeYear: 2026, perCapitaIncome: 11600 });

    const { rows } = await ctx.pool.query(`SELECT income_year AS "incomeYear", per_capita_income AS "perCapitaIncome", compliant_out_of_pocket::float AS oop FROM household_monitoring WHERE household_id = $1`, [awen.id]);
    expect(rows).toEqual([{ incomeYear: 2026, perCapitaIncome: 11600, oop: 4000 }]);
    const { rows: history } = await ctx.pool.query(`SELECT action, after, effective_on::text AS "on" FROM registry_history WHERE household_id = $1 AND action IN ('monitoring.incomeUpdated', 'monitoring.visitRecorded') ORDER BY id`, [awen.id]);
    expect(history.map((h) => h.action)).toEqual(['monitoring.incomeUpdated', 'monitoring.visitRecorded']);
    expect(history[0]).toMatchObject({ on: '2026-11-18', after: expect.objectContaining({ perCapitaIncome: 11600, ruleSetVersion: expect.stringMatching(/^gx-2026/) }) });
    const { rows: audit } = await ctx.pool.query(`SELECT after FROM audit_log WHERE object_id = $1 AND action = 'helperVisit.recorded'`, [awen.id]);
    expect(audit).toEqual([{ after: expect.objectContaining({ visitedOn: '2026-11-18', hasIncomeUpdate: true, perCapitaIncome: 11600 }) }]);

    // The register now counts from the visit.
    expect(await itemOf(monitor, awen.id)).toMatchObject({ lastVisitOn: '2026-11-18', nextVisitDueOn: '2027-02-18', perCapitaIncome: 11600 });
  });

  it('a visit without an income update leaves the income; an older update never overwrites a newer one', async () => {
    const plainVisit = await api(baile, 'POST', `/api/households/${awen.id}/helper-visits`, { visitedOn: '2026-11-19', observed: '电话回访后入户，情况稳定' });
    expect(plainVisit.statusCode, plainVisit.body).toBe(201);
    expect(plainVisit.json().assessment).toBeNull();
    const older = await api(baile, 'POST', `/api/households/${awen.id}/helper-visits`, {
      visitedOn: '2026-10-05',
      observed: '补录十月走访',
      incomeUpdate: { wage: 6000, operating: 0, property: 0, transfer: 0, operatingCosts: 0, compliantOutOfPocket: 0 },
    });
    expect(older.statusCode, older.body).toBe(201);
    expect(older.json().assessment).toMatchObject({ perCapitaNetIncome: 2000, withinLine: true });
    const { rows } = await ctx.pool.query(`SELECT per_capita_income AS p FROM household_monitoring WHERE household_id = $1`, [awen.id]);
    expect(rows[0].p).toBe(11600);
    expect((await api(monitor, 'GET', `/api/households/${awen.id}/helper-visits`)).json().lastVisitOn).toBe('2026-11-19');
  });

  it('who may record: the assigned helping cadre and the village; others 404, the leader 403; dates and status checked', async () => {
    const visit = { observed: '走访' };
    expect((await api(otherCadre, 'POST', `/api/households/${awen.id}/helper-visits`, visit)).statusCode).toBe(404);
    expect((await api(otherCadre, 'GET', `/api/households/${awen.id}/helper-visits`)).statusCode).toBe(404);
    expect((await api(cadre, 'POST', `/api/households/${sudden.id}/helper-visits`, visit)).statusCode).toBe(404); // not assigned to them
    expect((await api(mazhuang, 'POST', `/api/households/${awen.id}/helper-visits`, visit)).statusCode).toBe(404); // another village
    expect((await api(mazhuang, 'POST', `/api/households/${longxue.id}/helper-visits`, visit)).statusCode).toBe(201);
    const byLeader = await api(leader, 'POST', `/api/households/${awen.id}/helper-visits`, visit);
    expect(byLeader.statusCode).toBe(403);
    const read = await api(leader, 'GET', `/api/households/${awen.id}/helper-visits`);
    expect(read.statusCode).toBe(200);
    expect(read.json().canRecord).toBe(false);
    expect((await api(baile, 'POST', `/api/households/${awen.id}/helper-visits`, { ...visit, visitedOn: '2026-11-21' })).statusCode).toBe(400);
    expect((await api(baile, 'POST', `/api/households/${awen.id}/helper-visits`, { ...visit, visitedOn: '2026-08-30' })).json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'visitedOn' });
    expect((await api(baile, 'POST', `/api/households/${awen.id}/helper-visits`, { observed: '  ' })).json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'observed', reason: 'observedRequired' });
    // A request is strict: an unknown field is refused, not ignored.
    expect((await api(baile, 'POST', `/api/households/${awen.id}/helper-visits`, { observed: 'x', mood: 'good' })).json()).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect((await api(baile, 'POST', `/api/households/${plain.id}/helper-visits`, visit)).json()).toMatchObject({ code: 'WORKFLOW_REFUSED', reason: 'notMonitored' });
    expect((await api(baile, 'POST', `/api/households/not-a-uuid/helper-visits`, visit)).statusCode).toBe(404);
  });

  it('a photo goes with the visit; whoever reads the household downloads it, another village does not', async () => {
    const created = await api(cadre, 'POST', `/api/households/${awen.id}/helper-visits`, { visitedOn: '2026-11-20', observed: '拍照留档' });
    const visitId = created.json().id as string;
    const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
    const boundary = '----fangpin-visit';
    const payload = Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="走访.png"\r\nContent-Type: image/png\r\n\r\n`), PNG, Buffer.from(`\r\n--${boundary}--\r\n`)]);
    const upload = (who: Login) => ctx.app.inject({ method: 'POST', url: `/api/households/${awen.id}/helper-visits/${visitId}/attachments`, payload, headers: { cookie: who.cookie, 'content-type': `multipart/form-data; boundary=${boundary}` } });
    expect((await upload(leader)).statusCode).toBe(403);
    expect((await upload(otherCadre)).statusCode).toBe(404);
    const attached = await upload(cadre);
    expect(attached.statusCode, attached.body).toBe(201);
    const visits = (await api(cadre, 'GET', `/api/households/${awen.id}/helper-visits`)).json();
    expect(visits.items.find((v: { id: string }) => v.id === visitId).attachments).toEqual([expect.objectContaining({ fileName: '走访.png', purpose: 'photo' })]);
    expect((await api(leader, 'GET', attached.json().url)).statusCode).toBe(200);
    expect((await api(mazhuang, 'GET', attached.json().url)).statusCode).toBe(404);
    expect((await api(otherCadre, 'GET', attached.json().url)).statusCode).toBe(404);
  });
});

// Last: the override stays in this test county (rule-set versions are append-only).
describe('the visit rhythm is rule-set data', () => {
  it('a county override of the interval changes the due day (numbers are data, not code)', async () => {
    const r = await ctx.pool.query(
      `INSERT INTO rule_set_versions (version, region_code, effective_from, rules, note, created_by) VALUES ($1, $2, '2026-01-01', $3, 'test', 'test')`,
      [`visits-${county.countyCode}`, `${county.countyCode}000000`, JSON.stringify({ helperVisitIntervalMonths: { sudden: 2 } })],
    );
    expect(r.rowCount).toBe(1);
    // 突发严重困难户 every 2 months in this county from now on: 2026-09-30 + 2 months.
    expect(await itemOf(monitor, sudden.id)).toMatchObject({ nextVisitDueOn: '2026-11-30', isVisitOverdue: false });
    expect(await itemOf(monitor, awen.id)).toMatchObject({ nextVisitDueOn: '2027-02-20' });
    expect(await flagged(monitor)).toEqual([]);
  });
});
