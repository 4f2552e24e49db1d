import { fileURLToPath } from 'node:url';
import path from 'node:path';
import type pg from 'pg';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import { createDb } from './client.ts';

export const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

/**
 * Applies the checked-in SQL migrations (idempotent; drizzle records applied ones). An advisory lock
 * keeps two server processes starting together from racing. `migrationsFolder` is for tests that stop
 * at an older migration.
 */
export async function runMigrations(pool: pg.Pool, migrationsFolder = MIGRATIONS_DIR): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock(20260451028)');
    await migrate(createDb(pool), { migrationsFolder });
  } finally {
    await client.query('SELECT pg_advisory_unlock(20260451028)').catch(() => undefined);
    client.release();
  }
}
