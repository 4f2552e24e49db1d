import { beforeAll, describe, expect, it } from 'vitest';
import { buildCounty, buildHousehold, type BuiltHousehold, type TestCounty } from '../../../test/factories.ts';
import { approveHousehold, monitoringPeople } from '../../../test/monitoring-fixtures.ts';
import { testSessions, type Login } from '../../../test/sessions.ts';
import { createTestContext, type TestContext } from '../../../test/test-app.ts';

/**
 * What a helping cadre reads, as the county's rule set says (issue 13 "Done when": a helping cadre
 * sees only households assigned to them or in their region, as the rule set says; docs/DOMAIN.md
 * "Roles"): `helperReadScope: 'assigned'` (the default) or `'region'` (read-only outside their own).
 */
let ctx: TestContext;
let county: TestCounty;
let monitor: Login;
let township: Login;
let admin: Login;
let cadre: Login;
let outsideCadre: Login;
let mine: BuiltHousehold;
let neighbour: BuiltHousehold;
let otherTownship: BuiltHousehold;
let elsewhere: BuiltHousehold;

const { login, setDay, api } = testSessions(() => ctx);

/** Every read the helping cadre makes of a household, with its status code. */
async function reads(who: Login, household: BuiltHousehold): Promise<Record<string, number>> {
  const get = async (url: string) => (await api(who, 'GET', url)).statusCode;
  return {
    household: await get(`/api/households/${household.id}`),
    history: await get(`/api/households/${household.id}/history`),
    monitoring: await get(`/api/households/${household.id}/monitoring`),
    file: await get(`/api/households/${household.id}/file`),
    visits: await get(`/api/households/${household.id}/helper-visits`),
    eliminations: await get(`/api/households/${household.id}/eliminations`),
  };
}
const ALL = (status: number) => ({ household: status, history: status, monitoring: status, file: status, visits: status, eliminations: status });

const listed = async (who: Login) => (await api(who, 'GET', '/api/monitoring-objects')).json().items.map((i: { householdId: string }) => i.householdId).sort();
/** What the household search finds: the list of the cadre's region, and each household's head by name. */
const found = async (who: Login, q = '') => (await api(who, 'GET', `/api/households?pageSize=100${q ? `&q=${encodeURIComponent(q)}` : ''}`)).json().items.map((i: { id: string }) => i.id).sort();
const synced = async (who: Login) => {
  const r = await api(who, 'GET', '/api/field/snapshot');
  expect(r.statusCode, r.body).toBe(200);
  return r.json().households.map((h: { id: string }) => h.id).sort();
};

beforeAll(async () => {
  ctx = await createTestContext();
  county = await buildCounty(ctx.pool);
  ({ monitor, township, cadre } = await monitoringPeople(login, county, ['monitor', 'township', 'cadre']));
  admin = await login('county-admin', county.code);
  const other = await buildCounty(ctx.pool);
  outsideCadre = await login('helping-cadre', other.code);
  // 百乐村 (逻西乡, the cadre's township): the cadre's household and a neighbour; 同乐镇: another township.
  mine = await buildHousehold(ctx, { villageCode: county.villages[3]!.code, members: [{ name: '韦帮扶', relation: 'head' }] });
  neighbour = await buildHousehold(ctx, { villageCode: county.villages[3]!.code, members: [{ name: '黄邻居', relation: 'head' }] });
  otherTownship = await buildHousehold(ctx, { villageCode: county.villages[0]!.code, members: [{ name: '李外乡', relation: 'head' }] });
  elsewhere = await buildHousehold(ctx, { villageCode: other.villages[3]!.code, members: [{ name: '陆外县', relation: 'head' }] });
  await setDay('2026-11-20');
  for (const h of [mine, neighbour, otherTownship]) await approveHousehold(ctx, api, monitor, h, { clueDate: '2026-11-02', approvedOn: '2026-11-16', category: 'unstable', riskTypes: ['01'] });
  const assigned = await api(township, 'POST', `/api/households/${mine.id}/helpers`, { kind: 'cadre', userId: cadre.user.id, assignedOn: '2026-11-18' });
  expect(assigned.statusCode, assigned.body).toBe(201);
}, 120_000);

describe('helperReadScope: assigned (the default)', () => {
  it('the cadre reads only their household: another household of the same village is 404 everywhere', async () => {
    expect((await api(cadre, 'GET', `/api/rule-sets/in-force?regionCode=${county.code}&date=2026-11-20`)).json().ruleSet.helperReadScope).toBe('assigned');
    expect(await listed(cadre)).toEqual([mine.id]);
    expect(await synced(cadre)).toEqual([mine.id]);
    expect(await found(cadre)).toEqual([mine.id]);
    expect(await found(cadre, '黄邻居')).toEqual([]);
    expect(await found(cadre, '韦帮扶')).toEqual([mine.id]);
    expect(await reads(cadre, mine)).toEqual(ALL(200));
    expect(await reads(cadre, neighbour)).toEqual(ALL(404));
    expect(await reads(cadre, otherTownship)).toEqual(ALL(404));
    expect((await api(cadre, 'POST', `/api/households/${neighbour.id}/helper-visits`, { visitedOn: '2026-11-19', observed: '入户' })).statusCode).toBe(404);
  });
});

describe('helperReadScope: region (the county chose it)', () => {
  beforeAll(async () => {
    const body = { regionCode: county.code, effectiveFrom: '2026-11-20', rules: { helperReadScope: 'region' }, note: '帮扶干部可查看本辖区农户' };
    expect((await api(cadre, 'POST', '/api/rule-sets/versions', body)).statusCode).toBe(403);
    const published = await api(admin, 'POST', '/api/rule-sets/versions', body);
    expect(published.statusCode, published.body).toBe(201);
    expect(published.json().changes).toEqual([expect.objectContaining({ path: 'helperReadScope', before: 'assigned', after: 'region' })]);
  });

  it('is audited as every rule-set change', async () => {
    const { rows } = await ctx.pool.query(`SELECT after FROM audit_log WHERE action = 'ruleset.published' AND region_code = $1`, [county.code]);
    expect(rows.map((r) => r.after.rules)).toEqual([{ helperReadScope: 'region' }]);
  });

  it('the cadre reads every household of their region, read-only outside their own; out of the region stays 404', async () => {
    expect(await listed(cadre)).toEqual([mine.id, neighbour.id].sort());
    expect(await synced(cadre)).toEqual(expect.arrayContaining([mine.id, neighbour.id]));
    expect(await synced(cadre)).not.toContain(otherTownship.id);
    expect(await found(cadre, '黄邻居')).toEqual([neighbour.id]);
    expect(await found(cadre)).toEqual(expect.arrayContaining([mine.id, neighbour.id]));
    expect(await found(cadre)).not.toContain(otherTownship.id);
    expect(await reads(cadre, neighbour)).toEqual(ALL(200));
    expect(await reads(cadre, otherTownship)).toEqual(ALL(404));
    expect(await reads(outsideCadre, neighbour)).toEqual(ALL(404));
    expect((await api(cadre, 'GET', `/api/households/${elsewhere.id}/monitoring`)).statusCode).toBe(404);

    // Read-only: nothing to do on the neighbour's page, and every write refused with the reason.
    expect((await api(cadre, 'GET', `/api/households/${neighbour.id}/monitoring`)).json().abilities).toEqual({ canAssignHelpers: false, canRecordMeasures: false });
    expect((await api(cadre, 'GET', `/api/households/${neighbour.id}/helper-visits`)).json().canRecord).toBe(false);
    expect((await api(cadre, 'GET', `/api/households/${neighbour.id}/elimination-check`)).json().mayPropose).toBe(false);
    const visit = await api(cadre, 'POST', `/api/households/${neighbour.id}/helper-visits`, { visitedOn: '2026-11-19', observed: '入户' });
    expect(visit.statusCode, visit.body).toBe(403);
    expect(visit.json()).toMatchObject({ code: 'FORBIDDEN', reason: 'notAssignedHelper' });
    const measure = await api(cadre, 'POST', `/api/households/${neighbour.id}/measures`, { riskType: '01', category: 'health', measure: '医疗报销比例提高 8 个百分点', startOn: '2026-11-19' });
    expect(measure.json()).toMatchObject({ code: 'FORBIDDEN', reason: 'notAssignedHelper' });
    const proposal = await api(cadre, 'POST', `/api/households/${neighbour.id}/eliminations`, { mode: 'assisted', reason: '收入稳定' });
    expect(proposal.json()).toMatchObject({ code: 'FORBIDDEN', reason: 'notAssignedHelper' });
    const { rows } = await ctx.pool.query(`SELECT count(*)::int AS n FROM helper_visits WHERE household_id = $1`, [neighbour.id]);
    expect(rows[0].n).toBe(0);

    // Their own household: still theirs to act on.
    expect((await api(cadre, 'GET', `/api/households/${mine.id}/helper-visits`)).json().canRecord).toBe(true);
    const own = await api(cadre, 'POST', `/api/households/${mine.id}/helper-visits`, { visitedOn: '2026-11-19', observed: '入户走访，情况稳定' });
    expect(own.statusCode, own.body).toBe(201);
  });
});
