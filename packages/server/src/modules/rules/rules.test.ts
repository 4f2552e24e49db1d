import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { XIAO_HUANG } from '@fangpin/domain/fixtures';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { buildCounty, buildUserAndLogin, type TestCounty } from '../../../test/factories.ts';
import { tempFile } from '../../../test/registry-files.ts';
import { createTestContext, TEST_SECRET_KEY, type TestContext } from '../../../test/test-app.ts';

let ctx: TestContext;
let county: TestCounty;
let admin: { cookie: string; user: { id: string; username: string } };
const bin = path.resolve(import.meta.dirname, '../../../bin/fangpin.mjs');

beforeAll(async () => {
  ctx = await createTestContext();
  county = await buildCounty(ctx.pool);
  admin = await buildUserAndLogin(ctx, { role: 'county-admin', regionCode: county.code });
});

const household = (applicationDate: string) => ({ ...XIAO_HUANG, regionCode: county.villages[2]!.code, applicationDate });

describe('rule sets per region and date', () => {
  it('resolves the Guangxi default for a county without its own version', async () => {
    const response = await ctx.app.inject({ url: `/api/rule-sets/in-force?regionCode=${county.countyCode}&date=2026-06-01`, headers: { cookie: admin.cookie } });
    expect(response.statusCode).toBe(200);
    expect(response.json().ruleSet).toMatchObject({ version: 'gx-2026.1', noticeDays: 5, monitoringLine: { yuanPerPersonYear: 9000 } });
  });

  it('a county admin raises next year’s monitoring line: next year’s assessments use it, this year’s do not', async () => {
    const body = { regionCode: county.countyCode, effectiveFrom: '2027-01-01', rules: { monitoringLine: { yuanPerPersonYear: 9600 } }, note: '2027 年监测线' };
    const preview = await ctx.app.inject({ method: 'POST', url: '/api/rule-sets/versions/preview', headers: { cookie: admin.cookie }, payload: body });
    expect(preview.statusCode).toBe(200);
    expect(preview.json().changes).toEqual([{ path: 'monitoringLine.yuanPerPersonYear', before: 9000, after: 9600 }]);
    const { rows: stored } = await ctx.pool.query(`SELECT count(*)::int AS n FROM rule_set_versions WHERE region_code = $1`, [county.code]);
    expect(stored[0].n).toBe(0);

    const published = await ctx.app.inject({ method: 'POST', url: '/api/rule-sets/versions', headers: { cookie: admin.cookie }, payload: body });
    expect(published.statusCode).toBe(201);
    const version = published.json().version as string;
    expect(published.json().resolvedVersion).toBe(`gx-2026.1+${version}`);

    const assess = async (date: string) =>
      (await ctx.app.inject({ method: 'POST', url: '/api/assessments', headers: { cookie: admin.cookie }, payload: { household: household(date) } })).json().assessment;
    const thisYear = await assess('2026-11-20');
    const nextYear = await assess('2027-02-10');
    expect(thisYear).toMatchObject({ monitoringLine: 9000, ruleSetVersion: 'gx-2026.1' });
    expect(nextYear).toMatchObject({ monitoringLine: 9600, ruleSetVersion: `gx-2026.1+${version}` });

    const history = (await ctx.app.inject({ url: `/api/rule-sets/versions?regionCode=${county.countyCode}`, headers: { cookie: admin.cookie } })).json().items;
    expect(history[0]).toMatchObject({ version, effectiveFrom: '2027-01-01', note: '2027 年监测线', createdBy: admin.user.username, createdByDisplayName: admin.user.username });
    // The built-in versions have no account behind them: the web shows 系统内置, not a login name.
    expect(history.at(-1)).toMatchObject({ createdBy: 'system', createdByDisplayName: null });
    const { rows: audit } = await ctx.pool.query(`SELECT action FROM audit_log WHERE object_id = $1`, [version]);
    expect(audit).toEqual([{ action: 'ruleset.published' }]);

    // A later change to another field keeps the county's earlier one (versions are complete per region).
    const later = await ctx.app.inject({ method: 'POST', url: '/api/rule-sets/versions', headers: { cookie: admin.cookie }, payload: { regionCode: county.countyCode, effectiveFrom: '2027-06-01', rules: { noticeLevel: 'township' } } });
    expect(later.json().changes).toEqual([{ path: 'noticeLevel', before: 'village', after: 'township' }]);
    expect((await assess('2027-07-01')).monitoringLine).toBe(9600);
    const impossible = await ctx.app.inject({ method: 'POST', url: '/api/rule-sets/versions/preview', headers: { cookie: admin.cookie }, payload: { ...body, effectiveFrom: '2027-02-30' } });
    expect(impossible.json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'effectiveFrom' });
  });

  it('refuses invalid versions with the field, unchanged versions, other roles and other counties', async () => {
    const post = (cookie: string, payload: object) => ctx.app.inject({ method: 'POST', url: '/api/rule-sets/versions', headers: { cookie }, payload });
    const invalid = await post(admin.cookie, { regionCode: county.countyCode, effectiveFrom: '2027-03-01', rules: { noticeDays: 3 } });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'rules.noticeDays' });
    const same = await post(admin.cookie, { regionCode: county.countyCode, effectiveFrom: '2026-03-01', rules: { noticeDays: 5 } });
    expect(same.json().detail).toMatch(/changes nothing/);
    expect(same.json()).toMatchObject({ field: 'rules', reason: 'ruleSetUnchanged' });
    const cadre = await buildUserAndLogin(ctx, { role: 'village-cadre', regionCode: county.villages[0]!.code });
    expect((await post(cadre.cookie, { regionCode: county.countyCode, effectiveFrom: '2027-01-01', rules: { noticeDays: 7 } })).statusCode).toBe(403);
    const other = await buildCounty(ctx.pool);
    const otherAdmin = await buildUserAndLogin(ctx, { role: 'county-admin', regionCode: other.code });
    const outside = await post(otherAdmin.cookie, { regionCode: county.countyCode, effectiveFrom: '2027-01-01', rules: { noticeDays: 7 } });
    expect(outside.statusCode).toBe(403);
    expect(outside.json()).toMatchObject({ code: 'FORBIDDEN', reason: 'outOfScope' });
    const township = await post(admin.cookie, { regionCode: county.townships[0]!.code, effectiveFrom: '2027-01-01', rules: { noticeDays: 7 } });
    expect(township.json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'regionCode', reason: 'ruleSetLevel' });
    // A village cadre reads the rules in force for its village (inherited from the county).
    expect((await ctx.app.inject({ url: '/api/rule-sets/in-force?date=2026-05-01', headers: { cookie: cadre.cookie } })).json().ruleSet.version).toBe('gx-2026.1');
  });

  it('counts working days on the official calendar, refuses a year without data, and accepts holidays supplied by the rule set', async () => {
    const add = (date: string, days: number) => ctx.app.inject({ url: `/api/calendar/add-working-days?date=${date}&days=${days}&regionCode=${county.countyCode}`, headers: { cookie: admin.cookie } });
    expect((await add('2026-09-30', 5)).json().result).toBe('2026-10-13');
    const missing = await add('2028-03-01', 5);
    expect(missing.statusCode).toBe(422);
    expect(missing.json()).toMatchObject({ code: 'CALENDAR_YEAR_UNAVAILABLE', year: 2028 });
    await ctx.app.inject({
      method: 'POST',
      url: '/api/rule-sets/versions',
      headers: { cookie: admin.cookie },
      payload: { regionCode: county.countyCode, effectiveFrom: '2028-01-01', rules: { calendar: { manualYears: { '2028': { holidays: ['2028-03-02'], makeUpWorkdays: [] } } } } },
    });
    expect((await add('2028-03-01', 1)).json().result).toBe('2028-03-03');
  });
});

describe('CLI', () => {
  const env = () => ({ ...process.env, DATABASE_URL: inject('databaseUrl'), FANGPIN_SECRET_KEY: TEST_SECRET_KEY });

  it('`fangpin assess FILE --json` prints the assessment contract', () => {
    const file = tempFile('xiao-huang.json');
    fs.writeFileSync(file, JSON.stringify(household(XIAO_HUANG.applicationDate)));
    const run = spawnSync(process.execPath, [bin, 'assess', file, '--json'], { env: env(), encoding: 'utf8' });
    expect(run.stderr).toBe('');
    const out = JSON.parse(run.stdout);
    for (const key of ['perCapitaNetIncome', 'monitoringLine', 'withinLine', 'suggestedCategory', 'riskTypes', 'reasons', 'redFlags', 'ruleSetVersion']) expect(out).toHaveProperty(key);
    expect(out).toMatchObject({ withinLine: false, suggestedCategory: null, ruleSetVersion: 'gx-2021.1', monitoringLine: 6000 });
    expect(JSON.stringify(out.redFlags)).toMatch(/面包车/);

    fs.writeFileSync(file, '{"regionCode": 12}');
    const bad = spawnSync(process.execPath, [bin, 'assess', file, '--json'], { env: env(), encoding: 'utf8' });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/regionCode/);
  }, 60_000);

  it('`fangpin calendar add-working-days` prints the date, and fails clearly for a year without data', () => {
    const ok = spawnSync(process.execPath, [bin, 'calendar', 'add-working-days', '2026-09-30', '5'], { encoding: 'utf8' });
    expect(ok.stdout.trim()).toBe('2026-10-13');
    expect(ok.status).toBe(0);
    const missing = spawnSync(process.execPath, [bin, 'calendar', 'add-working-days', '2030-01-02', '3'], { encoding: 'utf8' });
    expect(missing.status).not.toBe(0);
    expect(missing.stderr).toMatch(/No working-day calendar for 2030/);
  }, 60_000);
});
