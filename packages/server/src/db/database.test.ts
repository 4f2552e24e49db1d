import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createScratchDatabase } from '../../test/scratch-db.ts';
import { loadConfig } from '../config.ts';
import { openDatabase } from './database.ts';
import { makeReachableTempDir } from './embedded.ts';

/** The server's pool runs as a restricted role, embedded or external (issue 10, item 7). */
describe('openDatabase', () => {
  it('embedded: migrates as the cluster superuser, hands out the restricted fangpin_app role, its password kept 0600', async () => {
    const dataDir = makeReachableTempDir('fangpin-roles-');
    const db = await openDatabase(loadConfig({ FANGPIN_DATA_DIR: dataDir }), { kind: 'cli' });
    try {
      expect(db.appRole).toBe('fangpin_app');
      const { rows } = await db.pool.query(`SELECT current_user AS role, rolsuper AS "isSuperuser" FROM pg_roles WHERE rolname = current_user`);
      expect(rows).toEqual([{ role: 'fangpin_app', isSuperuser: false }]);
      await expect(db.pool.query(`UPDATE audit_log SET id = id WHERE false`)).rejects.toThrow('permission denied for table audit_log');
      await expect(db.pool.query(`SELECT count(*) FROM pgboss.queue`)).resolves.toBeDefined();
      const meta = path.join(dataDir, 'embedded.json');
      expect(fs.statSync(meta).mode & 0o777).toBe(0o600);
      expect(JSON.parse(fs.readFileSync(meta, 'utf8'))).toMatchObject({ user: 'fangpin', appPassword: expect.any(String) });
      expect(await db.withOwner('test', async (owner) => (await owner.query('SELECT rolsuper FROM pg_roles WHERE rolname = current_user')).rows[0].rolsuper)).toBe(true);
    } finally {
      await db.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);

  it('external: refuses a role that could rewrite history, or a schema it cannot migrate; with DATABASE_OWNER_URL, migrates and grants', async () => {
    const scratch = await createScratchDatabase({ isMigrated: false });
    const env = { FANGPIN_DATA_DIR: '/nonexistent', FANGPIN_JOBS_SCHEMA: 'jobs' };
    try {
      await expect(openDatabase(loadConfig({ ...env, DATABASE_URL: scratch.appUrl }), { kind: 'cli' })).rejects.toThrow(
        /The database lacks \d+ migration\(s\) \(0000_registry_accounts_audit, .*\)\. Set DATABASE_OWNER_URL/,
      );
      await expect(openDatabase(loadConfig({ ...env, DATABASE_URL: scratch.ownerUrl }), { kind: 'cli' })).rejects.toThrow(
        /may rewrite the audit records: it is a superuser .*set DATABASE_URL to it and DATABASE_OWNER_URL to the owner of the schema/s,
      );
      const db = await openDatabase(loadConfig({ ...env, DATABASE_URL: scratch.appUrl, DATABASE_OWNER_URL: scratch.ownerUrl }), { kind: 'cli' });
      try {
        expect(db.appRole).toBe(decodeURIComponent(new URL(scratch.appUrl).username));
        await expect(db.pool.query(`SELECT count(*) FROM jobs.queue`)).resolves.toBeDefined();
        await expect(db.pool.query(`TRUNCATE registry_history`)).rejects.toThrow('permission denied for table registry_history');
      } finally {
        await db.close();
      }
      // The owner alone, now that the tables exist, is refused as the owner too.
      await expect(openDatabase(loadConfig({ ...env, DATABASE_URL: scratch.ownerUrl }), { kind: 'cli' })).rejects.toThrow(/it owns the tables/);
      // Once migrated, the restricted role alone is enough to serve.
      const appOnly = await openDatabase(loadConfig({ ...env, DATABASE_URL: scratch.appUrl }), { kind: 'cli' });
      await appOnly.close();
      expect(() => loadConfig({ ...env, DATABASE_OWNER_URL: scratch.ownerUrl })).toThrow(/DATABASE_OWNER_URL is set without DATABASE_URL/);
    } finally {
      await scratch.drop();
    }
  }, 60_000);
});
