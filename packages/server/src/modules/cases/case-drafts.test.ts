import { CASE_DRAFT_MAX_CHARS } from '@fangpin/domain';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCase, buildCounty, buildUserAndLogin, type TestCounty } from '../../../test/factories.ts';
import { createTestContext, type TestContext } from '../../../test/test-app.ts';

/**
 * Drafts of the home check (草稿, issue 11 item 13): saved from one phone, read back from another
 * session of the same cadre or by a colleague acting in the step, sealed at rest, audited without
 * the values, and gone once the case moves on.
 */
let ctx: TestContext;
let county: TestCounty;

beforeAll(async () => {
  ctx = await createTestContext();
  county = await buildCounty(ctx.pool);
});

const url = (caseId: string) => `/api/cases/${caseId}/drafts/recordVerification`;
const values = { members: [{ memberId: 'm1', name: '黄某', health: 'seriousIllness' }], incomes: [{ component: 'wage', amount: 3200, month: '2026-05' }], notes: '家中有病人' };

describe('drafts of the home-verification form', () => {
  it('a village cadre saves a draft; another session (another phone) reads it back with who saved it; the database holds it sealed', async () => {
    const c = await buildCase(ctx, county, { step: 'homeVerification', villageIndex: 0 });
    const phoneA = await buildUserAndLogin(ctx, { role: 'village-cadre', regionCode: county.villages[0]!.code });
    expect((await ctx.app.inject({ method: 'GET', url: url(c.id), headers: { cookie: phoneA.cookie } })).json()).toEqual({ draft: null });

    const saved = await ctx.app.inject({ method: 'PUT', url: url(c.id), headers: { cookie: phoneA.cookie }, payload: { formStep: 2, values } });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({ caseId: c.id, eventType: 'recordVerification', formStep: 2, values, savedByName: phoneA.user.username });

    // A township officer of the same place (acts in the step too) finds the same draft.
    const township = await buildUserAndLogin(ctx, { role: 'township-officer', regionCode: county.villages[0]!.townshipCode });
    const read = await ctx.app.inject({ method: 'GET', url: url(c.id), headers: { cookie: township.cookie } });
    expect(read.json()).toMatchObject({ draft: { formStep: 2, values, savedByName: phoneA.user.username } });

    // Sealed: neither the health status nor the note is readable in the row.
    const { rows } = await ctx.pool.query<{ raw: string }>(`SELECT encode(values_enc, 'escape') AS raw FROM case_drafts WHERE case_id = $1`, [c.id]);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.raw).not.toContain('seriousIllness');
    expect(rows[0]!.raw).not.toContain('3200');
    // Audited, without the values.
    const audit = await ctx.pool.query<{ action: string; details: unknown }>(`SELECT action, details FROM audit_log WHERE object_id = $1 AND action LIKE 'case.draft.%' ORDER BY id`, [c.id]);
    expect(audit.rows.map((r) => r.action)).toEqual(['case.draft.saved', 'case.draft.viewed']);
    expect(JSON.stringify(audit.rows)).not.toContain('seriousIllness');
  });

  it('the draft is deleted when the case moves on, and no draft can be saved after the step', async () => {
    const c = await buildCase(ctx, county, { step: 'homeVerification', villageIndex: 0 });
    const cadre = await buildUserAndLogin(ctx, { role: 'village-cadre', regionCode: county.villages[0]!.code });
    expect((await ctx.app.inject({ method: 'PUT', url: url(c.id), headers: { cookie: cadre.cookie }, payload: { formStep: 0, values } })).statusCode).toBe(200);
    const moved = await ctx.app.inject({ method: 'POST', url: `/api/cases/${c.id}/events`, headers: { cookie: cadre.cookie }, payload: { type: 'screenOut', version: c.version, data: { reason: '家庭收入稳定' } } });
    expect(moved.statusCode).toBe(200);
    expect((await ctx.pool.query(`SELECT 1 FROM case_drafts WHERE case_id = $1`, [c.id])).rowCount).toBe(0);
    expect((await ctx.app.inject({ method: 'GET', url: url(c.id), headers: { cookie: cadre.cookie } })).json()).toEqual({ draft: null });
    const late = await ctx.app.inject({ method: 'PUT', url: url(c.id), headers: { cookie: cadre.cookie }, payload: { formStep: 0, values } });
    expect(late.json()).toMatchObject({ status: 422, reason: 'draftStepOver' });
  });

  it('discarding deletes it (idempotent); a draft too large is refused with the limit; nothing is stored', async () => {
    const c = await buildCase(ctx, county, { step: 'homeVerification', villageIndex: 0 });
    const cadre = await buildUserAndLogin(ctx, { role: 'village-cadre', regionCode: county.villages[0]!.code });
    const big = await ctx.app.inject({ method: 'PUT', url: url(c.id), headers: { cookie: cadre.cookie }, payload: { formStep: 0, values: { notes: 'x'.repeat(CASE_DRAFT_MAX_CHARS) } } });
    expect(big.json()).toMatchObject({ status: 400, reason: 'draftTooLarge', field: 'values', params: { maxChars: CASE_DRAFT_MAX_CHARS } });
    expect((await ctx.pool.query(`SELECT 1 FROM case_drafts WHERE case_id = $1`, [c.id])).rowCount).toBe(0);
    await ctx.app.inject({ method: 'PUT', url: url(c.id), headers: { cookie: cadre.cookie }, payload: { formStep: 1, values } });
    for (let i = 0; i < 2; i++) expect((await ctx.app.inject({ method: 'DELETE', url: url(c.id), headers: { cookie: cadre.cookie } })).statusCode).toBe(204);
    expect((await ctx.app.inject({ method: 'GET', url: url(c.id), headers: { cookie: cadre.cookie } })).json()).toEqual({ draft: null });
  });

  it('403 for a role that does not fill in the home check (county admin, leader); 404 outside the region', async () => {
    const c = await buildCase(ctx, county, { step: 'homeVerification', villageIndex: 0 });
    for (const role of ['county-admin', 'leader'] as const) {
      const who = await buildUserAndLogin(ctx, { role, regionCode: county.countyCode });
      expect((await ctx.app.inject({ method: 'PUT', url: url(c.id), headers: { cookie: who.cookie }, payload: { formStep: 0, values } })).json(), role).toMatchObject({ status: 403, reason: 'draftRoleNotAllowed' });
    }
    const elsewhere = await buildUserAndLogin(ctx, { role: 'village-cadre', regionCode: county.villages[2]!.code });
    expect((await ctx.app.inject({ method: 'GET', url: url(c.id), headers: { cookie: elsewhere.cookie } })).json()).toMatchObject({ status: 404, reason: 'caseNotFound' });
  });
});
