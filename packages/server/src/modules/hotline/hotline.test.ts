import { HotlineCallSchema, OpenCaseOfCallSchema } from '@fangpin/domain';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCounty, buildHousehold, buildUserAndLogin, type BuiltHousehold, type TestCounty } from '../../../test/factories.ts';
import { createTestContext, setTestDay, type TestContext } from '../../../test/test-app.ts';

let ctx: TestContext;
let county: TestCounty;
let household: BuiltHousehold;
type Login = Awaited<ReturnType<typeof buildUserAndLogin>>;
let monitor: Login;

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
  await setTestDay(ctx, '2026-11-10', [monitor.user.id]);
});

describe('the hotline contract (packages/domain/src/contracts/intake.ts)', () => {
  it('writes every field of a call the contract names', async () => {
    const r = await api(monitor, 'POST', '/api/hotline-calls', call());
    expect(r.statusCode, r.body).toBe(201);
    const body = r.json();
    expect(Object.keys(body.call).sort()).toEqual(Object.keys(HotlineCallSchema.shape).sort());
    expect(body.call).toMatchObject({ householdNumber: household.householdNumber, caseStep: 'homeVerification', caseStepZh: expect.any(String), caseNumber: expect.any(String), isCallbackOverdue: false });
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
