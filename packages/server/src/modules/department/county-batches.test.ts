import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { addCalendarDays } from '@fangpin/domain';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { buildCounty, buildHousehold, buildUserAndLogin, type BuiltHousehold, type TestCounty } from '../../../test/factories.ts';
import { COL, registryRows, tempFile, writeCsv } from '../../../test/registry-files.ts';
import { createTestContext, TEST_SECRET_KEY, type TestContext } from '../../../test/test-app.ts';
import { localDate } from '../../clock.ts';

/**
 * Issue 10, item 8: a batch belongs to the county it was imported for. The same provincial file
 * imported by two counties is two batches (each county's warnings raised), and every batch, its list
 * and its rejected rows are seen by its own county only, whether it came from the web or the CLI.
 */
let ctx: TestContext;
let a: TestCounty;
let b: TestCounty;
let inA: BuiltHousehold;
let inB: BuiltHousehold;
const bin = path.resolve(import.meta.dirname, '../../../bin/fangpin.mjs');
const run = promisify(execFile);
const env = () => ({ ...process.env, DATABASE_URL: inject('databaseUrl'), FANGPIN_SECRET_KEY: TEST_SECRET_KEY });

beforeAll(async () => {
  ctx = await createTestContext();
  a = await buildCounty(ctx.pool);
  b = await buildCounty(ctx.pool);
  inA = await buildHousehold(ctx, { villageCode: a.villages[0]!.code });
  inB = await buildHousehold(ctx, { villageCode: b.villages[0]!.code });
});

function upload(cookie: string, url: string, name: string, content: Buffer) {
  const boundary = '----fangpin-county';
  const payload = Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: text/csv\r\n\r\n`), content, Buffer.from(`\r\n--${boundary}--\r\n`)]);
  return ctx.app.inject({ method: 'POST', url, headers: { cookie, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload });
}

/** A provincial medical file: a large out-of-pocket settlement of one person of each county, and one malformed row. */
function provincialFile(tag: string): Buffer {
  const day = addCalendarDays(localDate(new Date()), -20);
  const lines = ['身份证号码,姓名,结算日期,医疗总费用,个人自付', `${inA.members[0]!.idNumber},甲,${day},50000,${tag}`, `${inB.members[0]!.idNumber},乙,${day},50000,${tag}`, '123,坏行,2026-01-01,1,1'];
  return Buffer.from(lines.join('\r\n') + '\r\n');
}

const warningsOf = async (householdId: string) => (await ctx.pool.query(`SELECT risk_type FROM warnings WHERE household_id = $1`, [householdId])).rows;

describe('a file imported by two counties', () => {
  it('is each county’s own batch: both counties get their warnings; a repeat is recognised per county', async () => {
    const clerkA = await buildUserAndLogin(ctx, { role: 'department', regionCode: a.code });
    const clerkB = await buildUserAndLogin(ctx, { role: 'department', regionCode: b.code });
    const file = provincialFile('30000');

    const first = await upload(clerkA.cookie, '/api/imports/department/medical', '全省医保.csv', file);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ rows: 3, matched: 1, unmatched: 1, rejected: 1, warnings: 1, isRepeat: false });
    expect(await warningsOf(inA.id)).toEqual([{ risk_type: '01' }]);
    expect(await warningsOf(inB.id)).toEqual([]);

    // County B sends the same file: not a repeat of county A's import, and B's household is warned.
    const second = await upload(clerkB.cookie, '/api/imports/department/medical', '全省医保.csv', file);
    expect(second.json()).toMatchObject({ rows: 3, matched: 1, warnings: 1, newWarnings: 1, isRepeat: false });
    expect(second.json().batchId).not.toBe(first.json().batchId);
    expect(await warningsOf(inB.id)).toEqual([{ risk_type: '01' }]);

    // County A again: a repeat of its own batch, nothing changes.
    const again = await upload(clerkA.cookie, '/api/imports/department/medical', '全省医保-重发.csv', file);
    expect(again.json()).toMatchObject({ isRepeat: true, batchId: first.json().batchId, newWarnings: 0 });

    const { rows } = await ctx.pool.query(`SELECT id, county_code AS "countyCode" FROM department_batches WHERE id = ANY($1::uuid[]) ORDER BY created_at`, [[first.json().batchId, second.json().batchId]]);
    expect(rows).toEqual([
      { id: first.json().batchId, countyCode: a.countyCode },
      { id: second.json().batchId, countyCode: b.countyCode },
    ]);

    // Each county lists its own batch and downloads its own rejected rows; the other's is not found.
    const monitorA = await buildUserAndLogin(ctx, { role: 'county-monitor', regionCode: a.code });
    const monitorB = await buildUserAndLogin(ctx, { role: 'county-monitor', regionCode: b.code });
    const listed = async (cookie: string) => ((await ctx.app.inject({ url: '/api/department-batches', headers: { cookie } })).json().items as { id: string }[]).map((i) => i.id);
    expect(await listed(monitorA.cookie)).toContain(first.json().batchId);
    expect(await listed(monitorA.cookie)).not.toContain(second.json().batchId);
    expect(await listed(monitorB.cookie)).toEqual(expect.arrayContaining([second.json().batchId]));
    expect(await listed(monitorB.cookie)).not.toContain(first.json().batchId);
    const errorsOf = (cookie: string, id: string) => ctx.app.inject({ url: `/api/department-batches/${id}/errors.xlsx`, headers: { cookie } });
    expect((await errorsOf(monitorA.cookie, first.json().batchId)).statusCode).toBe(200);
    expect((await errorsOf(monitorB.cookie, first.json().batchId)).statusCode).toBe(404);
  });
});

describe('command-line imports record their county', () => {
  it('a department batch from the CLI is the named county’s: listed and downloadable there only', async () => {
    const file = tempFile('cli-medical.csv');
    fs.writeFileSync(file, provincialFile('31000'));
    const { stdout } = await run(process.execPath, [bin, 'import', 'department', '--source', 'medical', file, '--json', '--county', a.countyCode], { env: env() });
    const result = JSON.parse(stdout) as { batchId: string; matched: number; warnings: number };
    // Only county A's registry is matched: B's person is "not found" for an import made for A.
    expect(result).toMatchObject({ rows: 3, matched: 1, unmatched: 1, rejected: 1 });
    const { rows } = await ctx.pool.query(`SELECT county_code AS "countyCode", region_code AS "regionCode" FROM department_batches WHERE id = $1`, [result.batchId]);
    expect(rows).toEqual([{ countyCode: a.countyCode, regionCode: a.code }]);

    const monitorA = await buildUserAndLogin(ctx, { role: 'county-monitor', regionCode: a.code });
    const monitorB = await buildUserAndLogin(ctx, { role: 'county-monitor', regionCode: b.code });
    expect((await ctx.app.inject({ url: `/api/department-batches/${result.batchId}/errors.xlsx`, headers: { cookie: monitorA.cookie } })).statusCode).toBe(200);
    expect((await ctx.app.inject({ url: `/api/department-batches/${result.batchId}/errors.xlsx`, headers: { cookie: monitorB.cookie } })).statusCode).toBe(404);
    const listB = (await ctx.app.inject({ url: '/api/department-batches', headers: { cookie: monitorB.cookie } })).json().items as { id: string }[];
    expect(listB.map((i) => i.id)).not.toContain(result.batchId);
  }, 60_000);

  it('a registry batch from the CLI is the named county’s: its rejected rows are not another county’s to download', async () => {
    const rows = registryRows(a, 3, 41);
    rows[1]![COL['证件号码']] = '123';
    const file = writeCsv(tempFile('cli-registry.csv'), rows);
    const outcome = await run(process.execPath, [bin, 'import', 'registry', file, '--json', '--county', a.countyCode], { env: env() }).catch((e: { code: number; stdout: string }) => e);
    expect(outcome).toMatchObject({ code: 2 }); // a row was rejected
    const { batchId } = JSON.parse(outcome.stdout) as { batchId: string };
    const { rows: batch } = await ctx.pool.query(`SELECT county_code AS "countyCode", status FROM import_batches WHERE id = $1`, [batchId]);
    expect(batch).toEqual([{ countyCode: a.countyCode, status: 'completed' }]);

    const adminA = await buildUserAndLogin(ctx, { role: 'county-admin', regionCode: a.code });
    const adminB = await buildUserAndLogin(ctx, { role: 'county-admin', regionCode: b.code });
    expect((await ctx.app.inject({ url: `/api/imports/${batchId}/errors.xlsx`, headers: { cookie: adminA.cookie } })).statusCode).toBe(200);
    expect((await ctx.app.inject({ url: `/api/imports/${batchId}/errors.xlsx`, headers: { cookie: adminB.cookie } })).statusCode).toBe(404);
  }, 60_000);

  it('without --county, a database of several counties is refused with what to write', async () => {
    const file = tempFile('unsaid.csv');
    fs.writeFileSync(file, provincialFile('32000'));
    const refused = await run(process.execPath, [bin, 'import', 'department', '--source', 'medical', file, '--json'], { env: env() }).catch((e: { code: number; stderr: string }) => e);
    expect(refused).toMatchObject({ code: 1, stderr: expect.stringContaining('say which one the file is for with --county CODE') });
    const unknown = await run(process.execPath, [bin, 'import', 'registry', file, '--json', '--county', '999999'], { env: env() }).catch((e: { code: number; stderr: string }) => e);
    expect(unknown).toMatchObject({ code: 1, stderr: expect.stringContaining('no such county') });
  }, 60_000);
});
