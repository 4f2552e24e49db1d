import { VisitReportSchema } from '@fangpin/domain';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCounty, buildHousehold, buildUserAndLogin, type BuiltHousehold, type TestCounty } from '../../../test/factories.ts';
import { createTestContext, setTestDay, type TestContext } from '../../../test/test-app.ts';

let ctx: TestContext;
let county: TestCounty;
let household: BuiltHousehold;
type Login = Awaited<ReturnType<typeof buildUserAndLogin>>;
let cadre: Login;
let township: Login;
let leader: Login;
let otherTownship: Login;

function api(who: Login | null, method: 'GET' | 'POST', url: string, payload?: object) {
  return ctx.app.inject({ method, url, ...(payload ? { payload } : {}), headers: who ? { cookie: who.cookie } : {} });
}

const report = (over: object = {}) => ({ householdId: household.id, regionCode: county.villages[0]!.code, visitedOn: '2026-11-09', observed: '家中老人摔伤卧床，无人照料', riskTypes: ['04'], ...over });

beforeAll(async () => {
  ctx = await createTestContext();
  county = await buildCounty(ctx.pool);
  household = await buildHousehold(ctx, { villageCode: county.villages[0]!.code });
  cadre = await buildUserAndLogin(ctx, { role: 'village-cadre', regionCode: county.villages[0]!.code });
  township = await buildUserAndLogin(ctx, { role: 'township-officer', regionCode: county.townships[0]!.code });
  leader = await buildUserAndLogin(ctx, { role: 'leader', regionCode: county.countyCode });
  otherTownship = await buildUserAndLogin(ctx, { role: 'township-officer', regionCode: county.townships[1]!.code });
  await setTestDay(ctx, '2026-11-10', [cadre.user.id, township.user.id, leader.user.id, otherTownship.user.id]);
});

describe('the visit-report contract (packages/domain/src/contracts/intake.ts)', () => {
  it('writes every field of a report the contract names, when filed, listed, forwarded and dismissed', async () => {
    const filed = await api(cadre, 'POST', '/api/visit-reports', report());
    expect(filed.statusCode, filed.body).toBe(201);
    const keys = Object.keys(VisitReportSchema.shape).sort();
    expect(Object.keys(filed.json()).sort()).toEqual(keys);
    expect(filed.json()).toMatchObject({ villageName: county.villages[0]!.name, householdNumber: household.householdNumber, headName: expect.any(String), reviewedBy: null });
    const list = await api(township, 'GET', '/api/visit-reports?status=submitted');
    expect(Object.keys(list.json().items[0]).sort()).toEqual(keys);
    const forwarded = await api(township, 'POST', `/api/visit-reports/${filed.json().id}/forward`, { note: '情况属实' });
    expect(forwarded.statusCode, forwarded.body).toBe(200);
    expect(Object.keys(forwarded.json()).sort()).toEqual(['caseId', 'clueId', 'report']);
    expect(forwarded.json().report).toMatchObject({ status: 'forwarded', reviewNote: '情况属实', reviewedAt: expect.any(String) });
    const second = await api(cadre, 'POST', '/api/visit-reports', report({ observed: '房屋漏雨' }));
    const dismissed = await api(township, 'POST', `/api/visit-reports/${second.json().id}/dismiss`, { note: '已由村里修缮' });
    expect(dismissed.statusCode, dismissed.body).toBe(200);
    expect(Object.keys(dismissed.json())).toEqual(['report']);
  });

  it('refuses a field the contract does not name (400 VALIDATION_FAILED)', async () => {
    const extra = await api(cadre, 'POST', '/api/visit-reports', report({ gps: '23.1,108.2' }));
    expect(extra.statusCode).toBe(400);
    expect(extra.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect((await api(township, 'GET', '/api/visit-reports?village=1')).statusCode).toBe(400);
    const filed = await api(cadre, 'POST', '/api/visit-reports', report({ observed: '无' }));
    expect((await api(township, 'POST', `/api/visit-reports/${filed.json().id}/dismiss`, { note: 'x', urgent: true })).statusCode).toBe(400);
  });
});

describe('visit-report refusals: 403 for a role that never acts, 404 out of region, 409 when already reviewed', () => {
  it('a leader may neither file nor read; a village cadre may not review', async () => {
    const filed = await api(leader, 'POST', '/api/visit-reports', report());
    expect(filed.statusCode).toBe(403);
    expect(filed.json()).toMatchObject({ code: 'FORBIDDEN', reason: 'visitRecordForbidden' });
    expect((await api(leader, 'GET', '/api/visit-reports')).json()).toMatchObject({ code: 'FORBIDDEN', reason: 'visitReadForbidden' });
    const own = await api(cadre, 'POST', '/api/visit-reports', report({ observed: '低保到期未续' }));
    for (const action of ['forward', 'dismiss']) {
      const r = await api(cadre, 'POST', `/api/visit-reports/${own.json().id}/${action}`, { note: '自己审核' });
      expect(r.statusCode).toBe(403);
      expect(r.json()).toMatchObject({ code: 'FORBIDDEN', reason: 'visitReviewForbidden' });
    }
  });

  it('another township: 404; reviewed twice: 409 visitAlreadyReviewed; a clientId of another region: 409 clientIdTaken', async () => {
    const filed = await api(cadre, 'POST', '/api/visit-reports', report({ clientId: 'intake-test-0001', observed: '家中失火' }));
    const elsewhere = await api(otherTownship, 'POST', `/api/visit-reports/${filed.json().id}/forward`, {});
    expect(elsewhere.statusCode).toBe(404);
    expect(elsewhere.json()).toMatchObject({ code: 'NOT_FOUND', reason: 'notFound' });
    expect((await api(township, 'POST', `/api/visit-reports/${filed.json().id}/forward`, {})).statusCode).toBe(200);
    const again = await api(township, 'POST', `/api/visit-reports/${filed.json().id}/dismiss`, { note: '重复' });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'CONFLICT', reason: 'visitAlreadyReviewed' });
    const taken = await api(otherTownship, 'POST', '/api/visit-reports', report({ clientId: 'intake-test-0001', regionCode: county.villages[2]!.code, householdId: null }));
    expect(taken.statusCode).toBe(409);
    expect(taken.json()).toMatchObject({ code: 'CONFLICT', reason: 'clientIdTaken', field: 'clientId' });
  });

  it('two reviewers at once: one forwards, the other is told it was already reviewed (409), and one clue is opened', async () => {
    const filed = await api(cadre, 'POST', '/api/visit-reports', report({ observed: '突发疾病住院' }));
    const centre = await buildUserAndLogin(ctx, { role: 'county-monitor', regionCode: county.countyCode });
    await setTestDay(ctx, '2026-11-10', [centre.user.id]);
    const answers = await Promise.all([
      api(township, 'POST', `/api/visit-reports/${filed.json().id}/forward`, {}),
      api(centre, 'POST', `/api/visit-reports/${filed.json().id}/dismiss`, { note: '不需要' }),
    ]);
    expect(answers.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect(answers.find((r) => r.statusCode === 409)!.json()).toMatchObject({ reason: 'visitAlreadyReviewed' });
    const { rows } = await ctx.pool.query(`SELECT count(*)::int AS n FROM clues c JOIN visit_reports v ON v.clue_id = c.id WHERE v.id = $1`, [filed.json().id]);
    expect(rows[0].n).toBe(answers[0].statusCode === 200 ? 1 : 0);
  });
});

