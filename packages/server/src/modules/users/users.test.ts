import { beforeAll, describe, expect, it } from 'vitest';
import { buildCounty, buildUser, login, TEST_PASSWORD, type TestCounty } from '../../../test/factories.ts';
import { createTestContext, type TestContext } from '../../../test/test-app.ts';

let ctx: TestContext;
let county: TestCounty;
let other: TestCounty;
let admin: { id: string; username: string; password: string };
let adminCookie: string;

const NEW_PASSWORD = 'Mazhuang-river-7';

beforeAll(async () => {
  ctx = await createTestContext({ loginMaxFailures: 3, loginRatePerMinute: 1000 });
  county = await buildCounty(ctx.pool);
  other = await buildCounty(ctx.pool);
  admin = await buildUser(ctx.pool, { role: 'county-admin', regionCode: county.code });
  adminCookie = await login(ctx, admin);
});

const post = (url: string, cookie: string, payload?: object) => ctx.app.inject({ method: 'POST', url, headers: { cookie }, ...(payload ? { payload } : {}) });
const get = (url: string, cookie: string) => ctx.app.inject({ url, headers: { cookie } });
const tryLogin = (username: string, password: string) => ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
const auditOf = async (userId: string) =>
  (await ctx.pool.query<{ action: string; actor: string; row: string }>(`SELECT action, actor_username AS actor, row_to_json(a)::text AS row FROM audit_log a WHERE object_id = $1 ORDER BY id`, [userId])).rows;

async function createCadre(payload: Partial<{ username: string; password: string; role: string; region: string; mustChangePassword: boolean }> = {}) {
  const username = payload.username ?? `cadre-${Math.random().toString(36).slice(2, 8)}`;
  const response = await post('/api/users', adminCookie, { username, password: 'Initial-pass-42', role: 'village-cadre', region: county.villages[0]!.code, displayName: '马庄村网格员', ...payload });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().user as { id: string; username: string; mustChangePassword: boolean };
}

describe('a county admin creates an account; the person must choose a new password first', () => {
  it('creates it in the region, forced to change by default, and audits it without the password', async () => {
    const user = await createCadre();
    expect(user).toMatchObject({ role: 'village-cadre', regionCode: county.villages[0]!.code, regionName: county.villages[0]!.name, mustChangePassword: true, isDisabled: false, isLocked: false });
    const audit = await auditOf(user.id);
    expect(audit.map((a) => [a.action, a.actor])).toEqual([['user.created', admin.username]]);
    expect(audit[0]!.row).not.toContain('Initial-pass-42');
  });

  it('refuses an account it cannot create with the reason a person reads (taken name, wrong level, other region)', async () => {
    const { username } = await createCadre();
    const taken = await post('/api/users', adminCookie, { username, password: 'Initial-pass-42', role: 'village-cadre', region: county.villages[0]!.code });
    expect(taken.json()).toMatchObject({ code: 'CONFLICT', field: 'username', reason: 'usernameTaken', params: { username } });
    const badName = await post('/api/users', adminCookie, { username: 'a b', password: 'Initial-pass-42', role: 'village-cadre', region: county.villages[0]!.code });
    expect(badName.json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'username', reason: 'usernameInvalid' });
    const level = await post('/api/users', adminCookie, { username: 'cadre-on-county', password: 'Initial-pass-42', role: 'village-cadre', region: county.code });
    expect(level.json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'region', reason: 'roleLevelMismatch' });
    const outside = await post('/api/users', adminCookie, { username: 'cadre-elsewhere', password: 'Initial-pass-42', role: 'village-cadre', region: other.villages[0]!.code });
    expect(outside.json()).toMatchObject({ code: 'FORBIDDEN', field: 'region', reason: 'accountOutsideRegion' });
  });

  it('holds the new user at the password change: every other API answers 403 until they change it', async () => {
    const user = await createCadre();
    const loggedIn = await tryLogin(user.username, 'Initial-pass-42');
    expect(loggedIn.statusCode).toBe(200);
    expect(loggedIn.json().user.mustChangePassword).toBe(true);
    const cookie = `fangpin_session=${loggedIn.cookies.find((c) => c.name === 'fangpin_session')!.value}`;
    const held = await get('/api/households', cookie);
    expect(held.statusCode).toBe(403);
    expect(held.json().code).toBe('PASSWORD_CHANGE_REQUIRED');
    expect((await get('/api/auth/me', cookie)).json().user.mustChangePassword).toBe(true);

    const wrongCurrent = await post('/api/auth/password', cookie, { currentPassword: 'not-the-password-1', newPassword: NEW_PASSWORD });
    expect(wrongCurrent.statusCode).toBe(400);
    expect(wrongCurrent.json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'currentPassword', reason: 'wrongCurrentPassword' });
    const weak = await post('/api/auth/password', cookie, { currentPassword: 'Initial-pass-42', newPassword: 'woaini1314' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json()).toMatchObject({ field: 'newPassword', reasons: ['common'], reason: 'passwordCommon' });
    const same = await post('/api/auth/password', cookie, { currentPassword: 'Initial-pass-42', newPassword: 'Initial-pass-42' });
    expect(same.json()).toMatchObject({ field: 'newPassword', reason: 'newPasswordSame' });
    expect((await get('/api/households', cookie)).statusCode).toBe(403);

    const changed = await post('/api/auth/password', cookie, { currentPassword: 'Initial-pass-42', newPassword: NEW_PASSWORD });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json().user.mustChangePassword).toBe(false);
    expect((await get('/api/households', cookie)).statusCode).toBe(200);
    expect((await tryLogin(user.username, 'Initial-pass-42')).statusCode).toBe(401);
    expect((await tryLogin(user.username, NEW_PASSWORD)).statusCode).toBe(200);
    const audit = await auditOf(user.id);
    expect(audit.map((a) => a.action)).toContain('user.password.changed');
    for (const a of audit) for (const secret of ['Initial-pass-42', NEW_PASSWORD, 'woaini1314']) expect(a.row).not.toContain(secret);
  });

  it('refuses a password against the policy, with every problem as data (reason for a person, codes for programs)', async () => {
    const response = await post('/api/users', adminCookie, { username: 'village-test-01', password: 'village-test-01', role: 'village-cadre', region: county.villages[0]!.code });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'password', reasons: ['containsUsername'], reason: 'passwordContainsUsername' });
    const demo = await post('/api/users', adminCookie, { username: 'village-test-02', password: 'Fangpin#2026', role: 'village-cadre', region: county.villages[0]!.code });
    expect(demo.json()).toMatchObject({ field: 'password', reasons: ['common'] });
    expect(demo.json()).toMatchObject({ reason: 'passwordCommon' });
    expect(demo.json().detail).toMatch(/common password/);
    expect(demo.json().detail).not.toMatch(/[\u4e00-\u9fff]/);
    const { rowCount } = await ctx.pool.query(`SELECT 1 FROM users WHERE username LIKE 'village-test-0%'`);
    expect(rowCount).toBe(0);
  });
});

describe('account administration is scoped to the admin region and role', () => {
  it('lists only accounts of the region; another county’s account is not found', async () => {
    const outsider = await buildUser(ctx.pool, { role: 'leader', regionCode: other.code });
    const inside = await createCadre();
    const list = (await get('/api/users', adminCookie)).json().items as { id: string; regionCode: string; canManage: boolean }[];
    expect(list.map((u) => u.id)).toContain(inside.id);
    expect(list.map((u) => u.id)).not.toContain(outsider.id);
    expect(list.every((u) => u.regionCode.startsWith(county.countyCode))).toBe(true);
    expect(list.find((u) => u.id === admin.id)?.canManage).toBe(false);
    for (const action of ['disable', 'unlock', 'reset-password', 'require-password-change']) {
      const r = await post(`/api/users/${outsider.id}/${action}`, adminCookie);
      expect([action, r.statusCode]).toEqual([action, 404]);
    }
    expect((await post(`/api/users/${outsider.id}/password`, adminCookie, { password: NEW_PASSWORD })).statusCode).toBe(404);
    const created = await post('/api/users', adminCookie, { username: 'outside-cadre', password: NEW_PASSWORD, role: 'village-cadre', region: other.villages[0]!.code });
    expect(created.statusCode).toBe(403);
  });

  it('refuses other roles (403) and the admin’s own account (changed under 修改密码 instead)', async () => {
    const target = await createCadre();
    const monitorCookie = await login(ctx, await buildUser(ctx.pool, { role: 'county-monitor', regionCode: county.code }));
    expect((await get('/api/users', monitorCookie)).statusCode).toBe(403);
    expect((await post(`/api/users/${target.id}/disable`, monitorCookie)).statusCode).toBe(403);
    expect((await post('/api/users', monitorCookie, { username: 'by-monitor', password: NEW_PASSWORD, role: 'leader', region: county.code })).statusCode).toBe(403);
    const self = await post(`/api/users/${admin.id}/disable`, adminCookie);
    expect(self.statusCode).toBe(403);
    expect((await post(`/api/users/${admin.id}/reset-password`, adminCookie)).statusCode).toBe(403);
  });
});

describe('disable, enable, unlock, set and reset a password', () => {
  it('disabling ends every session of the account at once and refuses its login; enabling lets it in again', async () => {
    const user = await buildUser(ctx.pool, { role: 'village-cadre', regionCode: county.villages[1]!.code });
    const phone = await login(ctx, user);
    const desk = await login(ctx, user);
    expect((await get('/api/households', phone)).statusCode).toBe(200);
    const disabled = await post(`/api/users/${user.id}/disable`, adminCookie);
    expect(disabled.statusCode).toBe(200);
    expect(disabled.json()).toMatchObject({ user: { isDisabled: true }, endedSessions: 2 });
    for (const cookie of [phone, desk]) expect((await get('/api/households', cookie)).statusCode).toBe(401);
    expect((await tryLogin(user.username, TEST_PASSWORD)).json().code).toBe('INVALID_CREDENTIALS');
    expect((await post(`/api/users/${user.id}/enable`, adminCookie)).json().user.isDisabled).toBe(false);
    expect((await tryLogin(user.username, TEST_PASSWORD)).statusCode).toBe(200);
    expect((await auditOf(user.id)).map((a) => a.action)).toEqual(expect.arrayContaining(['user.disabled', 'user.enabled']));
  });

  it('unlocks an account locked by failed logins', async () => {
    const user = await buildUser(ctx.pool, { role: 'leader', regionCode: county.code });
    for (let i = 0; i < 3; i++) await tryLogin(user.username, 'wrong-password-1');
    const locked = (await get('/api/users', adminCookie)).json().items.find((u: { id: string }) => u.id === user.id);
    expect(locked).toMatchObject({ isLocked: true, failedLogins: 3 });
    expect(locked.lockedUntil).not.toBeNull();
    expect((await tryLogin(user.username, TEST_PASSWORD)).statusCode).toBe(401);
    const unlocked = await post(`/api/users/${user.id}/unlock`, adminCookie);
    expect(unlocked.json().user).toMatchObject({ isLocked: false, failedLogins: 0, lockedUntil: null });
    expect((await tryLogin(user.username, TEST_PASSWORD)).statusCode).toBe(200);
    expect((await auditOf(user.id)).map((a) => a.action)).toContain('user.unlocked');
  });

  it('setting a password ends the sessions, lifts a lock and (by default) requires a change at the next login', async () => {
    const user = await buildUser(ctx.pool, { role: 'township-officer', regionCode: county.townships[0]!.code });
    const cookie = await login(ctx, user);
    for (let i = 0; i < 3; i++) await tryLogin(user.username, 'wrong-password-1');
    const weak = await post(`/api/users/${user.id}/password`, adminCookie, { password: '123456' });
    expect(weak.json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'password', reasons: ['tooShort', 'common'], reason: 'passwordTooShort', params: { min: 10 } });
    const set = await post(`/api/users/${user.id}/password`, adminCookie, { password: NEW_PASSWORD });
    expect(set.json()).toMatchObject({ user: { mustChangePassword: true, isLocked: false }, endedSessions: 1 });
    expect((await get('/api/auth/me', cookie)).statusCode).toBe(401);
    const again = await tryLogin(user.username, NEW_PASSWORD);
    expect(again.json().user.mustChangePassword).toBe(true);
    const audit = await auditOf(user.id);
    expect(audit.map((a) => a.action)).toContain('user.password.set');
    for (const a of audit) expect(a.row).not.toContain(NEW_PASSWORD);
  });

  it('resetting gives a one-time password, shown once, that must be changed; it is in no audit row', async () => {
    const user = await buildUser(ctx.pool, { role: 'helping-cadre', regionCode: county.code });
    const cookie = await login(ctx, user);
    const reset = await post(`/api/users/${user.id}/reset-password`, adminCookie);
    expect(reset.statusCode).toBe(200);
    expect(reset.headers['cache-control']).toBe('no-store');
    const { temporaryPassword } = reset.json();
    expect(temporaryPassword).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
    expect((await get('/api/auth/me', cookie)).statusCode).toBe(401);
    expect((await tryLogin(user.username, TEST_PASSWORD)).statusCode).toBe(401);
    const loggedIn = await tryLogin(user.username, temporaryPassword);
    expect(loggedIn.json().user.mustChangePassword).toBe(true);
    const audit = await auditOf(user.id);
    expect(audit.map((a) => a.action)).toContain('user.password.reset');
    for (const a of audit) expect(a.row).not.toContain(temporaryPassword);
    const { rows } = await ctx.pool.query(`SELECT count(*)::int AS n FROM audit_log WHERE row_to_json(audit_log)::text LIKE '%' || $1 || '%'`, [temporaryPassword]);
    expect(rows[0].n).toBe(0);
  });

  it('requiring a change holds the open sessions at the password page without logging them out', async () => {
    const user = await buildUser(ctx.pool, { role: 'village-cadre', regionCode: county.villages[2]!.code });
    const cookie = await login(ctx, user);
    expect((await post(`/api/users/${user.id}/require-password-change`, adminCookie)).json().user.mustChangePassword).toBe(true);
    expect((await get('/api/households', cookie)).json().code).toBe('PASSWORD_CHANGE_REQUIRED');
    expect((await get('/api/auth/me', cookie)).statusCode).toBe(200);
    expect((await post('/api/auth/password', cookie, { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD })).statusCode).toBe(200);
    expect((await get('/api/households', cookie)).statusCode).toBe(200);
  });
});

describe('changing one’s own password', () => {
  it('ends the user’s other sessions and keeps this one', async () => {
    const user = await buildUser(ctx.pool, { role: 'leader', regionCode: county.code });
    const here = await login(ctx, user);
    const elsewhere = await login(ctx, user);
    const changed = await post('/api/auth/password', here, { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD });
    expect(changed.json()).toMatchObject({ endedSessions: 1, user: { username: user.username } });
    expect((await get('/api/auth/me', here)).statusCode).toBe(200);
    expect((await get('/api/auth/me', elsewhere)).statusCode).toBe(401);
  });

  it('counts a wrong current password as a failed login (it cannot be guessed from a stolen session)', async () => {
    const user = await buildUser(ctx.pool, { role: 'leader', regionCode: county.code });
    const cookie = await login(ctx, user);
    for (let i = 0; i < 3; i++) await post('/api/auth/password', cookie, { currentPassword: `guess-number-${i}`, newPassword: NEW_PASSWORD });
    const { rows } = await ctx.pool.query(`SELECT locked_until FROM users WHERE id = $1`, [user.id]);
    expect(rows[0].locked_until).not.toBeNull();
    expect((await tryLogin(user.username, TEST_PASSWORD)).statusCode).toBe(401);
  });
});
