import { maskIdNumber } from '@fangpin/domain';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildCounty,
  buildHelperAssignment,
  buildHousehold,
  buildUserAndLogin,
  type BuiltHousehold,
  type TestCounty,
} from '../../../test/factories.ts';
import { createTestContext, type TestContext } from '../../../test/test-app.ts';

/**
 * Issue #10 items 1 and 3: a reveal asks for a reason and is limited per user; a search by a full ID
 * number (an oracle: "is this number registered, and where?") is open only to roles that may reveal,
 * limited per user, and audited with the masked number.
 */
let ctx: TestContext;
/** The same app with a window of 1.5 s, to see the limit free up. */
let short: TestContext;
let county: TestCounty;
let household: BuiltHousehold;

beforeAll(async () => {
  ctx = await createTestContext({
    revealLimit: { max: 3, windowMs: 3_600_000 },
    identifierSearchLimit: { max: 2, windowMs: 3_600_000 },
  });
  county = await buildCounty(ctx.pool);
  household = await buildHousehold(ctx, { villageCode: county.villages[0]!.code });
  short = await createTestContext({ revealLimit: { max: 1, windowMs: 1_500 } });
});

/** A member's reveal as the session `cookie` (on the app `on`: the shared one unless a test needs other limits). */
const reveal = (cookie: string, memberId: string, payload: object, on: TestContext = ctx) =>
  on.app.inject({ method: 'POST', url: `/api/members/${memberId}/reveal`, headers: { cookie }, payload });

describe('reveal', () => {
  it('needs a reason, which the audit row keeps', async () => {
    const cadre = await buildUserAndLogin(ctx, { role: 'village-cadre', regionCode: county.villages[0]!.code });
    const member = household.members[0]!;
    const without = await reveal(cadre.cookie, member.id, { field: 'idNumber' });
    expect(without.statusCode).toBe(400);
    expect(without.json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'reason' });
    const blank = await reveal(cadre.cookie, member.id, { field: 'idNumber', reason: '  ' });
    expect(blank.statusCode).toBe(400);
    // What the audit row cannot hold is refused with the field (a lone surrogate made PostgreSQL's jsonb fail: 500).
    for (const reason of ['核对\ud800身份', '核对\udc00身份', '核对\u0000身份', '核对\u001b[31m身份']) {
      const odd = await reveal(cadre.cookie, member.id, { field: 'idNumber', reason });
      expect(odd.statusCode, JSON.stringify(reason)).toBe(400);
      expect(odd.json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'reason' });
    }
    // A paired surrogate (an emoji), line breaks and full-width characters are ordinary text.
    expect(
      (await reveal(cadre.cookie, member.id, { field: 'idNumber', reason: '核对身份 📋\n（入户）' })).statusCode,
    ).toBe(200);
    const ok = await reveal(cadre.cookie, member.id, { field: 'idNumber', reason: '填写医保报销申请表' });
    expect(ok.json()).toEqual({ value: member.idNumber });
    const { rows } = await ctx.pool.query(
      `SELECT details FROM audit_log WHERE actor_id = $1 AND action = 'member.idNumber.revealed' ORDER BY at, id`,
      [cadre.user.id],
    );
    expect(rows).toEqual([
      {
        details: { householdId: household.id, masked: maskIdNumber(member.idNumber), reason: '核对身份 📋\n（入户）' },
      },
      { details: { householdId: household.id, masked: maskIdNumber(member.idNumber), reason: '填写医保报销申请表' } },
    ]);
    const phone = await ctx.app.inject({
      method: 'POST',
      url: `/api/households/${household.id}/reveal`,
      headers: { cookie: cadre.cookie },
      payload: { field: 'phone' },
    });
    expect(phone.json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'reason' });
  });

  it('is limited per user: the next one is a 429 that says when to retry; other users are not affected', async () => {
    const cadre = await buildUserAndLogin(ctx, { role: 'village-cadre', regionCode: county.villages[0]!.code });
    const member = household.members[1]!;
    for (let i = 0; i < 2; i++)
      expect((await reveal(cadre.cookie, member.id, { field: 'idNumber', reason: '核对身份' })).statusCode).toBe(200);
    expect(
      (
        await ctx.app.inject({
          method: 'POST',
          url: `/api/households/${household.id}/reveal`,
          headers: { cookie: cadre.cookie },
          payload: { field: 'phone', reason: '回访' },
        })
      ).statusCode,
    ).toBe(200);
    const refused = await reveal(cadre.cookie, member.id, { field: 'phone', reason: '核对身份' });
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    const problem = refused.json();
    expect(problem).toMatchObject({ code: 'RATE_LIMITED', limit: 3, windowSeconds: 3600 });
    expect(problem.retryAfter).toBeGreaterThan(3500);
    expect(problem.retryAfter).toBeLessThanOrEqual(3600);
    expect(refused.headers['retry-after']).toBe(String(problem.retryAfter));
    // Errors as data: the reason and its params; the app writes the sentence in the reader's language.
    expect(problem).toMatchObject({ reason: 'revealLimited', params: { max: 3, windowMinutes: 60, minutes: 60 } });
    expect(problem.detail).toMatch(/try again in 60 minute/);
    // The refused reveal leaves no audit row and no value.
    const { rows } = await ctx.pool.query(
      `SELECT count(*)::int AS n FROM audit_log WHERE actor_id = $1 AND action LIKE '%.revealed'`,
      [cadre.user.id],
    );
    expect(rows[0].n).toBe(3);
    const colleague = await buildUserAndLogin(ctx, { role: 'village-cadre', regionCode: county.villages[0]!.code });
    expect((await reveal(colleague.cookie, member.id, { field: 'idNumber', reason: '核对身份' })).statusCode).toBe(200);
  });

  it('at the limit, says when the oldest of the last `max` leaves the window (a lowered limit counts only the latest)', async () => {
    // Three reveals 50, 30 and 10 minutes ago; the limit is now 2 an hour: free again when the one of
    // 30 minutes ago leaves the window (in 30 minutes), not when the one of 50 minutes ago does.
    const lowered = await createTestContext({ revealLimit: { max: 2, windowMs: 3_600_000 } });
    const monitor = await buildUserAndLogin(lowered, { role: 'county-monitor', regionCode: county.countyCode });
    for (const minutes of [50, 30, 10])
      await lowered.pool.query(
        `INSERT INTO audit_log (actor_id, actor_username, actor_role, action, object_type, region_code, county_code, at)
         VALUES ($1, $2, 'county-monitor', 'member.idNumber.revealed', 'member', $3, $4, now() - $5 * interval '1 minute')`,
        [monitor.user.id, monitor.user.username, county.countyCode, county.countyCode, minutes],
      );
    const refused = await reveal(monitor.cookie, household.members[0]!.id, { field: 'idNumber', reason: '核对' }, lowered);
    expect(refused.statusCode).toBe(429);
    expect(refused.json().retryAfter).toBeGreaterThan(29 * 60);
    expect(refused.json().retryAfter).toBeLessThanOrEqual(30 * 60);
  });

  it('frees up again when the window has passed', async () => {
    const cadre = await buildUserAndLogin(short, { role: 'county-monitor', regionCode: county.countyCode });
    const member = household.members[0]!;
    expect((await reveal(cadre.cookie, member.id, { field: 'idNumber', reason: '核对' }, short)).statusCode).toBe(200);
    const refused = await reveal(cadre.cookie, member.id, { field: 'idNumber', reason: '核对' }, short);
    expect(refused.statusCode).toBe(429);
    expect(refused.json().retryAfter).toBeLessThanOrEqual(2);
    await new Promise((resolve) => setTimeout(resolve, 1_700));
    expect((await reveal(cadre.cookie, member.id, { field: 'idNumber', reason: '核对' }, short)).statusCode).toBe(200);
  });

  it('is refused to roles without the right (403) before any limit', async () => {
    const leader = await buildUserAndLogin(ctx, { role: 'leader', regionCode: county.countyCode });
    for (let i = 0; i < 4; i++)
      expect(
        (await reveal(leader.cookie, household.members[0]!.id, { field: 'idNumber', reason: '看看' })).statusCode,
      ).toBe(403);
  });
});

describe('search by a full ID number or phone', () => {
  it('is refused to roles that may not reveal, with the field; a name search works for them', async () => {
    for (const role of ['leader', 'helping-cadre'] as const) {
      const user = await buildUserAndLogin(ctx, { role, regionCode: county.countyCode });
      if (role === 'helping-cadre') await buildHelperAssignment(ctx.pool, { household, user: user.user });
      const byId = await ctx.app.inject({
        url: `/api/households?q=${household.members[0]!.idNumber}`,
        headers: { cookie: user.cookie },
      });
      expect(byId.statusCode).toBe(403);
      expect(byId.json()).toMatchObject({ code: 'FORBIDDEN', field: 'q' });
      // A phone-shaped query is only a household-number prefix for them: the phone is not matched.
      const byPhone = await ctx.app.inject({
        url: `/api/households?q=${household.phone}`,
        headers: { cookie: user.cookie },
      });
      expect(byPhone.statusCode).toBe(200);
      expect(byPhone.json().items).toEqual([]);
      const byName = await ctx.app.inject({
        url: `/api/households?q=${encodeURIComponent('黄大')}`,
        headers: { cookie: user.cookie },
      });
      expect(byName.json().items.map((i: { id: string }) => i.id)).toContain(household.id);
    }
  });

  it('finds the household for those who may reveal, audited with the masked number, and is limited per user', async () => {
    const monitor = await buildUserAndLogin(ctx, { role: 'county-monitor', regionCode: county.countyCode });
    const idNumber = household.members[0]!.idNumber;
    const first = await ctx.app.inject({ url: `/api/households?q=${idNumber}`, headers: { cookie: monitor.cookie } });
    expect(first.json().items.map((i: { id: string }) => i.id)).toEqual([household.id]);
    const second = await ctx.app.inject({
      url: `/api/households?q=${household.phone}`,
      headers: { cookie: monitor.cookie },
    });
    expect(second.json().items.map((i: { id: string }) => i.id)).toEqual([household.id]);
    const third = await ctx.app.inject({ url: `/api/households?q=${idNumber}`, headers: { cookie: monitor.cookie } });
    expect(third.statusCode).toBe(429);
    expect(third.json()).toMatchObject({ code: 'RATE_LIMITED', retryAfter: expect.any(Number) });
    // Name searches are not limited.
    expect(
      (
        await ctx.app.inject({
          url: `/api/households?q=${encodeURIComponent('黄')}`,
          headers: { cookie: monitor.cookie },
        })
      ).statusCode,
    ).toBe(200);
    const { rows } = await ctx.pool.query(
      `SELECT action, details FROM audit_log WHERE actor_id = $1 AND action LIKE 'household.%' ORDER BY id`,
      [monitor.user.id],
    );
    expect(rows.map((r) => r.action)).toEqual([
      'household.searchedByIdentifier',
      'household.searchedByIdentifier',
      'household.searched',
    ]);
    expect(rows[0].details).toMatchObject({
      by: 'idNumber',
      query: maskIdNumber(idNumber),
      householdIds: [household.id],
      total: 1,
    });
    expect(rows[1].details).toMatchObject({
      by: 'phone',
      query: `${household.phone.slice(0, 3)}****${household.phone.slice(7)}`,
    });
    expect(JSON.stringify(rows)).not.toContain(idNumber);
    expect(JSON.stringify(rows)).not.toContain(household.phone);
  });
});
