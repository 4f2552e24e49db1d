import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it, onTestFinished } from 'vitest';
import { buildCounty, buildHousehold, buildUser, type BuiltHousehold } from '../../../test/factories.ts';
import { freePort } from '../../../test/server-process.ts';
import { createOwnerPool, createTestContext, TEST_SECRET_KEY, type TestContext } from '../../../test/test-app.ts';
import { localDate } from '../../clock.ts';
import { makeReachableTempDir } from '../../db/embedded.ts';

let ctx: TestContext;
const jobsSchema = `pgboss_k${crypto.randomBytes(4).toString('hex')}`;
const dataDir = makeReachableTempDir('fangpin-kill-');
const children: ChildProcess[] = [];

const owner = createOwnerPool();

beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await owner.query(`DROP SCHEMA IF EXISTS ${jobsSchema} CASCADE`).catch(() => undefined);
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/**
 * The real server process (`fangpin serve`) on the test database, with its own pg-boss schema and
 * data directory: the restricted role in DATABASE_URL, the owner in DATABASE_OWNER_URL (it installs the jobs schema).
 */
async function startServer(port: number): Promise<ChildProcess> {
  const bin = path.resolve(import.meta.dirname, '../../../bin/fangpin.mjs');
  const env = {
    ...process.env,
    DATABASE_URL: inject('databaseUrl'),
    DATABASE_OWNER_URL: inject('ownerDatabaseUrl'),
    FANGPIN_SECRET_KEY: TEST_SECRET_KEY,
    FANGPIN_DATA_DIR: dataDir,
    FANGPIN_JOBS_SCHEMA: jobsSchema,
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    FANGPIN_DEMO: '0',
  };
  const child = spawn(process.execPath, [bin, 'serve'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`server exited: ${output}`);
    try {
      const response = await fetch(`http://127.0.0.1:${port}/api/health`);
      if (response.ok) return child;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server did not start: ${output}`);
}

describe('a background import when the server is killed', () => {
  it('leaves nothing half-done, runs again after the restart, and raises each warning once', async () => {
    const c = await buildCounty(ctx.pool);
    const households: BuiltHousehold[] = [];
    for (let i = 0; i < 3; i++) households.push(await buildHousehold(ctx, { villageCode: c.villages[i]!.code }));
    const rows = 60_000;
    const lines = ['县医保局结算明细', '身份证号码,姓名,结算日期,医疗总费用,个人自付'];
    for (let i = 0; i < rows; i++) {
      const h = households[i % 3]!;
      lines.push([h.members[0]!.idNumber, '甲', `2026-${String((i % 9) + 1).padStart(2, '0')}-1${i % 10}`, '100', (1 + i / 100).toFixed(2)].join(','));
    }
    const csv = Buffer.from(lines.join('\r\n') + '\r\n');
    const clerk = await buildUser(ctx.pool, { role: 'department', regionCode: c.code });
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;

    // To kill the server at a known point mid-import, hold one of the import's warnings: an
    // uncommitted warning row for the same household, risk and month makes the import's warning
    // INSERT wait, after its batch and all its rows are written (inside its transaction).
    const blocker = await ctx.pool.connect();
    onTestFinished(async () => {
      await blocker.query('ROLLBACK').catch(() => undefined);
      blocker.release();
    });
    await blocker.query('BEGIN');
    await blocker.query(
      `INSERT INTO warnings (county_code, region_code, household_id, risk_type, period, sources, message, numbers, rule_set_version, batch_ids)
       VALUES ($1, $2, $3, '01', $4, ARRAY['medical'], 'blocker', '{}', 'test', '{}')`,
      [c.countyCode, households[0]!.regionCode, households[0]!.id, localDate(new Date()).slice(0, 7)],
    );

    let server = await startServer(port);
    const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: clerk.username, password: clerk.password }) });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
    expect(cookie).toMatch(/^fangpin_session=/);
    const form = new FormData();
    form.append('file', new Blob([csv]), '医保大文件.csv');
    const upload = await fetch(`${base}/api/import-jobs/department/medical`, { method: 'POST', headers: { cookie }, body: form });
    expect(upload.status).toBe(202);
    const { jobId } = (await upload.json()) as { jobId: string };

    // Wait until the worker's import waits on the held warning, then kill the server hard.
    const waiting = async () =>
      (
        await ctx.pool.query<{ pid: number }>(
          `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND wait_event_type = 'Lock' AND query LIKE '%INSERT INTO warnings%'`,
        )
      ).rows;
    let blocked: { pid: number }[] = [];
    for (let i = 0; i < 1500 && blocked.length === 0; i++) {
      blocked = await waiting();
      if (blocked.length === 0) await new Promise((r) => setTimeout(r, 20));
    }
    expect(blocked.length).toBeGreaterThan(0);
    const jobRow = async () => (await ctx.pool.query(`SELECT status, rows_done, rows_total, step, result FROM import_jobs WHERE id = $1`, [jobId])).rows[0];
    // Every row was read and matched; the job says it is writing warnings (the step is written beside the import, a moment later).
    let state = await jobRow();
    for (let i = 0; i < 100 && state.step !== 'warnings'; i++) {
      await new Promise((r) => setTimeout(r, 20));
      state = await jobRow();
    }
    expect(state).toMatchObject({ status: 'running', rows_total: rows, rows_done: rows, step: 'warnings', result: null });
    // The dead server's backends: the importing one and the one holding the job's advisory lock.
    const { rows: backends } = await ctx.pool.query<{ pid: number }>(
      `SELECT DISTINCT pid FROM pg_stat_activity WHERE pid <> pg_backend_pid() AND datname = current_database()
         AND (pid = ANY($2::int[]) OR pid IN (SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND objid = (hashtext($1)::bigint & 4294967295)::oid))`,
      [`import-job:${jobId}`, blocked.map((b) => b.pid)],
    );
    expect(backends.length).toBe(2);
    server.kill('SIGKILL');
    await new Promise((resolve) => server.once('exit', resolve));
    await blocker.query('ROLLBACK');

    // PostgreSQL rolls the dead server's transaction back once it notices the connection is gone.
    for (let i = 0; i < 300; i++) {
      const { rows: alive } = await ctx.pool.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE pid = ANY($1::int[])`, [backends.map((b) => b.pid)]);
      if (alive[0].n === 0) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const leftovers = async () =>
      (
        await ctx.pool.query(
          `SELECT (SELECT count(*) FROM warnings WHERE county_code = $1)::int AS w, (SELECT count(*) FROM department_rows WHERE county_code = $1)::int AS r,
             (SELECT count(*) FROM department_batches WHERE region_code = $2)::int AS b`,
          [c.countyCode, c.code],
        )
      ).rows[0];
    expect(await leftovers()).toEqual({ w: 0, r: 0, b: 0 });
    expect((await jobRow()).status).toBe('running'); // what the dead server last said
    expect(fs.readdirSync(path.join(dataDir, 'uploads'))).toHaveLength(1); // the upload is kept for the re-run

    // Restart: the recovery sweep finds the orphaned job and runs it again to the end.
    server = await startServer(port);
    let job: { status: string; rowsDone: number; rowsTotal: number; result: Record<string, unknown> | null; error: string | null } | undefined;
    for (let i = 0; i < 1200; i++) {
      const response = await fetch(`${base}/api/import-jobs/${jobId}`, { headers: { cookie } });
      expect(response.status).toBe(200);
      job = (await response.json()) as typeof job;
      if (job!.status === 'done' || job!.status === 'failed') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(job).toMatchObject({ status: 'done', rowsDone: rows, rowsTotal: rows, result: { rows, matched: rows, isRepeat: false, warnings: 3, newWarnings: 3 } });
    expect(await leftovers()).toEqual({ w: 3, r: rows, b: 1 });
    expect(fs.readdirSync(path.join(dataDir, 'uploads'))).toEqual([]);
    server.kill('SIGTERM');
    await new Promise((resolve) => server.once('exit', resolve));
  }, 180_000);
});
