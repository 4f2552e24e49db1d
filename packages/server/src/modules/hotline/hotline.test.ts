import { HotlineCallSchema, OpenCaseOfCallSchema } from '@fangpin/domain';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCounty, buildHousehold, buildUserAndLogin, type BuiltHousehold, type TestCounty } from '../../../test/factories.ts';
import { createTestContext, setTestDay, type TestContext } from '../../../test/test-app.ts';

let ctx: TestContext;
let county: TestCounty;
let household: BuiltHousehold;
type Login = Awaited<ReturnType<typeof buildUserAndLogin>>;
let monitor: Login;
let leader: Login;
let village: Login;

function api(who: Login | null, method: 'GET' | 'POST', url: string, payload?: object) {
  return ctx.app.inject({ method, url, ...(payload ? { payload } : {}), headers: who ? { cookie: who.cookie } : {} });
}

const call = (over: object = {}) => ({
  callerName: '韦大哥',
  callerPhone: '13907761301',
  regionCode: county.villages[1]!.code,
  householdId: household.id,
  content: '家里老人住院，想问能不能纳入监测',
  result: 'dispatched',
  riskTypes: ['01'],
  ...over,
});

beforeAll(async () => {
  ctx = await createTestContext();
  county = await buildCounty(ctx.pool);
  household = await buildHousehold(ctx, { villageCode: county.villages[1]!.code });
  monitor = await buildUserAndLogin(ctx, { role: 'county-monitor', regionCode: county.countyCode });
  leader = await buildUserAndLogin(ctx, { role: 'leader', regionCode: county.countyCode });
  village = await buildUserAndLogin(ctx, { role: 'village-cadre', regionCode: county.villages[1]!.code });
  await setTestDay(ctx, '2026-11-10', [monitor.user.id, leader.user.id, village.user.id]);
});

describe('the hotline contract (packages/domain/src/contracts/intake.ts)', () => {
  it('writes every field of a call the contract names', async () => {
    const r = await api(monitor, 'POST', '/api/hotline-calls', call());
    expect(r.statusCode, r.body).toBe(201);
    const body = r.json();
    expect(Object.keys(body.call).sort()).toEqual(Object.keys(HotlineCallSchema.shape).sort());
    expect(body.call).toMatchObject({ householdNumber: household.householdNumber, caseStep: 'homeVerification', caseStepZh: expect.any(String), caseNumber: expect.any(String), isCallbackOverdue: false });
    // The dispatch on the case's timeline carries no server-written sentence (it would stay Chinese in English mode).
    const dispatched = (await api(monitor, 'GET', `/api/cases/${body.call.caseId}`)).json().timeline.find((e: { type: string }) => e.type === 'startVerification');
    expect(dispatched).toMatchObject({ type: 'startVerification', comment: '' });
    const list = await api(monitor, 'GET', '/api/hotline-calls?pageSize=5');
    expect(HotlineCallSchema.strict().safeParse(list.json().items[0]).success).toBe(true);
    const open = await api(monitor, 'POST', '/api/hotline-calls/open-case', { householdId: household.id });
    expect(Object.keys(open.json().openCase).sort()).toEqual(Object.keys(OpenCaseOfCallSchema.shape).sort());
  });

  it('refuses a field the contract does not name (400 VALIDATION_FAILED), in bodies and query strings', async () => {
    const extra = await api(monitor, 'POST', '/api/hotline-calls', call({ callerAddress: '马庄村三组' }));
    expect(extra.statusCode).toBe(400);
    expect(extra.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect((await api(monitor, 'POST', '/api/hotline-calls/open-case', { householdId: household.id, caller: 'x' })).statusCode).toBe(400);
    expect((await api(monitor, 'GET', '/api/hotline-calls?sort=name')).statusCode).toBe(400);
    expect((await api(monitor, 'GET', '/api/hotline-calls/export.xlsx?format=csv')).statusCode).toBe(400);
  });
});

describe('hotline refusals carry a reason and params (English detail, the web writes the text)', () => {
  it('a role that may never use the desk: 403 hotlineForbidden, on every hotline endpoint', async () => {
    for (const who of [leader, village]) {
      for (const [method, url, body] of [
        ['POST', '/api/hotline-calls', call()],
        ['POST', '/api/hotline-calls/open-case', { householdId: household.id }],
        ['GET', '/api/hotline-calls', undefined],
        ['GET', '/api/hotline-calls/export.xlsx', undefined],
      ] as const) {
        const r = await api(who, method, url, body);
        expect(r.statusCode, `${method} ${url}`).toBe(403);
        expect(r.json()).toMatchObject({ code: 'FORBIDDEN', reason: 'hotlineForbidden', detail: 'Your role may not use the hotline desk' });
      }
    }
  });

  it('a bad phone, a call time in the future, an unknown household: the reason and the field', async () => {
    const phone = await api(monitor, 'POST', '/api/hotline-calls', call({ callerPhone: '12345' }));
    expect(phone.statusCode).toBe(400);
    expect(phone.json()).toMatchObject({ code: 'VALIDATION_FAILED', reason: 'phoneInvalid', field: 'callerPhone' });
    const future = await api(monitor, 'POST', '/api/hotline-calls', call({ calledAt: '2026-11-10T12:00:00+08:00' }));
    expect(future.statusCode).toBe(400);
    expect(future.json()).toMatchObject({ reason: 'callTimeInFuture', field: 'calledAt' });
    const unknown = await api(monitor, 'POST', '/api/hotline-calls/open-case', { householdId: '00000000-0000-4000-8000-000000000000' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ code: 'NOT_FOUND', reason: 'notFound', field: 'householdId' });
  });
});
