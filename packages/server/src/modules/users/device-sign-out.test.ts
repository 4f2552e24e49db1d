import { beforeAll, describe, expect, it } from 'vitest';
import { buildCounty, buildUser, login, type TestCounty } from '../../../test/factories.ts';
import { createTestContext, type TestContext } from '../../../test/test-app.ts';

/** Issue 15 item 5: a county admin signs a device (a session) of an account out; the device learns why. */
let ctx: TestContext;
let county: TestCounty;
let other: TestCounty;
let adminCookie: string;

const PHONE = 'Mozilla/5.0 (Linux; Android 10; Redmi 9A) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36';
const DESKTOP = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36';

beforeAll(async () => {
  ctx = await createTestContext({ loginRatePerMinute: 1000 });
  county = await buildCounty(ctx.pool);
  other = await buildCounty(ctx.pool);
  adminCookie = await login(ctx, await buildUser(ctx.pool, { role: 'county-admin', regionCode: county.code }));
});

async function signIn(user: { username: string; password: string }, userAgent: string): Promise<string> {
  const response = await ctx.app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'user-agent': userAgent }, payload: { username: user.username, password: user.password } });
  expect(response.statusCode, response.body).toBe(200);
  return `fangpin_session=${response.cookies.find((c) => c.name === 'fangpin_session')!.value}`;
}

const sessionsOf = (id: string, cookie = adminCookie) => ctx.app.inject({ url: `/api/users/${id}/sessions`, headers: { cookie } });
const signOut = (id: string, payload: object, cookie = adminCookie) => ctx.app.inject({ method: 'POST', url: `/api/users/${id}/sign-out`, headers: { cookie }, payload });
const me = (cookie: string) => ctx.app.inject({ url: '/api/auth/me', headers: { cookie } });

describe('device sign-out by the county admin', () => {
  it('lists the devices (user agent, signed in at, last seen; no IP) and signs one out: its next request is 401 sessionRevoked, once', async () => {
    const cadre = await buildUser(ctx.pool, { role: 'village-cadre', regionCode: county.villages[0]!.code });
    const phone = await signIn(cadre, PHONE);
    const desktop = await signIn(cadre, DESKTOP);

    const listed = await sessionsOf(cadre.id);
    expect(listed.statusCode, listed.body).toBe(200);
    const items = listed.json<{ items: { id: string; userAgent: string; signedInAt: string; lastSeenAt: string }[] }>().items;
    expect(items.map((s) => s.userAgent).sort()).toEqual([PHONE, DESKTOP].sort());
    expect(Object.keys(items[0]!).sort()).toEqual(['expiresAt', 'id', 'lastSeenAt', 'signedInAt', 'userAgent']);
    expect(listed.body).not.toMatch(/127\.0\.0\.1|remoteAddress|"ip"/i);

    const phoneSession = items.find((s) => s.userAgent === PHONE)!;
    const ended = await signOut(cadre.id, { sessionId: phoneSession.id });
    expect(ended.statusCode, ended.body).toBe(200);
    expect(ended.json()).toMatchObject({ endedSessions: 1, items: [{ userAgent: DESKTOP }] });

    const refused = await me(phone);
    expect(refused.statusCode).toBe(401);
    expect(refused.json()).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'sessionRevoked' });
    // Said once: the row is gone afterwards (a plain 401, as for any ended session).
    const again = await me(phone);
    expect(again.statusCode).toBe(401);
    expect(again.json().reason).toBeUndefined();
    // The other device is still signed in.
    expect((await me(desktop)).statusCode).toBe(200);

    const audit = await ctx.pool.query<{ action: string; details: { endedSessions: number; sessionIds: string[]; scope: string } }>(
      `SELECT action, details FROM audit_log WHERE object_id = $1 AND action = 'user.signedOut'`,
      [cadre.id],
    );
    expect(audit.rows).toEqual([{ action: 'user.signedOut', details: { endedSessions: 1, sessionIds: [phoneSession.id], scope: 'one' } }]);
  });

  it('signs every device out at once; a device no longer signed in is a 404 with the reason', async () => {
    const cadre = await buildUser(ctx.pool, { role: 'helping-cadre', regionCode: county.villages[0]!.code });
    const a = await signIn(cadre, PHONE);
    const b = await signIn(cadre, DESKTOP);
    const first = (await sessionsOf(cadre.id)).json<{ items: { id: string }[] }>().items[0]!;
    const all = await signOut(cadre.id, {});
    expect(all.json()).toMatchObject({ endedSessions: 2, items: [] });
    for (const cookie of [a, b]) expect((await me(cookie)).json()).toMatchObject({ reason: 'sessionRevoked' });
    expect((await sessionsOf(cadre.id)).json()).toEqual({ items: [] });
    const gone = await signOut(cadre.id, { sessionId: first.id });
    expect(gone.statusCode).toBe(404);
    expect(gone.json()).toMatchObject({ reason: 'sessionNotOpen' });
  });

  it('disabling the account signs every device out the same way: 401 sessionRevoked, so the phone wipes its store', async () => {
    const cadre = await buildUser(ctx.pool, { role: 'village-cadre', regionCode: county.villages[1]!.code });
    const phone = await signIn(cadre, PHONE);
    const disabled = await ctx.app.inject({ method: 'POST', url: `/api/users/${cadre.id}/disable`, headers: { cookie: adminCookie } });
    expect(disabled.statusCode, disabled.body).toBe(200);
    expect(disabled.json()).toMatchObject({ endedSessions: 1 });
    expect((await me(phone)).json()).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'sessionRevoked' });
    // Enabled again, the old device stays signed out; a new login works.
    expect((await ctx.app.inject({ method: 'POST', url: `/api/users/${cadre.id}/enable`, headers: { cookie: adminCookie } })).statusCode).toBe(200);
    expect((await me(phone)).statusCode).toBe(401);
    expect((await me(await signIn(cadre, PHONE))).statusCode).toBe(200);
  });

  it('only a county admin of that county: another role 403, another county 404, nothing signed out', async () => {
    const cadre = await buildUser(ctx.pool, { role: 'village-cadre', regionCode: county.villages[0]!.code });
    const phone = await signIn(cadre, PHONE);
    const monitor = await login(ctx, await buildUser(ctx.pool, { role: 'county-monitor', regionCode: county.code }));
    const otherAdmin = await login(ctx, await buildUser(ctx.pool, { role: 'county-admin', regionCode: other.code }));
    expect((await signOut(cadre.id, {}, monitor)).statusCode).toBe(403);
    expect((await sessionsOf(cadre.id, monitor)).statusCode).toBe(403);
    expect((await signOut(cadre.id, {}, otherAdmin)).statusCode).toBe(404);
    expect((await sessionsOf(cadre.id, otherAdmin)).statusCode).toBe(404);
    expect((await me(phone)).statusCode).toBe(200);
    expect((await signOut(cadre.id, { sessionId: 'not-a-uuid' })).statusCode).toBe(400);
    expect((await signOut(cadre.id, { everything: true })).statusCode).toBe(400);
  });
});
