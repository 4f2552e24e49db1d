import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { buildCounty, buildHousehold, buildUserAndLogin, type BuiltHousehold, type TestCounty } from '../../../test/factories.ts';
import { createJobsTestContext, multipartFile, type JobsTestContext } from '../../../test/jobs-app.ts';
import { TEST_SECRET_KEY } from '../../../test/test-app.ts';
import { MONTHLY_RECOMPARE_CRON, MONTHLY_RECOMPARE_QUEUE, MONTHLY_RECOMPARE_TZ, REGISTRY_INDEX_CRON, runMonthlyRecompare } from '../../jobs/compare-departments.ts';
import { REGISTRY_INDEX_QUEUE } from '../../jobs/install.ts';

let ctx: JobsTestContext;
let county: TestCounty;
let household: BuiltHousehold;

beforeAll(async () => {
  ctx = await createJobsTestContext();
  ctx.clock.now = new Date('2026-11-29T04:00:00Z'); // the story's dates, whatever day the suite runs
  county = await buildCounty(ctx.pool);
  household = await buildHousehold(ctx, { villageCode: county.villages[1]!.code, type: 'formerlyPoor' });
  // November's import: 3,000 + 3,000 out of pocket > 5,000 → a warning for 2026-11.
  const clerk = await buildUserAndLogin(ctx, { role: 'department', regionCode: county.code });
  const id = household.members[0]!.idNumber;
  const csv = Buffer.from(['身份证号码,姓名,结算日期,个人自付', `${id},甲,2026-01-10,3000`, `${id},甲,2026-06-01,3000`].join('\r\n'));
  const { payload, contentType } = multipartFile('医保.csv', csv);
  const response = await ctx.app.inject({ method: 'POST', url: '/api/imports/department/medical', headers: { cookie: clerk.cookie, 'content-type': contentType }, payload });
  expect(response.json()).toMatchObject({ matched: 2, warnings: 1, newWarnings: 1 });
});

const periods = async () => (await ctx.pool.query<{ period: string }>(`SELECT period FROM warnings WHERE household_id = $1 ORDER BY period`, [household.id])).rows.map((r) => r.period);

describe('scheduled comparison', () => {
  it('pg-boss holds the monthly schedule (1st of the month, 02:00 Beijing time)', async () => {
    const schedules = await ctx.jobs.boss.getSchedules();
    expect(schedules).toContainEqual(expect.objectContaining({ name: MONTHLY_RECOMPARE_QUEUE, cron: MONTHLY_RECOMPARE_CRON }));
    expect(MONTHLY_RECOMPARE_CRON).toBe('0 2 1 * *');
    expect(MONTHLY_RECOMPARE_TZ).toBe('Asia/Shanghai');
  });

  it("pg-boss holds the nightly refresh of the registry's index (01:30 Beijing time)", async () => {
    const schedules = await ctx.jobs.boss.getSchedules();
    expect(schedules).toContainEqual(expect.objectContaining({ name: REGISTRY_INDEX_QUEUE, cron: '30 1 * * *', options: expect.objectContaining({ tz: 'Asia/Shanghai' }) }));
    expect(REGISTRY_INDEX_CRON).toBe('30 1 * * *');
  });

  it('a county admin re-runs a source now: next month the household is still over the line, once', async () => {
    expect(await periods()).toEqual(['2026-11']);
    ctx.clock.advance(3 * 86_400_000); // early December
    const admin = await buildUserAndLogin(ctx, { role: 'county-admin', regionCode: county.code });
    const monitor = await buildUserAndLogin(ctx, { role: 'county-monitor', regionCode: county.code });
    const url = '/api/department-sources/medical/recompare';
    expect((await ctx.app.inject({ method: 'POST', url, headers: { cookie: monitor.cookie } })).statusCode).toBe(403);
    const first = await ctx.app.inject({ method: 'POST', url, headers: { cookie: admin.cookie } });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ households: 1, warnings: 1, newWarnings: 1, recomparedOn: '2026-12-02' });
    expect(await periods()).toEqual(['2026-11', '2026-12']);
    const again = await ctx.app.inject({ method: 'POST', url, headers: { cookie: admin.cookie } });
    expect(again.json()).toMatchObject({ warnings: 1, newWarnings: 0 });
    expect(await periods()).toEqual(['2026-11', '2026-12']);
    const settings = await ctx.app.inject({ url: '/api/department-sources/medical/settings', headers: { cookie: admin.cookie } });
    expect(settings.json()).toMatchObject({ lastRecomparedOn: '2026-12-02', monthlyRecompare: false });
    ctx.clock.advance(-3 * 86_400_000);
  });

  it('the monthly job re-runs only the sources switched on, and records the date', async () => {
    const c = await buildCounty(ctx.pool);
    const admin = await buildUserAndLogin(ctx, { role: 'county-admin', regionCode: c.code });
    await ctx.app.inject({ method: 'PUT', url: '/api/department-sources/medical/settings', headers: { cookie: admin.cookie }, payload: { monthlyRecompare: true } });
    await ctx.app.inject({ method: 'PUT', url: '/api/department-sources/housing/settings', headers: { cookie: admin.cookie }, payload: { monthlyRecompare: false } });
    const outcomes = await runMonthlyRecompare({ pool: ctx.pool, cipher: ctx.cipher, now: () => ctx.clock.now }, { countyCodes: [c.countyCode] });
    expect(outcomes).toEqual([{ countyCode: c.countyCode, source: 'medical', households: 0, warnings: 0, newWarnings: 0 }]);
    const { rows } = await ctx.pool.query(`SELECT source, last_recompared_on FROM department_source_settings WHERE county_code = $1 ORDER BY source`, [c.countyCode]);
    expect(rows).toEqual([
      { source: 'housing', last_recompared_on: null },
      { source: 'medical', last_recompared_on: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) },
    ]);
  });

  it('the CLI re-runs a county and source: fangpin department recompare --json', async () => {
    const bin = path.resolve(import.meta.dirname, '../../../bin/fangpin.mjs');
    const env = { ...process.env, DATABASE_URL: inject('databaseUrl'), FANGPIN_SECRET_KEY: TEST_SECRET_KEY };
    const { stdout } = await promisify(execFile)(process.execPath, [bin, 'department', 'recompare', '--source', 'medical', '--county', county.countyCode, '--json'], { env });
    expect(JSON.parse(stdout)).toMatchObject({ source: 'medical', countyCode: county.countyCode, households: 1, warnings: 1, recomparedOn: expect.any(String) });
  });
});
