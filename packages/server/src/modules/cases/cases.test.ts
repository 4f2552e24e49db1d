import ExcelJS from 'exceljs';
import fs from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCase, buildCounty, buildHousehold, buildUserAndLogin, PNG, type BuiltHousehold, type TestCounty } from '../../../test/factories.ts';
import { tempFile } from '../../../test/registry-files.ts';
import { caseRequests, multipart, testSessions, type Login } from '../../../test/sessions.ts';
import { createTestContext, type TestContext } from '../../../test/test-app.ts';
import { SYSTEM_ACTOR } from '../audit/record-audit.ts';
import { importDepartmentFile } from '../department/import-department.ts';
import { insertVersions } from '../rules/repo.ts';

let ctx: TestContext;
let county: TestCounty;
let monitor: Login;
let luoxi: Login;
let tongle: Login;
let mazhuang: Login;
let shuaba: Login;
let otherVillage: Login;

const { login, setDay, api, attach: upload } = testSessions(() => ctx);
const { caseOf, act, actOk } = caseRequests(api, () => monitor);
const attach = (who: Login, caseId: string, purpose: string) => upload(who, `/api/cases/${caseId}/attachments`, purpose);

/** A home check that found a member burned in a fire (health detail some roles may not read). */
const burnedHand = {
  members: [{ id: 'zb-1', name: '张百谋', birthDate: '1974-09-09', labourCapacity: 'partial', health: 'serious', healthNote: '火灾手部烧伤', schooling: 'notInSchool' }],
};

/** The people of a county who carry these stories: county centre, two townships, three villages. */
async function peopleOf(c: TestCounty) {
  const [shuabaV, , mazhuangV, baileV] = c.villages;
  return {
    monitor: await login('county-monitor', c.countyCode),
    luoxi: await login('township-officer', c.townships[1]!.code),
    tongle: await login('township-officer', c.townships[0]!.code),
    mazhuang: await login('village-cadre', mazhuangV!.code),
    shuaba: await login('village-cadre', shuabaV!.code),
    otherVillage: await login('village-cadre', baileV!.code),
  };
}

beforeAll(async () => {
  ctx = await createTestContext();
  await setDay('2026-11-02');
  county = await buildCounty(ctx.pool);
  ({ monitor, luoxi, tongle, mazhuang, shuaba, otherVillage } = await peopleOf(county));
});

/** 小黄's household in 马庄村, whose van and business licence the asset sources know. */
async function buildXiaoHuang(): Promise<BuiltHousehold> {
  const huang = await buildHousehold(ctx, {
    villageCode: county.villages[2]!.code,
    members: [
      { name: '黄小东', relation: 'head', birthDate: '1994-03-12' },
      { name: '韦秀梅', relation: 'spouse', birthDate: '1996-08-20', sex: 'female' },
    ],
  });
  const vehicles = tempFile('vehicles.csv');
  fs.writeFileSync(vehicles, `身份证号码,姓名,车辆类型,登记日期\n${huang.members[0]!.idNumber},黄小东,面包车,2019-04-02\n`);
  await importDepartmentFile({ pool: ctx.pool, cipher: ctx.cipher, today: '2026-11-02' }, SYSTEM_ACTOR, 'vehicles', vehicles);
  const licences = tempFile('licences.csv');
  fs.writeFileSync(licences, `身份证号码,姓名,主体名称,成立日期\n${huang.members[0]!.idNumber},黄小东,小东货运部,2018-06-15\n`);
  await importDepartmentFile({ pool: ctx.pool, cipher: ctx.cipher, today: '2026-11-02' }, SYSTEM_ACTOR, 'businessLicences', licences);
  return huang;
}

/** 张百谋's household in 刷把村 (同乐镇). */
const buildZhang = () => buildHousehold(ctx, { villageCode: county.villages[0]!.code, members: [{ name: '张百谋', relation: 'head', birthDate: '1974-09-09' }] });

/** What the home check finds at 小黄's: the van's transport business, wages, costs and the birth's hospital bill. */
const xiaoHuangVerification = {
  consentSigned: true,
  incomes: [
    { component: 'operating', amount: 42000, month: '2026-09', note: '面包车跑运输' },
    { component: 'wage', amount: 18000, month: '2026-09' },
  ],
  operatingCosts: [{ amount: 9000, month: '2026-09' }],
  compliantOutOfPocket: [{ kind: 'medical', amount: 9800, month: '2026-10', note: '生娃大出血住院' }],
  problems: { compulsoryEducation: false, basicMedical: false, housingSafety: false, drinkingWater: false },
};

/** 小黄's call to the hotline desk about `household` (a household of 马庄村, or none). */
const xiaoHuangCall = (household: Pick<BuiltHousehold, 'id'> | null) => ({
  callerName: '小黄',
  callerPhone: '139 0776 1201',
  regionCode: county.villages[2]!.code,
  householdId: household?.id ?? null,
  content: '生娃大出血，住院花了9800元，问能不能纳入监测',
  policyExplained: '讲解了防止返贫监测对象的认定条件',
  result: 'dispatched',
  riskTypes: ['01'],
});

describe('hotline desk and 小黄 (逻西乡马庄村)', () => {
  it('a dispatched call opens a clue and its case with the home check dispatched; a repeat call joins it', async () => {
    await setDay('2026-11-02');
    const huang = await buildXiaoHuang();
    const r = await api(monitor, 'POST', '/api/hotline-calls', xiaoHuangCall(huang));
    expect(r.statusCode, r.body).toBe(201);
    const body = r.json();
    expect(body).toMatchObject({ linkedToExistingClue: false, call: { callerName: '小黄', callerPhoneMasked: '139****1201', status: 'open', result: 'dispatched', villageName: '马庄村', townshipName: '逻西乡', caseStep: 'homeVerification' } });
    expect(body.call.callbackDueOn).toBe('2026-11-17'); // clue date + 15 days
    const caseId = body.caseId;
    const again = await api(monitor, 'POST', '/api/hotline-calls', { ...xiaoHuangCall(huang), content: '再次来电询问进度' });
    expect(again.json()).toMatchObject({ linkedToExistingClue: true, caseId, clueId: body.clueId });
    const c = await caseOf(monitor, caseId);
    expect(c).toMatchObject({ step: 'homeVerification', stepDueOn: '2026-11-05', dueOn: '2026-11-17', channel: 'hotline', greenChannel: false });
    expect(c.timeline.map((e: { type: string }) => e.type)).toEqual(['registerClue', 'startVerification']);
  });

  it('refuses bad calls with the field that is wrong', async () => {
    const huang = await buildHousehold(ctx, { villageCode: county.villages[2]!.code });
    const zhang = await buildZhang();
    for (const [change, field] of [
      [{ callerPhone: '12345' }, 'callerPhone'],
      [{ regionCode: county.townships[0]!.code }, 'regionCode'],
      [{ householdId: zhang.id }, 'householdId'],
      [{ regionCode: '450000000000' }, 'regionCode'],
    ] as const) {
      const r = await api(monitor, 'POST', '/api/hotline-calls', { ...xiaoHuangCall(huang), ...change });
      expect(r.statusCode, JSON.stringify(change)).toBe(400);
      expect(r.json().field).toBe(field);
    }
    const village = await api(mazhuang, 'POST', '/api/hotline-calls', xiaoHuangCall(huang));
    expect(village.statusCode).toBe(403);
  });

  it('an answered call is closed at once and opens nothing', async () => {
    const r = await api(monitor, 'POST', '/api/hotline-calls', { ...xiaoHuangCall(null), callerPhone: '13800001111', content: '咨询医保报销比例', result: 'answered' });
    expect(r.json()).toMatchObject({ clueId: null, caseId: null, call: { status: 'closed', remarks: '已解答政策' } });
  });

  it('home check needs the signed consent, then the property check finds the van and the licence', async () => {
    await setDay('2026-11-02');
    const household = await buildXiaoHuang();
    const caseId = (await buildCase(ctx, county, { step: 'homeVerification', household, clueDate: '2026-11-02' })).id;
    const verification = xiaoHuangVerification;
    const impossible = await act(mazhuang, caseId, 'recordVerification', verification, '2026-02-30');
    expect(impossible.statusCode).toBe(400);
    expect(impossible.json().detail).toContain('real date');
    const noScan = await act(mazhuang, caseId, 'recordVerification', verification);
    expect(noScan.statusCode).toBe(422);
    expect(noScan.json()).toMatchObject({ code: 'WORKFLOW_REFUSED', reason: 'consentMissing' });
    expect((await act(otherVillage, caseId, 'recordVerification', verification)).statusCode).toBe(404);
    await attach(mazhuang, caseId, 'consent');
    const verified = await actOk(mazhuang, caseId, 'recordVerification', verification);
    // Before the county records the property check it sees what the asset sources hold.
    expect(verified.propertyPreview.automatic.vehicles).toEqual([expect.objectContaining({ kind: 'van' })]);
    const wrongRole = await act(mazhuang, caseId, 'recordPropertyCheck');
    expect(wrongRole.json()).toMatchObject({ code: 'WORKFLOW_REFUSED', reason: 'roleNotAllowed' });
    const c = await actOk(monitor, caseId, 'recordPropertyCheck', { notes: '检索车辆、工商登记' });
    expect(c.step).toBe('systemAssessment');
    expect(c.facts.property.automatic.vehicles).toEqual([expect.objectContaining({ kind: 'van' })]);
    expect(c.facts.property.automatic.businessLicences).toEqual([expect.objectContaining({ name: '小东货运部' })]);
    expect(c.allowedEvents).toEqual(expect.arrayContaining(['recordAssessment', 'rejectAfterAssessment']));
    // …and the assessment's reasons before deciding.
    expect(c).toMatchObject({ assessmentIsPreview: true, assessment: { isWithinScope: false } });
  });

  it('the county rejects after the assessment shows why; the callback on day 3 closes the call-record row', async () => {
    const household = await buildXiaoHuang();
    const caseId = (await buildCase(ctx, county, { step: 'systemAssessment', household, clueDate: '2026-11-02', verification: xiaoHuangVerification })).id;
    await setDay('2026-11-04');
    // 小黄 called twice about the household: both calls join its case.
    for (const content of ['生娃大出血，住院花了9800元，问能不能纳入监测', '再次来电询问进度'])
      expect((await api(monitor, 'POST', '/api/hotline-calls', { ...xiaoHuangCall(household), content })).json()).toMatchObject({ linkedToExistingClue: true, caseId });
    const rejected = await actOk(monitor, caseId, 'rejectAfterAssessment', { reason: '家有劳动力2人、面包车1部、营业执照1本，人均纯收入高于监测范围，不符合边缘易致贫户条件' });
    expect(rejected.step).toBe('callback');
    expect(rejected.assessment.isWithinScope).toBe(false);
    expect(rejected.assessment.reasons.map((r: { code: string }) => r.code)).toEqual(expect.arrayContaining(['incomeAboveLine', 'redFlag']));
    expect(rejected.decision).toMatchObject({ kind: 'rejected' });
    const { rows: snap } = await ctx.pool.query(`SELECT snapshot->>'ruleSetVersion' AS v, rule_set_version FROM case_events WHERE case_id = $1 AND type = 'rejectAfterAssessment'`, [caseId]);
    expect(snap[0].v).toBe(snap[0].rule_set_version);
    const closed = await actOk(monitor, caseId, 'recordCallback', { result: '已电话告知不符合条件的原因，户主表示理解', objection: false });
    expect(closed.step).toBe('closed');
    const calls = await api(monitor, 'GET', '/api/hotline-calls?status=closed');
    const mine = calls.json().items.filter((c: { caseId: string }) => c.caseId === caseId);
    expect(mine).toHaveLength(2);
    for (const call of mine) expect(call).toMatchObject({ status: 'closed', statusZh: '已办结', objection: false, remarks: expect.stringContaining('经回访，已办结') });
    expect(mine[0].verificationResult).toContain('不符合条件');
  });

  it('exports the call-record table with title, columns and masked phones', async () => {
    const household = await buildHousehold(ctx, { villageCode: county.villages[2]!.code });
    const c = await buildCase(ctx, county, { step: 'callback', household, clueDate: '2026-11-02' });
    await setDay('2026-11-20');
    expect((await api(monitor, 'POST', '/api/hotline-calls', xiaoHuangCall(household))).json()).toMatchObject({ linkedToExistingClue: true, caseId: c.id });
    await actOk(monitor, c.id, 'recordCallback', { result: '已告知认定结果，无异议', objection: false });
    const r = await api(monitor, 'GET', '/api/hotline-calls/export.xlsx?from=2026-11-01&to=2026-11-30');
    expect(r.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getCell(1, 1).text).toContain('咨询热线电话记录处理情况表');
    expect(sheet.getRow(3).values).toEqual(expect.arrayContaining(['来电时间', '来电人', '核实结果', '回访情况', '办理状态', '备注']));
    const text = JSON.stringify(sheet.getSheetValues());
    expect(text).toContain('经回访，已办结');
    expect(text).toContain('139****1201');
    expect(text).not.toContain('13907761201');
  });
});

describe('张百谋 (同乐镇刷把村): visit report → county clue → approval with the green channel', () => {
  it('a visit report re-sent with the same clientId is stored once; the township forwards it as a clue', async () => {
    await setDay('2026-09-28');
    const zhang = await buildZhang();
    const report = { clientId: 'field-app-7f3a9c21', householdId: zhang.id, regionCode: county.villages[0]!.code, visitedOn: '2026-09-27', observed: '小卖部夜间失火，房屋和货物烧毁，损失约8万元', riskTypes: ['05'] };
    const first = await api(shuaba, 'POST', '/api/visit-reports', report);
    expect(first.statusCode, first.body).toBe(201);
    const second = await api(shuaba, 'POST', '/api/visit-reports', report);
    expect(second.statusCode).toBe(200);
    expect(second.json().id).toBe(first.json().id);
    const { payload, headers } = multipart({}, { name: 'fire.png', content: PNG, type: 'image/png' });
    const photo = await ctx.app.inject({ method: 'POST', url: `/api/visit-reports/${first.json().id}/attachments`, payload, headers: { ...headers, cookie: shuaba.cookie } });
    expect(photo.statusCode, photo.body).toBe(201);
    const junk = multipart({}, { name: 'x.exe', content: Buffer.from('MZ not a photo'), type: 'image/png' });
    const refused = await ctx.app.inject({ method: 'POST', url: `/api/visit-reports/${first.json().id}/attachments`, payload: junk.payload, headers: { ...junk.headers, cookie: shuaba.cookie } });
    expect(refused.statusCode).toBe(400);
    expect((await api(shuaba, 'POST', `/api/visit-reports/${first.json().id}/forward`, {})).statusCode).toBe(403);
    expect((await api(luoxi, 'POST', `/api/visit-reports/${first.json().id}/forward`, {})).statusCode).toBe(404);
    const forwarded = await api(tongle, 'POST', `/api/visit-reports/${first.json().id}/forward`, { note: '情况属实，转县防贫中心' });
    expect(forwarded.statusCode, forwarded.body).toBe(200);
    expect(forwarded.json().report).toMatchObject({ status: 'forwarded', attachments: [expect.objectContaining({ mimeType: 'image/png' })] });
    expect((await api(tongle, 'POST', `/api/visit-reports/${first.json().id}/dismiss`, { note: 'x' })).statusCode).toBe(409);
    const c = await caseOf(monitor, forwarded.json().caseId);
    // The clock runs from the visit that found the risk, not from the township's review.
    expect(c).toMatchObject({ step: 'clueRegistered', greenChannel: true, channel: 'visit', clueDate: '2026-09-27', dueOn: '2026-10-12' });
  });

  it('runs to approval as 突发严重困难户 with 因意外事故, one objection sending it back once', async () => {
    // The clue the township forwarded from the visit of 2026-09-27 (fire: 因意外事故, the green channel).
    const zhang = await buildZhang();
    const caseId = (await buildCase(ctx, county, { step: 'clueRegistered', household: zhang, channel: 'visit', riskTypes: ['05'], clueDate: '2026-09-27' })).id;
    await setDay('2026-09-28');
    expect(await caseOf(monitor, caseId)).toMatchObject({ step: 'clueRegistered', greenChannel: true, channel: 'visit', clueDate: '2026-09-27', dueOn: '2026-10-12' });
    await actOk(monitor, caseId, 'recordAssistance', { measure: '临时救助 3000 元', amount: 3000, on: '2026-09-28' });
    await actOk(monitor, caseId, 'startVerification');
    await attach(shuaba, caseId, 'consent');
    const verification = {
      consentSigned: true,
      members: [{ id: 'zb-1', name: '张百谋', birthDate: '1974-09-09', labourCapacity: 'partial', health: 'serious', healthNote: '火灾手部烧伤', schooling: 'notInSchool' }],
      // In the income window (the 12 months before the visit's month): 2025-09 … 2026-08.
      compliantOutOfPocket: [{ kind: 'medical', amount: 6000, month: '2026-08', note: '母亲慢性病住院自付' }],
      incomes: [{ component: 'operating', amount: 60000, month: '2026-08', note: '小卖部' }],
      operatingCosts: [{ amount: 24000, month: '2026-08' }],
      suddenEvents: [{ kind: 'fire', date: '2026-09-27', lossAmount: 80000, note: '小卖部火灾' }],
    };
    await actOk(shuaba, caseId, 'recordVerification', verification);
    await actOk(monitor, caseId, 'recordPropertyCheck', { manualFindings: { businessLicences: [{ name: '百谋小卖部（已烧毁）' }] } });
    const assessed = await actOk(monitor, caseId, 'recordAssessment');
    expect(assessed.assessment).toMatchObject({ suggestedCategory: 'sudden', riskTypes: expect.arrayContaining(['05']) });
    const deliberation = { result: 'recommend', heldOn: '2026-09-29', attendees: 15, minutes: '村民代表会议一致同意推荐' };
    await setDay('2026-09-29');
    await actOk(shuaba, caseId, 'recordDeliberation', deliberation);
    const notice = await api(shuaba, 'GET', `/api/cases/${caseId}/notice`);
    expect(notice.json()).toMatchObject({ startOn: '2026-09-29', endOn: '2026-10-04', days: 5, villageName: '刷把村', townshipName: '同乐镇', countyName: county.name, entries: [{ headName: '张百谋', categoryZh: '突发严重困难户' }] });
    await setDay('2026-10-01');
    // Guangxi's default notice is held by the village (乐业县 overrides it to the township).
    expect((await act(tongle, caseId, 'raiseObjection', { note: 'x' })).json()).toMatchObject({ reason: 'roleNotAllowed' });
    const objected = await actOk(shuaba, caseId, 'raiseObjection', { note: '群众反映其另有门面出租' });
    expect(objected).toMatchObject({ step: 'homeVerification', state: { objections: 1 } });
    await actOk(shuaba, caseId, 'recordVerification', { ...verification, notes: '复核：门面系租用，无出租收入' });
    await actOk(monitor, caseId, 'recordPropertyCheck');
    await actOk(monitor, caseId, 'recordAssessment');
    await setDay('2026-10-02');
    await actOk(shuaba, caseId, 'recordDeliberation', { ...deliberation, heldOn: '2026-10-02' });
    await setDay('2026-10-06');
    const early = await act(shuaba, caseId, 'endNotice');
    expect(early.json()).toMatchObject({ code: 'WORKFLOW_REFUSED', reason: 'noticePeriodNotOver' });
    await setDay('2026-10-07');
    await actOk(shuaba, caseId, 'endNotice');
    await actOk(tongle, caseId, 'townshipApprove');
    expect((await act(tongle, caseId, 'countyDecide', { decision: 'approved', category: 'sudden', riskTypes: ['05'] })).json()).toMatchObject({ reason: 'roleNotAllowed' });
    expect((await act(monitor, caseId, 'countyDecide', { decision: 'approved', category: 'sudden', riskTypes: ['77'] })).statusCode).toBe(400);
    const approved = await actOk(monitor, caseId, 'countyDecide', { decision: 'approved', category: 'sudden', riskTypes: ['05'], effectiveOn: '2026-10-07' });
    expect(approved).toMatchObject({ step: 'callback', decision: { kind: 'approved', category: 'sudden', riskTypes: ['05'] }, isOverdue: false });
    const { rows } = await ctx.pool.query(`SELECT category, risk_types, identified_on FROM household_monitoring WHERE household_id = $1`, [zhang.id]);
    expect(rows).toEqual([{ category: 'sudden', risk_types: ['05'], identified_on: '2026-10-07' }]);
    const types = approved.timeline.map((e: { type: string }) => e.type);
    expect(types.filter((t: string) => t === 'recordDeliberation')).toHaveLength(2);
    expect(types).toContain('recordAssistance');
    const { rows: decision } = await ctx.pool.query(`SELECT snapshot FROM case_events WHERE case_id = $1 AND type = 'countyDecide'`, [caseId]);
    expect(decision[0].snapshot).toMatchObject({ ruleSetVersion: expect.any(String), facts: { assessment: { suggestedCategory: 'sudden' } } });
  });

  it('leaders read cases without health detail, and add nothing to them', async () => {
    const c = await buildCase(ctx, county, { step: 'propertyCheck', verification: burnedHand });
    const leader = await buildUserAndLogin(ctx, { role: 'leader', regionCode: county.countyCode });
    const asLeader = await api(leader, 'GET', `/api/cases/${c.id}`);
    expect(asLeader.statusCode).toBe(200);
    expect(asLeader.body).not.toContain('烧伤');
    expect((await api(monitor, 'GET', `/api/cases/${c.id}`)).body).toContain('烧伤');
    const { payload, headers } = multipart({ purpose: 'photo' }, { name: 'x.png', content: PNG, type: 'image/png' });
    const r = await ctx.app.inject({ method: 'POST', url: `/api/cases/${c.id}/attachments`, payload, headers: { ...headers, cookie: leader.cookie } });
    expect(r.json()).toMatchObject({ status: 403, code: 'FORBIDDEN', reason: 'mayNotAttachToCases' });
    expect((await act(leader, c.id, 'recordCallback', { result: 'x', objection: false })).json()).toMatchObject({ status: 403, code: 'FORBIDDEN', reason: 'mayNotActOnCases' });
  });

  it('the public notice print holds no ID number, phone, bank or health detail', async () => {
    const household = await buildHousehold(ctx, { villageCode: county.villages[0]!.code, members: [{ name: '张百谋', relation: 'head', birthDate: '1974-09-09' }] });
    const c = await buildCase(ctx, county, { step: 'publicNotice', household, verification: burnedHand });
    const r = await api(shuaba, 'GET', `/api/cases/${c.id}/notice`);
    expect(r.json()).toMatchObject({ villageName: '刷把村', entries: [{ headName: '张百谋' }] });
    const text = r.body;
    expect(text).not.toMatch(/\d{17}[\dX]/);
    expect(text).not.toContain(household.members[0]!.idNumber.slice(0, 10));
    expect(text).not.toContain(household.phone);
    expect(text).not.toMatch(/1[3-9]\d{9}/);
    expect(text).not.toMatch(/银行|账号|病|burn|烧伤/);
  });

  it('the notice prints the county’s supervision number once the county admin has set it (issue 11 item 10)', async () => {
    // A county of its own: the setting is the county's, whatever other tests print.
    const own = await buildCounty(ctx.pool);
    const c = await buildCase(ctx, own, { step: 'publicNotice' });
    const cadre = await buildUserAndLogin(ctx, { role: 'village-cadre', regionCode: own.villages[0]!.code });
    expect((await api(cadre, 'GET', `/api/cases/${c.id}/notice`)).json()).toMatchObject({ supervisionPhone: null });
    const admin = await buildUserAndLogin(ctx, { role: 'county-admin', regionCode: own.code });
    const saved = await ctx.app.inject({ method: 'PUT', url: '/api/county-settings', payload: { supervisionPhone: '0776-7921234' }, headers: { cookie: admin.cookie } });
    expect(saved.statusCode, saved.body).toBe(200);
    expect((await api(cadre, 'GET', `/api/cases/${c.id}/notice`)).json()).toMatchObject({ supervisionPhone: '0776-7921234' });
  });

  it('the timeline names people by their display name beside the login name (issue 11 item 9)', async () => {
    const c = await buildCase(ctx, county, { step: 'propertyCheck' });
    await ctx.pool.query(`UPDATE users SET display_name = '李新旺' WHERE id = $1`, [c.actors.monitor.userId]);
    const timeline: { actorName: string; actorDisplayName: string | null }[] = (await caseOf(shuaba, c.id)).timeline;
    const byMonitor = timeline.filter((e) => e.actorName === c.actors.monitor.username);
    expect(byMonitor.length).toBeGreaterThan(0);
    expect(byMonitor.every((e) => e.actorDisplayName === '李新旺')).toBe(true);
  });
});

describe('one winner, deadlines and to-do', () => {
  it('two people acting on the same step at once: exactly one succeeds, the other gets a clear conflict', async () => {
    await setDay('2026-11-10');
    const family = await buildHousehold(ctx, { villageCode: county.villages[2]!.code });
    const call = await api(monitor, 'POST', '/api/hotline-calls', { ...xiaoHuangCall(family), callerPhone: '13600002222', content: '家中老人摔伤住院' });
    const caseId = call.json().caseId as string;
    await attach(mazhuang, caseId, 'consent');
    const c = await caseOf(mazhuang, caseId);
    const body = { type: 'recordVerification', version: c.version, data: { consentSigned: true } };
    const [a, b] = await Promise.all([
      api(mazhuang, 'POST', `/api/cases/${caseId}/events`, body),
      api(luoxi, 'POST', `/api/cases/${caseId}/events`, body),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const loser = a.statusCode === 409 ? a : b;
    expect(loser.json()).toMatchObject({ code: 'CONFLICT', reason: 'staleVersion' });
    const { rows } = await ctx.pool.query(`SELECT count(*)::int AS n FROM case_events WHERE case_id = $1 AND type = 'recordVerification'`, [caseId]);
    expect(rows[0].n).toBe(1);
  });

  it('counts working-day limits across the National Day holiday and lists overdue work per role', async () => {
    // A county of its own: the working-day rules are the county's, whatever other tests count.
    await setDay('2026-09-29');
    const own = await buildCounty(ctx.pool);
    const { monitor, mazhuang, otherVillage, tongle } = await peopleOf(own);
    await insertVersions(ctx.pool, [
      { version: `${own.countyCode}-wd`, regionCode: own.countyCode, effectiveFrom: '2026-09-01', rules: { identificationLimit: { days: 10, unit: 'working' }, stepLimits: { homeVerification: { days: 3, unit: 'working' } } }, createdBy: 'test' },
    ]);
    const call = await api(monitor, 'POST', '/api/hotline-calls', { ...xiaoHuangCall(null), regionCode: own.villages[2]!.code, callerPhone: '13600003333', content: '家里房屋漏雨' });
    expect(call.statusCode, call.body).toBe(201);
    const c = await caseOf(monitor, call.json().caseId);
    // 09-29 + 3 working days skips 10-01…10-07 (National Day; 10-10 Saturday is a make-up working day in 2026? no: 9-28 is)
    expect(c).toMatchObject({ clueDate: '2026-09-29', stepDueOn: '2026-10-09', clock: { unit: 'working', daysLimit: 10 } });
    expect(c.dueOn > '2026-10-13').toBe(true);
    await setDay('2026-10-12');
    const todo = await api(mazhuang, 'GET', '/api/cases/todo');
    expect(todo.json().items.map((i: { id: string }) => i.id)).toContain(c.id);
    expect(todo.json().overdue).toBe(todo.json().items.filter((i: { isOverdue: boolean; isStepOverdue: boolean }) => i.isOverdue || i.isStepOverdue).length);
    expect(todo.json().overdue).toBeGreaterThan(0);
    expect(todo.json().total).toBe(todo.json().items.length);
    const elsewhere = await api(otherVillage, 'GET', '/api/cases/todo');
    expect(elsewhere.json().items.map((i: { id: string }) => i.id)).not.toContain(c.id);
    const township = await api(tongle, 'GET', '/api/cases/todo');
    expect(township.json().items.map((i: { id: string }) => i.id)).not.toContain(c.id);
    const overdue = await api(monitor, 'GET', '/api/cases?due=overdue');
    expect(overdue.json().items.map((i: { id: string }) => i.id)).toContain(c.id);
  });

  it('a confirmed department warning opens a case too', async () => {
    await setDay('2026-11-20');
    const huang = await buildHousehold(ctx, { villageCode: county.villages[2]!.code });
    const { rows } = await ctx.pool.query<{ id: string }>(
      // Raised the day before (a verification cannot predate its warning).
      `INSERT INTO warnings (county_code, region_code, household_id, risk_type, period, sources, message, numbers, rule_set_version, batch_ids, is_monitored, status, created_at)
       VALUES ($1, $2, $3, '01', '2026-11', ARRAY['medical'], '医疗自付超过阈值', '{}', 'gx-2026.1', '{}', false, 'dispatched', '2026-11-19T02:00:00Z') RETURNING id`,
      [county.countyCode, huang.regionCode, huang.id],
    );
    const r = await api(mazhuang, 'POST', '/api/warnings/transition', { ids: [rows[0]!.id], to: 'riskConfirmed', reason: '入户核实：住院自付近万元，家中无其他收入' });
    expect(r.statusCode, r.body).toBe(200);
    const clueId = r.json().results[0].clueId;
    const { rows: cases } = await ctx.pool.query(`SELECT step, clue_date FROM cases WHERE clue_id = $1`, [clueId]);
    expect(cases).toEqual([{ step: 'clueRegistered', clue_date: '2026-11-20' }]);
  });
});

describe('OpenAPI', () => {
  it('documents creating a hotline clue, advancing a case and reading a case with its timeline and deadlines', async () => {
    const doc = (await ctx.app.inject({ url: '/api/openapi.json' })).json();
    for (const path of ['/api/hotline-calls', '/api/hotline-calls/export.xlsx', '/api/cases', '/api/cases/todo', '/api/cases/{id}', '/api/cases/{id}/events', '/api/cases/{id}/attachments', '/api/cases/{id}/notice', '/api/visit-reports', '/api/visit-reports/{id}/forward', '/api/public/applications', '/api/public/villages'])
      expect(Object.keys(doc.paths)).toContain(path);
    const detail = doc.paths['/api/cases/{id}'].get.responses['200'].content['application/json'].schema;
    expect(Object.keys(detail.properties)).toEqual(expect.arrayContaining(['timeline', 'clock', 'dueOn', 'stepDueOn', 'allowedEvents', 'version']));
    const advance = doc.paths['/api/cases/{id}/events'].post;
    // One body per event type, each with its own data (the case event union of the contract).
    const bodies: { properties: Record<string, { const?: string; enum?: string[]; properties?: Record<string, unknown>; anyOf?: unknown[] }>; additionalProperties?: boolean }[] =
      advance.requestBody.content['application/json'].schema.oneOf ?? advance.requestBody.content['application/json'].schema.anyOf;
    expect(bodies).toHaveLength(16);
    for (const body of bodies) {
      expect(Object.keys(body.properties)).toEqual(expect.arrayContaining(['type', 'version', 'data', 'occurredOn']));
      expect(body.additionalProperties).toBe(false);
    }
    const typeOf = (b: (typeof bodies)[number]) => b.properties['type']!.const ?? b.properties['type']!.enum?.[0];
    const verification = bodies.find((b) => typeOf(b) === 'recordVerification')!;
    expect(Object.keys(verification.properties['data']!.properties!)).toEqual(expect.arrayContaining(['consentSigned', 'incomes', 'assets']));
    expect(doc.paths['/api/hotline-calls'].post.responses['201']).toBeDefined();
  });
});

describe('self-application (public, no login)', () => {
  const apply = (over: object = {}) =>
    ({ villageCode: county.villages[2]!.code, name: '韦大姐', phone: '13712345678', description: '丈夫打工摔断腿，家里没有收入，孩子要交学费', consent: true, ...over });

  it('creates a clue with a reference number the applicant can ask about with the phone', async () => {
    await setDay('2026-11-25');
    const r = await api(null, 'POST', '/api/public/applications', apply());
    expect(r.statusCode, r.body).toBe(201);
    const { referenceNo } = r.json();
    expect(referenceNo).toMatch(/^SQ20261125-[2-9A-Z]{6}$/);
    const status = await api(null, 'GET', `/api/public/applications/${referenceNo}?phone=13712345678`);
    expect(status.json()).toMatchObject({ referenceNo, status: 'received' });
    expect((await api(null, 'GET', `/api/public/applications/${referenceNo}?phone=13700000000`)).statusCode).toBe(404);
    const { rows } = await ctx.pool.query(`SELECT c.step, cl.channel FROM self_applications a JOIN clues cl ON cl.id = a.clue_id JOIN cases c ON c.clue_id = cl.id WHERE a.reference_no = $1`, [referenceNo]);
    expect(rows).toEqual([{ step: 'clueRegistered', channel: 'application' }]);
    const village = await api(null, 'GET', `/api/public/villages/${county.villages[2]!.code}`);
    expect(village.json()).toMatchObject({ name: '马庄村', townshipName: '逻西乡', countyName: county.name });
    const villages = await api(null, 'GET', `/api/public/villages?county=${county.countyCode}`);
    expect(villages.json()).toMatchObject({ county: { code: county.countyCode, name: county.name } });
    expect(villages.json().villages).toHaveLength(4);
    const qr = await api(monitor, 'GET', `/api/regions/${county.villages[2]!.code}/application-qr.svg`);
    expect(qr.headers['content-type']).toContain('image/svg+xml');
    expect(qr.body).toContain('<svg');
  });

  it('refuses junk with a clear message: no consent, robots, bad phone, too short, too many from one phone', async () => {
    await setDay('2026-11-25');
    // From an address and a phone of its own, so the limits count only this test's applications.
    const submit = (body: object) => ctx.app.inject({ method: 'POST', url: '/api/public/applications', payload: body, remoteAddress: '203.0.113.25' });
    const ownPhone = { phone: '13712340025' };
    for (const [over, field] of [
      [{ consent: false }, 'consent'],
      [{ website: 'http://spam.example' }, 'website'],
      [{ phone: '110' }, 'phone'],
      [{ description: '困难' }, 'description'],
      [{ description: '1111111111111111' }, 'description'],
    ] as const) {
      const r = await submit(apply({ ...over, phone: 'phone' in over ? over.phone : '13898765432' }));
      expect(r.statusCode, JSON.stringify(over)).toBe(400);
      expect(r.body).toContain(field);
    }
    // The same phone a fourth time in a day: refused with a message pointing to the hotline.
    for (let i = 0; i < 3; i++) expect((await submit(apply(ownPhone))).statusCode).toBe(201);
    const fourth = await submit(apply(ownPhone));
    expect(fourth.statusCode).toBe(429);
    expect(fourth.json()).toMatchObject({ reason: 'applicationsPerPhoneLimited', params: { max: 3 } });
    // One address sending many: rate limited (20 per 10 minutes).
    let limited = 0;
    for (let i = 0; i < 20 && limited === 0; i++) if ((await submit(apply({ phone: `1350000${String(1000 + i)}` }))).statusCode === 429) limited = i;
    expect(limited).toBeGreaterThan(0);
  });
});
