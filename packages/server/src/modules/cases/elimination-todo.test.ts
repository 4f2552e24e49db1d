import { beforeAll, describe, expect, it } from 'vitest';
import { buildCounty, buildHousehold, type BuiltHousehold, type TestCounty } from '../../../test/factories.ts';
import { approveHousehold, monitoringPeople } from '../../../test/monitoring-fixtures.ts';
import { testSessions, type Login } from '../../../test/sessions.ts';
import { createTestContext, type TestContext } from '../../../test/test-app.ts';

/**
 * A running risk elimination (风险消除) reaches 待办 (`GET /api/cases/todo`) like an identification
 * case: counted, listed, in the badge's count, for the roles that act in its current step and only
 * in their region (issue 13: found while playing 阿文's journey — a proposal waited for the village
 * with nothing telling it so).
 */
let ctx: TestContext;
let county: TestCounty;
let monitor: Login;
let leader: Login;
let township: Login;
let otherTownship: Login;
let baile: Login;
let mazhuang: Login;
let awen: BuiltHousehold;
let eliminationId = '';

const { login, setDay, api } = testSessions(() => ctx);

type Todo = { count: number; total: number; eliminationsTotal: number; eliminations: { id: string; caseNumber: string; householdId: string; headName: string | null; villageName: string | null; step: string; proposedOn: string; stepDueOn: string | null }[] };

async function todoOf(who: Login): Promise<Todo> {
  const r = await api(who, 'GET', '/api/cases/todo');
  expect(r.statusCode, r.body).toBe(200);
  return r.json<Todo>();
}

async function step(who: Login, type: string, occurredOn: string, data?: object) {
  const { version } = (await api(monitor, 'GET', `/api/eliminations/${eliminationId}`)).json<{ version: number }>();
  const r = await api(who, 'POST', `/api/eliminations/${eliminationId}/events`, { type, version, occurredOn, ...(data ? { data } : {}) });
  expect(r.statusCode, r.body).toBe(200);
}

beforeAll(async () => {
  ctx = await createTestContext();
  county = await buildCounty(ctx.pool);
  ({ monitor, leader, township, otherTownship, baile, mazhuang } = await monitoringPeople(login, county, ['monitor', 'leader', 'township', 'otherTownship', 'baile', 'mazhuang']));
  awen = await buildHousehold(ctx, { villageCode: county.villages[3]!.code, type: 'formerlyPoor', members: [{ name: '韦阿文', relation: 'head' }, { name: '韦阿母', relation: 'spouse', sex: 'female' }] });
  await setDay('2026-03-01');
  await approveHousehold(ctx, api, monitor, awen, { clueDate: '2026-01-10', approvedOn: '2026-01-20', category: 'unstable', riskTypes: ['01'] });
  const measure = await api(monitor, 'POST', `/api/households/${awen.id}/measures`, { riskType: '01', category: 'health', measure: '医疗报销比例提高 8 个百分点', startOn: '2026-02-10', status: 'delivered' });
  expect(measure.statusCode, measure.body).toBe(201);
  await setDay('2026-08-20');
  const check = await api(monitor, 'GET', `/api/households/${awen.id}/elimination-check`);
  const line = check.json<{ monitoringLine: number }>().monitoringLine;
  await ctx.pool.query(`UPDATE household_monitoring SET per_capita_income = $2 WHERE household_id = $1`, [awen.id, line + 2000]);
}, 120_000);

describe('risk eliminations in 待办', () => {
  it('a proposal waits for those who dispatch it (village, township, county), in their region only', async () => {
    const before = await todoOf(baile);
    expect(before).toMatchObject({ eliminationsTotal: 0, eliminations: [] });
    const created = await api(baile, 'POST', `/api/households/${awen.id}/eliminations`, { mode: 'assisted', reason: '收入稳定超过监测线', occurredOn: '2026-08-10' });
    expect(created.statusCode, created.body).toBe(201);
    eliminationId = created.json<{ id: string }>().id;

    for (const who of [baile, township, monitor]) {
      const todo = await todoOf(who);
      expect(todo.eliminationsTotal).toBe(1);
      expect(todo.eliminations).toEqual([
        expect.objectContaining({ id: eliminationId, householdId: awen.id, headName: '韦阿文', villageName: '百乐村', step: 'proposed', proposedOn: '2026-08-10' }),
      ]);
    }
    // The badge counts it.
    expect((await todoOf(baile)).count).toBe(before.count + 1);
    // Another township, another village of the same township, and the leader (who only reads): nothing.
    for (const who of [otherTownship, mazhuang, leader]) expect(await todoOf(who)).toMatchObject({ eliminationsTotal: 0, eliminations: [] });
  });

  it('follows the step: the home check and deliberation are the village’s, the decision the county’s; a decided one leaves 待办', async () => {
    await step(township, 'startVerification', '2026-08-11');
    expect((await todoOf(baile)).eliminations.map((e) => e.step)).toEqual(['homeVerification']);
    // The county does not do home checks.
    expect((await todoOf(monitor)).eliminationsTotal).toBe(0);
    await step(baile, 'recordVerification', '2026-08-12', { perCapitaIncome: 12000, basicNeedsSecured: true, notes: '入户核实收入稳定' });
    expect((await todoOf(baile)).eliminations.map((e) => e.step)).toEqual(['villageDeliberation']);
    await step(baile, 'recordDeliberation', '2026-08-13', { result: 'recommend', attendees: 12, minutes: '同意提出风险消除' });
    const inNotice = [...(await todoOf(baile)).eliminations, ...(await todoOf(township)).eliminations];
    // The notice has a deadline (its end), whoever posts it (the rule set's notice level).
    expect(inNotice).toEqual([expect.objectContaining({ step: 'publicNotice', stepDueOn: '2026-08-18' })]);
    const noticeBy = (await todoOf(baile)).eliminationsTotal === 1 ? baile : township;
    await step(noticeBy, 'endNotice', '2026-08-18');
    await step(township, 'townshipApprove', '2026-08-19');
    expect((await todoOf(township)).eliminationsTotal).toBe(0);
    expect((await todoOf(monitor)).eliminations).toEqual([expect.objectContaining({ id: eliminationId, step: 'countyApproval' })]);
    await step(monitor, 'countyDecide', '2026-08-20', { decision: 'eliminate', outcome: 'stable' });
    for (const who of [baile, township, monitor]) expect((await todoOf(who)).eliminationsTotal).toBe(0);
  });
});
