import PgBoss from 'pg-boss';
import type pg from 'pg';

export const IMPORT_QUEUE = 'department-import';
export const MONTHLY_RECOMPARE_QUEUE = 'department-recompare-monthly';
export const REGISTRY_INDEX_QUEUE = 'registry-index-nightly';

/** The queues of the background jobs and their policies (created once, by the schema owner). */
export const JOB_QUEUES: Record<string, PgBoss.Queue> = {
  [IMPORT_QUEUE]: { name: IMPORT_QUEUE, retryLimit: 2, retryDelay: 10, expireInSeconds: 2 * 3600 },
  [MONTHLY_RECOMPARE_QUEUE]: { name: MONTHLY_RECOMPARE_QUEUE, policy: 'singleton', retryLimit: 1, expireInSeconds: 6 * 3600 },
  [REGISTRY_INDEX_QUEUE]: { name: REGISTRY_INDEX_QUEUE, policy: 'singleton', retryLimit: 1, expireInSeconds: 3600 },
};

export function assertJobsSchemaName(schema: string): void {
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`Invalid jobs schema name ${schema}`);
}

/**
 * Installs or upgrades pg-boss's schema and creates the queues (pg-boss 10 makes a table per queue),
 * as the schema owner: the server's restricted role then only uses them (startJobs runs pg-boss
 * with `migrate: false`). Idempotent; run after the migrations at every start that has the owner.
 */
export async function installJobsSchema(owner: pg.Pool, schema: string): Promise<void> {
  assertJobsSchemaName(schema);
  const boss = new PgBoss({
    db: { executeSql: async (text: string, values: unknown[]) => owner.query(text, values) },
    schema,
    migrate: true,
    supervise: false,
    schedule: false,
  });
  boss.on('error', () => undefined);
  await boss.start();
  try {
    for (const [name, options] of Object.entries(JOB_QUEUES)) await boss.createQueue(name, options);
  } finally {
    await boss.stop({ graceful: false, wait: true, close: false });
  }
}
