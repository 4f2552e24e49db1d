import iconv from 'iconv-lite';
import type pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCounty, buildHousehold, buildUserAndLogin, type BuiltHousehold, type TestCounty } from '../../../test/factories.ts';
import { createJobsTestContext, multipartFile, type JobsTestContext } from '../../../test/jobs-app.ts';

// Issue 11 item 11: a one-row import sat at "已处理 0 / 1 行". Workers here poll once a minute, so a
// job that runs within seconds was started by its upload, not found by a poll.
let ctx: JobsTestContext;
let county: TestCounty;
let household: BuiltHousehold;
let clerk: { cookie: string };

beforeAll(async () => {
  ctx = await createJobsTestContext({}, { pollingIntervalSeconds: 60 });
  ctx.clock.now = new Date('2026-11-29T04:00:00Z');
  county = await buildCounty(ctx.pool);
  household = await buildHousehold(ctx, { villageCode: county.villages[0]!.code });
  clerk = await buildUserAndLogin(ctx, { role: 'department', regionCode: county.code });
});

async function startJob(source: string, fileName: string, csv: string): Promise<string> {
  const { payload, contentType } = multipartFile(fileName, iconv.encode(csv, 'utf8'));
  const response = await ctx.app.inject({ method: 'POST', url: `/api/import-jobs/department/${source}`, headers: { cookie: clerk.cookie, 'content-type': contentType }, payload });
  expect(response.statusCode).toBe(202);
  return response.json().jobId;
}

type Job = { status: string; step: string | null; rowsDone: number; result: { rows: number; accepted: number; rejected: number } | null };

async function waitFor(jobId: string, isReached: (job: Job) => boolean, timeoutMs = 15_000): Promise<Job> {
  const started = Date.now();
  let job: Job | undefined;
  while (Date.now() - started < timeoutMs) {
    job = (await ctx.app.inject({ url: `/api/import-jobs/${jobId}`, headers: { cookie: clerk.cookie } })).json();
    if (isReached(job!)) return job!;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`job ${jobId} stayed at ${JSON.stringify(job)}`);
}

describe('background imports start at once', () => {
  it('a one-row file runs while another import waits for its source, which says it is waiting', async () => {
    const id = household.members[0]!.idNumber;
    // Another import of the county's medical data holds the source (as a provincial file does for minutes).
    const holder: pg.PoolClient = await ctx.pool.connect();
    let medical: string;
    try {
      await holder.query('SELECT pg_advisory_lock(hashtext($1))', [`department:${county.countyCode}:medical`]);
      medical = await startJob('medical', '医保.csv', `身份证号码,姓名,结算日期,个人自付\r\n${id},甲,2026-10-15,100\r\n`);
      const waiting = await waitFor(medical, (job) => job.status === 'running' && job.step === 'waiting');
      expect(waiting.rowsDone).toBe(0);

      // A one-row file of another source does not wait behind it, nor for a poll.
      const vehicles = await startJob('vehicles', '车辆.csv', `身份证号码,姓名,车辆类型,登记日期\r\n${id},甲,小型货车,2026-10-01\r\n`);
      const done = await waitFor(vehicles, (job) => job.status === 'done');
      expect(done.result).toMatchObject({ rows: 1, accepted: 1, rejected: 0 });
      expect((await waitFor(medical, () => true)).step).toBe('waiting');
    } finally {
      await holder.query('SELECT pg_advisory_unlock_all()');
      holder.release();
    }
    // The source is free: the waiting import runs.
    expect((await waitFor(medical, (job) => job.status === 'done')).result).toMatchObject({ rows: 1, accepted: 1 });
  });
});
