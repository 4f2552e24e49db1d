import crypto from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCounty, buildHousehold, buildWarning, type BuiltHousehold, type TestCounty } from '../../../test/factories.ts';
import { monitoringPeople } from '../../../test/monitoring-fixtures.ts';
import { testSessions, type Login } from '../../../test/sessions.ts';
import { createTestContext, type TestContext } from '../../../test/test-app.ts';

// Issue 15: a warning (预警) dispatched to the village is verified on the phone offline and applied,
// once, through the web's own moveWarningsInTx, on the day it really happened.

let ctx: TestContext;
let county: TestCounty;
let leader: Login;
let mazhuang: Login;
let baile: Login;
let household: BuiltHousehold;

const { login, setDay, api } = testSessions(() => ctx);

function verification(warningId: string, extra: object = {}) {
  return { clientId: crypto.randomUUID(), kind: 'warningVerification', warningId, outcome: 'riskConfirmed', reason: '入户核实：住院自付 1.2 万元，家中缺劳力', occurredOn: '2026-12-03', ...extra };
}

/** What a verification leaves behind for one warning: its status and day, the clue and case, the audit rows, the outbox rows. */
async function footprint(warningId: string) {
  const { rows } = await ctx.pool.query(
    `SELECT w.status, to_char(w.verified_on, 'YYYY-MM-DD') AS "verifiedOn",
       (SELECT count(*)::int FROM clues WHERE warning_id = w.id) AS clues,
       (SELECT to_char(min(c.clue_date), 'YYYY-MM-DD') FROM clues cl JOIN cases c ON c.clue_id = cl.id WHERE cl.warning_id = w.id) AS "caseClueDate",
       (SELECT count(*)::int FROM audit_log WHERE object_id = w.id::text AND action LIKE 'warning.%' AND action <> 'warning.dispatched') AS audits,
       (SELECT count(*)::int FROM field_actions fa WHERE fa.result->>'warningId' = w.id::text) AS "fieldActions"
     FROM warnings w WHERE w.id = $1`,
    [warningId],
  );
  return rows[0];
}

beforeAll(async () => {
  ctx = await createTestContext();
  county = await buildCounty(ctx.pool);
  ({ leader, mazhuang, baile } = await monitoringPeople(login, county, ['leader', 'mazhuang', 'baile']));
  await setDay('2026-12-05');
  household = await buildHousehold(ctx, { villageCode: county.villages[2]!.code, members: [{ name: '黄离线', relation: 'head' }] });
}, 120_000);

describe('a warning verified offline on the phone', () => {
  it('is in the snapshot, applies once on its real day (the clue and the 15-day clock start there), and leaves the snapshot', async () => {
    const w = await buildWarning(ctx.pool, { household, status: 'dispatched', raisedAt: new Date('2026-11-28T02:00:00Z') });
    const before = (await api(mazhuang, 'GET', '/api/field/snapshot')).json();
    expect(before.warnings.map((x: { id: string }) => x.id)).toContain(w.id);

    const action = verification(w.id);
    const first = await api(mazhuang, 'POST', '/api/field/actions', action);
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json().result).toEqual({ kind: 'warningVerification', warningId: w.id, status: 'riskConfirmed', caseId: expect.any(String), caseNumber: expect.any(String) });
    expect(await footprint(w.id)).toEqual({ status: 'riskConfirmed', verifiedOn: '2026-12-03', clues: 1, caseClueDate: '2026-12-03', audits: 1, fieldActions: 1 });

    const replay = await api(mazhuang, 'POST', '/api/field/actions', action);
    expect(replay.statusCode, replay.body).toBe(200);
    expect(replay.json()).toMatchObject({ replayed: true, result: first.json().result });
    expect(await footprint(w.id)).toEqual({ status: 'riskConfirmed', verifiedOn: '2026-12-03', clues: 1, caseClueDate: '2026-12-03', audits: 1, fieldActions: 1 });

    const after = (await api(mazhuang, 'GET', '/api/field/snapshot')).json();
    expect(after.warnings.map((x: { id: string }) => x.id)).not.toContain(w.id);
  });

  it('handled at a desk meanwhile: 409 warningMovedOn, and nothing of the phone’s result is recorded', async () => {
    const w = await buildWarning(ctx.pool, { household, status: 'dispatched', raisedAt: new Date('2026-11-28T02:00:00Z') });
    const desk = await api(mazhuang, 'POST', '/api/warnings/transition', { ids: [w.id], to: 'noRisk', reason: '电话核实无风险', occurredOn: '2026-12-04' });
    expect(desk.json().results).toEqual([{ id: w.id, ok: true }]);
    const late = await api(mazhuang, 'POST', '/api/field/actions', verification(w.id));
    expect(late.statusCode, late.body).toBe(409);
    expect(late.json()).toMatchObject({ code: 'CONFLICT', reason: 'warningMovedOn' });
    expect(await footprint(w.id)).toEqual({ status: 'noRisk', verifiedOn: '2026-12-04', clues: 0, caseClueDate: null, audits: 1, fieldActions: 0 });
  });

  it('refuses with the field and stores nothing: no note, a day before the warning, another village, a role that may not verify', async () => {
    const w = await buildWarning(ctx.pool, { household, status: 'dispatched', raisedAt: new Date('2026-11-28T02:00:00Z') });
    const noNote = await api(mazhuang, 'POST', '/api/field/actions', verification(w.id, { outcome: 'noRisk', reason: '  ' }));
    expect(noNote.statusCode).toBe(400);
    expect(noNote.json()).toMatchObject({ field: 'reason' });
    const early = await api(mazhuang, 'POST', '/api/field/actions', verification(w.id, { occurredOn: '2026-11-20' }));
    expect(early.statusCode).toBe(400);
    expect(early.json()).toMatchObject({ reason: 'beforeWarning', field: 'occurredOn', params: { raisedOn: '2026-11-28' } });
    const future = await api(mazhuang, 'POST', '/api/field/actions', verification(w.id, { occurredOn: '2026-12-06' }));
    expect(future.statusCode).toBe(400);
    expect((await api(baile, 'POST', '/api/field/actions', verification(w.id))).statusCode).toBe(404);
    // A leader reads warnings and verifies none: 403 for the whole action.
    const refused = await api(leader, 'POST', '/api/field/actions', verification(w.id));
    expect(refused.statusCode, refused.body).toBe(403);
    expect(await footprint(w.id)).toEqual({ status: 'dispatched', verifiedOn: null, clues: 0, caseClueDate: null, audits: 0, fieldActions: 0 });
  });
});
