import type pg from 'pg';
import { afterAll } from 'vitest';
import { createScratchDatabase } from './scratch-db.ts';

/**
 * A new, empty, migrated database beside the run's test database, for what needs a whole install
 * to itself (`fangpin init` on an empty install, `serve`'s demo check). Dropped after the file.
 * Created and migrated by the owner; `url` and `pool` are the run's restricted application role on
 * it, as the server and the CLI connect (db/roles.ts).
 */
export async function createFreshDatabase(): Promise<{ url: string; pool: pg.Pool; ownerUrl: string }> {
  const scratch = await createScratchDatabase();
  afterAll(() => scratch.drop());
  return { url: scratch.appUrl, pool: scratch.app, ownerUrl: scratch.ownerUrl };
}
