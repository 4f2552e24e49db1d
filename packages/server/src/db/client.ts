import pg from 'pg';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import * as schema from './schema/index.ts';

// DATE columns stay 'YYYY-MM-DD' strings (domain dates are strings); bigint counts become numbers.
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
// Money columns are NUMERIC(12,2): well inside a double's exact range.
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));

export type Db = NodePgDatabase<typeof schema>;
/** A connection inside a transaction (or the pool for single statements). Repos take this first. */
export type Tx = pg.PoolClient | pg.Pool;

type Reads = readonly (() => Promise<unknown>)[];

/**
 * Runs independent reads: at once on the Pool (each on its own connection), one after the other on a
 * transaction's client, which answers one query at a time (pg 8 queues a second query with a
 * deprecation warning; pg 9 refuses it). Pass functions, not started queries.
 */
export async function readAll<const T extends Reads>(db: Tx, reads: T): Promise<{ -readonly [K in keyof T]: Awaited<ReturnType<T[K]>> }> {
  type Out = { -readonly [K in keyof T]: Awaited<ReturnType<T[K]>> };
  if (db instanceof pg.Pool) return (await Promise.all(reads.map((read) => read()))) as Out;
  const results: unknown[] = [];
  for (const read of reads) results.push(await read());
  return results as Out;
}

export function createPool(connectionString: string, max = 10): pg.Pool {
  const pool = new pg.Pool({ connectionString, max, application_name: 'fangpin' });
  // An idle client error (server restart) must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  return pool;
}

export function createDb(pool: pg.Pool): Db {
  return drizzle(pool, { schema });
}

/**
 * Runs `work` in one transaction: commit on success, rollback on any error. With `rollback`, a
 * successful run is rolled back too (dry runs: everything is computed, nothing is kept).
 *
 * `accessLogOnly`: the transaction changes nothing but appends access-log rows (a search, a page
 * view: docs/personal-data.md "What is audited"). Its COMMIT does not wait for the disk
 * (`synchronous_commit = off` for this transaction only). The audit chain's head is locked from
 * the sealing trigger to the end of COMMIT, so with a wait every search of the county queued behind
 * the previous one's disk flush: 13–25 searches a second at 3,000,000 persons, COMMIT 70–140 ms on a
 * busy disk (docs/design/search-and-todo-performance.md "The audit chain's head"). A database crash
 * can lose the last fraction of a second of such access rows, whole transactions at a time (the
 * chain stays intact); never a change to a record, whose transactions still wait.
 */
export async function withTransaction<T>(pool: pg.Pool, work: (tx: pg.PoolClient) => Promise<T>, options: { rollback?: boolean; accessLogOnly?: boolean } = {}): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query(options.accessLogOnly ? 'BEGIN; SET LOCAL synchronous_commit = off' : 'BEGIN');
    const result = await work(client);
    await client.query(options.rollback ? 'ROLLBACK' : 'COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
