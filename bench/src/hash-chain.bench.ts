/**
 * `hash-chain` (issue 10, item 7): what sealing the hash chains costs a writer. Registry history rows
 * are appended the way the registry import does (one INSERT … SELECT FROM unnest of 2,000 rows per
 * transaction), once with the chain triggers on and once, as the yardstick, with them switched off
 * (the same rows, the same table, the same run, alternating rounds). Reports the time per round and
 * the extra microseconds per row. BENCH_CHAIN_ROWS changes the number of rows per round.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createPool } from '../../packages/server/src/db/client.ts';
import { makeReachableTempDir, startEmbeddedPostgres } from '../../packages/server/src/db/embedded.ts';
import { runMigrations } from '../../packages/server/src/db/migrate.ts';

export type HashChainBench = { name: string; rowsPerRound: number; rounds: number; chainedMs: number; yardstickMs: number; extraMicrosecondsPerRow: number; overheadPercent: number };

const BATCH = 2000;
const TRIGGERS = ['registry_history_chain_unsealed', 'registry_history_chain_request'];

export async function benchHashChain(rowsPerRound = Number(process.env.BENCH_CHAIN_ROWS ?? 100_000), rounds = 3): Promise<HashChainBench> {
  const dir = makeReachableTempDir('fangpin-bench-chain-');
  const pg = await startEmbeddedPostgres({ dataDir: path.join(dir, 'data'), kind: 'cli', settings: { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off' } });
  const pool = createPool(pg.url, 2);
  try {
    await runMigrations(pool);
    const before = { fields: 'x', birthDate: '1980-01-01', relation: 'head', health: 'healthy' };
    const after = { ...before, health: 'sick', labourCapacity: 'partial' };
    // Yardstick rows carry a dummy hash, so a later chained round's sealing does not pick them up.
    const appendRound = async (isChained: boolean): Promise<number> => {
      const t0 = performance.now();
      for (let done = 0; done < rowsPerRound; done += BATCH) {
        const n = Math.min(BATCH, rowsPerRound - done);
        const client = await pool.connect();
        try {
          await client.query('BEGIN');
          await client.query(
            `INSERT INTO registry_history (county_code, household_id, member_id, action, actor_id, actor_name, source, before, after, hash)
             SELECT '451028', gen_random_uuid(), gen_random_uuid(), 'member.updated', NULL, 'system', 'import:bench', $1::jsonb, $2::jsonb, $4::bytea FROM generate_series(1, $3)`,
            [JSON.stringify(before), JSON.stringify(after), n, isChained ? null : Buffer.alloc(1)],
          );
          await client.query('COMMIT');
        } finally {
          client.release();
        }
      }
      return performance.now() - t0;
    };
    const setTriggers = async (on: boolean) => {
      for (const t of TRIGGERS) await pool.query(`ALTER TABLE registry_history ${on ? 'ENABLE' : 'DISABLE'} TRIGGER ${t}`);
    };
    let chainedMs = 0;
    let yardstickMs = 0;
    for (let round = 0; round < rounds; round++) {
      await setTriggers(true);
      chainedMs += await appendRound(true);
      await setTriggers(false);
      yardstickMs += await appendRound(false);
    }
    await setTriggers(true);
    const perRow = (ms: number) => (ms * 1000) / (rowsPerRound * rounds);
    return {
      name: 'hash-chain',
      rowsPerRound,
      rounds,
      chainedMs: Math.round(chainedMs / rounds),
      yardstickMs: Math.round(yardstickMs / rounds),
      extraMicrosecondsPerRow: Math.round((perRow(chainedMs) - perRow(yardstickMs)) * 10) / 10,
      overheadPercent: Math.round(((chainedMs - yardstickMs) / yardstickMs) * 100),
    };
  } finally {
    await pool.end();
    await pg.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
