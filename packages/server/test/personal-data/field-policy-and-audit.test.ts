import type { Role } from '@fangpin/domain';
import { beforeAll, describe, expect, it } from 'vitest';
import { xlsxText } from '../id-rebuild.ts';
import { buildActivity, type Activity } from '../personal-data-activity.ts';
import { createTestContext, type TestContext } from '../test-app.ts';

/**
 * Issue #10 items 2 and 3: one field policy per role on every read path, and reads of personal data
 * audited. On the county of `buildActivity` (the head of the family has 肺结核 on the verification
 * form and a 36,000-yuan medical settlement; ID numbers and the phone 13977001234 were typed into
 * calls, the visit report, comments and the application).
 */
let ctx: TestContext;
let a: Activity;
const TYPED_PHONE = '13977001234';

const get = async (role: Role, url: string) => {
  const r = await ctx.app.inject({ url, headers: { cookie: a.logins[role].cookie } });
  return r;
};

beforeAll(async () => {
  ctx = await createTestContext();
  a = await buildActivity(ctx);
}, 120_000);

describe('field policy', () => {
  it('household detail: leaders and helping cadres get no health status; the village cadre does', async () => {
    for (const role of ['leader', 'helping-cadre'] as const) {
      const detail = (await get(role, `/api/households/${a.ids.householdId}`)).json();
      expect(detail.abilities).toMatchObject({ canReveal: false, canSeeHealth: false });
      expect(detail.members.map((m: { health: string | null }) => m.health)).toEqual(detail.members.map(() => null));
      expect(detail.members[0]).not.toHaveProperty('birthDate');
      expect(detail.members[0].birthYear).toBeGreaterThan(1900);
      expect(detail.members[0].idNumberMasked).toMatch(/^\d{6}\*{11}[\dX]$/);
    }
    const cadre = (await get('village-cadre', `/api/households/${a.ids.householdId}`)).json();
    expect(cadre.abilities).toMatchObject({ canReveal: true, canSeeHealth: true });
    expect(cadre.members.some((m: { health: string | null }) => m.health === 'chronic')).toBe(true);
  });

  it('history: the health change is left out for the leader', async () => {
    const fields = async (role: Role) =>
      (
        (await get(role, `/api/households/${a.ids.householdId}/history`)).json().items as {
          changes: { field: string }[];
        }[]
      ).flatMap((i) => i.changes.map((c) => c.field));
    expect(await fields('county-admin')).toContain('health');
    expect(await fields('leader')).not.toContain('health');
  });

  it('case detail: the leader reads it without health status, diagnoses or typed numbers; the cadre with them', async () => {
    const leader = await get('leader', `/api/cases/${a.ids.caseId}`);
    expect(leader.statusCode).toBe(200);
    expect(leader.body).not.toContain('肺结核');
    expect(leader.body).not.toContain(TYPED_PHONE);
    expect(leader.body).toContain('139****1234');
    const members = leader.json().household.members as { health?: string | null }[];
    expect(members.every((m) => m.health === null)).toBe(true);
    expect(JSON.stringify(leader.json().facts.verification.members)).not.toContain('"health"');
    const cadre = await get('village-cadre', `/api/cases/${a.ids.caseId}`);
    expect(cadre.body).toContain('肺结核');
    expect(cadre.body).toContain(TYPED_PHONE);
    // Nobody gets a birth date back, not even who typed it: the year only.
    expect(cadre.json().facts.verification.members[0]).not.toHaveProperty('birthDate');
    expect(cadre.json().facts.verification.members[0].birthYear).toBeGreaterThan(1900);
  });

  it('warnings: the medical wording and amounts are withheld from the leader, kept for the county centre', async () => {
    const leader = (await get('leader', `/api/warnings?householdId=${a.ids.householdId}`)).json().items[0];
    expect(leader.message).toContain('涉及健康信息');
    expect(leader.numbers).toEqual({});
    expect(leader.riskType).toBe('01');
    const monitor = (await get('county-monitor', `/api/warnings?householdId=${a.ids.householdId}`)).json().items[0];
    expect(monitor.message).toContain('合规自付 36800 元');
    // The clue and case the confirmed warning became keep it withheld too.
    const clues = (await get('leader', '/api/clues?channel=warning')).json().items;
    expect(clues.length).toBeGreaterThan(0);
    expect(clues.every((c: { summary: string }) => !c.summary.includes('36800'))).toBe(true);
  });

  it('visit reports: the helping cadre reads what the visitor wrote with ID and phone numbers masked', async () => {
    const items = (await get('helping-cadre', '/api/visit-reports')).json().items as { observed: string; id: string }[];
    const report = items.find((v) => v.id === a.ids.visitReportId)!;
    expect(report.observed).toContain('139****1234');
    expect(report.observed).not.toContain(TYPED_PHONE);
    expect(report.observed).toMatch(/\d{6}\*{11}[\dX]/);
    const cadre = (await get('village-cadre', '/api/visit-reports'))
      .json()
      .items.find((v: { id: string }) => v.id === a.ids.visitReportId);
    expect(cadre.observed).toContain(TYPED_PHONE);
  });

  it('an ID number typed into free text is stored masked, for everyone', async () => {
    const head = a.persons.find((p) => p.memberId === a.ids.headMemberId)!;
    const calls = (await get('county-monitor', '/api/hotline-calls')).json().items as { content: string }[];
    const call = calls.find((c) => c.content.includes('住院'))!;
    expect(call.content).not.toContain(head.idNumber);
    expect(call.content).toContain(`${head.idNumber.slice(0, 6)}***********${head.idNumber.slice(17)}`);
    expect(call.content).toContain(TYPED_PHONE);
  });

  it('the registry import errors keep the birth year only', async () => {
    const r = await get('county-admin', `/api/imports/${a.ids.registryBatchId}/errors.xlsx`);
    expect(r.statusCode).toBe(200);
    const text = await xlsxText(r.rawPayload);
    expect(text).toMatch(/\d{6}\*{11}[\dX]/);
    expect(text).not.toMatch(/(19|20)\d{2}-\d{2}-\d{2}/);
  });
});

describe('reads of personal data are audited', () => {
  it('household view, history and search, case view, notice print, warning rows, visit list, attachment download and exports each write a row', async () => {
    const leader = a.logins.leader.user.id;
    const admin = a.logins['county-admin'].user.id;
    const monitor = a.logins['county-monitor'].user.id;
    await get('leader', `/api/households/${a.ids.householdId}`);
    await get('leader', `/api/households/${a.ids.householdId}/history`);
    await get('leader', `/api/households?q=${encodeURIComponent(a.persons[0]!.name!.slice(0, 1))}`);
    await get('leader', `/api/cases/${a.ids.caseId}`);
    await get('leader', `/api/cases/${a.ids.caseId}/notice`);
    await get('leader', `/api/attachments/${a.ids.caseAttachmentId}`);
    await get('county-monitor', `/api/warnings/${a.ids.warningId}/rows`);
    await get('county-monitor', '/api/visit-reports');
    await get('county-monitor', '/api/hotline-calls/export.xlsx');
    await get('county-admin', `/api/imports/${a.ids.registryBatchId}/errors.xlsx`);
    await get('county-monitor', `/api/department-batches/${a.ids.departmentBatchId}/errors.xlsx`);
    const { rows } = await ctx.pool.query<{
      actor_id: string;
      action: string;
      object_id: string | null;
      details: Record<string, unknown> | null;
    }>(`SELECT actor_id, action, object_id, details FROM audit_log WHERE actor_id = ANY($1::uuid[]) ORDER BY id`, [
      [leader, admin, monitor],
    ]);
    const by = (actor: string, action: string) => rows.filter((r) => r.actor_id === actor && r.action === action);
    expect(by(leader, 'household.viewed').map((r) => r.object_id)).toContain(a.ids.householdId);
    expect(by(leader, 'household.viewed').at(-1)!.details).toMatchObject({ memberIds: expect.any(Array) });
    expect(by(leader, 'household.history.viewed').map((r) => r.object_id)).toContain(a.ids.householdId);
    expect(by(leader, 'household.searched').at(-1)!.details).toMatchObject({
      by: 'name',
      householdIds: expect.any(Array),
      total: expect.any(Number),
    });
    expect(by(leader, 'case.viewed').map((r) => r.object_id)).toContain(a.ids.caseId);
    expect(by(leader, 'case.notice.printed').map((r) => r.object_id)).toContain(a.ids.caseId);
    expect(by(leader, 'attachment.downloaded').map((r) => r.object_id)).toContain(a.ids.caseAttachmentId);
    expect(by(monitor, 'warning.rows.viewed').map((r) => r.object_id)).toContain(a.ids.warningId);
    expect(by(monitor, 'visit.listed').at(-1)!.details).toMatchObject({
      visitReportIds: expect.arrayContaining([a.ids.visitReportId]),
    });
    expect(by(monitor, 'hotline.exported')).toHaveLength(1);
    expect(by(monitor, 'department.batchErrors.exported').map((r) => r.object_id)).toContain(a.ids.departmentBatchId);
    expect(by(admin, 'registry.importErrors.exported').map((r) => r.object_id)).toContain(a.ids.registryBatchId);
    // The reveals of the activity: with their reason, and no full number in the row.
    const reveals = by(monitor, 'member.idNumber.revealed');
    expect(reveals.at(-1)!.details).toMatchObject({ reason: '核对医保报销名单' });
    const head = a.persons.find((p) => p.memberId === a.ids.headMemberId)!;
    expect(JSON.stringify(rows)).not.toContain(head.idNumber);
  });
});
