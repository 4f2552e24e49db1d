import type { FastifyInstance } from 'fastify';
import type pg from 'pg';
import { afterAll, inject } from 'vitest';
import { buildApp } from '../src/app.ts';
import { loadConfig, type Config } from '../src/config.ts';
import { createCipher, type PersonalDataCipher } from '../src/crypto/personal-data.ts';
import { createPool } from '../src/db/client.ts';
import { settleKeptParts } from '../src/modules/stats/kept-parts.ts';

import { TEST_SECRET_KEY } from './test-key.ts';

export { TEST_SECRET_KEY } from './test-key.ts';

export type TestContext = {
  app: FastifyInstance;
  pool: pg.Pool;
  cipher: PersonalDataCipher;
  config: Config;
  /** The app's clock: tests move it to check expiry and lockout. */
  clock: { now: Date; advance(ms: number): void };
  logs: string[];
};

/**
 * A pool of the schema owner (the cluster's administrator), closed after the test file: for what the
 * server's role may not do (plant an edit, create a database, install a jobs schema).
 */
export function createOwnerPool(max = 2): pg.Pool {
  const pool = createPool(inject('ownerDatabaseUrl'), max);
  afterAll(async () => {
    await pool.end();
  });
  return pool;
}

/**
 * The real app on the run's test database (see global-setup.ts), through `app.inject()`. One per
 * test file; closed after the file. Logs are captured so tests can prove no personal data is logged.
 */
export async function createTestContext(overrides: Partial<Config> = {}, options: { databaseUrl?: string } = {}): Promise<TestContext> {
  const pool = createPool(options.databaseUrl ?? inject('databaseUrl'), 5);
  const config: Config = { ...loadConfig({ FANGPIN_DATA_DIR: '/nonexistent', LOG_LEVEL: 'info' }), ...overrides };
  const cipher = createCipher(Buffer.from(TEST_SECRET_KEY, 'hex'));
  const clock = {
    now: new Date(),
    advance(ms: number) {
      clock.now = new Date(clock.now.getTime() + ms);
    },
  };
  const logs: string[] = [];
  const app = await buildApp({ pool, config, cipher, now: () => clock.now, logStream: { write: (line: string) => void logs.push(line) } });
  afterAll(async () => {
    await app.close();
    // The statistics keep timelines after a read, in the background: done before the pool goes.
    await settleKeptParts();
    await pool.end();
  });
  return { app, pool, cipher, config, clock, logs };
}

/**
 * Moves the test clock to 10:00 China time (02:00 UTC) on `day`, and keeps these users' sessions
 * alive at that moment, so a test can enter each step on the day it happened.
 */
export async function setTestDay(ctx: TestContext, day: string, userIds: readonly string[]): Promise<void> {
  ctx.clock.now = new Date(`${day}T02:00:00Z`);
  await ctx.pool.query(`UPDATE sessions SET last_seen_at = $1, expires_at = $1::timestamptz + interval '1 day' WHERE user_id = ANY($2::uuid[])`, [ctx.clock.now, userIds]);
}
