import type pg from 'pg';
import type { Config } from '../config.ts';
import { installJobsSchema } from '../jobs/install.ts';
import { createPool } from './client.ts';
import { startEmbeddedPostgres } from './embedded.ts';
import { pendingMigrations, runMigrations } from './migrate.ts';
import { assertRestrictedRole, ensureLoginRole, grantAppRole } from './roles.ts';

export type Database = {
  /** The application's restricted role (db/roles.ts): what the server and the CLI's commands use. */
  pool: pg.Pool;
  url: string;
  /** The schema owner's connection (embedded superuser or DATABASE_OWNER_URL), when known. */
  ownerUrl: string | undefined;
  /** The name of the application's role. */
  appRole: string;
  isEmbedded: boolean;
  /**
   * Runs `work` on a short-lived pool of the schema owner (restore, …); without DATABASE_OWNER_URL
   * it fails, saying that `what` needs it.
   */
  withOwner: <T>(what: string, work: (owner: pg.Pool) => Promise<T>) => Promise<T>;
  close: () => Promise<void>;
};

async function assertServerVersion(pool: pg.Pool, source: string): Promise<void> {
  const { rows } = await pool.query<{ server_version_num: string }>('SHOW server_version_num');
  if (Number(rows[0]?.server_version_num) < 150000) {
    throw new Error(`Fangpin needs PostgreSQL 15 or newer; the server at ${source} is ${rows[0]?.server_version_num}`);
  }
}

/**
 * Opens the configured database: DATABASE_URL when set (PostgreSQL ≥ 15), otherwise the embedded
 * cluster in the data directory. With the owner's connection (the embedded superuser, or
 * DATABASE_OWNER_URL), migrations and the jobs schema are applied and the application's role is
 * granted its privileges first; then the pool of the application's role is handed out, after checking
 * that it cannot rewrite history and that no migration is missing.
 */
export async function openDatabase(
  config: Config,
  options: { kind: 'serve' | 'cli'; log?: (m: string) => void; migrate?: boolean },
): Promise<Database> {
  const embedded = config.databaseUrl
    ? undefined
    : await startEmbeddedPostgres({ dataDir: config.dataDir, kind: options.kind, log: options.log });
  const url = config.databaseUrl ?? embedded!.app.url;
  const ownerUrl = embedded?.url ?? config.databaseOwnerUrl;
  const pool = createPool(url);
  try {
    if (ownerUrl) {
      const owner = createPool(ownerUrl, 2);
      try {
        await assertServerVersion(owner, embedded ? 'the embedded database' : 'DATABASE_OWNER_URL');
        if (options.migrate !== false) await runMigrations(owner);
        // One process at a time: two concurrent GRANTs on a table fail ("tuple concurrently updated").
        const lock = await owner.connect();
        try {
          await lock.query('SELECT pg_advisory_lock(20260451029)');
          if (options.migrate !== false) await installJobsSchema(owner, config.jobsSchema);
          if (embedded) await ensureLoginRole(owner, embedded.app.user, embedded.app.password);
          const { rows } = await pool.query<{ role: string }>('SELECT current_user AS role');
          await grantAppRole(owner, rows[0]!.role, { jobsSchema: config.jobsSchema });
        } finally {
          await lock.query('SELECT pg_advisory_unlock(20260451029)').catch(() => undefined);
          lock.release();
        }
      } finally {
        await owner.end();
      }
    }
    await assertServerVersion(pool, 'DATABASE_URL');
    const appRole = await assertRestrictedRole(pool);
    const pending = await pendingMigrations(pool);
    if (pending.length > 0) {
      throw new Error(
        `The database lacks ${pending.length} migration(s) (${pending.slice(0, 3).join(', ')}${pending.length > 3 ? ', …' : ''}). ` +
          `Set DATABASE_OWNER_URL (the role that owns the schema) so they are applied at start, or run 'npx fangpin migrate' with it.`,
      );
    }
    return {
      pool,
      url,
      ownerUrl,
      appRole,
      isEmbedded: !!embedded,
      withOwner: async (what, work) => {
        if (!ownerUrl) throw new Error(`${what} needs the schema owner's connection: set DATABASE_OWNER_URL.`);
        const owner = createPool(ownerUrl, 2);
        try {
          return await work(owner);
        } finally {
          await owner.end();
        }
      },
      close: async () => {
        await pool.end().catch(() => undefined);
        await embedded?.stop();
      },
    };
  } catch (error) {
    await pool.end().catch(() => undefined);
    await embedded?.stop();
    throw error;
  }
}
