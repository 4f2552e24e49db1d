import fs from 'node:fs';
import readline from 'node:readline';
import zlib from 'node:zlib';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCounty, buildHousehold, buildUser } from '../../../test/factories.ts';
import { tempFile } from '../../../test/registry-files.ts';
import { createScratchDatabase, type ScratchDatabase } from '../../../test/scratch-db.ts';
import { createTestContext, type TestContext } from '../../../test/test-app.ts';
import { createCipher } from '../../crypto/personal-data.ts';
import { CHAINED_TABLES } from '../../db/roles.ts';
import { readAnchors } from '../audit/read-anchors.ts';
import { verifyChains } from '../audit/verify-chains.ts';
import { verifyHouseholdStats } from '../stats/verify-summary.ts';
import { SYSTEM_ACTOR } from '../audit/record-audit.ts';
import { importDepartmentFile } from '../department/import-department.ts';
import { retireDepartmentRows } from '../department/retire-rows.ts';
import { listRowPartitions } from '../department/row-partitions.ts';
import { backupDatabase, readBackupHeader, restoreDatabase } from './backup.ts';

const OTHER_KEY = Buffer.alloc(32, 9);
const count = async (pool: pg.Pool, sql: string) => (await pool.query(sql)).rows[0].n;

/**
 * The backup as an older Fangpin wrote it (version 1): no key fingerprint and no chain heads in the
 * header, no chain columns (the last three of the chained tables), no chain_heads or personal_data_key.
 */
async function asVersion1(file: string): Promise<string> {
  const out = tempFile('v1.fangpin.gz');
  const lines = readline.createInterface({ input: fs.createReadStream(file).pipe(zlib.createGunzip()), crlfDelay: Infinity });
  const kept: string[] = [];
  let table = '';
  for await (const line of lines) {
    if (kept.length === 0) {
      const { format, createdAt, migrations } = JSON.parse(line);
      kept.push(JSON.stringify({ format, version: 1, createdAt, migrations }));
    } else if (!table) {
      const section = JSON.parse(line) as { table: string; columns: string[] };
      table = section.table;
      if (CHAINED_TABLES.includes(table as never)) section.columns = section.columns.filter((c) => !['chain_seq', 'prev_hash', 'hash'].includes(c));
      if (!['chain_heads', 'personal_data_key'].includes(table)) kept.push(JSON.stringify(section));
    } else if (line === '\\.') {
      if (!['chain_heads', 'personal_data_key'].includes(table)) kept.push(line);
      table = '';
    } else if (CHAINED_TABLES.includes(table as never)) kept.push(line.split('\t').slice(0, -3).join('\t'));
    else if (!['chain_heads', 'personal_data_key'].includes(table)) kept.push(line);
  }
  fs.writeFileSync(out, zlib.gzipSync(kept.join('\n') + '\n'));
  return out;
}

/**
 * The backup as Fangpin wrote it before department_rows was partitioned (migration 0038): its rows
 * without compared_on, and no partitions named.
 */
async function beforePartitions(file: string): Promise<string> {
  const out = tempFile('unpartitioned.fangpin.gz');
  const lines = readline.createInterface({ input: fs.createReadStream(file).pipe(zlib.createGunzip()), crlfDelay: Infinity });
  const kept: string[] = [];
  let table = '';
  let drop = -1;
  for await (const line of lines) {
    if (kept.length === 0) kept.push(line);
    else if (!table) {
      const section = JSON.parse(line) as { table: string; columns: string[]; partitions?: unknown };
      table = section.table;
      drop = table === 'department_rows' ? section.columns.indexOf('compared_on') : -1;
      kept.push(JSON.stringify({ table, columns: section.columns.filter((_, i) => i !== drop) }));
    } else if (line === '\\.') {
      kept.push(line);
      table = '';
    } else kept.push(drop < 0 ? line : line.split('\t').filter((_, i) => i !== drop).join('\t'));
  }
  fs.writeFileSync(out, zlib.gzipSync(kept.join('\n') + '\n'));
  return out;
}

const departmentRows = async (pool: pg.Pool) =>
  (await pool.query(`SELECT tableoid::regclass::text AS partition, batch_id, seq, compared_on::text AS "comparedOn", event_date::text AS "eventDate", amount_fen FROM department_rows ORDER BY batch_id, seq`)).rows;

describe('backup and restore', () => {
  let ctx: TestContext;
  let source: ScratchDatabase;
  let target: ScratchDatabase;
  let file: string;
  let household: Awaited<ReturnType<typeof buildHousehold>>;
  let tables: Record<string, number>;
  beforeAll(async () => {
    // A source of its own: a small install whose every row the test knows (and whose chains it verifies).
    source = await createScratchDatabase();
    ctx = await createTestContext({}, { databaseUrl: source.appUrl });
    await source.app.query('INSERT INTO personal_data_key (fingerprint) VALUES ($1)', [ctx.cipher.fingerprint]);
    const county = await buildCounty(ctx.pool);
    household = await buildHousehold(ctx, { villageCode: county.villages[0]!.code });
    await buildUser(ctx.pool, { role: 'county-admin', regionCode: county.code });
    // Department rows in two months, and a retired month whose row is kept as an open warning's evidence.
    const clerk = { ...SYSTEM_ACTOR, regionCode: county.code };
    const medical = (date: string, amount: string) => {
      const f = tempFile('medical.csv');
      fs.writeFileSync(f, `身份证号码,姓名,结算日期,个人自付\n${household.members[0]!.idNumber},甲,${date},${amount}\n`);
      return f;
    };
    await importDepartmentFile({ pool: ctx.pool, cipher: ctx.cipher, today: '2022-03-10' }, clerk, 'medical', medical('2021-06-01', '12000'));
    await importDepartmentFile({ pool: ctx.pool, cipher: ctx.cipher, today: '2026-11-10' }, clerk, 'medical', medical('2026-10-01', '300'));
    await importDepartmentFile({ pool: ctx.pool, cipher: ctx.cipher, today: '2026-12-01' }, clerk, 'medical', medical('2026-11-20', '200'));
    await retireDepartmentRows(source.owner, SYSTEM_ACTOR, { today: '2026-11-15', retentionMonths: 36 });
    await ctx.pool.query(`INSERT INTO audit_log (actor_username, actor_role, action, object_type) VALUES ('t', 't', 'backup.test', 't')`);
    file = tempFile('backup.fangpin.gz');
    ({ tables } = await backupDatabase(ctx.pool, file));
    target = await createScratchDatabase();
  }, 60_000);
  afterAll(async () => {
    await ctx.app.close();
    await target.drop();
    await source.drop();
  });

  it('writes the file readable by its owner only, naming the key by its fingerprint and the chains by their heads', async () => {
    expect(tables.households).toBeGreaterThan(0);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const header = await readBackupHeader(file);
    expect(header).toMatchObject({ format: 'fangpin-backup', version: 2, keyFingerprint: ctx.cipher.fingerprint });
    expect(header.keyFingerprint).toMatch(/^[0-9a-f]{16}$/);
    expect(header.chains!.audit_log.seq).toBeGreaterThan(0);
    // A leftover, world-readable partial file from a crash does not lend the backup its mode.
    fs.writeFileSync(`${file}.partial`, 'junk', { mode: 0o644 });
    await backupDatabase(ctx.pool, file);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });

  it('refuses a restore without the backup’s key, naming both fingerprints and what to do, and changes nothing', async () => {
    const other = createCipher(OTHER_KEY);
    const refused = restoreDatabase(target.owner, file, { key: { cipher: other, source: '/srv/fangpin/secret.key' } });
    await expect(refused).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(refused).rejects.toThrow(
      `The backup was made with the personal-data key of fingerprint ${ctx.cipher.fingerprint}, but this install's key (/srv/fangpin/secret.key) has fingerprint ${other.fingerprint}`,
    );
    await expect(refused).rejects.toThrow(/put the key that was in use when the backup was made in \/srv\/fangpin\/secret.key/);
    const none = restoreDatabase(target.owner, file, { key: { cipher: undefined, source: '/srv/fangpin/secret.key' } });
    await expect(none).rejects.toThrow(`The backup was made with the personal-data key of fingerprint ${ctx.cipher.fingerprint}, and this install has none`);
    expect(await count(target.app, 'SELECT count(*)::int AS n FROM households')).toBe(0);
  });

  it('checks an older backup’s key by opening its data, before anything is committed, and chains its records', async () => {
    const v1 = await asVersion1(file);
    const refused = restoreDatabase(target.owner, v1, { key: { cipher: createCipher(OTHER_KEY), source: 'FANGPIN_SECRET_KEY' } });
    await expect(refused).rejects.toThrow(/cannot open its ID numbers and phones/);
    expect(await count(target.app, 'SELECT count(*)::int AS n FROM members')).toBe(0);
    await restoreDatabase(target.owner, v1, { key: { cipher: ctx.cipher, source: 'FANGPIN_SECRET_KEY' } });
    expect((await target.app.query('SELECT fingerprint FROM personal_data_key')).rows).toEqual([{ fingerprint: ctx.cipher.fingerprint }]);
    const report = await verifyChains(target.app);
    expect(report.firstProblem).toBeNull();
    expect(report.chains.find((c) => c.table === 'audit_log')!.rows).toBe(tables.audit_log);
  }, 60_000);

  it('round-trips every table into a fresh database with its chains verifiable, and refuses to overwrite data without --force', async () => {
    const restored = await restoreDatabase(target.owner, file, { force: true, key: { cipher: ctx.cipher, source: 'FANGPIN_SECRET_KEY' } });
    expect(restored.tables).toEqual(tables);
    for (const table of ['households', 'members', 'users', 'audit_log', 'regions', 'registry_history', 'case_events', 'chain_heads']) {
      expect([table, await count(target.app, `SELECT count(*)::int AS n FROM ${table}`)]).toEqual([table, tables[table]]);
    }
    // department_rows comes back in the same partitions, the rows kept as evidence among them.
    expect(await listRowPartitions(target.app)).toEqual(await listRowPartitions(source.app));
    expect((await listRowPartitions(target.app)).map((p) => p.name)).toEqual(['department_rows_kept', 'department_rows_2026_11', 'department_rows_2026_12', 'department_rows_2027_01']);
    expect(await departmentRows(target.app)).toEqual(await departmentRows(source.app));
    expect(tables.department_rows).toBe(3);
    const { rows } = await target.app.query(`SELECT id_enc FROM members WHERE id = $1`, [household.members[0]!.id]);
    expect(ctx.cipher.decrypt(rows[0].id_enc)).toBe(household.members[0]!.idNumber);
    // The statistics' per-household summary is not in the file: the restore rebuilds it from the rows it writes.
    expect(await verifyHouseholdStats(target.app)).toMatchObject({ households: tables.households, mismatched: 0 });
    // The chains verify after the restore, and still pass through the heads the backup recorded.
    const report = await verifyChains(target.app, { anchors: await readAnchors(file) });
    expect(report.firstProblem).toBeNull();
    expect(report.chains.find((c) => c.table === 'audit_log')!.head).toEqual((await readBackupHeader(file)).chains!.audit_log);
    // Triggers are back on after the restore, new rows chain on, and sequences continue after the restored ids.
    await target.app.query(`INSERT INTO audit_log (actor_username, actor_role, action, object_type) VALUES ('t', 't', 't', 't')`);
    await expect(target.owner.query(`DELETE FROM audit_log`)).rejects.toThrow(/append-only/);
    expect((await verifyChains(target.app)).firstProblem).toBeNull();
    await expect(restoreDatabase(target.owner, file, { key: { cipher: ctx.cipher, source: 'FANGPIN_SECRET_KEY' } })).rejects.toMatchObject({ code: 'CONFLICT' });
    await restoreDatabase(target.owner, file, { force: true, key: { cipher: ctx.cipher, source: 'FANGPIN_SECRET_KEY' } });
  }, 60_000);

  it('restores a backup from before the partitions: each row under its batch’s date, in partitions made for them', async () => {
    const old = await beforePartitions(file);
    const restored = await restoreDatabase(target.owner, old, { force: true, key: { cipher: ctx.cipher, source: 'FANGPIN_SECRET_KEY' } });
    expect(restored.tables.department_rows).toBe(3);
    const expected = (await departmentRows(source.app)).map((r) => ({ ...r, partition: `department_rows_${r.comparedOn.slice(0, 4)}_${r.comparedOn.slice(5, 7)}` }));
    expect(await departmentRows(target.app)).toEqual(expected);
    expect(expected.map((r) => r.partition)).toEqual(expect.arrayContaining(['department_rows_2022_03']));
    // Only the months the rows need (the kept rows go back to their own month: the backup named no kept partition).
    expect((await listRowPartitions(target.app)).map((p) => p.name)).toEqual(['department_rows_2022_03', 'department_rows_2026_11', 'department_rows_2026_12']);
  }, 60_000);
});
