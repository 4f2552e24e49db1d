import crypto from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { TODO_GROUP_SIZE } from '@fangpin/domain';
import { buildCase, buildCounty, buildHousehold, buildUserAndLogin, buildWarning, PNG, type BuiltHousehold, type TestCounty } from '../../../test/factories.ts';
import { dispatchHotlineCall, testSessions, type Login } from '../../../test/sessions.ts';
import { approveHousehold } from '../../../test/monitoring-fixtures.ts';
import { createTestContext, type TestContext } from '../../../test/test-app.ts';

// Issue 15 slice 1: the field app's outbox. Each test builds its own households in one test county.

let ctx: TestContext;
let county: TestCounty;
let monitor: Login;
let mazhuang: Login;
let baile: Login;

const noProblems = { compulsoryEducation: false, basicMedical: false, housingSafety: false, drinkingWater: false };
const { api, attach } = testSessions(() => ctx);

/** A dispatched hotline call about `household` in 马庄村, made on 2026-12-01. */
const hotlineCase = (household: BuiltHousehold, phone: string) => dispatchHotlineCall(api, monitor, { regionCode: county.villages[2]!.code, householdId: household.id, calledOn: '2026-12-01', phone });

/** What the database holds about a case and a visit report's client id: the things a replay must not change. */
async function footprint(caseId: string, visitClientId: string) {
  const { rows } = await ctx.pool.query(
    `SELECT (SELECT version FROM cases WHERE id = $1) AS version, (SELECT step FROM cases WHERE id = $1) AS step,
       (SELECT count(*)::int FROM case_events WHERE case_id = $1) AS events,
       (SELECT count(*)::int FROM attachments WHERE owner_id = $1) AS "caseFiles",
       (SELECT count(*)::int FROM visit_reports WHERE client_id = $2) AS visits,
       (SELECT count(*)::int FROM attachments a JOIN visit_reports v ON v.id = a.owner_id WHERE v.client_id = $2) AS "visitFiles",
       (SELECT count(*)::int FROM field_actions) AS actions`,
    [caseId, visitClientId],
  );
  return rows[0];
}

function verificationAction(caseId: string, expected: { step: string; version: number }, extra: object = {}) {
  return {
    clientId: crypto.randomUUID(),
    kind: 'caseEvent',
    caseId,
    expected,
    event: { type: 'recordVerification', occurredOn: '2026-12-04', data: { consentSigned: true, incomes: [{ component: 'wage', amount: 9000, month: '2026-10' }], problems: noProblems } },
    attachments: [{ purpose: 'consent', fileName: '授权书.png', contentBase64: PNG.toString('base64') }],
    ...extra,
  };
}

beforeAll(async () => {
  ctx = await createTestContext();
  ctx.clock.now = new Date('2026-12-05T02:00:00Z');
  county = await buildCounty(ctx.pool);
  monitor = await buildUserAndLogin(ctx, { role: 'county-monitor', regionCode: county.countyCode });
  mazhuang = await buildUserAndLogin(ctx, { role: 'village-cadre', regionCode: county.villages[2]!.code });
  baile = await buildUserAndLogin(ctx, { role: 'village-cadre', regionCode: county.villages[3]!.code });
});

describe('GET /api/field/snapshot', () => {
  it("holds the cadre's village, her cases at the home check with their rule set, warnings to verify, and households with masked ID numbers only", async () => {
    const family = await buildHousehold(ctx, { villageCode: county.villages[2]!.code });
    const caseId = await hotlineCase(family, '13600005555');
    await buildWarning(ctx.pool, { household: family, status: 'dispatched' });
    const other = await buildHousehold(ctx, { villageCode: county.villages[3]!.code });
    const r = await api(mazhuang, 'GET', '/api/field/snapshot');
    expect(r.statusCode, r.body).toBe(200);
    const s = r.json();
    expect(s.villages.map((v: { code: string }) => v.code)).toEqual([county.villages[2]!.code]);
    const c = s.cases.find((x: { id: string }) => x.id === caseId);
    expect(c).toMatchObject({ step: 'homeVerification', version: expect.any(Number), ruleSet: { version: expect.any(String) } });
    expect(s.warnings.some((w: { householdId: string }) => w.householdId === family.id)).toBe(true);
    const h = s.households.find((x: { id: string }) => x.id === family.id);
    expect(h.members[0].idMasked).toMatch(/\*/);
    expect(s.households.some((x: { id: string }) => x.id === other.id)).toBe(false);
    for (const m of family.members) expect(r.body).not.toContain(m.idNumber);
    expect(s.riskTypes).toContainEqual({ code: '01', zh: '因病', en: 'illness' });
  });

  it('holds every case at the home check up to its own limit, not only the few the to-do lists of each group', async () => {
    // A village of its own with more cases due the same day than a to-do group lists.
    const own = await buildCounty(ctx.pool);
    const cadre = await buildUserAndLogin(ctx, { role: 'village-cadre', regionCode: own.villages[2]!.code });
    const ids: string[] = [];
    for (let i = 0; i < TODO_GROUP_SIZE + 3; i++) ids.push((await buildCase(ctx, own, { step: 'homeVerification', clueDate: '2026-12-01', villageIndex: 2 })).id);
    const s = (await api(cadre, 'GET', '/api/field/snapshot')).json();
    expect(s.cases.map((c: { id: string }) => c.id).sort()).toEqual([...ids].sort());
  });

  it('holds, for a helping cadre, only the households they help now: not the rest of their township', async () => {
    const cadre = await buildUserAndLogin(ctx, { role: 'helping-cadre', regionCode: county.townships[1]!.code });
    const township = await buildUserAndLogin(ctx, { role: 'township-officer', regionCode: county.townships[1]!.code });
    const helped = await buildHousehold(ctx, { villageCode: county.villages[3]!.code });
    const neighbour = await buildHousehold(ctx, { villageCode: county.villages[3]!.code });
    await approveHousehold(ctx, api, monitor, helped, { clueDate: '2026-11-02', approvedOn: '2026-11-20', category: 'unstable', riskTypes: ['01'] });
    await approveHousehold(ctx, api, monitor, neighbour, { clueDate: '2026-11-02', approvedOn: '2026-11-20', category: 'unstable', riskTypes: ['01'] });
    const assigned = await api(township, 'POST', `/api/households/${helped.id}/helpers`, { kind: 'cadre', userId: cadre.user.id, assignedOn: '2026-11-23' });
    expect(assigned.statusCode, assigned.body).toBe(201);
    const r = await api(cadre, 'GET', '/api/field/snapshot');
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().households.map((h: { id: string }) => h.id)).toEqual([helped.id]);
    expect(r.body).not.toContain(neighbour.householdNumber);
  });
});

describe('POST /api/field/actions', () => {
  it('replaying the same outbox twice changes nothing: the same answers, no second record, no second file', async () => {
    const family = await buildHousehold(ctx, { villageCode: county.villages[2]!.code });
    const neighbour = await buildHousehold(ctx, { villageCode: county.villages[2]!.code });
    const caseId = await hotlineCase(family, '13600006666');
    const seen = (await api(mazhuang, 'GET', `/api/cases/${caseId}`)).json();
    const visit = {
      clientId: crypto.randomUUID(),
      kind: 'visitReport',
      visit: { householdId: neighbour.id, regionCode: county.villages[2]!.code, visitedOn: '2026-12-04', observed: '屋顶漏雨，老人独居', riskTypes: ['10'] },
      attachments: [{ purpose: 'photo', fileName: '屋顶.png', contentBase64: PNG.toString('base64') }],
    };
    const outbox = [visit, verificationAction(caseId, { step: seen.step, version: seen.version })];
    const first = [];
    for (const action of outbox) {
      const r = await api(mazhuang, 'POST', '/api/field/actions', action);
      expect(r.statusCode, r.body).toBe(201);
      expect(r.json()).toMatchObject({ clientId: action.clientId, status: 'applied', replayed: false });
      first.push(r.json().result);
    }
    expect(first[1]).toMatchObject({ kind: 'caseEvent', caseId, step: 'propertyCheck', version: seen.version + 1, attachmentIds: [expect.any(String)] });
    const after = await footprint(caseId, visit.clientId);
    expect(after).toMatchObject({ visits: 1, visitFiles: 1, caseFiles: 1, step: 'propertyCheck' });

    for (let round = 0; round < 2; round++) {
      for (const [i, action] of outbox.entries()) {
        const r = await api(mazhuang, 'POST', '/api/field/actions', action);
        expect(r.statusCode, r.body).toBe(200);
        expect(r.json()).toMatchObject({ replayed: true, result: first[i] });
      }
    }
    expect(await footprint(caseId, visit.clientId)).toEqual(after);
    // The county sees the report once, with its photo.
    const reports = (await api(monitor, 'GET', '/api/visit-reports?pageSize=500')).json().items.filter((v: { householdId: string }) => v.householdId === neighbour.id);
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject({ clientId: visit.clientId, observed: '屋顶漏雨，老人独居', attachments: [{ purpose: 'photo' }] });
  });

  it('an action on a case that moved on is refused with caseMovedOn and the case as it is now; nothing is applied, the same action re-sent later is still refused', async () => {
    const family = await buildHousehold(ctx, { villageCode: county.villages[2]!.code });
    const caseId = await hotlineCase(family, '13600007777');
    const seen = (await api(mazhuang, 'GET', `/api/cases/${caseId}`)).json();
    // While the cadre is offline, the county withdraws the case.
    const withdrawn = await api(monitor, 'POST', `/api/cases/${caseId}/events`, { type: 'withdraw', version: seen.version, data: { reason: '群众已外出务工，不再申请' } });
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    const before = await footprint(caseId, 'none');
    const action = verificationAction(caseId, { step: seen.step, version: seen.version });
    const r = await api(mazhuang, 'POST', '/api/field/actions', action);
    expect(r.statusCode, r.body).toBe(409);
    expect(r.headers['content-type']).toContain('application/problem+json');
    expect(r.json()).toMatchObject({
      code: 'CONFLICT',
      reason: 'caseMovedOn',
      expected: { step: 'homeVerification', version: seen.version },
      current: { step: 'withdrawn', version: seen.version + 1, lastEvent: { type: 'withdraw', typeZh: '撤回', reason: '群众已外出务工，不再申请' } },
    });
    expect(await footprint(caseId, 'none')).toEqual(before);
    expect((await api(mazhuang, 'POST', '/api/field/actions', action)).statusCode).toBe(409);
  });

  it('an out-of-order action (the one queued before it on the case has not arrived) is refused with outOfOrder and nothing is applied; in order, both arrive', async () => {
    const family = await buildHousehold(ctx, { villageCode: county.villages[2]!.code });
    const caseId = await hotlineCase(family, '13600008888');
    const seen = (await api(mazhuang, 'GET', `/api/cases/${caseId}`)).json();
    const earlier = verificationAction(caseId, { step: seen.step, version: seen.version });
    const before = await footprint(caseId, 'none');
    const later = { ...verificationAction(caseId, { step: 'homeVerification', version: seen.version }), after: earlier.clientId };
    const refused = await api(mazhuang, 'POST', '/api/field/actions', later);
    expect(refused.statusCode, refused.body).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'CONFLICT', reason: 'outOfOrder', after: earlier.clientId });
    expect(await footprint(caseId, 'none')).toEqual(before);
    expect((await api(mazhuang, 'POST', '/api/field/actions', earlier)).statusCode).toBe(201);
    // Now `later` is in order but stale: the case is past the home check, so it is refused as moved on.
    const stale = await api(mazhuang, 'POST', '/api/field/actions', later);
    expect(stale.statusCode, stale.body).toBe(409);
    expect(stale.json()).toMatchObject({ reason: 'caseMovedOn', current: { step: 'propertyCheck' } });
  });

  it('a refused step (a consent photo missing) stores nothing, and the same client id goes through once fixed', async () => {
    const family = await buildHousehold(ctx, { villageCode: county.villages[2]!.code });
    const caseId = await hotlineCase(family, '13600009999');
    const seen = (await api(mazhuang, 'GET', `/api/cases/${caseId}`)).json();
    const action = verificationAction(caseId, { step: seen.step, version: seen.version });
    const before = await footprint(caseId, 'none');
    const refused = await api(mazhuang, 'POST', '/api/field/actions', { ...action, attachments: [] });
    expect(refused.statusCode, refused.body).toBe(422);
    expect(refused.json()).toMatchObject({ code: 'WORKFLOW_REFUSED', reason: 'consentMissing' });
    expect(await footprint(caseId, 'none')).toEqual(before);
    const junk = await api(mazhuang, 'POST', '/api/field/actions', { ...action, attachments: [{ purpose: 'consent', fileName: 'x.png', contentBase64: Buffer.from('not a photo').toString('base64') }] });
    expect(junk.statusCode, junk.body).toBe(400);
    expect(junk.json()).toMatchObject({ field: 'attachments.0.contentBase64' });
    expect((await api(mazhuang, 'POST', '/api/field/actions', action)).statusCode).toBe(201);
  });

  it("a home verification with spending and declared assets is stored as the web's form stores it, and the assessment after the property check counts them", async () => {
    // The same answers recorded for two families: one from the phone's outbox, one through the web's form (POST /cases/:id/events).
    const data = {
      consentSigned: true,
      incomes: [{ component: 'wage', amount: 30000, month: '2026-10' }],
      compliantOutOfPocket: [{ kind: 'medical', amount: 26000, month: '2026-03' }],
      rigidSpending: [{ kind: 'funeral', amount: 3000, month: '2026-05' }],
      assets: { vehicles: [{ kind: 'van', description: '二手面包车' }], businessLicences: [], urbanCommercialHousing: [{ description: '县城 90 平方米' }], hiresLabour: false, largeScaleFarming: true },
      problems: noProblems,
      notes: '入户核实：有面包车一辆',
    };
    const phoneCase = await hotlineCase(await buildHousehold(ctx, { villageCode: county.villages[2]!.code }), '13600002222');
    const webCase = await hotlineCase(await buildHousehold(ctx, { villageCode: county.villages[2]!.code }), '13600003333');
    const seen = (await api(mazhuang, 'GET', `/api/cases/${phoneCase}`)).json();
    const action = { ...verificationAction(phoneCase, { step: seen.step, version: seen.version }), event: { type: 'recordVerification', occurredOn: '2026-12-04', data } };
    const sent = await api(mazhuang, 'POST', '/api/field/actions', action);
    expect(sent.statusCode, sent.body).toBe(201);
    await attach(mazhuang, `/api/cases/${webCase}/attachments`, 'consent');
    const webSeen = (await api(mazhuang, 'GET', `/api/cases/${webCase}`)).json();
    const byWeb = await api(mazhuang, 'POST', `/api/cases/${webCase}/events`, { type: 'recordVerification', version: webSeen.version, occurredOn: '2026-12-04', data });
    expect(byWeb.statusCode, byWeb.body).toBe(200);

    const [fromPhone, fromWeb] = [(await api(monitor, 'GET', `/api/cases/${phoneCase}`)).json(), (await api(monitor, 'GET', `/api/cases/${webCase}`)).json()];
    expect(fromPhone.step).toBe('propertyCheck');
    expect(fromPhone.facts.verification).toMatchObject({ compliantOutOfPocket: data.compliantOutOfPocket, rigidSpending: data.rigidSpending, assets: data.assets });
    expect(fromPhone.facts.verification).toEqual(fromWeb.facts.verification);
    const recorded = (c: { timeline: { type: string; data: unknown }[] }) => c.timeline.find((e) => e.type === 'recordVerification')?.data;
    expect(recorded(fromPhone)).toEqual(recorded(fromWeb));

    // The county's property check merges the declared assets with the asset sources; the assessment then counts the spending.
    const checked = await api(monitor, 'POST', `/api/cases/${phoneCase}/events`, { type: 'recordPropertyCheck', version: fromPhone.version, occurredOn: '2026-12-05', data: {} });
    expect(checked.statusCode, checked.body).toBe(200);
    const atAssessment = (await api(monitor, 'GET', `/api/cases/${phoneCase}`)).json();
    expect(atAssessment.step).toBe('systemAssessment');
    expect(atAssessment.facts.property.merged).toMatchObject({ vehicles: [{ kind: 'van' }], largeScaleFarming: true });
    const rigid = atAssessment.assessment.reasons.find((r: { code: string }) => r.code === 'rigidSpending');
    expect(rigid.numbers).toMatchObject({ compliantOutOfPocket: 26000, otherRigidSpending: 3000, rigidSpendingTotal: 29000 });
    expect(atAssessment.assessment.reasons.map((r: { code: string }) => r.code)).toContain('medicalSpendingAboveThreshold');
    expect(atAssessment.assessment.redFlags.map((f: { code: string }) => f.code)).toEqual(['vehicle', 'urbanCommercialHousing', 'largeScaleFarming']);
  });

  it("another user's client id is not theirs: refused, and a case out of the region is not found", async () => {
    const family = await buildHousehold(ctx, { villageCode: county.villages[2]!.code });
    const caseId = await hotlineCase(family, '13600001111');
    const seen = (await api(mazhuang, 'GET', `/api/cases/${caseId}`)).json();
    const action = verificationAction(caseId, { step: seen.step, version: seen.version });
    expect((await api(baile, 'POST', '/api/field/actions', action)).statusCode).toBe(404);
    expect((await api(mazhuang, 'POST', '/api/field/actions', action)).statusCode).toBe(201);
    const taken = await api(baile, 'POST', '/api/field/actions', action);
    expect(taken.statusCode).toBe(409);
    expect(taken.json()).toMatchObject({ reason: 'clientIdTaken' });
  });
});
