import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCounty, buildHousehold, type BuiltHousehold, type TestCounty } from '../../../test/factories.ts';
import { approveHousehold, monitoringPeople } from '../../../test/monitoring-fixtures.ts';
import { testSessions, type Login } from '../../../test/sessions.ts';
import { createTestContext, type TestContext } from '../../../test/test-app.ts';

// Issue 13 item 6: 一户一档 — the household's whole record as JSON and XLSX (the print page reads
// the JSON), scoped like the household, IDs masked, every read audited.

let ctx: TestContext;
let county: TestCounty;
let monitor: Login;
let leader: Login;
let township: Login;
let mazhuang: Login;
let department: Login;
let cadre: Login;
let otherCadre: Login;
let outsider: Login;
let awen: BuiltHousehold;

const { login, setDay, api } = testSessions(() => ctx);

beforeAll(async () => {
  ctx = await createTestContext();
  county = await buildCounty(ctx.pool);
  const elsewhere = await buildCounty(ctx.pool);
  ({ monitor, leader, township, mazhuang, department, cadre, otherCadre } = await monitoringPeople(login, county, ['monitor', 'leader', 'township', 'mazhuang', 'department', 'cadre', 'otherCadre']));
  outsider = await login('county-monitor', elsewhere.code);
  awen = await buildHousehold(ctx, {
    villageCode: county.villages[3]!.code,
    type: 'formerlyPoor',
    members: [
      { name: '韦阿文父', relation: 'head', birthDate: '1985-03-01' },
      { name: '韦阿文', relation: 'son', birthDate: '2014-06-01' },
    ],
  });
  await setDay('2026-11-20');
  await approveHousehold(ctx, api, monitor, awen, { channel: 'warning', summary: '医保预警：自付高', clueDate: '2026-08-20', approvedOn: '2026-08-31', category: 'unstable', riskTypes: ['01'] });
  expect((await api(township, 'POST', `/api/households/${awen.id}/helpers`, { kind: 'cadre', userId: cadre.user.id, assignedOn: '2026-09-02' })).statusCode).toBe(201);
  expect((await api(township, 'POST', `/api/households/${awen.id}/measures`, { riskType: '01', category: 'health', measure: '医疗报销比例提高 8 个百分点', department: '县医保局', startOn: '2026-09-05', status: 'delivered' })).statusCode).toBe(201);
  const visit = await api(cadre, 'POST', `/api/households/${awen.id}/helper-visits`, {
    visitedOn: '2026-11-18',
    observed: '入户走访：阿文已出院',
    incomeUpdate: { wage: 24000, operating: 0, property: 0, transfer: 1200, operatingCosts: 0, compliantOutOfPocket: 3000 },
  });
  expect(visit.statusCode, visit.body).toBe(201);
}, 120_000);

describe('一户一档 (the household file)', () => {
  it('holds the whole record: members masked, monitoring, risks, helpers, measures with coverage, visits, incomes against the line, decisions', async () => {
    const r = await api(monitor, 'GET', `/api/households/${awen.id}/file`);
    expect(r.statusCode, r.body).toBe(200);
    const file = r.json();
    expect(file.household).toMatchObject({ householdNumber: awen.householdNumber, villageName: '百乐村', townshipName: '逻西乡', type: 'formerlyPoor' });
    expect(file.members.map((m: { name: string }) => m.name)).toEqual(['韦阿文父', '韦阿文']);
    for (const m of awen.members) expect(r.body).not.toContain(m.idNumber);
    expect(file.members[0].idNumberMasked).toMatch(/^\d{6}\*+[\dX]$/);
    expect(file.monitoring).toMatchObject({ status: 'monitoring', statusZh: '监测中', category: 'unstable', identifiedOn: '2026-08-31', lastVisitOn: '2026-11-18', nextVisitDueOn: '2027-02-18' });
    expect(file.risks).toEqual([{ code: '01', name: '因病', isCovered: true }]);
    expect(file.helpers).toEqual([expect.objectContaining({ kind: 'cadre', name: cadre.user.username, assignedOn: '2026-09-02' })]);
    expect(file.measures).toEqual([expect.objectContaining({ category: 'health', measure: '医疗报销比例提高 8 个百分点', status: 'delivered' })]);
    expect(file.coverage).toMatchObject({ uncoveredRiskTypes: [], isChecked: true });
    expect(file.visits).toEqual([expect.objectContaining({ visitedOn: '2026-11-18', assessment: expect.objectContaining({ perCapitaNetIncome: 12600, monitoringLine: 9000 }) })]);
    expect(file.incomes).toEqual([{ year: 2026, perCapitaIncome: 12600, monitoringLine: 9000, isWithinLine: false, source: 'visit', on: '2026-11-18', ruleSetVersion: expect.stringMatching(/^gx-2026\.1/) }]);
    const decision = file.decisions.find((d: { type: string }) => d.type === 'countyDecide');
    expect(decision).toMatchObject({ on: '2026-08-31', by: monitor.user.username, byDisplayName: monitor.user.username, byRole: 'county-monitor', ruleSetVersion: expect.stringMatching(/^gx-2026/), data: { decision: 'approved', category: 'unstable', riskTypes: ['01'] } });
    expect(file.monitoringHistory.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(['monitoring.identified', 'monitoring.helperAssigned', 'monitoring.measureRecorded', 'monitoring.incomeUpdated', 'monitoring.visitRecorded']),
    );
  });

  it('is scoped like the household: another county or village 404, an unassigned helping cadre 404, a department 403; the leader reads', async () => {
    expect((await api(outsider, 'GET', `/api/households/${awen.id}/file`)).statusCode).toBe(404);
    expect((await api(mazhuang, 'GET', `/api/households/${awen.id}/file`)).statusCode).toBe(404);
    expect((await api(otherCadre, 'GET', `/api/households/${awen.id}/file`)).statusCode).toBe(404);
    expect((await api(department, 'GET', `/api/households/${awen.id}/file`)).statusCode).toBe(403);
    expect((await api(outsider, 'GET', `/api/households/${awen.id}/file.xlsx`)).statusCode).toBe(404);
    expect((await api(cadre, 'GET', `/api/households/${awen.id}/file`)).statusCode).toBe(200);
    expect((await api(leader, 'GET', `/api/households/${awen.id}/file?purpose=print`)).statusCode).toBe(200);
    expect((await api(leader, 'GET', `/api/households/not-a-uuid/file`)).statusCode).toBe(404);
  });

  it('exports an XLSX with one sheet per part and no ID number in clear; views, prints and exports are audited', async () => {
    const before = await ctx.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE object_id = $1 AND action LIKE 'household.file.%'`, [awen.id]);
    const r = await api(township, 'GET', `/api/households/${awen.id}/file.xlsx`);
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['农户 Household', '家庭成员 Members', '帮扶责任人 Helpers', '帮扶措施 Measures', '措施覆盖 Coverage', '帮扶走访 Visits', '收入 Incomes', '决定 Decisions']);
    const cells: string[] = [];
    workbook.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((c) => void cells.push(c.text))));
    expect(cells).toContain('医疗报销比例提高 8 个百分点');
    expect(cells).toContain('韦阿文');
    for (const m of awen.members) expect(cells.join('|')).not.toContain(m.idNumber);
    await api(township, 'GET', `/api/households/${awen.id}/file?purpose=print`);
    await api(township, 'GET', `/api/households/${awen.id}/file`);
    const { rows } = await ctx.pool.query<{ action: string; actor: string }>(
      `SELECT action, actor_username AS actor FROM audit_log WHERE object_id = $1 AND action LIKE 'household.file.%' ORDER BY id OFFSET $2`,
      [awen.id, before.rows[0]!.n],
    );
    expect(rows).toEqual([
      { action: 'household.file.exported', actor: township.user.username },
      { action: 'household.file.printed', actor: township.user.username },
      { action: 'household.file.viewed', actor: township.user.username },
    ]);
  });

  it('a household never monitored still has its file (members and decisions), without monitoring parts', async () => {
    const plain = await buildHousehold(ctx, { villageCode: county.villages[3]!.code, members: [{ name: '李未监测', relation: 'head' }] });
    const file = (await api(monitor, 'GET', `/api/households/${plain.id}/file`)).json();
    expect(file).toMatchObject({ monitoring: null, risks: [], helpers: [], measures: [], visits: [], incomes: [], decisions: [], coverage: null });
    expect(file.members).toHaveLength(1);
  });
});
