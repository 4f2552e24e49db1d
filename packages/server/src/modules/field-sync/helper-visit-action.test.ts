import crypto from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCounty, buildHousehold, PNG, type BuiltHousehold, type TestCounty } from '../../../test/factories.ts';
import { approveHousehold, monitoringPeople } from '../../../test/monitoring-fixtures.ts';
import { testSessions, type Login } from '../../../test/sessions.ts';
import { createTestContext, type TestContext } from '../../../test/test-app.ts';

// Issue 15 item 2: the helping cadre's offline helper visit (帮扶走访), queued on the phone and applied
// through the web's own recordHelperVisit, exactly once per client id.

let ctx: TestContext;
let county: TestCounty;
let monitor: Login;
let township: Login;
let cadre: Login;
let otherCadre: Login;
let helped: BuiltHousehold;

const { login, api } = testSessions(() => ctx);

function helperVisitAction(householdId: string, visit: object = {}, extra: object = {}) {
  return {
    clientId: crypto.randomUUID(),
    kind: 'helperVisit',
    householdId,
    visit: { visitedOn: '2026-12-03', observed: '离线走访：父亲在县城务工，孩子按时上学', problems: '屋顶漏雨', ...visit },
    attachments: [{ purpose: 'photo', fileName: '走访.png', contentBase64: PNG.toString('base64') }],
    ...extra,
  };
}

async function footprint(householdId: string) {
  const { rows } = await ctx.pool.query(
    `SELECT (SELECT count(*)::int FROM helper_visits WHERE household_id = $1) AS visits,
       (SELECT count(*)::int FROM attachments a JOIN helper_visits v ON v.id::text = a.owner_id::text WHERE v.household_id = $1) AS photos,
       (SELECT count(*)::int FROM audit_log WHERE object_id = $1::text AND action = 'helperVisit.recorded') AS audits,
       (SELECT per_capita_income FROM household_monitoring WHERE household_id = $1) AS "perCapitaIncome"`,
    [householdId],
  );
  return rows[0];
}

beforeAll(async () => {
  ctx = await createTestContext();
  ctx.clock.now = new Date('2026-12-05T02:00:00Z');
  county = await buildCounty(ctx.pool);
  ({ monitor, township, cadre, otherCadre } = await monitoringPeople(login, county, ['monitor', 'township', 'cadre', 'otherCadre']));
  helped = await buildHousehold(ctx, {
    villageCode: county.villages[2]!.code,
    members: [
      { name: '罗龙学', relation: 'head', birthDate: '1980-03-01' },
      { name: '罗龙学妻', relation: 'spouse', birthDate: '1982-05-01' },
    ],
  });
  await approveHousehold(ctx, api, monitor, helped, { clueDate: '2026-08-20', approvedOn: '2026-08-31', category: 'marginal', riskTypes: ['01'] });
  const assigned = await api(township, 'POST', `/api/households/${helped.id}/helpers`, { kind: 'cadre', userId: cadre.user.id, assignedOn: '2026-09-02' });
  expect(assigned.statusCode, assigned.body).toBe(201);
}, 120_000);

describe('the helping cadre offline: visits due and the helper visit action', () => {
  it('the snapshot holds the households they help with the visit rhythm (last visit, next due day)', async () => {
    const s = (await api(cadre, 'GET', '/api/field/snapshot')).json();
    expect(s.households.map((h: { id: string }) => h.id)).toEqual([helped.id]);
    // Quarterly from identification (2026-08-31): due 2026-11-30, overdue on 2026-12-05.
    expect(s.visitsDue).toEqual([{ householdId: helped.id, lastVisitOn: null, nextVisitDueOn: '2026-11-30', intervalMonths: 3 }]);
  });

  it('applies through the web use case once: a replay answers 200 with the first result and makes no second visit, photo or audit row', async () => {
    const before = await footprint(helped.id);
    const action = helperVisitAction(helped.id, { incomeUpdate: { wage: 24000, operating: 0, property: 0, transfer: 1200, operatingCosts: 0, compliantOutOfPocket: 0 } });
    const first = await api(cadre, 'POST', '/api/field/actions', action);
    expect(first.statusCode, first.body).toBe(201);
    const result = first.json().result;
    expect(result).toMatchObject({ kind: 'helperVisit', householdId: helped.id, helperVisitId: expect.any(String), nextVisitDueOn: '2027-03-03', attachmentIds: [expect.any(String)] });
    const after = await footprint(helped.id);
    // (24000 + 1200) / 2 = 12600 per person: the same reassessment as the web's helper visit.
    expect(after).toEqual({ visits: before.visits + 1, photos: before.photos + 1, audits: before.audits + 1, perCapitaIncome: 12600 });

    const replay = await api(cadre, 'POST', '/api/field/actions', action);
    expect(replay.statusCode, replay.body).toBe(200);
    expect(replay.json()).toMatchObject({ replayed: true, result });
    expect(await footprint(helped.id)).toEqual(after);

    const visits = (await api(monitor, 'GET', `/api/households/${helped.id}/helper-visits`)).json();
    expect(visits.items[0]).toMatchObject({ id: result.helperVisitId, visitedOn: '2026-12-03', problems: '屋顶漏雨', visitorRole: 'helping-cadre', attachments: [expect.objectContaining({ purpose: 'photo' })] });
    const s = (await api(cadre, 'GET', '/api/field/snapshot')).json();
    expect(s.visitsDue).toEqual([{ householdId: helped.id, lastVisitOn: '2026-12-03', nextVisitDueOn: '2027-03-03', intervalMonths: 3 }]);
  });

  it('refusals store nothing and keep the item on the phone: a cadre not assigned (404), a day in the future (400), nothing observed (400)', async () => {
    const before = await footprint(helped.id);
    const notMine = await api(otherCadre, 'POST', '/api/field/actions', helperVisitAction(helped.id));
    expect(notMine.statusCode, notMine.body).toBe(404);
    const future = await api(cadre, 'POST', '/api/field/actions', helperVisitAction(helped.id, { visitedOn: '2026-12-06' }));
    expect(future.statusCode, future.body).toBe(400);
    const empty = await api(cadre, 'POST', '/api/field/actions', helperVisitAction(helped.id, { observed: '   ' }));
    expect(empty.statusCode, empty.body).toBe(400);
    expect(empty.json()).toMatchObject({ reason: 'observedRequired' });
    expect(await footprint(helped.id)).toEqual(before);
  });
});
