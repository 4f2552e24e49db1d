import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
import { buildCounty, buildHousehold, buildUser } from '../../../test/factories.ts';
import { tempFile } from '../../../test/registry-files.ts';
import { createTestContext } from '../../../test/test-app.ts';
import { createPool } from '../../db/client.ts';
import { runMigrations } from '../../db/migrate.ts';
import { backupDatabase, restoreDatabase } from './backup.ts';

describe('backup and restore', () => {
  it('round-trips every table into a fresh database, and refuses to overwrite data without --force', async () => {
    const ctx = await createTestContext();
    const county = await buildCounty(ctx.pool);
    const household = await buildHousehold(ctx, { villageCode: county.villages[0]!.code });
    await buildUser(ctx.pool, { role: 'county-admin', regionCode: county.code });
    const file = tempFile('backup.fangpin.gz');
    const { tables } = await backupDatabase(ctx.pool, file);
    expect(tables.households).toBeGreaterThan(0);

    const admin = new pg.Client({ connectionString: inject('databaseUrl') });
    await admin.connect();
    const name = `fangpin_restore_${process.pid}_${Date.now()}`;
    await admin.query(`CREATE DATABASE ${name}`);
    const url = new URL(inject('databaseUrl'));
    url.pathname = `/${name}`;
    const target = createPool(url.toString(), 2);
    try {
      await runMigrations(target);
      const restored = await restoreDatabase(target, file);
      expect(restored.tables).toEqual(tables);
      const count = async (pool: pg.Pool, sql: string) => (await pool.query(sql)).rows[0].n;
      for (const table of ['households', 'members', 'users', 'audit_log', 'regions', 'registry_history']) {
        expect([table, await count(target, `SELECT count(*)::int AS n FROM ${table}`)]).toEqual([table, await count(ctx.pool, `SELECT count(*)::int AS n FROM ${table}`)]);
      }
      const { rows } = await target.query(`SELECT id_enc FROM members WHERE id = $1`, [household.members[0]!.id]);
      expect(ctx.cipher.decrypt(rows[0].id_enc)).toBe(household.members[0]!.idNumber);
      // Triggers are back on after the restore, and sequences continue after the restored ids.
      await target.query(`INSERT INTO audit_log (actor_username, actor_role, action, object_type) VALUES ('t', 't', 't', 't')`);
      await expect(target.query(`DELETE FROM audit_log`)).rejects.toThrow(/append-only/);
      await expect(restoreDatabase(target, file)).rejects.toMatchObject({ code: 'CONFLICT' });
      await restoreDatabase(target, file, { force: true });
    } finally {
      await target.end();
      await admin.query(`DROP DATABASE ${name} WITH (FORCE)`);
      await admin.end();
    }
  }, 60_000);
});
