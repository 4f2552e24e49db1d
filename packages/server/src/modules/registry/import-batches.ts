import crypto from 'node:crypto';
import type pg from 'pg';
import type { Scope } from '@fangpin/domain';
import type { Tx } from '../../db/client.ts';
import type { AuditActor } from '../audit/record-audit.ts';

/**
 * Registry and monitoring import batches (`import_batches`): each file is written whole or not at
 * all. The batch is recorded `running` (committed at once, so it is visible while the file is read)
 * by a connection that holds an advisory lock on it; everything the file changes is then written in
 * one transaction on that connection, which also marks the batch `completed`. A failure rolls the
 * rows back and marks the batch `failed` with the reason. A process that dies mid-import leaves its
 * batch `running` with no lock behind it (PostgreSQL drops the lock with the connection): the next
 * start (server or CLI) marks it failed, saying none of its rows were kept.
 */
export type ImportBatchKind = 'registry' | 'monitoring';

export type ImportBatchCounts = { rows: number; imported: number; unchanged: number; rejected: number };

/** The advisory lock the importing connection holds on its batch (hashed to PostgreSQL's bigint key space). */
const lockKey = (batchId: string) => `import-batch:${batchId}`;

export const ABANDONED_BATCH_REASON =
  'Interrupted: the importing process stopped before it finished (killed or crashed); none of its rows were kept, import the file again';

/**
 * Runs `work` as one import batch, in one transaction on a connection of its own (see above).
 * `work` writes the rows and returns the result and its counts; the batch row is completed in the
 * same transaction. Returns what `work` returned; rethrows its error after marking the batch failed.
 */
export async function runImportBatch<T>(
  pool: pg.Pool,
  batch: { kind: ImportBatchKind; fileName: string; fileSha256: string; actor: AuditActor; regionCode: string | null; countyCode: string | null },
  work: (tx: pg.PoolClient, batchId: string) => Promise<{ result: T; counts: ImportBatchCounts }>,
): Promise<T> {
  const batchId = crypto.randomUUID();
  const client = await pool.connect();
  let isBroken = false;
  try {
    await client.query('SELECT pg_advisory_lock(hashtext($1))', [lockKey(batchId)]);
    await client.query(
      `INSERT INTO import_batches (id, kind, file_name, file_sha256, actor_id, actor_name, region_code, county_code, status) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'running')`,
      [batchId, batch.kind, batch.fileName, batch.fileSha256, batch.actor.userId, batch.actor.username, batch.regionCode, batch.countyCode],
    );
    try {
      await client.query('BEGIN');
      const { result, counts } = await work(client, batchId);
      await client.query(`UPDATE import_batches SET status = 'completed', rows = $2, imported = $3, unchanged = $4, rejected = $5, finished_at = now() WHERE id = $1`, [
        batchId,
        counts.rows,
        counts.imported,
        counts.unchanged,
        counts.rejected,
      ]);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      const message = error instanceof Error ? error.message : String(error);
      await client
        .query(`UPDATE import_batches SET status = 'failed', error = $2, finished_at = now() WHERE id = $1`, [batchId, message.slice(0, 2000)])
        .catch(() => (isBroken = true));
      throw error;
    }
  } finally {
    if (!isBroken) await client.query('SELECT pg_advisory_unlock(hashtext($1))', [lockKey(batchId)]).catch(() => (isBroken = true));
    client.release(isBroken);
  }
}

/**
 * Marks failed every batch left `running` by a process that died (no connection holds its lock),
 * with `ABANDONED_BATCH_REASON`. Run at start (server and CLI imports) and by the server's recovery
 * sweep; a batch still being imported is never touched. Returns the ids it marked.
 */
export async function failAbandonedImportBatches(tx: Tx): Promise<string[]> {
  // The lock is tried only on running batches (a materialized CTE fixes the order of the checks);
  // a transaction-level lock is released when this statement's transaction ends.
  const { rows } = await tx.query<{ id: string }>(
    `WITH running AS MATERIALIZED (SELECT id FROM import_batches WHERE status = 'running')
     UPDATE import_batches b SET status = 'failed', error = $1, finished_at = now()
     FROM running r WHERE b.id = r.id AND b.status = 'running' AND pg_try_advisory_xact_lock(hashtext('import-batch:' || r.id::text))
     RETURNING b.id`,
    [ABANDONED_BATCH_REASON],
  );
  return rows.map((r) => r.id);
}

/** The batch if the actor's scope covers it (`batchScopeCondition`). */
export async function findImportBatch(tx: Tx, scope: Scope, batchId: string): Promise<{ id: string; kind: string; status: string } | undefined> {
  const params: unknown[] = [batchId];
  const { rows } = await tx.query<{ id: string; kind: string; status: string }>(`SELECT id, kind, status FROM import_batches b WHERE b.id = $1 AND ${batchScopeCondition(scope, 'b', params)}`, params);
  return rows[0];
}

/**
 * Who sees an import batch (registry, monitoring or department) and its rejected rows: a county
 * account sees the batches imported for its county (a township or village account, none), whoever ran them (the web or the
 * CLI); a province or city account, those imported within its region. A batch of no known county
 * (a province account's, or one older than the column that matched several counties) is seen only
 * from above. `alias` is the batch table; parameters are appended to `params`.
 */
export function batchScopeCondition(scope: Scope, alias: string, params: unknown[]): string {
  if (scope.countyCodes.length > 0) {
    params.push(scope.countyCodes, scope.regionPrefix);
    // Only from the county itself: a township or village account is below the batch (its rejected rows hold the whole county's people).
    return `(${alias}.county_code = ANY($${params.length - 1}::varchar[]) AND ${alias}.county_code LIKE $${params.length} || '%')`;
  }
  params.push(scope.regionPrefix);
  return `${alias}.region_code LIKE $${params.length} || '%'`;
}

/** The rejected rows of a batch (what `… errors.xlsx` and the CLI list): row, column, code and message, and the row as read (masked) when kept. */
export async function insertImportErrors(tx: Tx, batchId: string, errors: readonly { row: number; column: string; code: string; message: string; raw?: unknown }[]): Promise<void> {
  if (errors.length === 0) return;
  await tx.query(
    `INSERT INTO import_errors (batch_id, row, "column", code, message, raw)
     SELECT $1, * FROM unnest($2::int[], $3::text[], $4::text[], $5::text[], $6::jsonb[])`,
    [batchId, errors.map((e) => e.row), errors.map((e) => e.column), errors.map((e) => e.code), errors.map((e) => e.message), errors.map((e) => (e.raw === undefined ? null : JSON.stringify(e.raw)))],
  );
}
