import { ApplicationStatusSchema, PublicVillageSchema } from '@fangpin/domain';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCounty, type TestCounty } from '../../../test/factories.ts';
import { createTestContext, setTestDay, type TestContext } from '../../../test/test-app.ts';

let ctx: TestContext;
let county: TestCounty;
type Login = { cookie: string };

function api(who: Login | null, method: 'GET' | 'POST', url: string, payload?: object) {
  return ctx.app.inject({ method, url, ...(payload ? { payload } : {}), headers: who ? { cookie: who.cookie } : {} });
}

const apply = (over: object = {}) => ({ villageCode: county.villages[1]!.code, name: '韦大姐', phone: '13712345601', description: '丈夫打工摔断腿，家里没有收入，孩子要交学费', consent: true, ...over });

beforeAll(async () => {
  ctx = await createTestContext();
  county = await buildCounty(ctx.pool);
  await setTestDay(ctx, '2026-11-10', []);
});

describe('the self-application contract (packages/domain/src/contracts/intake.ts)', () => {
  it('answers with the fields the contract names', async () => {
    const village = await api(null, 'GET', `/api/public/villages/${county.villages[1]!.code}`);
    expect(Object.keys(village.json()).sort()).toEqual(Object.keys(PublicVillageSchema.shape).sort());
    expect(village.json().supervisionPhone).toBeNull();
    const filed = await api(null, 'POST', '/api/public/applications', apply());
    expect(filed.statusCode, filed.body).toBe(201);
    expect(Object.keys(filed.json())).toEqual(['referenceNo']);
    const status = await api(null, 'GET', `/api/public/applications/${filed.json().referenceNo}?phone=13712345601`);
    expect(Object.keys(status.json()).sort()).toEqual(Object.keys(ApplicationStatusSchema.shape).sort());
    expect(status.json().status).toBe('received');
  });

  it('refuses a field the contract does not name (400 VALIDATION_FAILED)', async () => {
    const extra = await api(null, 'POST', '/api/public/applications', apply({ phone: '13712345602', idNumber: '450000' }));
    expect(extra.statusCode).toBe(400);
    expect(extra.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect((await api(null, 'GET', `/api/public/villages?county=${county.countyCode}&all=1`)).statusCode).toBe(400);
  });
});

describe('self-application refusals carry a reason and params (the public page writes the text)', () => {
  it('junk, an unknown village or county, a wrong phone for the reference number', async () => {
    for (const [over, field, reason] of [
      [{ website: 'http://spam.example' }, 'website', 'submissionInvalid'],
      [{ phone: '110' }, 'phone', 'mobileInvalid'],
      [{ description: '1111111111111111' }, 'description', 'describeInWords'],
      [{ villageCode: '451028999999' }, 'villageCode', 'villageRequired'],
    ] as const) {
      const r = await api(null, 'POST', '/api/public/applications', apply({ phone: '13898765432', ...over }));
      expect(r.statusCode, JSON.stringify(over)).toBe(400);
      expect(r.json()).toMatchObject({ code: 'VALIDATION_FAILED', field, reason });
      expect(r.json().detail).not.toMatch(/[\u4e00-\u9fff]/);
    }
    expect((await api(null, 'GET', '/api/public/villages/451028999999')).json()).toMatchObject({ code: 'NOT_FOUND', reason: 'villageNotFound' });
    expect((await api(null, 'GET', '/api/public/villages?county=999999')).json()).toMatchObject({ code: 'NOT_FOUND', reason: 'countyNotFound' });
    const filed = await api(null, 'POST', '/api/public/applications', apply({ phone: '13712345603' }));
    const wrongPhone = await api(null, 'GET', `/api/public/applications/${filed.json().referenceNo}?phone=13700000000`);
    expect(wrongPhone.json()).toMatchObject({ code: 'NOT_FOUND', reason: 'applicationNotFound' });
  });

  it('the same phone a fourth time in a day, then one address sending many: 429 with the limits as params', async () => {
    // From an address of its own: the other tests' applications do not count, nor does this one use up theirs.
    const submit = (body: object) => ctx.app.inject({ method: 'POST', url: '/api/public/applications', payload: body, remoteAddress: '203.0.113.40' });
    const phone = '13712345604';
    for (let i = 0; i < 3; i++) expect((await submit(apply({ phone }))).statusCode).toBe(201);
    const fourth = await submit(apply({ phone }));
    expect(fourth.statusCode).toBe(429);
    expect(fourth.json()).toMatchObject({ code: 'RATE_LIMITED', reason: 'applicationsPerPhoneLimited', params: { max: 3 } });
    let limited: { statusCode: number; json: () => unknown } | undefined;
    for (let i = 0; i < 25 && !limited; i++) {
      const r = await submit(apply({ phone: `1350000${String(2000 + i)}` }));
      if (r.statusCode === 429) limited = r;
    }
    expect(limited?.json()).toMatchObject({ code: 'RATE_LIMITED', reason: 'applicationsRateLimited', params: { max: 20, windowMinutes: 10 } });
  });
});
