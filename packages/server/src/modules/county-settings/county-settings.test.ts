import { beforeAll, describe, expect, it } from 'vitest';
import { buildCounty, buildUserAndLogin, type TestCounty } from '../../../test/factories.ts';
import { createTestContext, type TestContext } from '../../../test/test-app.ts';
import { normalizeSupervisionPhone } from './update-county-settings.ts';

// Issue 11 item 10: the county's supervision / hotline number, set by its county admin (audited),
// printed on the public notice (公示, cases.test.ts) and the self-application QR poster.
let ctx: TestContext;
let county: TestCounty;

beforeAll(async () => {
  ctx = await createTestContext();
  county = await buildCounty(ctx.pool);
});

const put = (cookie: string, supervisionPhone: unknown) => ctx.app.inject({ method: 'PUT', url: '/api/county-settings', payload: { supervisionPhone }, headers: { cookie } });

describe('county settings', () => {
  it('the county admin sets the supervision number: stored, audited with before and after, read by the county, on the public village', async () => {
    const admin = await buildUserAndLogin(ctx, { role: 'county-admin', regionCode: county.code });
    const village = await buildUserAndLogin(ctx, { role: 'village-cadre', regionCode: county.villages[0]!.code });
    expect((await ctx.app.inject({ url: '/api/county-settings', headers: { cookie: village.cookie } })).json()).toEqual({ countyCode: county.countyCode, supervisionPhone: null, updatedBy: null, updatedByDisplayName: null, updatedAt: null });

    const saved = await put(admin.cookie, ' 0776－7921234 、12317 ');
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ countyCode: county.countyCode, supervisionPhone: '0776－7921234、12317', updatedBy: admin.user.username, updatedAt: expect.any(String) });
    expect((await ctx.app.inject({ url: '/api/county-settings', headers: { cookie: village.cookie } })).json()).toMatchObject({ supervisionPhone: '0776－7921234、12317' });
    // Who changed it is shown by name, never by login name (issue 11 item 9).
    await ctx.pool.query(`UPDATE users SET display_name = '县管理员李新旺' WHERE id = $1`, [admin.user.id]);
    expect((await ctx.app.inject({ url: '/api/county-settings', headers: { cookie: village.cookie } })).json()).toMatchObject({ updatedBy: admin.user.username, updatedByDisplayName: '县管理员李新旺' });
    const { rows } = await ctx.pool.query(`SELECT supervision_phone FROM county_settings WHERE county_code = $1`, [county.countyCode]);
    expect(rows).toEqual([{ supervision_phone: '0776－7921234、12317' }]);

    // Printed on the village's QR poster (the public page reads it without a login).
    const publicVillage = await ctx.app.inject({ url: `/api/public/villages/${county.villages[0]!.code}` });
    expect(publicVillage.json()).toMatchObject({ code: county.villages[0]!.code, supervisionPhone: '0776－7921234、12317' });

    // Cleared: null again, and both changes audited.
    expect((await put(admin.cookie, '')).json()).toMatchObject({ supervisionPhone: null });
    const { rows: audit } = await ctx.pool.query(`SELECT actor_username, before, after FROM audit_log WHERE action = 'county.settings.updated' AND object_id = $1 ORDER BY id`, [county.countyCode]);
    expect(audit).toEqual([
      { actor_username: admin.user.username, before: { supervisionPhone: null }, after: { supervisionPhone: '0776－7921234、12317' } },
      { actor_username: admin.user.username, before: { supervisionPhone: '0776－7921234、12317' }, after: { supervisionPhone: null } },
    ]);
  });

  it('only the county admin may change it; a wrong number is refused saying what is expected', async () => {
    const admin = await buildUserAndLogin(ctx, { role: 'county-admin', regionCode: county.code });
    for (const role of ['county-monitor', 'leader', 'department'] as const) {
      const other = await buildUserAndLogin(ctx, { role, regionCode: county.code });
      const refused = await put(other.cookie, '12317');
      expect(refused.statusCode).toBe(403);
      expect(refused.json()).toMatchObject({ code: 'FORBIDDEN', reason: 'noPermission' });
    }
    const wrong = await put(admin.cookie, '请拨打热线');
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'supervisionPhone', reason: 'supervisionPhoneInvalid', detail: expect.stringContaining('0776-7921234') });
    expect((await put(admin.cookie, 'x'.repeat(61))).statusCode).toBe(400);
  });

  it.each([
    ['0776-7921234', '0776-7921234'],
    ['(0776) 7921234', '(0776) 7921234'],
    ['13800000000; 12317', '13800000000、12317'],
    ['  ', null],
  ])('%s → %s', (text, expected) => expect(normalizeSupervisionPhone(text)).toBe(expected));

  it.each(['123', 'abc', '0776-7921234、12317、12345', '电话 12317', '-12317'])('%s is refused', (text) => expect(() => normalizeSupervisionPhone(text)).toThrow(/supervision number/));
});
