import crypto from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { createPool } from '../src/db/client.ts';
import { runMigrations } from '../src/db/migrate.ts';
import { grantAppRole } from '../src/db/roles.ts';

export type ScratchDatabase = {
  name: string;
  /** The schema owner (the cluster's administrator) on this database. */
  ownerUrl: string;
  /** The run's restricted application role on this database. */
  appUrl: string;
  owner: pg.Pool;
  app: pg.Pool;
  drop(): Promise<void>;
};

/**
 * A database of its own, migrated and granted like a real install, for tests that must see every row
 * of a table (hash-chain verification walks whole tables; a planted edit must not break other test
 * files' checks) or must start empty (restores). The run's app role gets its privileges there too.
 */
export async function createScratchDatabase(options: { isMigrated?: boolean } = {}): Promise<ScratchDatabase> {
  const name = `fangpin_scratch_${process.pid}_${crypto.randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: inject('ownerDatabaseUrl') });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const ownerUrl = new URL(inject('ownerDatabaseUrl'));
  ownerUrl.pathname = `/${name}`;
  const appUrl = new URL(inject('databaseUrl'));
  appUrl.pathname = `/${name}`;
  const owner = createPool(ownerUrl.toString(), 3);
  if (options.isMigrated !== false) {
    await runMigrations(owner);
    await grantAppRole(owner, decodeURIComponent(appUrl.username));
  }
  const app = createPool(appUrl.toString(), 5);
  return {
    name,
    ownerUrl: ownerUrl.toString(),
    appUrl: appUrl.toString(),
    owner,
    app,
    drop: async () => {
      await app.end().catch(() => undefined);
      await owner.end().catch(() => undefined);
      const client = new pg.Client({ connectionString: inject('ownerDatabaseUrl') });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
