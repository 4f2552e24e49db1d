import { parseIdNumber, type Role } from '@fangpin/domain';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCounty, buildHelperAssignment, buildHousehold, buildUserAndLogin, makeIdNumber, type BuiltHousehold, type TestCounty } from '../../../test/factories.ts';
import { createTestContext, type TestContext } from '../../../test/test-app.ts';

/**
 * "A village cadre of 百乐村 cannot read or change a household of 刷把村 through any route, filter or
 * guessed id" — proven for every role, every route and households at four distances.
 */
let ctx: TestContext;
let county: TestCounty;
let other: TestCounty;
let households: Record<'ownVillage' | 'sameTownship' | 'otherTownship' | 'otherCounty', BuiltHousehold>;

type Where = keyof typeof households;
const ROLE_CASES: { role: Role; scopeOf: (c: TestCounty) => string; sees: Where[]; canRead: boolean; canWrite: boolean; canReveal: boolean }[] = [
  { role: 'county-admin', scopeOf: (c) => c.code, sees: ['ownVillage', 'sameTownship', 'otherTownship'], canRead: true, canWrite: true, canReveal: true },
  { role: 'county-monitor', scopeOf: (c) => c.code, sees: ['ownVillage', 'sameTownship', 'otherTownship'], canRead: true, canWrite: true, canReveal: true },
  { role: 'township-officer', scopeOf: (c) => c.townships[1]!.code, sees: ['ownVillage', 'sameTownship'], canRead: true, canWrite: true, canReveal: true },
  { role: 'village-cadre', scopeOf: (c) => c.villages[2]!.code, sees: ['ownVillage'], canRead: true, canWrite: true, canReveal: true },
  { role: 'helping-cadre', scopeOf: (c) => c.villages[2]!.code, sees: ['ownVillage'], canRead: true, canWrite: false, canReveal: false },
  { role: 'leader', scopeOf: (c) => c.code, sees: ['ownVillage', 'sameTownship', 'otherTownship'], canRead: true, canWrite: false, canReveal: false },
  // Departments are scoped to the county but may not read the registry at all (they see match statistics only).
  { role: 'department', scopeOf: (c) => c.code, sees: ['ownVillage', 'sameTownship', 'otherTownship'], canRead: false, canWrite: false, canReveal: false },
];
const PLACES: Where[] = ['ownVillage', 'sameTownship', 'otherTownship', 'otherCounty'];

beforeAll(async () => {
  ctx = await createTestContext();
  county = await buildCounty(ctx.pool);
  other = await buildCounty(ctx.pool);
  households = {
    ownVillage: await buildHousehold(ctx, { villageCode: county.villages[2]!.code }), // 马庄村, 逻西乡
    sameTownship: await buildHousehold(ctx, { villageCode: county.villages[3]!.code }), // 百乐村, 逻西乡
    otherTownship: await buildHousehold(ctx, { villageCode: county.villages[0]!.code }), // 刷把村, 同乐镇
    otherCounty: await buildHousehold(ctx, { villageCode: other.villages[2]!.code }),
  };
});

describe.each(ROLE_CASES)('$role', ({ role, scopeOf, sees, canRead, canWrite, canReveal }) => {
  let cookie: string;
  beforeAll(async () => {
    const { user, ...session } = await buildUserAndLogin(ctx, { role, regionCode: scopeOf(county) });
    cookie = session.cookie;
    // A helping cadre reads the households it helps (helperReadScope 'assigned', the default): it
    // helps one in its village and, as a wrong assignment would, one elsewhere, which the region still hides.
    if (role === 'helping-cadre') for (const h of [households.ownVillage, households.otherTownship]) await buildHelperAssignment(ctx.pool, { household: h, user });
  });

  it.each(PLACES)('household in %s: detail, history, search by ID, phone and number', async (where) => {
    const h = households[where];
    const isVisible = sees.includes(where);
    const detail = await ctx.app.inject({ url: `/api/households/${h.id}`, headers: { cookie } });
    const history = await ctx.app.inject({ url: `/api/households/${h.id}/history`, headers: { cookie } });
    expect(detail.statusCode).toBe(!canRead ? 403 : isVisible ? 200 : 404);
    expect(history.statusCode).toBe(!canRead ? 403 : isVisible ? 200 : 404);
    for (const [q, by] of [[h.members[0]!.idNumber, 'idNumber'], [h.phone, 'phone'], [h.householdNumber, 'number'], [h.members[0]!.name, 'name']] as const) {
      const search = await ctx.app.inject({ url: `/api/households?q=${encodeURIComponent(q)}&pageSize=200`, headers: { cookie } });
      // A full ID number or phone is searched only by roles that may reveal (an oracle otherwise).
      if (!canRead || (by === 'idNumber' && !canReveal)) {
        expect(search.statusCode).toBe(403);
        continue;
      }
      // A household number that also reads as a valid ID number (1 in 11 of the factory's): for a role
      // that may not search by ID it finds the household by number, or is refused when none is in scope.
      if (by === 'number' && !canReveal && parseIdNumber(q).ok && !isVisible) {
        expect(search.statusCode).toBe(403);
        continue;
      }
      expect([q, by, search.statusCode, search.statusCode === 200 ? '' : search.body]).toEqual([q, by, 200, '']);
      const ids = search.json().items.map((i: { id: string }) => i.id);
      expect([q, ids.includes(h.id)]).toEqual([q, isVisible && (by !== 'phone' || canReveal)]);
    }
    // A region filter pointing at another region does not widen the scope.
    const filtered = await ctx.app.inject({ url: `/api/households?regionCode=${h.regionCode}&pageSize=200`, headers: { cookie } });
    if (canRead) expect(filtered.json().items.some((i: { id: string }) => i.id === h.id)).toBe(isVisible);
  });

  it.each(PLACES)('household in %s: edit and reveal', async (where) => {
    const h = households[where];
    const isVisible = sees.includes(where);
    const notVisibleStatus = 404;
    const detail = isVisible && canRead ? (await ctx.app.inject({ url: `/api/households/${h.id}`, headers: { cookie } })).json() : undefined;
    const patch = await ctx.app.inject({ method: 'PATCH', url: `/api/households/${h.id}`, headers: { cookie }, payload: { version: detail?.version ?? 1, address: `改过的地址 ${role}` } });
    expect(patch.statusCode).toBe(!isVisible ? notVisibleStatus : canWrite ? 200 : 403);
    const memberPatch = await ctx.app.inject({ method: 'PATCH', url: `/api/members/${h.members[0]!.id}`, headers: { cookie }, payload: { version: detail?.members[0]?.version ?? 1, migrantMonths: 3 } });
    expect(memberPatch.statusCode).toBe(!isVisible ? notVisibleStatus : canWrite ? 200 : 403);
    const revealId = await ctx.app.inject({ method: 'POST', url: `/api/members/${h.members[0]!.id}/reveal`, headers: { cookie }, payload: { field: 'idNumber', reason: '核对身份' } });
    const revealPhone = await ctx.app.inject({ method: 'POST', url: `/api/households/${h.id}/reveal`, headers: { cookie }, payload: { field: 'phone', reason: '回访' } });
    const expected = !isVisible ? notVisibleStatus : canReveal ? 200 : 403;
    expect(revealId.statusCode).toBe(expected);
    expect(revealPhone.statusCode).toBe(expected);
    if (expected === 200) {
      expect(revealId.json().value).toBe(h.members[0]!.idNumber);
      expect(revealPhone.json().value).toBe(h.phone);
    } else {
      expect(revealId.body).not.toContain(h.members[0]!.idNumber);
    }
  });
});

describe('a household number that reads as an ID number', () => {
  it('finds the household by number for a role that may not search by ID, and still refuses a real ID search', async () => {
    // The registry's 18 digits (a 12-digit village code, a 6-digit sequence) can carry a valid date
    // and check digit: 4535752012020397 51 reads as an ID number of someone born 2012-02-03.
    // All digits: a number whose check character is X is no household number, and is refused as an ID
    // search by design (the fixture's random sequence gave one in eleven runs an X and a failed test).
    let ambiguous = makeIdNumber(county.code.slice(0, 6), '2012-02-03');
    while (!/^\d{18}$/.test(ambiguous)) ambiguous = makeIdNumber(county.code.slice(0, 6), '2012-02-03');
    const h = await buildHousehold(ctx, { villageCode: county.villages[3]!.code });
    await ctx.pool.query(`UPDATE households SET household_number = $1 WHERE id = $2`, [ambiguous, h.id]);
    const { cookie } = await buildUserAndLogin(ctx, { role: 'leader', regionCode: county.code });
    const byNumber = await ctx.app.inject({ url: `/api/households?q=${ambiguous}`, headers: { cookie } });
    expect(byNumber.statusCode).toBe(200);
    expect(byNumber.json().items.map((i: { id: string }) => i.id)).toEqual([h.id]);
    const other = await buildHousehold(ctx, { villageCode: county.villages[3]!.code });
    const byId = await ctx.app.inject({ url: `/api/households?q=${other.members[0]!.idNumber}`, headers: { cookie } });
    expect(byId.statusCode).toBe(403);
    expect(byId.json()).toMatchObject({ code: 'FORBIDDEN', reason: 'idSearchForbidden', field: 'q' });
  });
});

describe('ids that are not ids', () => {
  it.each(['not-a-uuid', '00000000-0000-0000-0000-000000000000', "1' OR '1'='1"])('%s is simply not found', async (id) => {
    const { cookie } = await buildUserAndLogin(ctx, { role: 'county-admin', regionCode: county.code });
    const response = await ctx.app.inject({ url: `/api/households/${encodeURIComponent(id)}`, headers: { cookie } });
    expect(response.statusCode).toBe(404);
    expect(response.json().code).toBe('NOT_FOUND');
  });
});
