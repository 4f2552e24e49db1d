import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrivateDatabase } from '../../test/private-database.ts';
import { createPool } from './client.ts';
import { MIGRATIONS_DIR, runMigrations } from './migrate.ts';

/**
 * Migration 0038 on a database written by 0037: department_rows becomes partitioned by the month its
 * batch was received, and every row already stored moves in, unchanged, under its batch's date.
 */
let pool: pg.Pool;
let drop: () => Promise<void>;
const BATCH_MARCH = '00000000-0000-4000-8000-000000000301';
const BATCH_NOVEMBER = '00000000-0000-4000-8000-000000001101';
const ORPHAN = '00000000-0000-4000-8000-00000000dead';
const HOUSEHOLD = '00000000-0000-4000-8000-0000000000a1';
let before: unknown[];

const COLUMNS = `batch_id, seq, sheet, row, source, fate, error_code, error_column, error_message, id_index, id_masked, member_id, household_id, county_code, event_date::text, amount_fen, kind, "values"::text`;

beforeAll(async () => {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'fangpin-migrations-'));
  fs.mkdirSync(path.join(folder, 'meta'));
  const journal = JSON.parse(fs.readFileSync(path.join(MIGRATIONS_DIR, 'meta', '_journal.json'), 'utf8')) as { entries: { idx: number; tag: string }[] };
  journal.entries = journal.entries.filter((e) => e.idx <= 37);
  fs.writeFileSync(path.join(folder, 'meta', '_journal.json'), JSON.stringify(journal));
  for (const e of journal.entries) fs.copyFileSync(path.join(MIGRATIONS_DIR, `${e.tag}.sql`), path.join(folder, `${e.tag}.sql`));
  const db = await createPrivateDatabase({ migrationsFolder: folder });
  drop = db.drop;
  pool = createPool(db.url, 2);

  // What 0037 stored: two batches of different months, their rows (matched, unmatched, rejected), and a row without a batch.
  for (const [id, day] of [[BATCH_MARCH, '2026-03-05'], [BATCH_NOVEMBER, '2026-11-29']]) {
    await pool.query(
      `INSERT INTO department_batches (id, source, file_name, file_sha256, compared_on, actor_name, county_code, rows, accepted, matched, unmatched, rejected, rejected_by_code, warnings)
       VALUES ($1, 'medical', 'm.csv', $3, $2, 'system', '451028', 3, 2, 1, 1, 1, '{"ID_CHECKSUM": 1}', 0)`,
      [id, day, `sha-${day}`],
    );
  }
  const row = (batch: string, seq: number, fate: string, eventDate: string | null, household: string | null) =>
    pool.query(
      `INSERT INTO department_rows (batch_id, seq, row, source, fate, error_code, id_index, id_masked, household_id, county_code, event_date, amount_fen, "values")
       VALUES ($1, $2, $7, 'medical', $3, $6, '\\x0102', '451028***********1', $4, '451028', $5, 120000, '{"name":"甲"}')`,
      [batch, seq, fate, household, eventDate, fate === 'rejected' ? 'ID_CHECKSUM' : null, seq + 1],
    );
  await row(BATCH_MARCH, 1, 'matched', '2026-02-01', HOUSEHOLD);
  await row(BATCH_MARCH, 2, 'unmatched', '2026-02-02', null);
  await row(BATCH_MARCH, 3, 'rejected', null, null);
  await row(BATCH_NOVEMBER, 1, 'matched', '2026-10-01', HOUSEHOLD);
  await row(ORPHAN, 1, 'unmatched', '2025-07-04', null);
  before = (await pool.query(`SELECT ${COLUMNS} FROM department_rows ORDER BY batch_id, seq`)).rows;
  await runMigrations(pool);
}, 120_000);

afterAll(async () => {
  await pool?.end();
  await drop?.();
});

describe('migration 0038 partitions department_rows', () => {
  it('moves every stored row in unchanged, each in the partition of its batch’s month', async () => {
    expect((await pool.query(`SELECT ${COLUMNS} FROM department_rows ORDER BY batch_id, seq`)).rows).toEqual(before);
    const { rows } = await pool.query(
      `SELECT batch_id AS "batchId", compared_on::text AS "comparedOn", tableoid::regclass::text AS partition, count(*)::int AS n FROM department_rows GROUP BY 1, 2, 3 ORDER BY 2`,
    );
    expect(rows).toEqual([
      // The row without a batch goes under its event date.
      { batchId: ORPHAN, comparedOn: '2025-07-04', partition: 'department_rows_2025_07', n: 1 },
      { batchId: BATCH_MARCH, comparedOn: '2026-03-05', partition: 'department_rows_2026_03', n: 3 },
      { batchId: BATCH_NOVEMBER, comparedOn: '2026-11-29', partition: 'department_rows_2026_11', n: 1 },
    ]);
  });

  it('is partitioned by range of compared_on, keyed and indexed as before, with nothing left behind', async () => {
    const { rows } = await pool.query(`SELECT pg_get_partkeydef('department_rows'::regclass) AS key, to_regclass('department_rows_unpartitioned') AS old`);
    expect(rows).toEqual([{ key: 'RANGE (compared_on)', old: null }]);
    const { rows: indexes } = await pool.query(`SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'department_rows' ORDER BY 1`);
    expect(indexes.map((i) => i.indexname)).toEqual(['department_rows_batch_id_seq_compared_on_pk', 'department_rows_household_idx']);
    expect(indexes[1].indexdef).toMatch(/USING hash \(household_id\) WHERE \(fate = 'matched'::text\)/);
    // The household's rows are found by the hash index of each partition.
    await pool.query('ANALYZE department_rows');
    const client = await pool.connect();
    let plan: { 'QUERY PLAN': string }[];
    try {
      // Five rows: PostgreSQL would rather read them all; the point is that the index is there to use.
      await client.query('SET enable_seqscan = off');
      plan = (await client.query(`EXPLAIN SELECT * FROM department_rows WHERE household_id = $1 AND fate = 'matched'`, [HOUSEHOLD])).rows;
      await client.query('RESET enable_seqscan');
    } finally {
      client.release();
    }
    expect(plan.map((p) => p['QUERY PLAN']).join('\n')).toMatch(/Index Scan using department_rows_2026_03_household_id_idx/);
  });
});
