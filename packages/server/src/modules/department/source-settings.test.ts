import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { tempFile } from '../../../test/registry-files.ts';
import { TEST_SECRET_KEY } from '../../../test/test-app.ts';
import { buildCounty, buildHousehold, buildUserAndLogin, type BuiltHousehold, type TestCounty } from '../../../test/factories.ts';
import { createJobsTestContext, multipartFile, type JobsTestContext } from '../../../test/jobs-app.ts';

let ctx: JobsTestContext;
let county: TestCounty;
let household: BuiltHousehold;

beforeAll(async () => {
  ctx = await createJobsTestContext();
  ctx.clock.now = new Date('2026-11-29T04:00:00Z'); // the files' dates are of 2026, whatever day the suite runs
  county = await buildCounty(ctx.pool);
  household = await buildHousehold(ctx, { villageCode: county.villages[2]!.code, type: 'formerlyPoor' });
});

/** A medical file as one county's hospital system exports it: none of the usual headers. */
function unusualCsv(lines: string[][]): Buffer {
  return Buffer.from(['\ufeff医保结算（自定义导出）', '公民证件号,姓名,结账日,总额,自付额', ...lines.map((l) => l.join(','))].join('\r\n') + '\r\n');
}

const upload = (cookie: string, url: string, fileName: string, content: Buffer) => {
  const { payload, contentType } = multipartFile(fileName, content);
  return ctx.app.inject({ method: 'POST', url, headers: { cookie, 'content-type': contentType }, payload });
};

describe('header mappings saved per source', () => {
  it('a preview names the unrecognised headers; once mapped and saved, the file previews and imports as a job', async () => {
    const monitor = await buildUserAndLogin(ctx, { role: 'county-monitor', regionCode: county.code });
    const id = household.members[0]!.idNumber;
    const file = unusualCsv([[id, '甲', '2026-05-01', '9000', '6000'], [id, '甲', '2026-06-01', '100', '50']]);

    const first = await upload(monitor.cookie, '/api/imports/department/medical?dryRun=true', 'his.csv', file);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({
      rows: 0,
      isDryRun: true,
      headerCheck: {
        rowNumber: 2,
        recognised: [{ header: '姓名', field: 'name', isMapped: false }],
        unrecognised: ['公民证件号', '结账日', '总额', '自付额'],
        missingFields: [
          { field: 'idNumber', zh: '身份证号码' },
          { field: 'eventDate', zh: '结算日期' },
          { field: 'outOfPocket', zh: '合规自付' },
        ],
      },
    });

    const settingsUrl = '/api/department-sources/medical/settings';
    expect((await ctx.app.inject({ url: settingsUrl, headers: { cookie: monitor.cookie } })).json()).toMatchObject({ countyCode: county.countyCode, headerMapping: {}, monthlyRecompare: false });
    const clerk = await buildUserAndLogin(ctx, { role: 'department', regionCode: county.code });
    const mapping = { 公民证件号: 'idNumber', '结账日 ': 'eventDate', 自付额: 'outOfPocket', 总额: 'totalCost', 别的: 'notAField' };
    expect((await ctx.app.inject({ method: 'PUT', url: settingsUrl, headers: { cookie: clerk.cookie }, payload: { headerMapping: mapping } })).statusCode).toBe(403);
    const saved = await ctx.app.inject({ method: 'PUT', url: settingsUrl, headers: { cookie: monitor.cookie }, payload: { headerMapping: mapping } });
    expect(saved.statusCode).toBe(200);
    // Headers are stored normalized; a field the source does not have is dropped.
    expect(saved.json()).toMatchObject({ headerMapping: { 公民证件号: 'idNumber', 结账日: 'eventDate', 自付额: 'outOfPocket', 总额: 'totalCost' }, updatedBy: expect.any(String) });
    expect(saved.json().headerMapping).not.toHaveProperty('别的');
    // Another county does not see it.
    const other = await buildCounty(ctx.pool);
    const otherMonitor = await buildUserAndLogin(ctx, { role: 'county-monitor', regionCode: other.code });
    expect((await ctx.app.inject({ url: settingsUrl, headers: { cookie: otherMonitor.cookie } })).json()).toMatchObject({ countyCode: other.countyCode, headerMapping: {} });

    const second = await upload(clerk.cookie, '/api/imports/department/medical?dryRun=true', 'his.csv', file);
    expect(second.json()).toMatchObject({ rows: 2, matched: 2, warnings: 1, isDryRun: true, headerCheck: { unrecognised: [], missingFields: [] } });
    expect(second.json().headerCheck.recognised).toContainEqual({ header: '公民证件号', field: 'idNumber', isMapped: true });

    const started = await upload(clerk.cookie, '/api/import-jobs/department/medical', 'his.csv', file);
    expect(started.statusCode).toBe(202);
    let job: { status: string; rowsTotal: number | null; result: unknown } | undefined;
    for (let i = 0; i < 200; i++) {
      job = (await ctx.app.inject({ url: `/api/import-jobs/${started.json().jobId}`, headers: { cookie: clerk.cookie } })).json();
      if (job!.status === 'done' || job!.status === 'failed') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(job).toMatchObject({ status: 'done', rowsTotal: 2, result: { rows: 2, matched: 2, warnings: 1, newWarnings: 1 } });
    const { rows } = await ctx.pool.query(`SELECT numbers FROM warnings WHERE household_id = $1`, [household.id]);
    expect(rows).toEqual([{ numbers: { outOfPocketLast12Months: 6050, threshold: 5000 } }]);
  });

  it('the CLI applies the county’s saved mapping with --county', async () => {
    const c = await buildCounty(ctx.pool);
    const h = await buildHousehold(ctx, { villageCode: c.villages[0]!.code });
    const admin = await buildUserAndLogin(ctx, { role: 'county-admin', regionCode: c.code });
    await ctx.app.inject({ method: 'PUT', url: '/api/department-sources/medical/settings', headers: { cookie: admin.cookie }, payload: { headerMapping: { 公民证件号: 'idNumber', 结账日: 'eventDate', 自付额: 'outOfPocket' } } });
    const file = tempFile('his.csv');
    writeFileSync(file, unusualCsv([[h.members[0]!.idNumber, '甲', '2026-05-01', '100', '50']]));
    const bin = path.resolve(import.meta.dirname, '../../../bin/fangpin.mjs');
    const env = { ...process.env, DATABASE_URL: inject('databaseUrl'), FANGPIN_SECRET_KEY: TEST_SECRET_KEY };
    const run = promisify(execFile);
    const { stdout } = await run(process.execPath, [bin, 'import', 'department', '--source', 'medical', file, '--json', '--dry-run', '--county', c.countyCode], { env });
    expect(JSON.parse(stdout)).toMatchObject({ rows: 1, accepted: 1, matched: 1, unmatched: 0, rejected: 0, rejectedByCode: {}, warnings: 0, isDryRun: true });
    // Another county's (here: none saved) mapping does not apply: the file's headers are not recognised.
    const other = await buildCounty(ctx.pool);
    const failed = await run(process.execPath, [bin, 'import', 'department', '--source', 'medical', file, '--json', '--dry-run', '--county', other.countyCode], { env }).catch((e: { code: number; stderr: string }) => e);
    expect(failed).toMatchObject({ code: 1, stderr: expect.stringContaining('IMPORT_FILE_INVALID') });
    // Without --county, in a database of several counties, the CLI asks which one instead of guessing.
    const unsaid = await run(process.execPath, [bin, 'import', 'department', '--source', 'medical', file, '--json', '--dry-run'], { env }).catch((e: { code: number; stderr: string }) => e);
    expect(unsaid).toMatchObject({ code: 1, stderr: expect.stringContaining('say which one the file is for with --county CODE') });
  }, 120_000);

  it('an extra column the source does not need is named as not read, and the file imports without a mapping', async () => {
    const clerk = await buildUserAndLogin(ctx, { role: 'department', regionCode: county.code });
    const id = household.members[0]!.idNumber;
    const file = Buffer.from(['身份证号码,姓名,结算日期,个人自付,经办医院', `${id},甲,2026-04-02,60,县人民医院`].join('\r\n') + '\r\n');
    const preview = await upload(clerk.cookie, '/api/imports/department/medical?dryRun=true', 'extra.csv', file);
    expect(preview.json()).toMatchObject({
      rows: 1,
      matched: 1,
      rejected: 0,
      headerCheck: { unrecognised: ['经办医院'], missingFields: [], missingOptionalFields: [{ field: 'totalCost', zh: '医疗总费用' }] },
    });
    const imported = await upload(clerk.cookie, '/api/imports/department/medical', 'extra.csv', file);
    expect(imported.json()).toMatchObject({ rows: 1, matched: 1, rejected: 0, isDryRun: false });
  });

  it('the monthly switch is saved with the mapping untouched; only county roles may change it', async () => {
    const admin = await buildUserAndLogin(ctx, { role: 'county-admin', regionCode: county.code });
    const url = '/api/department-sources/civilAffairs/settings';
    await ctx.app.inject({ method: 'PUT', url, headers: { cookie: admin.cookie }, payload: { headerMapping: { 证件号: 'idNumber' } } });
    const on = await ctx.app.inject({ method: 'PUT', url, headers: { cookie: admin.cookie }, payload: { monthlyRecompare: true } });
    expect(on.json()).toMatchObject({ monthlyRecompare: true, headerMapping: { 证件号: 'idNumber' }, lastRecomparedOn: null });
    const township = await buildUserAndLogin(ctx, { role: 'township-officer', regionCode: county.townships[0]!.code });
    expect((await ctx.app.inject({ method: 'PUT', url, headers: { cookie: township.cookie }, payload: { monthlyRecompare: false } })).statusCode).toBe(403);
    const { rows } = await ctx.pool.query(`SELECT action, actor_role, after FROM audit_log WHERE object_id = $1 ORDER BY id`, [`${county.countyCode}:civilAffairs`]);
    expect(rows).toEqual([
      { action: 'department.settings.updated', actor_role: 'county-admin', after: { headerMapping: { 证件号: 'idNumber' }, monthlyRecompare: false } },
      { action: 'department.settings.updated', actor_role: 'county-admin', after: { headerMapping: { 证件号: 'idNumber' }, monthlyRecompare: true } },
    ]);
  });
});

describe('an XLSX with merged cells', () => {
  it('imports every member row of a household whose settlement date is merged over them', async () => {
    const clerk = await buildUserAndLogin(ctx, { role: 'department', regionCode: county.code });
    const h = await buildHousehold(ctx, { villageCode: county.villages[0]!.code, type: 'ordinary' });
    const workbook = new ExcelJS.Workbook();
    const notes = workbook.addWorksheet('填表说明'); // a notes sheet first: passed over
    notes.addRow(['填表说明']);
    notes.addRow(['1. 身份证号码请设置为文本格式', '2. 金额单位：元']);
    const sheet = workbook.addWorksheet('明细');
    sheet.addRow(['县医保局 住院结算明细']);
    sheet.mergeCells('A1:E1');
    sheet.addRow(['身份证号码', '姓名', '结算日期', '医疗总费用', '个人自付']);
    sheet.addRow([h.members[0]!.idNumber, '黄大明', '2026-04-01', 20000, 6000]);
    sheet.addRow([h.members[1]!.idNumber, '罗小花', null, 20000, 5000]);
    sheet.mergeCells('C3:C4');
    const file = tempFile('merged.xlsx');
    await workbook.xlsx.writeFile(file);
    const preview = await upload(clerk.cookie, '/api/imports/department/medical?dryRun=true', '合并单元格.xlsx', readFileSync(file));
    expect(preview.json()).toMatchObject({ rows: 2, matched: 2, isDryRun: true, headerCheck: { sheet: '明细', rowNumber: 2, unrecognised: [], missingFields: [] } });
    const response = await upload(clerk.cookie, '/api/imports/department/medical', '合并单元格.xlsx', readFileSync(file));
    expect(response.json()).toMatchObject({ rows: 2, matched: 2, rejected: 0, warnings: 1 });
    const { rows } = await ctx.pool.query(`SELECT numbers FROM warnings WHERE household_id = $1`, [h.id]);
    expect(rows).toEqual([{ numbers: { outOfPocketLast12Months: 11000, threshold: 10000 } }]);
  });
});
