import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import type pg from 'pg';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import { createDb } from './client.ts';

export const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

/**
 * Applies the checked-in SQL migrations (idempotent; drizzle records applied ones). An advisory lock
 * keeps two server processes starting together from racing. Run as the schema owner.
 * `migrationsFolder` is for tests that stop at an older migration.
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

/**
 * The migrations this database lacks (drizzle's rule: those newer than the last one applied), read
 * with the application's role, which may not apply them.
 */
export async function pendingMigrations(pool: pg.Pool | pg.PoolClient): Promise<string[]> {
  const journal = JSON.parse(fs.readFileSync(path.join(MIGRATIONS_DIR, 'meta', '_journal.json'), 'utf8')) as { entries: { when: number; tag: string }[] };
  let last = -1;
  try {
    const { rows } = await pool.query<{ createdAt: string | null }>('SELECT max(created_at) AS "createdAt" FROM drizzle.__drizzle_migrations');
    last = rows[0]?.createdAt == null ? -1 : Number(rows[0].createdAt);
  } catch (error) {
    if ((error as { code?: string }).code !== '42P01' && (error as { code?: string }).code !== '3F000') throw error; // no table / schema yet
  }
  return journal.entries.filter((e) => e.when > last).map((e) => e.tag);
}
