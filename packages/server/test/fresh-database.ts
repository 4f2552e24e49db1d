import crypto from 'node:crypto';
import pg from 'pg';
import { afterAll, inject } from 'vitest';
import { createPool } from '../src/db/client.ts';
import { runMigrations } from '../src/db/migrate.ts';

/**
 * A new, empty, migrated database beside the run's test database, for what needs a whole install
 * to itself (`fangpin init` on an empty install, `serve`'s demo check). Dropped after the file.
 */
export async function createFreshDatabase(): Promise<{ url: string; pool: pg.Pool }> {
  const testUrl = new URL(inject('databaseUrl'));
  const name = `fangpin_fresh_${crypto.randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: testUrl.toString() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(testUrl);
  url.pathname = `/${name}`;
  const pool = createPool(url.toString(), 3);
  await runMigrations(pool);
  afterAll(async () => {
    await pool.end();
    const client = new pg.Client({ connectionString: testUrl.toString() });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await client.end();
  });
  return { url: url.toString(), pool };
}
