import { beforeAll, describe, expect, it } from 'vitest';
import { buildCounty, buildHousehold, type BuiltHousehold, type TestCounty } from '../../../test/factories.ts';
import { approveHousehold, monitoringPeople } from '../../../test/monitoring-fixtures.ts';
import { testSessions, type Login } from '../../../test/sessions.ts';
import { createTestContext, type TestContext } from '../../../test/test-app.ts';

// Paper work entered later (issue 13): a measure delivered on 2026-11-05 and typed in on 2026-11-20
// keeps 2026-11-05, whether it is recorded as delivered or moved there. Each test builds its own household.

let ctx: TestContext;
let county: TestCounty;
let township: Login;
const { login, setDay, api } = testSessions(() => ctx);

async function monitored(): Promise<BuiltHousehold> {
  const h = await buildHousehold(ctx, { villageCode: county.villages[3]!.code });
  const { monitor } = await monitoringPeople(login, county, ['monitor']);
  await approveHousehold(ctx, api, monitor, h, { clueDate: '2026-10-08', approvedOn: '2026-10-20', category: 'unstable', riskTypes: ['01'] });
  return h;
}
const add = (h: BuiltHousehold, body: object) => api(township, 'POST', `/api/households/${h.id}/measures`, { riskType: '01', category: 'health', measure: '医疗报销比例提高 8 个百分点', startOn: '2026-11-01', ...body });
const measures = async (h: BuiltHousehold) => (await api(township, 'GET', `/api/households/${h.id}/monitoring`)).json().measures as { id: string; version: number; status: string; deliveredOn: string | null }[];

beforeAll(async () => {
  ctx = await createTestContext();
  county = await buildCounty(ctx.pool);
  ({ township } = await monitoringPeople(login, county, ['township']));
  await setDay('2026-11-20');
});

describe('the day a measure was delivered', () => {
  it('recorded as delivered: the day given is kept; without one it is today; the history says it', async () => {
    const h = await monitored();
    expect((await add(h, { status: 'delivered', deliveredOn: '2026-11-05' })).statusCode).toBe(201);
    expect((await add(h, { status: 'delivered', measure: '临时救助' })).statusCode).toBe(201);
    expect((await measures(h)).map((m) => m.deliveredOn)).toEqual(['2026-11-05', '2026-11-20']);
    const { rows } = await ctx.pool.query(`SELECT after->>'deliveredOn' AS on FROM registry_history WHERE household_id = $1 AND action = 'monitoring.measureRecorded' ORDER BY id`, [h.id]);
    expect(rows.map((r) => r.on)).toEqual(['2026-11-05', '2026-11-20']);
  });

  it('refuses a day in the future, before the start, or given for a measure not delivered, naming the field; nothing is stored', async () => {
    const h = await monitored();
    expect((await add(h, { status: 'delivered', deliveredOn: '2026-11-21' })).json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'deliveredOn', reason: 'dateInFuture', params: { date: '2026-11-21' } });
    expect((await add(h, { status: 'delivered', deliveredOn: '2026-10-30' })).json()).toMatchObject({ field: 'deliveredOn', reason: 'deliveredBeforeStart', params: { deliveredOn: '2026-10-30', startOn: '2026-11-01' } });
    expect((await add(h, { status: 'inProgress', deliveredOn: '2026-11-05' })).json()).toMatchObject({ field: 'deliveredOn', reason: 'deliveredOnWithoutDelivery' });
    expect(await measures(h)).toEqual([]);
  });

  it('moved to delivered: the day given is kept, and a day before the start is refused', async () => {
    const h = await monitored();
    expect((await add(h, { status: 'inProgress' })).statusCode).toBe(201);
    const [m] = await measures(h);
    const move = (on: string) => api(township, 'POST', `/api/households/${h.id}/measures/${m!.id}/status`, { status: 'delivered', version: m!.version, on });
    expect((await move('2026-10-31')).json()).toMatchObject({ field: 'on', reason: 'deliveredBeforeStart' });
    expect((await move('2026-11-06')).statusCode).toBe(200);
    expect(await measures(h)).toMatchObject([{ status: 'delivered', deliveredOn: '2026-11-06' }]);
  });
});
