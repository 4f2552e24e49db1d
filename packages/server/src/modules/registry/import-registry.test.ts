import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { buildCounty, buildHousehold, buildUserAndLogin } from '../../../test/factories.ts';
import { COL, registryRows, tempFile, writeCsv, writeXlsx } from '../../../test/registry-files.ts';
import { createTestContext, TEST_SECRET_KEY, type TestContext } from '../../../test/test-app.ts';
import { SYSTEM_ACTOR } from '../audit/record-audit.ts';
import { importRegistry } from './import-registry.ts';

let ctx: TestContext;
const deps = () => ({ pool: ctx.pool, cipher: ctx.cipher, today: '2026-11-29' });

beforeAll(async () => {
  ctx = await createTestContext();
});

async function countyCounts(countyCode: string) {
  const { rows } = await ctx.pool.query(
    `SELECT (SELECT count(*) FROM households WHERE county_code = $1)::int AS households, (SELECT count(*) FROM members WHERE county_code = $1)::int AS members,
       (SELECT count(*) FROM registry_history WHERE county_code = $1)::int AS history`,
    [countyCode],
  );
  return rows[0] as { households: number; members: number; history: number };
}

describe('registry import', () => {
  it('imports 10,000 households from a GBK CSV under a title row, reporting every injected defect precisely, and a repeat changes nothing', async () => {
    const county = await buildCounty(ctx.pool);
    const rows = registryRows(county, 10_000);
    const id = COL['证件号码'];
    // Defects at known data rows (file row = index + 3: title row, header row, 1-based).
    const badChecksum = rows[10]![id]!.slice(0, 17) + (rows[10]![id]!.endsWith('0') ? '1' : '0');
    rows[10]![id] = badChecksum;
    rows[20]![id] = '';
    rows[30]![id] = '4.51028E+17';
    rows[40]![id] = rows[41]![id]!.slice(0, 16); // too short
    rows[50]![COL['与户主关系']] = '远房表亲';
    rows[60]![COL['行政区划代码']] = '459999201201';
    rows[70]![COL['务工时间（月）']] = '13';
    // The same person listed again, in another household, further down.
    const duplicate = [...rows[100]!];
    duplicate[COL['户编号']] = rows[5000]![COL['户编号']]!;
    duplicate[COL['行政区划代码']] = rows[5000]![COL['行政区划代码']]!;
    duplicate[COL['户类型']] = rows[5000]![COL['户类型']]!;
    duplicate[COL['家庭住址']] = rows[5000]![COL['家庭住址']]!;
    duplicate[COL['联系电话']] = '';
    rows.splice(5001, 0, duplicate);
    const file = writeCsv(tempFile('registry.csv'), rows, { encoding: 'gbk', titleRows: ['测试县农户成员信息,,,,', ''] });
    // Two title lines (one blank): data row i is on file line i + 4.
    const lineOf = (index: number) => index + 4;

    const result = await importRegistry(deps(), SYSTEM_ACTOR, file);
    expect(result.rows).toBe(rows.length);
    expect(result.rejected).toBe(8);
    expect(result.imported).toBe(rows.length - 8);
    expect(result.created).toBe(rows.length - 8);
    const byRow = Object.fromEntries(result.errors.map((e) => [e.row, e]));
    expect(byRow[lineOf(10)]).toMatchObject({ column: '证件号码', code: 'ID_BAD_CHECKSUM' });
    expect(byRow[lineOf(20)]).toMatchObject({ column: '证件号码', code: 'ID_BLANK' });
    expect(byRow[lineOf(30)]).toMatchObject({ column: '证件号码', code: 'ID_SCIENTIFIC_NOTATION' });
    expect(byRow[lineOf(30)]!.message).toContain('Excel');
    expect(byRow[lineOf(40)]).toMatchObject({ column: '证件号码', code: 'ID_BAD_LENGTH' });
    expect(byRow[lineOf(50)]).toMatchObject({ column: '与户主关系', code: 'VALUE_UNKNOWN' });
    expect(byRow[lineOf(60)]).toMatchObject({ column: '行政区划代码', code: 'REGION_UNKNOWN' });
    expect(byRow[lineOf(70)]).toMatchObject({ column: '务工时间（月）', code: 'MIGRANT_MONTHS_INVALID' });
    expect(byRow[lineOf(5001)]).toMatchObject({ column: '证件号码', code: 'DUPLICATE_PERSON_IN_FILE' });
    expect(byRow[lineOf(5001)]!.message).toContain(`第 ${lineOf(100)} 行`);
    for (const e of result.errors) expect(e.message).toMatch(/[\u4e00-\u9fff]/);

    const counts = await countyCounts(county.countyCode);
    expect(counts.members).toBe(result.imported);
    // The full ID number is never stored in clear.
    const { rows: clear } = await ctx.pool.query(`SELECT count(*)::int AS n FROM members WHERE id_masked = $1 OR encode(id_enc, 'escape') LIKE '%' || $1 || '%'`, [rows[0]![id]]);
    expect(clear[0].n).toBe(0);

    const again = await importRegistry(deps(), SYSTEM_ACTOR, file);
    expect(again).toMatchObject({ rows: result.rows, imported: result.imported, rejected: 8, created: 0, updated: 0, unchanged: result.imported });
    expect(await countyCounts(county.countyCode)).toEqual(counts);
    expect(again.fileSha256).toBe(result.fileSha256);
  }, 120_000);

  it('reads XLSX with a merged title row, rejects IDs Excel turned into numbers, and keeps history of a real change', async () => {
    const county = await buildCounty(ctx.pool);
    const rows = registryRows(county, 20, 11);
    // An ID ending in a digit (one ending in X cannot become a number), typed as a number in Excel.
    const numeric = rows.findIndex((r, i) => i > 0 && /\d$/.test(r[COL['证件号码']]!));
    const file = await writeXlsx(tempFile('registry.xlsx'), rows, { numericIdRows: [numeric] });
    const result = await importRegistry(deps(), SYSTEM_ACTOR, file);
    expect(result.rows).toBe(rows.length);
    expect(result.errors).toEqual([expect.objectContaining({ row: numeric + 3, column: '证件号码', code: 'ID_SCIENTIFIC_NOTATION' })]);

    rows[0]![COL['健康状况']] = '患有大病';
    for (const r of rows) if (r[COL['户编号']] === rows[0]![COL['户编号']]) r[COL['家庭住址']] = '新地址 1 号';
    const changed = await writeXlsx(tempFile('registry2.xlsx'), rows, { numericIdRows: [numeric] });
    const second = await importRegistry(deps(), SYSTEM_ACTOR, changed);
    expect(second.errors).toEqual(result.errors.map((e) => ({ ...e })));
    expect(second).toMatchObject({ created: 0, updated: 1, rejected: 1 });
    const { rows: history } = await ctx.pool.query(
      `SELECT action, before->>'health' AS before_health, after->>'health' AS after_health, before->>'address' AS before_address, after->>'address' AS after_address
       FROM registry_history WHERE source = $1 ORDER BY id`,
      [`import:${second.batchId}`],
    );
    expect(history).toEqual([
      expect.objectContaining({ action: 'household.updated', after_address: '新地址 1 号' }),
      expect.objectContaining({ action: 'member.updated', before_health: expect.not.stringMatching(/^serious$/), after_health: 'serious' }),
    ]);
  });

  it('rejects a person already registered in another household, and reports files it cannot read', async () => {
    const county = await buildCounty(ctx.pool);
    const existing = await buildHousehold(ctx, { villageCode: county.villages[0]!.code });
    const rows = registryRows(county, 3, 13);
    rows[1]![COL['证件号码']] = existing.members[0]!.idNumber;
    rows[1]![COL['性别']] = '男';
    rows[1]![COL['出生日期']] = '1980-05-17';
    const result = await importRegistry(deps(), SYSTEM_ACTOR, writeCsv(tempFile('r.csv'), rows, { encoding: 'utf8-bom' }));
    expect(result.errors).toEqual([expect.objectContaining({ row: 3, code: 'PERSON_IN_OTHER_HOUSEHOLD', column: '证件号码' })]);
    expect(result.errors[0]!.message).toContain(existing.householdNumber);

    const noHeader = tempFile('x.csv');
    fs.writeFileSync(noHeader, 'a,b,c\n1,2,3\n');
    await expect(importRegistry(deps(), SYSTEM_ACTOR, noHeader)).rejects.toMatchObject({ code: 'IMPORT_FILE_INVALID' });
    const missingColumn = tempFile('y.csv');
    fs.writeFileSync(missingColumn, '户编号,姓名,证件号码\n1,张三,451028198005170011\n');
    await expect(importRegistry(deps(), SYSTEM_ACTOR, missingColumn)).rejects.toThrow(/与户主关系/);
  });
});

describe('import over HTTP and the CLI', () => {
  it('a county admin uploads a file; rows outside the region are rejected; the errors download as XLSX', async () => {
    const county = await buildCounty(ctx.pool);
    const other = await buildCounty(ctx.pool);
    const rows = [...registryRows(county, 3, 17), ...registryRows(other, 1, 19)];
    const file = writeCsv(tempFile('upload.csv'), rows);
    const { cookie } = await buildUserAndLogin(ctx, { role: 'county-admin', regionCode: county.code });
    const boundary = '----fangpin';
    const payload = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="upload.csv"\r\nContent-Type: text/csv\r\n\r\n`),
      fs.readFileSync(file),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const response = await ctx.app.inject({ method: 'POST', url: '/api/imports/registry', headers: { cookie, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    const outside = rows.length - registryRows(county, 3, 17).length;
    expect(body).toMatchObject({ rows: rows.length, rejected: outside });
    expect(body.errors.every((e: { code: string }) => e.code === 'REGION_OUT_OF_SCOPE')).toBe(true);

    const xlsx = await ctx.app.inject({ url: `/api/imports/${body.batchId}/errors.xlsx`, headers: { cookie } });
    expect(xlsx.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getRow(1).getCell(3).value).toBe('错误代码 Code');
    expect(sheet.rowCount).toBe(1 + outside);
    expect(sheet.getRow(2).getCell(3).text).toBe('REGION_OUT_OF_SCOPE');
    // ID numbers in the error file are masked.
    const sheetText = JSON.stringify(sheet.getSheetValues());
    for (const r of rows) expect(sheetText).not.toContain(r[COL['证件号码']]!);
    expect(sheetText).toMatch(/\d{6}\*{11}[\dX]/);
    // Birth dates are cut to the year in the rejected rows kept for the download.
    expect(sheetText).not.toMatch(/"(19|20)\d{2}-\d{2}-\d{2}"/);

    const village = await buildUserAndLogin(ctx, { role: 'village-cadre', regionCode: county.villages[0]!.code });
    const refused = await ctx.app.inject({ method: 'POST', url: '/api/imports/registry', headers: { cookie: village.cookie, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload });
    expect(refused.statusCode).toBe(403);
  });

  it('`fangpin import registry FILE --json` prints the contract object', () => {
    return (async () => {
      const county = await buildCounty(ctx.pool);
      const rows = registryRows(county, 5, 23);
      rows[2]![COL['证件号码']] = '123';
      const file = writeCsv(tempFile('cli.csv'), rows);
      const bin = path.resolve(import.meta.dirname, '../../../bin/fangpin.mjs');
      const run = spawnSync(process.execPath, [bin, 'import', 'registry', file, '--json', '--county', county.countyCode], {
        env: { ...process.env, DATABASE_URL: inject('databaseUrl'), FANGPIN_SECRET_KEY: TEST_SECRET_KEY },
        encoding: 'utf8',
      });
      expect(run.stderr).toBe('');
      const out = JSON.parse(run.stdout);
      expect(Object.keys(out)).toEqual(expect.arrayContaining(['rows', 'imported', 'rejected', 'errors']));
      expect(out).toMatchObject({ rows: rows.length, imported: rows.length - 1, rejected: 1 });
      expect(out.errors).toEqual([{ row: 4, column: '证件号码', code: 'ID_BAD_LENGTH', message: expect.any(String) }]);
      expect(run.status).toBe(2);
    })();
  }, 60_000);
});
