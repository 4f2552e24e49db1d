import type pg from 'pg';
import type { Config } from '../config.ts';
import { createPool } from './client.ts';
import { startEmbeddedPostgres } from './embedded.ts';
import { runMigrations } from './migrate.ts';

export type Database = {
  pool: pg.Pool;
  url: string;
  isEmbedded: boolean;
  close: () => Promise<void>;
};

/**
 * Opens the configured database: DATABASE_URL when set (PostgreSQL ≥ 15), otherwise the embedded
 * cluster in the data directory. Migrations are applied before it is handed out.
 */
export async function openDatabase(
  config: Config,
  options: { kind: 'serve' | 'cli'; log?: (m: string) => void; migrate?: boolean },
): Promise<Database> {
  const embedded = config.databaseUrl
    ? undefined
    : await startEmbeddedPostgres({ dataDir: config.dataDir, kind: options.kind, log: options.log });
  const url = config.databaseUrl ?? embedded!.url;
  const pool = createPool(url);
  try {
    const { rows } = await pool.query<{ server_version_num: string }>('SHOW server_version_num');
    if (Number(rows[0]?.server_version_num) < 150000) {
      throw new Error(`Fangpin needs PostgreSQL 15 or newer; the server at DATABASE_URL is ${rows[0]?.server_version_num}`);
    }
    if (options.migrate !== false) await runMigrations(pool);
  } catch (error) {
    await pool.end().catch(() => undefined);
    await embedded?.stop();
    throw error;
  }
  return {
    pool,
    url,
    isEmbedded: !!embedded,
    close: async () => {
      await pool.end().catch(() => undefined);
      await embedded?.stop();
    },
  };
}
