import type PgBoss from 'pg-boss';
import type pg from 'pg';
import { localDate } from '../clock.ts';
import type { PersonalDataCipher } from '../crypto/personal-data.ts';
import { unscopedFindMonthlyRecompares } from '../modules/department/settings-repo.ts';
import { refreshRegistryIndex } from '../modules/department/registry-index.ts';
import { recompareAndRecord } from '../modules/department/source-settings.ts';

import { JOB_QUEUES, MONTHLY_RECOMPARE_QUEUE, REGISTRY_INDEX_QUEUE } from './install.ts';

export { MONTHLY_RECOMPARE_QUEUE } from './install.ts';
/** 02:00 on the 1st of every month, China Standard Time: rolling 12-month windows move even without new files. */
export const MONTHLY_RECOMPARE_CRON = '0 2 1 * *';
export const MONTHLY_RECOMPARE_TZ = 'Asia/Shanghai';
/** 01:30 every night, China Standard Time: the registry's index made ready for the day's imports. */
export const REGISTRY_INDEX_CRON = '30 1 * * *';

type Deps = { pool: pg.Pool; cipher: PersonalDataCipher; now: () => Date; log?: (message: string) => void };

/**
 * The scheduled comparison (部门数据定期比对): for every county and source whose monthly re-run is
 * switched on, the source's rules run again over the stored rows and the date is recorded. One
 * county's failure is logged and does not stop the others. `countyCodes` limits the run (tests).
 */
export async function runMonthlyRecompare(
  deps: Deps,
  options: { countyCodes?: readonly string[] } = {},
): Promise<{ countyCode: string; source: string; households?: number; warnings?: number; newWarnings?: number; error?: string }[]> {
  const today = localDate(deps.now());
  const outcomes = [];
  for (const { countyCode, source } of await unscopedFindMonthlyRecompares(deps.pool)) {
    if (options.countyCodes && !options.countyCodes.includes(countyCode)) continue;
    try {
      const counts = await recompareAndRecord({ pool: deps.pool, cipher: deps.cipher, today }, source, countyCode, 'system');
      outcomes.push({ countyCode, source, households: counts.households, warnings: counts.warnings, newWarnings: counts.newWarnings });
      deps.log?.(`jobs: monthly comparison ${countyCode} ${source}: ${counts.warnings} warnings (${counts.newWarnings} new)`);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      outcomes.push({ countyCode, source, error: message });
      deps.log?.(`jobs: monthly comparison ${countyCode} ${source} failed: ${message}`);
    }
  }
  return outcomes;
}

/** Registers the monthly cron (pg-boss keeps one schedule per queue, whichever node registers it) and its worker. */
export async function scheduleMonthlyRecompare(boss: PgBoss, deps: Deps): Promise<void> {
  await boss.createQueue(MONTHLY_RECOMPARE_QUEUE, JOB_QUEUES[MONTHLY_RECOMPARE_QUEUE]);
  await boss.schedule(MONTHLY_RECOMPARE_QUEUE, MONTHLY_RECOMPARE_CRON, {}, { tz: MONTHLY_RECOMPARE_TZ });
  await boss.work(MONTHLY_RECOMPARE_QUEUE, { pollingIntervalSeconds: 30 }, async () => {
    await runMonthlyRecompare(deps);
  });
}

/**
 * Registers the nightly refresh of the registry's index (registry-index.ts): the counties whose part
 * a change of members made out of date are pulled again, so that the day's department imports read
 * the parts as kept (an import pulls what it finds out of date itself).
 */
export async function scheduleRegistryIndex(boss: PgBoss, deps: Deps): Promise<void> {
  await boss.createQueue(REGISTRY_INDEX_QUEUE, JOB_QUEUES[REGISTRY_INDEX_QUEUE]);
  await boss.schedule(REGISTRY_INDEX_QUEUE, REGISTRY_INDEX_CRON, {}, { tz: MONTHLY_RECOMPARE_TZ });
  await boss.work(REGISTRY_INDEX_QUEUE, { pollingIntervalSeconds: 60 }, async () => {
    const t0 = performance.now();
    const { pulled, kept } = await refreshRegistryIndex(deps.pool, deps.cipher);
    deps.log?.(`jobs: registry's index: ${pulled} county part(s) pulled again, ${kept} kept (${Math.round(performance.now() - t0)} ms)`);
  });
}
