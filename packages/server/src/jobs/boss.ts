import fs from 'node:fs';
import PgBoss from 'pg-boss';
import type pg from 'pg';
import type { PersonalDataCipher } from '../crypto/personal-data.ts';
import { finishImportJob, markImportJobQueued, unscopedFindImportJob, unscopedFindLostImportJobs, unscopedFindRunningImportJobs } from '../modules/jobs/repo.ts';
import type { ImportLimits } from '../files/import-limits.ts';
import { failAbandonedImportBatches } from '../modules/registry/import-batches.ts';
import { scheduleMonthlyRecompare, scheduleRegistryIndex } from './compare-departments.ts';
import { importJobLockKey, runImportJob } from './import-file.ts';
import { IMPORT_QUEUE, JOB_QUEUES, assertJobsSchemaName } from './install.ts';

export { IMPORT_QUEUE } from './install.ts';

/** What the HTTP layer may ask of the background jobs (AppDeps.jobs). */
export type JobQueue = {
  /** Queues the import_jobs row `importJobId` for a worker. */
  enqueueImport(importJobId: string): Promise<void>;
};

export type RunningJobs = JobQueue & {
  boss: PgBoss;
  /** Re-queues jobs left `running` by a server that died (their worker's advisory lock is gone). */
  recoverOrphans(): Promise<string[]>;
  stop(): Promise<void>;
};

/** A job still queued this long after it was recorded, with no pg-boss job behind it, is queued again. */
const LOST_AFTER_SECONDS = 120;

export type JobsDeps = {
  pool: pg.Pool;
  cipher: PersonalDataCipher;
  now: () => Date;
  /** pg-boss's own schema in the app's database (default `pgboss`). */
  schema?: string;
  log?: (message: string) => void;
  /** How often to look for orphaned jobs (ms); 0 = only at start. */
  recoverEveryMs?: number;
  /** Worker polling interval (s, ≥ 0.5): a job queued on another node, or lost and queued again; this node's own uploads start at once. */
  pollingIntervalSeconds?: number;
  /** Imports this node runs at once (default 2): a one-row file never waits behind a provincial one. */
  importConcurrency?: number;
  /** What one imported file may hold (config.ts). */
  importLimits?: ImportLimits;
  /** Whether to register the monthly comparison's cron and worker (default true). */
  isScheduling?: boolean;
};

/**
 * pg-boss on the app's database (its own schema) with the workers of this server: department
 * imports and the monthly comparison (cron). Every server node may run this; pg-boss hands each job to one worker. An import job
 * interrupted by a kill is found by the recovery sweep (at start and then every minute): its
 * import_jobs row says `running` but no live connection holds its advisory lock, so it is queued
 * again; so is a job recorded but never handed to pg-boss. A re-run is safe because the import is one transaction and is idempotent per file.
 * The same sweep marks failed the registry and monitoring batches a dead process left `running`.
 */
export async function startJobs(deps: JobsDeps): Promise<RunningJobs> {
  const log = deps.log ?? (() => undefined);
  const schema = deps.schema ?? 'pgboss';
  assertJobsSchemaName(schema);
  const boss = new PgBoss({
    db: { executeSql: async (text: string, values: unknown[]) => deps.pool.query(text, values) },
    schema,
    // The schema and its queues are the owner's (installJobsSchema, at start-up); this role only uses them.
    migrate: false,
    // Archive and delete old job records; our own history lives in import_jobs.
    archiveCompletedAfterSeconds: 3600,
    deleteAfterDays: 7,
  });
  boss.on('error', (error) => log(`jobs: ${error.message}`));
  await boss.start().catch((error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    if (!/not installed|requires migrations/.test(message)) throw error;
    throw new Error(`The jobs schema "${schema}" is missing or out of date (${message}): the schema owner installs it. Run 'npx fangpin migrate' with DATABASE_OWNER_URL, or give the server DATABASE_OWNER_URL.`);
  });
  await boss.createQueue(IMPORT_QUEUE, JOB_QUEUES[IMPORT_QUEUE]);
  const pollingIntervalSeconds = deps.pollingIntervalSeconds ?? 2;
  const runJob = async ([job]: PgBoss.JobWithMetadata<{ importJobId: string }>[]) => {
    if (!job) return;
    const id = job.data.importJobId;
    try {
      const outcome = await runImportJob(deps, id);
      log(`jobs: import ${id} ${outcome}`);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      // pg-boss retries until its limit; the user sees the job queued again, then failed at the last attempt.
      if (job.retryCount >= job.retryLimit) {
        await finishImportJob(deps.pool, id, { error: message }).catch(() => undefined);
        const failed = await unscopedFindImportJob(deps.pool, id).catch(() => undefined);
        if (failed) fs.rmSync(failed.filePath, { force: true });
      } else await markImportJobQueued(deps.pool, id, message).catch(() => undefined);
      throw error;
    }
  };
  // One pg-boss worker runs one job at a time: with a single worker, a one-row file waited (queued)
  // until a provincial file of another source was done. Imports of one county and source still run
  // one after the other (the import's advisory lock); the waiting one says so (step `waiting`).
  const workerIds: string[] = [];
  for (let i = 0; i < Math.max(1, deps.importConcurrency ?? 2); i++) {
    workerIds.push(await boss.work<{ importJobId: string }>(IMPORT_QUEUE, { includeMetadata: true, pollingIntervalSeconds, batchSize: 1 }, runJob));
  }
  if (deps.isScheduling !== false) {
    await scheduleMonthlyRecompare(boss, deps);
    await scheduleRegistryIndex(boss, deps);
  }

  const enqueueImport = async (importJobId: string) => {
    await boss.send(IMPORT_QUEUE, { importJobId }, {});
    // Wake this node's idle workers now rather than at their next poll (a busy one is not disturbed).
    for (const id of workerIds) boss.notifyWorker(id);
  };

  let isSweeping = false;
  const recoverOrphans = async (): Promise<string[]> => {
    if (isSweeping) return [];
    isSweeping = true;
    const requeued: string[] = [];
    try {
      for (const { id } of await unscopedFindRunningImportJobs(deps.pool)) {
        const client = await deps.pool.connect();
        let isFree = false;
        try {
          const { rows } = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock(hashtext($1)) AS ok', [importJobLockKey(id)]);
          isFree = rows[0]!.ok;
          if (isFree) await client.query('SELECT pg_advisory_unlock(hashtext($1))', [importJobLockKey(id)]);
        } finally {
          client.release();
        }
        if (isFree && (await markImportJobQueued(deps.pool, id, 'interrupted (server stopped); restarted'))) {
          await enqueueImport(id);
          requeued.push(id);
          log(`jobs: import ${id} was interrupted; queued again`);
        }
      }
      // Registry and monitoring imports whose process died (a killed CLI, an earlier server): failed, with the reason.
      for (const id of await failAbandonedImportBatches(deps.pool)) log(`jobs: import batch ${id} was interrupted; marked failed (none of its rows were kept)`);
      // Recorded but never queued (or dropped by pg-boss): queue them again.
      for (const { id } of await unscopedFindLostImportJobs(deps.pool, schema, IMPORT_QUEUE, LOST_AFTER_SECONDS)) {
        await enqueueImport(id);
        requeued.push(id);
        log(`jobs: import ${id} was not queued; queued again`);
      }
    } finally {
      isSweeping = false;
    }
    return requeued;
  };
  await recoverOrphans();
  const recoverEveryMs = deps.recoverEveryMs ?? 60_000;
  const timer = recoverEveryMs > 0 ? setInterval(() => void recoverOrphans().catch((e: unknown) => log(`jobs: recovery failed: ${String(e)}`)), recoverEveryMs) : undefined;
  timer?.unref();

  return {
    boss,
    enqueueImport,
    recoverOrphans,
    stop: async () => {
      if (timer) clearInterval(timer);
      await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
    },
  };
}
