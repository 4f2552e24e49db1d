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
