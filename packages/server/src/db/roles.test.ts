import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { assertRestrictedRole, CHAINED_TABLES } from './roles.ts';

/**
 * The server's database role (issue 10, item 7): the suite runs the app as the restricted role a
 * real install uses (test/global-setup.ts), and here proves what that role cannot do.
 */
describe('the application database role', () => {
  const app = new pg.Pool({ connectionString: inject('databaseUrl'), max: 2 });
  const owner = new pg.Pool({ connectionString: inject('ownerDatabaseUrl'), max: 1 });
  afterAll(async () => {
    await app.end();
    await owner.end();
  });

  it.each(CHAINED_TABLES)('may read and append to %s, never update, delete or truncate it', async (table) => {
    await expect(app.query(`SELECT count(*) FROM ${table}`)).resolves.toBeDefined();
    await expect(app.query(`UPDATE ${table} SET id = id WHERE false`)).rejects.toThrow(`permission denied for table ${table}`);
    await expect(app.query(`DELETE FROM ${table} WHERE false`)).rejects.toThrow(`permission denied for table ${table}`);
    await expect(app.query(`TRUNCATE ${table}`)).rejects.toThrow(`permission denied for table ${table}`);
    await expect(app.query(`TRUNCATE ${table} CASCADE`)).rejects.toThrow(`permission denied for table ${table}`);
  });

  it('cannot switch the triggers off: no session_replication_role, no ALTER or DROP of a trigger', async () => {
    await expect(app.query(`SET session_replication_role = replica`)).rejects.toThrow(/permission denied to set parameter "session_replication_role"/);
    await expect(app.query(`ALTER TABLE audit_log DISABLE TRIGGER USER`)).rejects.toThrow(/must be owner of table audit_log/);
    await expect(app.query(`ALTER TABLE registry_history DISABLE TRIGGER registry_history_append_only`)).rejects.toThrow(/must be owner/);
    await expect(app.query(`DROP TRIGGER case_events_append_only ON case_events`)).rejects.toThrow(/must be owner/);
    await expect(app.query(`DROP TRIGGER audit_log_chain_request ON audit_log`)).rejects.toThrow(/must be owner/);
    await expect(app.query(`DROP FUNCTION fangpin_seal_chains()`)).rejects.toThrow(/must be owner/);
  });

  it('cannot move a chain head, create objects in the schema, or grant itself more', async () => {
    await expect(app.query(`UPDATE chain_heads SET seq = 0`)).rejects.toThrow('permission denied for table chain_heads');
    await expect(app.query(`INSERT INTO chain_heads (chain, seq, hash) VALUES ('x', 0, '\\x00')`)).rejects.toThrow('permission denied for table chain_heads');
    await expect(app.query(`DELETE FROM personal_data_key`)).rejects.toThrow('permission denied for table personal_data_key');
    await expect(app.query(`CREATE TABLE audit_copy (id int)`)).rejects.toThrow(/permission denied for schema public/);
    await app.query(`GRANT UPDATE ON audit_log TO PUBLIC`); // "no privileges were granted": a warning, and nothing changes
    await expect(app.query(`UPDATE audit_log SET id = id WHERE false`)).rejects.toThrow('permission denied for table audit_log');
    await expect(app.query(`CREATE ROLE sneaky SUPERUSER`)).rejects.toThrow(/permission denied to create role|must be superuser to create superusers/);
  });

  it('is what the server asks for at start, and the owner is refused in its place', async () => {
    await expect(assertRestrictedRole(app)).resolves.toBe(decodeURIComponent(new URL(inject('databaseUrl')).username));
    await expect(assertRestrictedRole(owner)).rejects.toThrow(/may rewrite the audit records: it is a superuser/);
  });

  it('ANALYZEs the department rows through the owner’s function, not by itself (it owns nothing)', async () => {
    const client = await app.connect();
    const notices: string[] = [];
    client.on('notice', (n) => notices.push(n.message ?? ''));
    try {
      await client.query('ANALYZE department_rows');
      expect(notices.join('\n')).toMatch(/permission denied to analyze "department_rows"|only table or database owner can analyze it/);
      notices.length = 0;
      await client.query('SELECT fangpin_analyze_department_rows()');
      expect(notices).toEqual([]);
    } finally {
      client.release();
    }
  });
});
