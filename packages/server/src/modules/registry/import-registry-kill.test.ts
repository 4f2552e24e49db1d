import { spawn, type ChildProcess } from 'node:child_process';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it, onTestFinished } from 'vitest';
import { buildCounty, buildHousehold } from '../../../test/factories.ts';
import { COL, registryRows, tempFile, writeCsv } from '../../../test/registry-files.ts';
import { createTestContext, TEST_SECRET_KEY, type TestContext } from '../../../test/test-app.ts';
import { failAbandonedImportBatches } from './import-batches.ts';

/**
 * Issue 10, item 9: the registry import is all or nothing. The CLI is killed (SIGKILL) in the middle
 * of a file, after its first 2,000 rows were written: the registry holds none of the file, the next
 * start marks the batch failed with the reason, and a re-run imports every row once.
 */
let ctx: TestContext;
const children: ChildProcess[] = [];
const bin = path.resolve(import.meta.dirname, '../../../bin/fangpin.mjs');
const env = () => ({ ...process.env, DATABASE_URL: inject('databaseUrl'), FANGPIN_SECRET_KEY: TEST_SECRET_KEY });

beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

describe('a registry import killed midway', () => {
  it('leaves none of the file, is marked failed on the next start with the reason, and a re-run imports every row once', async () => {
    const county = await buildCounty(ctx.pool);
    // A household already registered; the file's last household is it (same number and village).
    const known = await buildHousehold(ctx, { villageCode: county.villages[2]!.code });
    const rows = registryRows(county, 1200, 91);
    const lastNumber = rows[rows.length - 1]![COL['户编号']];
    for (const row of rows) {
      if (row[COL['户编号']] !== lastNumber) continue;
      row[COL['户编号']] = known.householdNumber;
      row[COL['行政区划代码']] = known.regionCode;
    }
    expect(rows.length).toBeGreaterThan(4000); // more than two batches of 2,000 rows before the known household's
    const file = writeCsv(tempFile('registry-kill.csv'), rows);
    const counts = async () =>
      (
        await ctx.pool.query(
          `SELECT (SELECT count(*) FROM households WHERE county_code = $1)::int AS households, (SELECT count(*) FROM members WHERE county_code = $1)::int AS members,
             (SELECT count(*) FROM registry_history WHERE county_code = $1)::int AS history`,
          [county.countyCode],
        )
      ).rows[0];
    const before = await counts();
    expect(before).toEqual({ households: 1, members: 2, history: 0 });

    // Hold the known household: the import waits on it once every row before it has been written.
    const blocker = await ctx.pool.connect();
    onTestFinished(async () => {
      await blocker.query('ROLLBACK').catch(() => undefined);
      blocker.release();
    });
    await blocker.query('BEGIN');
    await blocker.query('SELECT id FROM households WHERE id = $1 FOR UPDATE', [known.id]);

    const child = spawn(process.execPath, [bin, 'import', 'registry', file, '--json', '--county', county.countyCode], { env: env(), stdio: 'ignore' });
    children.push(child);
    const exited = new Promise((resolve) => child.once('exit', resolve));
    const waiting = async () =>
      (
        await ctx.pool.query<{ pid: number }>(
          `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND wait_event_type = 'Lock' AND query LIKE '%FROM households h WHERE h.household_number = ANY%'`,
        )
      ).rows;
    let blocked: { pid: number }[] = [];
    for (let i = 0; i < 3000 && blocked.length === 0 && child.exitCode === null; i++) {
      blocked = await waiting();
      if (blocked.length === 0) await new Promise((r) => setTimeout(r, 20));
    }
    expect(blocked).toHaveLength(1);
    const { rows: running } = await ctx.pool.query(`SELECT id, status FROM import_batches WHERE county_code = $1`, [county.countyCode]);
    expect(running).toEqual([{ id: expect.any(String), status: 'running' }]);
    const batchId = running[0].id as string;
    // A live import is never taken for an abandoned one.
    expect(await failAbandonedImportBatches(ctx.pool)).not.toContain(batchId);

    child.kill('SIGKILL');
    await exited;
    await blocker.query('ROLLBACK');
    // PostgreSQL rolls the dead client's transaction back once it notices the connection is gone.
    for (let i = 0; i < 300; i++) {
      const { rows: alive } = await ctx.pool.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE pid = ANY($1::int[])`, [blocked.map((b) => b.pid)]);
      if (alive[0].n === 0) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    // None of the file: not the 2,000-row batches read before the kill either.
    expect(await counts()).toEqual(before);
    expect((await ctx.pool.query(`SELECT status FROM import_batches WHERE id = $1`, [batchId])).rows[0].status).toBe('running'); // what the dead process last said

    // The next import starts by marking the abandoned batch failed, then imports the whole file once.
    const { stdout } = await promisify(execFile)(process.execPath, [bin, 'import', 'registry', file, '--json', '--county', county.countyCode], { env: env(), maxBuffer: 64 << 20 });
    const rerun = JSON.parse(stdout) as { rows: number; imported: number; rejected: number; created: number; updated: number; unchanged: number; batchId: string };
    expect(rerun).toMatchObject({ rows: rows.length, imported: rows.length, rejected: 0, created: rows.length, unchanged: 0 });
    const householdsInFile = new Set(rows.map((r) => r[COL['户编号']])).size;
    expect(await counts()).toEqual({ households: householdsInFile, members: 2 + rows.length, history: expect.any(Number) });
    const { rows: batches } = await ctx.pool.query(`SELECT id, status, error, rows FROM import_batches WHERE county_code = $1 ORDER BY started_at`, [county.countyCode]);
    expect(batches).toEqual([
      { id: batchId, status: 'failed', error: expect.stringContaining('none of its rows were kept'), rows: 0 },
      { id: rerun.batchId, status: 'completed', error: null, rows: rows.length },
    ]);
  }, 180_000);
});
