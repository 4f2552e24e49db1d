import type PgBoss from 'pg-boss';
import type pg from 'pg';
import { localDate } from '../clock.ts';
import type { PersonalDataCipher } from '../crypto/personal-data.ts';
import { unscopedFindMonthlyRecompares } from '../modules/department/settings-repo.ts';
import { recompareAndRecord } from '../modules/department/source-settings.ts';

import { JOB_QUEUES, MONTHLY_RECOMPARE_QUEUE } from './install.ts';

export { MONTHLY_RECOMPARE_QUEUE } from './install.ts';
/** 02:00 on the 1st of every month, China Standard Time: rolling 12-month windows move even without new files. */
export const MONTHLY_RECOMPARE_CRON = '0 2 1 * *';
export const MONTHLY_RECOMPARE_TZ = 'Asia/Shanghai';

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
