import type { Role } from '@fangpin/domain';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCounty, buildHousehold, buildUserAndLogin, type TestCounty } from '../../../test/factories.ts';
import { multipart } from '../../../test/personal-data-activity.ts';
import { createTestContext, type TestContext } from '../../../test/test-app.ts';

/**
 * Issue #10 item 3: an attachment is downloaded only by who may read the case or visit report it
 * belongs to — in the actor's region (else 404, ids cannot be probed) and with the role's read right
 * (else 403) — and every download is audited.
 */
let ctx: TestContext;
let county: TestCounty;
let caseAttachment: string;
let visitAttachment: string;
type Login = { cookie: string; user: { id: string; username: string } };
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
const users = {} as Record<Role | 'otherVillage' | 'otherCounty', Login>;

async function upload(who: Login, url: string, fields: Record<string, string>) {
  const { payload, headers } = multipart(fields, { name: 'scan.png', content: PNG, type: 'image/png' });
  const r = await ctx.app.inject({ method: 'POST', url, payload, headers: { ...headers, cookie: who.cookie } });
  expect(r.statusCode, r.body).toBe(201);
  return r.json().id as string;
}

beforeAll(async () => {
  ctx = await createTestContext();
  ctx.clock.now = new Date('2026-11-02T02:00:00Z');
  county = await buildCounty(ctx.pool);
  const village = county.villages[0]!;
  const household = await buildHousehold(ctx, { villageCode: village.code });
  for (const [key, role, region] of [
    ['county-admin', 'county-admin', county.countyCode],
    ['county-monitor', 'county-monitor', county.countyCode],
    ['township-officer', 'township-officer', county.townships[0]!.code],
    ['village-cadre', 'village-cadre', village.code],
    ['helping-cadre', 'helping-cadre', county.countyCode],
    ['department', 'department', county.countyCode],
    ['leader', 'leader', county.countyCode],
    ['otherVillage', 'village-cadre', county.villages[2]!.code],
  ] as const) {
    users[key] = await buildUserAndLogin(ctx, { role, regionCode: region });
  }
  const other = await buildCounty(ctx.pool);
  users.otherCounty = await buildUserAndLogin(ctx, { role: 'county-admin', regionCode: other.countyCode });

  const call = await ctx.app.inject({
    method: 'POST',
    url: '/api/hotline-calls',
    headers: { cookie: users['county-monitor'].cookie },
    payload: {
      callerName: '张大姐',
      callerPhone: '13807765522',
      regionCode: village.code,
      householdId: household.id,
      content: '老人住院',
      result: 'dispatched',
      riskTypes: ['01'],
    },
  });
  expect(call.statusCode, call.body).toBe(201);
  caseAttachment = await upload(users['village-cadre'], `/api/cases/${call.json().caseId}/attachments`, {
    purpose: 'consent',
  });
  const visit = await ctx.app.inject({
    method: 'POST',
    url: '/api/visit-reports',
    headers: { cookie: users['village-cadre'].cookie },
    payload: { householdId: household.id, regionCode: village.code, visitedOn: '2026-11-02', observed: '老人卧床' },
  });
  visitAttachment = await upload(users['village-cadre'], `/api/visit-reports/${visit.json().id}/attachments`, {});
});

describe('attachment downloads', () => {
  it.each<[keyof typeof users, number, number]>([
    // who, case attachment, visit attachment
    ['county-admin', 200, 200],
    ['county-monitor', 200, 200],
    ['township-officer', 200, 200],
    ['village-cadre', 200, 200],
    ['helping-cadre', 403, 200], // files visit reports, may not read cases
    ['leader', 200, 403], // reads cases, not visit reports
    ['department', 404, 404], // sees no persons at all: not found, as for a missing id
    ['otherVillage', 404, 404], // another village of the county: out of region
    ['otherCounty', 404, 404],
  ])('%s: case → %i, visit → %i', async (who, caseStatus, visitStatus) => {
    const caseR = await ctx.app.inject({
      url: `/api/attachments/${caseAttachment}`,
      headers: { cookie: users[who].cookie },
    });
    const visitR = await ctx.app.inject({
      url: `/api/attachments/${visitAttachment}`,
      headers: { cookie: users[who].cookie },
    });
    expect(caseR.statusCode).toBe(caseStatus);
    expect(visitR.statusCode).toBe(visitStatus);
    for (const r of [caseR, visitR]) {
      if (r.statusCode === 200) expect(r.rawPayload.equals(PNG)).toBe(true);
      else expect(r.headers['content-type']).toContain('application/problem+json');
    }
    const { rows } = await ctx.pool.query(
      `SELECT object_id FROM audit_log WHERE actor_id = $1 AND action = 'attachment.downloaded' ORDER BY id`,
      [users[who].user.id],
    );
    expect(rows.map((r) => r.object_id)).toEqual([
      ...(caseStatus === 200 ? [caseAttachment] : []),
      ...(visitStatus === 200 ? [visitAttachment] : []),
    ]);
  });

  it('an unknown id is 404, a malformed one 400, without a session 401', async () => {
    expect(
      (
        await ctx.app.inject({
          url: '/api/attachments/00000000-0000-4000-8000-000000000000',
          headers: { cookie: users['county-admin'].cookie },
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (await ctx.app.inject({ url: '/api/attachments/x', headers: { cookie: users['county-admin'].cookie } }))
        .statusCode,
    ).toBe(400);
    expect((await ctx.app.inject({ url: `/api/attachments/${caseAttachment}` })).statusCode).toBe(401);
  });
});
