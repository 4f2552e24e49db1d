import fs from 'node:fs';
import { DEFAULT_IMPORT_ROLE, type Role } from '@fangpin/domain';
import type pg from 'pg';
import { localDate } from '../clock.ts';
import type { PersonalDataCipher } from '../crypto/personal-data.ts';
import { AppError } from '../errors.ts';
import type { ImportLimits } from '../files/import-limits.ts';
import { importDepartmentFile, type DepartmentImportOptions } from '../modules/department/import-department.ts';
import { DEPARTMENT_IMPORT_KIND, finishImportJob, markImportJobRunning, unscopedFindImportJob, updateImportJobProgress, updateImportJobStep } from '../modules/jobs/repo.ts';

/** `importLimits`: what one file may hold (config.ts); the defaults when absent. */
export type ImportWorkerDeps = { pool: pg.Pool; cipher: PersonalDataCipher; now: () => Date; importLimits?: ImportLimits };

/** The advisory lock a worker holds on its own connection while it runs a job: when the server dies, PostgreSQL drops it. */
export const importJobLockKey = (id: string) => `import-job:${id}`;

/** Progress is written at most this often (outside the import's transaction, so pollers see it). */
const PROGRESS_EVERY_MS = 500;

/**
 * Runs one background department import (import_jobs row `id`). The import itself is one
 * transaction, so a run that dies leaves nothing behind and simply runs again; a run that committed
 * but died before saying so finds its file already imported (file hash) and reports that batch,
 * raising no warning twice. Returns 'skipped' when the job is finished or another worker holds it.
 * A file problem (AppError) fails the job for good; anything else is thrown so pg-boss retries.
 */
export async function runImportJob(deps: ImportWorkerDeps, id: string): Promise<'done' | 'failed' | 'skipped'> {
  const lock = await deps.pool.connect();
  let isLocked = false;
  try {
    const { rows } = await lock.query<{ ok: boolean }>('SELECT pg_try_advisory_lock(hashtext($1)) AS ok', [importJobLockKey(id)]);
    isLocked = rows[0]!.ok;
    if (!isLocked) return 'skipped';
    const job = await unscopedFindImportJob(deps.pool, id);
    if (!job || job.status === 'done' || job.status === 'failed') return 'skipped';
    if (job.kind !== DEPARTMENT_IMPORT_KIND || !job.source) {
      await finishImportJob(deps.pool, id, { error: `Unknown import kind ${job.kind}` });
      return 'failed';
    }
    await markImportJobRunning(deps.pool, id);
    let lastWrite = 0;
    const onProgress = (rowsDone: number) => {
      const now = Date.now();
      if (now - lastWrite < PROGRESS_EVERY_MS) return;
      lastWrite = now;
      void updateImportJobProgress(deps.pool, id, rowsDone).catch(() => undefined);
    };
    const actor = {
      userId: job.actorId,
      username: job.actorName,
      role: (job.options.actorRole as Role | undefined) ?? DEFAULT_IMPORT_ROLE,
      ...(job.regionCode ? { regionCode: job.regionCode } : {}),
    };
    // Every step is written (three per import), with the rows read so far: all of them after reading.
    let rowsRead = 0;
    const onStep = (step: string) => void updateImportJobStep(deps.pool, id, step, rowsRead).catch(() => undefined);
    const options: DepartmentImportOptions = {
      fileName: job.fileName,
      onProgress: (rowsDone) => {
        rowsRead = rowsDone;
        onProgress(rowsDone);
      },
      onStep,
      ...(job.options.headerMapping && Object.keys(job.options.headerMapping).length > 0 ? { headerMapping: job.options.headerMapping } : {}),
      ...(job.options.asOf ? { asOf: job.options.asOf } : {}),
    };
    try {
      const result = await importDepartmentFile({ pool: deps.pool, cipher: deps.cipher, today: localDate(deps.now()), ...(deps.importLimits ? { limits: deps.importLimits } : {}) }, actor, job.source, job.filePath, options);
      await finishImportJob(deps.pool, id, { result, rowsDone: result.rows });
      fs.rmSync(job.filePath, { force: true });
      return 'done';
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      const limit = typeof error.extra?.['limit'] === 'string' ? { limit: error.extra['limit'] } : {};
      const problem = { code: error.code, ...(error.reason ? { reason: error.reason } : {}), ...(error.params ? { params: error.params } : {}), ...(error.row !== undefined ? { row: error.row } : {}), ...(error.field ? { field: error.field } : {}), ...limit };
      await finishImportJob(deps.pool, id, { error: error.message, problem });
      fs.rmSync(job.filePath, { force: true });
      return 'failed';
    }
  } finally {
    if (isLocked) await lock.query('SELECT pg_advisory_unlock(hashtext($1))', [importJobLockKey(id)]).catch(() => undefined);
    lock.release();
  }
}
