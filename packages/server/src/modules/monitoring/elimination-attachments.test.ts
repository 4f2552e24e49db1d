import { beforeAll, describe, expect, it } from 'vitest';
import { buildCounty, buildHousehold, PNG, type BuiltHousehold, type TestCounty } from '../../../test/factories.ts';
import { approveHousehold, monitoringPeople } from '../../../test/monitoring-fixtures.ts';
import { multipart, testSessions, type Login } from '../../../test/sessions.ts';
import { createTestContext, type TestContext } from '../../../test/test-app.ts';

/**
 * The files of a risk elimination (风险消除, issue 13): each step's evidence — the home check's signed
 * record, the deliberation's minutes — is uploaded by who acts in that step, listed on the case,
 * downloaded by who reads the household, scoped by region and audited; a decided case takes none.
 */
let ctx: TestContext;
let county: TestCounty;
let people: Record<'monitor' | 'leader' | 'township' | 'otherTownship' | 'baile' | 'department' | 'cadre', Login>;
let household: BuiltHousehold;
let id = '';

const { login, setDay, api } = testSessions(() => ctx);

async function upload(who: Login, purpose: string, name = `${purpose}.png`) {
  const { payload, headers } = multipart({ purpose }, { name, content: PNG, type: 'image/png' });
  return ctx.app.inject({ method: 'POST', url: `/api/cases/${id}/attachments`, payload, headers: { ...headers, cookie: who.cookie } });
}
async function step(who: Login, type: string, occurredOn: string, data?: object) {
  const { version } = (await api(people.monitor, 'GET', `/api/eliminations/${id}`)).json<{ version: number }>();
  const r = await api(who, 'POST', `/api/eliminations/${id}/events`, { type, version, occurredOn, ...(data ? { data } : {}) });
  expect(r.statusCode, r.body).toBe(200);
}

beforeAll(async () => {
  ctx = await createTestContext();
  county = await buildCounty(ctx.pool);
  people = await monitoringPeople(login, county, ['monitor', 'leader', 'township', 'otherTownship', 'baile', 'department', 'cadre']);
  household = await buildHousehold(ctx, { villageCode: county.villages[3]!.code, members: [{ name: '韦附件', relation: 'head' }] });
  await setDay('2026-03-01');
  await approveHousehold(ctx, api, people.monitor, household, { clueDate: '2026-01-10', approvedOn: '2026-01-20', category: 'unstable', riskTypes: ['01'] });
  const m = await api(people.monitor, 'POST', `/api/households/${household.id}/measures`, { riskType: '01', category: 'health', measure: '医疗救助', startOn: '2026-02-10', status: 'delivered' });
  expect(m.statusCode, m.body).toBe(201);
  await setDay('2026-08-20');
  const line = (await api(people.monitor, 'GET', `/api/households/${household.id}/elimination-check`)).json<{ monitoringLine: number }>().monitoringLine;
  await ctx.pool.query(`UPDATE household_monitoring SET per_capita_income = $2 WHERE household_id = $1`, [household.id, line + 2000]);
  const created = await api(people.baile, 'POST', `/api/households/${household.id}/eliminations`, { mode: 'assisted', reason: '收入稳定', occurredOn: '2026-08-01' });
  expect(created.statusCode, created.body).toBe(201);
  id = created.json<{ id: string }>().id;
  await step(people.township, 'startVerification', '2026-08-02');
}, 120_000);

describe("a risk elimination's files", () => {
  let fileUrl = '';

  it('the home check takes its signed record from who acts in it, audited; the county (not at this step) and a leader may not', async () => {
    const r = await upload(people.baile, 'evidence', '入户核实表.png');
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({ purpose: 'evidence', fileName: '入户核实表.png', size: PNG.length, mimeType: 'image/png' });
    fileUrl = r.json().url;
    const { rows } = await ctx.pool.query(`SELECT action, details->>'purpose' AS purpose FROM audit_log WHERE object_id = $1 AND action = 'case.attachment.added'`, [id]);
    expect(rows).toEqual([{ action: 'case.attachment.added', purpose: 'evidence' }]);
    expect((await upload(people.monitor, 'evidence')).json()).toMatchObject({ status: 403, reason: 'roleNotAllowed' });
    expect((await upload(people.leader, 'evidence')).json()).toMatchObject({ status: 403, reason: 'mayNotAttachToCases' });
  });

  it('outside the region the case and its files are not found', async () => {
    expect((await upload(people.otherTownship, 'evidence')).statusCode).toBe(404);
    expect((await api(people.otherTownship, 'GET', fileUrl)).statusCode).toBe(404);
    // A department clerk sees no persons: the file does not exist for it.
    expect((await api(people.department, 'GET', fileUrl)).statusCode).toBe(404);
  });

  it('the case lists its files with kind, date, uploader and size; a leader reads and downloads them (audited)', async () => {
    const detail = await api(people.leader, 'GET', `/api/eliminations/${id}`);
    expect(detail.statusCode).toBe(200);
    expect(detail.json().availableEvents).toEqual([]);
    const [file] = detail.json().attachments;
    expect(detail.json().attachments).toHaveLength(1);
    expect(file).toMatchObject({ purpose: 'evidence', fileName: '入户核实表.png', size: PNG.length, url: fileUrl });
    expect(file.uploadedBy).toEqual(expect.any(String));
    expect(Date.parse(file.createdAt)).not.toBeNaN();
    const download = await api(people.leader, 'GET', fileUrl);
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(PNG)).toBe(true);
    expect(download.headers['content-disposition']).toContain("filename*=UTF-8''%E5%85%A5");
    const { rows } = await ctx.pool.query(`SELECT details->>'ownerId' AS "ownerId" FROM audit_log WHERE action = 'attachment.downloaded' AND actor_id = $1`, [people.leader.user.id]);
    expect(rows).toEqual([{ ownerId: id }]);
  });

  it('a helping cadre downloads them exactly when it may read the elimination: once assigned to the household', async () => {
    const before = await api(people.cadre, 'GET', `/api/eliminations/${id}`);
    expect((await api(people.cadre, 'GET', fileUrl)).statusCode).toBe(before.statusCode === 200 ? 200 : 404);
    const assigned = await api(people.township, 'POST', `/api/households/${household.id}/helpers`, { kind: 'cadre', userId: people.cadre.user.id, assignedOn: '2026-08-20' });
    expect(assigned.statusCode, assigned.body).toBe(201);
    expect((await api(people.cadre, 'GET', `/api/eliminations/${id}`)).statusCode).toBe(200);
    expect((await api(people.cadre, 'GET', fileUrl)).statusCode).toBe(200);
    // Its role does not read or add to cases.
    expect((await upload(people.cadre, 'evidence')).statusCode).toBe(403);
  });

  it('the deliberation takes its minutes at its step; a rejected case takes no more files', async () => {
    await step(people.baile, 'recordVerification', '2026-08-03', { perCapitaIncome: 9000, basicNeedsSecured: true });
    expect((await upload(people.baile, 'minutes', '评议记录.png')).statusCode).toBe(201);
    await step(people.baile, 'recordDeliberation', '2026-08-05', { result: 'notRecommend', attendees: 9, minutes: '评议', reason: '群众有异议' });
    const detail = (await api(people.monitor, 'GET', `/api/eliminations/${id}`)).json();
    expect(detail.step).toBe('rejected');
    expect(detail.attachments.map((a: { purpose: string }) => a.purpose)).toEqual(['evidence', 'minutes']);
    expect((await upload(people.baile, 'notice')).json()).toMatchObject({ status: 422, reason: 'caseClosed' });
  });
});
