import fs from 'node:fs';
import path from 'node:path';
import type pg from 'pg';
import type { Tx } from '../../db/client.ts';

/**
 * A batch's rows as Parquet files (docs/department-rows.md), kept in `department_row_files`: one
 * part per file, each file at most PIECE_ROWS rows (fast-import.ts), so that a part is sent, read
 * and backed up (as one line) whole at a bounded size. Written inside the import's transaction.
 */

/** Stores the Parquet files `files` as the rows of `batchId`, one part each, in order. */
export async function storeRowFiles(tx: Tx, batchId: string, comparedOn: string, files: string[]): Promise<void> {
  for (const [part, file] of files.entries()) {
    await tx.query('INSERT INTO department_row_files (batch_id, part, compared_on, data) VALUES ($1, $2, $3, $4)', [batchId, part, comparedOn, fs.readFileSync(file)]);
  }
}

/** The row files of `batchIds`, written into `dir` (`<batch>-<part>.parquet`), and their paths. */
export async function fetchRowFiles(tx: pg.PoolClient, batchIds: string[], dir: string): Promise<string[]> {
  const files: string[] = [];
  for (const batchId of batchIds) {
    const { rows: parts } = await tx.query<{ part: number }>('SELECT part FROM department_row_files WHERE batch_id = $1 ORDER BY part', [batchId]);
    for (const { part } of parts) {
      // As base64 text (node-pg reads every result as text: a bytea's hex form decodes at ~50 MB/s, base64 several times faster).
      const { rows } = await tx.query<{ data: string }>(`SELECT encode(data, 'base64') AS data FROM department_row_files WHERE batch_id = $1 AND part = $2`, [batchId, part]);
      const file = path.join(dir, `${batchId}-${part}.parquet`);
      fs.writeFileSync(file, Buffer.from(rows[0]!.data, 'base64'));
      files.push(file);
    }
  }
  return files;
}
