import { beforeAll, describe, expect, it } from 'vitest';
import { buildCounty, buildUser, login, TEST_PASSWORD, type TestCounty } from '../../../test/factories.ts';
import { createTestContext, type TestContext } from '../../../test/test-app.ts';

let ctx: TestContext;
let county: TestCounty;

beforeAll(async () => {
  // Many logins from one address: the per-address rate limit is not what this file tests (see trust-proxy.test.ts).
  ctx = await createTestContext({ loginMaxFailures: 3, loginLockMs: 15 * 60_000, sessionIdleMs: 30 * 60_000, sessionAbsoluteMs: 12 * 3_600_000, loginRatePerMinute: 1000 });
  county = await buildCounty(ctx.pool);
});

describe('POST /api/auth/login', () => {
  it('sets an httpOnly session cookie and returns the user with role, region and abilities', async () => {
    const user = await buildUser(ctx.pool, { role: 'county-admin', regionCode: county.code });
    const response = await ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: user.username, password: TEST_PASSWORD } });
    expect(response.statusCode).toBe(200);
    const cookie = response.cookies.find((c) => c.name === 'fangpin_session');
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Strict');
    const body = response.json();
    expect(body.user).toMatchObject({ username: user.username, role: 'county-admin', regionCode: county.code, regionName: county.name });
    expect(body.user.abilities).toMatchObject({ canReveal: true, canImport: true, canReadAudit: true });
    expect(JSON.stringify(body)).not.toContain('password');
  });

  it.each([
    ['wrong password', (u: string) => ({ username: u, password: 'wrong-password-1' })],
    ['unknown user', () => ({ username: 'nobody-here', password: TEST_PASSWORD })],
  ])('answers 401 problem+json for a %s', async (_, payloadOf) => {
    const user = await buildUser(ctx.pool, { role: 'leader', regionCode: county.code });
    const response = await ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: payloadOf(user.username) });
    expect(response.statusCode).toBe(401);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json()).toMatchObject({ status: 401, code: 'INVALID_CREDENTIALS', reason: 'loginFailed', params: { maxFailures: expect.any(Number), minutes: expect.any(Number) } });
    expect(response.json().detail).not.toMatch(/[\u4e00-\u9fff]/);
  });

  it('answers 400 with the field for a malformed body', async () => {
    const response = await ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'x' } });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'password' });
  });

  it('locks the account after repeated failures, even for the right password, until the lock ends', async () => {
    const user = await buildUser(ctx.pool, { role: 'village-cadre', regionCode: county.villages[0]!.code });
    for (let i = 0; i < 3; i++) {
      const r = await ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: user.username, password: 'wrong-password-1' } });
      expect(r.statusCode).toBe(401);
    }
    const right = await ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: user.username, password: TEST_PASSWORD } });
    expect(right.statusCode).toBe(401);
    expect((await lockOf(user.id)).lockedUntil).not.toBeNull();
    ctx.clock.advance(16 * 60_000);
    const later = await ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: user.username, password: TEST_PASSWORD } });
    expect(later.statusCode).toBe(200);
    const { rows } = await ctx.pool.query(`SELECT action, details FROM audit_log WHERE object_id = $1 ORDER BY id`, [user.id]);
    expect(rows.map((r) => r.action)).toEqual(['auth.login.failed', 'auth.login.failed', 'auth.login.failed', 'auth.login.failed', 'auth.login']);
    expect(rows.map((r) => r.details?.isLocked ?? null)).toEqual([false, false, true, true, null]);
  });

  it('answers an unknown user, a wrong password and a locked account (even with the right password) alike', async () => {
    const user = await buildUser(ctx.pool, { role: 'village-cadre', regionCode: county.villages[1]!.code });
    const attempt = (username: string, password: string) => ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
    const unknown = await attempt(`nobody-${user.username}`, TEST_PASSWORD);
    const wrong = await attempt(user.username, 'wrong-password-1');
    await attempt(user.username, 'wrong-password-1');
    await attempt(user.username, 'wrong-password-1');
    expect((await lockOf(user.id)).lockedUntil).not.toBeNull();
    const lockedRight = await attempt(user.username, TEST_PASSWORD);
    const lockedWrong = await attempt(user.username, 'wrong-password-1');
    const answers = [unknown, wrong, lockedRight, lockedWrong].map((r) => ({ status: r.statusCode, type: r.headers['content-type'], body: r.json() }));
    expect(answers[0]).toMatchObject({ status: 401, body: { code: 'INVALID_CREDENTIALS' } });
    for (const answer of answers) expect(answer).toEqual(answers[0]);
    expect(lockedRight.cookies.find((c) => c.name === 'fangpin_session')).toBeUndefined();
  });

  it('audits a failed login with an unknown username, without the username (it may be a mistyped password)', async () => {
    const typed = `Nobody-typed-this-${Date.now()}`;
    const before = (await ctx.pool.query<{ n: number }>(`SELECT max(id)::int AS n FROM audit_log`)).rows[0]!.n ?? 0;
    const r = await ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: typed, password: TEST_PASSWORD } });
    expect(r.statusCode).toBe(401);
    const { rows } = await ctx.pool.query(`SELECT actor_id, actor_username, actor_role, action, object_id, details FROM audit_log WHERE id > $1`, [before]);
    expect(rows).toEqual([{ actor_id: null, actor_username: 'anonymous', actor_role: 'anonymous', action: 'auth.login.failed', object_id: null, details: { reason: 'unknownUser', isLocked: false } }]);
    expect(JSON.stringify(rows)).not.toContain(typed);
  });

  it('answers a disabled account like a wrong password, even with the right password', async () => {
    const user = await buildUser(ctx.pool, { role: 'leader', regionCode: county.code });
    await ctx.pool.query(`UPDATE users SET is_disabled = true WHERE id = $1`, [user.id]);
    const unknown = await ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: `nobody-${user.username}`, password: TEST_PASSWORD } });
    const disabled = await ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: user.username, password: TEST_PASSWORD } });
    expect({ status: disabled.statusCode, body: disabled.json() }).toEqual({ status: unknown.statusCode, body: unknown.json() });
  });

  it('lets a city- or province-level account log in and fail to (its audit row has no county): no 500', async () => {
    for (const regionCode of [`${county.countyCode.slice(0, 4)}00000000`, '450000000000']) {
      const user = await buildUser(ctx.pool, { role: 'leader', regionCode });
      const wrong = await ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: user.username, password: 'wrong-password-1' } });
      expect([regionCode, wrong.statusCode]).toEqual([regionCode, 401]);
      const right = await ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: user.username, password: TEST_PASSWORD } });
      expect([regionCode, right.statusCode]).toEqual([regionCode, 200]);
      const { rows } = await ctx.pool.query(`SELECT action, county_code FROM audit_log WHERE object_id = $1 ORDER BY id`, [user.id]);
      expect(rows).toEqual([{ action: 'auth.login.failed', county_code: null }, { action: 'auth.login', county_code: null }]);
    }
  });

  it('starts counting again when a lock has expired: one more failure does not lock the account again', async () => {
    const user = await buildUser(ctx.pool, { role: 'county-admin', regionCode: county.code });
    for (let i = 0; i < 3; i++) await ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: user.username, password: 'wrong-password-1' } });
    expect((await lockOf(user.id)).lockedUntil).not.toBeNull();
    // The attack the issue describes: one wrong password every 15 minutes kept the account locked for good.
    for (let round = 0; round < 4; round++) {
      ctx.clock.advance(16 * 60_000);
      const r = await ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: user.username, password: 'wrong-password-1' } });
      expect(r.statusCode).toBe(401);
      expect(await lockOf(user.id)).toEqual({ failedLogins: 1, lockedUntil: null });
      ctx.clock.advance(1);
      const right = await ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: user.username, password: TEST_PASSWORD } });
      expect(right.statusCode).toBe(200);
      for (let i = 0; i < 3; i++) await ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: user.username, password: 'wrong-password-1' } });
    }
  });

  it('keeps a lock as it is while it lasts: failures during the lock do not extend it', async () => {
    const user = await buildUser(ctx.pool, { role: 'leader', regionCode: county.code });
    for (let i = 0; i < 3; i++) await ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: user.username, password: 'wrong-password-1' } });
    const { lockedUntil } = await lockOf(user.id);
    ctx.clock.advance(10 * 60_000);
    await ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: user.username, password: 'wrong-password-1' } });
    expect((await lockOf(user.id)).lockedUntil).toEqual(lockedUntil);
    ctx.clock.advance(6 * 60_000);
    expect((await ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: user.username, password: TEST_PASSWORD } })).statusCode).toBe(200);
  });
});

async function lockOf(userId: string): Promise<{ failedLogins: number; lockedUntil: Date | null }> {
  const { rows } = await ctx.pool.query(`SELECT failed_logins AS "failedLogins", locked_until AS "lockedUntil" FROM users WHERE id = $1`, [userId]);
  return rows[0];
}

describe('sessions', () => {
  it('expires after the idle limit', async () => {
    const cookie = await login(ctx, await buildUser(ctx.pool, { role: 'leader', regionCode: county.code }));
    expect((await ctx.app.inject({ url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(200);
    ctx.clock.advance(20 * 60_000);
    expect((await ctx.app.inject({ url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(200);
    ctx.clock.advance(31 * 60_000);
    const expired = await ctx.app.inject({ url: '/api/auth/me', headers: { cookie } });
    expect(expired.statusCode).toBe(401);
    expect(expired.json().code).toBe('UNAUTHENTICATED');
  });

  it('expires at the absolute limit even when active', async () => {
    const cookie = await login(ctx, await buildUser(ctx.pool, { role: 'leader', regionCode: county.code }));
    // Active every 25 minutes (never idle), the session still ends 12 hours after login.
    for (let step = 1; step <= 29; step++) {
      ctx.clock.advance(25 * 60_000);
      const status = (await ctx.app.inject({ url: '/api/auth/me', headers: { cookie } })).statusCode;
      expect([step, status]).toEqual([step, step * 25 < 12 * 60 ? 200 : 401]);
    }
  });

  it('ends at logout', async () => {
    const cookie = await login(ctx, await buildUser(ctx.pool, { role: 'leader', regionCode: county.code }));
    expect((await ctx.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie } })).statusCode).toBe(204);
    expect((await ctx.app.inject({ url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(401);
  });

  it('rejects requests without a session', async () => {
    const response = await ctx.app.inject({ url: '/api/households' });
    expect(response.statusCode).toBe(401);
    expect(response.json().code).toBe('UNAUTHENTICATED');
  });
});

describe('system endpoints', () => {
  it('GET /api/health reports ok and that the database answers (versions: see http/security.test.ts)', async () => {
    const response = await ctx.app.inject({ url: '/api/health' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ status: 'ok', database: 'ok' });
    expect(response.json().databaseVersion).toBeUndefined();
  });

  it('GET /api/openapi.json documents the contract endpoints', async () => {
    const doc = (await ctx.app.inject({ url: '/api/openapi.json' })).json();
    expect(doc.openapi).toMatch(/^3\./);
    for (const path of ['/api/auth/login', '/api/households', '/api/households/{id}', '/api/members/{id}/reveal', '/api/imports/registry', '/api/audit', '/api/regions/tree']) {
      expect(Object.keys(doc.paths)).toContain(path);
    }
  });

  it('unknown API routes are problem+json 404', async () => {
    const response = await ctx.app.inject({ url: '/api/nope' });
    expect(response.statusCode).toBe(404);
    expect(response.json().code).toBe('NOT_FOUND');
  });
});
