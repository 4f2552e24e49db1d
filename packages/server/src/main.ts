import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp } from './app.ts';
import { loadConfig, type Config } from './config.ts';
import { openDatabase } from './db/database.ts';
import { openPersonalDataCipher } from './db/personal-data-key.ts';
import { CHAINED_TABLES } from './db/roles.ts';
import { readChainHeads } from './modules/audit/verify-chains.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemo } from './modules/demo/seed-demo.ts';
import { demoExposureRefusal, findDemoAccounts } from './modules/demo/demo-guard.ts';
import { localDate } from './clock.ts';
import { ensureShippedRuleSets } from './modules/rules/ensure-shipped-rule-sets.ts';
import { unscopedRefreshUncheckedCoverage } from './modules/monitoring/refresh-coverage.ts';
import { startJobs } from './jobs/boss.ts';
import { onKeptPartsFailure, stopBackgroundKeeping } from './modules/stats/kept-parts.ts';
import { refreshKeptParts } from './modules/stats/refresh-kept.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
export const WEB_DIST = path.resolve(here, '..', '..', 'web', 'dist');

/** `serve` refuses to start (demo accounts on the network without demo mode): the message says what to do. */
export class ServeRefusedError extends Error {}

/**
 * `fangpin serve`: opens the database (embedded by default), migrates, and listens on HOST:PORT.
 * Demo mode (`--demo`, FANGPIN_DEMO=1) seeds the demo county into an empty database. Without demo
 * mode, demo accounts (published password) may only listen on loopback — the server then still runs
 * as a demo (banner) — and beyond loopback it refuses to start. An install without accounts says
 * how to create the first (`fangpin init`). SIGINT/SIGTERM stop the HTTP server, then the database.
 */
export async function serve(
  config: Config = loadConfig(),
  options: { log?: (line: string) => void; handleSignals?: boolean } = {},
): Promise<{ close: () => Promise<void>; isDemo: boolean }> {
  const log = options.log ?? ((m: string) => process.stdout.write(`${m}\n`));
  const startedAt = Date.now();
  const db = await openDatabase(config, { kind: 'serve', log });
  let demo: Awaited<ReturnType<typeof seedDemo>> | undefined;
  let app: Awaited<ReturnType<typeof buildApp>> | undefined;
  let jobs: Awaited<ReturnType<typeof startJobs>> | undefined;
  let demoAccounts: Awaited<ReturnType<typeof findDemoAccounts>>;
  let accountCount: number;
  let dailyHeads: NodeJS.Timeout | undefined;
  let statsRefresh: NodeJS.Timeout | undefined;
  try {
    // Checked against the key fingerprint the database recorded: never a silent new key.
    const cipher = await openPersonalDataCipher(db.pool, config);
    const countAccounts = async () => (await db.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM users`)).rows[0]!.n;
    if ((await countAccounts()) === 0 && config.isDemo) {
      log('Demo mode, empty database: seeding the demo county 乐业县 (451028)…');
      demo = await seedDemo(db.pool, cipher, { today: localDate(new Date()) });
    }
    accountCount = await countAccounts();
    demoAccounts = await findDemoAccounts(db.pool);
    const refusal = demoExposureRefusal(config, demoAccounts);
    if (refusal) throw new ServeRefusedError(refusal);
    await ensureShippedRuleSets(db.pool);
    // Monitoring objects from before coverage was stored (or imported while no server ran) get their coverage checked once.
    await unscopedRefreshUncheckedCoverage(db.pool);
    const now = () => new Date();
    // Background jobs (pg-boss, schema FANGPIN_JOBS_SCHEMA): department imports and the monthly comparison.
    jobs = await startJobs({ pool: db.pool, cipher, now, schema: config.jobsSchema, log, importLimits: config.importLimits, importConcurrency: config.importConcurrency });
    app = await buildApp({
      pool: db.pool,
      // Demo accounts on loopback make it a demo too: the banner says so on every page.
      config: { ...config, isDemo: config.isDemo || demoAccounts.length > 0 },
      cipher,
      now,
      jobs,
      webDist: WEB_DIST,
      databaseLabel: db.isEmbedded ? `embedded (${path.join(config.dataDir, 'pg')})` : 'DATABASE_URL',
    });
    // The chains' heads in the log every day: an anchor outside the database (audit verify --anchor).
    const logChainHeads = async () => {
      const heads = await readChainHeads(db.pool);
      log(`Audit chain heads: ${CHAINED_TABLES.map((t) => `${t} #${heads[t].seq} ${heads[t].hash}`).join(', ')}`);
    };
    await logChainHeads();
    dailyHeads = setInterval(() => void logChainHeads().catch(() => undefined), 24 * 3600_000);
    dailyHeads.unref();
    // The statistics' kept parts of today (docs/statistics.md "Kept results"): brought up to date in
    // the background, one county at a time, so a leader's first look of the day reads kept figures.
    onKeptPartsFailure((line) => {
      if (!isStopping) log(line);
    });
    if (config.statsRefreshSeconds > 0) {
      let refreshing = false;
      const refresh = () => {
        if (refreshing) return;
        refreshing = true;
        void refreshKeptParts(db.pool, localDate(now()))
          .catch((e: unknown) => {
            if (!isStopping) log(`stats: refreshing the kept figures failed: ${String(e)}`);
          })
          .finally(() => (refreshing = false));
      };
      statsRefresh = setInterval(refresh, config.statsRefreshSeconds * 1000);
      statsRefresh.unref();
      setTimeout(refresh, 5_000).unref();
    }
    await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    clearInterval(dailyHeads);
    clearInterval(statsRefresh);
    await app?.close().catch(() => undefined);
    await jobs?.stop().catch(() => undefined);
    await db.close();
    throw error;
  }
  let isStopping = false;
  const close = async () => {
    if (isStopping) return;
    isStopping = true;
    clearInterval(dailyHeads);
    clearInterval(statsRefresh);
    await app.close().catch(() => undefined);
    await jobs.stop().catch(() => undefined);
    await stopBackgroundKeeping();
    await db.close();
  };
  if (options.handleSignals ?? true) {
    const stop = async (signal: string) => {
      log(`${signal}: stopping…`);
      await close();
      log('Stopped cleanly.');
      process.exit(0);
    };
    process.on('SIGINT', () => void stop('SIGINT'));
    process.on('SIGTERM', () => void stop('SIGTERM'));
  }
  const shownHost = ['0.0.0.0', '::'].includes(config.host) ? '127.0.0.1' : config.host;
  log(`\nFangpin 防贫 is running at http://${shownHost}:${config.port}  (API docs: /api/docs; ready in ${((Date.now() - startedAt) / 1000).toFixed(1)} s)`);
  log(`Database: ${db.isEmbedded ? `embedded PostgreSQL in ${config.dataDir}` : 'DATABASE_URL'}, as the restricted role ${db.appRole}`);
  if (demo) log(`Demo county seeded: ${demo.households} households, ${demo.persons} persons, ${demo.regions} villages.`);
  if (config.isDemo || demoAccounts.length > 0) {
    log(`DEMO ${config.isDemo ? 'MODE' : '(demo accounts found; listening on loopback only)'}: demo data and published passwords, never for real households.`);
  }
  if (demoAccounts.length > 0) {
    log(`Demo accounts (password ${DEMO_PASSWORD}):`);
    for (const a of demoAccounts) log(`  ${a.username.padEnd(18)} ${a.role.padEnd(17)} ${DEMO_ACCOUNTS.find((d) => d.username === a.username)?.displayName ?? a.regionCode}`);
  }
  if (accountCount === 0) {
    log('No accounts yet. Create this county\'s first admin (the server may keep running): npx fangpin init --county <6-digit county code>');
    log('Or, to look around with demo data instead: npx fangpin serve --demo on an empty data directory.');
  }
  return { close, isDemo: config.isDemo || demoAccounts.length > 0 };
}
