import crypto from 'node:crypto';
import fs from 'node:fs';
import type { FastifyInstance } from 'fastify';
import type pg from 'pg';
import { afterAll, inject } from 'vitest';
import { buildApp } from '../src/app.ts';
import { loadConfig, type Config } from '../src/config.ts';
import { createCipher } from '../src/crypto/personal-data.ts';
import { createPool } from '../src/db/client.ts';
import { makeReachableTempDir } from '../src/db/embedded.ts';
import { startJobs, type JobsDeps, type RunningJobs } from '../src/jobs/boss.ts';
import { installJobsSchema } from '../src/jobs/install.ts';
import { grantJobsSchema } from '../src/db/roles.ts';
import { TEST_SECRET_KEY, type TestContext } from './test-app.ts';

export type JobsTestContext = TestContext & { jobs: RunningJobs; jobsSchema: string };

/**
 * The real app with its background jobs (pg-boss) on the run's test database. Each test file gets its
 * own pg-boss schema, so its workers never pick up another file's jobs; uploads go to a fresh data directory.
 */
export async function createJobsTestContext(overrides: Partial<Config> = {}, jobsOptions: Pick<JobsDeps, 'pollingIntervalSeconds' | 'importConcurrency'> = {}): Promise<JobsTestContext> {
  const pool: pg.Pool = createPool(inject('databaseUrl'), 8);
  const jobsSchema = `pgboss_t${crypto.randomBytes(4).toString('hex')}`;
  const config: Config = { ...loadConfig({ FANGPIN_DATA_DIR: makeReachableTempDir('fangpin-jobs-'), LOG_LEVEL: 'silent' }), jobsSchema, ...overrides };
  const cipher = createCipher(Buffer.from(TEST_SECRET_KEY, 'hex'));
  const clock = {
    now: new Date(),
    advance(ms: number) {
      clock.now = new Date(clock.now.getTime() + ms);
    },
  };
  const now = () => clock.now;
  // The jobs schema is the owner's, as at a server's start; the app's role only uses it.
  const owner = createPool(inject('ownerDatabaseUrl'), 2);
  await installJobsSchema(owner, jobsSchema);
  const { rows } = await pool.query<{ role: string }>('SELECT current_user AS role');
  await grantJobsSchema(owner, rows[0]!.role, jobsSchema);
  const jobs = await startJobs({ pool, cipher, now, schema: jobsSchema, pollingIntervalSeconds: 0.5, recoverEveryMs: 0, ...jobsOptions });
  const logs: string[] = [];
  const app: FastifyInstance = await buildApp({ pool, config, cipher, now, jobs, logStream: { write: (line: string) => void logs.push(line) } });
  afterAll(async () => {
    await app.close();
    await jobs.stop();
    await owner.query(`DROP SCHEMA IF EXISTS ${jobsSchema} CASCADE`).catch(() => undefined);
    await owner.end();
    await pool.end();
    fs.rmSync(config.dataDir, { recursive: true, force: true });
  });
  return { app, pool, cipher, config, clock, logs, jobs, jobsSchema };
}

/** A multipart body with one field `file`. */
export function multipartFile(fileName: string, content: Buffer): { payload: Buffer; contentType: string } {
  const boundary = `----fangpin${crypto.randomBytes(6).toString('hex')}`;
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, contentType: `multipart/form-data; boundary=${boundary}` };
}
