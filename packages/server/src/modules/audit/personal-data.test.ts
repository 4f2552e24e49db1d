import { beforeAll, describe, expect, it } from 'vitest';
import { buildCounty, buildHousehold, buildUserAndLogin, type BuiltHousehold, type TestCounty } from '../../../test/factories.ts';
import { createOwnerPool, createTestContext, type TestContext } from '../../../test/test-app.ts';

let ctx: TestContext;
let county: TestCounty;
let household: BuiltHousehold;
let admin: { cookie: string; user: { id: string; username: string } };
const owner = createOwnerPool();

beforeAll(async () => {
  ctx = await createTestContext();
  county = await buildCounty(ctx.pool);
  household = await buildHousehold(ctx, { villageCode: county.villages[0]!.code });
  admin = await buildUserAndLogin(ctx, { role: 'county-admin', regionCode: county.code });
});

describe('personal data is masked by default, revealed only on purpose, and audited', () => {
  it('list, detail and history responses hold only masked ID numbers and phones', async () => {
    const idNumber = household.members[0]!.idNumber;
    const responses = await Promise.all([
      ctx.app.inject({ url: `/api/households?q=${idNumber}`, headers: { cookie: admin.cookie } }),
      ctx.app.inject({ url: `/api/households/${household.id}`, headers: { cookie: admin.cookie } }),
      ctx.app.inject({ url: `/api/households/${household.id}/history`, headers: { cookie: admin.cookie } }),
    ]);
    for (const r of responses) {
      expect(r.statusCode).toBe(200);
      for (const m of household.members) expect(r.body).not.toContain(m.idNumber);
      expect(r.body).not.toContain(household.phone);
    }
    const detail = responses[1].json();
    expect(detail.members[0].idNumberMasked).toBe(`${idNumber.slice(0, 6)}***********${idNumber.slice(17)}`);
    expect(detail.phoneMasked).toBe(`${household.phone.slice(0, 3)}****${household.phone.slice(7)}`);
    expect(detail.abilities).toEqual({ canReveal: true, canEdit: true, canSeeHealth: true });
  });

  it('a reveal returns the value and writes an audit row with actor, object and masked value only', async () => {
    const member = household.members[1]!;
    const response = await ctx.app.inject({ method: 'POST', url: `/api/members/${member.id}/reveal`, headers: { cookie: admin.cookie }, payload: { field: 'idNumber', reason: '核对身份' } });
    expect(response.json()).toEqual({ value: member.idNumber });
    const { rows } = await ctx.pool.query(`SELECT * FROM audit_log WHERE object_id = $1 AND action = 'member.idNumber.revealed'`, [member.id]);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actor_id: admin.user.id, actor_username: admin.user.username, object_type: 'member', region_code: county.villages[0]!.code, county_code: county.countyCode });
    expect(JSON.stringify(rows[0])).not.toContain(member.idNumber);

    const audit = await ctx.app.inject({ url: `/api/audit?objectId=${member.id}`, headers: { cookie: admin.cookie } });
    expect(audit.json().items.map((i: { action: string }) => i.action)).toContain('member.idNumber.revealed');
  });

  it('never writes ID numbers or phones to the logs, even when they are in the URL', async () => {
    const before = ctx.logs.length;
    await ctx.app.inject({ url: `/api/households?q=${household.members[0]!.idNumber}`, headers: { cookie: admin.cookie } });
    await ctx.app.inject({ url: `/api/households?q=${household.phone}`, headers: { cookie: admin.cookie } });
    await ctx.app.inject({ method: 'POST', url: `/api/members/${household.members[0]!.id}/reveal`, headers: { cookie: admin.cookie }, payload: { field: 'idNumber', reason: '核对身份' } });
    const logged = ctx.logs.slice(before).join('\n');
    expect(logged).toContain('/api/households');
    expect(logged).not.toContain(household.members[0]!.idNumber);
    expect(logged).not.toContain(household.phone);
  });

  it('the audit log is append-only, and readable only by county admins of the region', async () => {
    // The app's role may not even try (db/roles.test.ts); the owner meets the append-only triggers.
    await expect(ctx.pool.query(`UPDATE audit_log SET action = 'x' WHERE actor_id = $1`, [admin.user.id])).rejects.toThrow(/permission denied for table audit_log/);
    await expect(owner.query(`UPDATE audit_log SET action = 'x' WHERE actor_id = $1`, [admin.user.id])).rejects.toThrow(/append-only/);
    await expect(owner.query(`DELETE FROM audit_log WHERE actor_id = $1`, [admin.user.id])).rejects.toThrow(/append-only/);
    await ctx.pool.query(`INSERT INTO registry_history (county_code, household_id, action, actor_name, source) VALUES ($1, $2, 'household.updated', 't', 'api')`, [county.countyCode, household.id]);
    await expect(owner.query(`DELETE FROM registry_history WHERE county_code = $1`, [county.countyCode])).rejects.toThrow(/append-only/);
    const cadre = await buildUserAndLogin(ctx, { role: 'village-cadre', regionCode: county.villages[0]!.code });
    expect((await ctx.app.inject({ url: '/api/audit', headers: { cookie: cadre.cookie } })).statusCode).toBe(403);
    const otherCounty = await buildCounty(ctx.pool);
    const otherAdmin = await buildUserAndLogin(ctx, { role: 'county-admin', regionCode: otherCounty.code });
    const items = (await ctx.app.inject({ url: `/api/audit?pageSize=500`, headers: { cookie: otherAdmin.cookie } })).json().items;
    expect(items.some((i: { regionCode: string | null }) => i.regionCode?.startsWith(county.countyCode))).toBe(false);
  });

  it('edits are versioned: a stale version is a conflict, and the change is in history with who and when', async () => {
    const detail = (await ctx.app.inject({ url: `/api/households/${household.id}`, headers: { cookie: admin.cookie } })).json();
    const first = await ctx.app.inject({ method: 'PATCH', url: `/api/households/${household.id}`, headers: { cookie: admin.cookie }, payload: { version: detail.version, phone: '13912345678' } });
    expect(first.json()).toEqual({ version: detail.version + 1, isChanged: true });
    const stale = await ctx.app.inject({ method: 'PATCH', url: `/api/households/${household.id}`, headers: { cookie: admin.cookie }, payload: { version: detail.version, address: '别的地址' } });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('CONFLICT');
    const badPhone = await ctx.app.inject({ method: 'PATCH', url: `/api/households/${household.id}`, headers: { cookie: admin.cookie }, payload: { version: detail.version + 1, phone: '12345' } });
    expect(badPhone.json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'phone' });
    const history = (await ctx.app.inject({ url: `/api/households/${household.id}/history`, headers: { cookie: admin.cookie } })).json().items;
    expect(history[0]).toMatchObject({ action: 'household.updated', actorName: admin.user.username, changes: [{ field: 'phone', before: `${household.phone.slice(0, 3)}****${household.phone.slice(7)}`, after: '139****5678' }] });
    const search = (await ctx.app.inject({ url: `/api/households?q=13912345678`, headers: { cookie: admin.cookie } })).json();
    expect(search.items.map((i: { id: string }) => i.id)).toEqual([household.id]);
  });
});
