import { scopeOf, type Role, type Scope } from '@fangpin/domain';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCounty, buildHousehold, type BuiltHousehold, type TestCounty } from '../../../test/factories.ts';
import { createTestContext, type TestContext } from '../../../test/test-app.ts';
import { scopeCondition } from './scope-sql.ts';
import { searchHouseholds, type HouseholdSearch } from './repo.ts';

/**
 * The household search was reshaped for speed at millions of persons (candidate ids per meaning
 * of `q`, page cut before the per-row look-ups): it must find exactly what the plain query finds.
 * `referenceSearch` is that plain query, as it was before; both run over the same searches here.
 */
async function referenceSearch(ctx: TestContext, scope: Scope, search: HouseholdSearch) {
  // A name prefix alone over whole counties lists in name order: each household placed by its first
  // matching member's name, ties by id (searchByNameCountyWide); everything else by household number.
  const byName = Boolean(search.namePrefix) && !search.regionPrefix && !search.type && !search.idIndex && !search.phoneIndex && !search.numberPrefix
    && scope.countyCodes.length > 0 && scope.countyCodes.every((code) => code.startsWith(scope.regionPrefix));
  const params: unknown[] = [];
  const where = [scopeCondition(scope, 'h', params)];
  if (search.regionPrefix) {
    params.push(search.regionPrefix);
    where.push(`h.region_code LIKE $${params.length} || '%'`);
  }
  if (search.type) {
    params.push(search.type);
    where.push(`h.type = $${params.length}`);
  }
  const anyOf: string[] = [];
  if (search.idIndex) {
    params.push(search.idIndex);
    anyOf.push(`h.id IN (SELECT household_id FROM members WHERE id_index = $${params.length})`);
  }
  if (search.phoneIndex) {
    params.push(search.phoneIndex);
    anyOf.push(`h.phone_index = $${params.length} OR h.id IN (SELECT household_id FROM members WHERE phone_index = $${params.length})`);
  }
  if (search.numberPrefix) {
    params.push(search.numberPrefix);
    anyOf.push(`h.household_number LIKE $${params.length} || '%'`);
  }
  let order = 'h.household_number';
  if (search.namePrefix) {
    params.push(search.namePrefix.replace(/[\\%_]/g, (c) => `\\${c}`));
    if (byName) order = `(SELECT min(mm.name COLLATE "C") FROM members mm WHERE mm.household_id = h.id AND mm.name LIKE $${params.length} || '%'), h.id`;
    anyOf.push(`h.id IN (SELECT household_id FROM members mm WHERE mm.county_code = h.county_code AND mm.name LIKE $${params.length} || '%')`);
  }
  if (anyOf.length > 0) where.push(`(${anyOf.map((c) => `(${c})`).join(' OR ')})`);
  params.push(search.limit, search.offset);
  const { rows } = await ctx.pool.query(
    `SELECT h.id, h.household_number AS "householdNumber", h.type, h.region_code AS "regionCode", v.name AS "villageName",
       t.name AS "townshipName", h.address, h.phone_masked AS "phoneMasked",
       (SELECT m.name FROM members m WHERE m.household_id = h.id ORDER BY (m.relation = 'head') DESC, m.birth_year, m.id LIMIT 1) AS "headName",
       (SELECT count(*) FROM members m WHERE m.household_id = h.id)::int AS "memberCount",
       count(*) OVER ()::int AS total
     FROM households h
     LEFT JOIN regions v ON v.code = h.region_code
     LEFT JOIN regions t ON t.code = substr(h.region_code, 1, 9) || '000'
     WHERE ${where.join(' AND ')}
     ORDER BY ${order}
     LIMIT $${params.length - 1} OFFSET $${params.length}`,
    params,
  );
  return { rows, total: (rows[0] as { total?: number } | undefined)?.total ?? 0 };
}

const actorScope = (role: Role, regionCode: string) => scopeOf({ userId: 'test', username: 'test', role, regionCode });

let ctx: TestContext;
let county: TestCounty;
let other: TestCounty;
let built: BuiltHousehold[];

beforeAll(async () => {
  ctx = await createTestContext();
  county = await buildCounty(ctx.pool);
  other = await buildCounty(ctx.pool);
  const names = [['黄小东', '韦秀梅'], ['黄小明'], ['黄大明', '黄小花'], ['李明'], ['百分%号', '下_划线'], ['王\\反斜线'], ['张百谋', '张小军', '张小红']];
  built = [];
  for (const [i, members] of names.entries()) {
    built.push(await buildHousehold(ctx, { villageCode: county.villages[i % 4]!.code, type: i % 3 === 0 ? 'formerlyPoor' : 'ordinary', members: members.map((name, k) => ({ name, relation: k === 0 ? 'head' : 'child', birthDate: `19${70 + k}-0${1 + k}-15` })) }));
  }
  // The same names in another county: never found from this one.
  await buildHousehold(ctx, { villageCode: other.villages[0]!.code, members: [{ name: '黄小东' }] });
  // A member's own phone (national exports list one per member).
  const memberPhone = '13907761201';
  await ctx.pool.query(`UPDATE members SET phone_index = $2, phone_masked = '139****1201' WHERE id = $1`, [built[3]!.members[0]!.id, ctx.cipher.blindIndex(memberPhone)]);
});

describe('household search finds exactly what the plain query finds', () => {
  const cases: [string, (b: BuiltHousehold[]) => Omit<HouseholdSearch, 'limit' | 'offset'>, { limit: number; offset: number }?][] = [
    ['everything in scope', () => ({})],
    ['the second page', () => ({}), { limit: 2, offset: 2 }],
    ['a page past the end', () => ({}), { limit: 20, offset: 100 }],
    ['a surname', () => ({ namePrefix: '黄' })],
    ['surname and given-name start', () => ({ namePrefix: '黄小' })],
    ['a full name of a non-head member', () => ({ namePrefix: '黄小花' })],
    ['a literal %', () => ({ namePrefix: '百分%' })],
    ['a literal _', () => ({ namePrefix: '下_' })],
    ['a literal backslash', () => ({ namePrefix: '王\\' })],
    ['a name nobody has', () => ({ namePrefix: '欧阳' })],
    ['an ID number (blind index)', (b) => ({ idIndex: ctx.cipher.blindIndex(b[2]!.members[1]!.idNumber), numberPrefix: b[2]!.members[1]!.idNumber })],
    ["a household's phone", (b) => ({ phoneIndex: ctx.cipher.blindIndex(b[4]!.phone), numberPrefix: b[4]!.phone })],
    ["a member's phone", () => ({ phoneIndex: ctx.cipher.blindIndex('13907761201'), numberPrefix: '13907761201' })],
    ['a household-number prefix', () => ({ numberPrefix: county.villages[1]!.code })],
    ['a full household number', (b) => ({ numberPrefix: b[5]!.householdNumber })],
    ['a type', () => ({ type: 'formerlyPoor' })],
    ['a region filter and a name', () => ({ regionPrefix: county.villages[0]!.code, namePrefix: '张' })],
  ];

  it.each(cases)('%s', async (_label, make, page = { limit: 20, offset: 0 }) => {
    for (const scope of [actorScope('county-admin', county.code), actorScope('township-officer', county.townships[1]!.code)]) {
      const search = { ...make(built), ...page };
      const expected = await referenceSearch(ctx, scope, search);
      const { totalCapped, ...got } = await searchHouseholds(ctx.pool, scope, search);
      expect(got).toEqual(expected);
      expect(totalCapped).toBe(false);
    }
  });

  it('a province-wide scope (no county list) finds the same by name', async () => {
    for (const namePrefix of ['百分%', '下_', '王\\反']) {
      const search = { namePrefix, limit: 20, offset: 0 };
      const scope = actorScope('county-admin', '450000000000');
      const { totalCapped, ...got } = await searchHouseholds(ctx.pool, scope, search);
      expect(got).toEqual(await referenceSearch(ctx, scope, search));
      expect(totalCapped).toBe(false);
    }
  });

  it('is not empty where it should find something (the comparison above is not vacuous)', async () => {
    const scope = actorScope('county-admin', county.code);
    expect((await searchHouseholds(ctx.pool, scope, { namePrefix: '黄小', limit: 20, offset: 0 })).total).toBe(3);
    expect((await searchHouseholds(ctx.pool, scope, { namePrefix: '百分%', limit: 20, offset: 0 })).total).toBe(1);
    expect((await searchHouseholds(ctx.pool, scope, { phoneIndex: ctx.cipher.blindIndex('13907761201'), limit: 20, offset: 0 })).rows[0]).toMatchObject({ headName: '李明', memberCount: 1 });
  });
});

describe('a capped total (issue 10: no count of a whole county on every first page)', () => {
  const searches: [string, Omit<HouseholdSearch, 'limit' | 'offset'>][] = [
    ['everything in scope (no candidates)', {}],
    ['a name prefix (candidates)', { namePrefix: '黄' }],
    ['a household-number prefix (candidates)', { numberPrefix: '45' }],
  ];
  it.each(searches)('%s: past the cap, the total is the cap and says so; the pages are the same', async (_label, what) => {
    const scope = actorScope('county-admin', county.code);
    for (const page of [{ limit: 2, offset: 0 }, { limit: 2, offset: 2 }, { limit: 20, offset: 100 }]) {
      const expected = await referenceSearch(ctx, scope, { ...what, ...page });
      const all = (await referenceSearch(ctx, scope, { ...what, limit: 1, offset: 0 })).total;
      expect(all, 'the fixture has more matches than the cap').toBeGreaterThan(2);
      const capped = await searchHouseholds(ctx.pool, scope, { ...what, ...page, totalCap: 2 });
      expect(capped.rows.map((r) => r.id)).toEqual(expected.rows.map((r) => (r as { id: string }).id));
      // A page past the last match still answers a total of 0, capped or not.
      expect({ total: capped.total, totalCapped: capped.totalCapped }).toEqual(expected.rows.length > 0 ? { total: 2, totalCapped: true } : { total: 0, totalCapped: false });
      // At or above the number of matches, the cap changes nothing.
      const exact = await searchHouseholds(ctx.pool, scope, { ...what, ...page, totalCap: all });
      expect({ total: exact.total, totalCapped: exact.totalCapped }).toEqual({ total: expected.total, totalCapped: false });
    }
  });
});
