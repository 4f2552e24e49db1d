import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { takeOverlaps } from '../../test/one-query-at-a-time.ts';
import { readAll, withTransaction } from './client.ts';

/**
 * `readAll`: independent reads at once on the Pool, one after the other on a transaction's client
 * (a client answers one query at a time; pg 9 refuses a second one while the first runs, and the
 * server tests fail on any overlap: test/one-query-at-a-time.ts).
 */
describe('readAll', () => {
  const pool = new pg.Pool({ connectionString: inject('databaseUrl'), max: 3 });
  afterAll(() => pool.end());

  /** A read that sleeps 150 ms in the database and says when it started and ended. */
  const timed = (db: pg.Pool | pg.PoolClient, label: string, log: string[]) => async () => {
    log.push(`start ${label}`);
    const { rows } = await db.query<{ pid: number }>('SELECT pg_backend_pid() AS pid FROM pg_sleep(0.15)');
    log.push(`end ${label}`);
    return { label, pid: rows[0]!.pid };
  };

  it('on a client, runs the reads one after the other and keeps their order', async () => {
    const client = await pool.connect();
    try {
      const log: string[] = [];
      const [a, b, c] = await readAll(client, [timed(client, 'a', log), timed(client, 'b', log), timed(client, 'c', log)]);
      expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
      expect([a.label, b.label, c.label]).toEqual(['a', 'b', 'c']);
    } finally {
      client.release();
    }
  });

  it('the test guard sees Promise.all over one client (what readAll avoids), and nothing for readAll', async () => {
    const client = await pool.connect();
    try {
      takeOverlaps();
      await Promise.all([client.query('SELECT 1'), client.query('SELECT 2')]);
      expect(takeOverlaps()).toHaveLength(1);
      await readAll(client, [() => client.query('SELECT 1'), () => client.query('SELECT 2')]);
      expect(takeOverlaps()).toHaveLength(0);
    } finally {
      client.release();
    }
  });

  it('on the Pool, starts every read before the first has answered, each on its own connection', async () => {
    const log: string[] = [];
    const results = await readAll(pool, [timed(pool, 'a', log), timed(pool, 'b', log), timed(pool, 'c', log)]);
    expect(log.slice(0, 3)).toEqual(['start a', 'start b', 'start c']);
    expect(new Set(results.map((r) => r.pid)).size).toBe(3);
    expect(results.map((r) => r.label)).toEqual(['a', 'b', 'c']);
  });
});

describe('withTransaction', () => {
  const pool = new pg.Pool({ connectionString: inject('databaseUrl'), max: 1 });
  afterAll(() => pool.end());
  const setting = async (db: pg.Pool | pg.PoolClient) => (await db.query<{ synchronous_commit: string }>('SHOW synchronous_commit')).rows[0]!.synchronous_commit;

  it('an access-log-only transaction commits without waiting for the disk, and only that transaction', async () => {
    // The test cluster may run without waiting for the disk at all: the (only) connection waits, as a real install's does.
    await pool.query('SET synchronous_commit = on');
    expect(await withTransaction(pool, (tx) => setting(tx))).toBe('on');
    expect(await withTransaction(pool, (tx) => setting(tx), { accessLogOnly: true })).toBe('off');
    // The same (only) connection, back in the pool: the setting did not outlive the transaction.
    expect(await setting(pool)).toBe('on');
    expect(await withTransaction(pool, (tx) => setting(tx))).toBe('on');
  });
});
