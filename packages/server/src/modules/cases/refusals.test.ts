import { CASE_EVENT_TYPES } from '@fangpin/domain';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCase, buildCounty, buildUserAndLogin, type TestCounty } from '../../../test/factories.ts';
import { createTestContext, type TestContext } from '../../../test/test-app.ts';

/**
 * One refusal of each kind when a case event is posted (issue 12): a role that never acts on cases
 * 403, a case outside the actor's region 404, a stale version 409, a move the procedure refuses 422.
 * Each test builds its own case.
 */
let ctx: TestContext;
let county: TestCounty;

beforeAll(async () => {
  ctx = await createTestContext();
  county = await buildCounty(ctx.pool);
});

const post = (cookie: string, caseId: string, body: object) => ctx.app.inject({ method: 'POST', url: `/api/cases/${caseId}/events`, payload: body, headers: { cookie } });

describe('refusals of a case event', () => {
  it('403 FORBIDDEN: a leader (who reads cases) posting any event, whatever the step; nothing changes', async () => {
    const c = await buildCase(ctx, county, { step: 'homeVerification' });
    const leader = await buildUserAndLogin(ctx, { role: 'leader', regionCode: county.countyCode });
    // A well-formed body for every event (those whose data is required get the least they need).
    const data: Partial<Record<(typeof CASE_EVENT_TYPES)[number], object>> = {
      linkHousehold: { householdId: c.householdId },
      recordVerification: { consentSigned: true },
      recordDeliberation: { result: 'recommend', heldOn: c.lastDay, attendees: 9, minutes: '同意' },
      countyDecide: { decision: 'approved', category: 'unstable', riskTypes: ['01'] },
      recordCallback: { result: '无异议', objection: false },
      recordAssistance: { measure: '临时救助 2000 元', on: c.lastDay },
    };
    for (const type of CASE_EVENT_TYPES) {
      const r = await post(leader.cookie, c.id, { type, version: c.version, ...(data[type] ? { data: data[type] } : {}) });
      expect(r.json(), type).toMatchObject({ status: 403, code: 'FORBIDDEN', reason: 'mayNotActOnCases' });
    }
    const { rows } = await ctx.pool.query(`SELECT step, version FROM cases WHERE id = $1`, [c.id]);
    expect(rows[0]).toEqual({ step: 'homeVerification', version: c.version });
  });

  it('403 FORBIDDEN also for a helping cadre and a department clerk (who do not read cases)', async () => {
    const c = await buildCase(ctx, county, { step: 'clueRegistered' });
    for (const role of ['helping-cadre', 'department'] as const) {
      const who = await buildUserAndLogin(ctx, { role, regionCode: county.countyCode });
      expect((await post(who.cookie, c.id, { type: 'startVerification', version: c.version })).json(), role).toMatchObject({ status: 403, code: 'FORBIDDEN' });
    }
  });

  it("404 NOT_FOUND: a village cadre of another village acting on this village's case", async () => {
    const c = await buildCase(ctx, county, { step: 'homeVerification', villageIndex: 0 });
    const elsewhere = await buildUserAndLogin(ctx, { role: 'village-cadre', regionCode: county.villages[2]!.code });
    const r = await post(elsewhere.cookie, c.id, { type: 'screenOut', version: c.version, data: { reason: '家庭收入稳定' } });
    expect(r.json()).toMatchObject({ status: 404, code: 'NOT_FOUND', reason: 'caseNotFound' });
  });

  it('409 CONFLICT: an event sent with the version before the last step, with the current version', async () => {
    const c = await buildCase(ctx, county, { step: 'propertyCheck' });
    const monitor = await buildUserAndLogin(ctx, { role: 'county-monitor', regionCode: county.countyCode });
    const r = await post(monitor.cookie, c.id, { type: 'recordPropertyCheck', version: c.version - 1 });
    expect(r.json()).toMatchObject({ status: 409, code: 'CONFLICT', reason: 'staleVersion', params: { currentVersion: c.version }, currentVersion: c.version });
  });

  it('422 WORKFLOW_REFUSED: a village cadre (who acts in cases) deciding for the county; the reason and its step', async () => {
    const c = await buildCase(ctx, county, { step: 'countyApproval' });
    const cadre = await buildUserAndLogin(ctx, { role: 'village-cadre', regionCode: county.villages[0]!.code });
    const r = await post(cadre.cookie, c.id, { type: 'countyDecide', version: c.version, data: { decision: 'approved', category: 'unstable', riskTypes: ['01'] } });
    expect(r.json()).toMatchObject({ status: 422, code: 'WORKFLOW_REFUSED', reason: 'roleNotAllowed', params: { step: '县级审定', role: 'village-cadre' } });
  });

  it('400 VALIDATION_FAILED: an unknown field in the body or in the data of its type', async () => {
    const c = await buildCase(ctx, county, { step: 'homeVerification' });
    const monitor = await buildUserAndLogin(ctx, { role: 'county-monitor', regionCode: county.countyCode });
    expect((await post(monitor.cookie, c.id, { type: 'screenOut', version: c.version, data: { reason: 'x' }, urgent: true })).json()).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
    expect((await post(monitor.cookie, c.id, { type: 'screenOut', version: c.version, data: { reason: 'x', note: 'y' } })).json()).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
  });
});
