import fs from 'node:fs';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { buildCounty, buildHousehold, buildUserAndLogin, type BuiltHousehold, type TestCounty } from '../../../test/factories.ts';
import { tempFile } from '../../../test/registry-files.ts';
import { runCli } from '../../../test/run-cli.ts';
import { createTestContext, type TestContext } from '../../../test/test-app.ts';
import { AppError } from '../../errors.ts';
import { importDepartmentFile } from './import-department.ts';

/**
 * Issue 16, items 4 and 5: a list dated in its title rows (or by the uploader) instead of a date
 * column, and the same line twice in one file, counted once and reported.
 */
let ctx: TestContext;
let county: TestCounty;
let pupil: BuiltHousehold;
let patient: BuiltHousehold;
const TODAY = '2026-11-29';
const actorOf = (c: TestCounty) => ({ userId: null, username: 'dept-education', role: 'department' as const, regionCode: c.code });
const deps = () => ({ pool: ctx.pool, cipher: ctx.cipher, today: TODAY });

beforeAll(async () => {
  ctx = await createTestContext();
  county = await buildCounty(ctx.pool);
  pupil = await buildHousehold(ctx, { villageCode: county.villages[1]!.code, members: [{ name: '罗父', relation: 'head', birthDate: '1985-03-03' }, { name: '罗小妹', relation: 'daughter', sex: 'female', birthDate: '2011-09-09' }] });
  patient = await buildHousehold(ctx, { villageCode: county.villages[2]!.code, type: 'ordinary' });
});

/** A suspected-dropout list as the education bureau sends it: 序号, 姓名, 身份证号, 学校, 年级, no date column. */
function dropoutList(titleRows: string[], ids: string[]): string {
  const file = tempFile('疑似辍学名单.csv');
  const lines = [...titleRows, '序号,姓名,身份证号,学校,年级', ...ids.map((id, i) => `${i + 1},学生${i + 1},${id},乐业县第一初级中学,初二`)];
  fs.writeFileSync(file, '\ufeff' + lines.join('\r\n') + '\r\n');
  return file;
}

async function batchRow(batchId: string) {
  const { rows } = await ctx.pool.query(`SELECT list_date::text AS "listDate", list_date_from AS "listDateFrom", duplicates FROM department_batches WHERE id = $1`, [batchId]);
  return rows[0] as { listDate: string | null; listDateFrom: string | null; duplicates: number };
}

describe('a list without a date column', () => {
  it('takes the date written in its title rows, for every row, and the batch records where it came from', async () => {
    const file = dropoutList(['乐业县疑似辍学学生名单,,,,', '填报单位：乐业县教育局,,,填报日期：2026-03-20,'], [pupil.members[1]!.idNumber]);
    const r = await importDepartmentFile(deps(), actorOf(county), 'education', file);
    expect(r).toMatchObject({ rows: 1, matched: 1, rejected: 0, listDate: '2026-03-20', listDateFrom: 'title', warnings: 1 });
    const { rows } = await ctx.pool.query(`SELECT event_date::text AS d, kind FROM department_rows WHERE batch_id = $1`, [r.batchId]);
    expect(rows).toEqual([{ d: '2026-03-20', kind: 'suspectedDropout' }]);
    expect(await batchRow(r.batchId)).toEqual({ listDate: '2026-03-20', listDateFrom: 'title', duplicates: 0 });
    const { rows: warnings } = await ctx.pool.query(`SELECT risk_type AS "riskType" FROM warnings WHERE household_id = $1 AND 'education' = ANY(sources)`, [pupil.id]);
    expect(warnings).toHaveLength(1);
  });

  it('refuses a list whose title names no date when the uploader gave none, with the reason and the column as data, and writes nothing', async () => {
    const other = await buildCounty(ctx.pool);
    const kid = await buildHousehold(ctx, { villageCode: other.villages[0]!.code });
    const file = dropoutList(['乐业县疑似辍学学生名单（2026年春季学期）,,,,'], [kid.members[1]!.idNumber]);
    const refusal = await importDepartmentFile(deps(), actorOf(other), 'education', file).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(refusal).toBeInstanceOf(AppError);
    // The reason and the missing column are data (the page writes the text); the English detail names the CLI flag.
    expect(refusal).toMatchObject({ code: 'IMPORT_FILE_INVALID', row: 2, reason: 'listDateMissing', params: { column: '登记日期' } });
    expect((refusal as Error).message).toContain('--as-of');
    const { rows } = await ctx.pool.query(`SELECT count(*)::int AS n FROM department_batches WHERE county_code = $1`, [other.code]);
    expect(rows[0].n).toBe(0);

    // The uploader's date places it; a date after today is refused.
    const later = await importDepartmentFile(deps(), actorOf(other), 'education', file, { asOf: '2026-03-01' });
    expect(later).toMatchObject({ rows: 1, matched: 1, listDate: '2026-03-01', listDateFrom: 'uploader' });
    const future = dropoutList(['名单'], [kid.members[0]!.idNumber]);
    await expect(importDepartmentFile(deps(), actorOf(other), 'education', future, { asOf: '2026-12-01' })).rejects.toMatchObject({ reason: 'listDateInFuture', params: { date: '2026-12-01' } });
  });

  it('a rolling-sum source still needs its date column: a medical list dated only in its title is refused as before', async () => {
    const file = tempFile('医保.csv');
    fs.writeFileSync(file, ['结算明细 填报日期：2026-03-20', '身份证号码,姓名,个人自付', `${patient.members[0]!.idNumber},甲,100`].join('\r\n'));
    await expect(importDepartmentFile(deps(), actorOf(county), 'medical', file)).rejects.toMatchObject({ code: 'IMPORT_FILE_INVALID', message: expect.stringContaining('结算日期') });
  });

  it('the preview asks for the date when the title names none, then previews with the one given (HTTP)', async () => {
    const other = await buildCounty(ctx.pool);
    const kid = await buildHousehold(ctx, { villageCode: other.villages[0]!.code });
    const clerk = await buildUserAndLogin(ctx, { role: 'department', regionCode: other.code });
    const csv = fs.readFileSync(dropoutList(['名单'], [kid.members[0]!.idNumber]));
    const boundary = '----fangpin';
    const payload = Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="名单.csv"\r\nContent-Type: text/csv\r\n\r\n`), csv, Buffer.from(`\r\n--${boundary}--\r\n`)]);
    const post = (query: string) => ctx.app.inject({ method: 'POST', url: `/api/imports/department/education${query}`, headers: { cookie: clerk.cookie, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload });
    const asks = await post('?dryRun=true');
    expect(asks.statusCode).toBe(200);
    expect(asks.json()).toMatchObject({ rows: 0, headerCheck: { missingFields: [], listDate: null } });
    const previewed = await post('?dryRun=true&asOf=2026-03-01');
    expect(previewed.json()).toMatchObject({ rows: 1, matched: 1, listDate: '2026-03-01', listDateFrom: 'uploader', headerCheck: { listDate: { date: '2026-03-01', from: 'uploader' } } });
    expect((await post('?asOf=2026-02-30')).statusCode).toBe(400);
    const refused = await post('');
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({ code: 'IMPORT_FILE_INVALID', reason: 'listDateMissing' });
    const imported = await post('?asOf=2026-03-01');
    expect(imported.json()).toMatchObject({ rows: 1, listDate: '2026-03-01', listDateFrom: 'uploader', isDryRun: false });
  });

  it('`import department --as-of` dates the list on the command line and says so in its JSON', async () => {
    const other = await buildCounty(ctx.pool);
    const kid = await buildHousehold(ctx, { villageCode: other.villages[0]!.code });
    const file = dropoutList(['名单'], [kid.members[0]!.idNumber]);
    const url = inject('databaseUrl');
    const r = await runCli(url, ['import', 'department', file, '--source', 'education', '--county', other.code, '--as-of', '2026-03-02', '--json']);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toMatchObject({ rows: 1, matched: 1, listDate: '2026-03-02', listDateFrom: 'uploader', duplicates: 0 });
    const bad = await runCli(url, ['import', 'department', file, '--source', 'education', '--county', other.code, '--as-of', '2026-3-2', '--json']);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('--as-of');
  }, 60_000);
});

describe('the same line twice in one file', () => {
  it('is counted once by the rolling sum and reported as a duplicate, also when the file is sent again', async () => {
    const id = patient.members[0]!.idNumber;
    const file = tempFile('医保结算.csv');
    // 6,000 twice (one settlement exported twice) + 4,500: 10,500 counted, above the ordinary threshold of 10,000;
    // counted twice it would be 16,500.
    fs.writeFileSync(file, ['身份证号码,姓名,结算日期,医疗总费用,个人自付', `${id},甲,2026-05-01,9000,6000`, `${id},甲,2026-05-01,9000,6000`, `${id},甲,2026-06-01,7000,4500`].join('\r\n'));
    const r = await importDepartmentFile(deps(), actorOf(county), 'medical', file);
    expect(r).toMatchObject({ rows: 3, matched: 3, duplicates: 1, warnings: 1 });
    const { rows } = await ctx.pool.query(`SELECT numbers FROM warnings WHERE household_id = $1 AND 'medical' = ANY(sources)`, [patient.id]);
    expect(JSON.stringify(rows[0].numbers)).toContain('10500');
    expect(JSON.stringify(rows[0].numbers)).not.toContain('16500');
    expect(await batchRow(r.batchId)).toMatchObject({ duplicates: 1 });
    expect(await importDepartmentFile(deps(), actorOf(county), 'medical', file)).toMatchObject({ isRepeat: true, duplicates: 1 });
  });
});
