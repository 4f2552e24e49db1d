import { beforeAll, describe, expect, it } from 'vitest';
import { buildCounty, buildHousehold, buildUserAndLogin, buildWarning, type BuiltHousehold, type TestCounty } from '../../../test/factories.ts';
import { createTestContext, type TestContext, setTestDay } from '../../../test/test-app.ts';

// Issue 13 item 7: gaps found while driving the identification API. A warning's verification is
// dated the day it really happened (occurredOn), the clue and its 15-day clock start there; the
// warning and the clue carry their case; cases filter by household.

let ctx: TestContext;
let county: TestCounty;
type Login = { cookie: string; user: { id: string; username: string } };
let monitor: Login;
let baile: Login;
let household: BuiltHousehold;
let other: BuiltHousehold;

async function api(who: Login, method: 'GET' | 'POST', url: string, payload?: unknown) {
  return ctx.app.inject({ method, url, ...(payload !== undefined ? { payload: payload as object } : {}), headers: { cookie: who.cookie } });
}

/** Moves the app's clock to 10:00 China time on `day`, keeping the test's sessions alive. */
function setDay(day: string): Promise<void> {
  return setTestDay(ctx, day, [monitor.user.id, baile.user.id]);
}

beforeAll(async () => {
  ctx = await createTestContext();
  county = await buildCounty(ctx.pool);
  monitor = await buildUserAndLogin(ctx, { role: 'county-monitor', regionCode: county.countyCode });
  baile = await buildUserAndLogin(ctx, { role: 'village-cadre', regionCode: county.villages[3]!.code });
  household = await buildHousehold(ctx, { villageCode: county.villages[3]!.code });
  other = await buildHousehold(ctx, { villageCode: county.villages[3]!.code });
  await setDay('2026-11-30');
});

describe('a warning verified days late', () => {
  it('dates the verification, the clue and the 15-day clock from occurredOn', async () => {
    const w = await buildWarning(ctx.pool, { household, status: 'dispatched', raisedAt: new Date('2026-11-18T03:00:00Z') });
    const r = await api(baile, 'POST', '/api/warnings/transition', { ids: [w.id], to: 'riskConfirmed', reason: '入户核实：住院自付高', occurredOn: '2026-11-20' });
    expect(r.statusCode, r.body).toBe(200);
    const [result] = r.json().results;
    expect(result).toMatchObject({ id: w.id, ok: true });
    const detail = (await api(monitor, 'GET', `/api/cases/${result.caseId}`)).json();
    expect(detail.clueDate).toBe('2026-11-20');
    // 15 calendar days from the real day (Guangxi default), not from the day it was typed in.
    expect(detail.dueOn).toBe('2026-12-05');
    expect(detail.timeline[0]).toMatchObject({ type: 'registerClue', onDate: '2026-11-20' });
    // The case's source warning says the day of the home check, not the day it was typed in.
    expect(detail.warning).toMatchObject({ id: w.id, verifiedOn: '2026-11-20' });

    const warnings = (await api(monitor, 'GET', `/api/warnings?householdId=${household.id}`)).json().items;
    expect(warnings.find((x: { id: string }) => x.id === w.id)).toMatchObject({ status: 'riskConfirmed', verifiedOn: '2026-11-20', caseId: result.caseId, caseNumber: result.caseNumber });

    const clues = (await api(monitor, 'GET', '/api/clues?channel=warning')).json().items;
    expect(clues.find((c: { id: string }) => c.id === result.clueId)).toMatchObject({ warningId: w.id, caseId: result.caseId, caseNumber: result.caseNumber, clueDate: '2026-11-20' });

    const { rows } = await ctx.pool.query(`SELECT after FROM audit_log WHERE action = 'warning.riskConfirmed' AND object_id = $1`, [w.id]);
    expect(JSON.stringify(rows)).toContain('2026-11-20');
  });

  it('defaults to today', async () => {
    // Another household: \`household\`'s case from the test above is still running, and a second clue would join it.
    const fresh = await buildHousehold(ctx, { villageCode: county.villages[3]!.code });
    const w = await buildWarning(ctx.pool, { household: fresh, status: 'dispatched', raisedAt: new Date('2026-11-18T03:00:00Z') });
    const [result] = (await api(baile, 'POST', '/api/warnings/transition', { ids: [w.id], to: 'riskConfirmed', reason: '核实有风险' })).json().results;
    expect((await api(monitor, 'GET', `/api/cases/${result.caseId}`)).json()).toMatchObject({ clueDate: '2026-11-30', dueOn: '2026-12-15' });
  });

  it('refuses a day in the future (400) and, per warning, a day before the warning was raised', async () => {
    const w = await buildWarning(ctx.pool, { household, status: 'dispatched', raisedAt: new Date('2026-11-25T03:00:00Z') });
    const future = await api(baile, 'POST', '/api/warnings/transition', { ids: [w.id], to: 'noRisk', reason: '无风险', occurredOn: '2026-12-01' });
    expect(future.statusCode).toBe(400);
    expect(future.body).toContain('occurredOn');

    const early = await buildWarning(ctx.pool, { household: other, status: 'dispatched', raisedAt: new Date('2026-11-10T03:00:00Z') });
    const r = await api(baile, 'POST', '/api/warnings/transition', { ids: [w.id, early.id], to: 'noRisk', reason: '无风险', occurredOn: '2026-11-24' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().results).toEqual([
      { id: w.id, ok: false, reason: 'beforeWarning' },
      { id: early.id, ok: true },
    ]);
    const { rows } = await ctx.pool.query(`SELECT id, status, verified_on::text AS "verifiedOn" FROM warnings WHERE id = ANY($1::uuid[]) ORDER BY status`, [[w.id, early.id]]);
    expect(rows).toEqual(expect.arrayContaining([{ id: w.id, status: 'dispatched', verifiedOn: null }, { id: early.id, status: 'noRisk', verifiedOn: '2026-11-24' }]));
  });
});

describe('cases of one household', () => {
  it('GET /api/cases?householdId= lists only that household', async () => {
    const w = await buildWarning(ctx.pool, { household: other, status: 'dispatched', raisedAt: new Date('2026-11-18T03:00:00Z') });
    const [opened] = (await api(baile, 'POST', '/api/warnings/transition', { ids: [w.id], to: 'riskConfirmed', reason: '核实有风险' })).json().results;
    const mine = (await api(monitor, 'GET', `/api/cases?householdId=${other.id}&status=all`)).json();
    expect(mine.items.map((c: { id: string }) => c.id)).toEqual([opened.caseId]);
    expect(mine.total).toBe(1);
    const theirs = (await api(monitor, 'GET', `/api/cases?householdId=${household.id}&status=all`)).json();
    expect(theirs.items.length).toBe(1);
    expect(theirs.items.every((c: { householdId: string }) => c.householdId === household.id)).toBe(true);
    expect((await api(monitor, 'GET', '/api/cases?householdId=not-a-uuid')).statusCode).toBe(400);
  });
});
