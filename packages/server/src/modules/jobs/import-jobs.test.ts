import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCounty, buildHousehold, buildUserAndLogin, type BuiltHousehold, type TestCounty } from '../../../test/factories.ts';
import { createJobsTestContext, multipartFile, type JobsTestContext } from '../../../test/jobs-app.ts';

let ctx: JobsTestContext;
let county: TestCounty;
let patient: BuiltHousehold;
let clerk: { cookie: string };

beforeAll(async () => {
  ctx = await createJobsTestContext();
  ctx.clock.now = new Date('2026-11-29T04:00:00Z'); // the files' dates are of 2026, whatever day the suite runs
  county = await buildCounty(ctx.pool);
  patient = await buildHousehold(ctx, { villageCode: county.villages[0]!.code, type: 'formerlyPoor' });
  clerk = await buildUserAndLogin(ctx, { role: 'department', regionCode: county.code });
});

function medicalCsv(lines: string[][], header = '身份证号码,姓名,结算日期,医疗总费用,个人自付'): Buffer {
  return iconv.encode(['县医保局 2026 年结算明细', header, ...lines.map((l) => l.join(','))].join('\r\n') + '\r\n', 'gbk');
}

async function startJob(cookie: string, fileName: string, content: Buffer, source = 'medical') {
  const { payload, contentType } = multipartFile(fileName, content);
  return ctx.app.inject({ method: 'POST', url: `/api/import-jobs/department/${source}`, headers: { cookie, 'content-type': contentType }, payload });
}

async function waitForJob(cookie: string, jobId: string, timeoutMs = 30_000) {
  const started = Date.now();
  const seen: { status: string; rowsDone: number }[] = [];
  while (Date.now() - started < timeoutMs) {
    const response = await ctx.app.inject({ url: `/api/import-jobs/${jobId}`, headers: { cookie } });
    expect(response.statusCode).toBe(200);
    const job = response.json();
    seen.push({ status: job.status, rowsDone: job.rowsDone });
    if (job.status === 'done' || job.status === 'failed') return { job, seen };
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`job ${jobId} did not finish: ${JSON.stringify(seen.at(-1))}`);
}

describe('background department imports', () => {
  it('an upload becomes a job; polling shows it finish with the counts; its warnings are raised once', async () => {
    const id = patient.members[0]!.idNumber;
    const lines: string[][] = [];
    for (let i = 0; i < 12_000; i++) lines.push([id, '甲', `2026-0${(i % 9) + 1}-15`, '100', (1 + i / 100).toFixed(2)]);
    lines.push(['4.51028E+17', '科学计数', '2026-06-01', '10', '10']);
    const upload = await startJob(clerk.cookie, '医保结算.csv', medicalCsv(lines));
    expect(upload.statusCode).toBe(202);
    const { jobId } = upload.json();
    const { job } = await waitForJob(clerk.cookie, jobId);
    expect(job).toMatchObject({
      id: jobId,
      kind: 'department',
      source: 'medical',
      fileName: '医保结算.csv',
      status: 'done',
      rowsDone: 12_001,
      rowsTotal: 12_001,
      step: null,
      error: null,
      result: { rows: 12_001, matched: 12_000, rejected: 1, rejectedByCode: { ID_SCIENTIFIC_NOTATION: 1 }, warnings: 1, newWarnings: 1, isDryRun: false, isRepeat: false },
    });
    expect(job.finishedAt).toEqual(expect.any(String));
    // Far above 5,000 (formerly poor): one warning on the household.
    const { rows: warnings } = await ctx.pool.query(`SELECT numbers, batch_ids FROM warnings WHERE household_id = $1`, [patient.id]);
    expect(warnings).toEqual([expect.objectContaining({ numbers: { outOfPocketLast12Months: 731940, threshold: 5000 }, batch_ids: [job.result.batchId] })]);
    const { rows: stored } = await ctx.pool.query(`SELECT count(*)::int AS n FROM department_rows WHERE batch_id = $1`, [job.result.batchId]);
    expect(stored[0].n).toBe(12_001);
    const { rows: batch } = await ctx.pool.query(`SELECT file_name, actor_name, region_code FROM department_batches WHERE id = $1`, [job.result.batchId]);
    expect(batch[0]).toMatchObject({ file_name: '医保结算.csv', region_code: county.code });
    // The upload is kept only until the job finishes.
    expect(fs.readdirSync(path.join(ctx.config.dataDir, 'uploads'))).toEqual([]);

    // The same file again: a job that reports the earlier batch and changes nothing.
    const again = await startJob(clerk.cookie, '医保结算-副本.csv', medicalCsv(lines));
    const second = (await waitForJob(clerk.cookie, again.json().jobId)).job;
    expect(second).toMatchObject({ status: 'done', result: { isRepeat: true, batchId: job.result.batchId, newWarnings: 0 } });
    const { rows: after } = await ctx.pool.query(`SELECT count(*)::int AS n FROM warnings WHERE household_id = $1`, [patient.id]);
    expect(after[0].n).toBe(1);
  });

  it('a provincial-size Excel CSV (GBK, over 4 MB) goes through the files engine in the job: counts, the rejected row, evidence and warnings', async () => {
    const other = await buildHousehold(ctx, { villageCode: county.villages[1]!.code, type: 'ordinary' });
    const ids = [patient.members[1]!.idNumber, other.members[0]!.idNumber, other.members[1]!.idNumber];
    const lines: string[][] = [];
    for (let i = 0; i < 100_000; i++) lines.push([ids[i % 3]!, '乙', `2026-${String((i % 9) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`, '100', (1 + (i % 5000) / 100).toFixed(2)]);
    lines.push(['合计', '', '', '', '99999']);
    const content = medicalCsv(lines);
    expect(content.length).toBeGreaterThan(4 << 20);
    const upload = await startJob(clerk.cookie, '全省医保结算.csv', content);
    expect(upload.statusCode).toBe(202);
    const { job } = await waitForJob(clerk.cookie, upload.json().jobId, 120_000);
    expect(job).toMatchObject({ status: 'done', rowsDone: 100_001, error: null, result: { rows: 100_001, matched: 100_000, rejected: 1, isDryRun: false } });
    const { rows: batch } = await ctx.pool.query(`SELECT row_store, rows, matched, duplicates FROM department_batches WHERE id = $1`, [job.result.batchId]);
    expect(batch[0]).toMatchObject({ row_store: 'files', rows: 100_001, matched: 100_000, duplicates: job.result.duplicates });
    // The rejected row is in department_rows (the errors list reads it there), and the warned households' rows as their evidence.
    const { rows: kept } = await ctx.pool.query(`SELECT fate, count(*)::int AS n FROM department_rows WHERE batch_id = $1 GROUP BY fate ORDER BY fate`, [job.result.batchId]);
    expect(kept[1]).toEqual({ fate: 'rejected', n: 1 });
    expect(kept[0].fate).toBe('matched');
    const { rows: warned } = await ctx.pool.query(`SELECT household_id FROM warnings WHERE $1 = ANY(batch_ids) ORDER BY household_id`, [job.result.batchId]);
    expect(warned.map((w) => w.household_id).sort()).toEqual([patient.id, other.id].sort());
    expect(job.result.warnings).toBe(2);
  });

  it('a job is visible in the importer’s region only', async () => {
    const h = await buildHousehold(ctx, { villageCode: county.villages[1]!.code });
    const upload = await startJob(clerk.cookie, 'a.csv', medicalCsv([[h.members[0]!.idNumber, '乙', '2026-05-05', '10', '10']]));
    const { jobId } = upload.json();
    await waitForJob(clerk.cookie, jobId);
    const monitor = await buildUserAndLogin(ctx, { role: 'county-monitor', regionCode: county.code });
    expect((await ctx.app.inject({ url: `/api/import-jobs/${jobId}`, headers: { cookie: monitor.cookie } })).json()).toMatchObject({ id: jobId, status: 'done' });
    const other = await buildCounty(ctx.pool);
    const outsider = await buildUserAndLogin(ctx, { role: 'department', regionCode: other.code });
    const hidden = await ctx.app.inject({ url: `/api/import-jobs/${jobId}`, headers: { cookie: outsider.cookie } });
    expect(hidden.statusCode).toBe(404);
    const helper = await buildUserAndLogin(ctx, { role: 'helping-cadre', regionCode: county.code });
    expect((await ctx.app.inject({ url: `/api/import-jobs/${jobId}`, headers: { cookie: helper.cookie } })).statusCode).toBe(403);
    expect((await startJob(helper.cookie, 'a.csv', medicalCsv([]))).statusCode).toBe(403);
  });

  it('a file that cannot be read fails the job with the reason', async () => {
    const upload = await startJob(clerk.cookie, 'bad.csv', Buffer.from('名称,数量\r\n苹果,3\r\n'));
    const { job } = await waitForJob(clerk.cookie, upload.json().jobId);
    expect(job).toMatchObject({ status: 'failed', result: null, error: expect.stringContaining('身份证号码') });
  });

  it('the recovery sweep queues again a job left running by a dead server, and one that was never queued', async () => {
    const h = await buildHousehold(ctx, { villageCode: county.villages[3]!.code });
    const dir = path.join(ctx.config.dataDir, 'uploads');
    fs.mkdirSync(dir, { recursive: true });
    const ids: string[] = [];
    for (const [status, date] of [['running', '2026-07-01'], ['queued', '2026-07-02']] as const) {
      const id = crypto.randomUUID();
      const file = path.join(dir, `${id}.csv`);
      fs.writeFileSync(file, medicalCsv([[h.members[0]!.idNumber, '丙', date, '10', '10']]));
      await ctx.pool.query(
        `INSERT INTO import_jobs (id, kind, source, county_code, region_code, file_name, file_path, options, status, actor_name, created_at)
         VALUES ($1, 'department', 'medical', $2, $3, 'lost.csv', $4, '{"actorRole": "department"}', $5, 'clerk', now() - interval '10 minutes')`,
        [id, county.countyCode, county.code, file, status],
      );
      ids.push(id);
    }
    expect((await ctx.jobs.recoverOrphans()).sort()).toEqual([...ids].sort());
    for (const id of ids) expect((await waitForJob(clerk.cookie, id)).job).toMatchObject({ status: 'done', result: { rows: 1, matched: 1 } });
    expect(await ctx.jobs.recoverOrphans()).toEqual([]);
  });
});
