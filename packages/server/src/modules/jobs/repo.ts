import type { DepartmentSourceCode, ImportJobProblem, Scope } from '@fangpin/domain';
import type { Tx } from '../../db/client.ts';

/** The kind of a background department import (the only kind so far). */
export const DEPARTMENT_IMPORT_KIND = 'department';

/** A background import as stored in import_jobs (what GET /api/import-jobs/:id shows). */
export type ImportJob = {
  id: string;
  kind: string;
  source: DepartmentSourceCode | null;
  countyCode: string | null;
  regionCode: string | null;
  fileName: string;
  filePath: string;
  options: ImportJobOptions;
  status: 'queued' | 'running' | 'done' | 'failed';
  rowsDone: number;
  rowsTotal: number | null;
  /** What a running import is doing (reading | matching | warnings); null before it starts and once it ends. */
  step: string | null;
  result: unknown;
  error: string | null;
  actorName: string;
  actorId: string | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
};

/** What the worker needs besides the file: who imports (for the audit row and scope) and the header mapping. */
export type ImportJobOptions = { actorRole?: string; headerMapping?: Record<string, string>; asOf?: string };

const COLUMNS = `id, kind, source, county_code AS "countyCode", region_code AS "regionCode", file_name AS "fileName", file_path AS "filePath",
  options, status, rows_done AS "rowsDone", rows_total AS "rowsTotal", step, result, error, actor_name AS "actorName", actor_id AS "actorId",
  created_at AS "createdAt", started_at AS "startedAt", finished_at AS "finishedAt"`;

export async function insertImportJob(
  tx: Tx,
  job: Pick<ImportJob, 'id' | 'kind' | 'source' | 'countyCode' | 'regionCode' | 'fileName' | 'filePath' | 'options' | 'rowsTotal' | 'actorName' | 'actorId'>,
): Promise<void> {
  await tx.query(
    `INSERT INTO import_jobs (id, kind, source, county_code, region_code, file_name, file_path, options, rows_total, actor_name, actor_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [job.id, job.kind, job.source, job.countyCode, job.regionCode, job.fileName, job.filePath, JSON.stringify(job.options), job.rowsTotal, job.actorName, job.actorId],
  );
}

/** The job if the actor's region covers it (the importer's region, like department batches). */
export async function findImportJob(tx: Tx, scope: Scope, id: string): Promise<ImportJob | undefined> {
  const { rows } = await tx.query<ImportJob>(`SELECT ${COLUMNS} FROM import_jobs WHERE id = $1 AND region_code LIKE $2 || '%'`, [id, scope.regionPrefix]);
  return rows[0];
}

/** Jobs only: the job by id, whatever its region. */
export async function unscopedFindImportJob(tx: Tx, id: string): Promise<ImportJob | undefined> {
  const { rows } = await tx.query<ImportJob>(`SELECT ${COLUMNS} FROM import_jobs WHERE id = $1`, [id]);
  return rows[0];
}

/** Jobs only: jobs marked running (by this or another server), for the recovery sweep. */
export async function unscopedFindRunningImportJobs(tx: Tx): Promise<{ id: string }[]> {
  const { rows } = await tx.query<{ id: string }>(`SELECT id FROM import_jobs WHERE status = 'running' ORDER BY created_at`);
  return rows;
}

/**
 * Jobs only: jobs still `queued` a while after they were created that pg-boss no longer holds (the
 * server died between recording and queueing them, or pg-boss gave up on them).
 */
export async function unscopedFindLostImportJobs(tx: Tx, bossSchema: string, queue: string, olderThanSeconds: number): Promise<{ id: string }[]> {
  const { rows } = await tx.query<{ id: string }>(
    `SELECT i.id FROM import_jobs i
     WHERE i.status = 'queued' AND i.created_at < now() - make_interval(secs => $2)
       AND NOT EXISTS (SELECT 1 FROM ${bossSchema}.job j WHERE j.name = $1 AND j.data->>'importJobId' = i.id::text AND j.state IN ('created', 'retry', 'active'))
     ORDER BY i.created_at`,
    [queue, olderThanSeconds],
  );
  return rows;
}

export async function markImportJobRunning(tx: Tx, id: string): Promise<void> {
  await tx.query(`UPDATE import_jobs SET status = 'running', started_at = now(), rows_done = 0, step = NULL, error = NULL WHERE id = $1`, [id]);
}

/** Back to the queue (a retry, or a job whose server died); false when it finished meanwhile. */
export async function markImportJobQueued(tx: Tx, id: string, why: string | null): Promise<boolean> {
  const { rowCount } = await tx.query(`UPDATE import_jobs SET status = 'queued', rows_done = 0, step = NULL, error = $2 WHERE id = $1 AND status IN ('queued', 'running')`, [id, why]);
  return rowCount === 1;
}

export async function updateImportJobProgress(tx: Tx, id: string, rowsDone: number): Promise<void> {
  // Never backwards: the writes go through the pool, and an earlier count may land after a later one.
  await tx.query(`UPDATE import_jobs SET rows_done = GREATEST(rows_done, $2) WHERE id = $1 AND status = 'running'`, [id, rowsDone]);
}

/** The step a running import begins, with the rows read so far (every row once reading is over). */
export async function updateImportJobStep(tx: Tx, id: string, step: string, rowsDone: number): Promise<void> {
  await tx.query(`UPDATE import_jobs SET step = $2, rows_done = GREATEST(rows_done, $3) WHERE id = $1 AND status = 'running'`, [id, step, rowsDone]);
}

/**
 * A failed job's `error` column holds its English detail and, for a refusal of the file, the
 * problem as data (code, reason, params, row …) as JSON; older rows hold the English text alone.
 */
type StoredJobError = { detail: string; problem: ImportJobProblem | null };

export function storedJobError(text: string | null): StoredJobError | null {
  if (text === null) return null;
  if (text.startsWith('{')) {
    try {
      const parsed = JSON.parse(text) as Partial<StoredJobError>;
      if (typeof parsed.detail === 'string') return { detail: parsed.detail, problem: parsed.problem ?? null };
    } catch {
      // Not ours: plain text that happens to start with a brace.
    }
  }
  return { detail: text, problem: null };
}

export async function finishImportJob(tx: Tx, id: string, outcome: { result: unknown; rowsDone: number } | { error: string; problem?: ImportJobProblem }): Promise<void> {
  if ('error' in outcome) {
    const stored: StoredJobError = { detail: outcome.error, problem: outcome.problem ?? null };
    await tx.query(`UPDATE import_jobs SET status = 'failed', step = NULL, error = $2, finished_at = now() WHERE id = $1`, [id, JSON.stringify(stored)]);
  } else {
    await tx.query(
      `UPDATE import_jobs SET status = 'done', result = $2, rows_done = $3, rows_total = $3, step = NULL, error = NULL, finished_at = now() WHERE id = $1`,
      [id, JSON.stringify(outcome.result), outcome.rowsDone],
    );
  }
}
