import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { buildCounty, buildHousehold, type BuiltHousehold, type TestCounty } from '../../../test/factories.ts';
import { approveHousehold, monitoringPeople } from '../../../test/monitoring-fixtures.ts';
import { testSessions, type Login } from '../../../test/sessions.ts';
import { createTestContext, TEST_SECRET_KEY, type TestContext } from '../../../test/test-app.ts';

let ctx: TestContext;
let county: TestCounty;
let monitor: Login;
let leader: Login;
let township: Login;
let otherTownship: Login;

const { login, setDay, api, everyone } = testSessions(() => ctx);



/**
 * A household approved by the county on `approvedOn` through the real county decision: its case is
 * opened on the clue date and placed at the county's approval (the steps before it are the cases
 * module's tests), then `countyDecide` runs over HTTP.
 */
function approve(household: BuiltHousehold, clueDate: string, approvedOn: string, decision: { category: string; riskTypes: string[] }, outOfPocket = 0): Promise<void> {
  const facts = { verification: { compliantOutOfPocket: outOfPocket ? [{ kind: 'medical', amount: outOfPocket, month: clueDate.slice(0, 7) }] : [] } };
  return approveHousehold(ctx, api, monitor, household, { clueDate, approvedOn, ...decision, facts });
}

let awen: BuiltHousehold;
let longxue: BuiltHousehold;
let other: BuiltHousehold;
let plain: BuiltHousehold;

beforeAll(async () => {
  ctx = await createTestContext();
  county = await buildCounty(ctx.pool);
  ({ monitor, leader, township, otherTownship } = await monitoringPeople(login, county, ['monitor', 'leader', 'township', 'otherTownship']));
  awen = await buildHousehold(ctx, { villageCode: county.villages[3]!.code, type: 'formerlyPoor', members: [{ name: '韦阿文', relation: 'head' }] });
  longxue = await buildHousehold(ctx, { villageCode: county.villages[2]!.code, members: [{ name: '罗龙学', relation: 'head' }] });
  other = await buildHousehold(ctx, { villageCode: county.villages[0]!.code, members: [{ name: '黄其他', relation: 'head' }] });
  plain = await buildHousehold(ctx, { villageCode: county.villages[3]!.code, members: [{ name: '李未监测', relation: 'head' }] });
  await setDay('2026-11-20');
  await approve(awen, '2026-09-20', '2026-09-30', { category: 'unstable', riskTypes: ['01'] }, 12000);
  await approve(longxue, '2026-11-10', '2026-11-16', { category: 'marginal', riskTypes: ['07'] });
  await approve(other, '2026-11-10', '2026-11-16', { category: 'sudden', riskTypes: ['05'] });
}, 120_000);

describe('the register of monitoring objects (监测对象)', () => {
  it('helpers are due 5 working days after the approval, counted across National Day and its make-up Saturday', async () => {
    const { rows } = await ctx.pool.query(`SELECT helper_due_on AS "dueOn", status FROM household_monitoring WHERE household_id = $1`, [awen.id]);
    expect(rows).toEqual([{ dueOn: '2026-10-13', status: 'monitoring' }]);
    const { rows: history } = await ctx.pool.query(`SELECT after FROM registry_history WHERE household_id = $1 AND action = 'monitoring.identified'`, [awen.id]);
    expect(history[0].after).toMatchObject({ identifiedOn: '2026-09-30', helperDueOn: '2026-10-13' });
  });

  it('lists the contract fields in the actor scope, with filters; a region outside the scope finds nothing', async () => {
    const all = await api(monitor, 'GET', '/api/monitoring-objects');
    expect(all.statusCode, all.body).toBe(200);
    expect(all.json().total).toBe(3);
    const item = all.json().items.find((i: { householdId: string }) => i.householdId === awen.id);
    expect(item).toMatchObject({
      householdId: awen.id,
      householdNumber: awen.householdNumber,
      headName: '韦阿文',
      regionCode: county.villages[3]!.code,
      villageName: '百乐村',
      townshipName: '逻西乡',
      category: 'unstable',
      riskTypes: ['01'],
      status: 'monitoring',
      identifiedOn: '2026-09-30',
      helpers: [],
      helperDueOn: '2026-10-13',
      isHelperOverdue: true,
    });
    expect(Object.keys(item)).toEqual(expect.arrayContaining(['householdId', 'householdNumber', 'headName', 'regionCode', 'category', 'riskTypes', 'status', 'identifiedOn', 'helpers']));
    const ids = async (who: Login, query: string) => (await api(who, 'GET', `/api/monitoring-objects?${query}`)).json().items.map((i: { householdId: string }) => i.householdId).sort();
    expect(await ids(monitor, 'category=marginal')).toEqual([longxue.id]);
    expect(await ids(monitor, 'riskType=05')).toEqual([other.id]);
    expect(await ids(monitor, `regionCode=${county.townships[1]!.code}`)).toEqual([awen.id, longxue.id].sort());
    expect(await ids(monitor, 'status=eliminatedStable')).toEqual([]);
    expect(await ids(monitor, 'regionCode=450000000000')).toEqual([awen.id, longxue.id, other.id].sort()); // the province contains the county: the scope still bounds it
    expect(await ids(township, '')).toEqual([awen.id, longxue.id].sort());
    expect(await ids(township, `regionCode=${county.townships[0]!.code}`)).toEqual([]);
    expect(await ids(leader, '')).toHaveLength(3);
    expect((await api(monitor, 'GET', '/api/monitoring-objects?flag=nonsense')).statusCode).toBe(400);
    // No visit is overdue yet (the first is due an interval after the approval: helper-visits.test.ts).
    expect(await ids(monitor, 'flag=visitOverdue')).toEqual([]);
    expect(item).toMatchObject({ lastVisitOn: null, nextVisitDueOn: '2026-12-30', isVisitOverdue: false });
    expect((await api(null, 'GET', '/api/monitoring-objects')).statusCode).toBe(401);
  });

  it('the household search and GET /api/households/:id say whether a household is monitored', async () => {
    const search = await api(monitor, 'GET', `/api/households?regionCode=${county.villages[3]!.code}`);
    const byId = Object.fromEntries(search.json().items.map((i: { id: string; monitoringStatus: string | null }) => [i.id, i.monitoringStatus]));
    expect(byId).toEqual({ [awen.id]: 'monitoring', [plain.id]: null });
    expect((await api(monitor, 'GET', `/api/households/${awen.id}`)).json().monitoring).toEqual({ status: 'monitoring', category: 'unstable', riskTypes: ['01'], identifiedOn: '2026-09-30' });
    expect((await api(monitor, 'GET', `/api/households/${plain.id}`)).json().monitoring).toBeNull();
    expect((await api(monitor, 'GET', `/api/households/${plain.id}/monitoring`)).json()).toMatchObject({ record: null, helpers: [] });
  });
});

describe('helping cadres (帮扶责任人)', () => {
  let cadre: Login;
  let otherCadre: Login;
  let outsideCadre: Login;

  beforeAll(async () => {
    cadre = await login('helping-cadre', county.townships[1]!.code);
    otherCadre = await login('helping-cadre', county.code);
    const elsewhere = await buildCounty(ctx.pool);
    outsideCadre = await login('helping-cadre', elsewhere.code);
  });

  it('noHelper and helperOverdue flag the households without a helper (overdue only after the due day)', async () => {
    const flagged = async (flag: string) => (await api(monitor, 'GET', `/api/monitoring-objects?flag=${flag}`)).json().items.map((i: { householdId: string }) => i.householdId).sort();
    expect(await flagged('noHelper')).toEqual([awen.id, longxue.id, other.id].sort());
    expect(await flagged('helperOverdue')).toEqual([awen.id]); // the others are due 2026-11-23
    await setDay('2026-11-24');
    expect(await flagged('helperOverdue')).toEqual([awen.id, longxue.id, other.id].sort());
    await setDay('2026-11-20');
  });

  it('assigns a helping-cadre account on the real day; the cadre then sees only that household (others: 404)', async () => {
    expect((await api(cadre, 'GET', '/api/monitoring-objects')).json().total).toBe(0);
    expect((await api(cadre, 'GET', `/api/households/${awen.id}/monitoring`)).statusCode).toBe(404);
    expect((await api(leader, 'POST', `/api/households/${awen.id}/helpers`, { kind: 'cadre', userId: cadre.user.id })).statusCode).toBe(403);
    const candidates = (await api(township, 'GET', `/api/households/${awen.id}/helper-candidates`)).json().items.map((c: { id: string }) => c.id);
    expect(candidates.sort()).toEqual([cadre.user.id, otherCadre.user.id].sort()); // not the cadre of another county
    expect((await api(township, 'GET', `/api/households/${other.id}/helper-candidates`)).statusCode).toBe(404);
    expect((await api(otherTownship, 'POST', `/api/households/${awen.id}/helpers`, { kind: 'cadre', userId: cadre.user.id })).statusCode).toBe(404);
    const future = await api(township, 'POST', `/api/households/${awen.id}/helpers`, { kind: 'cadre', userId: cadre.user.id, assignedOn: '2026-11-21' });
    expect(future.json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'assignedOn', reason: 'dateInFuture' });
    const r = await api(township, 'POST', `/api/households/${awen.id}/helpers`, { kind: 'cadre', userId: cadre.user.id, assignedOn: '2026-10-12' });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({ assignedOn: '2026-10-12', dueOn: '2026-10-13', isLate: false });
    expect((await api(township, 'POST', `/api/households/${awen.id}/helpers`, { kind: 'cadre', userId: cadre.user.id })).statusCode).toBe(409);

    const mine = await api(cadre, 'GET', '/api/monitoring-objects');
    expect(mine.json().items.map((i: { householdId: string }) => i.householdId)).toEqual([awen.id]);
    expect(mine.json().items[0]).toMatchObject({ hasHelper: true, isHelperOverdue: false, helpers: [{ kind: 'cadre', name: cadre.user.username, userId: cadre.user.id }] });
    expect((await api(cadre, 'GET', `/api/households/${awen.id}/monitoring`)).statusCode).toBe(200);
    expect((await api(cadre, 'GET', `/api/households/${longxue.id}/monitoring`)).statusCode).toBe(404);
    expect((await api(otherCadre, 'GET', `/api/households/${awen.id}/monitoring`)).statusCode).toBe(404);
    expect((await api(otherCadre, 'GET', '/api/monitoring-objects')).json().total).toBe(0);
    expect((await api(cadre, 'POST', `/api/households/${awen.id}/helpers`, { kind: 'person', name: 'x', unit: 'y' })).statusCode).toBe(403);

    const { rows } = await ctx.pool.query(`SELECT action, after FROM audit_log WHERE object_id = $1 AND action = 'helper.assigned'`, [awen.id]);
    expect(rows).toEqual([{ action: 'helper.assigned', after: expect.objectContaining({ assignedOn: '2026-10-12', dueOn: '2026-10-13', isLate: false }) }]);
  });

  it('an out-of-region helper can neither be assigned nor see the household (404)', async () => {
    const r = await api(monitor, 'POST', `/api/households/${longxue.id}/helpers`, { kind: 'cadre', userId: outsideCadre.user.id });
    expect(r.json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'userId', reason: 'helperAccountNotCovering' });
    expect((await api(outsideCadre, 'GET', `/api/households/${longxue.id}/monitoring`)).statusCode).toBe(404);
    expect((await api(outsideCadre, 'GET', `/api/households/${longxue.id}`)).statusCode).toBe(404);
    expect((await api(outsideCadre, 'GET', '/api/monitoring-objects')).json().total).toBe(0);
  });

  it('a named person with unit and a masked phone; the work team; late assignment is said; reassignment keeps history', async () => {
    await setDay('2026-11-25');
    const person = await api(monitor, 'POST', `/api/households/${longxue.id}/helpers`, { kind: 'person', name: '王帮扶', unit: '县人社局', phone: '13907761234' });
    expect(person.statusCode, person.body).toBe(201);
    expect(person.json()).toMatchObject({ assignedOn: '2026-11-25', dueOn: '2026-11-23', isLate: true });
    expect((await api(monitor, 'POST', `/api/households/${longxue.id}/helpers`, { kind: 'person', name: '无单位' })).json()).toMatchObject({ field: 'unit', reason: 'helperUnitRequired' });
    expect((await api(monitor, 'POST', `/api/households/${longxue.id}/helpers`, { kind: 'person', name: '坏电话', unit: 'x', phone: '12' })).json()).toMatchObject({ field: 'phone' });
    expect((await api(monitor, 'POST', `/api/households/${longxue.id}/helpers`, { kind: 'workTeam', name: '县人社局驻村工作队' })).statusCode).toBe(201);

    const reassign = await api(monitor, 'POST', `/api/households/${longxue.id}/helpers/${person.json().id}/reassign`, { kind: 'cadre', userId: cadre.user.id, reason: '工作调动' });
    expect(reassign.statusCode, reassign.body).toBe(201);
    expect((await api(monitor, 'POST', `/api/households/${longxue.id}/helpers/${person.json().id}/reassign`, { kind: 'person', name: 'x', unit: 'y', reason: '再次' })).statusCode).toBe(409);
    const record = (await api(monitor, 'GET', `/api/households/${longxue.id}/monitoring`)).json();
    expect(record.helpers).toEqual([
      expect.objectContaining({ kind: 'person', name: '王帮扶', unit: '县人社局', phoneMasked: '139****1234', endedOn: '2026-11-25', endReason: '工作调动', replacedBy: reassign.json().id }),
      expect.objectContaining({ kind: 'workTeam', endedOn: null }),
      expect.objectContaining({ kind: 'cadre', userId: cadre.user.id, endedOn: null }),
    ]);
    expect(JSON.stringify(record)).not.toContain('13907761234');
    expect(record.history.map((h: { action: string }) => h.action)).toEqual(['monitoring.helperReassigned', 'monitoring.helperAssigned', 'monitoring.helperAssigned', 'monitoring.identified']);
    const { rows } = await ctx.pool.query(`SELECT count(*)::int AS n FROM audit_log WHERE object_id = $1 AND action LIKE 'helper.%'`, [longxue.id]);
    expect(rows[0].n).toBe(3);
    expect((await api(cadre, 'GET', '/api/monitoring-objects')).json().items.map((i: { householdId: string }) => i.householdId).sort()).toEqual([awen.id, longxue.id].sort());
    await setDay('2026-11-20');
  });

  it('`fangpin monitoring list --json` prints the same items as the API', async () => {
    const fromApi = (await api(monitor, 'GET', `/api/monitoring-objects?regionCode=${county.code}&flag=noHelper`)).json();
    const bin = path.resolve(import.meta.dirname, '../../../bin/fangpin.mjs');
    const run = spawnSync(process.execPath, [bin, 'monitoring', 'list', '--json', '--region', county.code, '--flag', 'noHelper'], {
      env: { ...process.env, DATABASE_URL: inject('databaseUrl'), FANGPIN_SECRET_KEY: TEST_SECRET_KEY },
      encoding: 'utf8',
    });
    expect(run.stderr).toBe('');
    const out = JSON.parse(run.stdout);
    expect(out.total).toBe(fromApi.total);
    // The CLI runs on today's date; the app's clock is moved to 2026-11-20: compare the stable fields.
    const stable = (items: Record<string, unknown>[]) => items.map(({ isHelperOverdue: _o, ...rest }) => rest);
    expect(stable(out.items)).toEqual(stable(fromApi.items));
    expect(out.items.map((i: { householdId: string }) => i.householdId)).toEqual([other.id]);
  }, 60_000);
});

describe('measures (帮扶措施) and the coverage check', () => {
  const flagged = async () => (await api(monitor, 'GET', '/api/monitoring-objects?flag=uncoveredRisk')).json().items.map((i: { householdId: string }) => i.householdId).sort();
  const record = async (h: BuiltHousehold) => (await api(monitor, 'GET', `/api/households/${h.id}/monitoring`)).json();
  const addMeasure = (who: Login, h: BuiltHousehold, body: object) => api(who, 'POST', `/api/households/${h.id}/measures`, { startOn: '2026-10-08', ...body });

  it('a new monitoring object has its risks uncovered (those the rules name), flagged with the rule words', async () => {
    expect(await flagged()).toEqual([awen.id, longxue.id].sort()); // 因意外事故 (other) needs no particular category
    const item = (await api(monitor, 'GET', '/api/monitoring-objects?flag=uncoveredRisk')).json().items.find((i: { householdId: string }) => i.householdId === awen.id);
    expect(item.uncoveredRiskTypes).toEqual(['01']);
    expect((await record(awen)).coverage).toEqual({
      uncoveredRiskTypes: ['01'],
      isChecked: true,
      problems: [expect.objectContaining({ code: 'riskWithoutMeasure', riskType: '01', message: '风险「因病」缺少对应帮扶措施：应有健康帮扶之一' })],
    });
  });

  it('阿文: 健康, 就业 and 综合保障 measures cover 因病; the flag goes away; bad input is refused by field', async () => {
    expect((await addMeasure(township, awen, { riskType: '07', category: 'employment', measure: 'x' })).json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'riskType', reason: 'riskNotOfHousehold', params: { riskType: '07' } });
    expect((await addMeasure(township, awen, { riskType: '01', category: 'nonsense', measure: 'x' })).json()).toMatchObject({ field: 'category' });
    expect((await addMeasure(township, awen, { riskType: '01', category: 'health', measure: ' ' })).json()).toMatchObject({ field: 'measure' });
    expect((await addMeasure(township, awen, { riskType: '01', category: 'health', measure: 'x', endOn: '2026-10-01' })).json()).toMatchObject({ field: 'endOn', reason: 'endBeforeStart', params: { endOn: '2026-10-01' } });
    expect((await addMeasure(leader, awen, { riskType: '01', category: 'health', measure: 'x' })).statusCode).toBe(403);
    expect((await addMeasure(otherTownship, awen, { riskType: '01', category: 'health', measure: 'x' })).statusCode).toBe(404);
    const health = await addMeasure(township, awen, { riskType: '01', category: 'health', measure: '医疗报销比例提高 8 个百分点', department: '县医保局' });
    expect(health.statusCode, health.body).toBe(201);
    expect((await addMeasure(township, awen, { riskType: '01', category: 'employment', measure: '父亲公益岗位就业', department: '县人社局', amount: 9600 })).statusCode).toBe(201);
    expect((await addMeasure(township, awen, { riskType: '01', category: 'socialProtection', measure: '低保 B 类', department: '县民政局', amount: 4200, status: 'delivered' })).statusCode).toBe(201);
    expect(await flagged()).toEqual([longxue.id]);
    const r = await record(awen);
    expect(r.coverage).toEqual({ uncoveredRiskTypes: [], problems: [], isChecked: true });
    expect(r.measures.map((m: { category: string; status: string }) => [m.category, m.status])).toEqual([['health', 'planned'], ['employment', 'planned'], ['socialProtection', 'delivered']]);
    const { rows } = await ctx.pool.query(`SELECT count(*)::int AS n FROM audit_log WHERE object_id = $1 AND action = 'measure.recorded'`, [awen.id]);
    expect(rows[0].n).toBe(3);
  });

  it('因务工就业不稳 is covered by 就业, and invalid once no member can work (re-checked on the member edit)', async () => {
    expect((await addMeasure(monitor, longxue, { riskType: '07', category: 'employment', measure: '职业技能培训' })).statusCode).toBe(201);
    expect((await record(longxue)).coverage).toMatchObject({ uncoveredRiskTypes: [], problems: [] });
    const member = longxue.members[0]!;
    const { rows } = await ctx.pool.query<{ version: number }>(`SELECT version FROM members WHERE id = $1`, [member.id]);
    const edit = await ctx.app.inject({ method: 'PATCH', url: `/api/members/${member.id}`, headers: { cookie: monitor.cookie }, payload: { version: rows[0]!.version, labourCapacity: 'none' } });
    expect(edit.statusCode, edit.body).toBe(200);
    expect((await record(longxue)).coverage.problems).toEqual([expect.objectContaining({ code: 'unstableEmploymentWithoutLabour', message: '风险为因务工就业不稳，但家庭成员均无劳动能力' })]);
    const again = await ctx.app.inject({ method: 'PATCH', url: `/api/members/${member.id}`, headers: { cookie: monitor.cookie }, payload: { version: rows[0]!.version + 1, labourCapacity: 'full' } });
    expect(again.statusCode).toBe(200);
    expect((await record(longxue)).coverage.problems).toEqual([]);
  });

  it('a measure moves planned → inProgress → delivered with its version; evidence is attached and downloads in the region only', async () => {
    const m = (await record(awen)).measures[0];
    const move = (who: Login, body: object) => api(who, 'POST', `/api/households/${awen.id}/measures/${m.id}/status`, body);
    expect((await move(monitor, { status: 'inProgress', version: m.version + 5 })).statusCode).toBe(409);
    expect((await move(monitor, { status: 'inProgress', version: m.version })).json()).toMatchObject({ status: 'inProgress', version: m.version + 1 });
    expect((await move(monitor, { status: 'planned', version: m.version + 1 })).json()).toMatchObject({ code: 'WORKFLOW_REFUSED', reason: 'measureMoveNotAllowed', params: { from: 'inProgress', to: 'planned' } });
    expect((await move(monitor, { status: 'delivered', version: m.version + 1, on: '2026-11-21' })).json()).toMatchObject({ field: 'on' });
    expect((await move(monitor, { status: 'delivered', version: m.version + 1, on: '2026-11-02' })).statusCode).toBe(200);
    const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
    const boundary = '----fangpin-measure';
    const payload = Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="报销单.png"\r\nContent-Type: image/png\r\n\r\n`), PNG, Buffer.from(`\r\n--${boundary}--\r\n`)]);
    const upload = (who: Login) => ctx.app.inject({ method: 'POST', url: `/api/households/${awen.id}/measures/${m.id}/attachments`, payload, headers: { cookie: who.cookie, 'content-type': `multipart/form-data; boundary=${boundary}` } });
    expect((await upload(leader)).statusCode).toBe(403);
    const attached = await upload(township);
    expect(attached.statusCode, attached.body).toBe(201);
    const r = await record(awen);
    expect(r.measures[0]).toMatchObject({ status: 'delivered', deliveredOn: '2026-11-02', attachments: [expect.objectContaining({ fileName: '报销单.png', purpose: 'evidence' })] });
    expect((await api(monitor, 'GET', attached.json().url)).statusCode).toBe(200);
    expect((await api(otherTownship, 'GET', attached.json().url)).statusCode).toBe(404);
  });

  it('a helping cadre records measures for the households assigned to them only', async () => {
    const { rows } = await ctx.pool.query<{ userId: string }>(`SELECT user_id AS "userId" FROM household_helpers WHERE household_id = $1 AND kind = 'cadre' AND ended_on IS NULL`, [awen.id]);
    const cadreRow = everyone.find((l) => l.user.id === rows[0]!.userId)!;
    expect((await addMeasure(cadreRow, awen, { riskType: '01', category: 'health', measure: '家庭医生签约服务' })).statusCode).toBe(201);
    expect((await addMeasure(cadreRow, other, { riskType: '05', category: 'socialProtection', measure: '临时救助' })).statusCode).toBe(404);
  });
});
