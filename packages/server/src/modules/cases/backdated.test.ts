import { beforeAll, describe, expect, it } from 'vitest';
import { buildCounty, buildHousehold, makeIdNumber, type BuiltHousehold, type TestCounty } from '../../../test/factories.ts';
import { caseRequests, dispatchHotlineCall, testSessions, type Login } from '../../../test/sessions.ts';
import { createTestContext, type TestContext } from '../../../test/test-app.ts';

// Issue 11 items 1–4: the identification procedure as a county walks it, paper work entered days
// late. Each test builds on its own households of one test county; the app's clock is moved.

let ctx: TestContext;
let county: TestCounty;
let monitor: Login;
let township: Login;
let mazhuang: Login;
let baile: Login;
let leader: Login;

const { login, setDay, api, attach } = testSessions(() => ctx);
const { caseOf, act, actOk } = caseRequests(api, () => monitor);

/** A dispatched hotline call about `household` (or about nobody yet) in 马庄村, logged today but made `calledOn`. */
const hotlineCase = (household: BuiltHousehold | null, calledOn: string, phone: string) =>
  dispatchHotlineCall(api, monitor, { regionCode: county.villages[2]!.code, householdId: household?.id ?? null, calledOn, phone });

const noProblems = { compulsoryEducation: false, basicMedical: false, housingSafety: false, drinkingWater: false };

beforeAll(async () => {
  ctx = await createTestContext();
  await setDay('2026-12-05');
  county = await buildCounty(ctx.pool);
  monitor = await login('county-monitor', county.countyCode);
  township = await login('township-officer', county.townships[1]!.code);
  mazhuang = await login('village-cadre', county.villages[2]!.code);
  baile = await login('village-cadre', county.villages[3]!.code);
  leader = await login('leader', county.countyCode);
});

describe('item 1: a home check entered days late keeps its income', () => {
  it('the case says which 12 months count; a row outside them is refused with the reason; rows inside reach the assessment', async () => {
    await setDay('2026-12-05');
    const family = await buildHousehold(ctx, { villageCode: county.villages[2]!.code });
    // The call was 12 days ago; the cadre's visit 11 days ago, entered today.
    const caseId = await hotlineCase(family, '2026-11-23', '13600004444');
    const c = await caseOf(mazhuang, caseId);
    expect(c).toMatchObject({ clueDate: '2026-11-23', incomeWindow: { fromMonth: '2025-11', toMonth: '2026-10', months: 12, clueDate: '2026-11-23' } });
    await attach(mazhuang, `/api/cases/${caseId}/attachments`, 'consent');
    // The month today's form used to default to (the month before today): outside the window.
    const verification = (month: string) => ({
      consentSigned: true,
      incomes: [
        { component: 'operating', amount: 42000, month, note: '小卖部' },
        { component: 'wage', amount: 10000, month: '2026-10' },
      ],
      operatingCosts: [{ amount: 2000, month: '2026-10' }],
      problems: noProblems,
    });
    const refused = await act(mazhuang, caseId, 'recordVerification', verification('2026-11'), '2026-11-24');
    expect(refused.statusCode, refused.body).toBe(400);
    expect(refused.json()).toMatchObject({
      code: 'VALIDATION_FAILED',
      field: 'data.incomes.0.month',
      reason: 'outsideIncomeWindow',
      records: [{ list: 'incomes', index: 0, month: '2026-11', amount: 42000 }],
    });
    expect(refused.json().params).toEqual({ fromMonth: '2025-11', toMonth: '2026-10', clueDate: '2026-11-23', list: 'incomes', row: 1, month: '2026-11', count: 1 });
    // Nothing was stored by the refused attempt.
    expect((await caseOf(monitor, caseId)).step).toBe('homeVerification');

    await actOk(mazhuang, caseId, 'recordVerification', verification('2026-10'), '2026-11-24');
    const atAssessment = await actOk(monitor, caseId, 'recordPropertyCheck', {}, '2026-11-25');
    expect(atAssessment.step).toBe('systemAssessment');
    // (42,000 + 10,000 − 2,000) ÷ 2 persons: what the cadre entered, not 0.
    expect(atAssessment.assessment).toMatchObject({ perCapitaNetIncome: 25000, income: { netIncome: 50000, outsideWindow: [] } });
    const assessed = await actOk(monitor, caseId, 'recordAssessment', {}, '2026-11-25');
    expect(assessed.timeline.at(-1).data).toMatchObject({ perCapitaNetIncome: 25000 });
  });
});

describe('item 2: a case without a household gets one before the home check', () => {
  it('a self-application: named 自主申报（群众） on the timeline, its home check refused until a household is linked', async () => {
    await setDay('2026-12-05');
    const r = await api(null, 'POST', '/api/public/applications', {
      villageCode: county.villages[2]!.code,
      name: '韦阿婆',
      phone: '13712340001',
      description: '家里老人突发脑梗住院，已花费2万多元，担心今年收入不够开支',
      consent: true,
    });
    expect(r.statusCode, r.body).toBe(201);
    const { rows } = await ctx.pool.query<{ id: string }>(`SELECT c.id FROM self_applications a JOIN cases c ON c.clue_id = a.clue_id WHERE a.reference_no = $1`, [r.json().referenceNo]);
    const caseId = rows[0]!.id;
    const c = await caseOf(monitor, caseId);
    expect(c.household).toBeNull();
    expect(c.timeline[0]).toMatchObject({ type: 'registerClue', actorName: '自主申报（群众）', actorRole: 'public' });
    expect(JSON.stringify(c.timeline)).not.toContain('public:self-application');
    // Linking comes first among what the county may do; a leader may do nothing.
    expect(c.allowedEvents[0]).toBe('linkHousehold');
    expect((await caseOf(leader, caseId)).allowedEvents).toEqual([]);
    await actOk(monitor, caseId, 'startVerification');
    await attach(mazhuang, `/api/cases/${caseId}/attachments`, 'consent');
    const noHousehold = await act(mazhuang, caseId, 'recordVerification', { consentSigned: true, problems: noProblems });
    expect(noHousehold.statusCode).toBe(422);
    expect(noHousehold.json()).toMatchObject({ code: 'WORKFLOW_REFUSED', reason: 'householdMissing' });
    expect(noHousehold.json().params).toEqual({ event: 'recordVerification' });
  });

  it('links a registry household of the case’s village, found by name; the call and the clue follow', async () => {
    await setDay('2026-12-05');
    const caseId = await hotlineCase(null, '2026-12-01', '13600005555');
    const elsewhere = await buildHousehold(ctx, { villageCode: county.villages[3]!.code, members: [{ name: '蓝宝珍', relation: 'head' }] });
    const family = await buildHousehold(ctx, { villageCode: county.villages[2]!.code, members: [{ name: '蓝秀英', relation: 'head' }, { name: '罗大山', relation: 'spouse' }] });
    const found = await api(mazhuang, 'GET', `/api/households?regionCode=${county.villages[2]!.code}&q=${encodeURIComponent('蓝秀')}`);
    expect(found.json().items.map((h: { id: string }) => h.id)).toEqual([family.id]);
    // Another village's household, or one the cadre cannot see: refused with the field.
    const wrongVillage = await act(monitor, caseId, 'linkHousehold', { householdId: elsewhere.id });
    expect(wrongVillage.statusCode).toBe(400);
    expect(wrongVillage.json()).toMatchObject({ field: 'data.householdId' });
    expect((await act(baile, caseId, 'linkHousehold', { householdId: family.id })).statusCode).toBe(404);
    const linked = await actOk(mazhuang, caseId, 'linkHousehold', { householdId: family.id });
    expect(linked).toMatchObject({ step: 'homeVerification', householdId: family.id, household: { size: 2 } });
    expect(linked.allowedEvents).not.toContain('linkHousehold');
    expect(linked.timeline.at(-1)).toMatchObject({ type: 'linkHousehold', typeZh: '关联农户', fromStep: 'homeVerification', toStep: 'homeVerification', data: { householdNumber: family.householdNumber, headName: '蓝秀英', memberCount: 2, registered: false } });
    const again = await act(mazhuang, caseId, 'linkHousehold', { householdId: family.id });
    expect(again.json()).toMatchObject({ code: 'WORKFLOW_REFUSED', reason: 'householdAlreadyLinked' });
    const { rows } = await ctx.pool.query(
      `SELECT cl.household_id AS clue, h.household_id AS call FROM cases c JOIN clues cl ON cl.id = c.clue_id JOIN hotline_calls h ON h.clue_id = c.clue_id WHERE c.id = $1`,
      [caseId],
    );
    expect(rows).toEqual([{ clue: family.id, call: family.id }]);
  });

  it('registers a family the registry does not know, with its members, history and audit; bad members are refused by row', async () => {
    await setDay('2026-12-05');
    const caseId = await hotlineCase(null, '2026-12-02', '13600006666');
    const known = await buildHousehold(ctx, { villageCode: county.villages[2]!.code });
    const head = makeIdNumber(county.countyCode, '1968-02-11');
    const wife = makeIdNumber(county.countyCode, '1970-07-01', 'female');
    const newHousehold = (members: object[]) => ({ newHousehold: { type: 'ordinary', address: '马庄村下屯 8 号', phone: '13977001122', members } });
    const headRow = { name: '韦德明', idNumber: head, relation: 'head', health: 'serious', labourCapacity: 'partial' };
    const wifeRow = { name: '黄翠兰', idNumber: wife, relation: 'spouse', labourCapacity: 'full' };
    const good = [headRow, wifeRow];
    const cases: [object[], string][] = [
      [[{ ...headRow, idNumber: `${head.slice(0, 17)}${head.endsWith('0') ? '1' : '0'}` }, wifeRow], 'data.newHousehold.members.0.idNumber'],
      [[headRow, { ...wifeRow, relation: 'head' }], 'data.newHousehold.members'],
      [[headRow, { ...wifeRow, idNumber: known.members[0]!.idNumber }], 'data.newHousehold.members.1.idNumber'],
      [[headRow, { ...wifeRow, idNumber: head }], 'data.newHousehold.members.1.idNumber'],
    ];
    for (const [members, field] of cases) {
      const r = await act(mazhuang, caseId, 'linkHousehold', newHousehold(members));
      expect(r.statusCode, `${field}: ${r.body}`).toBe(400);
      expect(r.json().field).toBe(field);
    }
    const taken = await act(mazhuang, caseId, 'linkHousehold', newHousehold([headRow, { ...wifeRow, idNumber: known.members[0]!.idNumber }]));
    expect(taken.json()).toMatchObject({ reason: 'personRegistered', householdNumber: known.householdNumber });
    // A leader never acts on cases: 403, whatever the event.
    expect((await act(leader, caseId, 'linkHousehold', newHousehold(good))).json()).toMatchObject({ status: 403, code: 'FORBIDDEN', reason: 'mayNotActOnCases' });

    const linked = await actOk(mazhuang, caseId, 'linkHousehold', newHousehold(good));
    const number: string = linked.household.householdNumber;
    expect(number).toMatch(new RegExp(`^${county.villages[2]!.code}9\\d{5}$`));
    expect(linked).toMatchObject({ headName: '韦德明', household: { size: 2, type: 'ordinary' } });
    expect(linked.timeline.at(-1).data).toMatchObject({ registered: true, householdNumber: number, memberCount: 2 });
    const household = await api(mazhuang, 'GET', `/api/households/${linked.householdId}`);
    expect(household.json()).toMatchObject({ householdNumber: number, address: '马庄村下屯 8 号', phoneMasked: '139****1122' });
    expect(household.json().members).toEqual([
      // Stored and shown as the registry keeps everyone (docs/personal-data.md): the birth year, the ID number masked by the role's policy.
      expect.objectContaining({ name: '韦德明', relation: 'head', sex: 'male', birthYear: 1968, health: 'serious', labourCapacity: 'partial', idNumberMasked: expect.stringMatching(/^\d{6}\*+[\dX]$/) }),
      expect.objectContaining({ name: '黄翠兰', relation: 'spouse', sex: 'female' }),
    ]);
    expect(household.json().members[0]).not.toHaveProperty('birthDate');
    // No birth date and no ID number in clear anywhere the registration wrote: the members, their history, the case's timeline.
    const { rows: stored } = await ctx.pool.query(`SELECT birth_year AS "birthYear", id_masked AS "idMasked" FROM members WHERE household_id = $1 AND relation = 'head'`, [linked.householdId]);
    expect(stored).toEqual([{ birthYear: 1968, idMasked: expect.not.stringContaining('19680211') }]);
    const { rows: written } = await ctx.pool.query(
      `SELECT (SELECT string_agg(after::text, ' ') FROM registry_history WHERE household_id = $1) AS history, (SELECT string_agg(data::text || comment, ' ') FROM case_events WHERE case_id = $2) AS timeline`,
      [linked.householdId, caseId],
    );
    expect(written[0].history).toContain('"birthYear": 1968');
    for (const text of [written[0].history, written[0].timeline]) {
      expect(text).not.toContain(head);
      expect(text).not.toContain('1968-02-11');
    }
    const { rows: history } = await ctx.pool.query(`SELECT action, source FROM registry_history WHERE household_id = $1 ORDER BY id`, [linked.householdId]);
    expect(history).toEqual([
      { action: 'household.created', source: `case:${linked.caseNumber}` },
      { action: 'member.created', source: `case:${linked.caseNumber}` },
      { action: 'member.created', source: `case:${linked.caseNumber}` },
    ]);
    const { rows: audit } = await ctx.pool.query(`SELECT actor_username, after::text AS after FROM audit_log WHERE action = 'household.registered' AND object_id = $1`, [linked.householdId]);
    expect(audit).toHaveLength(1);
    expect(audit[0].actor_username).toBe(mazhuang.user.username);
    expect(audit[0].after).not.toContain(head);
    // The next family of the village gets the next number.
    const second = await hotlineCase(null, '2026-12-03', '13600007777');
    const next = await actOk(monitor, second, 'linkHousehold', newHousehold([{ name: '覃小妹', idNumber: makeIdNumber(county.countyCode, '1990-01-01', 'female'), relation: 'head' }]));
    expect(BigInt(next.household.householdNumber)).toBe(BigInt(number) + 1n);
    // Now the home check runs on the registered members.
    await attach(mazhuang, `/api/cases/${caseId}/attachments`, 'consent');
    await actOk(mazhuang, caseId, 'recordVerification', { consentSigned: true, problems: noProblems });
  });

  it('the property check and the assessment refuse a household without members, with that reason', async () => {
    await setDay('2026-12-05');
    const family = await buildHousehold(ctx, { villageCode: county.villages[2]!.code });
    const caseId = await hotlineCase(family, '2026-12-04', '13600008888');
    await attach(mazhuang, `/api/cases/${caseId}/attachments`, 'consent');
    await actOk(mazhuang, caseId, 'recordVerification', { consentSigned: true, problems: noProblems });
    // The registry loses the members meanwhile (a data correction): nobody to search or assess.
    await ctx.pool.query(`DELETE FROM members WHERE household_id = $1`, [family.id]);
    const c = await caseOf(monitor, caseId);
    expect(c.propertyPreview).toMatchObject({ automatic: expect.any(Object) });
    const search = await act(monitor, caseId, 'recordPropertyCheck');
    expect(search.json()).toMatchObject({ code: 'WORKFLOW_REFUSED', reason: 'householdEmpty' });
    expect(search.json().params).toEqual({ event: 'recordPropertyCheck' });
    expect((await caseOf(monitor, caseId)).step).toBe('propertyCheck');
  });
});

describe('item 3: the county decision writes the verified facts to the registry', () => {
  it('health and labour found at the home check reach the members, dated the day of the decision and naming the case', async () => {
    await setDay('2026-12-05');
    const family = await buildHousehold(ctx, {
      villageCode: county.villages[2]!.code,
      members: [{ name: '黄德贵', relation: 'head', birthDate: '1966-03-01' }, { name: '韦美兰', relation: 'spouse', birthDate: '1969-05-05', sex: 'female' }, { name: '黄小宝', relation: 'son', birthDate: '2016-09-01' }],
    });
    const caseId = await hotlineCase(family, '2026-11-20', '13600009999');
    await attach(mazhuang, `/api/cases/${caseId}/attachments`, 'consent');
    const [headId, wifeId, sonId] = family.members.map((m) => m.id);
    const members = [
      { id: headId, name: '黄德贵', relation: 'head', birthDate: '1966-03-01', labourCapacity: 'none', health: 'serious', healthNote: '尿毒症透析', schooling: 'notInSchool' },
      { id: wifeId, name: '韦美兰', relation: 'spouse', birthDate: '1969-05-05', labourCapacity: 'full', health: 'healthy', schooling: 'notInSchool' },
      { id: sonId, name: '黄小宝', relation: 'son', birthDate: '2016-09-01', labourCapacity: 'notApplicable', health: 'healthy', schooling: 'compulsory' },
    ];
    await actOk(mazhuang, caseId, 'recordVerification', {
      consentSigned: true,
      members,
      incomes: [{ component: 'wage', amount: 9000, month: '2026-09' }],
      compliantOutOfPocket: [{ kind: 'medical', amount: 26000, month: '2026-10' }],
      problems: noProblems,
    }, '2026-11-21');
    await actOk(monitor, caseId, 'recordPropertyCheck', {}, '2026-11-22');
    await actOk(monitor, caseId, 'recordAssessment', {}, '2026-11-22');
    await actOk(mazhuang, caseId, 'recordDeliberation', { result: 'recommend', heldOn: '2026-11-23', attendees: 12, minutes: '同意推荐' }, '2026-11-23');
    await actOk(mazhuang, caseId, 'endNotice', {}, '2026-11-28');
    await actOk(township, caseId, 'townshipApprove', {}, '2026-11-29');
    // Before the decision the registry still says what it said.
    let household = (await api(monitor, 'GET', `/api/households/${family.id}`)).json();
    expect(household.members.find((m: { id: string }) => m.id === headId)).toMatchObject({ health: 'healthy', labourCapacity: 'full' });
    const decided = await actOk(monitor, caseId, 'countyDecide', { decision: 'approved', category: 'marginal', riskTypes: ['01'] }, '2026-11-30');
    expect(decided.decision).toMatchObject({ kind: 'approved', on: '2026-11-30' });
    household = (await api(monitor, 'GET', `/api/households/${family.id}`)).json();
    expect(household.members.find((m: { id: string }) => m.id === headId)).toMatchObject({ health: 'serious', labourCapacity: 'none' });
    expect(household.members.find((m: { id: string }) => m.id === sonId)).toMatchObject({ schooling: 'inSchool', labourCapacity: 'notApplicable' });
    expect(household.members.find((m: { id: string }) => m.id === wifeId)).toMatchObject({ health: 'healthy', labourCapacity: 'full' });
    const { rows } = await ctx.pool.query(
      `SELECT member_id AS "memberId", action, source, effective_on AS "effectiveOn", actor_name AS "actorName" FROM registry_history WHERE household_id = $1 AND source LIKE 'case:%' ORDER BY id`,
      [family.id],
    );
    const source = `case:${decided.caseNumber}`;
    expect(rows).toEqual([
      { memberId: null, action: 'monitoring.identified', source, effectiveOn: '2026-11-30', actorName: monitor.user.username },
      { memberId: headId, action: 'member.updated', source, effectiveOn: '2026-11-30', actorName: monitor.user.username },
      { memberId: sonId, action: 'member.updated', source, effectiveOn: '2026-11-30', actorName: monitor.user.username },
    ]);
    const history = (await api(monitor, 'GET', `/api/households/${family.id}/history`)).json();
    const headChange = history.items.find((h: { memberId: string | null; action: string }) => h.memberId === headId && h.action === 'member.updated');
    expect(headChange).toMatchObject({ source, effectiveOn: '2026-11-30' });
    expect(headChange.changes).toEqual(expect.arrayContaining([{ field: 'health', before: 'healthy', after: 'serious' }, { field: 'labourCapacity', before: 'full', after: 'none' }]));
    const { rows: audit } = await ctx.pool.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'member.updated' AND object_id = ANY($1::text[])`, [[headId, sonId]]);
    expect(audit[0].n).toBe(2);
  });
});

describe('item 4: the photos of a visit report go with it into the case', () => {
  it('a forwarded report’s photo is a file of the case, with where it came from, and opens for those who read the case', async () => {
    await setDay('2026-12-05');
    const family = await buildHousehold(ctx, { villageCode: county.villages[2]!.code });
    const report = await api(mazhuang, 'POST', '/api/visit-reports', { householdId: family.id, regionCode: county.villages[2]!.code, visitedOn: '2026-12-01', observed: '房屋漏雨，墙体开裂', riskTypes: ['10'] });
    expect(report.statusCode, report.body).toBe(201);
    const photo = await attach(mazhuang, `/api/visit-reports/${report.json().id}/attachments`, 'photo');
    // A leader reads cases, not visit reports: the photo is not theirs to open while it is only the report's…
    expect((await api(leader, 'GET', `/api/attachments/${photo.id}`)).statusCode).toBe(403);
    const forwarded = await api(township, 'POST', `/api/visit-reports/${report.json().id}/forward`, { note: '属实' });
    expect(forwarded.statusCode, forwarded.body).toBe(200);
    const c = await caseOf(monitor, forwarded.json().caseId);
    expect(c.attachments).toEqual([
      expect.objectContaining({ id: photo.id, purpose: 'photo', fileName: 'photo.png', origin: { kind: 'visit', visitReportId: report.json().id, visitedOn: '2026-12-01', visitorName: mazhuang.user.username } }),
    ]);
    const download = await api(monitor, 'GET', c.attachments[0].url);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('image/png');
    // …but once the report opened a case, the photo is a file of the case and opens for every case reader.
    const leaderView = await caseOf(leader, c.id);
    expect(leaderView.attachments.map((a: { id: string }) => a.id)).toEqual([photo.id]);
    expect((await api(leader, 'GET', leaderView.attachments[0].url)).statusCode).toBe(200);
    // A file added to the case itself carries no origin and lists after the photo.
    await attach(mazhuang, `/api/cases/${c.id}/attachments`, 'consent');
    const after = await caseOf(monitor, c.id);
    expect(after.attachments.map((a: { purpose: string; origin?: unknown }) => [a.purpose, a.origin === undefined])).toEqual([['photo', false], ['consent', true]]);
  });
});
