import crypto from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCounty, buildHousehold, PNG, type BuiltHousehold, type TestCounty } from '../../../test/factories.ts';
import { approveHousehold, monitoringPeople } from '../../../test/monitoring-fixtures.ts';
import { testSessions, type Login } from '../../../test/sessions.ts';
import { createTestContext, type TestContext } from '../../../test/test-app.ts';

// Issue 15 item 1/2: the village's offline home check of a risk elimination (风险消除 入户核实), queued
// on the phone and applied through the web's own advanceElimination, exactly once per client id.

let ctx: TestContext;
let county: TestCounty;
let people: Record<'monitor' | 'township' | 'baile' | 'mazhuang' | 'cadre', Login>;
let line = 0;

const { login, setDay, api } = testSessions(() => ctx);

/** A monitored household of 百乐村 whose income is above the line, with an elimination proposed on 2026-08-01. */
async function proposedElimination(name: string): Promise<{ household: BuiltHousehold; id: string }> {
  const household = await buildHousehold(ctx, { villageCode: county.villages[3]!.code, members: [{ name, relation: 'head' }] });
  await setDay('2026-03-01');
  await approveHousehold(ctx, api, people.monitor, household, { clueDate: '2026-01-10', approvedOn: '2026-01-20', category: 'unstable', riskTypes: ['01'] });
  const m = await api(people.monitor, 'POST', `/api/households/${household.id}/measures`, { riskType: '01', category: 'health', measure: '医疗救助', startOn: '2026-02-10', status: 'delivered' });
  expect(m.statusCode, m.body).toBe(201);
  await setDay('2026-08-20');
  line = (await api(people.monitor, 'GET', `/api/households/${household.id}/elimination-check`)).json<{ monitoringLine: number }>().monitoringLine;
  await ctx.pool.query(`UPDATE household_monitoring SET per_capita_income = $2 WHERE household_id = $1`, [household.id, line + 2000]);
  const created = await api(people.baile, 'POST', `/api/households/${household.id}/eliminations`, { mode: 'assisted', reason: '收入稳定', occurredOn: '2026-08-01' });
  expect(created.statusCode, created.body).toBe(201);
  return { household, id: created.json<{ id: string }>().id };
}

function checkAction(eliminationId: string, expected: { step: string; version: number }, extra: object = {}) {
  return {
    clientId: crypto.randomUUID(),
    kind: 'eliminationCheck',
    eliminationId,
    expected,
    check: { perCapitaIncome: line + 1800, basicNeedsSecured: true, notes: '离线入户：父亲在县城务工，住房饮水安全' },
    occurredOn: '2026-08-15',
    attachments: [{ purpose: 'evidence', fileName: '入户核实表.png', contentBase64: PNG.toString('base64') }],
    ...extra,
  };
}

async function footprint(caseId: string) {
  const { rows } = await ctx.pool.query(
    `SELECT (SELECT count(*)::int FROM case_events WHERE case_id = $1) AS events,
       (SELECT count(*)::int FROM attachments WHERE owner_kind = 'case' AND owner_id::text = $1::text) AS files,
       (SELECT count(*)::int FROM audit_log WHERE object_id = $1::text AND action LIKE 'elimination.%Verification') AS audits,
       (SELECT count(*)::int FROM field_actions WHERE case_id = $1) AS actions,
       (SELECT step FROM cases WHERE id = $1) AS step, (SELECT version FROM cases WHERE id = $1) AS version`,
    [caseId],
  );
  return rows[0];
}

let first: { household: BuiltHousehold; id: string };
let second: { household: BuiltHousehold; id: string };

beforeAll(async () => {
  ctx = await createTestContext();
  county = await buildCounty(ctx.pool);
  people = await monitoringPeople(login, county, ['monitor', 'township', 'baile', 'mazhuang', 'cadre']);
  first = await proposedElimination('韦离线');
  second = await proposedElimination('韦撤回');
  // The helping cadre helps the first household: still not one who records the home check.
  const assigned = await api(people.township, 'POST', `/api/households/${first.household.id}/helpers`, { kind: 'cadre', userId: people.cadre.user.id, assignedOn: '2026-08-02' });
  expect(assigned.statusCode, assigned.body).toBe(201);
}, 180_000);

describe('the elimination home check offline', () => {
  it('the snapshot holds the eliminations waiting for the home check of the village, with household, proposal, step and version; not for a helping cadre nor another village', async () => {
    const s = (await api(people.baile, 'GET', '/api/field/snapshot')).json();
    const mine = s.eliminations.find((e: { id: string }) => e.id === first.id);
    expect(mine).toMatchObject({
      step: 'proposed',
      version: 1,
      householdId: first.household.id,
      headName: '韦离线',
      mode: 'assisted',
      stepEnteredOn: '2026-08-01',
      proposal: { reason: '收入稳定', perCapitaIncome: line + 2000, on: '2026-08-01' },
      monitoringLine: line,
    });
    expect(s.eliminations.map((e: { id: string }) => e.id).sort()).toEqual([first.id, second.id].sort());
    expect((await api(people.cadre, 'GET', '/api/field/snapshot')).json().eliminations).toEqual([]);
    expect((await api(people.mazhuang, 'GET', '/api/field/snapshot')).json().eliminations).toEqual([]);
  });

  it('applies through the web use case once (dispatch + record on the day of the check); a replay answers 200 with the first result and stores nothing more', async () => {
    const before = await footprint(first.id);
    const action = checkAction(first.id, { step: 'proposed', version: 1 });
    const applied = await api(people.baile, 'POST', '/api/field/actions', action);
    expect(applied.statusCode, applied.body).toBe(201);
    const result = applied.json().result;
    expect(result).toMatchObject({ kind: 'eliminationCheck', eliminationId: first.id, step: 'villageDeliberation', version: 3, attachmentIds: [expect.any(String)] });
    const after = await footprint(first.id);
    expect(after).toEqual({ events: before.events + 2, files: before.files + 1, audits: before.audits + 2, actions: 1, step: 'villageDeliberation', version: 3 });

    const replay = await api(people.baile, 'POST', '/api/field/actions', action);
    expect(replay.statusCode, replay.body).toBe(200);
    expect(replay.json()).toMatchObject({ replayed: true, result });
    expect(await footprint(first.id)).toEqual(after);

    // The web's elimination page shows the step recorded, on its real day, with the photo.
    const detail = (await api(people.monitor, 'GET', `/api/eliminations/${first.id}`)).json();
    expect(detail.facts.verification).toMatchObject({ perCapitaIncome: line + 1800, basicNeedsSecured: true, notes: '离线入户：父亲在县城务工，住房饮水安全', on: '2026-08-15' });
    expect(detail.timeline.slice(-2).map((e: { type: string; onDate: string }) => [e.type, e.onDate])).toEqual([
      ['startVerification', '2026-08-15'],
      ['recordVerification', '2026-08-15'],
    ]);
    expect(detail.attachments).toEqual([expect.objectContaining({ purpose: 'evidence', fileName: '入户核实表.png' })]);
  });

  it('moved on meanwhile (recorded by someone else, withdrawn): 409 caseMovedOn with the case as it is now, nothing stored', async () => {
    const before = await footprint(first.id);
    const again = await api(people.township, 'POST', '/api/field/actions', checkAction(first.id, { step: 'proposed', version: 1 }));
    expect(again.statusCode, again.body).toBe(409);
    expect(again.json()).toMatchObject({ reason: 'caseMovedOn', expected: { step: 'proposed', version: 1 }, current: { step: 'villageDeliberation', version: 3, lastEvent: { type: 'recordVerification', typeZh: expect.any(String), on: '2026-08-15' } } });
    expect(await footprint(first.id)).toEqual(before);

    const withdrawn = await api(people.township, 'POST', `/api/eliminations/${second.id}/events`, { type: 'withdraw', version: 1, occurredOn: '2026-08-10', data: { reason: '农户收入尚不稳定' } });
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    const stale = await footprint(second.id);
    const late = await api(people.baile, 'POST', '/api/field/actions', checkAction(second.id, { step: 'proposed', version: 1 }));
    expect(late.statusCode, late.body).toBe(409);
    expect(late.json()).toMatchObject({ reason: 'caseMovedOn', current: { step: 'withdrawn', version: 2, lastEvent: { type: 'withdraw', reason: '农户收入尚不稳定', on: '2026-08-10' } } });
    expect(await footprint(second.id)).toEqual(stale);
  });

  it('refusals store nothing: another village (404), a day in the future (400)', async () => {
    const third = await proposedElimination('韦未核');
    const before = await footprint(third.id);
    const notMine = await api(people.mazhuang, 'POST', '/api/field/actions', checkAction(third.id, { step: 'proposed', version: 1 }));
    expect(notMine.statusCode, notMine.body).toBe(404);
    const future = await api(people.baile, 'POST', '/api/field/actions', checkAction(third.id, { step: 'proposed', version: 1 }, { occurredOn: '2026-08-21' }));
    expect(future.statusCode, future.body).toBe(400);
    expect(await footprint(third.id)).toEqual(before);
  });
});
