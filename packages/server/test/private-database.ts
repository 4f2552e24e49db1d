import crypto from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { createPool } from '../src/db/client.ts';
import { runMigrations } from '../src/db/migrate.ts';

/**
 * A database of its own, on the test run's server, for a test that must see every row of every table
 * (other test files share the run's database). `migrationsFolder` stops at an older migration, to
 * test what a later one does to existing rows. Dropped by `drop()`. It is reached as the schema
 * owner, as migrations are (the run's app role may not create databases, nor write old rows into
 * the append-only tables the way earlier versions did).
 */
export async function createPrivateDatabase(
  options: { migrationsFolder?: string } = {},
): Promise<{ url: string; drop: () => Promise<void> }> {
  const shared = new URL(inject('ownerDatabaseUrl'));
  const admin = new URL(shared);
  admin.pathname = '/postgres';
  const name = `fangpin_private_${process.pid}_${crypto.randomBytes(4).toString('hex')}`;
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  const url = new URL(shared);
  url.pathname = `/${name}`;
  const pool = createPool(url.toString(), 2);
  try {
    await runMigrations(pool, options.migrationsFolder);
  } finally {
    await pool.end();
  }
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: admin.toString() });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
